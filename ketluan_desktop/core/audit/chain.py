"""The audit chain: each entry's hash covers the previous entry's hash and its own content, so an
entry edited or deleted outside the app breaks the chain at that place (``verify``).

Appending takes the chain head's row first (an UPDATE: a row lock on PostgreSQL, the write lock on
SQLite) and keeps it to the end of the transaction: two workstations writing at once chain one
after the other. Within one transaction the head is read once and kept in ``session.info``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ketluan_desktop.core.audit.chain_digest import GENESIS, HEAD_ID, digest
from ketluan_desktop.core.audit.models import AuditChainHead, AuditEntry
from ketluan_desktop.core.db.base import table_of

_CACHE = "ketluan_audit_chain"


def digest_of(prev_hash: str, e: AuditEntry) -> str:
    return digest(
        prev_hash, e.at, e.username, e.action, e.entity, e.entity_id, e.summary, e.changes
    )


def _head(session: Session) -> tuple[int | None, str]:
    txn = session.get_transaction()
    cached = session.info.get(_CACHE)
    if cached is not None and cached[0] is txn:
        return cached[1], cached[2]
    # Take the head's row and read it in one statement (UPDATE … RETURNING: SQLite ≥ 3.35 and
    # PostgreSQL): concurrent writers wait here for the row, they never fork the chain.
    head = table_of(AuditChainHead)
    # Core statements on the session's connection: no ORM bulk-update machinery, no autoflush.
    row = (
        session.connection()
        .execute(
            update(head)
            .where(head.c.id == HEAD_ID)
            .values(last_id=head.c.last_id)
            .returning(head.c.last_id, head.c.last_hash)
        )
        .first()
    )
    if row is None:  # a database made without the migrations (create_all): start the chain
        session.add(AuditChainHead(id=HEAD_ID, last_id=None, last_hash=GENESIS))
        session.flush()
        return None, GENESIS
    return row[0], row[1]


def append(session: Session, entry: AuditEntry) -> AuditEntry:
    """Add ``entry`` at the end of the chain (flushes it to learn its id)."""
    _last_id, last_hash = _head(session)
    entry.prev_hash = last_hash
    entry.entry_hash = digest_of(last_hash, entry)
    session.add(entry)
    session.flush()  # its id, for the head
    head = table_of(AuditChainHead)
    session.connection().execute(
        update(head)
        .where(head.c.id == HEAD_ID)
        .values(last_id=entry.id, last_hash=entry.entry_hash)
    )
    session.info[_CACHE] = (session.get_transaction(), entry.id, entry.entry_hash)
    return entry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_id: int | None = None  # the first entry whose link does not hold
    reason: str | None = None
    head_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.reason is None


def walk(rows: Iterable[Any], head: tuple[int | None, str] | None) -> ChainReport:
    """Check rows (id order, with the columns of ``AuditEntry``) against each other and the head."""
    prev_hash, prev_id, n = GENESIS, None, 0
    for r in rows:
        n += 1
        if r.prev_hash != prev_hash:
            where = f"sau mục {prev_id}" if prev_id is not None else "ở đầu nhật ký"
            return ChainReport(
                n,
                r.id,
                f"Mục {r.id}: mục đứng trước nó ({where}) đã bị xóa hoặc sửa "
                "(mã băm nối không khớp).",
                prev_hash,
            )
        expected = digest(
            prev_hash,
            r.at,
            r.username,
            r.action,
            r.entity,
            r.entity_id,
            r.summary,
            r.changes,
            stored=True,
        )
        if r.entry_hash != expected:
            return ChainReport(
                n,
                r.id,
                f"Mục {r.id} đã bị sửa bên ngoài chương trình (nội dung không khớp mã băm).",
                prev_hash,
            )
        prev_hash, prev_id = r.entry_hash, r.id
    if head is not None and (head[0] != prev_id or head[1] != prev_hash):
        return ChainReport(
            n,
            head[0],
            f"Các mục cuối của nhật ký (đến mục {head[0]}) đã bị xóa "
            "hoặc sửa bên ngoài chương trình.",
            prev_hash,
        )
    return ChainReport(n, None, None, prev_hash)


def verify(session: Session) -> ChainReport:
    """Walk the whole trail in id order; the first broken link is reported."""
    head = session.execute(
        select(AuditChainHead.last_id, AuditChainHead.last_hash).where(AuditChainHead.id == HEAD_ID)
    ).first()
    cols = [
        getattr(AuditEntry, c)
        for c in (
            "id",
            "at",
            "username",
            "action",
            "entity",
            "entity_id",
            "summary",
            "changes",
            "prev_hash",
            "entry_hash",
        )
    ]
    stmt = select(*cols).order_by(AuditEntry.id)
    if head is not None and head[0] is not None:
        # Entries another workstation commits while this walks come after the head read here.
        stmt = stmt.where(AuditEntry.id <= head[0])
    rows = session.execute(stmt.execution_options(yield_per=2000))
    try:
        return walk(rows, (head[0], head[1]) if head is not None else None)
    finally:
        rows.close()  # a break found early would leave a server-side cursor open

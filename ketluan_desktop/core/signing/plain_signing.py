"""``ketluan sign`` on a SQLite file through the standard ``sqlite3`` module, without SQLAlchemy.

A signing process spent more on importing SQLAlchemy and the models and on mapping them than on
anything the bare pyHanko peer does not do (issue 14). On a file that the ordinary open would
open as it is (``plain_sqlite.plain_file``: this version's schema, a local file, no account to
sign in with) the command reads and writes here instead, with the rules and the wording of
``signing_rules`` that the ORM path (``signed_documents.sign_document``) uses too, and writes
the same rows the ORM's flush and hooks write:

- ``document_signature``: the new signature with its PDF and SHA-256;
- ``document``: status (the signer's signature), ``updated_at``, the change stamp
  (``changed_by``, ``changed_at``: ``db/versioning.py``), the folded search text (``derive``) and
  ``version`` moved on, ``WHERE version`` is the one read: someone else's change in between is a
  ``ConflictError``, never overwritten;
- ``audit_entry`` chained to the head (``audit/chain.py``: the head's row taken first, the hash
  of ``audit/chain_digest.py``) and the head moved on;
- ``change_log``: the announcement other workstations read (``db/changes.py``).

Values are stored as SQLAlchemy's column types store them on SQLite: text in NFC, aware times as
UTC text with microseconds, JSON through ``json.dumps``. ``tests/core/signing_service/
test_plain_signing.py`` signs the same document both ways on two copies of a database and
compares every row. The ORM path stays for PostgreSQL, migrations, sign-ins, ``--crl`` (the
trusted roots) and a document whose layout is neither frozen nor chosen (the default profile
may have to be seeded).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from ketluan_desktop.core.errors import ConflictError, NotFoundError
from ketluan_desktop.core.signing import signing_rules as rules
from ketluan_desktop.core.text import fold

if TYPE_CHECKING:
    from ketluan_desktop.core.render.profile import LayoutProfile
    from ketluan_desktop.core.signing.keys import SigningKey

BUSY_TIMEOUT_MS = 10_000  # as the ordinary open (database.BUSY_TIMEOUT_MS)
KEEP_LOG_ROWS = 2000  # as db/changes.py
HEAD_ID = 1


@dataclass(frozen=True)
class PlainSignature:
    """What the command prints and writes out of the new ``document_signature`` row."""

    id: int
    kind: str
    signer_name: str | None
    certificate_subject: str
    certificate_serial: str
    signed_at: datetime
    pdf: bytes
    sha256: str


# ----------------------------------------------------------------------------- the values


def _nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _utc_text(moment: datetime) -> str:
    """An aware time as SQLAlchemy's SQLite DateTime stores ``UTCDateTime``'s value."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def _json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


# ------------------------------------------------------------------------------ connecting


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection set up as the ordinary open's (``database._sqlite_pragmas``); transactions
    are begun by hand (``BEGIN IMMEDIATE`` for the write, as ``write_session``)."""
    from ketluan_desktop.core.db import preflight

    target = preflight._readonly_uri(path) if readonly else str(path)
    con = sqlite3.connect(
        target, uri=readonly, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not readonly:
        con.execute("PRAGMA foreign_keys = ON")
        wal = con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        con.execute("PRAGMA synchronous = NORMAL" if wal else "PRAGMA synchronous = FULL")
    return con


@contextlib.contextmanager
def write_transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back on any error."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


# --------------------------------------------------------------------------------- reading


def _namespace(cur: sqlite3.Cursor, row: tuple) -> SimpleNamespace:
    return SimpleNamespace(**{d[0]: v for d, v in zip(cur.description, row, strict=True)})


def _rows(con: sqlite3.Connection, sql: str, *params: Any) -> list[SimpleNamespace]:
    cur = con.execute(sql, params)
    return [_namespace(cur, r) for r in cur.fetchall()]


def read_document(con: sqlite3.Connection, doc_id: int) -> SimpleNamespace:
    """The document with its sections (each with its blocks), recipients and signatures, ordered
    as the ORM's relationships order them (``records.get(full=True)``)."""
    found = _rows(con, "SELECT * FROM document WHERE id = ?", doc_id)
    if not found:
        raise NotFoundError(
            f"Không có văn bản mã số {doc_id}. Có thể văn bản đã bị xóa; hãy tải lại danh sách.",
            cli_hint="Dùng «ketluan documents list» để xem các văn bản hiện có.",
        )
    doc = found[0]
    doc.doc_date = date.fromisoformat(doc.doc_date) if doc.doc_date else None
    doc.issued_at = _utc(doc.issued_at)
    doc.layout_snapshot = _json(doc.layout_snapshot)
    doc.sections = _rows(
        con,
        "SELECT id, number, heading FROM section WHERE document_id = ? ORDER BY position",
        doc_id,
    )
    by_section: dict[int, list[SimpleNamespace]] = {s.id: [] for s in doc.sections}
    doc_blocks = _rows(
        con,
        "SELECT block.section_id, block.kind, block.level, block.text, block.marks FROM block "
        "JOIN section ON section.id = block.section_id WHERE section.document_id = ? "
        "ORDER BY block.position",
        doc_id,
    )
    for b in doc_blocks:
        b.marks = _json(b.marks)
        by_section[b.section_id].append(b)
    for s in doc.sections:
        s.blocks = by_section[s.id]
    doc.recipients = _rows(
        con, "SELECT text FROM recipient WHERE document_id = ? ORDER BY position", doc_id
    )
    doc.signatures = _rows(
        con,
        "SELECT id, kind, pdf, sha256 FROM document_signature WHERE document_id = ? ORDER BY id",
        doc_id,
    )
    return doc


def setting(con: sqlite3.Connection, key: str) -> Any:
    """A stored setting's value (``org/settings.get``; the signing ones default to None)."""
    row = con.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return None if row is None else _json(row[0])


def layout_profile(con: sqlite3.Connection, doc: Any) -> LayoutProfile | None:
    """The layout ``layout_profiles.for_document`` gives an issued document: its snapshot, else
    its chosen profile; None when it would be the office's default (the ORM path seeds it)."""
    from ketluan_desktop.core.documents.content import DocumentStatus
    from ketluan_desktop.core.render.profile import LayoutProfile

    if doc.status != DocumentStatus.DRAFT.value and doc.layout_snapshot:
        return LayoutProfile.from_dict(doc.layout_snapshot)
    if doc.layout_profile_id:
        row = con.execute(
            "SELECT name, data FROM layout_profile WHERE id = ?", (doc.layout_profile_id,)
        ).fetchone()
        if row is not None:
            return LayoutProfile.from_dict({**json.loads(row[1]), "name": row[0]})
    return None


def image_finder(con: sqlite3.Connection) -> Callable[..., bytes | None]:
    def find(kind: str, *names: str | None) -> bytes | None:
        rows = con.execute("SELECT name, png FROM signing_image WHERE kind = ?", (kind,))
        return rules.image_by_name([(n, bytes(p)) for n, p in rows], kind, *names)

    return find


# --------------------------------------------------------------------------------- signing


def sign_file(
    path: Path, out: str | os.PathLike[str], doc_id: int, key: SigningKey, **options: Any
) -> PlainSignature:
    """``sign_document`` in a write transaction on ``path``, its PDF written to ``out`` once
    committed (``signed_output``); a storage fault said as the ordinary open says it."""
    from ketluan_desktop.core.db import errors, file_guard
    from ketluan_desktop.core.signing.signed_output import sign_in_transaction

    origin = uuid.uuid4().hex[:12]  # this process's announcements, as Database.origin
    wal, con = False, None
    file_guard.register(path)
    try:
        con = live = connect(path)
        wal = live.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        return sign_in_transaction(
            str(path),
            lambda: write_transaction(live),
            out,
            lambda c: sign_document(c, doc_id, key, origin=origin, **options),
        )
    except sqlite3.Error as exc:
        err = errors.classify(exc, path=path, display=str(path), wal=wal)
        if err is None:
            raise
        raise err from exc
    finally:
        if con is not None:
            con.close()
        file_guard.unregister(path)


def sign_document(
    con: sqlite3.Connection,
    doc_id: int,
    key: SigningKey,
    *,
    kind: rules.Kind,
    now: datetime,
    origin: str,
    signature_image: bytes | None = None,
    seal_image: bytes | None = None,
    tsa_url: str | None = None,
    expected_version: int | None = None,
    allow_other_signer: bool = False,
    utc_clock: Callable[[], datetime] | None = None,
) -> PlainSignature:
    """``signed_documents.sign_document`` inside ``con``'s write transaction (see the module)."""
    from ketluan_desktop.core.access.actor import check, local_actor
    from ketluan_desktop.core.access.permissions import Permission
    from ketluan_desktop.core.signing._common import require_aware
    from ketluan_desktop.core.signing.certs import check_signing_certificate

    actor = check(local_actor(), Permission.SIGN_DOCUMENTS)  # a workstation's own file
    require_aware(now)
    doc = read_document(con, doc_id)
    if expected_version is not None and doc.version != expected_version:
        raise ConflictError(rules.changed_message(doc))
    rules.check_can_sign(doc, kind)
    check_signing_certificate(key.certificate, now)
    cn, org, subject, serial = rules.cert_fields(key)
    if kind == "signer" and not allow_other_signer:
        rules.check_signer_matches(doc, cn)
    base, box = _pdf_to_sign(con, doc)
    signed, name = rules.sign_issued(
        base, box, key, image_finder(con), doc, kind, cn, org,
        images=(signature_image, seal_image), now=now, tsa_url=tsa_url,
        validation=None,  # --crl goes the ORM's way (the office's trusted roots)
    )  # fmt: skip
    sig = PlainSignature(
        0, kind, cn or name or None, subject, serial, now, signed, rules.sha256_hex(signed)
    )
    stamp = (utc_clock or (lambda: datetime.now(UTC)))()
    sig_id = _store_signature(con, doc, sig, now, actor.username, stamp)
    changes = rules.audit_changes(
        kind=kind,
        subject=subject,
        serial=serial,
        key=key,
        sha256=sig.sha256,
        tsa_url=tsa_url,
        embedded=False,
        visible=box is not None,
    )
    _append_audit(
        con,
        now=now,
        username=actor.username,
        entity_id=doc.id,
        summary=rules.audit_summary(kind, doc.number_symbol, sig.signer_name),
        changes=changes,
    )
    _announce(con, doc.id, origin)
    return dataclasses.replace(sig, id=sig_id)


def _pdf_to_sign(con: sqlite3.Connection, doc: Any) -> tuple[bytes, tuple | None]:
    from ketluan_desktop.core.signing.signature_fields import signer_box_in

    if doc.signatures:
        base = rules.stored_pdf(doc.signatures[-1])
        return base, signer_box_in(base)
    profile = layout_profile(con, doc)
    if profile is None:  # the caller checked before the key was opened
        raise RuntimeError("the layout profile is not the document's own")
    return rules.render_issued(doc, profile)


def _store_signature(
    con: sqlite3.Connection,
    doc: Any,
    sig: PlainSignature,
    now: datetime,
    username: str,
    stamp: datetime,
) -> int:
    cur = con.execute(
        "INSERT INTO document_signature (document_id, kind, signer_name, certificate_subject, "
        "certificate_serial, signed_at, pdf, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.id,
            _nfc(sig.kind),
            _nfc(sig.signer_name),
            _nfc(sig.certificate_subject),
            _nfc(sig.certificate_serial),
            _utc_text(sig.signed_at),
            sig.pdf,
            sig.sha256,
        ),
    )
    sig_id = cur.lastrowid
    assert sig_id is not None
    status = "signed" if sig.kind == "signer" else doc.status
    folded = fold(
        " ".join(filter(None, [doc.number_symbol, doc.title, doc.subject, doc.signer_name]))
    )  # Document.derive, run on every flush of the row
    cur = con.execute(
        "UPDATE document SET status = ?, updated_at = ?, changed_by = ?, changed_at = ?, "
        "search_folded = ?, version = ? WHERE id = ? AND version = ?",
        (
            _nfc(status),
            _utc_text(now),
            _nfc(username),
            _utc_text(stamp),
            _nfc(folded),
            doc.version + 1,
            doc.id,
            doc.version,
        ),
    )
    if cur.rowcount != 1:  # changed on another workstation since it was read
        raise ConflictError(rules.changed_message(doc))
    return sig_id


def _append_audit(
    con: sqlite3.Connection,
    *,
    now: datetime,
    username: str,
    entity_id: int,
    summary: str,
    changes: dict[str, Any],
) -> None:
    from ketluan_desktop.core.audit.chain_digest import GENESIS, digest

    row = con.execute(
        "UPDATE audit_chain_head SET last_id = last_id WHERE id = ? RETURNING last_id, last_hash",
        (HEAD_ID,),
    ).fetchone()
    if row is None:  # a database made without the migrations: start the chain (as chain._head)
        con.execute(
            "INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (?, NULL, ?)",
            (HEAD_ID, GENESIS),
        )
        last_hash = GENESIS
    else:
        last_hash = row[1]
    entry_hash = digest(last_hash, now, username, "sign", "document", entity_id, summary, changes)
    cur = con.execute(
        "INSERT INTO audit_entry (at, username, action, entity, entity_id, summary, changes, "
        "prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            _utc_text(now),
            _nfc(username),
            "sign",
            "document",
            entity_id,
            _nfc(summary),
            json.dumps(changes),
            last_hash,
            entry_hash,
        ),
    )
    con.execute(
        "UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = ?",
        (cur.lastrowid, entry_hash, HEAD_ID),
    )


def _announce(con: sqlite3.Connection, doc_id: int, origin: str) -> None:
    """The ``change_log`` row ``changes._before_commit`` writes for a signed document."""
    con.execute(
        "INSERT INTO change_log (area, ids, origin) VALUES (?, ?, ?)",
        ("documents", json.dumps([doc_id]), _nfc(origin)),
    )
    newest = con.execute("SELECT max(change_log.id) FROM change_log").fetchone()[0]
    if newest and newest > KEEP_LOG_ROWS:
        con.execute("DELETE FROM change_log WHERE change_log.id <= ?", (newest - KEEP_LOG_ROWS,))

"""The audit trail of every change, chained: each entry carries the hash of the one before."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ketluan_desktop.core.db.base import Base, IdMixin


class AuditEntry(IdMixin, Base):
    __tablename__ = "audit_entry"

    at: Mapped[datetime]
    username: Mapped[str | None]
    action: Mapped[str]  # create | update | delete | issue | sign | import | export …
    entity: Mapped[str]  # table name
    entity_id: Mapped[int | None]
    summary: Mapped[str | None]
    changes: Mapped[dict[str, Any] | None]
    # SHA-256 of the previous entry's hash and this entry's content (core/audit/chain.py).
    prev_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    entry_hash: Mapped[str | None] = mapped_column(String(64), default=None)

    __table_args__ = (
        Index(None, "entity", "entity_id"),
        Index(None, "at"),
        Index(None, "username", "at"),
    )


class AuditChainHead(Base):
    """One row: the newest entry's id and hash. Every writer updates it first, so writers on a
    shared server take their turn (its row lock) and the chain never forks; it also shows when
    the newest entries were deleted."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int | None] = mapped_column(default=None)
    last_hash: Mapped[str] = mapped_column(String(64))

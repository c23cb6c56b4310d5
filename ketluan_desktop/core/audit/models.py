"""Users and the audit trail of every change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index
from sqlalchemy.orm import Mapped, mapped_column

from ketluan_desktop.core.db.base import Base, IdMixin


class User(IdMixin, Base):
    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(unique=True)
    full_name: Mapped[str | None]
    active: Mapped[bool] = mapped_column(default=True)


class AuditEntry(IdMixin, Base):
    __tablename__ = "audit_entry"

    at: Mapped[datetime]
    username: Mapped[str | None]
    action: Mapped[str]  # create | update | delete | issue | sign | import | export …
    entity: Mapped[str]  # table name
    entity_id: Mapped[int | None]
    summary: Mapped[str | None]
    changes: Mapped[dict[str, Any] | None]

    __table_args__ = (Index(None, "entity", "entity_id"), Index(None, "at"))

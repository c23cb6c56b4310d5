"""Users, the audit trail of every change, app settings, trusted root certificates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, LargeBinary, UniqueConstraint
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


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[Any] = mapped_column(__import__("sqlalchemy").JSON)


class TrustedRoot(IdMixin, Base):
    __tablename__ = "trusted_root"

    subject: Mapped[str]
    sha256: Mapped[str] = mapped_column(unique=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    not_after: Mapped[datetime | None]
    added_at: Mapped[datetime]


class SigningImage(IdMixin, Base):
    """A transparent PNG shown on visible signatures: a signer's scanned handwritten signature
    (``kind="signature"``, ``name`` = the signer's name) or the office's seal (``kind="seal"``,
    ``name`` = the organisation's name). Managed in Settings → Chữ ký số."""

    __tablename__ = "signing_image"

    kind: Mapped[str]  # signature | seal
    name: Mapped[str]
    png: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str]
    added_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("kind", "name"),)

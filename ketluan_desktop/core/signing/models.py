"""What signing keeps in the database: the office's trusted root certificates and the images
(signatures, seals) drawn on visible signatures. Signatures of documents are in
``core.documents.models.DocumentSignature``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ketluan_desktop.core.db.base import Base, IdMixin


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

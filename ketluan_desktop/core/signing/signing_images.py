"""The handwritten-signature and seal images shown on signed pages, kept in the database and
managed in Settings: prepared as transparent PNGs (scans on white paper made transparent), found
by the signer's or the organisation's name with accents and case ignored.

Split from ``signed_documents`` (which re-exports these names) so each stays a readable size.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import NotFoundError, ValidationError
from ketluan_desktop.core.signing.image_prep import (  # noqa: F401 - also imported from here
    IMAGE_KIND_LABELS,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_SIDE,
    WHITE_THRESHOLD,
    ImageKind,
    prepare_image,
)
from ketluan_desktop.core.signing.models import SigningImage
from ketluan_desktop.core.signing.signing_rules import image_by_name
from ketluan_desktop.core.text import fold, nfc


@dataclass(frozen=True)
class ImageRow:
    id: int
    kind: str
    name: str
    width: int
    height: int
    added_at: datetime

    @property
    def kind_label(self) -> str:
        return IMAGE_KIND_LABELS.get(self.kind, self.kind)


def _image_row(img: SigningImage) -> ImageRow:
    from PIL import Image

    with Image.open(BytesIO(img.png)) as probe:
        w, h = probe.size
    return ImageRow(img.id, img.kind, img.name, w, h, img.added_at)


def list_images(session: Session, kind: ImageKind | None = None) -> list[ImageRow]:
    stmt = select(SigningImage).order_by(SigningImage.kind, SigningImage.name)
    if kind:
        stmt = stmt.where(SigningImage.kind == kind)
    return [_image_row(i) for i in session.scalars(stmt)]


def image_bytes(session: Session, image_id: int) -> bytes:
    img = session.get(SigningImage, image_id)
    if img is None:
        raise NotFoundError(f"Không có ảnh chữ ký/con dấu mã số {image_id}.")
    return bytes(img.png)


@requires(Permission.EDIT_SETTINGS)
def set_image(
    session: Session,
    kind: ImageKind,
    name: str,
    data: bytes,
    *,
    now: datetime,
    username: str | None = None,
) -> tuple[ImageRow, bool]:
    """Store (or replace) the image of ``kind`` for ``name``; returns it and whether its white
    background was made transparent."""
    if kind not in IMAGE_KIND_LABELS:
        raise ValidationError(f"Loại ảnh không hợp lệ: {kind!r}.")
    name = nfc((name or "").strip()) or ""
    if not name:
        who = "người ký" if kind == "signature" else "cơ quan"
        raise ValidationError(f"Hãy nhập tên {who} của {IMAGE_KIND_LABELS[kind]}.")
    png, made_transparent = prepare_image(data, IMAGE_KIND_LABELS[kind].capitalize())
    img = session.scalar(
        select(SigningImage).where(SigningImage.kind == kind, SigningImage.name == name)
    )
    action = "update"
    if img is None:
        img = SigningImage(kind=kind, name=name, png=png, sha256="", added_at=now)
        session.add(img)
        action = "create"
    img.png = png
    img.sha256 = hashlib.sha256(png).hexdigest()
    img.added_at = now
    session.flush()
    audit.record(
        session,
        now=now,
        action=action,
        entity="signing_image",
        entity_id=img.id,
        summary=f"Nạp {IMAGE_KIND_LABELS[kind]} của {name}",
        changes={"sha256": img.sha256},
        username=username,
    )
    return _image_row(img), made_transparent


@requires(Permission.EDIT_SETTINGS)
def remove_image(
    session: Session, image_id: int, *, now: datetime, username: str | None = None
) -> None:
    img = session.get(SigningImage, image_id)
    if img is None:
        raise NotFoundError(f"Không có ảnh chữ ký/con dấu mã số {image_id}.")
    summary = f"Xóa {IMAGE_KIND_LABELS.get(img.kind, img.kind)} của {img.name}"
    session.delete(img)
    session.flush()
    audit.record(
        session,
        now=now,
        action="delete",
        entity="signing_image",
        entity_id=image_id,
        summary=summary,
        username=username,
    )


def has_image(session: Session, kind: ImageKind, name: str) -> bool:
    """Whether an image of ``kind`` is stored for exactly this name (accents and case ignored)."""
    wanted = fold(name)
    return any(fold(r.name) == wanted for r in list_images(session, kind))


def find_image(session: Session, kind: ImageKind, *names: str | None) -> bytes | None:
    """The stored image for the first of ``names`` that has one (accents and case ignored);
    for the seal, the only one stored when no name matches."""
    rows = session.scalars(select(SigningImage).where(SigningImage.kind == kind))
    return image_by_name([(r.name, r.png) for r in rows], kind, *names)

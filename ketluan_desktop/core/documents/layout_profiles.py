"""Layout profiles in the database: the built-in ones seeded on first use, the office's own copies,
the default, and the profile a given document is rendered with.

An issued document keeps a snapshot of its profile's numbers (``Document.layout_snapshot``), so a
re-export years later gives the same pages even after the profile was edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents.content import DocumentStatus
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.documents.models import LayoutProfile as ProfileRow
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.render.profile import BUILTIN_PROFILES, DEFAULT_PROFILE, LayoutProfile


@dataclass(frozen=True)
class ProfileInfo:
    id: int
    name: str
    builtin: bool
    is_default: bool


def ensure_builtins(session: Session, *, now: datetime | None = None) -> None:
    """Seed the built-in profiles (once); the first becomes the default if none is."""
    existing = {r.name: r for r in session.scalars(select(ProfileRow))}
    added = False
    for name, profile in BUILTIN_PROFILES.items():
        if name not in existing:
            row = ProfileRow(
                name=name,
                builtin=True,
                is_default=False,
                data=profile.to_dict(),
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            existing[name] = row
            added = True
    if added:
        session.flush()
    if not any(r.is_default for r in existing.values()):
        existing[DEFAULT_PROFILE.name].is_default = True
        session.flush()


def list_profiles(session: Session) -> list[ProfileInfo]:
    ensure_builtins(session)
    rows = session.scalars(select(ProfileRow).order_by(ProfileRow.builtin.desc(), ProfileRow.name))
    return [ProfileInfo(r.id, r.name, r.builtin, r.is_default) for r in rows]


def _row(session: Session, profile_id: int) -> ProfileRow:
    row = session.get(ProfileRow, profile_id)
    if row is None:
        raise NotFoundError(f"Không có mẫu trình bày mã số {profile_id}.")
    return row


def get(session: Session, profile_id: int) -> LayoutProfile:
    row = _row(session, profile_id)
    return LayoutProfile.from_dict({**row.data, "name": row.name})


def default(session: Session) -> tuple[int, LayoutProfile]:
    ensure_builtins(session)
    row = session.scalars(select(ProfileRow).where(ProfileRow.is_default.is_(True))).first()
    assert row is not None
    return row.id, LayoutProfile.from_dict({**row.data, "name": row.name})


def office_default(session: Session) -> LayoutProfile:
    """The profile the office marked as default, read only (reports use it); the built-in default
    when none is marked yet or the stored one no longer validates."""
    row = session.scalars(
        select(ProfileRow).where(ProfileRow.is_default.is_(True)).limit(1)
    ).first()
    if row is None:
        return DEFAULT_PROFILE
    try:
        return LayoutProfile.from_dict({**row.data, "name": row.name})
    except ValidationError:
        return DEFAULT_PROFILE


def for_document(session: Session, doc: Document) -> tuple[int | None, LayoutProfile]:
    """The profile that renders ``doc``: its frozen snapshot once issued, else its chosen one."""
    if doc.status != DocumentStatus.DRAFT.value and doc.layout_snapshot:
        return doc.layout_profile_id, LayoutProfile.from_dict(doc.layout_snapshot)
    if doc.layout_profile_id:
        row = session.get(ProfileRow, doc.layout_profile_id)
        if row is not None:
            return row.id, LayoutProfile.from_dict({**row.data, "name": row.name})
    return default(session)


def in_force_on(session: Session, on: date | None) -> tuple[int | None, LayoutProfile]:
    """The profile a document dated ``on`` was printed with when nothing recorded it: the
    built-in guidance in force then (HD 36 before HD 05's date), else the office's default."""
    from ketluan_desktop.core.render.profile import builtin_in_force

    ensure_builtins(session)
    builtin = builtin_in_force(on)
    if builtin is None:
        return default(session)
    row = session.scalars(select(ProfileRow).where(ProfileRow.name == builtin.name)).first()
    return (row.id if row is not None else None), builtin


def freeze(session: Session, doc: Document) -> None:
    """Give an issued document without one its snapshot (imports, the demo office): from then on
    it prints the same whatever becomes the default."""
    if doc.status == DocumentStatus.DRAFT.value or doc.layout_snapshot:
        return
    if doc.layout_profile_id and session.get(ProfileRow, doc.layout_profile_id) is not None:
        profile_id, profile = doc.layout_profile_id, get(session, doc.layout_profile_id)
    else:
        profile_id, profile = in_force_on(session, doc.doc_date)
    doc.layout_profile_id = profile_id
    doc.layout_snapshot = profile.to_dict()


def for_draft(session: Session, profile_id: int | None) -> LayoutProfile:
    if profile_id:
        row = session.get(ProfileRow, profile_id)
        if row is not None:
            return LayoutProfile.from_dict({**row.data, "name": row.name})
    return default(session)[1]


def save(
    session: Session,
    profile_id: int | None,
    data: dict[str, Any],
    *,
    now: datetime,
    username: str | None = None,
) -> ProfileInfo:
    """Create (``profile_id`` None) or update an office profile; built-ins are not edited."""
    profile = LayoutProfile.from_dict(data)  # validates, with Vietnamese messages
    name = profile.name.strip()
    clash = session.scalars(select(ProfileRow).where(ProfileRow.name == name)).first()
    if clash is not None and clash.id != profile_id:
        raise ConflictError(f"Đã có mẫu trình bày tên «{name}». Hãy đặt một tên khác.")
    if profile_id is None:
        row = ProfileRow(name=name, builtin=False, is_default=False, data={}, created_at=now)
        session.add(row)
    else:
        row = _row(session, profile_id)
        if row.builtin:
            raise ValidationError(
                f"«{row.name}» là mẫu có sẵn theo hướng dẫn nên không sửa trực tiếp. "
                "Hãy bấm «Nhân bản» để tạo bản của Văn phòng rồi sửa bản đó."
            )
    row.name = name
    row.data = {**profile.to_dict(), "name": name}
    row.updated_at = now
    session.flush()
    audit.record(
        session,
        now=now,
        action="update",
        entity="layout_profile",
        entity_id=row.id,
        summary=f"Mẫu trình bày «{name}»",
        username=username,
    )
    return ProfileInfo(row.id, row.name, row.builtin, row.is_default)


def duplicate(session: Session, profile_id: int, *, now: datetime) -> ProfileInfo:
    source = _row(session, profile_id)
    names = set(session.scalars(select(ProfileRow.name)))
    base = f"{source.name} — bản của Văn phòng"
    name, i = base, 2
    while name in names:
        name, i = f"{base} ({i})", i + 1
    return save(session, None, {**source.data, "name": name}, now=now)


def set_default(session: Session, profile_id: int) -> None:
    _row(session, profile_id)
    session.execute(update(ProfileRow).values(is_default=ProfileRow.id == profile_id))
    session.expire_all()


def delete(session: Session, profile_id: int) -> None:
    row = _row(session, profile_id)
    if row.builtin:
        raise ValidationError(f"«{row.name}» là mẫu có sẵn nên không xóa được.")
    if row.is_default:
        raise ValidationError(
            f"«{row.name}» đang là mẫu mặc định. Hãy chọn mẫu mặc định khác trước khi xóa."
        )
    used = session.scalar(
        select(Document.id)
        .where(
            Document.layout_profile_id == profile_id,
            Document.status == DocumentStatus.DRAFT.value,
        )
        .limit(1)
    )
    if used is not None:
        raise ValidationError(
            f"Mẫu «{row.name}» đang được dùng cho dự thảo (mã số {used}). Hãy chọn mẫu khác cho "
            "dự thảo đó trước khi xóa; văn bản đã ban hành vẫn giữ nguyên bản chụp của mẫu."
        )
    session.delete(row)

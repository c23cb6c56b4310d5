"""Units the tasks go to: the issuing body's departments, grassroots Party organisations, their
cells and the bloc's mass organisations, as a tree; edited in Settings, imported from Excel.

A unit in use (tasks, members, documents…) is never deleted: it is set inactive, so old records
keep its name. Two workstations editing the same unit: the second save is refused (version check).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.db.base import Base
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.org.models import ORG_KIND_LABELS, Organisation, OrgKind
from ketluan_desktop.core.text import clean, fold

UNIT_KINDS = (OrgKind.DEPARTMENT, OrgKind.GRASSROOTS, OrgKind.CELL, OrgKind.MASS, OrgKind.EXTERNAL)
_KIND_RANK = {k.value: i for i, k in enumerate(UNIT_KINDS)}

# How other tables that point at a unit are named when a deletion is refused.
_USES = {
    "task.lead_unit_id": "nhiệm vụ chủ trì",
    "task_co_unit.organisation_id": "nhiệm vụ phối hợp",
    "task_update.unit_id": "báo cáo tiến độ",
    "member.organisation_id": "đảng viên",
    "member.cell_id": "đảng viên (chi bộ)",
    "person.organisation_id": "cán bộ",
    "document.issuer_org_id": "văn bản",
    "meeting.organisation_id": "hội nghị",
}


@dataclass(frozen=True)
class UnitNode:
    id: int
    parent_id: int | None
    name: str
    short_name: str | None
    kind: str
    position: int
    active: bool
    depth: int
    version: int
    parent_name: str | None = None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


def kind_label(kind: str) -> str:
    try:
        return ORG_KIND_LABELS[OrgKind(kind)]
    except ValueError:
        return kind


@dataclass
class UnitInput:
    name: str
    kind: str = OrgKind.DEPARTMENT.value
    short_name: str | None = None
    parent_id: int | None = None  # None: directly under the issuing body
    active: bool = True


def flat_tree(session: Session, *, include_inactive: bool = True) -> list[UnitNode]:
    """Every unit, depth first (departments, grassroots with their cells, mass organisations…)."""
    rows = session.execute(
        select(
            Organisation.id,
            Organisation.parent_id,
            Organisation.name,
            Organisation.short_name,
            Organisation.kind,
            Organisation.position,
            Organisation.active,
            Organisation.version,
        )
    ).all()
    # The issuing bodies come in the same statement (one round trip on a server), then leave.
    issuers = {r[0] for r in rows if r[4] == OrgKind.ISSUING_BODY.value}
    rows = [r for r in rows if r[0] not in issuers]
    by_id = {r[0]: r for r in rows}
    children: dict[int | None, list] = {}
    for r in rows:
        parent = r[1] if r[1] in by_id else None  # under the issuing body, or orphaned
        children.setdefault(parent, []).append(r)
    for kids in children.values():
        kids.sort(key=lambda r: (_KIND_RANK.get(r[4], 99), r[5], fold(r[2])))
    out: list[UnitNode] = []

    def walk(parent: int | None, depth: int, parent_name: str | None) -> None:
        for r in children.get(parent, []):
            if not include_inactive and not r[6]:
                continue
            out.append(
                UnitNode(
                    r[0],
                    r[1] if r[1] not in issuers else None,
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    r[6],
                    depth,
                    r[7],
                    parent_name,
                )
            )
            walk(r[0], depth + 1, r[3] or r[2])

    walk(None, 0, None)
    return out


def choices(session: Session, *, include_inactive: bool = False) -> list[tuple[int, str]]:
    """(id, label indented by depth) for pickers."""
    return [
        (n.id, "    " * n.depth + n.display_name)
        for n in flat_tree(session, include_inactive=include_inactive)
    ]


def get(session: Session, unit_id: int) -> Organisation:
    unit = session.get(Organisation, unit_id)
    if unit is None or unit.kind == OrgKind.ISSUING_BODY.value:
        raise NotFoundError(
            f"Không có đơn vị mã số {unit_id}. Có thể đơn vị vừa bị xóa ở máy khác; hãy tải lại danh sách."
        )
    return unit


def find(session: Session, name: str) -> Organisation:
    """A unit by its name or short name, accents optional; a unique partial match also counts."""
    key = fold(name)
    if not key:
        raise ValidationError("Chưa ghi tên đơn vị.")
    units = session.scalars(
        select(Organisation).where(Organisation.kind != OrgKind.ISSUING_BODY.value)
    ).all()
    exact = [u for u in units if key in (u.name_folded, fold(u.short_name))]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [u for u in units if key in u.name_folded or key in fold(u.short_name)]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        sample = ", ".join(n.display_name for n in flat_tree(session, include_inactive=False)[:8])
        raise NotFoundError(f"Không có đơn vị nào tên «{name}». Một số đơn vị hiện có: {sample}…")
    names = "; ".join(_path_name(session, u) for u in partial[:6])
    raise ValidationError(
        f"Có {len(partial)} đơn vị khớp với «{name}»: {names}. Hãy ghi tên đầy đủ hơn."
    )


def _path_name(session: Session, unit: Organisation) -> str:
    parent = session.get(Organisation, unit.parent_id) if unit.parent_id else None
    if parent is not None and parent.kind != OrgKind.ISSUING_BODY.value:
        return f"{unit.name} ({parent.short_name or parent.name})"
    return unit.name


def issuing_body_id(session: Session) -> int | None:
    from ketluan_desktop.core.org import organisations as org_service

    try:
        return org_service.issuing_body(session).id
    except NotFoundError:
        return None


def _validate(
    session: Session, data: UnitInput, unit: Organisation | None
) -> tuple[str, str | None, int | None]:
    name = clean(data.name) or ""
    short = clean(data.short_name) or None
    if not name:
        raise ValidationError("Tên đơn vị không được để trống. Ví dụ: «Ban Tổ chức Đảng ủy Khối».")
    if len(name) > 300:
        raise ValidationError("Tên đơn vị quá dài (tối đa 300 ký tự). Hãy ghi gọn lại.")
    try:
        kind = OrgKind(data.kind)
    except ValueError:
        kind = None
    if kind not in UNIT_KINDS:
        labels = ", ".join(f"«{kind_label(k.value)}»" for k in UNIT_KINDS)
        raise ValidationError(f"Loại đơn vị «{data.kind}» không hợp lệ. Chọn một trong: {labels}.")
    parent = None
    if data.parent_id is not None:
        parent = session.get(Organisation, data.parent_id)
        if parent is None:
            raise NotFoundError("Đơn vị cấp trên đã chọn không còn. Hãy tải lại danh sách đơn vị.")
        if parent.kind == OrgKind.ISSUING_BODY.value:
            parent = None
    if kind is OrgKind.CELL and (parent is None or parent.kind != OrgKind.GRASSROOTS.value):
        raise ValidationError(
            f"«{name}» là chi bộ trực thuộc nên phải thuộc một tổ chức cơ sở đảng (đảng bộ cơ sở). "
            "Hãy chọn đơn vị cấp trên, hoặc chọn loại «Tổ chức cơ sở đảng» nếu là chi bộ cơ sở."
        )
    if parent is not None and parent.kind == OrgKind.CELL.value:
        raise ValidationError("Chi bộ trực thuộc không có đơn vị cấp dưới. Hãy chọn cấp trên khác.")
    if unit is not None and parent is not None:
        p: Organisation | None = parent
        while p is not None:
            if p.id == unit.id:
                raise ValidationError(
                    f"Không thể đặt «{name}» trực thuộc chính nó hoặc đơn vị cấp dưới của nó."
                )
            p = session.get(Organisation, p.parent_id) if p.parent_id else None
    parent_id = parent.id if parent is not None else issuing_body_id(session)
    clash = session.scalars(
        select(Organisation).where(
            Organisation.name_folded == fold(name),
            Organisation.parent_id.is_(None)
            if parent_id is None
            else Organisation.parent_id == parent_id,
        )
    ).first()
    if clash is not None and (unit is None or clash.id != unit.id):
        where = f" thuộc «{parent.short_name or parent.name}»" if parent is not None else ""
        raise ConflictError(
            f"Đã có đơn vị «{clash.name}»{where}. Hãy dùng đơn vị đó hoặc đặt tên khác."
        )
    return name, short, parent_id


@requires(Permission.EDIT_SETTINGS)
def create(session: Session, data: UnitInput, *, now: datetime) -> Organisation:
    name, short, parent_id = _validate(session, data, None)
    position = session.scalar(
        select(func.coalesce(func.max(Organisation.position), -1) + 1).where(
            Organisation.parent_id.is_(None)
            if parent_id is None
            else Organisation.parent_id == parent_id,
            Organisation.kind == data.kind,
        )
    )
    unit = Organisation(
        name=name,
        short_name=short,
        kind=data.kind,
        parent_id=parent_id,
        active=data.active,
        position=position or 0,
    )
    session.add(unit)
    session.flush()
    audit.record(
        session,
        now=now,
        action="create",
        entity="organisation",
        entity_id=unit.id,
        summary=f"Thêm đơn vị {name}",
    )
    return unit


def _check_version(unit: Organisation, expected: int | None) -> None:
    from ketluan_desktop.core.db import versioning

    versioning.check_version(
        unit,
        expected,
        f"Đơn vị «{unit.name}» vừa được sửa ở máy khác{{changed}}. Thay đổi của bạn chưa được "
        "lưu: hãy tải lại danh sách để xem nội dung mới rồi sửa lại.",
    )


@contextlib.contextmanager
def _stale_as_conflict(what: str) -> Iterator[None]:
    try:
        yield
    except StaleDataError:
        raise ConflictError(
            f"{what} vừa được sửa hoặc xóa ở máy khác. Thay đổi của bạn chưa được lưu: hãy tải lại "
            "rồi thử lại."
        ) from None


@requires(Permission.EDIT_SETTINGS)
def update(
    session: Session, unit_id: int, data: UnitInput, *, expected_version: int | None, now: datetime
) -> Organisation:
    unit = get(session, unit_id)
    _check_version(unit, expected_version)
    name, short, parent_id = _validate(session, data, unit)
    if data.kind == OrgKind.CELL.value and session.scalar(
        select(func.count()).select_from(Organisation).where(Organisation.parent_id == unit.id)
    ):
        raise ValidationError(
            f"«{unit.name}» đang có đơn vị cấp dưới nên không đổi thành chi bộ trực thuộc được."
        )
    changes = {}
    for attr, value in (
        ("name", name),
        ("short_name", short),
        ("kind", data.kind),
        ("parent_id", parent_id),
        ("active", data.active),
    ):
        if getattr(unit, attr) != value:
            changes[attr] = [getattr(unit, attr), value]
            setattr(unit, attr, value)
    with _stale_as_conflict(f"Đơn vị «{unit.name}»"):
        session.flush()
    if changes:
        audit.record(
            session,
            now=now,
            action="update",
            entity="organisation",
            entity_id=unit.id,
            summary=f"Sửa đơn vị {name}",
            changes=changes,
        )
    return unit


def uses(session: Session, unit_id: int) -> dict[str, int]:
    """What refers to the unit: {"nhiệm vụ chủ trì": 3, "đảng viên": 120, "đơn vị cấp dưới": 2}."""
    found: dict[str, int] = {}
    import ketluan_desktop.core.db.schema  # noqa: F401 - every table, not only those loaded

    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != "organisation" or table.name == "organisation":
                continue
            col = fk.parent
            n = session.scalar(select(func.count()).select_from(table).where(col == unit_id)) or 0
            if n:
                label = _USES.get(f"{table.name}.{col.name}", table.name)
                found[label] = found.get(label, 0) + n
    kids = session.scalar(
        select(func.count()).select_from(Organisation).where(Organisation.parent_id == unit_id)
    )
    if kids:
        found["đơn vị cấp dưới"] = kids
    return found


@requires(Permission.EDIT_SETTINGS)
def delete(session: Session, unit_id: int, *, expected_version: int | None, now: datetime) -> None:
    unit = get(session, unit_id)
    _check_version(unit, expected_version)
    used = uses(session, unit_id)
    if used:
        what = ", ".join(f"{n} {label}" for label, n in used.items())
        raise ValidationError(
            f"Đơn vị «{unit.name}» đang được dùng ({what}) nên không xóa được. Hãy bỏ chọn "
            "«Đang hoạt động» để ngừng sử dụng: hồ sơ cũ vẫn giữ tên đơn vị."
        )
    name = unit.name
    session.delete(unit)
    with _stale_as_conflict(f"Đơn vị «{name}»"):
        session.flush()
    audit.record(
        session,
        now=now,
        action="delete",
        entity="organisation",
        entity_id=unit_id,
        summary=f"Xóa đơn vị {name}",
    )


@requires(Permission.EDIT_SETTINGS)
def move(session: Session, unit_id: int, step: int, *, now: datetime) -> None:
    """Move a unit up (-1) or down (+1) among its siblings of the same kind."""
    unit = get(session, unit_id)
    siblings = list(
        session.scalars(
            select(Organisation)
            .where(
                Organisation.parent_id.is_(None)
                if unit.parent_id is None
                else Organisation.parent_id == unit.parent_id,
                Organisation.kind == unit.kind,
            )
            .order_by(Organisation.position, Organisation.name_folded)
        )
    )
    i = siblings.index(unit)
    j = i + step
    if not 0 <= j < len(siblings):
        return
    siblings[i], siblings[j] = siblings[j], siblings[i]
    for pos, s in enumerate(siblings):
        if s.position != pos:
            s.position = pos
    with _stale_as_conflict(f"Đơn vị «{unit.name}»"):
        session.flush()

"""Units the tasks go to: the issuing body's departments, grassroots Party organisations, their
cells and the bloc's mass organisations, as a tree; edited in Settings, imported from Excel.

A unit in use (tasks, members, documents…) is never deleted: it is set inactive, so old records
keep its name. Two workstations editing the same unit: the second save is refused (version check).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.db.base import Base
from ketluan_desktop.core.errors import (
    ConflictError,
    ImportError_,
    NotFoundError,
    ValidationError,
)
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


def _issuer_ids(session: Session) -> set[int]:
    return set(
        session.scalars(
            select(Organisation.id).where(Organisation.kind == OrgKind.ISSUING_BODY.value)
        )
    )


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
        ).where(Organisation.kind != OrgKind.ISSUING_BODY.value)
    ).all()
    issuers = _issuer_ids(session)
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


def _issuing_body_id(session: Session) -> int | None:
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
    parent_id = parent.id if parent is not None else _issuing_body_id(session)
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


# ------------------------------------------------------------------------------------- Excel
HEADERS = ("Tên đơn vị", "Tên viết tắt", "Loại đơn vị", "Đơn vị cấp trên", "Đang hoạt động")
_HEADER_KEYS = {
    "name": ("ten don vi", "ten to chuc", "don vi", "ten"),
    "short": ("ten viet tat", "viet tat", "ten goi tat", "ten ngan"),
    "kind": ("loai don vi", "loai", "loai to chuc"),
    "parent": ("don vi cap tren", "cap tren", "truc thuoc", "thuoc"),
    "active": ("dang hoat dong", "hoat dong", "trang thai", "con hoat dong"),
}
_KIND_WORDS = [
    (OrgKind.CELL, ("chi bo truc thuoc", "cell")),
    (
        OrgKind.GRASSROOTS,
        ("to chuc co so dang", "tccsd", "dang bo co so", "chi bo co so", "grassroots", "co so"),
    ),
    (
        OrgKind.DEPARTMENT,
        ("ban, van phong", "ban van phong", "ban", "van phong", "department", "co quan tham muu"),
    ),
    (OrgKind.MASS, ("doan the", "mass")),
    (OrgKind.EXTERNAL, ("don vi ngoai", "ngoai", "external")),
]


@dataclass
class UnitImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    names: list[str] = field(default_factory=list)

    def message(self) -> str:
        return (
            f"Đã nhập danh sách đơn vị: thêm mới {self.created}, cập nhật {self.updated}, "
            f"giữ nguyên {self.unchanged}."
        )


def parse_kind(text: str | None, name: str, has_unit_parent: bool) -> OrgKind | None:
    key = fold(text)
    if key:
        for kind in UNIT_KINDS:
            if key in (kind.value, fold(kind_label(kind.value))):
                return kind
        for kind, words in _KIND_WORDS:
            if key in words:
                return kind
        return None
    n = fold(name)
    if n.startswith("chi bo"):
        return OrgKind.CELL if has_unit_parent else OrgKind.GRASSROOTS
    if n.startswith("dang bo"):
        return OrgKind.GRASSROOTS
    if n.startswith(("ban ", "van phong", "uy ban kiem tra")):
        return OrgKind.DEPARTMENT
    if n.startswith(("cong doan", "doan thanh nien", "doan ", "hoi ")):
        return OrgKind.MASS
    return None


def _bool_cell(value, row: int, errors: list[str]) -> bool | None:
    """True/False as written; None when the cell is blank (keep what the unit has)."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, bool):
        return value
    key = fold(str(value))
    if key in ("co", "x", "1", "true", "dang hoat dong", "hoat dong", "yes"):
        return True
    if key in ("khong", "0", "false", "ngung", "ngung hoat dong", "no"):
        return False
    errors.append(f"Dòng {row}: cột «Đang hoạt động» ghi «{value}»; hãy ghi «có» hoặc «không».")
    return True


def _read_rows(path: Path) -> list[tuple[int, dict[str, object]]]:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportError_(
            f"Tệp {path.name} là định dạng Excel cũ (.xls). Hãy mở bằng Excel và lưu lại dưới dạng "
            "«Excel Workbook (.xlsx)» rồi nhập lại."
        )
    if not path.is_file():
        raise ImportError_(f"Không tìm thấy tệp {path}. Hãy kiểm tra lại đường dẫn.")
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportError_(
            f"Không đọc được tệp {path.name} như một bảng tính Excel (.xlsx): {exc}. Hãy mở tệp "
            "bằng Excel, kiểm tra rồi lưu lại dưới dạng .xlsx."
        ) from exc
    try:
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
    finally:
        wb.close()
    header_at = None
    columns: dict[str, int] = {}
    for i, row in enumerate(rows[:15]):
        keys = [fold(str(c)) if c is not None else "" for c in row]
        found = {}
        for field_name, names in _HEADER_KEYS.items():
            for j, k in enumerate(keys):
                if k.rstrip(" *:") in names and field_name not in found:
                    found[field_name] = j
        if "name" in found:
            header_at, columns = i, found
            break
    if header_at is None:
        raise ImportError_(
            f"Tệp {path.name} không có dòng tiêu đề với cột «Tên đơn vị». Hãy dùng tệp mẫu "
            "(Cài đặt → Đơn vị → Xuất ra Excel) với các cột: " + ", ".join(HEADERS) + "."
        )
    out = []
    for i, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        values = {f: (row[j] if j < len(row) else None) for f, j in columns.items()}
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        out.append((i, values))
    return out


@requires(Permission.EDIT_SETTINGS)
def import_xlsx(
    session: Session, path: str | os.PathLike[str], *, now: datetime
) -> UnitImportResult:
    """Add or update units from a workbook; nothing is written if any row is wrong."""
    path = Path(path)
    rows = _read_rows(path)
    if not rows:
        raise ImportError_(f"Tệp {path.name} không có đơn vị nào dưới dòng tiêu đề.")
    issuer_id = _issuing_body_id(session)
    plan = _plan_units(session, path, rows, issuer_id)
    result = _apply_plan(session, path, plan, issuer_id, now)
    audit.record(
        session,
        now=now,
        action="import",
        entity="organisation",
        summary=f"Nhập đơn vị từ {path.name}: {result.message()}",
    )
    return result


def _apply_plan(
    session: Session, path: Path, plan: list[dict], issuer_id: int | None, now: datetime
) -> UnitImportResult:
    """Create or update the planned units, each parent before its children."""
    index_to_plan = {p["idx"]: p for p in plan}
    result = UnitImportResult()
    done: dict[int, Organisation] = {}

    def resolve(p: dict, chain: tuple[int, ...] = ()) -> Organisation:
        if p["row"] in done:
            return done[p["row"]]
        if p["row"] in chain:
            raise _import_errors(path, [f"Dòng {p['row']}: đơn vị cấp trên vòng quanh chính nó."])
        parent_unit: Organisation | None = None
        if p["parent"] is not None:
            where, ref = p["parent"]
            if where == "file":
                parent_plan = index_to_plan.get(ref)
                if parent_plan is None:
                    raise _import_errors(path, [f"Dòng {p['row']}: đơn vị cấp trên có lỗi."])
                parent_unit = resolve(parent_plan, (*chain, p["row"]))
            else:
                parent_unit = ref  # type: ignore[assignment]
        parent_id = parent_unit.id if parent_unit is not None else issuer_id
        match = session.scalars(
            select(Organisation).where(
                Organisation.name_folded == fold(p["name"]),
                Organisation.kind != OrgKind.ISSUING_BODY.value,
                Organisation.parent_id.is_(None)
                if parent_id is None
                else Organisation.parent_id == parent_id,
            )
        ).first()
        active = p["active"] if p["active"] is not None else (match.active if match else True)
        data = UnitInput(p["name"], p["kind"].value, p["short"], parent_id, active)
        try:
            if match is None:
                unit = create(session, data, now=now)
                result.created += 1
            else:
                before = (match.short_name, match.kind, match.active)
                data.short_name = p["short"] or match.short_name
                unit = update(session, match.id, data, expected_version=None, now=now)
                if before == (unit.short_name, unit.kind, unit.active):
                    result.unchanged += 1
                else:
                    result.updated += 1
        except (ValidationError, ConflictError, NotFoundError) as exc:
            raise _import_errors(path, [f"Dòng {p['row']}: {exc.message}"]) from None
        session.flush()
        done[p["row"]] = unit
        result.names.append(unit.name)
        return unit

    for p in plan:
        resolve(p)
    return result


def _cell_text(v) -> str | None:
    return clean(str(v)) if v is not None and str(v).strip() else None


def _plan_units(session: Session, path: Path, rows: list, issuer_id: int | None) -> list[dict]:
    """Each row checked and its parent found (in the file or the database); every error at once."""
    errors: list[str] = []
    existing = session.scalars(
        select(Organisation).where(Organisation.kind != OrgKind.ISSUING_BODY.value)
    ).all()
    # Names the file itself defines can be parents of other rows, wherever they stand.
    file_names: dict[str, list[int]] = {}
    for idx, (_rown, v) in enumerate(rows):
        name = _cell_text(v.get("name"))
        if name:
            file_names.setdefault(fold(name), []).append(idx)
            short = _cell_text(v.get("short"))
            if short:
                file_names.setdefault(fold(short), []).append(idx)
    plan: list[dict] = []
    for idx, (rown, v) in enumerate(rows):
        name = _cell_text(v.get("name"))
        if not name:
            errors.append(f"Dòng {rown}: thiếu tên đơn vị.")
            continue
        parent_text = _cell_text(v.get("parent"))
        parent_ref: tuple[str, object] | None = None  # ("file", index) | ("db", Organisation)
        if parent_text:
            key = fold(parent_text)
            in_file = file_names.get(key, [])
            in_db = [u for u in existing if key in (u.name_folded, fold(u.short_name))]
            if len(in_file) == 1:
                parent_ref = ("file", in_file[0])
            elif len(in_file) > 1 or (not in_file and len(in_db) > 1):
                errors.append(
                    f"Dòng {rown}: có nhiều đơn vị tên «{parent_text}»; hãy ghi tên đầy đủ hơn."
                )
                continue
            elif in_db:
                parent_ref = ("db", in_db[0])
            elif issuer_id is not None and key in _issuer_names(session):
                parent_ref = None
            else:
                errors.append(
                    f"Dòng {rown}: không tìm thấy đơn vị cấp trên «{parent_text}» trong tệp hay trong "
                    "danh sách hiện có."
                )
                continue
        kind = parse_kind(_cell_text(v.get("kind")), name, parent_ref is not None)
        if kind is None:
            given = _cell_text(v.get("kind"))
            labels = ", ".join(f"«{kind_label(k.value)}»" for k in UNIT_KINDS)
            errors.append(
                f"Dòng {rown}: "
                + (
                    f"loại đơn vị «{given}» không hợp lệ"
                    if given
                    else f"không đoán được loại của «{name}»"
                )
                + f"; hãy ghi một trong: {labels}."
            )
            continue
        active = _bool_cell(v.get("active"), rown, errors)
        plan.append(
            dict(
                idx=idx,
                row=rown,
                name=name,
                short=_cell_text(v.get("short")),
                kind=kind,
                parent=parent_ref,
                active=active,
            )
        )
    if errors:
        raise _import_errors(path, errors)
    return plan


def _issuer_names(session: Session) -> set[str]:
    names = set()
    for o in session.scalars(
        select(Organisation).where(Organisation.kind == OrgKind.ISSUING_BODY.value)
    ):
        names.add(o.name_folded)
        if o.short_name:
            names.add(fold(o.short_name))
    return names


def _import_errors(path: Path, errors: list[str]) -> ImportError_:
    shown = "\n".join(errors[:12])
    more = f"\n… và {len(errors) - 12} lỗi khác." if len(errors) > 12 else ""
    return ImportError_(
        f"Chưa nhập tệp {path.name} vì có {len(errors)} lỗi (chưa có thay đổi nào được lưu):\n"
        f"{shown}{more}\nHãy sửa tệp rồi nhập lại."
    )


def export_xlsx(session: Session, path: str | os.PathLike[str]) -> Path:
    """The units as a workbook in the import format: the template to edit and import back."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from ketluan_desktop.core.fsutil import write_atomic_with
    from ketluan_desktop.core.xlsx_text import active_sheet

    wb = Workbook()
    ws = active_sheet(wb)
    ws.title = "Đơn vị"
    ws.append(list(HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EAF0")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for n in flat_tree(session):
        parent = None
        if n.parent_id is not None:
            p = session.get(Organisation, n.parent_id)
            parent = p.name if p is not None else None
        ws.append(
            [n.name, n.short_name or "", n.kind_label, parent or "", "có" if n.active else "không"]
        )
    for col, width in zip("ABCDE", (52, 26, 22, 40, 16), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    from ketluan_desktop.core.xlsx_text import save_workbook

    return write_atomic_with(path, lambda fh: save_workbook(wb, fh))

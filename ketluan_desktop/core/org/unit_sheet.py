"""The units to and from an Excel sheet: the columns (found by their header, with or without
accents), the kind a sheet writes in words, an import that adds and updates the tree in one
transaction or nothing, and the export that imports again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import ConflictError, ImportError_, NotFoundError, ValidationError
from ketluan_desktop.core.org.models import Organisation, OrgKind
from ketluan_desktop.core.org.units import (
    UNIT_KINDS,
    UnitInput,
    create,
    flat_tree,
    issuing_body_id,
    kind_label,
    update,
)
from ketluan_desktop.core.text import clean, fold

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
    issuer_id = issuing_body_id(session)
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

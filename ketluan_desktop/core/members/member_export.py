"""Members to Excel, and the empty sheet to fill in.

Export writes the columns import reads (``member_sheet``), so an exported sheet imports again.
Exports are personal data: the caller confirms with the user, and ``export_members`` records who
exported what in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core import private_files
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.fsutil import atomic_writer
from ketluan_desktop.core.members import member_list
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.member_sheet import COLUMNS, DATE_KEYS
from ketluan_desktop.core.members.models import MEMBER_STATUS_LABELS, Member
from ketluan_desktop.core.org.models import Organisation


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "title": Font(name="Times New Roman", bold=True, size=14),
        "sub": Font(name="Times New Roman", italic=True, size=12),
        "head": Font(name="Times New Roman", bold=True, size=12),
        "body": Font(name="Times New Roman", size=12),
        "fill": PatternFill("solid", fgColor="E8EEF7"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(vertical="center"),
    }


def _cell(ws, value: Any, font=None, fill=None, border=None, align=None, fmt: str | None = None):
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(ws, value=value)
    if font is not None:
        c.font = font
    if fill is not None:
        c.fill = fill
    if border is not None:
        c.border = border
    if align is not None:
        c.alignment = align
    if fmt:
        c.number_format = fmt
    from ketluan_desktop.core.xlsx_text import guard_cell

    return guard_cell(c)  # user text stays text, never a formula


def _member_rows(session: Session, filters: dict[str, Any]) -> Iterator[list[Any]]:
    org = aliased(Organisation)
    cell = aliased(Organisation)
    ids = member_list.filtered(**filters).subquery()
    stmt = (
        select(Member, org.name, cell.name)
        .join(ids, ids.c.id == Member.id)
        .outerjoin(org, org.id == Member.organisation_id)
        .outerjoin(cell, cell.id == Member.cell_id)
        .order_by(Member.name_sort, Member.id)
        .execution_options(yield_per=2000)
    )
    for i, (m, oname, cname) in enumerate(session.execute(stmt), start=1):
        yield [
            i,
            m.full_name,
            m.gender,
            m.birth_date,
            m.place_of_origin,
            m.ethnicity,
            oname,
            cname,
            m.position,
            m.agency,
            m.card_number,
            m.admission_date,
            m.ceremony_date,
            m.full_member_date,
            m.first_admission_date,
            member_service.status_label(m.status),
            m.notes,
        ]
        session.expunge(m)


@requires(Permission.MEMBER_PERSONAL_DATA)
def write_members(
    session: Session,
    path: str | Path,
    *,
    filters: dict[str, Any] | None = None,
    title: str | None = None,
    progress=None,
) -> int:
    """The members matching ``filters`` as an .xlsx that imports back; written atomically."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("Tệp xuất phải có đuôi .xlsx.")
    st = _styles()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Đảng viên")
    for i, c in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    ws.freeze_panes = "C4"
    ws.append([_cell(ws, title or "DANH SÁCH ĐẢNG VIÊN", st["title"])])
    ws.append([])
    ws.append(
        [_cell(ws, c.header, st["head"], st["fill"], st["border"], st["center"]) for c in COLUMNS]
    )
    n = 0
    date_cols = {i for i, c in enumerate(COLUMNS) if c.key in DATE_KEYS}
    for values in _member_rows(session, filters or {}):
        ws.append(
            [
                _cell(
                    ws,
                    v,
                    st["body"],
                    None,
                    st["border"],
                    None,
                    "dd/mm/yyyy" if j in date_cols else None,
                )
                for j, v in enumerate(values)
            ]
        )
        n += 1
        if progress is not None and n % 5000 == 0:
            progress(n)
    with atomic_writer(path) as fh:
        wb.save(fh)
    return n


@requires(Permission.MEMBER_PERSONAL_DATA)
def export_members(
    session: Session,
    path: str | Path,
    *,
    filters: dict[str, Any] | None = None,
    now: datetime,
    username: str | None = None,
    progress=None,
) -> int:
    """Export and record it in the audit trail (who, how many, which filter, which file)."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    n = write_members(session, path, filters=filters, progress=progress)
    private_files.restrict_to_owner(Path(path))  # personal data: the owner's eyes only
    described = {k: (v if k != "text" else "có lọc theo tên/số thẻ") for k, v in filters.items()}
    audit.record(
        session,
        now=now,
        action="export",
        entity="member",
        summary=f"Xuất {n} hồ sơ đảng viên ra tệp Excel {Path(path).name}",
        changes={"file": str(path), "rows": n, "filters": described},
        username=username,
    )
    return n


def write_template(session: Session, path: str | Path) -> Path:
    """An empty sheet with the headers, and a second sheet listing the organisations, cells and
    the allowed values, for the office to fill in."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    from ketluan_desktop.core.xlsx_text import active_sheet

    path = Path(path)
    st = _styles()
    wb = openpyxl.Workbook()
    ws = active_sheet(wb)
    ws.title = "Đảng viên"
    ws.append(["DANH SÁCH ĐẢNG VIÊN"])
    ws["A1"].font = st["title"]
    ws.append([])
    ws.append([c.header for c in COLUMNS])
    for i, c in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=3, column=i)
        cell.font, cell.fill, cell.border, cell.alignment = (
            st["head"],
            st["fill"],
            st["border"],
            st["center"],
        )
        ws.column_dimensions[get_column_letter(i)].width = c.width
        if c.key in DATE_KEYS:
            for r in range(4, 1004):
                ws.cell(row=r, column=i).number_format = "dd/mm/yyyy"
    ws.freeze_panes = "C4"
    guide = wb.create_sheet("Hướng dẫn")
    lines = [
        ["Cách điền"],
        ["- Mỗi dòng một người; cột «Họ và tên» và «Tổ chức cơ sở đảng» bắt buộc."],
        ["- Ngày ghi dạng ngày/tháng/năm (05/02/1980) hoặc định dạng ô Ngày của Excel."],
        [
            "- «Ngày vào Đảng» là ngày ký quyết định kết nạp (tính tuổi Đảng); «Ngày lễ kết nạp» bắt đầu 12 tháng dự bị."
        ],
        ["- Giới tính: Nam hoặc Nữ. Tình trạng: " + ", ".join(MEMBER_STATUS_LABELS.values()) + "."],
        ["- Số thẻ đảng viên không được trùng; đảng viên dự bị chưa có thẻ."],
        [],
        ["Tổ chức cơ sở đảng", "Chi bộ trực thuộc"],
    ]
    for line in lines:
        guide.append(line)
    guide["A1"].font = st["title"]
    for choice in member_service.grassroots_organisations(session):
        guide.append([choice.name, "; ".join(n for _, n in choice.cells)])
    guide.column_dimensions["A"].width = 60
    guide.column_dimensions["B"].width = 80
    from ketluan_desktop.core.xlsx_text import save_workbook

    with atomic_writer(path) as fh:
        save_workbook(wb, fh)
    return path

"""The task report as an Excel workbook: the detail sheet the office filters and re-sorts, and a
summary sheet (per state, per lead unit). Dates are real Excel dates, counts real numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from ketluan_desktop.core.tasks.deadlines import vn_date
from ketluan_desktop.core.tasks.models import TaskStatus
from ketluan_desktop.core.tasks.report import TaskReport, summary_sentence
from ketluan_desktop.core.tasks.task_states import OVERDUE, STATES, state_label

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DETAIL_SHEET = "Chi tiết"
SUMMARY_SHEET = "Tổng hợp"
DETAIL_HEADERS = (
    "STT",
    "Nội dung nhiệm vụ",
    "Văn bản",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Thời hạn (theo văn bản)",
    "Tình hình thực hiện",
    "Ngày hoàn thành",
    "Ngày báo cáo gần nhất",
    "Nội dung báo cáo gần nhất",
    "Tỷ lệ hoàn thành (%)",
    "Mã nhiệm vụ",
)
_WIDTHS = (6, 70, 16, 24, 28, 12, 26, 20, 14, 14, 60, 12, 10)
_UNIT_STATES = (
    TaskStatus.DONE.value,
    TaskStatus.DONE_LATE.value,
    TaskStatus.IN_PROGRESS.value,
    TaskStatus.NOT_STARTED.value,
    TaskStatus.PAUSED.value,
    OVERDUE,
)
DATE_FORMAT = "DD/MM/YYYY"


def _heading_rows(report: TaskReport) -> list[str]:
    rows = [x for x in (report.parent_issuer, report.issuer) if x]
    rows.append(("Báo cáo " + report.subject).upper()[:1] + ("Báo cáo " + report.subject)[1:])
    rows.append(f"Tình hình tính đến ngày {vn_date(report.as_of)}")
    return rows


def _safe(value):
    """Text without the control characters a workbook cannot hold (pasted from elsewhere)."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub(" ", value)
    return value


@dataclass(frozen=True)
class _Look:
    """The cell styles both sheets share (openpyxl objects, made when a report is written)."""

    border: Any
    wrap: Any
    center: Any
    head_fill: Any
    group_fill: Any
    late_font: Any


def _look() -> _Look:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return _Look(
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        wrap=Alignment(wrap_text=True, vertical="top"),
        center=Alignment(wrap_text=True, vertical="top", horizontal="center"),
        head_fill=PatternFill("solid", fgColor="E8EAF0"),
        group_fill=PatternFill("solid", fgColor="F4F5F7"),
        late_font=Font(color="B3261E", bold=True),
    )


def write_report_xlsx(report: TaskReport, fh: BinaryIO) -> None:
    from openpyxl import Workbook

    from ketluan_desktop.core.xlsx_text import active_sheet, save_workbook

    look = _look()
    wb = Workbook()
    ws = active_sheet(wb)
    ws.title = DETAIL_SHEET
    header_row = _write_detail_heading(ws, report, look)
    r = _write_task_rows(ws, report, header_row, look)
    _write_totals(ws, report, r)
    _finish_detail_sheet(ws, header_row)
    _write_summary_sheet(wb.create_sheet(SUMMARY_SHEET), report, look)
    wb.properties.title = "Báo cáo " + report.subject
    wb.properties.creator = report.office_name or report.issuer or "KếtLuận Desktop"
    save_workbook(wb, fh)


def _write_detail_heading(ws: Worksheet, report: TaskReport, look: _Look) -> int:
    """The report's heading lines, then the column headers; returns the header row."""
    from openpyxl.styles import Alignment, Font

    ncol = len(DETAIL_HEADERS)
    r = 1
    for i, text in enumerate(_heading_rows(report)):
        ws.cell(r, 1, text).font = Font(
            bold=True, size=13 if i >= len(_heading_rows(report)) - 2 else 11
        )
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
        r += 1
    r += 1
    for c, h in enumerate(DETAIL_HEADERS, start=1):
        cell = ws.cell(r, c, h)
        cell.font = Font(bold=True)
        cell.fill = look.head_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = look.border
    return r


def _write_task_rows(ws: Worksheet, report: TaskReport, r: int, look: _Look) -> int:
    """One row per task below row ``r``, under its group's title; returns the last row."""
    from openpyxl.styles import Font

    ncol = len(DETAIL_HEADERS)
    show_groups = report.kind == "period" or len(report.sections) > 1
    for s in report.sections:
        if show_groups:
            r += 1
            ws.cell(r, 1, _safe(s.title)).font = Font(bold=True, italic=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
            ws.cell(r, 1).fill = look.group_fill
        for row in s.rows:
            r += 1
            values = [
                row.number,
                row.text,
                row.document or "",
                row.lead_unit or "",
                ", ".join(row.co_units),
                row.deadline,
                row.deadline_display,
                row.state_label,
                row.completed_on,
                row.latest_date,
                row.latest_text or "",
                row.latest_percent,
                row.task_id,
            ]
            for c, v in enumerate(values, start=1):
                cell = ws.cell(r, c, _safe(v))
                cell.border = look.border
                cell.alignment = look.center if c in (1, 3, 6, 8, 9, 10, 12, 13) else look.wrap
                if c in (6, 9, 10) and v is not None:
                    cell.number_format = DATE_FORMAT
            if row.state == OVERDUE:
                ws.cell(r, 8).font = look.late_font
    return r


def _write_totals(ws: Worksheet, report: TaskReport, r: int) -> None:
    """The count per state and the summary sentence, below the last task row ``r``."""
    from openpyxl.styles import Alignment, Font

    r += 2
    ws.cell(r, 1, "Tổng số nhiệm vụ").font = Font(bold=True)
    ws.cell(r, 4, report.total).font = Font(bold=True)
    for state in STATES:
        r += 1
        ws.cell(r, 1, state_label(state))
        ws.cell(r, 4, report.totals.get(state, 0))
    r += 2
    ws.cell(r, 1, summary_sentence(report))
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(DETAIL_HEADERS))
    ws.cell(r, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[r].height = 48


def _finish_detail_sheet(ws: Worksheet, header_row: int) -> None:
    """Column widths, frozen headers, the filter and the print setup."""
    from openpyxl.utils import get_column_letter

    from ketluan_desktop.core.xlsx_text import print_wide_table

    for i, w in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = f"C{header_row + 1}"
    last = get_column_letter(len(DETAIL_HEADERS))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row}"
    print_wide_table(ws, header_row)


def _write_summary_sheet(sm: Worksheet, report: TaskReport, look: _Look) -> None:
    """Per lead unit: its tasks in each state, and the totals."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sm.cell(1, 1, "Báo cáo " + report.subject).font = Font(bold=True, size=12)
    sm.cell(2, 1, f"Tình hình tính đến ngày {vn_date(report.as_of)}")
    headers = ["Đơn vị chủ trì", "Tổng số", *[state_label(s) for s in _UNIT_STATES]]
    for c, h in enumerate(headers, start=1):
        cell = sm.cell(4, c, h)
        cell.font = Font(bold=True)
        cell.fill = look.head_fill
        cell.border = look.border
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    rr = 4
    for u in report.by_unit:
        rr += 1
        for c, v in enumerate(
            [u.unit, u.total, *[u.counts.get(s, 0) for s in _UNIT_STATES]], start=1
        ):
            sm.cell(rr, c, _safe(v)).border = look.border
    rr += 1
    for c, v in enumerate(
        ["Cộng", report.total, *[report.totals.get(s, 0) for s in _UNIT_STATES]], start=1
    ):
        cell = sm.cell(rr, c, v)
        cell.font = Font(bold=True)
        cell.border = look.border
    sm.column_dimensions["A"].width = 34
    for i in range(2, len(headers) + 1):
        sm.column_dimensions[get_column_letter(i)].width = 14

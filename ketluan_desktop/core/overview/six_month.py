"""«Báo cáo sáu tháng»: the period's member figures and key tasks, with their two charts.

What it says comes from the services the screens and ``ketluan stats`` use — the figures'
sentence and per-kind counts (``members.figures``), the same period a year earlier, and the key
tasks per lead unit (``tasks.overview``) — laid out by the one table-report writer in the
office's layout profile: PDF with the charts as vector graphics, Word with them as pictures.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.members import figures as member_figures
from ketluan_desktop.core.members.member_registers import heading as party_heading
from ketluan_desktop.core.members.overview import ProcedureOverview, procedure_overview
from ketluan_desktop.core.overview.charts import procedure_month_chart, unit_chart
from ketluan_desktop.core.periods import year_earlier
from ketluan_desktop.core.render.table_report import (
    PartyHeading,
    ReportChart,
    ReportTable,
    ReportText,
    TableColumn,
    TableReport,
    TableRow,
)
from ketluan_desktop.core.tasks.overview import (
    BUCKET_LABELS,
    BUCKETS,
    TaskOverview,
    TaskScope,
    task_overview,
)
from ketluan_desktop.core.text import two_digits
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.core.text.numbers import thousands

FORMATS = {".pdf": "pdf", ".docx": "docx"}


@dataclass
class SixMonthReport:
    start: date
    end: date
    today: date
    current: member_figures.Figures
    previous: member_figures.Figures
    procedures: ProcedureOverview
    tasks: TaskOverview

    @property
    def sentence(self) -> str:
        return member_figures.sentence(self.current)


def period_title(start: date, end: date) -> str:
    """ "6 tháng đầu năm 2024" for a half-year, else the dates."""
    if (
        start.year == end.year
        and (start.month, start.day) == (1, 1)
        and (end.month, end.day) == (6, 30)
    ):
        return f"6 tháng đầu năm {start.year}"
    if (
        start.year == end.year
        and (start.month, start.day) == (7, 1)
        and (end.month, end.day) == (12, 31)
    ):
        return f"6 tháng cuối năm {start.year}"
    return member_figures.period_text(start, end)


def collect(session: Session, start: date, end: date, *, today: date) -> SixMonthReport:
    member_figures.check_period(start, end)
    return SixMonthReport(
        start=start,
        end=end,
        today=today,
        current=member_figures.figures(session, start, end),
        previous=member_figures.figures(session, year_earlier(start), year_earlier(end)),
        procedures=procedure_overview(session, start, end),
        tasks=task_overview(session, TaskScope(due_from=start, due_to=end), today=today),
    )


def change_text(current: int, previous: int) -> str:
    diff = current - previous
    if not diff:
        return "0"
    sign = "+" if diff > 0 else "−"
    pct = f" ({sign}{abs(diff) * 100 / previous:.0f}%)".replace(".", ",") if previous else ""
    return f"{sign}{thousands(abs(diff))}{pct}"


def procedure_table(r: SixMonthReport) -> ReportTable:
    prev = dict(r.previous.lines())
    rows = []
    n = 0
    for label, count in r.current.lines():
        sub = label.startswith("    ")
        if not sub:
            n += 1
        before = prev.get(label, 0)
        rows.append(
            TableRow(
                (
                    "" if sub else str(n),
                    label.strip(),
                    thousands(count),
                    thousands(before),
                    change_text(count, before),
                )
            )
        )
    for label in prev:  # badge years counted only a year earlier
        if label not in dict(r.current.lines()):
            rows.append(
                TableRow(
                    ("", label.strip(), "0", thousands(prev[label]), change_text(0, prev[label]))
                )
            )
    rows.append(
        TableRow(
            (
                "",
                "Tổng số",
                thousands(r.current.total),
                thousands(r.previous.total),
                change_text(r.current.total, r.previous.total),
            ),
            kind="total",
        )
    )
    columns = (
        TableColumn("STT", 0.6, "center"),
        TableColumn("Loại thủ tục", 4.2),
        TableColumn("Kỳ này", 1.3, "center"),
        TableColumn("Cùng kỳ năm trước", 1.6, "center"),
        TableColumn("Tăng, giảm", 1.6, "center"),
    )
    return ReportTable(columns, tuple(rows), heading="Thủ tục đảng viên theo loại")


def task_table(r: SixMonthReport) -> ReportTable:
    rows = []
    for i, u in enumerate(r.tasks.units, start=1):
        rows.append(
            TableRow(
                (str(i), u.unit, *(thousands(u.counts[b]) for b in BUCKETS), thousands(u.total))
            )
        )
    totals = r.tasks.totals()
    if rows:
        rows.append(
            TableRow(
                (
                    "",
                    "Tổng số",
                    *(thousands(totals[b]) for b in BUCKETS),
                    thousands(sum(totals.values())),
                ),
                kind="total",
            )
        )
    columns = (
        TableColumn("STT", 0.8, "center"),
        TableColumn("Đơn vị chủ trì", 3.0),
        *(TableColumn(BUCKET_LABELS[b], 1.25, "center") for b in BUCKETS),
        TableColumn("Tổng", 0.9, "center"),
    )
    return ReportTable(
        columns,
        tuple(rows),
        heading="Tình hình thực hiện nhiệm vụ trọng tâm theo đơn vị chủ trì",
        empty="Không có nhiệm vụ nào có thời hạn trong kỳ.",
    )


def _task_sentence(r: SixMonthReport) -> str:
    t = r.tasks.totals()
    total = sum(t.values())
    if not total:
        return "Trong kỳ không có nhiệm vụ trọng tâm nào đến hạn."
    said = [
        f"{label} {two_digits(t[b])}"
        for b, label in (
            ("done", "hoàn thành đúng hạn"),
            ("done_late", "hoàn thành quá hạn"),
            ("in_progress", "đang thực hiện"),
            ("overdue", "quá hạn"),
            ("not_started", "chưa thực hiện"),
        )
        if t[b]
    ]
    return (
        f"Trong kỳ có {two_digits(total)} nhiệm vụ trọng tâm đến hạn; tính đến ngày "
        f"{format_date(r.today)}: {', '.join(said)}."
    )


def report_layout(r: SixMonthReport, head: PartyHeading) -> TableReport:
    period = period_title(r.start, r.end)
    sentence = r.sentence or "Trong kỳ không có thủ tục nào được duyệt hoặc hoàn thành."
    parts = (
        ReportText("1. Công tác đảng viên", heading=True),
        ReportText(sentence),
        procedure_table(r),
        *([ReportChart(procedure_month_chart(r.procedures))] if r.procedures.total else []),
        ReportText("2. Thực hiện nhiệm vụ trọng tâm", heading=True),
        ReportText(_task_sentence(r)),
        task_table(r),
    )
    if r.tasks.units:
        parts += (
            ReportChart(unit_chart(r.tasks), height_mm=min(40 + 9 * len(r.tasks.units), 110)),
        )
    return TableReport(
        title=f"BÁO CÁO SỐ LIỆU {period.upper()}",
        subtitle=f"(Số liệu {member_figures.period_text(r.start, r.end)}; so với cùng kỳ năm trước)",
        tables=parts,
        heading=head,
        pdf_title=f"Báo cáo số liệu {period}",
        subject=f"Thủ tục đảng viên và nhiệm vụ trọng tâm {period}",
        landscape=False,
    )


def format_of(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(
            f"Không xuất được báo cáo ra tệp «{Path(path).name}»: hãy đặt tên tệp kết thúc bằng "
            ".pdf hoặc .docx."
        )
    return FORMATS[suffix]


def export(
    session: Session,
    start: date,
    end: date,
    path: str | os.PathLike[str],
    *,
    now: datetime,
) -> Path:
    """Write the report (.pdf or .docx, by the name), atomically, in the office's profile."""
    from ketluan_desktop.core.documents.layout_profiles import office_default

    fmt = format_of(path)
    today = now.date()
    r = collect(session, start, end, today=today)
    h = party_heading(session, today)
    layout = report_layout(r, PartyHeading(h.issuer, h.parent, h.place, h.on))
    profile = office_default(session)
    if fmt == "pdf":
        from ketluan_desktop.core.render.table_report import write_table_report

        return write_table_report(layout, profile, path, created=now)
    from ketluan_desktop.core.render.table_report_docx import write_table_report_docx

    return write_table_report_docx(layout, profile, path, created=now)

"""The task report as a Party-format PDF: the report's text through the document renderer (type BC),
then the appendix ("Phụ lục") through the table-report writer, in the same profile.

Why two parts: the renderer lays out Party documents (header, title, body, signer, recipients)
and has no tables; the appendix is what Party reports attach after the signature, in landscape
because the table is wide. Both use the profile's font, margins and page numbers, so the two
parts read as one document. The parts are joined with pdfium (already a dependency), keeping the
appendix's document information (title, author, subject).
"""

from __future__ import annotations

import io
from datetime import date, datetime

from ketluan_desktop.core.documents.content import (
    Block,
    BlockKind,
    DocumentContent,
    Section,
    Signer,
)
from ketluan_desktop.core.render.pdf import render_pdf
from ketluan_desktop.core.render.profile import LayoutProfile
from ketluan_desktop.core.tasks.deadlines import vn_date
from ketluan_desktop.core.tasks.models import TaskStatus
from ketluan_desktop.core.tasks.report import (
    ReportRow,
    TaskReport,
    count_phrase,
    summary_sentence,
)
from ketluan_desktop.core.tasks.task_states import OVERDUE
from ketluan_desktop.core.text import two_digits

SHORT_TASK = 110  # characters of a task's text quoted in the report's body
LATE_LISTED = 10  # overdue tasks named in the body; the appendix lists them all
NBSP = "\u00a0"


def _short(text: str, limit: int = SHORT_TASK) -> str:
    text = text.strip().rstrip(".;")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _unit_counts_phrase(counts: dict[str, int]) -> str:
    parts = []
    names = {
        TaskStatus.DONE.value: "hoàn thành đúng hạn",
        TaskStatus.DONE_LATE.value: "hoàn thành quá hạn",
        TaskStatus.IN_PROGRESS.value: "đang thực hiện",
        TaskStatus.NOT_STARTED.value: "chưa thực hiện",
        TaskStatus.PAUSED.value: "tạm dừng",
        OVERDUE: "quá hạn chưa hoàn thành",
    }
    for state in (
        TaskStatus.DONE.value,
        TaskStatus.DONE_LATE.value,
        TaskStatus.IN_PROGRESS.value,
        TaskStatus.NOT_STARTED.value,
        TaskStatus.PAUSED.value,
        OVERDUE,
    ):
        if counts.get(state):
            parts.append(f"{names[state]} {two_digits(counts[state])}")
    return ", ".join(parts)


def report_content(report: TaskReport) -> DocumentContent:
    """The report's text as a Party document of type BC (Báo cáo)."""
    office, opening, scope = _opening_and_scope(report)
    units = [u for u in report.by_unit if u.total]
    general = [
        Block(
            BlockKind.PARAGRAPH,
            f"{scope}, với {two_digits(len(units))} đơn vị chủ trì. {summary_sentence(report)}",
        ),
    ]
    by_unit = [
        Block(
            BlockKind.BULLET,
            f"{u.unit}: chủ trì {count_phrase(u.total)} ({_unit_counts_phrase(u.counts)}).",
        )
        for u in units
    ]
    late, late_blocks = _late_blocks(report)
    proposals = _proposals(late, office)
    sections = [
        Section(None, None, [Block(BlockKind.PARAGRAPH, opening)]),
        Section("1", "Tình hình chung", general),
        Section(
            "2",
            "Kết quả thực hiện theo đơn vị chủ trì",
            by_unit or [Block(BlockKind.PARAGRAPH, "Các nhiệm vụ chưa được giao đơn vị chủ trì.")],
        ),
        Section("3", "Những nhiệm vụ quá hạn chưa hoàn thành", late_blocks),
        Section(
            "4",
            "Đề xuất",
            [Block(BlockKind.PARAGRAPH, p) for p in proposals]
            + [Block(BlockKind.PARAGRAPH, "(Chi tiết tại Phụ lục kèm theo).")],
        ),
    ]
    signer = None
    if report.signer is not None:
        signer = Signer(report.signer.authority, report.signer.title, report.signer.name)
    symbol = report.symbol_code
    recipients = ["Thường trực Đảng ủy Khối", "Các Ban, Văn phòng Đảng ủy Khối"]
    recipients.append(
        f"Lưu {report.office_name or 'Văn phòng'}"
        + (f" {symbol}" if symbol and not report.office_name else "")
    )
    numbered = report.number_symbol
    return DocumentContent(
        type_code="BC",
        subject=report.subject,
        number_symbol=numbered or (f"BC/{symbol}" if symbol else "BC"),
        doc_date=report.made_on if numbered else None,
        place=report.place,
        issuer=report.issuer,
        parent_issuer=report.parent_issuer,
        is_draft=numbered is None,
        sections=sections,
        recipients=recipients,
        signer=signer,
    )


def _opening_and_scope(report: TaskReport) -> tuple[str, str, str]:
    """The opening sentence and the scope of the general section."""
    office = report.office_name or "Văn phòng"
    if report.kind == "document":
        opening = (
            f"Thực hiện {report.source_phrase}, {office} tổng hợp tình hình triển khai thực hiện "
            f"các nhiệm vụ đến ngày {vn_date(report.as_of)} như sau:"
        )
        scope = f"{report.source_phrase} giao {count_phrase(report.total)}"
    else:
        start, end = report.period or (report.as_of, report.as_of)
        docs = sum(1 for s in report.sections if s.document_id is not None)
        opening = (
            f"{office} tổng hợp tình hình thực hiện các nhiệm vụ theo các văn bản kết luận trong kỳ "
            f"từ ngày {vn_date(start)} đến ngày {vn_date(end)} như sau:"
        )
        scope = (
            f"Trong kỳ có {count_phrase(report.total)} cần theo dõi (đến hạn trong kỳ, chuyển tiếp "
            f"từ kỳ trước, nhiệm vụ thường xuyên hoặc có báo cáo tiến độ trong kỳ) theo "
            f"{two_digits(docs)} văn bản"
        )
    return office, opening, scope


def _late_blocks(report: TaskReport) -> tuple[list[ReportRow], list[Block]]:
    """The overdue tasks, the first LATE_LISTED of them one by one."""
    late = [r for r in report.rows if r.state == OVERDUE]
    late_blocks: list[Block] = [
        Block(
            BlockKind.BULLET,
            f"{_short(r.text)} ({r.lead_unit or 'chưa giao đơn vị'} chủ trì; thời hạn "
            f"{r.deadline_display}; "
            + (
                f"báo cáo gần nhất ngày {vn_date(r.latest_date)}: {_short(r.latest_text or '', 120)}"
                if r.latest_text
                else "chưa có báo cáo tiến độ"
            )
            + ").",
        )
        for r in late[:LATE_LISTED]
    ] or [Block(BlockKind.PARAGRAPH, "Không có nhiệm vụ quá hạn chưa hoàn thành.")]
    if len(late) > LATE_LISTED:
        late_blocks.append(
            Block(
                BlockKind.PARAGRAPH,
                f"Và {count_phrase(len(late) - LATE_LISTED)} quá hạn khác (chi tiết tại Phụ lục).",
            )
        )
    return late, late_blocks


def _proposals(late: list[ReportRow], office: str) -> list[str]:
    """What the office proposes: overdue tasks first."""
    proposals = []
    if late:
        proposals.append(
            f"Đề nghị các đơn vị chủ trì khẩn trương thực hiện {count_phrase(len(late))} đã quá thời "
            f"hạn, báo cáo kết quả về {office}; trường hợp không thể hoàn thành, báo cáo rõ nguyên "
            "nhân và đề xuất thời hạn mới để tổng hợp, báo cáo Thường trực."
        )
    proposals.append(
        "Các đơn vị tiếp tục theo dõi, đôn đốc và báo cáo tiến độ thực hiện các nhiệm vụ theo định "
        f"kỳ; {office} tổng hợp, báo cáo theo quy định."
    )
    return proposals


# ------------------------------------------------------------------------------ appendix table
_HEADERS = (
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì, phối hợp",
    "Thời hạn",
    "Tình hình thực hiện",
    "Kết quả, báo cáo tiến độ gần nhất",
)
_UNIT_HEADERS = (
    "Đơn vị chủ trì",
    "Tổng số",
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Đang thực hiện",
    "Chưa thực hiện",
    "Tạm dừng",
    "Quá hạn",
    "Cộng",
)
_UNIT_STATES = (
    TaskStatus.DONE.value,
    TaskStatus.DONE_LATE.value,
    TaskStatus.IN_PROGRESS.value,
    TaskStatus.NOT_STARTED.value,
    TaskStatus.PAUSED.value,
    OVERDUE,
)


def _appendix_title(report: TaskReport) -> str:
    return "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ"


def _appendix_ref(report: TaskReport) -> str:
    blank = NBSP * 6
    number = report.number_symbol or (
        f"{blank}-BC/{report.symbol_code}" if report.symbol_code else f"{blank}-BC"
    )
    day = vn_date(report.made_on) if report.number_symbol else f"{blank}/{blank}/{blank}"
    issuer = f" của {report.issuer}" if report.issuer else ""
    return f"(Kèm theo Báo cáo số {number}, ngày {day}{issuer})"


_FRACTIONS = (0.05, 0.43, 0.14, 0.11, 0.10, 0.17)  # of the task table's width
_CENTRED = (0, 3, 4)  # number, deadline, state


def _task_cells(r) -> tuple[str, ...]:
    units = r.lead_unit or "Chưa giao"
    if r.co_units:
        units += "\nPhối hợp: " + ", ".join(r.co_units)
    state = r.state_label
    if r.completed_on:
        state += f"\n(ngày {vn_date(r.completed_on)})"
    latest = r.latest_display
    if r.latest_unit and r.latest_unit != r.lead_unit:
        latest += f"\n({r.latest_unit})"
    return (str(r.number), r.text, units, r.deadline_display, state, latest)


def appendix_report(report: TaskReport, *, title: str | None = None):
    """The appendix as a table report: every task (grouped by document for a period), then the
    totals per lead unit and state."""
    from ketluan_desktop.core.render.table_report import (
        ReportTable,
        TableColumn,
        TableReport,
        TableRow,
    )

    columns = tuple(
        TableColumn(h, f, "center" if i in _CENTRED else "left")
        for i, (h, f) in enumerate(zip(_HEADERS, _FRACTIONS, strict=True))
    )
    rows: list[TableRow] = []
    show_groups = report.kind == "period" or len(report.sections) > 1
    for section in report.sections:
        if show_groups:
            rows.append(TableRow((section.title,), kind="group"))
        rows += [TableRow(_task_cells(r)) for r in section.rows]
    unit_columns = (
        TableColumn(_UNIT_HEADERS[0], 0.28),
        *(TableColumn(h, 0.72 / 7, "center") for h in _UNIT_HEADERS[1:-1]),
    )
    unit_rows = [
        TableRow((u.unit, str(u.total), *(str(u.counts.get(s, 0)) for s in _UNIT_STATES)))
        for u in report.by_unit
    ]
    unit_rows.append(
        TableRow(
            ("Cộng", str(report.total), *(str(report.totals.get(s, 0)) for s in _UNIT_STATES)),
            kind="total",
        )
    )
    return TableReport(
        title=_appendix_title(report),
        above=("PHỤ LỤC",),
        subtitle=_appendix_ref(report),
        tables=(
            ReportTable(columns, tuple(rows)),
            ReportTable(unit_columns, tuple(unit_rows), heading="TỔNG HỢP THEO ĐƠN VỊ CHỦ TRÌ"),
        ),
        pdf_title=title or report.title,
        author=report.issuer or "",
        subject=report.subject,
        keywords="Báo cáo, nhiệm vụ",
    )


def render_appendix(
    report: TaskReport,
    profile: LayoutProfile,
    *,
    creation: datetime | date | None = None,
    title: str | None = None,
) -> bytes:
    from ketluan_desktop.core.render.table_report import render_table_report

    return render_table_report(appendix_report(report, title=title), profile, created=creation)


def render_report_pdf(
    report: TaskReport, profile: LayoutProfile, *, creation: datetime | date | None = None
) -> bytes:
    """The whole report: the text pages (renderer), then the appendix pages, as one PDF."""
    import pypdfium2 as pdfium

    from ketluan_desktop.core.render.pdf import PdfMetadata

    content = report_content(report)
    title = report.title[:1].upper() + report.title[1:]
    text = render_pdf(
        content,
        profile,
        metadata=PdfMetadata(
            title=title, creation_date=creation if isinstance(creation, datetime) else None
        ),
    )
    appendix = render_appendix(report, profile, creation=creation, title=title)
    whole = pdfium.PdfDocument(appendix)
    part = pdfium.PdfDocument(text.data)
    try:
        whole.import_pages(part, index=0)
        out = io.BytesIO()
        whole.save(out)
    finally:
        part.close()
        whole.close()
    return out.getvalue()

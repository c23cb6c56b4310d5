"""The task report as a Party-format PDF: the report's text through the document renderer (type BC),
then the appendix table ("Phụ lục") drawn here with ReportLab in the same font family and margins.

Why two parts: the renderer lays out Party documents (header, title, body, signer, recipients)
and has no tables; the appendix is what Party reports attach after the signature, in landscape
when the table is wide. It uses the profile's font (``metrics_for``), margins and page-number
style, so the two parts read as one document. The parts are joined with pdfium (already a
dependency), keeping the appendix's document information (title, author, subject).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from xml.sax.saxutils import escape

from ketluan_desktop import APP_DISPLAY_NAME, __version__
from ketluan_desktop.core.documents.content import (
    Block,
    BlockKind,
    DocumentContent,
    Section,
    Signer,
)
from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.layout import mm
from ketluan_desktop.core.render.metrics import metrics_for
from ketluan_desktop.core.render.pdf import pdf_date, render_pdf
from ketluan_desktop.core.render.profile import LayoutProfile
from ketluan_desktop.core.tasks.deadlines import vn_date
from ketluan_desktop.core.tasks.listing import OVERDUE
from ketluan_desktop.core.tasks.models import TaskStatus
from ketluan_desktop.core.tasks.report import TaskReport, count_phrase, summary_sentence
from ketluan_desktop.core.text import two_digits

TABLE_SIZE = 12.0
TABLE_LEADING = 14.0
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


# ------------------------------------------------------------------------------ appendix table
def appendix_text(report: TaskReport) -> list[str]:
    """Every string the appendix draws (the font is checked against it before drawing)."""
    out = ["PHỤ LỤC", _appendix_title(report), _appendix_ref(report), *_HEADERS, *_UNIT_HEADERS]
    for s in report.sections:
        out.append(s.title)
        for r in s.rows:
            out += [
                r.text,
                r.lead_unit or "",
                ", ".join(r.co_units),
                r.deadline_display,
                r.state_label,
                r.latest_display,
                r.latest_unit or "",
            ]
    out += [u.unit for u in report.by_unit]
    return out


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


def render_appendix(
    report: TaskReport,
    profile: LayoutProfile,
    *,
    creation: datetime | date | None = None,
    title: str | None = None,
) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    metrics = metrics_for(profile.font_family)
    fonts.check_coverage("\n".join(appendix_text(report)), metrics.family)
    regular = metrics.face("regular").font_name
    bold = metrics.face("bold").font_name
    italic = metrics.face("italic").font_name
    # Landscape: the table needs the width. The profile's margins, the binding edge still left.
    width, height = mm(profile.page_height_mm), mm(profile.page_width_mm)
    left, right = mm(profile.margin_left_mm), mm(profile.margin_right_mm)
    top, bottom = mm(profile.margin_top_mm), mm(profile.margin_bottom_mm)
    text_width = width - left - right

    def style(
        name: str,
        font: str = regular,
        size: float = TABLE_SIZE,
        align=TA_LEFT,
        leading: float = TABLE_LEADING,
    ) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, alignment=align)

    cell = style("cell")
    cell_c = style("cell_c", align=TA_CENTER)
    head = style("head", bold, align=TA_CENTER)
    group = style("group", bold)
    body_size = profile.body_size
    title_st = style("title", bold, body_size, TA_CENTER, body_size + 4)
    ref_st = style("ref", italic, body_size, TA_CENTER, body_size + 4)

    def p(text: str, st=cell) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), st)

    story: list = [
        p("PHỤ LỤC", title_st),
        p(_appendix_title(report), title_st),
        p(_appendix_ref(report), ref_st),
        Spacer(1, 10),
    ]
    fractions = (0.05, 0.43, 0.14, 0.11, 0.10, 0.17)
    widths = [text_width * f for f in fractions]
    data: list[list] = [[p(h, head) for h in _HEADERS]]
    spans = []
    show_groups = report.kind == "period" or len(report.sections) > 1
    for s in report.sections:
        if show_groups:
            spans.append(len(data))
            data.append([p(s.title, group), "", "", "", "", ""])
        for r in s.rows:
            units = r.lead_unit or "Chưa giao"
            if r.co_units:
                units += "\nPhối hợp: " + ", ".join(r.co_units)
            state = r.state_label
            if r.completed_on:
                state += f"\n(ngày {vn_date(r.completed_on)})"
            data.append(
                [
                    p(str(r.number), cell_c),
                    p(r.text),
                    p(units),
                    p(r.deadline_display, cell_c),
                    p(state, cell_c),
                    p(
                        r.latest_display
                        + (
                            f"\n({r.latest_unit})"
                            if r.latest_unit and r.latest_unit != r.lead_unit
                            else ""
                        )
                    ),
                ]
            )
    grid = [
        ("FONT", (0, 0), (-1, -1), regular, TABLE_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    spanned = grid + [("SPAN", (0, row), (-1, row)) for row in spans]
    story.append(Table(data, colWidths=widths, repeatRows=1, style=TableStyle(spanned)))

    # Totals per lead unit and per state.
    heading = style("t2", bold, TABLE_SIZE + 1, TA_CENTER)
    heading.keepWithNext = 1
    heading.spaceBefore, heading.spaceAfter = 12, 6
    story.append(p("TỔNG HỢP THEO ĐƠN VỊ CHỦ TRÌ", heading))
    unit_rows = [[p(h, head) for h in _UNIT_HEADERS[:-1]]]
    for u in report.by_unit:
        unit_rows.append(
            [p(u.unit), p(str(u.total), cell_c)]
            + [p(str(u.counts.get(s, 0)), cell_c) for s in _UNIT_STATES]
        )
    unit_rows.append(
        [p("Cộng", group), p(str(report.total), style("tc", bold, align=TA_CENTER))]
        + [
            p(str(report.totals.get(s, 0)), style("tc", bold, align=TA_CENTER))
            for s in _UNIT_STATES
        ]
    )
    uw = [text_width * 0.28] + [text_width * 0.72 / 7] * 7
    story.append(Table(unit_rows, colWidths=uw, repeatRows=1, style=TableStyle(grid)))

    def on_page(canvas, doc) -> None:
        canvas.setDateFormatter(lambda *_: pdf_date(creation))
        n = canvas.getPageNumber()
        if n >= profile.page_number_from:
            face = metrics.face("regular")
            size = profile.page_number_size
            canvas.setFont(face.font_name, size)
            y = height - mm(profile.page_number_top_mm) - face.ascent * size
            canvas.drawCentredString(left + text_width / 2, y, str(n))

    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(width, height),
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title or report.title,
        author=report.issuer or "",
        subject=report.subject,
        creator=f"{APP_DISPLAY_NAME} {__version__}",
        keywords=["Báo cáo", "nhiệm vụ"],
        invariant=1,
        initialFontName=regular,
        initialFontSize=TABLE_SIZE,
        lang="vi",
        pageCompression=1,
    )
    frame = Frame(
        left,
        bottom,
        text_width,
        height - top - bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="appendix", frames=[frame], onPage=on_page)])
    doc.build(story)
    return buf.getvalue()


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

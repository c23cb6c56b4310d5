"""One writer for every report that is mostly a table: the outgoing register, the member registers,
the task report's appendix.

A report describes itself — its title, its columns (header, share of the width, alignment) and its
rows — and this writer lays it out in the office's layout profile, as the Party documents are:
the profile's font family, page margins and page numbers (from page 2, centred near the top); the
two-column header (parent body and issuing body with the "*" on the left, "ĐẢNG CỘNG SẢN VIỆT NAM"
over a rule as wide as the text and the place-and-date line on the right); the title in the
profile's title style. Cells use the profile's small print (the size of the recipients, 12 pt in
HD 36 and HD 05). A4, landscape unless the report asks otherwise; PDF 1.4, no clock read (the
caller passes the date), the same bytes for the same input.
"""

from __future__ import annotations

import functools
import io
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from ketluan_desktop import APP_DISPLAY_NAME, __version__
from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.charts import ChartSpec
from ketluan_desktop.core.render.layout import mm
from ketluan_desktop.core.render.metrics import FontMetrics, metrics_for
from ketluan_desktop.core.render.pdf import PDF_VERSION, pdf_date
from ketluan_desktop.core.render.profile import LayoutProfile
from ketluan_desktop.core.render.wording import format_place_date


@dataclass(frozen=True)
class TableColumn:
    header: str
    share: float  # of the table's width, relative to the other columns
    align: str = "left"  # "left" | "center"


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]  # "\n" starts a new line inside a cell
    kind: str = "body"  # "body" | "group" (one bold cell across the row) | "total" (bold)


@dataclass(frozen=True)
class ReportTable:
    columns: tuple[TableColumn, ...]
    rows: tuple[TableRow, ...]
    heading: str | None = None  # bold, centred, kept with the table
    empty: str | None = None  # written across the table when it has no rows


@dataclass(frozen=True)
class ReportText:
    """A paragraph between the tables: body text (first line indented, justified) or a heading."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class ReportChart:
    """A chart between the tables: vector graphics in PDF, a picture in Word."""

    spec: ChartSpec
    height_mm: float = 85.0


ReportPart = ReportTable | ReportText | ReportChart


@dataclass(frozen=True)
class PartyHeading:
    """The issuing body's names as of ``on``, and where and when the report is made."""

    issuer: str
    parent: str | None
    place: str | None
    on: date | None


@dataclass(frozen=True)
class TableReport:
    title: str
    tables: tuple[ReportPart, ...]  # in order: tables, paragraphs, charts
    subtitle: str | None = None  # italic, under the title (scope, period, reference)
    heading: PartyHeading | None = None  # None: no header (an appendix)
    above: tuple[str, ...] = ()  # bold centred lines above the title ("PHỤ LỤC")
    below: tuple[str, ...] = ()  # bold lines after the tables (a total)
    pdf_title: str | None = None  # the file's title, when not the page's (upper-case) one
    author: str | None = None
    subject: str | None = None
    keywords: str | None = None
    landscape: bool = True

    def all_text(self) -> str:
        parts = [self.title, self.subtitle or "", *self.above, *self.below]
        if self.heading is not None:
            parts += [self.heading.issuer, self.heading.parent or "", self.heading.place or ""]
        for t in self.tables:
            if isinstance(t, ReportText):
                parts.append(t.text)
            elif isinstance(t, ReportChart):
                parts += [t.spec.title, *t.spec.categories]
                parts += [s.label for s in (*t.spec.bars, *t.spec.lines)]
            else:
                parts += [t.heading or "", t.empty or "", *(c.header for c in t.columns)]
                parts += [cell for row in t.rows for cell in row.cells]
        return "\n".join(parts)


class _Styles:
    """The paragraph styles of one report, from the profile and the installed family."""

    def __init__(self, profile: LayoutProfile, metrics: FontMetrics) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT

        self.p, self.m = profile, metrics
        self.left, self.center, self.justify = TA_LEFT, TA_CENTER, TA_JUSTIFY
        size, leading = profile.recipient_size, profile.recipient_line_spacing_pt
        self.cell = self.make("cell", "regular", size, TA_LEFT, leading)
        self.cell_c = self.make("cell_c", "regular", size, TA_CENTER, leading)
        self.head = self.make("head", "bold", size, TA_CENTER, leading)
        self.bold = self.make("bold", "bold", size, TA_LEFT, leading)
        self.bold_c = self.make("bold_c", "bold", size, TA_CENTER, leading)

    def face(self, bold: bool = False, italic: bool = False) -> str:
        key = {(True, True): "bold_italic", (True, False): "bold", (False, True): "italic"}
        return self.m.face(key.get((bold, italic), "regular")).font_name

    def make(self, name, face, size, align, leading):
        from reportlab.lib.styles import ParagraphStyle

        return ParagraphStyle(
            name,
            fontName=self.m.face(face).font_name,
            fontSize=size,
            leading=leading,
            alignment=align,
        )

    def styled(self, name, *, bold, italic, size, align, leading):
        from reportlab.lib.styles import ParagraphStyle

        return ParagraphStyle(
            name, fontName=self.face(bold, italic), fontSize=size, leading=leading, alignment=align
        )


def _para(text: str, style):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _party_name(st: _Styles, width: float):
    """ĐẢNG CỘNG SẢN VIỆT NAM with a rule under it exactly as wide as the text."""
    from reportlab.platypus import Flowable

    p = st.p
    font = st.face(bold=p.party_name_bold)

    class PartyName(Flowable):
        def wrap(self, _aw, _ah):
            self.width, self.height = width, p.party_name_size + p.party_rule_gap_pt + 2
            return self.width, self.height

        def draw(self):
            c = self.canv
            c.setFont(font, p.party_name_size)
            text_w = c.stringWidth(p.party_name_text, font, p.party_name_size)
            y = p.party_rule_gap_pt + 2
            c.drawCentredString(width / 2, y, p.party_name_text)
            c.setLineWidth(p.party_rule_thickness_pt)
            rule_y = y - p.party_rule_gap_pt
            c.line((width - text_w) / 2, rule_y, (width + text_w) / 2, rule_y)

    return PartyName()


def _header(st: _Styles, head: PartyHeading, text_w: float):
    from reportlab.platypus import Spacer, Table, TableStyle

    p = st.p
    hl = p.header_line_spacing_pt
    left_w = mm(p.header_left_width_mm)
    right_w = text_w + mm(p.header_outdent_mm) - left_w

    def line(name, text, *, bold, italic, size):
        return _para(
            text, st.styled(name, bold=bold, italic=italic, size=size, align=st.center, leading=hl)
        )

    left = [
        line("par", head.parent.upper(), bold=p.parent_bold, italic=False, size=p.parent_size)
        if head.parent
        else Spacer(1, hl),
        line("iss", head.issuer.upper(), bold=p.issuer_bold, italic=False, size=p.issuer_size),
        line("star", p.star_text, bold=False, italic=False, size=p.issuer_size),
    ]
    date_line = format_place_date(head.place, head.on, p)
    right = [
        _party_name(st, right_w),
        Spacer(1, 2),
        line("pd", date_line, bold=False, italic=p.place_date_italic, size=p.place_date_size),
    ]
    table = Table([[left, right]], colWidths=[left_w, right_w], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING]))
    # The header starts the profile's outdent left of the body's margin, as on the documents.
    return _outdented(table, mm(p.header_outdent_mm))


_NO_PADDING = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def _outdented(flowable, by: float):
    from reportlab.platypus import Flowable

    class Outdented(Flowable):
        def wrap(self, aw, ah):
            self.width, self.height = flowable.wrap(aw + by, ah)
            return aw, self.height

        def draw(self):
            flowable.drawOn(self.canv, -by, 0)

    return Outdented()


def _table(st: _Styles, table: ReportTable, text_w: float) -> list:
    from reportlab.lib import colors
    from reportlab.platypus import LongTable, TableStyle

    cols = table.columns
    total = sum(c.share for c in cols)
    widths = [text_w * c.share / total for c in cols]
    data: list[list] = [[_para(c.header, st.head) for c in cols]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for row in table.rows:
        if row.kind == "group":
            style.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([_para(row.cells[0], st.bold)] + [""] * (len(cols) - 1))
            continue
        bold = row.kind == "total"
        data.append(
            [
                _para(
                    text,
                    (st.bold_c if bold else st.cell_c)
                    if col.align == "center"
                    else (st.bold if bold else st.cell),
                )
                for col, text in zip(cols, row.cells, strict=True)
            ]
        )
    if not table.rows and table.empty:
        style.append(("SPAN", (0, 1), (-1, 1)))
        data.append([_para(table.empty, st.cell)] + [""] * (len(cols) - 1))
    out = []
    if table.heading:
        heading = st.styled(
            "t_head", bold=True, italic=False, size=st.p.recipient_size + 1, align=st.center,
            leading=st.p.recipient_line_spacing_pt + 2,
        )  # fmt: skip
        heading.keepWithNext, heading.spaceBefore, heading.spaceAfter = 1, 12, 6
        out.append(_para(table.heading, heading))
    out.append(LongTable(data, colWidths=widths, repeatRows=1, style=TableStyle(style)))
    return out


def _text(st: _Styles, part: ReportText):
    p = st.p
    style = st.styled(
        "h" if part.heading else "t", bold=part.heading, italic=False, size=p.body_size,
        align=st.left if part.heading else (st.justify if p.body_justify else st.left),
        leading=p.body_line_spacing_pt,
    )  # fmt: skip
    style.firstLineIndent = mm(p.body_first_indent_mm)
    style.spaceBefore, style.spaceAfter = (8, 4) if part.heading else (0, p.body_space_after_pt)
    style.keepWithNext = 1 if part.heading else 0
    return _para(part.text, style)


def _chart(st: _Styles, part: ReportChart, text_w: float):
    from ketluan_desktop.core.render.charts import drawing

    return drawing(part.spec, text_w, mm(part.height_mm), st.face(), size=st.p.recipient_size - 2)


def _story(report: TableReport, st: _Styles, text_w: float) -> list:
    from reportlab.platypus import Spacer

    p = st.p
    story: list = []
    if report.heading is not None:
        story += [_header(st, report.heading, text_w), Spacer(1, p.title_space_before_pt * 0.6)]
    title = st.styled(
        "title", bold=p.title_bold, italic=False, size=p.title_size, align=st.center,
        leading=p.title_line_spacing_pt,
    )  # fmt: skip
    story += [_para(line, title) for line in (*report.above, report.title)]
    if report.subtitle:
        sub = st.styled(
            "sub", bold=False, italic=True, size=p.subject_size, align=st.center,
            leading=p.subject_line_spacing_pt,
        )  # fmt: skip
        story.append(_para(report.subtitle, sub))
    story.append(Spacer(1, 10))
    for part in report.tables:
        if isinstance(part, ReportText):
            story.append(_text(st, part))
        elif isinstance(part, ReportChart):
            story += [Spacer(1, 6), _chart(st, part, text_w), Spacer(1, 10)]
        else:
            story += _table(st, part, text_w)
    if report.below:
        after = st.styled(
            "below", bold=True, italic=False, size=p.body_size, align=st.left,
            leading=p.body_line_spacing_pt,
        )  # fmt: skip
        story += [Spacer(1, 8), *(_para(line, after) for line in report.below)]
    return story


def render_table_report(
    report: TableReport, profile: LayoutProfile, *, created: datetime | date | None = None
) -> bytes:
    """The report as PDF bytes; a RenderError names any character the font cannot draw."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    metrics = metrics_for(profile.font_family)
    fonts.check_coverage(report.all_text() + "\n" + profile.party_name_text, metrics.family)
    st = _Styles(profile, metrics)
    width, height = mm(profile.page_width_mm), mm(profile.page_height_mm)
    if report.landscape:
        width, height = height, width
    left, right = mm(profile.margin_left_mm), mm(profile.margin_right_mm)
    top, bottom = mm(profile.margin_top_mm), mm(profile.margin_bottom_mm)
    text_w = width - left - right

    def on_page(canvas, _doc) -> None:
        canvas.setDateFormatter(lambda *_: pdf_date(created))
        n = canvas.getPageNumber()
        if n >= profile.page_number_from:
            face = metrics.face("regular")
            size = profile.page_number_size
            canvas.setFont(face.font_name, size)
            y = height - mm(profile.page_number_top_mm) - face.ascent * size
            canvas.drawCentredString(left + text_w / 2, y, str(n))

    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(width, height),
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=report.pdf_title or report.title,
        author=report.author or (report.heading.issuer if report.heading else ""),
        subject=report.subject or report.subtitle or "",
        keywords=report.keywords or "",
        creator=f"{APP_DISPLAY_NAME} {__version__}",
        invariant=1,
        initialFontName=metrics.face("regular").font_name,
        initialFontSize=profile.recipient_size,
        lang="vi",
        pageCompression=1,
    )
    frame = Frame(left, bottom, text_w, height - top - bottom, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(
        _story(report, st, text_w),
        canvasmaker=functools.partial(Canvas, pdfVersion=PDF_VERSION),
    )
    return buf.getvalue()


def write_table_report(
    report: TableReport,
    profile: LayoutProfile,
    path: str | os.PathLike[str],
    *,
    created: datetime | date | None = None,
) -> Path:
    """Render, then write atomically: nothing is written when the font lacks a character."""
    from ketluan_desktop.core.fsutil import write_bytes_atomic

    return write_bytes_atomic(path, render_table_report(report, profile, created=created))

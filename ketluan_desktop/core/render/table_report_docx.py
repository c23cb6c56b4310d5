"""A table report (``table_report.TableReport``) as a Word document, in the same Party layout as its
PDF: the profile's page, margins and font; the two-column header (parent and issuing body with
"*", "ĐẢNG CỘNG SẢN VIỆT NAM" over a rule as wide as the name, the place and date); the title;
then the paragraphs, tables and charts in order — a chart as a PNG of the very drawing the PDF
carries (``charts.png``)."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path

from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.charts import png
from ketluan_desktop.core.render.metrics import metrics_for
from ketluan_desktop.core.render.profile import LayoutProfile
from ketluan_desktop.core.render.table_report import (
    PartyHeading,
    ReportChart,
    ReportTable,
    ReportText,
    TableReport,
)
from ketluan_desktop.core.render.wording import format_place_date

# What follows an element in its parent's schema sequence: a new child goes before the first of
# these present (Word refuses properties out of order).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_TBL_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)


def _run(p, text: str, profile: LayoutProfile, size: float, *, bold=False, italic=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = p.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    run.font.name = profile.font_family
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), profile.font_family)
    return run


def _para(container, text: str, profile: LayoutProfile, size: float, *, align="left",
          bold=False, italic=False, leading: float | None = None, after: float = 0):  # fmt: skip
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    p = container.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if leading:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(leading)
    for i, line in enumerate(text.split("\n")):
        if i:
            p.runs[-1].add_break()
        _run(p, line, profile, size, bold=bold, italic=italic)
    return p


def _rule_under(p, left_mm: float, right_mm: float, thickness_pt: float) -> None:
    """A bottom border as wide as the text: the paragraph indented to the text's width."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    p.paragraph_format.left_indent = Mm(left_mm)
    p.paragraph_format.right_indent = Mm(right_mm)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", str(max(2, round(thickness_pt * 8)))),
                 ("space", "1"), ("color", "000000")):  # fmt: skip
        bottom.set(qn(f"w:{k}"), v)
    borders.append(bottom)
    # Word reads the schema's order of a paragraph's properties strictly.
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(borders, *_AFTER_TBL_BORDERS)


def _header(doc, head: PartyHeading, p: LayoutProfile, text_w_mm: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    left_w = p.header_left_width_mm
    right_w = text_w_mm + p.header_outdent_mm - left_w
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    table.autofit = False
    table.alignment = 0
    # The header starts the profile's outdent left of the body's margin, as on the documents.
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(round(-p.header_outdent_mm * 56.7)))
    ind.set(qn("w:type"), "dxa")
    table._tbl.tblPr.insert_element_before(ind, "w:tblBorders", *_AFTER_TBL_BORDERS)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(left_w), Mm(right_w)
    table.columns[0].width, table.columns[1].width = (
        Mm(left_w),
        Mm(right_w),
    )  # the grid Word lays out
    hl = p.header_line_spacing_pt
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    _para(left, (head.parent or "").upper(), p, p.parent_size, align="center",
          bold=p.parent_bold, leading=hl)  # fmt: skip
    _para(
        left, head.issuer.upper(), p, p.issuer_size, align="center", bold=p.issuer_bold, leading=hl
    )
    _para(left, p.star_text, p, p.issuer_size, align="center", leading=hl)
    name = _para(right, p.party_name_text, p, p.party_name_size, align="center",
                 bold=p.party_name_bold, leading=hl + 2)  # fmt: skip
    font = fonts.register_reportlab(metrics_for(p.font_family).family)
    face = f"{font}-Bold" if p.party_name_bold else font
    name_w = stringWidth(p.party_name_text, face, p.party_name_size) * 25.4 / 72
    side = max((right_w - name_w) / 2, 0)
    _rule_under(name, side, side, p.party_rule_thickness_pt)
    _para(right, format_place_date(head.place, head.on, p), p, p.place_date_size,
          align="center", italic=p.place_date_italic, leading=hl)  # fmt: skip


def _table(doc, t: ReportTable, p: LayoutProfile, text_w_mm: float) -> None:
    from docx.shared import Mm

    size, leading = p.recipient_size, p.recipient_line_spacing_pt
    if t.heading:
        _para(doc, t.heading, p, size + 1, align="center", bold=True, after=4)
    table = doc.add_table(rows=1, cols=len(t.columns))
    table.style = "Table Grid"
    total = sum(c.share for c in t.columns)
    widths = [Mm(text_w_mm * c.share / total) for c in t.columns]
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    for cell, col, w in zip(table.rows[0].cells, t.columns, widths, strict=True):
        cell.width = w
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        _para(cell, col.header, p, size, align="center", bold=True, leading=leading)
    for row in t.rows:
        cells = table.add_row().cells
        bold = row.kind != "body"
        texts = row.cells if row.kind != "group" else (row.cells[0],) + ("",) * (len(cells) - 1)
        for cell, col, w, text in zip(cells, t.columns, widths, texts, strict=True):
            cell.width = w
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            _para(cell, text, p, size, align=col.align, bold=bold, leading=leading)
        if row.kind == "group":
            cells[0].merge(cells[-1])
    if not t.rows and t.empty:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.paragraphs[0].text = ""
        _run(merged.paragraphs[0], t.empty, p, size)
    doc.add_paragraph()


def _chart(doc, part: ReportChart, p: LayoutProfile, text_w_mm: float) -> None:
    from docx.shared import Mm

    font = fonts.register_reportlab(metrics_for(p.font_family).family)
    width_pt, height_pt = text_w_mm * 72 / 25.4, part.height_mm * 72 / 25.4
    image = png(part.spec, width_pt, height_pt, font)
    doc.add_picture(io.BytesIO(image), width=Mm(text_w_mm))
    doc.paragraphs[-1].alignment = 1


def _page_numbers(section, p: LayoutProfile) -> None:
    """The page number centred at the top from page 2, as on the PDF."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from ketluan_desktop.core.render.docx import _field_run

    section.header_distance = Mm(p.page_number_top_mm)
    section.different_first_page_header_footer = p.page_number_from >= 2
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.space_after = Pt(0)
    _field_run(para, [" PAGE "], "2", p.page_number_size, p.font_family)


def render_table_report_docx(
    report: TableReport, profile: LayoutProfile, *, created: datetime | date | None = None
) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    fonts.check_coverage(report.all_text(), metrics_for(profile.font_family).family)
    p = profile
    doc = Document()
    section = doc.sections[0]
    width, height = p.page_width_mm, p.page_height_mm
    if report.landscape:
        width, height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin, section.right_margin = Mm(p.margin_left_mm), Mm(p.margin_right_mm)
    section.top_margin, section.bottom_margin = Mm(p.margin_top_mm), Mm(p.margin_bottom_mm)
    text_w = width - p.margin_left_mm - p.margin_right_mm
    _page_numbers(section, p)
    if report.heading is not None:
        _header(doc, report.heading, p, text_w)
        _para(doc, "", p, p.body_size, after=p.title_space_before_pt * 0.4)
    for line in (*report.above, report.title):
        _para(doc, line, p, p.title_size, align="center", bold=p.title_bold,
              leading=p.title_line_spacing_pt)  # fmt: skip
    if report.subtitle:
        _para(doc, report.subtitle, p, p.subject_size, align="center", italic=True,
              leading=p.subject_line_spacing_pt, after=10)  # fmt: skip
    for part in report.tables:
        if isinstance(part, ReportText):
            para = _para(doc, part.text, p, p.body_size, bold=part.heading,
                         align="left" if part.heading else "justify",
                         leading=p.body_line_spacing_pt, after=p.body_space_after_pt)  # fmt: skip
            para.paragraph_format.first_line_indent = Mm(p.body_first_indent_mm)
            if part.heading:
                para.paragraph_format.keep_with_next = True
        elif isinstance(part, ReportChart):
            _chart(doc, part, p, text_w)
        else:
            _table(doc, part, p, text_w)
    for line in report.below:
        _para(doc, line, p, p.body_size, bold=True, leading=p.body_line_spacing_pt)
    props = doc.core_properties
    props.title = report.pdf_title or report.title
    props.author = report.author or (report.heading.issuer if report.heading else "")
    props.subject = report.subject or report.subtitle or ""
    if created is not None:
        when = created if isinstance(created, datetime) else datetime(*created.timetuple()[:3])
        props.created = props.modified = when.replace(tzinfo=None)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_table_report_docx(
    report: TableReport,
    profile: LayoutProfile,
    path: str | os.PathLike[str],
    *,
    created: datetime | date | None = None,
) -> Path:
    from ketluan_desktop.core.fsutil import write_bytes_atomic

    return write_bytes_atomic(path, render_table_report_docx(report, profile, created=created))

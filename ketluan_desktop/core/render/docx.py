"""The Word writer: the same layout model as the PDF, as an editable .docx.

Word breaks lines and pages itself, so this writer hands it what the model says — fonts, sizes,
exact line spacing, indents, gaps, column widths — and the rules a typist would set: the header
and the closing as borderless tables, the closing row never split, page numbers from page 2
through a different first-page header holding a PAGE field.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.styles.style import ParagraphStyle

from ketluan_desktop.core.documents.content import DocumentContent
from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.docx_properties import set_properties
from ketluan_desktop.core.render.layout import Align, Column, DocumentLayout, Para, build_layout
from ketluan_desktop.core.render.metrics import metrics_for
from ketluan_desktop.core.render.pdf import default_metadata
from ketluan_desktop.core.render.profile import LayoutProfile

_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}


_IN_WORD_HYPHEN = re.compile(r"(?<=\S)-(?=\S)")
# The hyphen of a document number, "105-KL/ĐUK", "34-CT/TU", "1300-QĐ/TU": digits, hyphen, a
# type code, a slash. Word's Find treats a no-break hyphen as a character of its own (it is
# found only as "^~"; a typed "-" does not match it), so "105-KL/ĐUK" typed with an ordinary hyphen
# would not find a number written with one. Clerks search their documents by number, so numbers
# keep the ordinary hyphen: Word may then end a line after "105-" where the PDF keeps the number
# whole, the lesser harm in the editable copy (the PDF is the issued form). Other hyphens inside
# words ("2025-2030", "Hồ Chí Minh-…") stay no-break so Word does not split what the PDF keeps.
_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=[A-ZĐ][A-Za-zĐđ]*/)")


def _twips(points: float) -> str:
    return str(round(points * 20))


def _set_fonts(rpr, family: str) -> None:
    """Word picks a font per script: name all four so Vietnamese never falls back."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), family)


def _paragraph(p, para: Para, family: str) -> None:
    pf = p.paragraph_format
    pf.alignment = _ALIGN[para.align]
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(para.line_spacing)
    pf.space_before = Pt(para.space_before)
    pf.space_after = Pt(para.space_after)
    pf.left_indent = Pt(para.left_indent) if para.left_indent else None
    pf.first_line_indent = Pt(para.first_indent) if para.first_indent else None
    pf.keep_with_next = para.keep_with_next or None
    pf.widow_control = True
    hyphens = {m.start() for m in _IN_WORD_HYPHEN.finditer(para.text)}
    hyphens -= {m.start() for m in _NUMBER_HYPHEN.finditer(para.text)}
    start = 0
    for i, line in enumerate(para.text.split("\n")):
        # One run a face: inline bold and italic are the layout's spans, as the PDF draws them.
        pieces = para.runs(start, start + len(line)) or [(start, start, para.style.face)]
        start += len(line) + 1
        for k, (a, b, face) in enumerate(pieces):
            run = p.add_run()
            if i and not k:
                run.add_break()
            _run_text(run, para.text, a, b, hyphens)
            font = run.font
            font.size = Pt(para.style.size)
            font.bold = face in ("bold", "bold_italic")
            font.italic = face in ("italic", "bold_italic")
            font.underline = para.style.underline or None
            font.name = family
            _set_fonts(run._r.get_or_add_rPr(), family)
    if para.rule_below is not None:
        _rule_below(p, para)


def _run_text(run, text: str, start: int, end: int, hyphens: set[int]) -> None:
    """``text[start:end]`` into the run. Word would break "34-CT/TU" after its hyphen; the PDF
    never splits a word, so neither may Word: hyphens inside words (at ``hyphens``, found in the
    whole paragraph so a change of face beside one changes nothing) become no-break hyphens."""
    for h in sorted(h for h in hyphens if start <= h < end):
        if h > start:
            run.add_text(text[start:h])
        run._r.append(OxmlElement("w:noBreakHyphen"))
        start = h + 1
    if end > start:
        run.add_text(text[start:end])


def _border_space(para: Para) -> int:
    """Points between the line and its bottom border (Word counts whole points)."""
    assert para.rule_below is not None
    return max(0, round(para.rule_below.gap - para.style.size * 0.25))


def _rule_below(p, para: Para) -> None:
    """A paragraph border as wide as the text: the paragraph is narrowed to the text's width."""
    rule = para.rule_below
    assert rule is not None
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(max(2, min(96, round(rule.thickness * 8)))))  # eighths of a point
    bottom.set(qn("w:space"), str(_border_space(para)))
    bottom.set(qn("w:color"), "000000")
    border.append(bottom)
    ppr.insert_element_before(border, *_PPR_AFTER_PBDR)


# Word rejects a file whose property elements are out of the schema's order.
_PPR_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip


def _table(doc, left: Column, right: Column, *, cant_split: bool):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl = table._tbl
    tblpr = tbl.tblPr
    for tag, attrs in (
        ("w:tblW", {"w:w": _twips(left.width + right.width), "w:type": "dxa"}),
        ("w:tblInd", {"w:w": _twips(left.offset), "w:type": "dxa"}),
        ("w:tblLayout", {"w:type": "fixed"}),
    ):
        el = tblpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            tblpr.append(el)
        for k, v in attrs.items():
            el.set(qn(k), v)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "nil")
        borders.append(b)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), "0")
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tblpr.append(margins)
    rank = {qn(tag): i for i, tag in enumerate(_TBLPR_ORDER)}
    for child in sorted(tblpr, key=lambda el: rank.get(el.tag, len(rank))):
        tblpr.append(child)  # re-appending moves it: children end up in schema order
    grid = tbl.tblGrid
    for gc, col in zip(grid.findall(qn("w:gridCol")), (left, right), strict=True):
        gc.set(qn("w:w"), _twips(col.width))
    row = table.rows[0]
    if cant_split:
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
    for cell, col in zip(row.cells, (left, right), strict=True):
        cell.width = Pt(col.width)
    return table


def _fill_cell(cell, col: Column, family: str, keep_together: bool) -> None:
    paras = col.paras or []
    first = cell.paragraphs[0]
    lift = 0.0
    for i, para in enumerate(paras):
        p = first if i == 0 else cell.add_paragraph()
        _paragraph(p, para, family)
        if lift:
            # Word adds the border's distance and width to the bordered paragraph's height: take
            # them off the next paragraph's space so the date stays level with the "*".
            p.paragraph_format.space_before = Pt(max(0.0, para.space_before - lift))
            lift = 0.0
        if para.rule_below is not None:
            lift = _border_space(para) + para.rule_below.thickness
        if para.rule_below is not None:
            # A point of slack each side: exactly the text's width makes Word wrap the last word.
            inset = max(0.0, (col.width - para.rule_below.width) / 2 - 1.0)
            p.paragraph_format.left_indent = Pt(inset)
            p.paragraph_format.right_indent = Pt(inset)
        if keep_together and i < len(paras) - 1:
            p.paragraph_format.keep_with_next = True
    if not paras:
        first.paragraph_format.space_after = Pt(0)


FieldCode = list["str | FieldCode"]


def _field_run(p, code: FieldCode, result: str, size: float, family: str) -> None:
    """A field as begin / instruction / separate / result / end runs.

    ``code`` mixes instruction text with nested fields (lists), since Word reads "{ PAGE }" typed
    inside an instruction as plain text, not as a field.
    """

    def run(child) -> None:
        r = p.add_run()
        r.font.size = Pt(size)
        r.font.name = family
        _set_fonts(r._r.get_or_add_rPr(), family)
        r._r.append(child)

    def char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run(el)

    def field(parts: FieldCode, shown: str) -> None:
        char("begin")
        for part in parts:
            if isinstance(part, list):
                field(part, "")
            else:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = part
                run(instr)
        char("separate")
        text = OxmlElement("w:t")
        text.text = shown
        run(text)
        char("end")

    field(code, result)


def _page_numbers(section, layout: DocumentLayout) -> None:
    geo = layout.page
    section.header_distance = Pt(geo.page_number_top)
    family = layout.font_family
    size = geo.page_number_style.size
    section.different_first_page_header_footer = geo.page_number_from >= 2
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    if geo.page_number_from <= 2:
        _field_run(p, [" PAGE "], "2", size, family)
    else:  # Word has no "number from page N": an IF field shows the number from page N on
        code: FieldCode = [" IF ", [" PAGE "], f' < {geo.page_number_from} "" "', [" PAGE "], '" ']
        _field_run(p, code, "", size, family)
    if geo.page_number_from >= 2:
        first = section.first_page_header
        first.is_linked_to_previous = False
        first.paragraphs[0].paragraph_format.space_after = Pt(0)


_SETTINGS_BEFORE_MIRROR = {
    qn(f"w:{tag}")
    for tag in (
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
        "embedSystemFonts", "saveSubsetFonts", "saveFormsData",
    )
}  # fmt: skip


def _mirror_margins(settings) -> None:
    """Printing on both sides: Word swaps left and right margins on even pages."""
    el = OxmlElement("w:mirrorMargins")
    for child in settings:
        if child.tag not in _SETTINGS_BEFORE_MIRROR:
            child.addprevious(el)  # the schema fixes where it stands among the settings
            return
    settings.append(el)


def _as_datetime(when: datetime | date | None) -> datetime:
    """A naive UTC time: python-docx writes the clock reading with a "Z" whatever its zone."""
    if isinstance(when, datetime):
        if when.tzinfo is not None:
            return when.astimezone(UTC).replace(tzinfo=None)
        return when
    if isinstance(when, date):
        return datetime(when.year, when.month, when.day)
    return datetime(2000, 1, 1)


def render_docx(
    content: DocumentContent, profile: LayoutProfile, *, now: datetime | None = None
) -> bytes:
    """The document as .docx bytes; ``now`` (from the service) dates the file's properties."""
    layout = build_layout(content, profile)
    fonts.check_coverage(layout.all_text(), metrics_for(profile.font_family).family)
    family = layout.font_family
    doc = Document()

    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.name = family
    normal.font.size = Pt(layout.body[0].style.size if layout.body else 14)
    rpr = normal.element.get_or_add_rPr()
    _set_fonts(rpr, family)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(0)

    geo = layout.page
    section = doc.sections[0]
    section.page_width = Pt(geo.width)
    section.page_height = Pt(geo.height)
    section.top_margin = Pt(geo.margin_top)
    section.bottom_margin = Pt(geo.margin_bottom)
    section.left_margin = Pt(geo.margin_left)
    section.right_margin = Pt(geo.margin_right)
    section.gutter = Pt(0)
    if geo.duplex:
        _mirror_margins(doc.settings.element)
    _page_numbers(section, layout)

    body_paras = doc.paragraphs  # the template's single empty paragraph
    start = body_paras[0] if body_paras else doc.add_paragraph()
    if layout.draft_mark is not None:
        _paragraph(start, layout.draft_mark, family)
        start = None
    header = _table(doc, layout.header_left, layout.header_right, cant_split=True)
    if start is not None:  # move the template's empty paragraph out of the way
        start._p.getparent().remove(start._p)
    _fill_cell(header.rows[0].cells[0], layout.header_left, family, keep_together=False)
    _fill_cell(header.rows[0].cells[1], layout.header_right, family, keep_together=False)

    flow = [*layout.top, *layout.body]
    for i, para in enumerate(flow):
        p = doc.add_paragraph()
        _paragraph(p, para, family)
        if i == len(flow) - 1 and (layout.closing_left.paras or layout.closing_right.paras):
            # Keep the last paragraph with the signer block, as the PDF does with its last lines.
            p.paragraph_format.keep_with_next = True
    if layout.closing_left.paras or layout.closing_right.paras:
        gap = doc.add_paragraph()
        gap.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        gap.paragraph_format.line_spacing = Pt(max(1.0, layout.closing_space_before))
        gap.paragraph_format.keep_with_next = True
        closing = _table(doc, layout.closing_left, layout.closing_right, cant_split=True)
        _fill_cell(closing.rows[0].cells[0], layout.closing_left, family, keep_together=True)
        _fill_cell(closing.rows[0].cells[1], layout.closing_right, family, keep_together=True)

    meta = default_metadata(content)
    set_properties(
        doc,
        title=meta.title,
        author=meta.author,  # the issuing body
        subject=meta.subject,
        keywords=meta.keywords,
        created=_as_datetime(now or content.doc_date),
    )
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue(), _as_datetime(now or content.doc_date))


def _stable_zip(data: bytes, when: datetime) -> bytes:
    """The same package with every entry dated ``when`` (python-docx stamps the clock), so the
    same document exported twice is the same file, byte for byte."""
    import zipfile

    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()

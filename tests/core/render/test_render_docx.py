"""The Word export: same text, page and fonts as the PDF, from the same layout model."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from render_probe import norm
from render_samples import SAMPLE

from ketluan_desktop.core.render.docx import render_docx
from ketluan_desktop.core.render.layout import Role, build_layout
from ketluan_desktop.core.render.profile import HD36

P = HD36
VN = timezone(timedelta(hours=7))


@pytest.fixture
def word(sample):
    now = datetime(2024, 7, 10, 15, 30, tzinfo=VN)
    return docx.Document(io.BytesIO(render_docx(sample, P, now=now)))


def _mm(length) -> float:
    return length / 36000  # EMU per mm


def test_page_size_and_margins(word):
    (section,) = word.sections
    assert _mm(section.page_width) == pytest.approx(210, abs=0.1)
    assert _mm(section.page_height) == pytest.approx(297, abs=0.1)
    assert _mm(section.top_margin) == pytest.approx(P.margin_top_mm, abs=0.1)
    assert _mm(section.bottom_margin) == pytest.approx(P.margin_bottom_mm, abs=0.1)
    assert _mm(section.left_margin) == pytest.approx(P.margin_left_mm, abs=0.1)
    assert _mm(section.right_margin) == pytest.approx(P.margin_right_mm, abs=0.1)


def test_page_numbers_from_page_two(word):
    (section,) = word.sections
    assert section.different_first_page_header_footer
    assert _mm(section.header_distance) == pytest.approx(P.page_number_top_mm, abs=0.1)
    header = section.header._element.xml
    assert "PAGE" in header and 'w:fldCharType="begin"' in header
    assert "PAGE" not in section.first_page_header._element.xml
    (p,) = section.header.paragraphs
    assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_text_is_the_input_text(word, sample):
    _header, closing = word.tables
    body = norm(" ".join(p.text for p in word.paragraphs))
    original = norm(SAMPLE.read_text(encoding="utf-8"))
    subject = "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)"
    main, _, _ = original.partition(" Nơi nhận:")
    assert body == main.replace(subject, subject + " -----", 1)
    left, right = (norm(" ".join(p.text for p in c.paragraphs)) for c in closing.rows[0].cells)
    assert left == norm(
        "Nơi nhận: - Thường trực ĐUK, - Các đ/c Đảng ủy viên, - Các đ/c UVUBKT Đảng ủy, "
        "- Các Ban, VP Đảng ủy, - Các TCCSĐ trực thuộc, - Các Đoàn thể Khối, - Lưu Văn phòng ĐUK."
    )
    assert right == "T/M BAN CHẤP HÀNH BÍ THƯ Hoàng Thanh Hải"


def test_header_is_a_borderless_two_column_table(word):
    header = word.tables[0]
    assert len(header.rows) == 1 and len(header.columns) == 2
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ TỈNH THÁI NGUYÊN",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
        "*",
        "Số 105-KL/ĐUK",
    ]
    assert [p.text for p in right.paragraphs] == [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thái Nguyên, ngày 10 tháng 7 năm 2024",
    ]
    tblpr = header._tbl.tblPr
    borders = tblpr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    widths = [int(g.get(qn("w:w"))) for g in header._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[0] / 56.7 == pytest.approx(P.header_left_width_mm, abs=0.1)  # twips per mm
    text_width = 210 - P.margin_left_mm - P.margin_right_mm
    assert sum(widths) / 56.7 == pytest.approx(text_width + P.header_outdent_mm, abs=0.1)
    indent = int(tblpr.find(qn("w:tblInd")).get(qn("w:w")))
    assert indent / 56.7 == pytest.approx(-P.header_outdent_mm, abs=0.1)
    # The rule under the party name: a bottom border on a paragraph narrowed to the text.
    party = right.paragraphs[0]
    assert party._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    assert party.paragraph_format.left_indent == party.paragraph_format.right_indent
    assert party.paragraph_format.left_indent > 0


def _run_style(p):
    run = next(r for r in p.runs if r.text.strip())
    rfonts = run._r.rPr.find(qn("w:rFonts"))
    return (
        rfonts.get(qn("w:ascii")),
        rfonts.get(qn("w:hAnsi")),
        run.font.size.pt,
        bool(run.font.bold),
        bool(run.font.italic),
        bool(run.font.underline),
    )


def test_fonts_sizes_and_styles_follow_the_layout_model(word, sample):
    family = P.font_family
    header, closing = word.tables
    hl, hr = header.rows[0].cells
    cl, cr = closing.rows[0].cells
    assert _run_style(hl.paragraphs[0]) == (family, family, 14, False, False, False)
    assert _run_style(hl.paragraphs[1]) == (family, family, 14, True, False, False)
    assert _run_style(hl.paragraphs[3]) == (family, family, 14, False, False, False)
    assert _run_style(hr.paragraphs[0]) == (family, family, 15, True, False, False)
    assert _run_style(hr.paragraphs[1]) == (family, family, 14, False, True, False)
    assert _run_style(cl.paragraphs[0]) == (family, family, 14, False, False, True)
    assert _run_style(cl.paragraphs[1]) == (family, family, 12, False, False, False)
    assert [_run_style(p)[2:4] for p in cr.paragraphs] == [(14, True), (14, False), (14, True)]
    # Every body paragraph: the model's size, weight, spacing and indent.
    layout = build_layout(sample, P)
    flow = [*layout.top, *layout.body]
    assert len(word.paragraphs) == len(flow) + 1  # + the gap before the closing table
    for p, para in zip(word.paragraphs, flow, strict=False):
        assert _run_style(p)[:5] == (family, family, para.style.size, para.style.bold, False)
        pf = p.paragraph_format
        assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert pf.line_spacing == Pt(para.line_spacing)
        assert pf.space_after == Pt(para.space_after)
        if para.role in (Role.PARAGRAPH, Role.BULLET, Role.HEADING):
            assert pf.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
            assert pf.first_line_indent.pt == pytest.approx(para.first_indent, abs=0.05)
            assert _mm(pf.first_line_indent) == pytest.approx(P.body_first_indent_mm, abs=0.05)
            assert pf.line_spacing.pt == P.body_line_spacing_pt
            assert pf.space_after.pt == P.body_space_after_pt
    assert word.paragraphs[0].text == "KẾT LUẬN"
    assert word.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_closing_row_never_splits_and_follows_the_last_paragraph(word):
    closing = word.tables[1]
    assert closing._tbl.tr_lst[0].trPr.find(qn("w:cantSplit")) is not None
    last_body = word.paragraphs[-2]
    assert last_body.paragraph_format.keep_with_next
    signer = closing.rows[0].cells[1].paragraphs
    assert signer[1].paragraph_format.space_after.pt == pytest.approx(
        P.signature_space_mm * 72 / 25.4, abs=0.1
    )


def test_properties(word):
    props = word.core_properties
    assert props.author == "Đảng ủy Khối các cơ quan tỉnh"
    assert "105-KL/ĐUK" in props.keywords
    # Word stores UTC: 15:30 in Hà Nội is 08:30 UTC.
    assert props.created == datetime(2024, 7, 10, 8, 30, tzinfo=UTC)
    assert props.modified == props.created
    assert props.title.startswith("Kết luận số 105-KL/ĐUK")
    assert props.last_modified_by == "Đảng ủy Khối các cơ quan tỉnh"
    # nothing left over from python-docx's template (issue 13, item 8)
    assert (props.comments, props.category, props.content_status) == ("", "", "")
    (app,) = [p for p in word.part.package.iter_parts() if p.partname == "/docProps/app.xml"]
    text = app.blob.decode("utf-8")
    assert "Macintosh" not in text and "<Pages>" not in text and "<Words>" not in text
    assert "<Application>KếtLuận Desktop</Application>" in text
    assert "<Company>Đảng ủy Khối các cơ quan tỉnh</Company>" in text


def test_document_numbers_keep_a_plain_hyphen_for_words_find(word):
    # Word's Find does not match a typed "-" against a no-break hyphen (only "^~" finds one), so
    # a number must be written with a plain hyphen, inside one text run, to be found as typed.
    import re

    xml = word.element.xml
    for number in ("105-KL/ĐUK", "34-CT/TU", "1300-QĐ/TU", "21-KL/TW"):
        assert re.search(rf"<w:t[^>]*>[^<]*{re.escape(number)}", xml), number
    # Other hyphens inside words stay no-break, so Word does not split what the PDF keeps whole.
    assert "<w:noBreakHyphen/>" in xml


def test_draft_and_letter_in_word(sample):
    sample.is_draft = True
    sample.number_symbol = "-KL/ĐUK"
    word = docx.Document(io.BytesIO(render_docx(sample, P)))
    assert word.paragraphs[0].text == "DỰ THẢO"
    assert word.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    number = word.tables[0].rows[0].cells[0].paragraphs[3].text
    assert number.replace("\u00a0", " ") == "Số      -KL/ĐUK"


def test_duplex_mirrors_margins_in_word(sample):
    word = docx.Document(io.BytesIO(render_docx(sample, P.replace(duplex=True))))
    settings = word.settings.element
    assert settings.find(qn("w:mirrorMargins")) is not None
    tags = [child.tag for child in settings]
    assert tags.index(qn("w:mirrorMargins")) < tags.index(qn("w:defaultTabStop"))
    plain = docx.Document(io.BytesIO(render_docx(sample, P)))
    assert plain.settings.element.find(qn("w:mirrorMargins")) is None

"""The sample conclusion as a PDF, measured the way a reader sees it."""

from __future__ import annotations

import functools
import itertools

import pytest
from render_probe import (
    MM,
    find_line,
    find_span,
    horizontal_segments,
    lines_by_page,
    norm,
    pdffonts,
    pdftotext,
    spans_by_page,
)
from render_samples import SAMPLE, build_sample

from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.pdf import render_pdf
from ketluan_desktop.core.render.profile import HD36

P = HD36
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOL = 1 * MM


@functools.lru_cache(maxsize=1)
def _rendered():
    return render_pdf(build_sample(), P)


@pytest.fixture(scope="module")
def pdf():
    return _rendered()


@pytest.fixture(scope="module")
def lines(pdf):
    return lines_by_page(pdf.data)


@pytest.fixture(scope="module")
def spans(pdf):
    return spans_by_page(pdf.data)


def _base() -> str:
    return fonts.resolve_family(P.font_family).name.replace(" ", "")


def _body_lines(page_lines, page_index):
    """Lines of running text: below the title block on page 1, below the page number elsewhere."""
    if page_index == 0:
        sep = find_line(page_lines, "-----")
        page_lines = [ln for ln in page_lines if ln.top > sep.bottom]
    else:
        page_lines = [ln for ln in page_lines if ln.text != str(page_index + 1)]
    closing = [ln for ln in page_lines if ln.text == "Nơi nhận:"]
    if closing:
        page_lines = [ln for ln in page_lines if ln.top < closing[0].top - 1]
    return page_lines


def test_sample_is_a4_and_several_pages(pdf):
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf.data))
    assert len(reader.pages) == pdf.page_count >= 3
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(PAGE_W, abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(PAGE_H, abs=0.05)


def test_left_and_right_margins_of_the_body(lines):
    left, right = P.margin_left_mm * MM, PAGE_W - P.margin_right_mm * MM
    for i, page_lines in enumerate(lines):
        body = _body_lines(page_lines, i)
        assert body, f"page {i + 1} has no body"
        assert min(ln.x0 for ln in body) == pytest.approx(left, abs=TOL)
        assert max(ln.x1 for ln in body) == pytest.approx(right, abs=TOL)
        # Justified: every line that is not a paragraph's last reaches the right margin.
        full = [ln for ln in body if ln.x1 > right - 3 * MM]
        assert len(full) >= len(body) // 2
        for ln in full:
            assert ln.x1 == pytest.approx(right, abs=TOL)
        # Nothing at all crosses a margin (the header may reach into the left margin by design).
        for ln in page_lines:
            assert ln.x1 <= right + TOL


def test_top_and_bottom_margins(lines):
    top, bottom = P.margin_top_mm * MM, PAGE_H - P.margin_bottom_mm * MM
    pitch = P.body_line_spacing_pt
    for i, page_lines in enumerate(lines):
        text = [ln for ln in page_lines if ln.text != str(i + 1) or i == 0]
        assert min(ln.top for ln in text) == pytest.approx(top, abs=TOL)
        lowest = max(ln.bottom for ln in text)
        assert lowest <= bottom + 0.2 * MM
        if i < len(lines) - 1:
            # A full page ends within the widow/orphan allowance: at most two lines and a gap short.
            assert bottom - lowest < 3 * pitch + P.body_space_after_pt


def test_header_elements_in_their_columns(lines, spans):
    page = lines[0]
    left_centre = (P.margin_left_mm - P.header_outdent_mm + P.header_left_width_mm / 2) * MM
    right_x0 = (P.margin_left_mm - P.header_outdent_mm + P.header_left_width_mm) * MM
    right_centre = (right_x0 + PAGE_W - P.margin_right_mm * MM) / 2
    for text in ("ĐẢNG BỘ TỈNH THÁI NGUYÊN", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "*", "Số 105-KL/ĐUK"):
        assert find_line(page, text).centre == pytest.approx(left_centre, abs=0.5 * MM), text
    for text in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Thái Nguyên, ngày 10 tháng 7 năm 2024"):
        assert find_line(page, text).centre == pytest.approx(right_centre, abs=0.5 * MM), text
    # Reading down the left column, then the right one; the date stands level with the "*".
    order = [find_line(page, t).top for t in ("ĐẢNG BỘ TỈNH THÁI NGUYÊN", "*", "Số 105-KL/ĐUK")]
    assert order == sorted(order)
    star = find_span(spans[0], "*")
    date = find_span(spans[0], "Thái Nguyên, ngày 10 tháng 7 năm 2024")
    assert date.baseline == pytest.approx(star.baseline, abs=0.5)
    party = find_span(spans[0], "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert abs(party.baseline - find_span(spans[0], "ĐẢNG BỘ TỈNH THÁI NGUYÊN").baseline) < 1
    # The title block is centred on the text area.
    centre = (P.margin_left_mm * MM + PAGE_W - P.margin_right_mm * MM) / 2
    for text in ("KẾT LUẬN", "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)", "-----"):
        assert find_line(page, text).centre == pytest.approx(centre, abs=0.5 * MM), text
    assert find_line(page, "KẾT LUẬN").top > find_line(page, "Số 105-KL/ĐUK").bottom


def test_rule_under_the_party_name_is_as_wide_as_the_text(pdf, lines):
    party = find_line(lines[0], "ĐẢNG CỘNG SẢN VIỆT NAM")
    rules = [s for s in horizontal_segments(pdf.data, 0) if s.y > party.top]
    assert len(rules) == 1
    rule = rules[0]
    assert rule.x0 == pytest.approx(party.x0, abs=0.6)
    assert rule.x1 == pytest.approx(party.x1, abs=0.6)
    assert party.bottom < rule.y < party.bottom + 4 * MM
    assert rule.width > 0.3


def test_fonts_and_sizes_of_every_element(spans):
    base = _base()
    first, last = spans[0], spans[-1]
    expect = [
        (first, "ĐẢNG BỘ TỈNH THÁI NGUYÊN", base, 14),
        (first, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", f"{base}-Bold", 14),
        (first, "*", base, 14),
        (first, "Số 105-KL/ĐUK", base, 14),
        (first, "ĐẢNG CỘNG SẢN VIỆT NAM", f"{base}-Bold", 15),
        (first, "Thái Nguyên, ngày 10 tháng 7 năm 2024", f"{base}-Italic", 14),
        (first, "KẾT LUẬN", f"{base}-Bold", 15),
        (first, "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)", f"{base}-Bold", 14),
        (first, "1. Đánh giá tình hình công tác 6 tháng đầu năm 2024", f"{base}-Bold", 14),
        (last, "Nơi nhận:", base, 14),
        (last, "- Thường trực ĐUK,", base, 12),
        (last, "- Lưu Văn phòng ĐUK.", base, 12),
        (last, "T/M BAN CHẤP HÀNH", f"{base}-Bold", 14),
        (last, "BÍ THƯ", base, 14),
        (last, "Hoàng Thanh Hải", f"{base}-Bold", 14),
    ]
    for page, text, font, size in expect:
        span = find_span(page, text)
        assert (span.font, span.size) == (font, size), text
    body = [s for page in spans for s in page if s.text.startswith(("Trong 6 tháng", "- Tiếp tục"))]
    assert body and all((s.font, s.size) == (base, 14) for s in body)


def test_body_line_spacing_and_paragraph_gaps(spans):
    page = spans[1]
    body = [s for s in page if s.size == 14 and s.font == _base() and s.text != "2"]
    gaps = {round(b.baseline - a.baseline, 2) for a, b in itertools.pairwise(body)}
    pitch = P.body_line_spacing_pt
    assert pitch in gaps
    assert pitch + P.body_space_after_pt + P.body_space_before_pt in gaps
    assert all(g >= pitch for g in gaps)


def test_first_line_indent(lines):
    page = lines[0]
    opening = next(ln for ln in page if ln.text.startswith("Ngày 10 tháng 7"))
    second = next(ln for ln in page if ln.text.startswith("khóa VIII"))
    assert opening.x0 - second.x0 == pytest.approx(P.body_first_indent_mm * MM, abs=0.5)
    heading = find_line(page, "1. Đánh giá tình hình công tác 6 tháng đầu năm 2024")
    assert heading.x0 == pytest.approx(opening.x0, abs=0.5)


def test_extracted_text_is_the_input_text(pdf):
    pages = pdftotext(pdf.data).split("\f")
    kept = []
    for i, page in enumerate(pages):
        page_lines = page.splitlines()
        if i > 0 and page_lines and page_lines[0].strip() == str(i + 1):
            page_lines = page_lines[1:]  # the page number
        kept += page_lines
    text = norm("\n".join(kept))
    header, sep, rest = text.partition("KẾT LUẬN ")
    assert sep
    # What the office wrote, with what its copied-out text lacks: "-----" and the signer's title.
    original = norm(SAMPLE.read_text(encoding="utf-8"))
    subject = "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)"
    original = original.replace(subject, subject + " -----", 1)
    original = original.replace("T/M BAN CHẤP HÀNH", "T/M BAN CHẤP HÀNH BÍ THƯ")
    assert sep + rest == original
    for part in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ TỈNH THÁI NGUYÊN",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
        "*",
        "Số 105-KL/ĐUK",
        "Thái Nguyên, ngày 10 tháng 7 năm 2024",
    ):
        assert part in header
    assert len(norm(header)) == len(
        "ĐẢNG CỘNG SẢN VIỆT NAM ĐẢNG BỘ TỈNH THÁI NGUYÊN ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH * "
        "Thái Nguyên, ngày 10 tháng 7 năm 2024 Số 105-KL/ĐUK"
    )


def test_all_fonts_embedded_as_subsets_with_unicode_maps(pdf):
    rows = pdffonts(pdf.data)
    assert len(rows) >= 3
    for row in rows:
        assert (row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes"), row


def test_page_numbers_from_page_two(pdf, lines, spans):
    left, right = P.margin_left_mm * MM, PAGE_W - P.margin_right_mm * MM
    assert not [ln for ln in lines[0] if ln.text.isdigit() and ln.top < 20 * MM]
    for i in range(1, pdf.page_count):
        number = min(lines[i], key=lambda ln: ln.top)
        assert number.text == str(i + 1)
        assert number.centre == pytest.approx((left + right) / 2, abs=0.5 * MM)
        assert number.top == pytest.approx(P.page_number_top_mm * MM, abs=TOL)
        span = find_span(spans[i], str(i + 1))
        assert (span.font, span.size) == (_base(), P.page_number_size)


def test_signer_block_whole_on_the_last_page_with_body_text(pdf, lines):
    last = lines[-1]
    authority = find_line(last, "T/M BAN CHẤP HÀNH")
    title = find_line(last, "BÍ THƯ")
    name = find_line(last, "Hoàng Thanh Hải")
    recipients = find_line(last, "Nơi nhận:")
    assert authority.top < title.top < name.top
    assert recipients.top == pytest.approx(authority.top, abs=1.5)  # level with the authority
    assert recipients.x0 == pytest.approx(P.margin_left_mm * MM, abs=TOL)
    assert name.top - title.bottom >= P.signature_space_mm * MM - 1
    # The block does not stand alone: body text precedes it on its page.
    assert [ln for ln in _body_lines(last, len(lines) - 1) if ln.top < authority.top]
    box = pdf.signer_box
    assert box is not None and box.page_index == pdf.page_count - 1
    assert PAGE_H - box.y1 == pytest.approx(title.bottom, abs=0.5)
    assert PAGE_H - box.y0 == pytest.approx(name.top, abs=0.5)
    assert box.x0 <= name.x0 and name.x1 <= box.x1
    assert box.x0 >= (P.margin_left_mm + P.closing_left_width_mm) * MM - 0.5
    assert box.x1 <= PAGE_W - P.margin_right_mm * MM + 0.5


def test_recipients_underline(pdf, lines):
    heading = find_line(lines[-1], "Nơi nhận:")
    strokes = [
        s
        for s in horizontal_segments(pdf.data, pdf.page_count - 1)
        if heading.top < s.y < heading.bottom + 2
    ]
    assert len(strokes) == 1
    assert strokes[0].x0 == pytest.approx(heading.x0, abs=0.6)
    assert strokes[0].x1 == pytest.approx(heading.x1, abs=0.6)


def test_same_input_same_bytes(pdf):
    assert render_pdf(build_sample(), P).data == pdf.data

"""Other shapes of document: one page, many pages, drafts, letters, HD 05, every letter."""

from __future__ import annotations

import copy
import unicodedata
from datetime import date

import pytest
from render_probe import MM, find_line, find_span, lines_by_page, norm, pdftotext, spans_by_page
from render_samples import build_sample

from ketluan_desktop.core.documents.content import (
    Block,
    BlockKind,
    DocumentContent,
    Section,
    Signer,
)
from ketluan_desktop.core.render.pdf import render_pdf
from ketluan_desktop.core.render.profile import HD05, HD36

PAGE_H = 297 * MM


def _pages_text(data: bytes) -> list[str]:
    return [norm(p) for p in pdftotext(data).split("\f") if p.strip()]


def test_one_page_document(short_doc):
    pdf = render_pdf(short_doc, HD36)
    assert pdf.page_count == 1
    (page,) = lines_by_page(pdf.data)
    assert not [ln for ln in page if ln.text.isdigit()]  # no page number on a single page
    assert find_line(page, "THÔNG BÁO")
    assert find_line(page, "Số 05-TB/ĐUK")
    assert find_line(page, "- Các đ/c UVUBKT Đảng ủy.")  # the last recipient ends with "."
    name = find_line(page, "Hoàng Thanh Hải")
    assert name.bottom < PAGE_H - HD36.margin_bottom_mm * MM
    assert pdf.signer_box is not None and pdf.signer_box.page_index == 0


def test_long_document_numbers_every_page_and_keeps_headings_with_text(long_doc):
    pdf = render_pdf(long_doc, HD36)
    assert pdf.page_count >= 5
    pages = lines_by_page(pdf.data)
    spans = spans_by_page(pdf.data)
    headings = {f"{s.number}. {s.heading}" for s in long_doc.sections if s.number}
    for i, page in enumerate(pages):
        if i:
            assert min(page, key=lambda ln: ln.top).text == str(i + 1)
        # A heading is never the last line of a page.
        bottom = max(page, key=lambda ln: ln.bottom)
        assert bottom.text not in headings
        # No text below the bottom margin.
        assert bottom.bottom <= PAGE_H - HD36.margin_bottom_mm * MM + 0.2 * MM
    assert {s.text for page in spans for s in page} >= headings
    last = _pages_text(pdf.data)[-1]
    assert "T/M BAN CHẤP HÀNH BÍ THƯ" in last and "Hoàng Thanh Hải" in last


def _trimmed(doc: DocumentContent, keep_blocks: int) -> DocumentContent:
    """The sample cut after ``keep_blocks`` blocks: the closing lands at every height of a page."""
    doc = copy.deepcopy(doc)
    left = keep_blocks
    sections = []
    for s in doc.sections:
        if left <= 0:
            break
        s.blocks = s.blocks[:left]
        left -= len(s.blocks)
        sections.append(s)
    doc.sections = sections
    return doc


@pytest.mark.parametrize("keep", range(1, 17))
def test_signer_block_never_splits_nor_stands_alone(sample, keep):
    doc = _trimmed(sample, keep)
    pdf = render_pdf(doc, HD36)
    pages = _pages_text(pdf.data)
    holder = [i for i, p in enumerate(pages) if "T/M BAN CHẤP HÀNH" in p]
    assert holder == [pdf.page_count - 1]
    last = pages[-1]
    assert "BÍ THƯ" in last and "Hoàng Thanh Hải" in last and "Nơi nhận:" in last
    assert pdf.signer_box is not None and pdf.signer_box.page_index == pdf.page_count - 1
    # Some body text always goes with it (at least the end of the last paragraph).
    body_end = norm(doc.sections[-1].blocks[-1].text).split(" ")[-3:]
    assert " ".join(body_end) in last


def _number_row(page) -> tuple[str, ...]:
    """The words level with "Số" in the left column, checking the blank left for the number."""
    so = next(ln for ln in page if ln.text.startswith("Số"))
    row = sorted(
        (w for ln in page for w in ln.words if abs(w.top - so.top) < 1 and w.x1 < 110 * MM),
        key=lambda w: w.x0,
    )
    if len(row) > 1:
        assert row[1].x0 - row[0].x1 > 4 * 3.5  # room to write the number by hand
    return tuple(w.text for w in row)


def test_draft_has_mark_and_blank_number():
    doc = build_sample()
    doc.is_draft = True
    doc.number_symbol = None
    doc.draft_label = None
    pdf = render_pdf(doc, HD36)
    page = lines_by_page(pdf.data)[0]
    mark = find_line(page, "DỰ THẢO")
    assert mark.top == pytest.approx(HD36.margin_top_mm * MM, abs=1 * MM)
    assert mark.x1 == pytest.approx((210 - HD36.margin_right_mm) * MM, abs=1 * MM)
    assert _number_row(page) == ("Số", "-KL")  # the body code comes with number_symbol
    # With a symbol given (as a draft keeps "-KL/ĐUK"), the number stays blank.
    doc.number_symbol = "105-KL/ĐUK"
    doc.draft_label = "Dự thảo lần 2"
    page = lines_by_page(render_pdf(doc, HD36).data)[0]
    assert find_line(page, "Dự thảo lần 2")
    assert _number_row(page) == ("Số", "-KL/ĐUK")
    span = find_span(spans_by_page(render_pdf(doc, HD36).data)[0], "Dự thảo lần 2")
    assert span.font.endswith("-Italic") and span.size == 14


def test_letter_has_subject_under_number_and_greeting():
    doc = build_sample()
    doc.type_code = "CV"
    doc.number_symbol = "12-CV/ĐUK"
    doc.subject = "triển khai Chỉ thị số 35-CT/TW của Bộ Chính trị"
    doc.greeting = "Các tổ chức cơ sở đảng trực thuộc"
    doc.sections = doc.sections[:1]
    pdf = render_pdf(doc, HD36)
    page = lines_by_page(pdf.data)[0]
    spans = spans_by_page(pdf.data)[0]
    texts = [ln.text for ln in page]
    assert "KẾT LUẬN" not in texts and "CÔNG VĂN" not in texts and "-----" not in texts
    number = find_line(page, "Số 12-CV/ĐUK")
    below = sorted((ln for ln in page if ln.top > number.bottom), key=lambda ln: ln.top)
    subject = below[0]
    assert subject.text.startswith("V/v triển khai")
    assert abs(subject.centre - number.centre) < 0.5 * MM
    span = next(s for s in spans if s.text.startswith("V/v"))
    assert span.size == 12 and span.font.endswith("-Italic")
    greeting = find_line(page, "Kính gửi: Các tổ chức cơ sở đảng trực thuộc")
    centre = (30 + (210 - 15)) / 2 * MM
    assert greeting.centre == pytest.approx(centre, abs=0.5 * MM)
    assert greeting.top > subject.bottom


def test_hd05_profile_punctuates_recipients_with_semicolons(short_doc):
    text = pdftotext(render_pdf(short_doc, HD05).data)
    assert "- Thường trực ĐUK;" in text
    assert "- Các đ/c Đảng ủy viên;" in text
    assert "- Các đ/c UVUBKT Đảng ủy." in text


def test_place_and_date_zero_padding():
    doc = build_sample()
    doc.doc_date = date(2026, 2, 5)
    text = pdftotext(render_pdf(doc, HD36).data)
    assert "Thái Nguyên, ngày 05 tháng 02 năm 2026" in text
    doc.doc_date = date(2026, 11, 9)
    text = pdftotext(render_pdf(doc, HD36).data)
    assert "Thái Nguyên, ngày 09 tháng 11 năm 2026" in text
    text = pdftotext(render_pdf(doc, HD36.replace(date_zero_pad_day_upto=0)).data)
    assert "Thái Nguyên, ngày 9 tháng 11 năm 2026" in text


VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _every_letter() -> str:
    """Each vowel with each tone inside a syllable ("tằn"), lower and upper case, and đ/Đ.

    Syllables rather than lone letters: poppler reads a row of single letters as letter-spaced
    text and prints it without spaces, whatever the PDF says.
    """
    words = [unicodedata.normalize("NFC", f"t{v}{t}n") for v in VOWELS for t in TONES]
    words += ["đan", "Đan"]
    lower = " ".join(words)
    return f"{lower} {lower.upper()}"


def test_every_vowel_with_every_tone_survives_the_round_trip():
    letters = _every_letter()
    doc = DocumentContent(
        type_code="TB",
        subject=letters,
        number_symbol="01-TB/ĐUK",
        doc_date=date(2024, 7, 10),
        place="Thái Nguyên",
        issuer="Đảng ủy Khối các cơ quan tỉnh",
        parent_issuer="Đảng bộ tỉnh Thái Nguyên",
        sections=[Section("1", letters, [Block(BlockKind.PARAGRAPH, letters)])],
        signer=Signer(None, "BÍ THƯ", "Nguyễn Thị Ẩn"),
    )
    pdf = render_pdf(doc, HD36)
    text = unicodedata.normalize("NFC", norm(pdftotext(pdf.data)))
    assert text.count(letters) == 2  # the subject (bold) and the paragraph (regular)
    assert f"1. {letters}" in text  # the heading
    # Decomposed input (as some Mac and web sources give) comes out composed.
    doc.sections[0].blocks[0].text = unicodedata.normalize("NFD", "Nguyễn Thị Ẩn hướng dẫn")
    text = pdftotext(render_pdf(doc, HD36).data)
    assert "Nguyễn Thị Ẩn hướng dẫn" in text


def test_signer_without_authority_and_recipients():
    doc = build_sample()
    doc.signer = Signer(None, "BÍ THƯ", "Hoàng Thanh Hải")
    doc.recipients = []
    pdf = render_pdf(doc, HD36)
    last = lines_by_page(pdf.data)[-1]
    assert not [ln for ln in last if ln.text == "Nơi nhận:"]
    title, name = find_line(last, "BÍ THƯ"), find_line(last, "Hoàng Thanh Hải")
    assert pdf.signer_box is not None
    assert PAGE_H - pdf.signer_box.y1 == pytest.approx(title.bottom, abs=0.5)
    assert PAGE_H - pdf.signer_box.y0 == pytest.approx(name.top, abs=0.5)


def test_many_recipients_continue_below_the_signer_block():
    doc = build_sample()
    doc.recipients = [f"Chi bộ số {i}" for i in range(1, 61)]
    pdf = render_pdf(doc, HD36)
    text = norm(pdftotext(pdf.data))
    assert "- Chi bộ số 1," in text and "- Chi bộ số 60." in text
    pages = _pages_text(pdf.data)
    signer_pages = [i for i, p in enumerate(pages) if "Hoàng Thanh Hải" in p]
    assert len(signer_pages) == 1
    assert "T/M BAN CHẤP HÀNH" in pages[signer_pages[0]]
    for page in lines_by_page(pdf.data):
        assert max(ln.bottom for ln in page) <= PAGE_H - HD36.margin_bottom_mm * MM + 0.2 * MM


def test_duplex_uses_back_margins_on_even_pages(sample):
    profile = HD36.replace(duplex=True)
    pages = lines_by_page(render_pdf(sample, profile).data)
    assert min(ln.x0 for ln in pages[1]) == pytest.approx(15 * MM, abs=1 * MM)
    assert min(ln.x0 for ln in pages[2]) == pytest.approx(30 * MM, abs=1 * MM)

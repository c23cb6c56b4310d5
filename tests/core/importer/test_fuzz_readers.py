"""Hypothesis fuzzing of the .docx and PDF readers (issue 17): whatever the bytes, the importer
answers with a result or an ``ImportError_`` (a Vietnamese message), never another exception.

``parse_or_import_error`` turns an ``InternalParseError`` (a bug caught by the importer's guard)
into a failure with its traceback, so an unhandled error anywhere in a reader shows here.
"""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from crafted_docx import document_xml, make_docx, para
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_support import SAMPLE_TEXT, parse_or_import_error

FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
XML_PIECES = [
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl>", "</w:tbl>", "<w:tr>",
    "</w:tr>", "<w:tc>", "</w:tc>", "<w:tab/>", "<w:br/>", "<w:pPr><w:numPr><w:numId w:val=\"1\"/>"
    "<w:ilvl w:val=\"12\"/></w:numPr></w:pPr>", "<w:tcPr><w:vMerge/></w:tcPr>", "<w:sdt>",
    "<w:sdtContent>", "</w:sdtContent>", "</w:sdt>", "<w:rPr><w:b w:val=\"0\"/></w:rPr>",
    "KẾT LUẬN", "Số 12-KL/ĐUK", "Nơi nhận:", "T/M BAN THƯỜNG VỤ", "1. Nhiệm vụ", "- Làm", "&amp;",
    "&#0;", "&#xD800;", "<![CDATA[x]]>", "<!-- c -->", "\x00", "<w:del><w:r><w:delText>x"
    "</w:delText></w:r></w:del>", "<w:txbxContent>", "</w:txbxContent>",
]  # fmt: skip
NUMBERING = (
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="99999999999"/>'
    '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%2.%9"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    from datetime import datetime

    from ketluan_desktop.core.documents.rendering import sample_content
    from ketluan_desktop.core.render.export import export
    from ketluan_desktop.core.render.profile import DEFAULT_PROFILE

    out = io.BytesIO()
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mau.pdf"
        export(sample_content(), DEFAULT_PROFILE, "pdf", path, now=datetime(2024, 7, 10, 9, 0))
        out.write(path.read_bytes())
    return out.getvalue()


@FUZZ
@given(st.lists(st.sampled_from(XML_PIECES) | st.text(max_size=20), max_size=80).map("".join))
def test_docx_with_any_body(body: str) -> None:
    data = make_docx(document_xml(body), {"word/numbering.xml": NUMBERING})
    parse_or_import_error(data, "van-ban.docx")


@FUZZ
@given(st.binary(max_size=4000))
def test_any_bytes_named_docx(data: bytes) -> None:
    parse_or_import_error(data, "van-ban.docx")


_GOOD_DOCX = make_docx(
    document_xml(para("KẾT LUẬN") + para("1. Giao Ban Tuyên giáo làm việc A.") + para("Nơi nhận:"))
)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(_GOOD_DOCX) - 1), st.integers(0, 255)), max_size=12))
def test_docx_with_flipped_bytes(flips: list[tuple[int, int]]) -> None:
    data = bytearray(_GOOD_DOCX)
    for pos, value in flips:
        data[pos] = value
    parse_or_import_error(bytes(data), "hong.docx")


@FUZZ
@given(st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml"]),
       st.binary(max_size=500))  # fmt: skip
def test_docx_with_a_garbage_part(part: str, garbage: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", document_xml(para("KẾT LUẬN")))
        z.writestr(part, garbage) if part != "word/document.xml" else None
        if part == "word/document.xml":
            z.writestr("word/document2.xml", garbage)
    parse_or_import_error(buffer.getvalue(), "rac.docx")


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes_named_pdf(data: bytes) -> None:
    parse_or_import_error(b"%PDF-1.7\n" + data, "van-ban.pdf")


@FUZZ
@given(data=st.data())
def test_pdf_with_flipped_or_cut_bytes(sample_pdf: bytes, data) -> None:
    pdf = bytearray(sample_pdf)
    for _ in range(data.draw(st.integers(0, 10))):
        pos = data.draw(st.integers(0, len(pdf) - 1))
        pdf[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(pdf) // 2, len(pdf)))
    parse_or_import_error(bytes(pdf[:cut]), "hong.pdf")


def test_text_with_pdf_and_docx_magic_in_a_txt_name() -> None:
    for head in (b"%PDF", b"PK\x03\x04"):
        parse_or_import_error(head + SAMPLE_TEXT.encode(), "van-ban.txt")


def _text_pdf(lines: list[tuple[float, float, str]]) -> bytes:
    """A PDF with a text layer: each string drawn where hypothesis puts it (columns, overlaps,
    lines out of order), in a font that has the Vietnamese letters."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from ketluan_desktop.core.render.fonts import resolve_family

    family = resolve_family()
    if "FuzzSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FuzzSerif", str(family.path("regular"))))
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont("FuzzSerif", 12)
    for x, y, text in lines:
        if text == "\f":
            c.showPage()
            c.setFont("FuzzSerif", 12)
        else:
            c.drawString(x, y, text)
    c.save()
    return out.getvalue()


PDF_PIECES = [
    "\f", "KẾT LUẬN", "Số 12-KL/ĐUK", "Nơi nhận:", "T/M BAN THƯỜNG VỤ", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Hà Nội, ngày 5 tháng 2 năm 2026", "- Lưu VP.", "BÍ THƯ", "1", "Mục đích, yêu cầu", "(1) Làm",
]  # fmt: skip
PDF_LINES = st.lists(
    st.tuples(
        st.floats(0, 560),
        st.floats(0, 820),
        st.sampled_from(PDF_PIECES) | st.text(max_size=60),
    ),
    max_size=40,
)


@settings(FUZZ, max_examples=40)
@given(PDF_LINES)
def test_pdf_with_any_text_anywhere(lines: list[tuple[float, float, str]]) -> None:
    parse_or_import_error(_text_pdf(lines), "van-ban.pdf")

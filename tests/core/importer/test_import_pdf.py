"""PDF input (issue 17): the text layer in reading order, a scan refused or read by Tesseract.

The PDF of the seed conclusion is made by the app's own export, the scan by rendering a page of it
to a picture and wrapping the picture as an image-only PDF.
"""

from __future__ import annotations

import io
import shutil
from datetime import datetime

import pytest
from importer_support import SAMPLE

from ketluan_desktop.core.errors import ImportError_
from ketluan_desktop.core.importer import parse_bytes, parse_file
from ketluan_desktop.core.importer.layout import Box, lay_out_page
from ketluan_desktop.core.importer.pdf_reader import ScannedPdfError

SAME = ("meeting", "sections", "tasks", "citations", "figures", "recipients")


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> bytes:
    from ketluan_desktop.core.documents.rendering import sample_content
    from ketluan_desktop.core.render.export import export
    from ketluan_desktop.core.render.profile import DEFAULT_PROFILE

    out = tmp_path_factory.mktemp("pdf") / "ket-luan.pdf"
    export(sample_content(), DEFAULT_PROFILE, "pdf", out, now=datetime(2024, 7, 10, 9, 0))
    return out.read_bytes()


def scanned(pdf: bytes, pages: list[int], dpi: int = 200) -> bytes:
    """An image-only PDF of some pages, as a scanner makes it."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in pages]
    doc.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def test_pdf_of_the_seed_sample_reads_as_the_text(sample_pdf: bytes) -> None:
    text = parse_file(SAMPLE).to_json_dict()
    pdf = parse_bytes(sample_pdf, "ket-luan.pdf").to_json_dict()
    for key in SAME:
        assert pdf[key] == text[key], key
    for field, value in text["document"].items():
        if value is not None:
            assert pdf["document"][field] == value, field
    # The header's two columns are kept apart: the exported page has the office's number and date.
    assert pdf["document"]["number_symbol"] == "105-KL/ĐUK"
    assert pdf["document"]["date"] == "2024-07-10"
    assert pdf["document"]["issuer"] == "Đảng ủy Khối các cơ quan tỉnh"
    assert pdf["signer"] == {"authority": "T/M BAN CHẤP HÀNH", "title": "BÍ THƯ",
                             "name": "Hoàng Thanh Hải"}  # fmt: skip
    assert pdf["source"]["encoding"] == "pdf" and pdf["source"]["ocr"] is False


def test_columns_side_by_side_stay_apart() -> None:
    boxes = [
        Box(60, 100, 200, 112, "Nơi nhận:"),
        Box(330, 99, 520, 113, "T/M BAN THƯỜNG VỤ"),
        Box(60, 116, 230, 128, "- Như trên,"),
        Box(380, 117, 470, 129, "BÍ THƯ"),
        Box(60, 132, 240, 144, "- Lưu Văn phòng."),
    ]
    lines = lay_out_page(boxes)
    assert [ln.split("   ")[0].strip() for ln in lines if ln] == [
        "Nơi nhận:", "- Như trên,", "- Lưu Văn phòng."
    ]  # fmt: skip
    assert "T/M BAN THƯỜNG VỤ" in lines[0] and "   " in lines[0]


def test_scan_without_text_says_so(sample_pdf: bytes, monkeypatch) -> None:
    from ketluan_desktop.core.importer import ocr

    scan = scanned(sample_pdf, [0], dpi=60)
    monkeypatch.setattr(ocr, "find_tesseract", lambda: ocr.Tesseract(None, False))
    with pytest.raises(ScannedPdfError) as err:
        parse_bytes(scan, "ban-quet.pdf")
    assert "bản quét" in str(err.value) and "Tesseract" in str(err.value)
    assert err.value.ocr_available is False
    with pytest.raises(ScannedPdfError):
        parse_bytes(scan, "ban-quet.pdf", ocr=True)  # asked for, but nothing to do it with


def test_damaged_pdf_is_an_import_error() -> None:
    with pytest.raises(ImportError_, match="PDF"):
        parse_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100, "hong.pdf")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract-ocr-vie")
def test_scanned_page_goes_through_ocr(sample_pdf: bytes) -> None:
    scan = scanned(sample_pdf, [0])
    with pytest.raises(ScannedPdfError) as err:
        parse_bytes(scan, "ban-quet.pdf")
    assert err.value.ocr_available is True
    result = parse_bytes(scan, "ban-quet.pdf", ocr=True)
    data = result.to_json_dict()
    assert data["source"]["ocr"] is True
    assert "từ OCR — cần kiểm tra" in data["warnings"][0]
    doc = data["document"]
    assert (doc["type"], doc["number_symbol"], doc["date"]) == ("KL", "105-KL/ĐUK", "2024-07-10")
    assert data["meeting"]["session"] == 19

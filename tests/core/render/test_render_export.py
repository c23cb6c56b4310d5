"""Export to a file: font checked first, nothing half-written ever appears; names; metadata."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

import docx
import pytest
from pypdf import PdfReader
from render_probe import norm, pdftotext

from ketluan_desktop.core.documents.content import Block, BlockKind
from ketluan_desktop.core.errors import RenderError
from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.export import export
from ketluan_desktop.core.render.naming import ascii_fold, default_file_name
from ketluan_desktop.core.render.pdf import PdfMetadata, render_pdf
from ketluan_desktop.core.render.profile import HD36

VN = timezone(timedelta(hours=7))
NOW = datetime(2024, 7, 10, 15, 32, 5, tzinfo=VN)


def test_export_pdf_writes_the_file_with_metadata(sample, tmp_path):
    target = tmp_path / "Văn bản" / default_file_name(sample, "pdf")
    target.parent.mkdir()
    assert export(sample, HD36, "pdf", target, now=NOW) == target
    assert target.name == "105-KL-DUK_2024-07-10.pdf"
    reader = PdfReader(target)
    meta = reader.metadata
    assert meta.title.startswith("Kết luận số 105-KL/ĐUK")
    assert meta.author == "Đảng ủy Khối các cơ quan tỉnh"
    assert meta.subject == "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)"
    assert "105-KL/ĐUK" in meta.keywords
    assert meta["/CreationDate"] == "D:20240710153205+07'00'"
    assert meta.creation_date == NOW
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_export_docx(sample, tmp_path):
    target = export(sample, HD36, "docx", tmp_path / "kl.docx", now=NOW)
    text = norm(" ".join(p.text for p in docx.Document(target).paragraphs))
    assert text.startswith("KẾT LUẬN Hội nghị Ban Chấp hành")


@pytest.mark.parametrize("bad", ["✓", "中", "\U0001f600"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_missing_glyph_fails_clearly_and_writes_nothing(sample, tmp_path, bad, fmt):
    sample.sections[1].blocks.append(Block(BlockKind.BULLET, f"Đã hoàn thành {bad} đúng hạn"))
    target = tmp_path / f"out.{fmt}"
    with pytest.raises(RenderError) as err:
        export(sample, HD36, fmt, target, now=NOW)
    message = str(err.value)
    family = fonts.resolve_family(HD36.font_family).name
    assert f"«{bad}»" in message and f"U+{ord(bad):04X}" in message
    assert family in message
    assert "Chưa có tệp nào được ghi" in message
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_missing_glyph_in_a_header_field_is_caught_too(sample, tmp_path):
    sample.signer.name = "Hoàng Thanh Hải ✓"
    with pytest.raises(RenderError, match="✓"):
        export(sample, HD36, "pdf", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_render_pdf_itself_refuses_missing_glyphs(sample):
    sample.subject = "Hội nghị ✓"
    with pytest.raises(RenderError):
        render_pdf(sample, HD36)


def test_unknown_format(sample, tmp_path):
    with pytest.raises(RenderError, match="định dạng"):
        export(sample, HD36, "odt", tmp_path / "x.odt")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_replaced_only_on_success(sample, tmp_path):
    target = tmp_path / "kl.pdf"
    target.write_bytes(b"old")
    sample.subject = "✓"
    with pytest.raises(RenderError):
        export(sample, HD36, "pdf", target)
    assert target.read_bytes() == b"old"
    sample.subject = "Hội nghị"
    export(sample, HD36, "pdf", target)
    assert target.read_bytes().startswith(b"%PDF-")


def test_metadata_parameter_overrides_and_dates_without_clock(sample):
    pdf = render_pdf(sample, HD36, metadata=PdfMetadata(title="Tiêu đề riêng", creation_date=NOW))
    meta = PdfReader(io.BytesIO(pdf.data)).metadata
    assert meta.title == "Tiêu đề riêng"
    assert meta.author == "Đảng ủy Khối các cơ quan tỉnh"  # still derived
    # No date given: the document's own date, never the clock.
    meta = PdfReader(io.BytesIO(render_pdf(sample, HD36).data)).metadata
    assert meta["/CreationDate"] == "D:20240710000000"


def test_default_file_names(sample):
    assert default_file_name(sample) == "105-KL-DUK_2024-07-10.pdf"
    assert default_file_name(sample, "docx") == "105-KL-DUK_2024-07-10.docx"
    sample.number_symbol = "05-QĐ/ĐUK"
    sample.doc_date = date(2026, 2, 5)
    assert default_file_name(sample) == "05-QD-DUK_2026-02-05.pdf"
    sample.is_draft = True
    sample.type_code = "KL"
    assert default_file_name(sample) == "du-thao-KL_2026-02-05.pdf"
    sample.doc_date = None
    assert default_file_name(sample) == "du-thao-KL.pdf"
    assert ascii_fold("Đảng ủy Khối") == "Dang uy Khoi"


def test_exported_text_survives_in_both_formats(sample, tmp_path):
    pdf = export(sample, HD36, "pdf", tmp_path / "a.pdf", now=NOW)
    text = norm(pdftotext(pdf.read_bytes()))
    assert "Đàm Minh Tuấn - Ủy viên Ban Thường vụ" in text
    assert "nhiệm kỳ 2020 - 2025" in text

"""What the user can get wrong: too big, empty, not text, unsupported or damaged files. Each gives an
``ImportError_`` whose Vietnamese message says what is wrong and what to do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from importer_support import SAMPLE, SAMPLE_TEXT

from ketluan_desktop.core.errors import ImportError_
from ketluan_desktop.core.importer import (
    MAX_BYTES,
    InternalParseError,
    parse_bytes,
    parse_file,
    parse_text,
)
from ketluan_desktop.core.importer import files as importer_files


def _message(exc: pytest.ExceptionInfo[ImportError_]) -> str:
    message = str(exc.value)
    assert "Hãy" in message or "hãy" in message  # always says what to do
    assert not isinstance(exc.value, InternalParseError)
    return message


def test_file_over_ten_megabytes(tmp_path: Path) -> None:
    big = tmp_path / "lon.txt"
    big.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(ImportError_) as exc:
        parse_file(big)
    assert "quá lớn" in _message(exc) and "10 MB" in str(exc.value)
    with pytest.raises(ImportError_):
        parse_bytes(b"a" * (MAX_BYTES + 1), "lon.txt")


def test_ten_megabytes_exactly_is_accepted() -> None:
    text = SAMPLE_TEXT.encode("utf-8")
    data = text + b" " * (MAX_BYTES - len(text))
    assert parse_bytes(data, "vua.txt").signer is not None


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \r\n", "\ufeff".encode(), b"-----\n***\n"])
def test_empty_files(data: bytes) -> None:
    with pytest.raises(ImportError_) as exc:
        parse_bytes(data, "trong.txt")
    message = _message(exc)
    assert "trống" in message or "không có chữ" in message


def test_empty_text() -> None:
    with pytest.raises(ImportError_):
        parse_text("")
    with pytest.raises(ImportError_):
        parse_text("\n \u00a0 \n")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "ảnh PNG"),
        (b"%PDF-1.7\n" + bytes(range(256)), "tệp PDF"),
        (b"MZ\x90\x00" + bytes(range(256)), "chương trình"),
        (bytes(range(256)) * 20, None),
        (b"KET LUAN\x00\x01\x02\x03" * 100, None),
    ],
)
def test_binary_files_named_txt(data: bytes, what: str | None) -> None:
    with pytest.raises(ImportError_) as exc:
        parse_bytes(data, "van-ban.txt")
    message = _message(exc)
    assert "không phải tệp văn bản" in message
    if what:
        assert what in message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("ket-luan.doc", "Word 97-2003"),
        ("ket-luan.odt", ".odt"),
        ("ket-luan", "không có đuôi"),
        ("anh.jpg", ".jpg"),
    ],
)
def test_unsupported_extensions(name: str, words: str) -> None:
    with pytest.raises(ImportError_) as exc:
        parse_bytes(SAMPLE_TEXT.encode(), name)
    message = _message(exc)
    assert words in message and ".docx" in message


def test_damaged_docx() -> None:
    with pytest.raises(ImportError_) as exc:
        parse_bytes(b"PK\x03\x04 broken zip" + bytes(200), "hong.docx")
    assert "không mở được" in _message(exc)
    with pytest.raises(ImportError_) as exc:
        parse_bytes(SAMPLE_TEXT.encode(), "dat-sai-ten.docx")
    _message(exc)


def test_zip_that_is_not_a_word_file() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ghi-chu.txt", "xin chào")
    with pytest.raises(ImportError_) as exc:
        parse_bytes(buffer.getvalue(), "nen.docx")
    assert "không phải tệp Word" in _message(exc)


def test_docx_without_text() -> None:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(ImportError_) as exc:
        parse_bytes(buffer.getvalue(), "trang-trang.docx")
    assert "không có chữ" in _message(exc)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportError_) as exc:
        parse_file(tmp_path / "khong-co.txt")
    assert "Không tìm thấy tệp" in _message(exc)
    with pytest.raises(ImportError_):
        parse_file(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "khoa.txt"
    path.write_text("KẾT LUẬN", encoding="utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ImportError_) as exc:
        parse_file(path)
    assert "Không đọc được tệp" in _message(exc)


def test_a_bug_is_still_an_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("lỗi giả")

    monkeypatch.setattr(importer_files, "parse_lines", broken)
    with pytest.raises(InternalParseError) as exc:
        parse_file(SAMPLE)
    assert isinstance(exc.value, ImportError_)
    assert exc.value.detail and "ValueError: lỗi giả" in exc.value.detail
    assert "lỗi của chương trình" in str(exc.value)


def test_path_given_as_text() -> None:
    assert parse_file(str(SAMPLE)).signer is not None

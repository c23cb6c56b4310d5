"""Files to ``ImportResult``: size and type checks, decoding, and the one guarantee callers rely
on — nothing but ``ImportError_`` ever comes out.
"""

from __future__ import annotations

import functools
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from ketluan_desktop.core.errors import ImportError_
from ketluan_desktop.core.importer.decode import decode_bytes
from ketluan_desktop.core.importer.docx_reader import read_docx
from ketluan_desktop.core.importer.legacy import convert_legacy_text
from ketluan_desktop.core.importer.limits import Budget
from ketluan_desktop.core.importer.lines import SourceLine, text_to_lines
from ketluan_desktop.core.importer.pipeline import parse_lines
from ketluan_desktop.core.importer.result import ImportResult, SourceInfo

MAX_BYTES = 10 * 1024 * 1024
TEXT_EXTENSIONS = {".txt", ".text"}
DOCX_EXTENSIONS = {".docx"}
PDF_EXTENSIONS = {".pdf"}
_P = ParamSpec("_P")
_R = TypeVar("_R")


class InternalParseError(ImportError_):
    """A bug in the importer, reported like any import failure (traceback in ``detail``)."""


def _never_raise_else(func: Callable[_P, _R]) -> Callable[_P, _R]:
    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return func(*args, **kwargs)
        except ImportError_:
            raise
        except RecursionError as exc:
            raise ImportError_(
                "Văn bản có cấu trúc quá phức tạp để đọc tự động. "
                "Hãy lưu lại dưới dạng .txt đơn giản rồi nhập lại.",
                detail=traceback.format_exc(),
            ) from exc
        except Exception as exc:
            raise InternalParseError(
                "Không phân tích được văn bản do lỗi của chương trình. Hãy gửi tệp này cho bộ phận "
                "kỹ thuật; trong lúc chờ, có thể nhập nội dung bằng tay.",
                detail=traceback.format_exc(),
            ) from exc

    return wrapper


def _size_mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise ImportError_(
            f"Tệp “{name}” quá lớn ({_size_mb(size)} MB). Chỉ nhập được tệp tối đa 10 MB; hãy tách "
            "văn bản thành các tệp nhỏ hơn hoặc bỏ bớt hình ảnh rồi nhập lại."
        )
    if size == 0:
        raise ImportError_(
            f"Tệp “{name}” trống, không có nội dung. Hãy kiểm tra lại tệp (có thể chưa lưu xong) "
            "rồi nhập lại."
        )


def _unsupported(name: str, ext: str) -> ImportError_:
    if ext == ".doc":
        return ImportError_(
            f"Tệp “{name}” là định dạng Word 97-2003 (.doc), chưa nhập trực tiếp được. Hãy mở tệp "
            "bằng Word, chọn Lưu thành (Save As) kiểu .docx rồi nhập lại."
        )
    shown = ext or "(không có đuôi)"
    return ImportError_(
        f"Không nhập được tệp “{name}”: kiểu tệp {shown} không được hỗ trợ. Chỉ nhập được tệp văn "
        "bản .txt, tệp Word .docx và tệp PDF; hãy lưu văn bản thành một trong các kiểu đó rồi nhập lại."
    )


def _require_content(lines: list[SourceLine], name: str) -> None:
    if not any(any(c.isalnum() for c in ln.text) for ln in lines):
        raise ImportError_(
            f"Tệp “{name}” không có chữ nào để nhập (trống, hoặc chỉ có hình ảnh, bản quét). "
            "Hãy dùng bản có chữ (.docx hoặc .txt) rồi nhập lại."
        )


@_never_raise_else
def parse_text(text: str) -> ImportResult:
    """Parse a document given as text (pasted, or read by the caller)."""
    if not isinstance(text, str):
        raise ImportError_("Nội dung cần nhập phải là văn bản.")
    text, converted = convert_legacy_text(text)
    lines = text_to_lines(text)
    _require_content(lines, "văn bản dán vào")
    return parse_lines(lines, SourceInfo(None, converted))


def _parse_pdf(data: bytes, name: str, ocr: bool) -> ImportResult:
    from ketluan_desktop.core.importer.ocr import OCR_MARK
    from ketluan_desktop.core.importer.pdf_reader import (
        ScannedPdfError,
        read_pdf_ocr,
        read_pdf_text,
    )

    used_ocr = False
    try:
        text = read_pdf_text(data, name, Budget(name))
    except ScannedPdfError as exc:
        if not (ocr and exc.ocr_available):
            raise
        text, used_ocr = read_pdf_ocr(data, name), True
    lines = text_to_lines(text)
    _require_content(lines, name)
    source = SourceInfo("pdf", None, name, ocr=used_ocr)
    result = parse_lines(lines, source)
    if used_ocr:
        result.warnings.insert(
            0,
            f"Nội dung {OCR_MARK}: chữ được nhận dạng từ ảnh quét nên có thể sai dấu, sai số; "
            "hãy đối chiếu với bản giấy trước khi lưu.",
        )
    return result


@_never_raise_else
def parse_bytes(data: bytes, filename: str, *, ocr: bool = False) -> ImportResult:
    """Parse a .txt, .docx or .pdf file's bytes; ``filename`` gives the type and the name in
    messages. ``ocr``: read a scanned PDF with Tesseract (when it is installed)."""
    name = os.path.basename(str(filename)) or "tệp"
    _check_size(len(data), name)
    ext = os.path.splitext(name)[1].lower()
    if ext in PDF_EXTENSIONS:
        return _parse_pdf(bytes(data), name, ocr)
    if ext in TEXT_EXTENSIONS and data.startswith(b"%PDF"):
        try:  # a PDF saved under a .txt name
            return _parse_pdf(bytes(data), name, ocr)
        except ImportError_ as exc:
            if type(exc) is not ImportError_:
                raise
            raise ImportError_(
                f"Tệp “{name}” không phải tệp văn bản (có vẻ là tệp PDF, nhưng không đọc được). "
                "Hãy chọn đúng tệp .txt, .docx hoặc .pdf chứa nội dung văn bản rồi nhập lại.",
                detail=exc.detail,
            ) from exc
    if ext in DOCX_EXTENSIONS or (ext in TEXT_EXTENSIONS and data.startswith(b"PK\x03\x04")):
        lines = read_docx(bytes(data), name, Budget(name))
        _require_content(lines, name)
        text = "\n".join(ln.text for ln in lines)
        converted_text, converted = convert_legacy_text(text)
        if converted:
            lines = [
                SourceLine(t, hard=True, bold=ln.bold, bold_prefix=ln.bold_prefix)
                for t, ln in zip(converted_text.split("\n"), lines, strict=True)
            ]
        return parse_lines(lines, SourceInfo("utf-8", converted, name))
    if ext not in TEXT_EXTENSIONS:
        raise _unsupported(name, ext)
    decoded = decode_bytes(bytes(data), name)
    lines = text_to_lines(decoded.text)
    _require_content(lines, name)
    source = SourceInfo(decoded.encoding, decoded.converted_from, name, decoded.damaged)
    return parse_lines(lines, source)


@_never_raise_else
def parse_file(path: str | os.PathLike[str], *, ocr: bool = False) -> ImportResult:
    """Parse a .txt, .docx or .pdf file from disk."""
    file = Path(path)
    name = file.name
    try:
        if not file.is_file():
            raise ImportError_(
                f"Không tìm thấy tệp “{file}”. Hãy kiểm tra lại đường dẫn hoặc chọn lại tệp."
            )
        _check_size(file.stat().st_size, name)
        data = file.read_bytes()
    except OSError as exc:
        raise ImportError_(
            f"Không đọc được tệp “{file}” ({exc.strerror or exc}). Hãy kiểm tra quyền truy cập, "
            "hoặc đóng chương trình đang mở tệp rồi thử lại.",
            detail=repr(exc),
        ) from exc
    return parse_bytes(data, name, ocr=ocr)

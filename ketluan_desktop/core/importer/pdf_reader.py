"""PDF to text laid out like the page: the text layer read with pypdfium2, or, for a scan, the
words Tesseract recognises (``ocr.py``).

A PDF without a text layer is refused with ``ScannedPdfError``, which says whether OCR can be
offered on this computer and, if not, how to install it.
"""

from __future__ import annotations

from ketluan_desktop.core.errors import ImportError_
from ketluan_desktop.core.importer.layout import Box, lay_out_pages
from ketluan_desktop.core.importer.limits import MAX_PDF_PAGES, Budget, TooCostlyError

# Fewer letters than this on average per page: the pages are pictures (a scan).
_MIN_LETTERS_PER_PAGE = 20


class ScannedPdfError(ImportError_):
    """The PDF is a scan without text; ``ocr_available`` tells whether OCR can be offered."""

    def __init__(self, message: str, *, ocr_available: bool, detail: str | None = None) -> None:
        super().__init__(message, detail=detail)
        self.ocr_available = ocr_available


def _damaged(name: str, exc: BaseException) -> ImportError_:
    return ImportError_(
        f"Tệp “{name}” không mở được như tệp PDF (tệp hỏng, bị khóa bằng mật khẩu hoặc không đúng "
        "định dạng). Hãy mở thử bằng trình đọc PDF, in ra PDF mới (Print to PDF) rồi nhập lại, hoặc "
        "dùng bản .docx, .txt của văn bản.",
        detail=repr(exc),
    )


def open_pdf(data: bytes, name: str):
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
        pages = len(pdf)
    except Exception as exc:  # pdfium raises PdfiumError and others for a bad file
        raise _damaged(name, exc) from exc
    if pages > MAX_PDF_PAGES:
        pdf.close()
        raise TooCostlyError(
            f"Không nhập tệp “{name}”: tệp PDF có {pages} trang, quá {MAX_PDF_PAGES} trang. Hãy "
            "tách riêng văn bản cần nhập (vài trang) ra một tệp PDF rồi nhập lại."
        )
    return pdf


def _page_boxes(page, budget: Budget) -> list[Box]:
    """The text runs of one page, in PDF points measured from the top left corner."""
    _, height = page.get_size()
    textpage = page.get_textpage()
    try:
        boxes = []
        for i in range(textpage.count_rects()):
            budget.tick()
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text and text.strip():
                boxes.append(Box(left, height - top, right, height - bottom, text))
        return boxes
    finally:
        textpage.close()


def read_pdf_text(data: bytes, name: str, budget: Budget) -> str:
    """The text layer laid out like the pages; ``ScannedPdfError`` for a scan."""
    pdf = open_pdf(data, name)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(_page_boxes(page, budget))
            except ImportError_:
                raise
            except Exception as exc:
                raise _damaged(name, exc) from exc
            finally:
                page.close()
        count = len(pages)
    finally:
        pdf.close()
    letters = sum(sum(c.isalpha() for c in b.text) for boxes in pages for b in boxes)
    if letters < _MIN_LETTERS_PER_PAGE * max(count, 1) and letters < 200:
        raise _scanned(name, count)
    return lay_out_pages(pages)


def _scanned(name: str, pages: int) -> ScannedPdfError:
    from ketluan_desktop.core.importer.ocr import find_tesseract

    found = find_tesseract()
    where = f"{pages} trang" if pages else "các trang"
    if found.ready:
        return ScannedPdfError(
            f"Tệp “{name}” là bản quét ({where} là ảnh, không có chữ). Có thể nhận dạng chữ (OCR) "
            "bằng Tesseract đã cài trên máy này; kết quả cần được kiểm tra kỹ trước khi lưu. "
            "Trên dòng lệnh: thêm --ocr; trong chương trình: chọn «Nhận dạng chữ».",
            ocr_available=True,
        )
    return ScannedPdfError(
        f"Tệp “{name}” là bản quét ({where} là ảnh, không có chữ) nên không đọc được nội dung. "
        f"{found.advice} Hoặc dùng bản .docx/.pdf có chữ của văn bản.",
        ocr_available=False,
    )


def read_pdf_ocr(data: bytes, name: str) -> str:
    """Every page rendered and read by Tesseract (Vietnamese), laid out like the pages."""
    from ketluan_desktop.core.importer.ocr import ocr_page_boxes

    pdf = open_pdf(data, name)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(ocr_page_boxes(page, name, index + 1))
            finally:
                page.close()
    finally:
        pdf.close()
    return lay_out_pages(pages)

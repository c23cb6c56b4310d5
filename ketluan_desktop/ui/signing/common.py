"""Small pieces the signing windows share: file pickers, the verdict's colours, and a PDF
page drawn with pypdfium2 (QtPdf does not draw signature appearances; pdfium with forms does)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from ketluan_desktop.core.signing.verify import (
    VERDICT_ALTERED,
    VERDICT_UNSIGNED,
    VERDICT_UNTRUSTED,
    VERDICT_VALID,
)

# text colour, background, border: readable for the colour-blind too (the words carry the meaning)
VERDICT_COLOURS = {
    VERDICT_VALID: ("#14532d", "#dcfce7", "#16a34a"),
    VERDICT_UNTRUSTED: ("#713f12", "#fef3c7", "#d97706"),
    VERDICT_ALTERED: ("#7f1d1d", "#fee2e2", "#dc2626"),
    VERDICT_UNSIGNED: ("#374151", "#f3f4f6", "#9ca3af"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Signing", text)


def pick_file(parent, title: str, key: str, filters: str) -> str | None:
    """The open-file dialog, starting where files of this kind (``key``) were last taken from."""
    from ketluan_desktop.ui import dialogs

    return dialogs.open_file(parent, title, key, filters)


def pick_pkcs11_module(parent) -> str | None:
    return pick_file(
        parent,
        _t("Chọn thư viện PKCS#11 của USB token"),
        "module_folder",
        _t("Thư viện (*.dll *.so *.dylib);;Tất cả tệp (*)"),
    )


def pick_image(parent) -> str | None:
    return pick_file(
        parent,
        _t("Chọn ảnh (PNG nền trong suốt)"),
        "image_folder",
        _t("Ảnh (*.png *.jpg *.jpeg);;Tất cả tệp (*)"),
    )


@dataclass(frozen=True)
class PageImage:
    """A rendered page as raw RGB bytes (built off the GUI thread; QImage made on it)."""

    data: bytes
    width: int
    height: int
    stride: int
    page_index: int
    page_count: int
    scale: float
    page_height_pt: float

    def to_qimage(self) -> QImage:
        img = QImage(self.data, self.width, self.height, self.stride, QImage.Format.Format_RGB888)
        return img.copy()  # detach from the Python buffer


def render_page(pdf: bytes, page_index: int, dpi: float = 110.0) -> PageImage:
    """Draw one page with its form fields, so signature appearances show."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        doc.init_forms()
        count = len(doc)
        index = min(max(page_index, 0), count - 1)
        page = doc[index]
        try:
            scale = dpi / 72.0
            bitmap = page.render(scale=scale, may_draw_forms=True, rev_byteorder=True)
            try:
                return PageImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    index,
                    count,
                    scale,
                    page.get_height(),
                )
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        doc.close()

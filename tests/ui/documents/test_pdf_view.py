"""The page views (editor preview, print preview) keep a steady width: no scroll-bar flicker."""

from __future__ import annotations

import io

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QWidget

from ketluan_desktop.ui.widgets.pdf_view import fit_width_page_view


def _one_page_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    c = Canvas(out, pagesize=A4)
    c.drawString(100, 700, "Kết luận")
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_one_page_document_reloaded_keeps_the_views_width(qtbot):
    # 562×795 is the editor's preview size at which an as-needed scroll bar came and went
    # endlessly (the page fits without the bar only when the bar is there).
    holder = QWidget()  # as in the app: the document belongs to the pane, not to the view
    qtbot.addWidget(holder)
    doc = QPdfDocument(holder)
    view = fit_width_page_view(page_spacing=12)
    view.setParent(holder)
    view.setDocument(doc)
    holder.resize(562, 795)
    view.resize(562, 795)
    holder.show()
    data = _one_page_pdf()
    widths = set()
    for _ in range(4):  # the preview loads a fresh PDF into its document after every edit
        buf = QBuffer(holder)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        doc.load(buf)
        for _ in range(3):
            QApplication.processEvents()
        widths.add(view.viewport().width())
    assert len(widths) == 1
    assert view.verticalScrollBar().isVisible()
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_the_print_preview_uses_the_steady_view(qtbot):
    from ketluan_desktop.core.documents.content import Block, BlockKind, DocumentContent, Section
    from ketluan_desktop.core.render.profile import DEFAULT_PROFILE
    from ketluan_desktop.ui.documents.exporting import PrintPreview

    content = DocumentContent(
        type_code="TB",
        subject="về lịch làm việc",
        sections=[Section(None, None, [Block(BlockKind.PARAGRAPH, "Thông báo.")])],
    )
    dlg = PrintPreview(content, DEFAULT_PROFILE)
    qtbot.addWidget(dlg)
    assert dlg.view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    assert dlg.document.pageCount() == 1

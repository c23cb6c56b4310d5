"""A window reading a source document, scrolled to the paragraph a task comes from (non-modal)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ketluan_desktop.core.tasks import task_detail
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui.screen_fit import fit_to_screen


class DocumentViewer(QDialog):
    def __init__(
        self,
        document: task_detail.ReadingDocument,
        block_id: int | None,
        parent: QWidget | None = None,
    ):
        """``document``: ``task_detail.reading``'s answer, read on the runner by the caller."""
        super().__init__(parent)
        self.setModal(False)
        fit_to_screen(self, 760, 820)
        self.document = document
        self.setWindowTitle(self.document.label)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(self._html(block_id))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        if block_id is not None:
            self.browser.scrollToAnchor("task")

    def _html(self, block_id: int | None) -> str:
        e = html.escape
        d = self.document
        meta = [f"Số {d.number_symbol}" if d.number_symbol else "Dự thảo"]
        if d.doc_date:
            meta.append(f"ngày {format_date(d.doc_date)}")
        parts = [
            "<div style='font-family: \"Times New Roman\", Tinos, serif; font-size: 12.5pt;'>",
            f"<p align='center'><b>{e(d.title)}</b><br/><b>{e(d.subject or '')}</b></p>",
            f"<p align='center' style='color:#555'><i>{e(', '.join(meta))}</i></p>",
        ]
        for heading, blocks in d.sections:
            if heading:
                parts.append(f"<p><b>{e(heading)}</b></p>")
            for b in blocks:
                prefix = "- " if b.kind == "bullet" else ""
                style = "text-indent: 24px; text-align: justify; margin: 4px 0;"
                mark = ""
                if b.block_id == block_id:
                    style += " background: #fff4d6;"
                    mark = "<a name='task'></a>"
                elif b.task_id is not None:
                    style += " background: #f4f5f7;"
                parts.append(f"<p style='{style}'>{mark}{e(prefix + b.text)}</p>")
        parts.append("</div>")
        return "".join(parts)

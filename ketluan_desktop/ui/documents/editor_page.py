"""The two halves of the editor window: the page (header form, body, closing) on a grey desk, and
the side panels (preview, key task, citations, outline) in tabs.

Both are layout only: they own their widgets and expose them; the window wires them to the model,
the undo stack and the lifecycle.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.ui.documents.body_model import BodyModel, NumberedDelegate
from ketluan_desktop.ui.documents.body_view import BodyView
from ketluan_desktop.ui.documents.header_form import HeaderForm
from ketluan_desktop.ui.documents.preview import PreviewPane
from ketluan_desktop.ui.documents.recipients import ClosingForm
from ketluan_desktop.ui.documents.side_panels import CitationsPanel, TaskPanel

EDITOR_STYLE = """
QScrollArea#pageScroll { background: #e9ebef; border: none; }
QWidget#pageScrollBody { background: #e9ebef; }
QFrame#sheet { background: white; border: 1px solid #d5d9df; }
QLabel#openingLabel { color: #7b828c; font-style: italic; }
QLabel#hint { color: #5b6370; }
QLabel#numberLabel { color: #1d1f23; font-weight: 600; }
QLabel#readOnlyBanner { background: #fff4d6; border: 1px solid #e8c66a; padding: 6px 10px;
                         color: #5a4500; }
QLabel#sheetTitle { color: #7a1015; font-size: 12pt; font-weight: 700; }
QLabel#previewStatus { color: #5b6370; padding: 2px 4px; }
"""


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


def _sheet_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sheetTitle")
    return label


class EditorPage(QScrollArea):
    """The sheet of paper: a banner for read-only documents, then header, body and closing."""

    def __init__(self, body: BodyModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageScroll")
        self.setWidgetResizable(True)
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.header = HeaderForm()
        self.body_view = BodyView(body)
        self.closing = ClosingForm()

        sheet = QFrame()
        sheet.setObjectName("sheet")
        sheet.setMaximumWidth(900)
        sv = QVBoxLayout(sheet)
        sv.setContentsMargins(40, 22, 40, 30)
        sv.setSpacing(6)
        sv.addWidget(_sheet_title(_t("Thông tin văn bản")))
        sv.addWidget(self.header)
        sv.addWidget(_sheet_title(_t("Nội dung")))
        sv.addWidget(self.body_view)
        sv.addWidget(_sheet_title(_t("Nơi nhận và người ký")))
        sv.addWidget(self.closing)
        holder = QWidget()
        holder.setObjectName("pageScrollBody")
        hv = QVBoxLayout(holder)
        hv.setContentsMargins(18, 18, 18, 18)
        hv.addWidget(self.banner)
        hv.addWidget(sheet, 0, Qt.AlignmentFlag.AlignHCenter)
        hv.addStretch(1)
        self.setWidget(holder)
        self.body_view.scroll_area = self

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def set_read_only(self, read_only: bool) -> None:
        self.body_view.set_read_only(read_only)
        self.header.set_read_only(read_only)
        self.closing.set_read_only(read_only)


class SidePanels(QTabWidget):
    """Preview, the current bullet's key task, the cited documents and the outline."""

    def __init__(self, body: BodyModel, preview_source: Callable, parent=None) -> None:
        super().__init__(parent)
        self.preview = PreviewPane(preview_source)
        self.tasks_panel = TaskPanel()
        self.citations_panel = CitationsPanel()
        self.outline = QTreeView()
        self.outline.setModel(body)
        self.outline.setItemDelegate(NumberedDelegate(self.outline))
        self.outline.setHeaderHidden(False)
        self.outline.setAccessibleName(_t("Dàn ý văn bản"))
        self.outline.setExpandsOnDoubleClick(False)
        self.addTab(self.preview, _t("Xem trước"))
        self.addTab(self.tasks_panel, _t("Nhiệm vụ"))
        self.addTab(self.citations_panel, _t("Viện dẫn"))
        self.addTab(self.outline, _t("Dàn ý"))

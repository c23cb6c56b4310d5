"""Issue 13 item 5: stacked Vietnamese marks (Ẩ Ỗ Ậ Ữ Ỹ, the hook of Ủy/Kiểm/Đảng) are never
clipped, in every kind of widget, at 100, 125 and 150 % scaling.

Each widget shows the text in pure red and is rendered into an image at the display's pixel ratio;
the rows that hold red ink are counted and compared with the same text painted without any clip.
A missing hook or the top of a circumflex stack shows up as fewer ink rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QTreeView,
    QWidget,
)

TEXT = "Ẩ Ỗ Ậ Ữ Ỹ Ủy Kiểm Đảng"
RED = QColor(255, 0, 0)
SCALES = (1.0, 1.25, 1.5)


@pytest.fixture(autouse=True)
def _app():
    from ketluan_desktop.ui.application import create_application

    return create_application()


def _red_rows(img: QImage) -> int:
    """How many pixel rows hold red ink (antialiased edges included)."""
    img = img.convertToFormat(QImage.Format.Format_RGB32)
    rows = 0
    for y in range(img.height()):
        for x in range(img.width()):
            c = img.pixelColor(x, y)
            if c.red() - max(c.green(), c.blue()) > 60:
                rows += 1
                break
    return rows


def _reference_rows(font, scale: float) -> int:
    """The text's ink height, painted on a canvas far larger than it needs."""
    size = QSize(900, 200)
    img = QImage(size * scale, QImage.Format.Format_ARGB32)
    img.setDevicePixelRatio(scale)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setFont(font)
    p.setPen(RED)
    p.drawText(QPointF(20, 100), TEXT)
    p.end()
    return _red_rows(img)


def _render(widget: QWidget, scale: float) -> QImage:
    img = QImage(widget.size() * scale, QImage.Format.Format_ARGB32)
    img.setDevicePixelRatio(scale)
    img.fill(QColor("white"))
    widget.render(img)
    return img


def _red_text(widget: QWidget) -> None:
    pal = widget.palette()
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(role, RED)
    widget.setPalette(pal)


def _list() -> QWidget:
    w = QListWidget()
    item = QListWidgetItem(TEXT)  # «Đơn vị phối hợp»: a checkable list
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    w.addItem(item)
    return w


def _model() -> QStandardItemModel:
    m = QStandardItemModel()
    m.appendRow([QStandardItem(TEXT)])
    return m


def _table() -> QWidget:
    from ketluan_desktop.ui.widgets.common import setup_table

    w = QTableView()
    w.setModel(_model())
    setup_table(w)
    w.horizontalHeader().setVisible(False)
    w.setShowGrid(False)
    return w


def _tree() -> QWidget:
    w = QTreeView()
    w.setModel(_model())
    w.setHeaderHidden(True)
    return w


def _combo() -> QWidget:
    w = QComboBox()
    w.addItem(TEXT)
    return w


KINDS = {
    "list with check boxes": _list,
    "table": _table,
    "tree": _tree,
    "check box": lambda: QCheckBox(TEXT),
    "label": lambda: QLabel(TEXT),
    "line edit": lambda: QLineEdit(TEXT),
    "combo box": _combo,
}


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{round(s * 100)}%")
@pytest.mark.parametrize("kind", list(KINDS))
def test_no_mark_is_cut_off(qtbot, kind, scale):
    widget = KINDS[kind]()
    qtbot.addWidget(widget)
    _red_text(widget)
    widget.resize(max(520, widget.sizeHint().width()), widget.sizeHint().height())
    widget.show()  # a window of exactly its size hint: the height Qt gives it in a layout
    qtbot.waitExposed(widget)
    if kind in ("list with check boxes", "table", "tree"):
        index = widget.model().index(0, 0)
        rect = widget.visualRect(index)
        img = _render(widget.viewport(), scale).copy(
            round(rect.x() * scale),
            round(rect.y() * scale),
            round(rect.width() * scale),
            round(rect.height() * scale),
        )
    else:
        img = _render(widget, scale)
    expected = _reference_rows(widget.font(), scale)
    assert _red_rows(img) >= expected, f"{kind}: the tallest marks are cut off"


# Shown alone, the pane is a window with a minimum size, which the offscreen platform reports.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_coordinating_units_of_the_editor_task_pane_keep_their_hooks(qtbot):
    from ketluan_desktop.ui.documents.side_panels import TaskPanel

    panel = TaskPanel()
    qtbot.addWidget(panel)
    panel.set_units([(1, TEXT)])
    _red_text(panel.co_units)
    panel.resize(420, 400)
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.co_units
    rect = view.visualItemRect(view.item(0))
    for scale in SCALES:
        img = _render(view.viewport(), scale).copy(
            round(rect.x() * scale),
            round(rect.y() * scale),
            round(rect.width() * scale),
            round(rect.height() * scale),
        )
        assert _red_rows(img) >= _reference_rows(view.font(), scale)


def test_a_tool_button_that_opens_a_menu_leaves_its_last_letter_clear_of_the_arrow(qtbot):
    """«Soạn văn bản của hội nghị»: the menu arrow sat on the final «ị»."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QMenu, QStyle, QToolButton

    b = QToolButton()
    qtbot.addWidget(b)
    b.setText("Soạn văn bản của hội nghị")
    b.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    b.setMenu(QMenu(b))
    arrow = b.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, b)
    text = QFontMetrics(b.font()).horizontalAdvance(b.text())
    assert b.sizeHint().width() >= text + arrow + 4


def test_scroll_bars_ask_the_platform_style_not_python(qtbot):
    """A scroll bar has no text to make room for: once polished it asks the platform style
    directly, so the size questions every scrolled view asks at each layout stay in C++ (through
    the marks' style each was a call into Python). Its size is the platform style's; the items of
    the view still get the marks' room."""
    from PySide6.QtWidgets import QApplication, QScrollBar, QStyle

    from ketluan_desktop.ui.vietnamese_marks import MarksStyle, row_height

    app_style = QApplication.style()
    assert isinstance(app_style, MarksStyle)
    view = QListWidget()
    qtbot.addWidget(view)
    view.addItems([f"{TEXT} {i}" for i in range(200)])
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    assert bar.isVisible() and bar.style() is app_style.baseStyle()
    plain = QScrollBar(Qt.Orientation.Vertical)
    plain.setStyle(app_style.baseStyle())
    assert bar.sizeHint() == plain.sizeHint()
    assert view.visualItemRect(view.item(0)).height() >= row_height(view.font(), 0)

    asked: list[object] = []

    class Counting(MarksStyle):
        def sizeFromContents(self, ct, opt, size, widget=None):  # Qt API name
            asked.append(ct)
            return super().sizeFromContents(ct, opt, size, widget)

    counting = Counting(app_style.baseStyle().name())
    fresh = QScrollBar(Qt.Orientation.Vertical)
    items = QListWidget()
    try:
        fresh.setStyle(counting)  # polished by it
        items.setStyle(counting)
        items.addItem(TEXT)
        for _ in range(20):  # what layouts ask
            fresh.sizeHint(), items.sizeHintForRow(0)
        assert fresh.style() is counting.baseStyle()
        assert QStyle.ContentsType.CT_ScrollBar not in asked
        assert QStyle.ContentsType.CT_ItemViewItem in asked  # the rows still ask for the room
    finally:  # neither keeps a style that goes with this test
        fresh.setStyle(None)
        items.setStyle(None)

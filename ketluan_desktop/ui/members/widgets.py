"""Small widgets of the members screens: a member picker, a count card (dates: ``DateField``)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.core.text.numbers import thousands


class CountCard(QFrame):
    """A dashboard tile: a big count and what it counts; clicking selects it.

    Painted (a white rounded card, its border red and thicker when selected) and coloured through
    its labels' palettes, not style sheets: a sheet on the tile made Qt polish it and its labels
    through the style-sheet style, and six tiles sat on the path of the overview's first opening.
    """

    clicked = Signal(str)

    BORDER, SELECTED_BORDER, RADIUS = QColor("#dadde3"), QColor("#7a1015"), 6.0
    PENDING, NONE, SOME, ALERT = "#9aa0a8", "#2e7d32", "#1f5fa8", "#b3261e"
    LABEL = "#39404a"

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.selected = False
        self.setObjectName("countCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(88)
        v = QVBoxLayout(self)
        v.setContentsMargins(12, 8, 12, 8)
        self.number = QLabel("0")
        self.number.setObjectName("countNumber")
        font = QFont(self.number.font())
        font.setPointSizeF(22)
        font.setWeight(QFont.Weight.Bold)
        self.number.setFont(font)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.label.setObjectName("countLabel")
        _set_text_colour(self.label, self.LABEL)
        v.addWidget(self.number)
        v.addWidget(self.label)
        self.setAccessibleName(label)
        self.set_pending()

    def number_colour(self) -> str:
        """The count's colour, as "#rrggbb"."""
        return self.number.palette().color(QPalette.ColorRole.WindowText).name()

    def set_pending(self) -> None:
        """While the counts are being computed: not a misleading zero."""
        self.number.setText("…")
        _set_text_colour(self.number, self.PENDING)

    def set_count(self, n: int, alert: bool) -> None:
        self.number.setText(thousands(n))  # "2.688", as every count the office reads
        _set_text_colour(
            self.number, self.ALERT if alert and n else (self.NONE if not n else self.SOME)
        )
        self.setAccessibleDescription(str(n))

    def set_selected(self, on: bool) -> None:
        if on != self.selected:
            self.selected = on
            self.update()

    def paintEvent(self, event) -> None:  # Qt API name
        width = 2.0 if self.selected else 1.0
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(self.SELECTED_BORDER if self.selected else self.BORDER, width))
        p.setBrush(QColor("white"))
        inset = width / 2
        p.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), self.RADIUS,
                          self.RADIUS)  # fmt: skip
        p.end()

    def mousePressEvent(self, event) -> None:
        self.clicked.emit(self.key)
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.key)
            return
        super().keyPressEvent(event)


def _set_text_colour(label: QLabel, colour: str) -> None:
    """A label's text colour, set only when it changes (a palette change repaints it)."""
    palette = label.palette()
    if palette.color(QPalette.ColorRole.WindowText).name() != colour:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        label.setPalette(palette)


class MemberPicker(QWidget):
    """Type a name (accents optional) or a card number; pick one of the first matches.

    ``search`` is a function (text, limit, show) that reads the first matches in the background
    and hands them, a list of MemberRow, to ``show`` (a newer search drops an older one's
    answer); the picker never loads the list.
    """

    changed = Signal()
    LIMIT = 30

    def __init__(self, search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("Gõ họ tên (không cần dấu) hoặc số thẻ…"))
        self.box.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMaximumHeight(140)
        v.addWidget(self.box)
        v.addWidget(self.list)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.box.textChanged.connect(lambda _t: self._timer.start())
        self.list.currentRowChanged.connect(lambda _r: self.changed.emit())

    def refresh(self) -> None:
        self._timer.stop()
        text = self.box.text().strip()
        self.list.clear()
        if not text:
            self.changed.emit()
            return
        self._search(text, self.LIMIT, self._show_rows)

    def _show_rows(self, rows) -> None:
        if not self.box.text().strip():
            return  # emptied while the answer was on its way
        self.list.clear()
        for r in rows:
            born = format_date(r.birth_date, "—")
            item = QListWidgetItem(
                f"{r.full_name} — sinh {born} — {r.organisation or ''} ({r.status_label})"
            )
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.changed.emit()

    def member_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

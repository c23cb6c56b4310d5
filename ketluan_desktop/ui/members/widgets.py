"""Small widgets of the members screens: a member picker, a count card (dates: ``DateField``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
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


class CountCard(QFrame):
    """A dashboard tile: a big count and what it counts; clicking selects it."""

    clicked = Signal(str)

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("countCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(88)
        v = QVBoxLayout(self)
        v.setContentsMargins(12, 8, 12, 8)
        self.number = QLabel("0")
        self.number.setObjectName("countNumber")
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.label.setObjectName("countLabel")
        v.addWidget(self.number)
        v.addWidget(self.label)
        self.setAccessibleName(label)
        self._styles: dict[QWidget, str] = {}
        self.set_selected(False)
        self.set_pending()

    def _style(self, widget: QWidget, sheet: str) -> None:
        """A style sheet set only when it changes: each setting re-polishes the widget and its
        children, and the dashboard re-selects and re-counts its six tiles on every refresh."""
        if self._styles.get(widget) != sheet:
            self._styles[widget] = sheet
            widget.setStyleSheet(sheet)

    def set_pending(self) -> None:
        """While the counts are being computed: not a misleading zero."""
        self.number.setText("…")
        self._style(self.number, "font-size: 22pt; font-weight: 700; color: #9aa0a8;")

    def set_count(self, n: int, alert: bool) -> None:
        self.number.setText(str(n))
        color = "#b3261e" if alert and n else ("#2e7d32" if not n else "#1f5fa8")
        self._style(self.number, f"font-size: 22pt; font-weight: 700; color: {color};")
        self.setAccessibleDescription(str(n))

    def set_selected(self, on: bool) -> None:
        border = "#7a1015" if on else "#dadde3"
        width = 2 if on else 1
        self._style(
            self,
            f"QFrame#countCard {{ background: white; border: {width}px solid {border}; "
            "border-radius: 6px; } QLabel#countLabel { color: #39404a; }",
        )

    def mousePressEvent(self, event) -> None:
        self.clicked.emit(self.key)
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.key)
            return
        super().keyPressEvent(event)


class MemberPicker(QWidget):
    """Type a name (accents optional) or a card number; pick one of the first matches.

    ``search`` is a function (text, limit) -> list of MemberRow; the picker never loads the list.
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
        for r in self._search(text, self.LIMIT):
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

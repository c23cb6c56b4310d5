"""A one-line label that shortens its text in the middle to the room it is given, the whole text
in its tooltip. For the status bar's database path: at full length it pushed into the temporary
messages beside it, which then read as one line ("…tệp: /Cơ sở dữ liệu: /tmp/…")."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None, *, widest: int = 420):
        super().__init__(parent)
        self._full = ""
        self._widest = widest
        self._sized = False  # given its room by a layout at least once (``resizeEvent``)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # A rule on its left: a temporary message cut off where this label begins must not read
        # as one sentence with it.
        self.setStyleSheet("QLabel { border-left: 1px solid #b8bec6; padding-left: 6px; }")
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        room = self.fontMetrics().horizontalAdvance(self._full) + 16  # the rule and its padding
        return QSize(min(room, self._widest), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(120, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._sized = True
        self._elide()

    def _elide(self) -> None:
        # Until a layout has given it its room the whole text stands: the first resize (which
        # comes before the label counts as visible) shortens it if it must. Shortening it to a
        # guess here left "Đang mở c… dữ liệu…" in a status bar with room to spare.
        if not self._sized:
            super().setText(self._full)
            return
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width - 2)
        super().setText(shown)

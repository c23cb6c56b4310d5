"""A section's heading on the page: one bold paragraph that wraps like the text under it.

A one-line box scrolled a long heading ("Một số nhiệm vụ trọng tâm trong 6 tháng cuối năm 2024 và
phương hướng…") so that its beginning went out of sight; this box grows with its text instead.
It speaks the line-edit language the body view uses (``text``, ``setText``, ``textEdited``,
``cursorPosition``, ``end``) and, like every box of the editor, leaves undo to the editor's stack.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QWidget

from ketluan_desktop.ui.documents.block_edit import GrowingTextEdit, editor_font, is_edit_attempt


class HeadingEdit(GrowingTextEdit):
    textEdited = Signal(str)
    undoRequested = Signal()
    redoRequested = Signal()
    navigateRequested = Signal(int)
    enterPressed = Signal()
    moveRequested = Signal(int)
    focused = Signal()
    editRefused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, font=editor_font(bold=True), margin=2, tab_changes_focus=True)
        self._updating = False
        self.textChanged.connect(self._changed)
        self._follow_size()

    # ------------------------------------------------------------------ the line-edit language
    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self._updating = True
        try:
            self.setPlainText(text)
        finally:
            self._updating = False
        self._fit_height()

    def cursorPosition(self) -> int:
        return self.textCursor().position()

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def end(self, mark: bool = False) -> None:
        mode = QTextCursor.MoveMode.KeepAnchor if mark else QTextCursor.MoveMode.MoveAnchor
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End, mode)
        self.setTextCursor(cursor)

    def _changed(self) -> None:
        if self._updating:
            return
        text = self.toPlainText()
        if "\n" in text or "\u2029" in text:  # a heading is one paragraph
            self.setText(" ".join(text.split()))
            self.end()
            text = self.toPlainText()
        self.textEdited.emit(text)

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key, mods = e.key(), e.modifiers()
        navigation = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if self.isReadOnly() and is_edit_attempt(e) and key not in navigation:
            self.editRefused.emit()
            return
        alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undoRequested.emit()
        elif e.matches(QKeySequence.StandardKey.Redo) or (
            key == Qt.Key.Key_Y and mods == Qt.KeyboardModifier.ControlModifier
        ):
            self.redoRequested.emit()
        elif mods == alt_shift and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moveRequested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enterPressed.emit()
        elif key == Qt.Key.Key_Up and not mods and self._line_info()[0] == 0:
            self.navigateRequested.emit(-1)
        elif (
            key == Qt.Key.Key_Down and not mods and self._line_info()[0] >= self._line_info()[1] - 1
        ):
            self.navigateRequested.emit(1)
        else:
            super().keyPressEvent(e)

    def focusInEvent(self, e: QFocusEvent) -> None:
        super().focusInEvent(e)
        self.focused.emit()

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self.isReadOnly():
            self.editRefused.emit()
            return
        text = unicodedata.normalize("NFC", source.text())
        self.textCursor().insertText(" ".join(text.split()))

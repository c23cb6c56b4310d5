"""A section's heading on the page: one bold paragraph that wraps like the text under it.

A one-line box scrolled a long heading ("Một số nhiệm vụ trọng tâm trong 6 tháng cuối năm 2024 và
phương hướng…") so that its beginning went out of sight; this box grows with its text instead.
It speaks the line-edit language the body view uses (``text``, ``setText``, ``textEdited``,
``cursorPosition``, ``end``) and, like every box of the editor, leaves undo to the editor's stack.
"""

from __future__ import annotations

import math
import unicodedata

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit, QWidget

from ketluan_desktop.ui.documents.block_edit import editor_font, is_edit_attempt


class HeadingEdit(QTextEdit):
    textEdited = Signal(str)
    undoRequested = Signal()
    redoRequested = Signal()
    navigateRequested = Signal(int)
    enterPressed = Signal()
    moveRequested = Signal(int)
    focused = Signal()
    editRefused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTabChangesFocus(True)
        self.setFont(editor_font(bold=True))
        self.document().setDefaultFont(editor_font(bold=True))
        self.document().setDocumentMargin(2)
        self._updating = False
        self.textChanged.connect(self._changed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

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

    # ------------------------------------------------------------------ size
    def _fit_height(self, *_args) -> None:
        height = math.ceil(self.document().size().height()) + 2
        if height != self.height():
            self.setFixedHeight(max(height, 24))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.document().setTextWidth(self.viewport().width())
        self._fit_height()

    # ------------------------------------------------------------------ keys
    def _line(self) -> tuple[int, int]:
        cursor = self.textCursor()
        layout = cursor.block().layout()
        line = layout.lineForTextPosition(cursor.positionInBlock())
        return (line.lineNumber() if line.isValid() else 0), layout.lineCount()

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
        elif key == Qt.Key.Key_Up and not mods and self._line()[0] == 0:
            self.navigateRequested.emit(-1)
        elif key == Qt.Key.Key_Down and not mods and self._line()[0] >= self._line()[1] - 1:
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

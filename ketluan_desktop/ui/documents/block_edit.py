"""One paragraph or bullet of the page editor: a borderless text box that grows with its text.

It edits text and reports intentions — split here, merge with the neighbour, indent, move, make
bold — to the editor, which turns them into undo commands. Its own undo is off: Ctrl+Z and Ctrl+Y go
to the editor's stack. Cited documents are underlined as they are typed.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QFrame, QLineEdit, QSizePolicy, QTextEdit, QWidget

from ketluan_desktop.core.documents.citations import spans
from ketluan_desktop.core.documents.draft import BOLD, ITALIC

EDITOR_FAMILIES = ["Times New Roman", "Tinos", "Liberation Serif", "DejaVu Serif", "serif"]
EDITOR_POINT_SIZE = 13.0
CITATION_COLOR = QColor("#1f4e8c")


def editor_font(point_size: float = EDITOR_POINT_SIZE, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(EDITOR_FAMILIES)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


class CitationHighlighter(QSyntaxHighlighter):
    """Underlines "Nghị quyết số 28-NQ/TU" and the like while the user types."""

    def __init__(self, document) -> None:
        super().__init__(document)
        self._format = QTextCharFormat()
        self._format.setFontUnderline(True)
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        self._format.setForeground(CITATION_COLOR)
        self.enabled = True

    def highlightBlock(self, text: str) -> None:
        if not self.enabled:
            return
        for s in spans(text):
            self.setFormat(s.start, s.end - s.start, self._format)


EDITING_KEYS = frozenset(
    {
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Delete,
    }
)


def is_edit_attempt(e: QKeyEvent) -> bool:
    """Would this key change the text or the structure (typing, Enter, Tab, Backspace, Delete,
    paste, cut, undo, bold/italic, moving a paragraph, a new section)?"""
    key, mods = e.key(), e.modifiers()
    ctrl = Qt.KeyboardModifier.ControlModifier
    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    if key in EDITING_KEYS:
        return True
    if any(
        e.matches(k)
        for k in (
            QKeySequence.StandardKey.Paste,
            QKeySequence.StandardKey.Cut,
            QKeySequence.StandardKey.Undo,
            QKeySequence.StandardKey.Redo,
        )
    ):
        return True
    if mods & ctrl and key in (Qt.Key.Key_B, Qt.Key.Key_I, Qt.Key.Key_Y):
        return True
    if mods == alt_shift and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
        return True
    text = e.text()
    return bool(text) and text.isprintable() and not mods & ctrl


def marks_of(edit: QTextEdit) -> list[list[Any]]:
    """Bold and italic runs of the (single-paragraph) document, as [start, end, style]."""
    out: list[list[Any]] = []
    block = edit.document().firstBlock()
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.isValid():
            fmt = frag.charFormat()
            start, end = frag.position(), frag.position() + frag.length()
            if fmt.fontWeight() >= QFont.Weight.Bold.value:
                out.append([start, end, BOLD])
            if fmt.fontItalic():
                out.append([start, end, ITALIC])
        it += 1
    return out


class GrowingTextEdit(QTextEdit):
    """A frameless plain-text edit that wraps and grows to the height of its text, with no scroll
    bars and no undo of its own (the document model keeps the history): a body block, a heading."""

    def __init__(
        self, parent: QWidget | None, *, font: QFont, margin: int, tab_changes_focus: bool
    ) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTabChangesFocus(tab_changes_focus)
        self.setFont(font)
        self.document().setDocumentMargin(margin)
        self.document().setDefaultFont(font)

    def _follow_size(self) -> None:
        """Keep the height fitted to the text from now on (called once the edit is set up)."""
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def _fit_height(self, *_args) -> None:
        height = math.ceil(self.document().size().height()) + 2
        if height != self.height():
            self.setFixedHeight(max(height, 24))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.document().setTextWidth(self.viewport().width())
        self._fit_height()

    def _line_info(self) -> tuple[int, int]:
        """(the caret's line in its paragraph, the paragraph's number of lines)."""
        cursor = self.textCursor()
        layout = cursor.block().layout()
        pos = cursor.positionInBlock()
        line = layout.lineForTextPosition(pos)
        return (line.lineNumber() if line.isValid() else 0), layout.lineCount()


class BlockEdit(GrowingTextEdit):
    edited = Signal(str, list, int, int)  # text, marks, caret before, caret after
    splitRequested = Signal(int)
    mergeRequested = Signal(int)
    navigateRequested = Signal(int, int)
    indentRequested = Signal(int)
    moveRequested = Signal(int)
    formatRequested = Signal(str)
    undoRequested = Signal()
    redoRequested = Signal()
    newSectionRequested = Signal()
    pasteRequested = Signal(str)
    focused = Signal()
    editRefused = Signal()  # an edit was tried on a read-only block: nothing changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, font=editor_font(), margin=3, tab_changes_focus=False)
        self.highlighter = CitationHighlighter(self.document())
        self._updating = False
        self._caret_before: int | None = None
        self._text = ""
        self._marks: list[list[Any]] = []
        self._indent = 0.0
        self.document().contentsChange.connect(self._on_contents_change)
        self._follow_size()

    # ------------------------------------------------------------------ content
    def set_content(self, text: str, marks: list[list[Any]], *, first_indent: float = 0.0) -> None:
        """Show ``text`` with its bold/italic runs (from the model: no edit is reported)."""
        if text == self._text and marks == self._marks and first_indent == self._indent:
            return
        self._updating = True
        try:
            caret = self.textCursor().position()
            had_focus = self.hasFocus()
            self.setPlainText(text)
            cursor = QTextCursor(self.document())
            for start, end, style in marks:
                cursor.setPosition(start)
                cursor.setPosition(min(end, len(text)), QTextCursor.MoveMode.KeepAnchor)
                fmt = QTextCharFormat()
                if style == BOLD:
                    fmt.setFontWeight(QFont.Weight.Bold.value)
                elif style == ITALIC:
                    fmt.setFontItalic(True)
                cursor.mergeCharFormat(fmt)
            self._apply_block_format(first_indent)
            self._text, self._marks = text, [list(m) for m in marks]
            if had_focus:
                self.set_caret(min(caret, len(text)))
        finally:
            self._updating = False
        self._fit_height()

    def _apply_block_format(self, first_indent: float) -> None:
        self._indent = first_indent
        cursor = QTextCursor(self.document())
        fmt = QTextBlockFormat()
        fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
        fmt.setTextIndent(first_indent)
        fmt.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.setBlockFormat(fmt)

    def set_first_indent(self, first_indent: float) -> None:
        if first_indent != self._indent:
            self._updating = True
            try:
                self._apply_block_format(first_indent)
            finally:
                self._updating = False

    def text(self) -> str:
        return self.toPlainText()

    def set_caret(self, position: int) -> None:
        cursor = self.textCursor()
        if position == -1 or position > len(self.toPlainText()):
            position = len(self.toPlainText())
        cursor.setPosition(max(0, position))
        self.setTextCursor(cursor)

    def caret(self) -> int:
        return self.textCursor().position()

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._updating:
            return
        text = self.toPlainText()
        if "\n" in text or "\u2029" in text:  # never a second paragraph inside one block
            return
        marks = marks_of(self)
        if text == self._text and marks == self._marks:
            return
        before = self._caret_before if self._caret_before is not None else position + removed
        self._caret_before = None
        self._text, self._marks = text, marks
        self.edited.emit(text, marks, before, self.textCursor().position())

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if self.isReadOnly() and is_edit_attempt(e):
            # Qt's own read-only mode ignores typing, but not what this class does with a key
            # (Enter removed the selection before asking for a split): refuse it here, visibly.
            self.editRefused.emit()
            return
        key, mods = e.key(), e.modifiers()
        cursor = self.textCursor()
        alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undoRequested.emit()
            return
        if e.matches(QKeySequence.StandardKey.Redo) or (
            key == Qt.Key.Key_Y and mods == Qt.KeyboardModifier.ControlModifier
        ):
            self.redoRequested.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ControlModifier:
                self.newSectionRequested.emit()
                return
            if cursor.hasSelection():
                self._caret_before = cursor.selectionEnd()
                cursor.removeSelectedText()
            self.splitRequested.emit(self.textCursor().position())
            return
        if mods == alt_shift and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moveRequested.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ControlModifier:
            self.indentRequested.emit(1)
            return
        if key == Qt.Key.Key_Backtab:
            self.indentRequested.emit(-1)
            return
        if mods == Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_B, Qt.Key.Key_I):
            self.formatRequested.emit(BOLD if key == Qt.Key.Key_B else ITALIC)
            return
        if not cursor.hasSelection() and mods in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            pos, length = cursor.position(), len(self.toPlainText())
            if key == Qt.Key.Key_Backspace and pos == 0:
                self.mergeRequested.emit(-1)
                return
            if key == Qt.Key.Key_Delete and pos == length:
                self.mergeRequested.emit(1)
                return
            line, lines = self._line_info()
            x = int(self.cursorRect().x())
            if key == Qt.Key.Key_Up and line == 0:
                self.navigateRequested.emit(-1, x)
                return
            if key == Qt.Key.Key_Down and line >= lines - 1:
                self.navigateRequested.emit(1, x)
                return
            if key == Qt.Key.Key_Left and pos == 0:
                self.navigateRequested.emit(-1, -1)
                return
            if key == Qt.Key.Key_Right and pos == length:
                self.navigateRequested.emit(1, 0)
                return
        self._caret_before = cursor.selectionEnd() if cursor.hasSelection() else cursor.position()
        super().keyPressEvent(e)
        self._caret_before = None

    def focusInEvent(self, e: QFocusEvent) -> None:
        super().focusInEvent(e)
        self.focused.emit()

    # ------------------------------------------------------------------ paste
    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self.isReadOnly():
            self.editRefused.emit()
            return
        text = unicodedata.normalize("NFC", source.text()).replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\u2029", "\n").replace("\t", " ")
        if "\n" in text.strip("\n"):
            self.pasteRequested.emit(text)
            return
        self.textCursor().insertText(" ".join(text.split("\n")).strip("\n"))


class LineEdit(QLineEdit):
    """A one-line field whose Ctrl+Z / Ctrl+Y go to the editor's stack (the heading line)."""

    undoRequested = Signal()
    redoRequested = Signal()
    navigateRequested = Signal(int)
    enterPressed = Signal()
    moveRequested = Signal(int)
    focused = Signal()
    editRefused = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        navigation = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if self.isReadOnly() and is_edit_attempt(e) and e.key() not in navigation:
            self.editRefused.emit()
            return
        key, mods = e.key(), e.modifiers()
        alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undoRequested.emit()
            return
        if e.matches(QKeySequence.StandardKey.Redo) or (
            key == Qt.Key.Key_Y and mods == Qt.KeyboardModifier.ControlModifier
        ):
            self.redoRequested.emit()
            return
        if mods == alt_shift and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moveRequested.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enterPressed.emit()
            return
        if key == Qt.Key.Key_Up and not mods:
            self.navigateRequested.emit(-1)
            return
        if key == Qt.Key.Key_Down and not mods:
            self.navigateRequested.emit(1)
            return
        super().keyPressEvent(e)

    def focusInEvent(self, e: QFocusEvent) -> None:
        super().focusInEvent(e)
        self.focused.emit()

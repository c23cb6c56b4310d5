"""The body on the page: sections with their headings, paragraphs and bullets, as editable boxes.

A view of ``BodyModel``: it mirrors inserts, removals and moves with widgets (never rebuilding the
page on a keystroke) and reports what the user asks for as signals carrying block keys.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents.draft import DraftBlock, DraftSection, marks_allowed
from ketluan_desktop.ui.documents.block_edit import BlockEdit, LineEdit, editor_font
from ketluan_desktop.ui.documents.body_model import BodyModel
from ketluan_desktop.ui.documents.heading_edit import HeadingEdit

FIRST_INDENT_PX = 34.0
SUB_BULLET_PX = 26


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("BodyView", text)


class BlockRow(QWidget):
    """A gutter (kind, key-task star, menu) and the text box of one block."""

    def __init__(self, block: DraftBlock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = block.key
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.spacer = QWidget()
        self.spacer.setFixedWidth(0)
        self.gutter = QToolButton()
        self.gutter.setObjectName("blockGutter")
        self.gutter.setAutoRaise(True)
        self.gutter.setFixedWidth(30)
        self.gutter.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.edit = BlockEdit()
        self.edit.setAccessibleName(_t("Đoạn văn bản"))
        layout.addWidget(self.spacer)
        layout.addWidget(self.gutter, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.edit, 1)
        self._gutter_state: tuple[str, str] | None = None
        self.update_from(block)

    def update_from(self, block: DraftBlock) -> None:
        bullet = block.is_bullet
        self.edit.set_content(
            block.text,
            block.marks if marks_allowed(block) else [],
            first_indent=0.0 if bullet else FIRST_INDENT_PX,
        )
        self.spacer.setFixedWidth(SUB_BULLET_PX if bullet and block.level else 0)
        if block.task is not None:
            mark, tip, color = "★", _t("Nhiệm vụ trọng tâm — nhấn để xem các thao tác"), "#b3261e"
        elif bullet:
            mark = "+" if block.level else "–"
            tip = _t("Ý nhỏ") if block.level else _t("Gạch đầu dòng")
            color = "#39404a"
        else:
            mark, tip, color = "¶", _t("Đoạn văn"), "#9aa1ab"
        if (mark, color) == self._gutter_state:
            return  # typing changes the text only: no restyling on each keystroke
        self._gutter_state = (mark, color)
        self.gutter.setText(mark)
        self.gutter.setToolTip(tip)
        self.gutter.setStyleSheet(
            f"QToolButton#blockGutter {{ color: {color}; font-size: 13pt; border: none; }}"
        )
        self.edit.setAccessibleDescription(tip)


class SectionWidget(QWidget):
    def __init__(self, model: BodyModel, section: DraftSection, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = section.key
        self.rows: list[BlockRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 4)
        layout.setSpacing(1)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 2)
        head.setSpacing(4)
        self.menu_button = QToolButton()
        self.menu_button.setText("⋮")
        self.menu_button.setAutoRaise(True)
        self.menu_button.setFixedWidth(30)
        self.menu_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.menu_button.setToolTip(_t("Thao tác với mục này"))
        self.number_label = QLabel()
        self.number_label.setFont(editor_font(bold=True))
        self.number_edit = LineEdit()
        self.number_edit.setFont(editor_font(bold=True))
        self.number_edit.setFixedWidth(56)
        self.number_edit.setAccessibleName(_t("Số mục"))
        self.number_edit.setPlaceholderText(_t("Số"))
        self.heading = HeadingEdit()  # wraps: a long heading stays readable from its start
        self.heading.setAccessibleName(_t("Đề mục"))
        self.heading.setPlaceholderText(_t("Đề mục (ví dụ: Đánh giá tình hình…)"))
        self.opening_label = QLabel(_t("Phần mở đầu"))
        self.opening_label.setObjectName("openingLabel")
        # The number's baseline on the heading's first line (the heading box has a text margin).
        margin = round(self.heading.document().documentMargin())
        self.number_label.setContentsMargins(0, margin, 0, 0)
        top = Qt.AlignmentFlag.AlignTop
        head.addWidget(self.menu_button, 0, top)
        head.addWidget(self.number_label, 0, top)
        head.addWidget(self.number_edit, 0, top)
        head.addWidget(self.heading, 1)
        head.addWidget(self.opening_label, 1)
        layout.addLayout(head)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(1)
        layout.addLayout(self.body)
        self.update_from(model, section)

    def update_from(self, model: BodyModel, section: DraftSection) -> None:
        opening = section.heading is None
        self.opening_label.setVisible(opening)
        self.heading.setVisible(not opening)
        manual = model.draft.numbering == "manual"
        self.number_edit.setVisible(not opening and manual)
        self.number_label.setVisible(not opening and not manual)
        if not opening:
            if self.heading.text() != section.heading:
                pos = self.heading.cursorPosition()
                self.heading.setText(section.heading or "")
                self.heading.setCursorPosition(min(pos, len(section.heading or "")))
            row = model.section_row(section.key)
            number = model.draft.section_number(row) or ""
            if manual:
                if self.number_edit.text() != (section.number or ""):
                    self.number_edit.setText(section.number or "")
            else:
                self.number_label.setText(f"{number}." if number else "")

    def insert_row(self, position: int, row: BlockRow) -> None:
        self.rows.insert(position, row)
        self.body.insertWidget(position, row)

    def take_row(self, position: int) -> BlockRow:
        row = self.rows.pop(position)
        self.body.removeWidget(row)
        return row


class BodyView(QWidget):
    """Mirrors ``BodyModel``; emits what the user asks for with the keys it concerns."""

    textEdited = Signal(str, str, list, int, int)
    headingEdited = Signal(str, str)
    numberEdited = Signal(str, str)
    splitRequested = Signal(str, int)
    mergeRequested = Signal(str, int)
    indentRequested = Signal(str, int)
    moveRequested = Signal(str, int)
    sectionMoveRequested = Signal(str, int)
    formatRequested = Signal(str, str)
    newSectionRequested = Signal(str)
    firstBlockRequested = Signal(str)
    pasteRequested = Signal(str, int, str)
    blockMenuRequested = Signal(str, QPoint)
    sectionMenuRequested = Signal(str, QPoint)
    currentChanged = Signal(str)
    undoRequested = Signal()
    redoRequested = Signal()
    editRefused = Signal()  # an edit was tried while the document is read-only

    def __init__(self, model: BodyModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.scroll_area: QScrollArea | None = None
        self.read_only = False
        self.current_key: str | None = None
        self._sections: list[SectionWidget] = []
        self._rows: dict[str, BlockRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor("white"))
        self.setPalette(pal)
        model.rowsInserted.connect(self._inserted)
        model.rowsAboutToBeRemoved.connect(self._about_to_remove)
        model.rowsMoved.connect(self._moved)
        model.dataChanged.connect(self._data_changed)
        model.modelReset.connect(self.rebuild)
        model.focusRequested.connect(self.focus_key)
        self.rebuild()

    # ------------------------------------------------------------------ building
    def rebuild(self) -> None:
        for w in self._sections:
            self._layout.removeWidget(w)
            w.deleteLater()
        self._sections.clear()
        self._rows.clear()
        for i, s in enumerate(self.model.sections):
            self._add_section(i, s)

    def _add_section(self, position: int, section: DraftSection) -> SectionWidget:
        w = SectionWidget(self.model, section)
        key = section.key
        w.heading.textEdited.connect(lambda text, k=key: self.headingEdited.emit(k, text))
        w.number_edit.textEdited.connect(lambda text, k=key: self.numberEdited.emit(k, text))
        for edit in (w.heading, w.number_edit):
            edit.editRefused.connect(self.editRefused)
            edit.undoRequested.connect(self.undoRequested)
            edit.redoRequested.connect(self.redoRequested)
            edit.focused.connect(lambda k=key: self._set_current(k))
            edit.moveRequested.connect(lambda d, k=key: self.sectionMoveRequested.emit(k, d))
            edit.navigateRequested.connect(lambda d, k=key: self._navigate_from_section(k, d))
            edit.enterPressed.connect(lambda k=key: self._heading_enter(k))
        w.menu_button.clicked.connect(
            lambda _=False, k=key, b=w.menu_button: self.sectionMenuRequested.emit(
                k, b.mapToGlobal(QPoint(0, b.height()))
            )
        )
        w.heading.setReadOnly(self.read_only)
        w.number_edit.setReadOnly(self.read_only)
        self._sections.insert(position, w)
        self._layout.insertWidget(position, w)
        for j, b in enumerate(section.blocks):
            w.insert_row(j, self._make_row(b))
        return w

    def _make_row(self, block: DraftBlock) -> BlockRow:
        row = BlockRow(block)
        key = block.key
        e = row.edit
        e.setReadOnly(self.read_only)
        e.edited.connect(
            lambda text, marks, a, b, k=key: self.textEdited.emit(k, text, marks, a, b)
        )
        e.splitRequested.connect(lambda pos, k=key: self.splitRequested.emit(k, pos))
        e.mergeRequested.connect(lambda d, k=key: self.mergeRequested.emit(k, d))
        e.indentRequested.connect(lambda d, k=key: self.indentRequested.emit(k, d))
        e.moveRequested.connect(lambda d, k=key: self.moveRequested.emit(k, d))
        e.formatRequested.connect(lambda st, k=key: self.formatRequested.emit(k, st))
        e.newSectionRequested.connect(lambda k=key: self.newSectionRequested.emit(k))
        e.pasteRequested.connect(
            lambda text, k=key, ed=e: self.pasteRequested.emit(k, ed.caret(), text)
        )
        e.navigateRequested.connect(lambda d, x, k=key: self._navigate(k, d, x))
        e.undoRequested.connect(self.undoRequested)
        e.redoRequested.connect(self.redoRequested)
        e.editRefused.connect(self.editRefused)
        e.focused.connect(lambda k=key: self._set_current(k))
        row.gutter.clicked.connect(lambda _=False, k=key, g=row.gutter: self._gutter_clicked(k, g))
        self._rows[key] = row
        return row

    def _gutter_clicked(self, key: str, gutter: QToolButton) -> None:
        self.focus_key(key, -2)
        self.blockMenuRequested.emit(key, gutter.mapToGlobal(QPoint(0, gutter.height())))

    # ------------------------------------------------------------------ model signals
    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self._add_section(row, self.model.sections[row])
            return
        section = self.model.sections[parent.row()]
        widget = self._sections[parent.row()]
        for row in range(first, last + 1):
            widget.insert_row(row, self._make_row(section.blocks[row]))

    def _about_to_remove(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(last, first - 1, -1):
                w = self._sections.pop(row)
                for r in w.rows:
                    self._rows.pop(r.key, None)
                self._layout.removeWidget(w)
                w.hide()
                w.deleteLater()
            return
        widget = self._sections[parent.row()]
        for row in range(last, first - 1, -1):
            r = widget.take_row(row)
            self._rows.pop(r.key, None)
            r.hide()
            r.deleteLater()

    def _moved(self, parent: QModelIndex, start: int, end: int, dest: QModelIndex, row: int):
        if not parent.isValid():
            w = self._sections.pop(start)
            self._layout.removeWidget(w)
            target = row - 1 if row > start else row
            self._sections.insert(target, w)
            self._layout.insertWidget(target, w)
            return
        # ``parent`` and ``dest`` are indexes after the move: find the widgets by section key.
        src = self._section_widget(self.model.sections[parent.row()].key)
        dst = self._section_widget(self.model.sections[dest.row()].key)
        if src is None or dst is None:
            self.rebuild()
            return
        moved = src.take_row(start)
        target = row - 1 if src is dst and row > start else row
        dst.insert_row(target, moved)

    def _data_changed(self, top: QModelIndex, bottom: QModelIndex, _roles=()) -> None:
        parent = top.parent()
        for r in range(top.row(), bottom.row() + 1):
            if not parent.isValid():
                if r < len(self._sections):
                    self._sections[r].update_from(self.model, self.model.sections[r])
                continue
            section = self.model.sections[parent.row()]
            if r < len(section.blocks):
                block = section.blocks[r]
                row = self._rows.get(block.key)
                if row is not None:
                    row.update_from(block)

    def _section_widget(self, key: str) -> SectionWidget | None:
        return next((w for w in self._sections if w.key == key), None)

    # ------------------------------------------------------------------ focus and navigation
    def _set_current(self, key: str) -> None:
        if key != self.current_key:
            self.current_key = key
            self.currentChanged.emit(key)

    def row(self, key: str) -> BlockRow | None:
        return self._rows.get(key)

    def section_widget(self, key: str) -> SectionWidget | None:
        return self._section_widget(key)

    def focus_key(self, key: str, position: int = -1) -> None:
        row = self._rows.get(key)
        if row is not None:
            row.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            if position != -2:
                row.edit.set_caret(position)
            self._set_current(key)
            self._ensure_visible(row)
            return
        w = self._section_widget(key)
        if w is not None:
            target = w.heading if w.heading.isVisible() or not w.rows else None
            if target is None:
                w.rows[0].edit.setFocus()
                self._set_current(w.rows[0].key)
            else:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                if position == -1:
                    target.end(False)
                self._set_current(key)
            self._ensure_visible(w)

    def _ensure_visible(self, widget: QWidget) -> None:
        if self.scroll_area is not None:
            self.scroll_area.ensureWidgetVisible(widget, 10, 40)

    def _ordered_keys(self) -> list[tuple[str, bool]]:
        """Every focusable thing in reading order: (key, is_section)."""
        out = []
        for s in self.model.sections:
            if s.heading is not None:
                out.append((s.key, True))
            out.extend((b.key, False) for b in s.blocks)
        return out

    def _navigate(self, key: str, direction: int, x: int) -> None:
        keys = self._ordered_keys()
        i = next((n for n, (k, _) in enumerate(keys) if k == key), None)
        if i is None:
            return
        j = i + direction
        if not 0 <= j < len(keys):
            return
        target, is_section = keys[j]
        if is_section:
            self.focus_key(target, -1)
            return
        edit = self._rows[target].edit
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if x < 0:
            edit.set_caret(-1)
        elif direction < 0:
            rect = edit.document().documentLayout().documentSize()
            cursor = edit.cursorForPosition(QPoint(x, int(rect.height()) - 6))
            edit.set_caret(cursor.position())
        else:
            edit.set_caret(edit.cursorForPosition(QPoint(max(x, 0), 6)).position() if x else 0)
        self._set_current(target)
        self._ensure_visible(self._rows[target])

    def _navigate_from_section(self, key: str, direction: int) -> None:
        self._navigate(key, direction, -1 if direction < 0 else 0)

    def _heading_enter(self, key: str) -> None:
        section = self.model.sections[self.model.section_row(key)]
        if section.blocks:
            self.focus_key(section.blocks[0].key, 0)
        else:
            self.firstBlockRequested.emit(key)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for w in self._sections:
            w.heading.setReadOnly(read_only)
            w.number_edit.setReadOnly(read_only)
            w.menu_button.setEnabled(not read_only)
        for row in self._rows.values():
            row.edit.setReadOnly(read_only)
            row.gutter.setEnabled(not read_only)

    def heading_font(self) -> QFont:
        return editor_font(bold=True)

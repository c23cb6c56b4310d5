"""Undo commands: every edit of a draft, typing included, is one of these on the editor's QUndoStack.

Commands address sections and blocks by their stable keys, so any order of undo and redo finds its
target. Typing merges into one undo step the way a word processor does: a step ends at the start of
a new word, after a pause of a second, when the caret jumps elsewhere, or with another kind of edit;
each command says where the caret goes after it is undone or redone.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ketluan_desktop.core.documents.draft import (
    DraftBlock,
    DraftSection,
    TaskInfo,
    join_marks,
    new_key,
    split_marks,
)
from ketluan_desktop.ui.documents.body_model import BodyModel, EditorModel

TYPING_PAUSE_SECONDS = 1.0  # a pause this long ends an undo step
ID_TYPING, ID_HEADING, ID_TASK, ID_FIELD, ID_NUMBER = 1, 2, 3, 4, 5
clock = time.monotonic  # tests replace it to type with pauses


def _edit_span(before: str, after: str) -> tuple[int, str, str]:
    """Where one edit happened: (position, text removed, text inserted)."""
    n = min(len(before), len(after))
    p = 0
    while p < n and before[p] == after[p]:
        p += 1
    s = 0
    while s < n - p and before[len(before) - 1 - s] == after[len(after) - 1 - s]:
        s += 1
    return p, before[p : len(before) - s], after[p : len(after) - s]


def starts_new_word(before: str, after: str) -> bool:
    """Does this keystroke begin a word (a letter typed right after a space)?"""
    at, removed, inserted = _edit_span(before, after)
    if removed or not inserted or inserted[0].isspace() or at == 0:
        return False
    return after[at - 1].isspace()


def continues_typing(previous_at: float, at: float, before: str, after: str) -> bool:
    """May a keystroke join the undo step before it? Not after a pause, not at a new word."""
    return at - previous_at <= TYPING_PAUSE_SECONDS and not starts_new_word(before, after)


def _t(text: str) -> str:
    return QCoreApplication.translate("UndoCommands", text)


class _Command(QUndoCommand):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._first = True

    def _focus(self, model: BodyModel, key: str | None, pos: int) -> None:
        if key is not None:
            model.request_focus(key, pos)


class EditText(_Command):
    """Typing, deleting or pasting inside one block."""

    def __init__(
        self,
        model: BodyModel,
        key: str,
        old: tuple[str, list[list[Any]]],
        new: tuple[str, list[list[Any]]],
        caret_before: int,
        caret_after: int,
    ) -> None:
        super().__init__(_t("Gõ chữ"))
        self.model, self.key = model, key
        self.old, self.new = old, new
        self.caret_before, self.caret_after = caret_before, caret_after
        self.at = clock()
        self.open = True  # merges with the next keystroke in the same block

    def id(self) -> int:
        return ID_TYPING

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditText) or other.key != self.key or not self.open:
            return False
        if not other.open or other.caret_before != self.caret_after:
            return False  # an insertion made by the editor, or typing somewhere else
        if not continues_typing(self.at, other.at, other.old[0], other.new[0]):
            return False  # a pause, or a new word: the next undo step starts here
        self.new, self.caret_after, self.at = other.new, other.caret_after, other.at
        return True

    def redo(self) -> None:
        self.model.set_block_text(self.key, *self.new)
        if not self._first:
            self._focus(self.model, self.key, self.caret_after)
        self._first = False

    def undo(self) -> None:
        self.open = False
        self.model.set_block_text(self.key, *self.old)
        self._focus(self.model, self.key, self.caret_before)


class SetMarks(_Command):
    def __init__(self, model: BodyModel, key: str, old: list, new: list, label: str) -> None:
        super().__init__(label)
        self.model, self.key, self.old, self.new = model, key, old, new

    def redo(self) -> None:
        b = self.model.block(self.key)
        self.model.set_block_text(self.key, b.text, self.new)

    def undo(self) -> None:
        b = self.model.block(self.key)
        self.model.set_block_text(self.key, b.text, self.old)
        self._focus(self.model, self.key, -1)


class SplitBlock(_Command):
    """Enter: the text after the caret becomes a new block of the same kind."""

    def __init__(self, model: BodyModel, key: str, at: int) -> None:
        super().__init__(_t("Tách đoạn"))
        self.model, self.key, self.at = model, key, at
        block = model.block(key)
        self.old = (block.text, [list(m) for m in block.marks])
        self.new_key = new_key()

    def redo(self) -> None:
        block = self.model.block(self.key)
        text, marks = self.old
        left, right = split_marks(marks, self.at)
        tail = DraftBlock(
            kind=block.kind, level=block.level, text=text[self.at :], marks=right, key=self.new_key
        )
        section = self.model.section_of(self.key)
        row = self.model.locate(self.key)[1]
        self.model.set_block_text(self.key, text[: self.at], left)
        self.model.insert_block(section.key, row + 1, tail)
        self._focus(self.model, self.new_key, 0)

    def undo(self) -> None:
        self.model.remove_block(self.new_key)
        self.model.set_block_text(self.key, *self.old)
        self._focus(self.model, self.key, self.at)


class MergeBlocks(_Command):
    """Backspace at the start of a block, or Delete at the end of the one before it."""

    def __init__(self, model: BodyModel, first: str, second: str) -> None:
        super().__init__(_t("Nối đoạn"))
        self.model, self.first, self.second = model, first, second
        a, b = model.block(first), model.block(second)
        self.old_first = (a.text, [list(m) for m in a.marks])
        self.removed: DraftBlock | None = None
        self.where: tuple[str, int] | None = None
        self.join_at = len(a.text)
        _ = b

    def redo(self) -> None:
        a, b = self.model.block(self.first), self.model.block(self.second)
        text = a.text + b.text
        marks = join_marks(a.marks, len(a.text), b.marks, len(text))
        section_key, row, self.removed = self.model.remove_block(self.second)
        self.where = (section_key, row)
        self.model.set_block_text(self.first, text, marks)
        self._focus(self.model, self.first, self.join_at)

    def undo(self) -> None:
        assert self.removed is not None and self.where is not None
        self.model.set_block_text(self.first, *self.old_first)
        self.model.insert_block(self.where[0], self.where[1], self.removed)
        self._focus(self.model, self.second, 0)


class InsertBlock(_Command):
    def __init__(
        self, model: BodyModel, section_key: str, row: int, block: DraftBlock, label: str
    ) -> None:
        super().__init__(label)
        self.model, self.section_key, self.row, self.block = model, section_key, row, block

    def redo(self) -> None:
        self.model.insert_block(self.section_key, self.row, self.block)
        self._focus(self.model, self.block.key, -1)

    def undo(self) -> None:
        self.model.remove_block(self.block.key)
        self._focus_neighbour()

    def _focus_neighbour(self) -> None:
        section = self.model.sections[self.model.section_row(self.section_key)]
        if section.blocks:
            self._focus(self.model, section.blocks[max(0, self.row - 1)].key, -1)
        else:
            self._focus(self.model, section.key, -1)


class RemoveBlock(_Command):
    def __init__(self, model: BodyModel, key: str) -> None:
        super().__init__(_t("Xóa đoạn"))
        self.model, self.key = model, key
        self.where: tuple[str, int] | None = None
        self.block: DraftBlock | None = None

    def redo(self) -> None:
        section_key, row, self.block = self.model.remove_block(self.key)
        self.where = (section_key, row)
        section = self.model.sections[self.model.section_row(section_key)]
        if section.blocks:
            self._focus(self.model, section.blocks[min(row, len(section.blocks) - 1)].key, 0)
        else:
            self._focus(self.model, section_key, -1)

    def undo(self) -> None:
        assert self.where is not None and self.block is not None
        self.model.insert_block(self.where[0], self.where[1], self.block)
        self._focus(self.model, self.key, -1)


class MoveBlock(_Command):
    """Alt+Shift+Up/Down: one place up or down; at a section's edge into the neighbour section."""

    def __init__(self, model: BodyModel, key: str, delta: int) -> None:
        super().__init__(_t("Chuyển đoạn lên") if delta < 0 else _t("Chuyển đoạn xuống"))
        self.model, self.key, self.delta = model, key, delta
        self.origin: tuple[str, int] | None = None

    @staticmethod
    def target(model: BodyModel, key: str, delta: int) -> tuple[str, int] | None:
        si, bi = model.locate(key)
        sections = model.sections
        if delta < 0:
            if bi > 0:
                return sections[si].key, bi - 1
            if si > 0:
                return sections[si - 1].key, len(sections[si - 1].blocks)
            return None
        if bi < len(sections[si].blocks) - 1:
            return sections[si].key, bi + 1
        if si < len(sections) - 1:
            return sections[si + 1].key, 0
        return None

    def redo(self) -> None:
        si, bi = self.model.locate(self.key)
        self.origin = (self.model.sections[si].key, bi)
        target = self.target(self.model, self.key, self.delta)
        if target is not None:
            self.model.move_block(self.key, *target)
        self._focus(self.model, self.key, -2)

    def undo(self) -> None:
        assert self.origin is not None
        self.model.move_block(self.key, *self.origin)
        self._focus(self.model, self.key, -2)


class SetBlockShape(_Command):
    """Paragraph ↔ bullet ↔ sub-bullet (Tab / Shift+Tab)."""

    def __init__(self, model: BodyModel, key: str, kind: str, level: int, label: str) -> None:
        super().__init__(label)
        b = model.block(key)
        self.model, self.key = model, key
        self.old = (b.kind, b.level, b.task.copy() if b.task else None)
        self.new = (kind, level)

    def redo(self) -> None:
        self.model.set_block_shape(self.key, *self.new)
        if self.new[0] != "bullet" and self.old[2] is not None:
            self.model.set_block_task(self.key, None)  # only bullets are key tasks
        self._focus(self.model, self.key, -2)

    def undo(self) -> None:
        self.model.set_block_shape(self.key, self.old[0], self.old[1])
        if self.old[2] is not None:
            self.model.set_block_task(self.key, self.old[2])
        self._focus(self.model, self.key, -2)


class SetTask(_Command):
    """Mark or unmark a key task, or change its lead unit, co-ordinating units, deadline."""

    def __init__(
        self, model: BodyModel, key: str, new: TaskInfo | None, label: str, merge: bool = False
    ) -> None:
        super().__init__(label)
        b = model.block(key)
        self.model, self.key = model, key
        self.old = b.task.copy() if b.task else None
        self.new = new.copy() if new else None
        if self.new is not None and self.old is not None:
            self.new.task_id = self.old.task_id
        self.merge = merge

    def id(self) -> int:
        return ID_TASK if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetTask) or other.key != self.key or not other.merge:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.model.set_block_task(self.key, self.new)

    def undo(self) -> None:
        self.model.set_block_task(self.key, self.old)
        self._focus(self.model, self.key, -2)


class InsertSection(_Command):
    def __init__(self, model: BodyModel, row: int, section: DraftSection) -> None:
        super().__init__(_t("Thêm mục"))
        self.model, self.row, self.section = model, row, section

    def redo(self) -> None:
        self.model.insert_section(self.row, self.section)
        self._focus(self.model, self.section.key, -1)

    def undo(self) -> None:
        self.model.remove_section(self.section.key)
        row = min(self.row, len(self.model.sections) - 1)
        if row >= 0:
            self._focus(self.model, self.model.sections[row].key, -1)


class RemoveSection(_Command):
    def __init__(self, model: BodyModel, key: str) -> None:
        super().__init__(_t("Xóa mục"))
        self.model, self.key = model, key
        self.row = -1
        self.section: DraftSection | None = None

    def redo(self) -> None:
        self.row, self.section = self.model.remove_section(self.key)
        if self.model.sections:
            row = min(self.row, len(self.model.sections) - 1)
            self._focus(self.model, self.model.sections[row].key, -1)

    def undo(self) -> None:
        assert self.section is not None
        self.model.insert_section(self.row, self.section)
        self._focus(self.model, self.key, -1)


class MoveSection(_Command):
    def __init__(self, model: BodyModel, key: str, delta: int) -> None:
        super().__init__(_t("Chuyển mục lên") if delta < 0 else _t("Chuyển mục xuống"))
        self.model, self.key, self.delta = model, key, delta
        self.origin = -1

    @staticmethod
    def possible(model: BodyModel, key: str, delta: int) -> bool:
        row = model.section_row(key)
        target = row + delta
        if model.sections[row].heading is None:
            return False  # the opening part stays first
        if not 0 <= target < len(model.sections):
            return False
        return model.sections[target].heading is not None

    def redo(self) -> None:
        self.origin = self.model.section_row(self.key)
        self.model.move_section(self.key, self.origin + self.delta)
        self._focus(self.model, self.key, -1)

    def undo(self) -> None:
        self.model.move_section(self.key, self.origin)
        self._focus(self.model, self.key, -1)


class SetHeading(_Command):
    def __init__(self, model: BodyModel, key: str, old: str | None, new: str | None) -> None:
        super().__init__(_t("Sửa đề mục"))
        self.model, self.key, self.old, self.new = model, key, old, new
        self.at = clock()

    def id(self) -> int:
        return ID_HEADING

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetHeading) or other.key != self.key:
            return False
        if not continues_typing(self.at, other.at, self.new or "", other.new or ""):
            return False
        self.new, self.at = other.new, other.at
        return True

    def redo(self) -> None:
        self.model.set_heading(self.key, self.new)
        if not self._first:
            self._focus(self.model, self.key, -1)
        self._first = False

    def undo(self) -> None:
        self.model.set_heading(self.key, self.old)
        self._focus(self.model, self.key, -1)


class SetSectionNumber(_Command):
    def __init__(self, model: BodyModel, key: str, old: str | None, new: str | None) -> None:
        super().__init__(_t("Sửa số mục"))
        self.model, self.key, self.old, self.new = model, key, old, new

    def id(self) -> int:
        return ID_NUMBER

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetSectionNumber) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.model.set_section_number(self.key, self.new)

    def undo(self) -> None:
        self.model.set_section_number(self.key, self.old)


class SetField(_Command):
    """A header field: type, subject, place, signer…; typing in one field merges."""

    def __init__(self, model: EditorModel, name: str, new: Any, label: str) -> None:
        super().__init__(label)
        self.model, self.name = model, name
        self.old, self.new = model.field(name), new
        self.at = clock()

    def id(self) -> int:
        return ID_FIELD

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetField) or other.name != self.name:
            return False
        if not isinstance(self.new, str) or not isinstance(other.new, str):
            return False
        if not continues_typing(self.at, other.at, self.new, other.new):
            return False
        self.new, self.at = other.new, other.at
        return True

    def redo(self) -> None:
        self.model.set_field(self.name, self.new)

    def undo(self) -> None:
        self.model.set_field(self.name, self.old)


class SetRecipients(_Command):
    def __init__(self, model: EditorModel, new: list[str], label: str) -> None:
        super().__init__(label)
        self.model = model
        self.old, self.new = list(model.draft.recipients), list(new)

    def redo(self) -> None:
        self.model.set_recipients(self.new)

    def undo(self) -> None:
        self.model.set_recipients(self.old)

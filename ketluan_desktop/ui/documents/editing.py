"""What the editor does with the user's intentions: each becomes one undo command (or a macro)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack

from ketluan_desktop.core.documents.draft import (
    BOLD,
    ITALIC,
    DraftBlock,
    DraftSection,
    TaskInfo,
    normalise_marks,
)
from ketluan_desktop.ui.documents import commands as cmd
from ketluan_desktop.ui.documents.body_model import EditorModel

SHAPES = [("paragraph", 0), ("bullet", 0), ("bullet", 1)]  # Tab walks right, Shift+Tab left


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Editing", text)


class Editing:
    """Turns requests (keys, positions) into commands on ``stack``; knows nothing of widgets."""

    def __init__(self, model: EditorModel, stack: QUndoStack) -> None:
        self.model = model
        self.body = model.body
        self.stack = stack
        self.read_only = False

    def _push(self, command) -> bool:
        if self.read_only:
            return False
        self.stack.push(command)
        return True

    # ------------------------------------------------------------------ text
    def edit_text(self, key: str, text: str, marks: list, before: int, after: int) -> None:
        b = self.body.block(key)
        old = (b.text, [list(m) for m in b.marks])
        new = (text, normalise_marks(marks, len(text)))
        if old == new:
            return
        self._push(cmd.EditText(self.body, key, old, new, before, after))

    def insert_text(self, key: str, position: int, text: str) -> None:
        """Insert at a position (e.g. the procedure figures' sentence)."""
        b = self.body.block(key)
        position = len(b.text) if position < 0 or position > len(b.text) else position
        before, after = b.text[:position], b.text[position:]
        if before and not before.endswith(" "):
            text = " " + text
        if after and not after.startswith(" ") and not text.endswith(" "):
            text += " "
        marks = _shift_marks(b.marks, position, len(text))
        new_text = before + text + after
        command = cmd.EditText(
            self.body, key, (b.text, b.marks), (new_text, marks), position, position + len(text)
        )
        command.open = False
        command.setText(_t("Chèn nội dung"))
        self._push(command)
        self.body.request_focus(key, position + len(text))

    def heading(self, key: str, text: str) -> None:
        section = self.body.sections[self.body.section_row(key)]
        if section.heading != text:
            self._push(cmd.SetHeading(self.body, key, section.heading, text))

    def section_number(self, key: str, text: str) -> None:
        section = self.body.sections[self.body.section_row(key)]
        if section.number != text:
            self._push(cmd.SetSectionNumber(self.body, key, section.number, text.strip() or None))

    def field(self, name: str, value: Any, label: str | None = None) -> None:
        if self.model.field(name) == value:
            return
        self._push(cmd.SetField(self.model, name, value, label or _t("Sửa thông tin văn bản")))

    def fields(self, changes: dict[str, Any], label: str) -> None:
        changes = {k: v for k, v in changes.items() if self.model.field(k) != v}
        if not changes or self.read_only:
            return
        if len(changes) == 1:
            name, value = next(iter(changes.items()))
            self.field(name, value, label)
            return
        self.stack.beginMacro(label)
        for name, value in changes.items():
            self.stack.push(cmd.SetField(self.model, name, value, label))
        self.stack.endMacro()

    def recipients(self, lines: list[str], label: str) -> None:
        if lines != self.model.draft.recipients:
            self._push(cmd.SetRecipients(self.model, lines, label))

    # ------------------------------------------------------------------ structure
    def split(self, key: str, position: int) -> None:
        self._push(cmd.SplitBlock(self.body, key, position))

    def merge(self, key: str, direction: int) -> None:
        si, bi = self.body.locate(key)
        blocks = self.body.sections[si].blocks
        if direction < 0:
            if bi > 0:
                self._push(cmd.MergeBlocks(self.body, blocks[bi - 1].key, key))
            elif not blocks[bi].text and len(blocks) > 1:
                self._push(cmd.RemoveBlock(self.body, key))
            else:
                self.body.request_focus(self.body.sections[si].key, -1)
        elif bi < len(blocks) - 1:
            self._push(cmd.MergeBlocks(self.body, key, blocks[bi + 1].key))

    def indent(self, key: str, delta: int) -> None:
        b = self.body.block(key)
        shape = (b.kind, b.level if b.is_bullet else 0)
        i = SHAPES.index(shape) if shape in SHAPES else 0
        j = max(0, min(len(SHAPES) - 1, i + delta))
        if i == j:
            return
        kind, level = SHAPES[j]
        label = {
            ("paragraph", 0): _t("Chuyển thành đoạn văn"),
            ("bullet", 0): _t("Chuyển thành gạch đầu dòng"),
            ("bullet", 1): _t("Chuyển thành ý nhỏ"),
        }[(kind, level)]
        self._push(cmd.SetBlockShape(self.body, key, kind, level, label))

    def set_shape(self, key: str, kind: str, level: int) -> None:
        b = self.body.block(key)
        if (b.kind, b.level) == (kind, level):
            return
        label = (
            _t("Chuyển thành gạch đầu dòng") if kind == "bullet" else _t("Chuyển thành đoạn văn")
        )
        self._push(cmd.SetBlockShape(self.body, key, kind, level, label))

    def move(self, key: str, delta: int) -> bool:
        if cmd.MoveBlock.target(self.body, key, delta) is None:
            return False
        return self._push(cmd.MoveBlock(self.body, key, delta))

    def move_section(self, key: str, delta: int) -> bool:
        if not cmd.MoveSection.possible(self.body, key, delta):
            return False
        return self._push(cmd.MoveSection(self.body, key, delta))

    def new_section_after(self, key: str) -> str:
        """A new numbered section after the one holding ``key`` (a block or a section)."""
        try:
            row = self.body.section_row(key)
        except KeyError:
            row = self.body.locate(key)[0]
        section = DraftSection(heading="", blocks=[DraftBlock()])
        self._push(cmd.InsertSection(self.body, row + 1, section))
        return section.key

    def remove_section(self, key: str) -> None:
        if len(self.body.sections) <= 1:
            return
        self._push(cmd.RemoveSection(self.body, key))

    def add_block(self, section_key: str, row: int, kind: str = "paragraph") -> str:
        block = DraftBlock(kind=kind)
        self._push(cmd.InsertBlock(self.body, section_key, row, block, _t("Thêm đoạn")))
        return block.key

    def add_block_after(self, key: str, kind: str | None = None) -> str:
        si, bi = self.body.locate(key)
        kind = kind or self.body.sections[si].blocks[bi].kind
        return self.add_block(self.body.sections[si].key, bi + 1, kind)

    def remove_block(self, key: str) -> None:
        self._push(cmd.RemoveBlock(self.body, key))

    def paste_paragraphs(self, key: str, position: int, text: str) -> None:
        """Several pasted paragraphs become blocks ("- " lines become bullets)."""
        lines = [" ".join(x.split()) for x in text.split("\n")]
        lines = [x for x in lines if x]
        if not lines or self.read_only:
            return
        self.stack.beginMacro(_t("Dán {n} đoạn").format(n=len(lines)))
        b = self.body.block(key)
        head, tail = b.text[:position], b.text[position:]
        first = _strip_mark(lines[0])[0]
        marks = _shift_marks(b.marks, position, len(first))
        self.stack.push(
            cmd.EditText(
                self.body,
                key,
                (b.text, b.marks),
                (head + first + tail, marks),
                position,
                position + len(first),
            )
        )
        last_key = key
        if len(lines) > 1:
            split = cmd.SplitBlock(self.body, key, len(head) + len(first))
            self.stack.push(split)
            tail_key = split.new_key
            si, bi = self.body.locate(tail_key)
            section_key = self.body.sections[si].key
            for offset, line in enumerate(lines[1:-1], start=0):
                body, kind, level = _strip_mark(line)
                block = DraftBlock(kind=kind, level=level, text=body)
                self.stack.push(
                    cmd.InsertBlock(self.body, section_key, bi + offset, block, _t("Dán đoạn"))
                )
            body, kind, level = _strip_mark(lines[-1])
            t = self.body.block(tail_key)
            self.stack.push(
                cmd.EditText(
                    self.body,
                    tail_key,
                    (t.text, t.marks),
                    (body + t.text, _shift_marks(t.marks, 0, len(body))),
                    0,
                    len(body),
                )
            )
            self.stack.push(cmd.SetBlockShape(self.body, tail_key, kind, level, _t("Dán đoạn")))
            last_key = tail_key
        self.stack.endMacro()
        self.body.request_focus(last_key, -2)

    # ------------------------------------------------------------------ marks and tasks
    def toggle_mark(self, key: str, style: str, start: int, end: int) -> bool:
        b = self.body.block(key)
        if start >= end or style not in (BOLD, ITALIC):
            return False
        covered = _covered(b.marks, style, start, end)
        marks = _remove(b.marks, style, start, end) if covered else [*b.marks, [start, end, style]]
        label = {BOLD: _t("In đậm"), ITALIC: _t("In nghiêng")}[style]
        if covered:
            label = {BOLD: _t("Bỏ in đậm"), ITALIC: _t("Bỏ in nghiêng")}[style]
        return self._push(
            cmd.SetMarks(
                self.body,
                key,
                [list(m) for m in b.marks],
                normalise_marks(marks, len(b.text)),
                label,
            )
        )

    def set_task(self, key: str, info: TaskInfo | None, label: str, merge: bool = False) -> None:
        b = self.body.block(key)
        if info is not None and not b.is_bullet:
            self.stack.beginMacro(label)
            self.stack.push(cmd.SetBlockShape(self.body, key, "bullet", 0, label))
            self.stack.push(cmd.SetTask(self.body, key, info, label))
            self.stack.endMacro()
            return
        self._push(cmd.SetTask(self.body, key, info, label, merge))

    def toggle_task(self, key: str) -> None:
        b = self.body.block(key)
        if b.task is None:
            self.set_task(key, TaskInfo(), _t("Đánh dấu nhiệm vụ trọng tâm"))
        else:
            self.set_task(key, None, _t("Bỏ dấu nhiệm vụ trọng tâm"))


def _strip_mark(line: str) -> tuple[str, str, int]:
    for mark, level in (("- ", 0), ("– ", 0), ("• ", 0), ("+ ", 1)):
        if line.startswith(mark):
            return line[len(mark) :].strip(), "bullet", level
    return line, "paragraph", 0


def _shift_marks(marks: list, position: int, length: int) -> list:
    """Runs after an insertion of ``length`` characters at ``position`` (runs do not grow)."""
    return [
        [s + length if s >= position else s, e + length if e > position else e, st]
        for s, e, st in marks
    ]


def _covered(marks: list, style: str, start: int, end: int) -> bool:
    pos = start
    for s, e, _st in sorted(m for m in marks if m[2] == style):
        if s <= pos < e:
            pos = e
        if pos >= end:
            return True
    return pos >= end


def _remove(marks: list, style: str, start: int, end: int) -> list:
    out = []
    for s, e, st in marks:
        if st != style or e <= start or s >= end:
            out.append([s, e, st])
            continue
        if s < start:
            out.append([s, start, st])
        if e > end:
            out.append([end, e, st])
    return out

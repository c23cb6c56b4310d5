"""Corrections the clerk makes on the review screen, on the importer's result before anything is
stored: a heading's level, tasks merged or split, and how sure the importer is of what it read.

Pure functions on ``ImportResult`` (no Qt), so the screen stays thin and the rules are tested
alone. Task blocks are remembered by the blocks themselves (``TaskMarks``), so they survive the
renumbering that a merge or a split causes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ketluan_desktop.core.importer.result import ImportResult, ParsedBlock, ParsedSection, TaskRef
from ketluan_desktop.core.importer.textutil import collapse

LEVEL_PART = "roman"  # "I.", "Phần I", a heading in capitals
LEVEL_ITEM = "arabic"  # "1.", under a part
LEVEL_TEXT = "text"  # not a heading: the line joins the section above as a paragraph
LEVELS = (LEVEL_PART, LEVEL_ITEM, LEVEL_TEXT)


@dataclass
class TaskPlan:
    """What the clerk decided for one task: the unit that leads it and its deadline."""

    lead_unit_id: int | None = None
    deadline: date | None = None
    deadline_text: str | None = None  # as the clerk wrote it: "quý III/2026", "30/9/2026"


@dataclass
class TaskMarks:
    """Which blocks are tasks, with their plans; keyed by the block object itself."""

    plans: dict[int, TaskPlan] = field(default_factory=dict)
    _blocks: dict[int, ParsedBlock] = field(default_factory=dict)

    @classmethod
    def from_result(cls, result: ImportResult) -> TaskMarks:
        marks = cls()
        for t in result.tasks:
            if t.block_index is not None:
                marks.mark(result.sections[t.section_index].blocks[t.block_index], True)
        return marks

    def mark(self, block: ParsedBlock, is_task: bool) -> None:
        if is_task:
            self._blocks[id(block)] = block
            self.plans.setdefault(id(block), TaskPlan())
        else:
            self._blocks.pop(id(block), None)
            self.plans.pop(id(block), None)

    def is_task(self, block: ParsedBlock) -> bool:
        return id(block) in self._blocks

    def plan(self, block: ParsedBlock) -> TaskPlan:
        return self.plans.setdefault(id(block), TaskPlan())

    def task_refs(self, result: ImportResult) -> list[TaskRef]:
        refs = []
        for si, section in enumerate(result.sections):
            for bi, block in enumerate(section.blocks):
                if self.is_task(block):
                    refs.append(TaskRef(section.number, si, bi, block.text))
        return refs

    def plans_in_order(self, result: ImportResult) -> list[TaskPlan]:
        return [self.plan(result.sections[t.section_index].blocks[t.block_index])
                for t in self.task_refs(result) if t.block_index is not None]  # fmt: skip


def merge_blocks(result: ImportResult, marks: TaskMarks, picks: list[tuple[int, int]]) -> None:
    """Join the picked blocks (of one section, in order) into the first; it stays a task."""
    if len(picks) < 2:
        raise ValueError("chọn ít nhất hai dòng để gộp")
    sections = {si for si, _ in picks}
    if len(sections) != 1:
        raise ValueError("chỉ gộp được các dòng trong cùng một mục")
    si = sections.pop()
    blocks = result.sections[si].blocks
    order = sorted(bi for _, bi in picks)
    first = blocks[order[0]]
    first.text = collapse(" ".join(blocks[bi].text for bi in order))
    plan = marks.plan(first)
    for bi in reversed(order[1:]):
        other = blocks.pop(bi)
        other_plan = marks.plans.get(id(other))
        if other_plan is not None:
            plan.lead_unit_id = plan.lead_unit_id or other_plan.lead_unit_id
            if plan.deadline is None and plan.deadline_text is None:
                plan.deadline, plan.deadline_text = other_plan.deadline, other_plan.deadline_text
        marks.mark(other, False)
    marks.mark(first, True)


def split_block(result: ImportResult, marks: TaskMarks, si: int, bi: int, at: int) -> None:
    """Cut a block in two at character ``at``; both halves are tasks when the block was one (or
    when it was plain text the clerk is splitting into tasks)."""
    block = result.sections[si].blocks[bi]
    head, tail = collapse(block.text[:at]), collapse(block.text[at:])
    if not head or not tail:
        raise ValueError("đặt con trỏ ở giữa nội dung, nơi muốn tách")
    plan = marks.plan(block)
    block.text = head
    second = ParsedBlock(block.kind, tail, block.marker if block.kind == "bullet" else None,
                         block.level)  # fmt: skip
    result.sections[si].blocks.insert(bi + 1, second)
    marks.mark(block, True)
    marks.mark(second, True)
    marks.plan(second).lead_unit_id = plan.lead_unit_id
    marks.plan(second).deadline = plan.deadline
    marks.plan(second).deadline_text = plan.deadline_text


def set_level(result: ImportResult, marks: TaskMarks, si: int, level: str) -> None:
    """Make section ``si`` a part, an item under the part above, or plain text of the section
    above; the parents of the sections are recomputed."""
    if level not in LEVELS:
        raise ValueError(level)
    section = result.sections[si]
    if level == LEVEL_TEXT:
        if si == 0:
            raise ValueError("mục đầu tiên không có mục nào ở trên để gộp vào")
        above = result.sections[si - 1]
        if section.heading:
            title = " ".join(x for x in (f"{section.number}." if section.number else "",
                                         section.heading) if x)  # fmt: skip
            above.blocks.append(ParsedBlock("paragraph", title))
        above.blocks.extend(section.blocks)
        del result.sections[si]
    else:
        section.level = level
    _reparent(result)


def _reparent(result: ImportResult) -> None:
    part: int | None = None
    for i, s in enumerate(result.sections):
        if s.level == "arabic":
            s.parent = part
        else:
            s.parent = None
            part = i if s.level == "roman" else None


def section_level(section: ParsedSection) -> str:
    return LEVEL_ITEM if section.level == "arabic" else LEVEL_PART


# --- how sure the importer is -------------------------------------------------------------------

_KEY_FIELDS = (
    ("type", "loại văn bản"),
    ("number_symbol", "số, ký hiệu"),
    ("date", "ngày ban hành"),
    ("issuer", "cơ quan ban hành"),
)


@dataclass(frozen=True)
class Confidence:
    score: int  # 0..100
    label: str  # "cao" | "trung bình" | "thấp"
    reasons: list[str]
    unsure_fields: list[str]  # DocumentInfo field names to check


def confidence(result: ImportResult) -> Confidence:
    """A plain estimate from what was found and what had to be guessed or repaired."""
    score = 100
    reasons: list[str] = []
    unsure: list[str] = []
    doc = result.document
    for name, label in _KEY_FIELDS:
        if getattr(doc, name) is None:
            score -= 12
            unsure.append(name)
            reasons.append(f"không tìm thấy {label}")
    if result.source.ocr:
        score -= 25
        reasons.append("chữ nhận dạng từ ảnh quét (OCR)")
    if result.source.converted_from:
        score -= 5
        reasons.append(f"chuyển từ bảng mã {result.source.converted_from}")
    if result.source.damaged_chars:
        score -= 10
        reasons.append("có ký tự hỏng")
    if not result.recipients:
        score -= 6
        reasons.append("không thấy nơi nhận")
    if result.signer is None:
        score -= 6
        reasons.append("không thấy người ký")
    repaired = [w for w in result.warnings if "kiểm tra lại" in w or "soát lại" in w]
    if repaired:
        score -= 4 * min(len(repaired), 4)
        reasons.append(f"{len(repaired)} chỗ phải đoán hoặc nối lại")
    if not result.tasks:
        score -= 5
        reasons.append("không tìm thấy nhiệm vụ")
    score = max(0, min(100, score))
    label = "cao" if score >= 80 else "trung bình" if score >= 55 else "thấp"
    return Confidence(score, label, reasons, unsure)

"""The editable form of a document: what the editor changes, autosaves and hands to the renderer.

A ``Draft`` is plain data (no ORM, no Qt). Every section and block carries a stable ``key`` that
survives splitting, moving and undo, and the id of its stored row (``db_id``) so saving updates
rows in place: a key task stays linked to its bullet however the text around it is rearranged.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from ketluan_desktop.core.documents import content as domain
from ketluan_desktop.core.documents.content import BlockKind, DocumentContent

NUMBERING_STYLES = ("arabic", "roman", "manual")
BOLD, ITALIC = "b", "i"

_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN_VALUES:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def new_key() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class TaskInfo:
    """A bullet marked as a key task: who leads, who helps, by when."""

    lead_unit_id: int | None = None
    co_unit_ids: list[int] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str | None = None  # "6 tháng cuối năm 2024", "thường xuyên"
    task_id: int | None = None  # the stored Task row, once saved

    def copy(self) -> TaskInfo:
        return TaskInfo(
            self.lead_unit_id,
            list(self.co_unit_ids),
            self.deadline,
            self.deadline_text,
            self.task_id,
        )


@dataclass
class DraftBlock:
    kind: str = BlockKind.PARAGRAPH.value  # paragraph | bullet
    text: str = ""
    level: int = 0  # bullets: 0 for "- ", 1 for "+ "
    marks: list[list[Any]] = field(default_factory=list)  # [[start, end, "b"|"i"], …]
    task: TaskInfo | None = None
    key: str = field(default_factory=new_key)
    db_id: int | None = None

    def copy(self, *, same_key: bool = True) -> DraftBlock:
        return DraftBlock(
            self.kind,
            self.text,
            self.level,
            [list(m) for m in self.marks],
            self.task.copy() if self.task else None,
            self.key if same_key else new_key(),
            self.db_id if same_key else None,
        )

    @property
    def is_bullet(self) -> bool:
        return self.kind == BlockKind.BULLET.value


@dataclass
class DraftSection:
    heading: str | None = None  # None: the opening paragraphs, which have no heading line
    number: str | None = None  # used when the document numbers its sections by hand
    blocks: list[DraftBlock] = field(default_factory=list)
    key: str = field(default_factory=new_key)
    db_id: int | None = None

    def copy(self, *, same_key: bool = True) -> DraftSection:
        return DraftSection(
            self.heading,
            self.number,
            [b.copy(same_key=same_key) for b in self.blocks],
            self.key if same_key else new_key(),
            self.db_id if same_key else None,
        )


@dataclass
class Draft:
    type_code: str = "KL"
    title: str | None = None  # overrides the type's title ("THÔNG BÁO KẾT LUẬN")
    subject: str | None = None
    place: str | None = None
    doc_date: date | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    draft_label: str | None = None
    greeting: str | None = None
    symbol_code: str | None = None  # "ĐUK": a draft's page shows "Số      -KL/ĐUK"
    meeting_id: int | None = None
    layout_profile_id: int | None = None
    numbering: str = "arabic"
    sections: list[DraftSection] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_authority: str | None = None
    signer_title: str | None = None
    signer_name: str | None = None
    signer_person_id: int | None = None
    # Read-only facts about the stored document (not edited here).
    doc_id: int | None = None
    version: int | None = None
    status: str = domain.DocumentStatus.DRAFT.value
    number_symbol: str | None = None
    replaces_id: int | None = None
    # The draft's approval (core/documents/approval.py), as stored and as the editor says it.
    approval: str | None = None
    approval_comment: str | None = None
    approval_note: str = ""
    approver_name: str | None = None  # what the office calls the role that approves

    HEADER_FIELDS = (  # the fields the header form edits
        "type_code", "title", "subject", "place", "doc_date", "issuer", "parent_issuer",
        "draft_label", "greeting", "meeting_id", "layout_profile_id", "numbering",
        "signer_authority", "signer_title", "signer_name", "signer_person_id",
    )  # fmt: skip

    # ------------------------------------------------------------------ numbering
    def section_number(self, index: int) -> str | None:
        """The number shown before a section's heading: by position unless numbered by hand."""
        section = self.sections[index]
        if section.heading is None:
            return None
        if self.numbering == "manual":
            return section.number
        n = sum(1 for s in self.sections[: index + 1] if s.heading is not None)
        return roman(n) if self.numbering == "roman" else str(n)

    # ------------------------------------------------------------------ look-ups
    def find_block(self, key: str) -> tuple[int, int]:
        for si, s in enumerate(self.sections):
            for bi, b in enumerate(s.blocks):
                if b.key == key:
                    return si, bi
        raise KeyError(key)

    def find_section(self, key: str) -> int:
        for si, s in enumerate(self.sections):
            if s.key == key:
                return si
        raise KeyError(key)

    def blocks(self) -> list[DraftBlock]:
        return [b for s in self.sections for b in s.blocks]

    def task_blocks(self) -> list[DraftBlock]:
        return [b for b in self.blocks() if b.task is not None]

    def texts(self) -> list[str]:
        out = [self.subject or ""]
        for s in self.sections:
            if s.heading:
                out.append(s.heading)
            out.extend(b.text for b in s.blocks)
        return out

    def word_count(self) -> int:
        return sum(len(t.split()) for t in self.texts())

    # ------------------------------------------------------------------ conversion
    def to_content(self) -> DocumentContent:
        """What the page shows: empty blocks and empty sections are left out."""
        sections = []
        for i, s in enumerate(self.sections):
            blocks = [
                domain.Block(
                    BlockKind(b.kind),
                    b.text.strip(),
                    level=b.level,
                    is_task=b.task is not None,
                    marks=_stripped_marks(b),
                )
                for b in s.blocks
                if b.text.strip()
            ]
            heading = (s.heading or "").strip() or None
            if heading is None and not blocks:
                continue
            sections.append(
                domain.Section(self.section_number(i) if heading else None, heading, blocks)
            )
        signer = None
        if self.signer_authority or self.signer_title or self.signer_name:
            signer = domain.Signer(self.signer_authority, self.signer_title, self.signer_name)
        number_symbol = self.number_symbol
        if number_symbol is None and self.symbol_code:
            number_symbol = f"-{self.type_code}/{self.symbol_code}"  # the blank is the renderer's
        return DocumentContent(
            type_code=self.type_code,
            subject=self.subject,
            number_symbol=number_symbol,
            doc_date=self.doc_date,
            place=self.place,
            issuer=self.issuer,
            parent_issuer=self.parent_issuer,
            title=self.title,
            is_draft=self.status == domain.DocumentStatus.DRAFT.value,
            draft_label=self.draft_label,
            sections=sections,
            recipients=[r for r in (x.strip() for x in self.recipients) if r],
            signer=signer,
            greeting=self.greeting,
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["doc_date"] = self.doc_date.isoformat() if self.doc_date else None
        for s in data["sections"]:
            for b in s["blocks"]:
                task = b.get("task")
                if task and task.get("deadline"):
                    task["deadline"] = task["deadline"].isoformat()
        data["format"] = 1
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        data = dict(data)
        data.pop("format", None)
        sections = []
        for s in data.pop("sections", []):
            blocks = []
            for b in s.get("blocks", []):
                b = dict(b)
                task = b.pop("task", None)
                if task:
                    task = dict(task)
                    if task.get("deadline"):
                        task["deadline"] = date.fromisoformat(task["deadline"])
                    task = TaskInfo(**task)
                blocks.append(DraftBlock(task=task, **b))
            sections.append(
                DraftSection(
                    heading=s.get("heading"),
                    number=s.get("number"),
                    blocks=blocks,
                    key=s.get("key") or new_key(),
                    db_id=s.get("db_id"),
                )
            )
        if data.get("doc_date"):
            data["doc_date"] = date.fromisoformat(data["doc_date"])
        known = set(cls.__dataclass_fields__)
        return cls(sections=sections, **{k: v for k, v in data.items() if k in known})

    @classmethod
    def from_content(cls, content: DocumentContent) -> Draft:
        """A draft of an imported or generated document (sections keep their numbering style)."""
        numbers = [s.number for s in content.sections if s.heading]
        draft = cls(
            type_code=content.type_code,
            title=content.title,
            subject=content.subject,
            place=content.place,
            doc_date=content.doc_date,
            issuer=content.issuer,
            parent_issuer=content.parent_issuer,
            draft_label=content.draft_label,
            greeting=content.greeting,
            numbering=guess_numbering(numbers),
            recipients=list(content.recipients),
        )
        if content.signer:
            draft.signer_authority = content.signer.authority
            draft.signer_title = content.signer.title
            draft.signer_name = content.signer.name
        for s in content.sections:
            draft.sections.append(
                DraftSection(
                    heading=s.heading if (s.heading or s.number) else None,
                    number=s.number,
                    blocks=[
                        DraftBlock(
                            kind=b.kind.value,
                            text=b.text,
                            level=b.level,
                            task=TaskInfo() if b.is_task else None,
                        )
                        for b in s.blocks
                    ],
                )
            )
        if draft.sections and draft.sections[0].heading is not None:
            draft.sections.insert(0, DraftSection(heading=None, blocks=[]))
        return draft


def guess_numbering(numbers: list[str | None]) -> str:
    """ "arabic" when the sections read 1, 2, 3…; "roman" for I, II, III…; otherwise "manual"."""
    if not numbers:
        return "arabic"
    if all(n == str(i) for i, n in enumerate(numbers, start=1)):
        return "arabic"
    if all(n == roman(i) for i, n in enumerate(numbers, start=1)):
        return "roman"
    return "manual"


# ---------------------------------------------------------------------------- inline marks
def normalise_marks(marks: list[list[Any]], length: int) -> list[list[Any]]:
    """Clip to the text, drop empty runs, merge touching runs of the same style, sort."""
    out: dict[str, list[list[int]]] = {BOLD: [], ITALIC: []}
    for start, end, style in marks:
        start, end = max(0, int(start)), min(length, int(end))
        if style in out and end > start:
            out[style].append([start, end])
    result: list[list[Any]] = []
    for style, runs in out.items():
        runs.sort()
        merged: list[list[int]] = []
        for start, end in runs:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        result.extend([s, e, style] for s, e in merged)
    result.sort(key=lambda m: (m[0], m[1], m[2]))
    return result


def _stripped_marks(block: DraftBlock) -> list[tuple[int, int, str]] | None:
    """The block's marks over its text with the leading blanks gone (as ``to_content`` shows it)."""
    lead = len(block.text) - len(block.text.lstrip())
    return [(s - lead, e - lead, style) for s, e, style in block.marks] or None


def split_marks(marks: list[list[Any]], at: int) -> tuple[list[list[Any]], list[list[Any]]]:
    left, right = [], []
    for start, end, style in marks:
        if start < at:
            left.append([start, min(end, at), style])
        if end > at:
            right.append([max(start, at) - at, end - at, style])
    return normalise_marks(left, at), [m for m in right if m[1] > m[0]]


def join_marks(
    first: list[list[Any]], first_len: int, second: list[list[Any]], total: int
) -> list[list[Any]]:
    shifted = [[s + first_len, e + first_len, st] for s, e, st in second]
    return normalise_marks([*first, *shifted], total)


def marks_allowed(block: DraftBlock) -> bool:
    """Emphasis inside running text (paragraphs and bullets); headings are bold by the rules."""
    return block.kind in (BlockKind.PARAGRAPH.value, BlockKind.BULLET.value)


def is_roman(text: str | None) -> bool:
    return bool(text) and bool(_ROMAN_RE.match(text or ""))

"""What the importer found in a document, as plain dataclasses.

``ImportResult.to_json_dict()`` is the stable shape the CLI prints and tests compare;
``ImportResult.content()`` is the ``DocumentContent`` the documents service stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ketluan_desktop.core.documents.content import (
    DOCUMENT_TYPES,
    Block,
    BlockKind,
    DocumentContent,
    Section,
    Signer,
)

DEFAULT_TYPE = "KL"


@dataclass
class ParsedBlock:
    kind: str  # "paragraph" | "bullet" ("-", "+", "•") | "item" ("1.", "a)", "(1)", "4.1.")
    text: str  # without the mark
    marker: str | None = None
    level: int = 0  # bullets: 0 for "-", 1 for "+"

    def display_text(self) -> str:
        """The text as the page shows it: numbered items keep their number."""
        if self.kind == "item" and self.marker:
            return f"{self.marker} {self.text}"
        return self.text


@dataclass
class ParsedSection:
    number: str | None  # "1", "II"; None for the opening paragraphs and appendix captions
    heading: str | None
    blocks: list[ParsedBlock] = field(default_factory=list)
    level: str = "opening"  # "opening" | "roman" | "arabic" | "appendix"
    parent: int | None = None  # index of the enclosing Roman section
    run_in: str | None = None  # ":" or "." when the heading ran into the text ("1. Heading: text")
    appendix: bool = False

    def text(self) -> str:
        return " ".join(b.text for b in self.blocks)


@dataclass
class TaskRef:
    section: str | None  # the section's number
    section_index: int  # position in ``sections`` (and in ``content().sections``)
    block_index: int | None  # position in that section's blocks; None for a heading-only section
    text: str


@dataclass
class Citation:
    kind: str
    number_symbol: str | None
    date: date | None = None
    issuer: str | None = None
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number_symbol": self.number_symbol,
            "date": _iso(self.date),
            "issuer": self.issuer,
            "name": self.name,
        }


@dataclass
class Figure:
    kind: str  # political_standard, admission, official_membership, badge_30, card_new, ...
    count: int
    text: str


@dataclass
class MeetingInfo:
    body: str | None = None
    term: str | None = None
    session: int | None = None
    extended: bool | None = None
    date: date | None = None
    date_to: date | None = None  # last day of a meeting held over several days


@dataclass
class DocumentInfo:
    type: str | None = None
    number_symbol: str | None = None
    date: date | None = None
    place: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    title: str | None = None  # the whole title in sentence case: "Kết luận của Bộ Chính trị về …"
    subject: str | None = None  # what follows the type: "về …", "Hội nghị … lần thứ 19"
    page_title: str | None = None  # the type line when it says more: "THÔNG BÁO KẾT LUẬN"
    draft_label: str | None = None
    greeting: str | None = None

    @property
    def type_name(self) -> str | None:
        if self.type is None:
            return None
        known = DOCUMENT_TYPES.get(self.type)
        return known.name if known else self.type


@dataclass
class SourceInfo:
    encoding: str | None = None
    converted_from: str | None = None  # "TCVN3" | "VNI"
    filename: str | None = None
    damaged_chars: int = 0  # bytes that did not decode, replaced by "\ufffd"
    ocr: bool = False  # the text was recognised from a scan: to be checked by a person


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class ImportResult:
    source: SourceInfo
    document: DocumentInfo
    meeting: MeetingInfo | None
    sections: list[ParsedSection]
    tasks: list[TaskRef]
    citations: list[Citation]
    figures: list[Figure]
    recipients: list[str]
    signer: Signer | None
    warnings: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        doc = self.document
        meeting = self.meeting
        return {
            "source": {
                "encoding": self.source.encoding,
                "converted_from": self.source.converted_from,
                "ocr": self.source.ocr,
            },
            "document": {
                "type": doc.type,
                "type_name": doc.type_name,
                "number_symbol": doc.number_symbol,
                "date": _iso(doc.date),
                "place": doc.place,
                "issuer": doc.issuer,
                "parent_issuer": doc.parent_issuer,
                "title": doc.title,
                "subject": doc.subject,
            },
            "meeting": None
            if meeting is None
            else {
                "body": meeting.body,
                "term": meeting.term,
                "session": meeting.session,
                "extended": meeting.extended,
                "date": _iso(meeting.date),
            },
            "sections": [
                {
                    "number": s.number,
                    "heading": s.heading,
                    "paragraphs": [b.text for b in s.blocks if b.kind == "paragraph"],
                    "bullets": [b.text for b in s.blocks if b.kind != "paragraph"],
                }
                for s in self.sections
            ],
            "tasks": [{"section": t.section, "text": t.text} for t in self.tasks],
            "citations": [c.to_json() for c in self.citations],
            "figures": [{"kind": f.kind, "count": f.count, "text": f.text} for f in self.figures],
            "recipients": list(self.recipients),
            "signer": None
            if self.signer is None
            else {
                "authority": self.signer.authority,
                "title": self.signer.title,
                "name": self.signer.name,
            },
            "warnings": list(self.warnings),
        }

    def content(self) -> DocumentContent:
        """The document as the app stores it; task blocks carry ``is_task=True``."""
        sections = [
            Section(number=s.number, heading=s.heading, blocks=[_block(b) for b in s.blocks])
            for s in self.sections
        ]
        for task in self.tasks:
            if task.block_index is not None:
                sections[task.section_index].blocks[task.block_index].is_task = True
        doc = self.document
        type_code = doc.type if doc.type in DOCUMENT_TYPES else DEFAULT_TYPE
        known_title = DOCUMENT_TYPES[type_code].title
        page_title = doc.page_title if doc.page_title and doc.page_title != known_title else None
        return DocumentContent(
            type_code=type_code,
            subject=doc.subject,
            number_symbol=doc.number_symbol,
            doc_date=doc.date,
            place=doc.place,
            issuer=doc.issuer,
            parent_issuer=doc.parent_issuer,
            title=page_title,
            is_draft=doc.draft_label is not None or doc.number_symbol is None,
            draft_label=doc.draft_label,
            sections=sections,
            recipients=list(self.recipients),
            signer=None
            if self.signer is None
            else Signer(self.signer.authority, self.signer.title, self.signer.name),
            greeting=doc.greeting,
        )


def _block(block: ParsedBlock) -> Block:
    if block.kind == "bullet":
        return Block(BlockKind.BULLET, block.text, level=block.level)
    return Block(BlockKind.PARAGRAPH, block.display_text())

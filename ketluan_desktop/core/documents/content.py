"""Plain values shared by services, the importer and the renderers (no ORM, no Qt).

``DocumentContent`` is what a Party document says, independent of how it is stored: the importer
produces it, the renderers consume it, and the documents service converts to and from ORM rows.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DocumentType:
    code: str  # the symbol code: KL, NQ, ... ("CV" for letters, which carry no code in the symbol)
    name: str  # "Kết luận"
    title: str  # what stands on the page: "KẾT LUẬN"


DOCUMENT_TYPES: dict[str, DocumentType] = {
    t.code: t
    for t in (
        DocumentType("KL", "Kết luận", "KẾT LUẬN"),
        DocumentType("TB", "Thông báo", "THÔNG BÁO"),
        DocumentType("NQ", "Nghị quyết", "NGHỊ QUYẾT"),
        DocumentType("CT", "Chỉ thị", "CHỈ THỊ"),
        DocumentType("QĐ", "Quyết định", "QUYẾT ĐỊNH"),
        DocumentType("QĐi", "Quy định", "QUY ĐỊNH"),
        DocumentType("QC", "Quy chế", "QUY CHẾ"),
        DocumentType("TT", "Thông tri", "THÔNG TRI"),
        DocumentType("HD", "Hướng dẫn", "HƯỚNG DẪN"),
        DocumentType("BC", "Báo cáo", "BÁO CÁO"),
        DocumentType("KH", "Kế hoạch", "KẾ HOẠCH"),
        DocumentType("CTr", "Chương trình", "CHƯƠNG TRÌNH"),
        DocumentType("TTr", "Tờ trình", "TỜ TRÌNH"),
        DocumentType("BB", "Biên bản", "BIÊN BẢN"),
        DocumentType("ĐA", "Đề án", "ĐỀ ÁN"),
        DocumentType("CV", "Công văn", ""),
    )
}


class DocumentStatus(enum.StrEnum):
    DRAFT = "draft"  # Dự thảo
    ISSUED = "issued"  # Ban hành (numbered)
    SIGNED = "signed"  # Đã ký
    REPLACED = "replaced"  # Đã được thay thế


DOCUMENT_STATUS_LABELS = {
    DocumentStatus.DRAFT: "Dự thảo",
    DocumentStatus.ISSUED: "Đã ban hành",  # a state, like «Đã ký» (the action is «Ban hành»)
    DocumentStatus.SIGNED: "Đã ký",
    DocumentStatus.REPLACED: "Đã thay thế",
}


class BlockKind(enum.StrEnum):
    PARAGRAPH = "paragraph"
    BULLET = "bullet"


MARK_STYLES = ("b", "i")  # bold, italic


def clip_marks(marks: object, length: int) -> list[tuple[int, int, str]] | None:
    """Inline emphasis as ``[(start, end, "b"|"i"), …]`` over a text ``length`` long.

    Clipped to the text, empty, malformed and unknown entries dropped, runs of one style merged,
    sorted; ``None`` when nothing is left. A bold and an italic run may overlap: bold italic.
    """
    runs: dict[str, list[list[int]]] = {style: [] for style in MARK_STYLES}
    for mark in marks if isinstance(marks, list | tuple) else ():
        try:
            start, end, style = mark
            start, end = max(0, int(start)), min(length, int(end))
        except (TypeError, ValueError):
            continue
        if style in MARK_STYLES and end > start:
            runs[style].append([start, end])
    out: list[tuple[int, int, str]] = []
    for style, spans in runs.items():
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        out.extend((start, end, style) for start, end in merged)
    return sorted(out) or None


@dataclass
class Block:
    kind: BlockKind
    text: str
    level: int = 0  # 0 = "- " bullet / normal paragraph; 1 = "+ " sub-bullet
    is_task: bool = False
    # Bold/italic runs over ``text``: [(start, end, "b"|"i"), …] (JSON: lists); None when plain.
    marks: list[tuple[int, int, str]] | None = None

    def __post_init__(self) -> None:
        if self.marks is not None:
            self.marks = clip_marks(self.marks, len(self.text))


@dataclass
class Section:
    number: str | None  # "1", "I", None for the opening paragraphs before the first heading
    heading: str | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Signer:
    authority: str | None  # "T/M BAN CHẤP HÀNH", "K/T BÍ THƯ", "T/L BAN THƯỜNG VỤ"
    title: str | None  # "BÍ THƯ", "PHÓ BÍ THƯ", "CHÁNH VĂN PHÒNG"
    name: str | None


@dataclass
class DocumentContent:
    """Everything the page shows. Names of bodies are as they were on the document's date."""

    type_code: str
    subject: str | None = None  # trích yếu; for a conclusion of a conference, its name
    number_symbol: str | None = None  # "123-KL/ĐUK"; None for a draft
    doc_date: date | None = None
    place: str | None = None  # "Thái Nguyên" (the province) — the page writes "<place>, ngày …"
    issuer: str | None = (
        None  # "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH" (stored as written; the page upper-cases)
    )
    parent_issuer: str | None = None  # "ĐẢNG BỘ TỈNH THÁI NGUYÊN"
    title: str | None = None  # overrides the type's title ("THÔNG BÁO KẾT LUẬN")
    is_draft: bool = False
    draft_label: str | None = None  # "Dự thảo lần 2"
    sections: list[Section] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    greeting: str | None = None  # "Kính gửi: …" for letters and submissions

    @property
    def type(self) -> DocumentType:
        return DOCUMENT_TYPES.get(self.type_code, DocumentType(self.type_code, self.type_code, ""))

    def all_text(self) -> str:
        parts = [
            self.title or self.type.title,
            self.subject or "",
            self.issuer or "",
            self.parent_issuer or "",
            self.place or "",
            self.number_symbol or "",
        ]
        for s in self.sections:
            parts.extend([s.number or "", s.heading or ""])
            parts.extend(b.text for b in s.blocks)
        parts.extend(self.recipients)
        if self.signer:
            parts.extend(
                [self.signer.authority or "", self.signer.title or "", self.signer.name or ""]
            )
        if self.greeting:
            parts.append(self.greeting)
        if self.draft_label:
            parts.append(self.draft_label)
        return "\n".join(parts)


def content_from_row(doc: Any) -> DocumentContent:
    """The content of a stored document: ``doc`` has the document's columns, its ``sections``
    (each with its ``blocks``) and ``recipients`` in order (the ORM's ``Document``, or the rows
    ``signing/plain_signing.py`` reads through ``sqlite3``)."""
    sections = [
        Section(
            number=s.number,
            heading=s.heading,
            blocks=[
                Block(kind=BlockKind(b.kind), text=b.text, level=b.level, marks=b.marks)
                for b in s.blocks
            ],
        )
        for s in doc.sections
    ]
    signer = None
    if doc.signer_authority or doc.signer_title or doc.signer_name:
        signer = Signer(doc.signer_authority, doc.signer_title, doc.signer_name)
    number_symbol = doc.number_symbol
    if number_symbol is None and doc.symbol_code:
        number_symbol = f"-{doc.type_code}/{doc.symbol_code}"  # a draft: "Số      -KL/ĐUK"
    return DocumentContent(
        type_code=doc.type_code,
        subject=doc.subject,
        number_symbol=number_symbol,
        doc_date=doc.doc_date,
        place=doc.place,
        issuer=doc.issuer_name,
        parent_issuer=doc.parent_issuer_name,
        title=doc.title,
        is_draft=doc.status == DocumentStatus.DRAFT.value,
        draft_label=doc.draft_label,
        sections=sections,
        recipients=[r.text for r in doc.recipients],
        signer=signer,
        greeting=doc.greeting,
    )

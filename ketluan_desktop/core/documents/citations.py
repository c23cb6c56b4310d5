"""Cited documents recognised while the user types, with the importer's own citation finder.

The finder (``core.importer.citations.find_citations``) says *which* documents a paragraph cites;
this module also says *where* each mention stands, so the editor can underline it, and links the
mentions to the register of cited documents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.documents.models import CitedDocument, Document
from ketluan_desktop.core.importer.citations import find_citations
from ketluan_desktop.core.importer.result import Citation as FoundCitation
from ketluan_desktop.core.text import fold


@dataclass(frozen=True)
class CitationSpan:
    start: int
    end: int
    kind: str
    number_symbol: str | None
    name: str | None


@dataclass(frozen=True)
class CitationInfo:
    """One cited document as the side panel lists it."""

    kind: str
    number_symbol: str | None
    name: str | None
    doc_date: date | None
    issuer: str | None
    mentions: int
    cited_id: int | None = None  # in the register of cited documents
    document_id: int | None = None  # the cited document is itself in this database

    @property
    def label(self) -> str:
        if self.number_symbol:
            return f"{self.kind} số {self.number_symbol}"
        return self.name or self.kind


def _symbol_pattern(symbol: str) -> str:
    # The finder removes spaces and turns "–" into "-": match the text as it was typed.
    parts = []
    for ch in symbol:
        if ch in "-/":
            parts.append(r"\s?[-–/]\s?" if ch == "-" else r"\s?/\s?")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@lru_cache(maxsize=4096)
def _pattern(kind: str, symbol: str) -> re.Pattern[str]:
    kind_re = r"\s+".join(re.escape(w) for w in kind.split())
    return re.compile(
        r"(?:(?<![\w])" + kind_re + r"\s+(?:số\s*:?\s*)?|(?<![\w])số\s+)?"
        r"(?<![\w/-])" + _symbol_pattern(symbol) + r"(?![\w])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=2048)
def _spans_cached(text: str) -> tuple[CitationSpan, ...]:
    out: list[CitationSpan] = []
    taken: list[tuple[int, int]] = []
    for c in find_citations([text]):
        if c.number_symbol:
            pattern = _pattern(c.kind, c.number_symbol)
        elif c.name:
            pattern = re.compile(r"(?<![\w])" + re.escape(c.name) + r"(?![\w])")
        else:
            continue
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(CitationSpan(m.start(), m.end(), c.kind, c.number_symbol, c.name))
    out.sort(key=lambda s: s.start)
    return tuple(out)


def spans(text: str) -> list[CitationSpan]:
    """Where the documents cited in one paragraph are mentioned (for underlining)."""
    return list(_spans_cached(text)) if text else []


def _key(c: FoundCitation) -> str:
    return c.number_symbol or fold(c.name or "")


def find_in_texts(
    texts: Iterable[str], own_number: str | None = None
) -> list[tuple[FoundCitation, int]]:
    """Each cited document once (details merged across mentions), with its number of mentions."""
    texts = [t for t in texts if t]
    merged = find_citations(texts, own_number)
    mentions: Counter[str] = Counter()
    for text in texts:
        for s in spans(text):
            if own_number and s.number_symbol == own_number:
                continue
            mentions[s.number_symbol or fold(s.name or "")] += 1
    return [(c, max(1, mentions[_key(c)])) for c in merged]


def register(session: Session, item: FoundCitation) -> CitedDocument:
    """The register's row for a cited document; a date or issuer learnt later is filled in."""
    row = None
    if item.number_symbol:
        row = session.scalars(
            select(CitedDocument).where(CitedDocument.number_symbol == item.number_symbol)
        ).first()
    elif item.name:
        row = session.scalars(
            select(CitedDocument).where(CitedDocument.name_folded == fold(item.name))
        ).first()
    if row is None:
        row = CitedDocument(
            kind=item.kind or "Văn bản",
            number_symbol=item.number_symbol,
            name=item.name,
            doc_date=item.date,
            issuer=item.issuer,
        )
        if item.number_symbol:
            row.document_id = session.scalar(
                select(Document.id).where(Document.number_symbol == item.number_symbol).limit(1)
            )
        session.add(row)
        session.flush()
    else:
        row.doc_date = row.doc_date or item.date
        row.issuer = row.issuer or item.issuer
    return row


def describe(
    session: Session, texts: Iterable[str], own_number: str | None = None
) -> list[CitationInfo]:
    """The side panel's list: every cited document with what the register knows of it."""
    found = find_in_texts(texts, own_number)
    symbols = [c.number_symbol for c, _ in found if c.number_symbol]
    known: dict[str, CitedDocument] = {}
    if symbols:
        for row in session.scalars(
            select(CitedDocument).where(CitedDocument.number_symbol.in_(symbols))
        ):
            known[row.number_symbol or ""] = row
    local: dict[str, int] = {}
    if symbols:
        for doc_id, ns in session.execute(
            select(Document.id, Document.number_symbol).where(Document.number_symbol.in_(symbols))
        ):
            assert ns is not None  # matched by IN
            local.setdefault(ns, doc_id)
    out = []
    for c, n in found:
        row = known.get(c.number_symbol or "")
        if row is None and c.name:
            row = session.scalars(
                select(CitedDocument).where(CitedDocument.name_folded == fold(c.name))
            ).first()
        out.append(
            CitationInfo(
                kind=c.kind,
                number_symbol=c.number_symbol,
                name=c.name,
                doc_date=c.date or (row.doc_date if row else None),
                issuer=c.issuer or (row.issuer if row else None),
                mentions=n,
                cited_id=row.id if row else None,
                document_id=local.get(c.number_symbol or "") or (row.document_id if row else None),
            )
        )
    return out

"""The lines a reader hands to the parser: cleaned text, plus layout hints where the source has
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ketluan_desktop.core.importer.markdown import looks_like_markdown, read_markdown_line
from ketluan_desktop.core.importer.textutil import collapse, scrub

# Two columns printed side by side (header, signature block) come out of PDFs and web pages as one
# line with a wide gap between the columns.
_COLUMN_GAP = re.compile(r"\t+|[ \u00a0]{3,}")


@dataclass
class Piece:
    start: int  # column where the piece begins in the raw line
    text: str


@dataclass
class SourceLine:
    text: str  # NFC, spaces collapsed, stripped; "" for a blank line
    pieces: list[Piece] = field(default_factory=list)
    hard: bool = False  # a whole paragraph (.docx); plain-text lines may be wrapped parts of one
    bold: bool = False  # every letter bold (.docx)
    bold_prefix: str | None = (
        None  # leading bold text followed by plain text (.docx run-in heading)
    )

    @property
    def blank(self) -> bool:
        return not self.text


def split_pieces(raw: str) -> list[Piece]:
    expanded = raw.expandtabs(8)
    pieces = []
    pos = 0
    for gap in _COLUMN_GAP.finditer(expanded):
        chunk = expanded[pos : gap.start()]
        if chunk.strip():
            pieces.append(Piece(pos + len(chunk) - len(chunk.lstrip()), collapse(chunk)))
        pos = gap.end()
    chunk = expanded[pos:]
    if chunk.strip():
        pieces.append(Piece(pos + len(chunk) - len(chunk.lstrip()), collapse(chunk)))
    return pieces


def text_to_lines(text: str) -> list[SourceLine]:
    raws = scrub(text).split("\n")
    if not looks_like_markdown(raws):
        return [SourceLine(collapse(raw), split_pieces(raw)) for raw in raws]
    out = []
    for raw in raws:
        md = read_markdown_line(raw)
        out.append(
            SourceLine(
                collapse(md.text),
                split_pieces(md.text),
                hard=md.hard,
                bold=md.bold,
                bold_prefix=md.bold_prefix,
            )
        )
    return out

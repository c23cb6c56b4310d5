"""The lines a reader hands to the parser: cleaned text, plus layout hints where the source has
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ketluan_desktop.core.importer.markdown import (
    looks_like_markdown,
    read_markdown_line,
    table_cells,
)
from ketluan_desktop.core.importer.textutil import UPPER, collapse, scrub

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


# A header run together with the title and the body in one line, as a PDF's or a preview's text
# gives it: "TỈNH ỦY BÌNH THUẬN * Số 05-HD/TU ĐẢNG CỘNG SẢN VIỆT NAM Bình Thuận, ngày 16 tháng 11
# năm 2018 HƯỚNG DẪN kiểm điểm … các cấp ----- Thực hiện … như sau: I. MỤC ĐÍCH, YÊU CẦU 1. …".
_RUN_ON_MIN = 200
_RUN_ON_HEAD = 30
_PARTY_NAME = re.compile(r"\s*ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM\s*")
_RUN_ON_DATE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_RUN_ON_BREAKS = (
    re.compile(r"\s+\*\s+"),  # the star under the issuing body
    re.compile(r"\s+(?=Số\s*:?\s*\d)"),
    re.compile(r"\s+(-{3,})\s+"),  # the rule under the title, kept as its own line
    re.compile(r"\s+(?=-?\s*Căn\s+cứ\b|-\s*Căn\b|Thực\s+hiện\b)"),  # the preamble
    re.compile(r"(?<=[.:;])\s+(?=[IVX]{1,4}\.\s+[" + UPPER + r"]{2})"),  # a part "I. MỤC ĐÍCH"
    # an item "1. Để …", after a sentence or a heading in capitals
    re.compile(r"(?:(?<=[.:;])|(?<=[" + UPPER + r"]{2}))\s+(?=\d{1,2}\.\s+[" + UPPER + r"])"),
)


# Two bodies run together in the left column ("ĐẢNG BỘ HUYỆN ĐẠI TỪ ĐẢNG ỦY XÃ LA BẰNG") are two
# lines of the header: the body above and the issuing one.
_BODY_BREAK = re.compile(
    r"(?<=["
    + UPPER
    + r"])\s+(?=(?:ĐẢNG\s+(?:BỘ|ỦY|UỶ)|CHI\s+BỘ|(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ)\s+(?:ỦY|UỶ)"
    r"|BAN\s+THƯỜNG\s+VỤ)\s+[" + UPPER + r"])"
)
# A sharing site's preview cut short ("… xếp loại chất lượng hàng năm đối[.]") before the whole
# text: the whole text is the document.
_CUT_PREVIEW = re.compile(r"\[\s*(?:\.|…|\.\.\.)\s*\]\s*$")


def _split_run_on(raw: str) -> list[str]:
    """The header's lines, the type line, the title and the body's parts of a run-on line: the
    left column (bodies, "*", "Số …") before the Party's name, the place and date after it."""
    date = _RUN_ON_DATE.search(raw)
    found = list(_PARTY_NAME.finditer(raw, 0, date.start())) if date else []
    party = found[-1] if found else None
    if date is None or party is None:
        return [raw]
    left = [raw[: party.start()]]
    for pattern in (*_RUN_ON_BREAKS[:2], _BODY_BREAK):
        left = [part for chunk in left for part in pattern.split(chunk) if part.strip()]
    place_date = raw[party.end() : date.end()].strip()
    words = raw[date.end() :].split()
    kind = []
    while words and words[0].isupper() and any(c.isalpha() for c in words[0]):
        kind.append(words.pop(0))
    body = [" ".join(words)]
    for pattern in _RUN_ON_BREAKS[2:]:
        body = [part for chunk in body for part in pattern.split(chunk) if part.strip()]
    # The body's parts are paragraphs of their own (a blank line between them).
    paras = [line for part in body for line in ("", part)]
    return [
        *left,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        place_date,
        *([" ".join(kind)] if kind else []),
        *paras,
    ]


def split_run_on_header(raws: list[str]) -> list[str]:
    """Lines with a run-on header split as the header would be printed (only a long line among
    the first ones that holds the Party's name and a place and date)."""
    found = [
        i
        for i, raw in enumerate(raws[:_RUN_ON_HEAD])
        if len(raw) >= _RUN_ON_MIN and _PARTY_NAME.search(raw) and _RUN_ON_DATE.search(raw)
    ]
    if len(found) >= 2 and _CUT_PREVIEW.search(raws[found[0]]):
        raws = raws[: found[0]] + raws[found[0] + 1 :]
        found = [i - 1 for i in found[1:]]
    if found:
        i = found[0]
        return raws[:i] + _split_run_on(raws[i]) + raws[i + 1 :]
    return raws


# A signature block flattened into one line or table cell: "T/M BỘ CHÍNH TRỊ (Đã ký) Trương Thị Mai"
# (the authority and position in capitals, the signature mark, a name of two to five words).
_FLAT_SIGNED = re.compile(
    r"^(?P<block>(?:T/M|K/T|T/L|TM\.|KT\.|TL\.)\s*[" + UPPER + r"][^()a-zđ]{2,120}?)\s*"
    r"(?P<signed>\(\s*(?:[Đđ]ã\s+ký|[Kk]ý)\s*\))\s*"
    r"(?P<name>[" + UPPER + r"][^\W\d_]*(?:\s+[" + UPPER + r"][^\W\d_]*){1,4})$"
)


def _unflattened(line: SourceLine) -> list[SourceLine]:
    m = _FLAT_SIGNED.match(line.text)
    if m is None:
        return [line]
    return [
        SourceLine(text, [Piece(0, text)], hard=True)
        for text in (m.group("block").strip(), m.group("signed"), m.group("name"))
    ]


# Some legal sites' fonts drop a capital with a hook or an acute from the Party's fixed words: "ĐNG
# CỘNG SẢN VIỆT NAM", "BAN CHP HÀNH TRUNG ƯƠNG", "Điều lệ Đng". Neither "Đng" nor "CHP HÀNH" is a
# Vietnamese word, so the letter is put back before the header is read.
_DROPPED = (
    (re.compile(r"\bĐNG\b"), "ĐẢNG"),
    (re.compile(r"\bĐng\b"), "Đảng"),
    (re.compile(r"\bCHP(\s+)HÀNH\b"), r"CHẤP\1HÀNH"),
    (re.compile(r"\b([Cc])hp(\s+)hành\b"), r"\1hấp\2hành"),
)


def restore_dropped_letters(text: str) -> str:
    for pattern, repl in _DROPPED:
        text = pattern.sub(repl, text)
    return text


def text_to_lines(text: str) -> list[SourceLine]:
    raws = split_run_on_header(restore_dropped_letters(scrub(text)).split("\n"))
    if not looks_like_markdown(raws):
        out = [SourceLine(collapse(raw), split_pieces(raw)) for raw in raws]
    else:
        out = []
        for row in raws:
            cells = table_cells(row)
            if cells is None:
                out.extend(_markdown_lines([row]))
            else:
                out.extend(_markdown_lines(cells or [""], cell=True))
    return [piece for line in out for piece in _unflattened(line)]


def _markdown_lines(raws: list[str], cell: bool = False) -> list[SourceLine]:
    out = []
    for raw in raws:
        md = read_markdown_line(raw)
        out.append(
            SourceLine(
                collapse(md.text),
                split_pieces(md.text),
                hard=md.hard or cell,
                bold=md.bold,
                bold_prefix=md.bold_prefix,
            )
        )
    return out

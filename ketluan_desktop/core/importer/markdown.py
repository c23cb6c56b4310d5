"""Text copied out of a web page or a chat tool often carries Markdown: "## I- MỤC TIÊU", "### 1. …",
"**1. Giao Ban Tổ chức Trung ương:** …". The marks are not words of the document; what they say
is how the line looked: a "#" line is a heading (bold, a paragraph of its own), a line wrapped in
"**" is bold, and a "**…**" opening a line is a run-in heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")
_BOLD_PAIR = re.compile(r"\*\*(?=\S)(.+?)\*\*|__(?=\S)(.+?)__")
_LEADING_BOLD = re.compile(r"^[ \t]*(?:\*\*|__)(?=\S)(.+?)(?:\*\*|__)")
_STRAY = re.compile(r"\*\*|__")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
# A converter's escapes ("1\.", "\- ", "R\&D", "chính trị \- xã hội"): a backslash before ASCII
# punctuation keeps the mark from being read as Markdown; the document has the mark alone.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# A table row ("|   | T/M BỘ CHÍNH TRỊ *(Đã ký)* Trương Thị Mai |") and the rule under a table's
# first row ("| :---- | :---- |").
_TABLE_ROW = re.compile(r"^[ \t]*\|(.*\|)[ \t]*$")
_TABLE_RULE = re.compile(r"^[ \t]*:?-{3,}:?[ \t]*$")
_ESCAPED_MARK = re.compile(r"^[ \t]*(?:\\[-+*]|\d{1,2}\\[.)])[ \t]")


@dataclass
class MarkdownLine:
    text: str
    bold: bool = False
    bold_prefix: str | None = None
    hard: bool = False  # a heading or a bold line is a paragraph of its own


def looks_like_markdown(lines: list[str]) -> bool:
    r"""Two heading lines, or two lines with "**…**", make a text Markdown; one "*" under a header
    or a stray "#" does not. Two lines opening on an escaped mark ("\- …", "2\. …") do too."""
    headings = sum(1 for ln in lines if _HEADING.match(ln))
    bold = sum(1 for ln in lines if _BOLD_PAIR.search(ln))
    escaped = sum(1 for ln in lines if _ESCAPED_MARK.match(ln))
    return headings >= 2 or bold >= 2 or (headings >= 1 and bold >= 1) or escaped >= 2


def table_cells(raw: str) -> list[str] | None:
    """The cells of a Markdown table row, the empty ones left out ([] for the rule under the first
    row); None when the line is no table row. A table lays out a signature block or a header's
    two columns: each cell is a block of its own."""
    m = _TABLE_ROW.match(raw)
    if m is None or "|" not in m.group(1)[:-1]:
        return None
    cells = [c.strip() for c in m.group(1)[:-1].split("|")]
    if all(_TABLE_RULE.match(c) or not c for c in cells):
        return []
    return [c for c in cells if c]


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def _plain(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _BOLD_PAIR.sub(lambda m: m.group(1) or m.group(2), text)
    text = _EMPHASIS.sub(r"\1", text)
    return unescape(_STRAY.sub("", text))


def read_markdown_line(raw: str) -> MarkdownLine:
    """One line without its Markdown marks, with what they said about its look."""
    m = _HEADING.match(raw)
    if m:
        return MarkdownLine(_plain(raw[m.end() :]), bold=True, hard=True)
    stripped = raw.strip()
    whole = _LEADING_BOLD.match(stripped)
    if whole and whole.end() == len(stripped):
        return MarkdownLine(_plain(stripped), bold=True, hard=True)
    if whole:
        prefix = _plain(whole.group(1)).strip()
        text = _plain(raw)
        if prefix and text.strip().startswith(prefix):
            return MarkdownLine(text, bold_prefix=prefix, hard=True)
    return MarkdownLine(_plain(raw))

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


@dataclass
class MarkdownLine:
    text: str
    bold: bool = False
    bold_prefix: str | None = None
    hard: bool = False  # a heading or a bold line is a paragraph of its own


def looks_like_markdown(lines: list[str]) -> bool:
    """Two heading lines, or two lines with "**…**", make a text Markdown; one "*" under a header
    or a stray "#" does not."""
    headings = sum(1 for ln in lines if _HEADING.match(ln))
    bold = sum(1 for ln in lines if _BOLD_PAIR.search(ln))
    return headings >= 2 or bold >= 2 or (headings >= 1 and bold >= 1)


def _plain(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _BOLD_PAIR.sub(lambda m: m.group(1) or m.group(2), text)
    text = _EMPHASIS.sub(r"\1", text)
    return _STRAY.sub("", text)


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

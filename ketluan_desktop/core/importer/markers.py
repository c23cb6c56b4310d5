"""Numbering and bullet marks at the start of a paragraph: "I.", "II-", "Phần I", "1.", "4.1.",
"a)", "(1)", "-", "+", "•".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ketluan_desktop.core.importer.textutil import UPPER

_TEXT_START = r"(?=[^\W\d_]|[\"“(«'])"
_ROMAN_MARK = re.compile(r"^([IVXL]{1,6})\s*[.\-–:/)]\s*" + _TEXT_START + r"(.*)$")
_ROMAN_BARE = re.compile(r"^([IVXL]{1,6})\s*[.\-–:/)]?\s*$")
_PART = re.compile(
    r"^(?:PHẦN|Phần|phần)\s+(?:(?:THỨ|thứ)\s+)?([IVXL]{1,6}|[^\W\d_]+)\b\s*[.\-–:/]?\s*(.*)$"
)
# "V/v …" ("về việc") opens a subject line; it is no Roman five.
_ABOUT = re.compile(r"^V\s*/\s*[vV]\b")
_ARABIC = re.compile(r"^(\d{1,2})\s*[.\-–/]\s*" + _TEXT_START + r"(.*)$")
_ARABIC_BARE = re.compile(r"^(\d{1,2})\s*\.\s*$")
_SUB = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?\.?\s+" + _TEXT_START + r"(.*)$")
_ITEM = re.compile(r"^(\(?)(\d{1,2}|[a-zđ]|[ivx]{1,4})\)\s*(?=\S)(.*)$")
_LETTER_DOT = re.compile(r"^([a-zđ])\.\s+(?=[" + UPPER + r"])(.*)$")
_BULLET = re.compile(r"^([-–—−•·●▪■◆◇○◦*+➢➤►✓])\s*(?=\S)(.*)$")
_SUB_BULLETS = "+○◦"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_ORDINAL_WORDS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10,
}  # fmt: skip
_ROMAN_OF = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX",
             10: "X"}  # fmt: skip
_LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass(frozen=True)
class Marker:
    kind: str  # "roman" | "arabic" | "sub" | "item" | "bullet"
    label: str  # the mark as written: "II.", "1.", "4.1.", "(1)", "a)", "-"
    number: int | None  # value used to check sequences
    rest: str  # the text after the mark
    parent: int | None = None  # "sub": the arabic number it belongs to
    level: int = 0  # "bullet": 0 for "-", 1 for "+"


def roman_value(text: str) -> int | None:
    total = 0
    prev = 0
    for ch in reversed(text):
        value = _ROMAN_VALUES.get(ch)
        if value is None:
            return None
        total += -value if value < prev else value
        prev = max(prev, value)
    if not 0 < total < 40 or roman_label(total) != text:
        return None
    return total


def roman_label(n: int) -> str:
    tens = "X" * (n // 10)
    return tens + ("" if n % 10 == 0 else _ROMAN_OF[n % 10])


def parse_marker(text: str) -> Marker | None:
    """The mark that opens ``text``, or None for a plain paragraph."""
    if not text:
        return None
    first = text[0]
    if first in "PpIVXL" and not _ABOUT.match(text):
        m = _PART.match(text)
        if m:
            word = m.group(1)
            value = roman_value(word) or _ORDINAL_WORDS.get(word.lower())
            if value:
                return Marker("roman", text[: m.start(2)].strip(), value, m.group(2))
        m = _ROMAN_MARK.match(text) or _ROMAN_BARE.match(text)
        if m:
            value = roman_value(m.group(1))
            if value:
                rest = m.group(2) if m.re is _ROMAN_MARK else ""
                return Marker("roman", text[: len(text) - len(rest)].strip(), value, rest)
    if first.isdigit():
        m = _SUB.match(text)
        if m:
            last = int(m.group(3) or m.group(2))
            label = text[: m.start(4)].strip()
            return Marker("sub", label, last, m.group(4), parent=int(m.group(1)))
        m = _ARABIC.match(text) or _ARABIC_BARE.match(text)
        if m:
            rest = m.group(2) if m.re is _ARABIC else ""
            return Marker("arabic", text[: len(text) - len(rest)].strip(), int(m.group(1)), rest)
    m = _ITEM.match(text)
    if m:
        token = m.group(2)
        if token.isdigit():
            number = int(token)
        elif len(token) > 1 or (token in "ivx" and m.group(1)):
            number = roman_value(token.upper())
        else:
            number = _LETTERS.find(token) + 1
        return Marker("item", text[: m.start(3)].strip(), number, m.group(3))
    m = _LETTER_DOT.match(text)
    if m:
        return Marker("item", text[: m.start(2)].strip(), _LETTERS.find(m.group(1)) + 1, m.group(2))
    m = _BULLET.match(text)
    if m:
        level = 1 if m.group(1) in _SUB_BULLETS else 0
        return Marker("bullet", m.group(1), None, m.group(2), level=level)
    return None

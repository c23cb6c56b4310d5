"""Dates and numbers as Vietnamese documents write them."""

from __future__ import annotations

import re
from datetime import date

# "ngày 20/4/2024", "ngày 06/12/2023", "ngày 26 tháng 5 năm 2014", "ngày 10/4" (year given later)
DATE_PATTERN = (
    r"(?P<d>\d{1,2})\s*(?:[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>\d{4}))"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
_NUMBER_WORDS = {
    "một": 1, "nhất": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
    "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mươi": 10,
}  # fmt: skip


def make_date(day: str | int, month: str | int, year: str | int) -> date | None:
    try:
        value = date(int(year), int(month), int(day))
    except (ValueError, TypeError):
        return None
    return value if 1900 <= value.year <= 2200 else None


def date_from_match(m: re.Match[str]) -> date | None:
    if m.group("y"):
        return make_date(m.group("d"), m.group("m"), m.group("y"))
    return make_date(m.group("d"), m.group("m2"), m.group("y2"))


def words_to_int(text: str) -> int | None:
    """ "mười chín" -> 19, "bảy" -> 7, "hai mươi mốt" -> 21 (session numbers written in words)."""
    words = text.lower().replace("mốt", "một").split()
    if not words:
        return None
    total = 0
    current = 0
    for w in words:
        value = _NUMBER_WORDS.get(w)
        if value is None:
            return None
        if w == "mươi":
            current = (current or 1) * 10
        elif w == "mười":
            current += 10
        else:
            current += value
    total += current
    return total or None

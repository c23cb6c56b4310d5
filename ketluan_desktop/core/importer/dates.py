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


# A paper that looks ahead is dated in the year it is for when issued in that year's first half:
# "Ngày 16/1, … hướng dẫn tuyên truyền kỷ niệm các ngày lễ lớn năm 2017." (not a review of the year
# before, "tổng kết năm 2016", nor a paper of December for the next year).
_YEAR_FOR = re.compile(r"\bnăm\s+(?P<y>\d{4})\b", re.IGNORECASE)
_REVIEW = re.compile(r"\b(?:tổng\s+kết|sơ\s+kết|kiểm\s+điểm|đánh\s+giá|báo\s+cáo)\b", re.IGNORECASE)


def year_ahead(sentence: str, tail: str, day: int, month: int) -> date | None:
    """``day``/``month`` of a ``sentence`` with no year, in the one year its ``tail`` (the words
    after the paper's name) says the paper is for."""
    years = {m.group("y") for m in _YEAR_FOR.finditer(tail)}
    if month > 6 or len(years) != 1 or _REVIEW.search(sentence):
        return None
    return make_date(day, month, years.pop())

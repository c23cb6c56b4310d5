"""Dates as the office types and writes them: one parser for what a clerk types in a field or a
command line (25/11/2026, 5/7/2024, 25/11/26, 2026-11-25), one "dd/mm/yyyy" writer (with the
time of day: ``format_moment``) and one "ngày … tháng … năm …" writer, so every screen, list,
report and message shows a date the same way.

Pure functions of their arguments: a two-digit year is read against a ``today`` the caller passes.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ketluan_desktop.core.errors import ValidationError

# d/m/yyyy, dd/mm/yy, also with "." or "-" between (as Excel users write them).
_DMY = re.compile(r"^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")  # 25112026, as typed without separators

EXAMPLE = "25/11/2026"
FORMS = "ngày/tháng/năm, ví dụ 25/11/2026, 5/7/2024 hoặc 25/11/26"


def full_year(two_digits: int, today: date | None) -> int:
    """The year a two-digit "26" means: the one within 80 years before and 20 after ``today``
    (2000–2049 / 1950–1999 when no ``today`` is given)."""
    if today is None:
        return 2000 + two_digits if two_digits < 50 else 1900 + two_digits
    year = today.year - today.year % 100 + two_digits
    if year > today.year + 20:
        year -= 100
    elif year < today.year - 79:
        year += 100
    return year


def checked_date(year: int, month: int, day: int, typed: str, what: str = "Ngày") -> date:
    """``date(year, month, day)``, or a Vietnamese error that says which part does not exist."""
    if not 1 <= month <= 12:
        raise ValidationError(f"{what} «{typed}»: không có tháng {month}. Hãy ghi {FORMS}.")
    if not 1900 <= year <= 2200:
        raise ValidationError(f"{what} «{typed}»: năm {year} không hợp lý. Hãy ghi {FORMS}.")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            f"{what} «{typed}» không có thật: tháng {month}/{year} không có ngày {day}."
        ) from None


def parse_date(text: str, *, today: date | None = None, what: str = "Ngày") -> date:
    """A date typed by a person: d/m/yyyy, dd/mm/yy (also with "." or "-"), ddmmyyyy or ISO.

    ``what`` names the field in the message ("Ngày báo mất thẻ"). Raises ``ValidationError``.
    """
    typed = (text or "").strip()
    if not typed:
        raise ValidationError(f"{what} chưa được ghi. Hãy ghi {FORMS}.")
    m = _ISO.match(typed)
    if m:
        return checked_date(int(m[1]), int(m[2]), int(m[3]), typed, what)
    m = _DMY.match(typed)
    if m:
        year = int(m[4]) if len(m[4]) == 4 else full_year(int(m[4]), today)
        return checked_date(year, int(m[3]), int(m[1]), typed, what)
    m = _DIGITS.match(typed)
    if m:
        return checked_date(int(m[3]), int(m[2]), int(m[1]), typed, what)
    if re.fullmatch(r"\d{4}", typed):
        raise ValidationError(f"{what} chỉ có năm ({typed}); cần đủ ngày, tháng, năm.")
    raise ValidationError(f"{what} «{typed}» không đọc được. Hãy ghi {FORMS}.")


def parse_optional_date(text: str | None, *, today: date | None = None, what: str = "Ngày"):
    """Like ``parse_date``, but an empty text is ``None`` (no date)."""
    return parse_date(text, today=today, what=what) if text and text.strip() else None


def format_date(d: date | None, empty: str = "") -> str:
    """ "05/02/2026": how screens, lists, registers and messages show a date."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d else empty


def format_moment(
    moment: datetime, *, seconds: bool = False, time_first: bool = False, between: str = " "
) -> str:
    """ "05/02/2026 14:30" — a moment as it is shown (its zone as given: the caller converts);
    ``seconds``: "14:30:05"; ``time_first``: "14:30 05/02/2026"; ``between``: " ngày " for
    "14:30 ngày 05/02/2026"."""
    clock = f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"
    day = format_date(moment)
    return f"{clock}{between}{day}" if time_first else f"{day}{between}{clock}"


def date_in_words(d: date, *, pad_day_upto: int = 0, pad_month_upto: int = 0) -> str:
    """ "ngày 5 tháng 7 năm 2024"; days/months up to ``pad_*_upto`` get a leading zero
    ("ngày 05 tháng 02 năm 2026" as the document layout asks for the place-and-date line)."""
    day = f"{d.day:02d}" if d.day <= pad_day_upto else str(d.day)
    month = f"{d.month:02d}" if d.month <= pad_month_upto else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"

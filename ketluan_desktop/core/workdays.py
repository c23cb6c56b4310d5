"""Working days: weekends and Vietnamese public holidays (Tết and the other lunar ones) skipped.

The calendar comes from the maintained ``holidays`` package, not a hand-typed list.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta


@functools.lru_cache(maxsize=64)
def _calendar(year: int):
    import holidays

    return holidays.country_holidays("VN", years=[year])


def is_working_day(d: date) -> bool:
    """Weekdays that are not public holidays, plus the Saturdays the Government makes working days
    in exchange for a bridge holiday (e.g. 22/8/2026)."""
    cal = _calendar(d.year)
    if d in getattr(cal, "weekend_workdays", ()):
        return True
    return d.weekday() < 5 and d not in cal


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (``start`` itself not counted)."""
    d = start
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        d += timedelta(days=step)
        if is_working_day(d):
            remaining -= 1
    return d


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    count = 0
    d = start
    while d < end:
        d += timedelta(days=1)
        if is_working_day(d):
            count += 1
    return count


def add_months(d: date, months: int) -> date:
    """Calendar months, clamped to the month's end (31/01 + 1 month = 29/02 in a leap year)."""
    import calendar

    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))

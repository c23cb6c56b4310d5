"""Date arithmetic for the reminders' rules: working days counted and added by look-up, and a
rule on a computed date turned into a range on the stored one (which SQL filters through an index).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from datetime import date, timedelta

from ketluan_desktop.core.workdays import add_working_days, is_working_day, working_days_between


class _WorkCalendar:
    """Working days as a running count per day, from ``core.workdays``' calendar (weekends and the
    ``holidays`` package's Vietnamese holidays): counting and adding working days become two
    look-ups, where a list of a thousand reminders years late would otherwise walk every day."""

    def __init__(self) -> None:
        self.first = date(2000, 1, 1).toordinal()
        self.cum: list[int] = []  # cum[i]: working days among days first .. first + i
        self._extend_to(date(2000, 12, 31))

    def _extend_to(self, d: date) -> None:
        last = self.first + len(self.cum) - 1
        total = self.cum[-1] if self.cum else 0
        for o in range(last + 1, d.toordinal() + 1):
            total += is_working_day(date.fromordinal(o))
            self.cum.append(total)

    def _cover(self, lo: date, hi: date) -> bool:
        if lo.toordinal() < self.first or hi.year > 2200:
            return False
        if hi.toordinal() >= self.first + len(self.cum):
            self._extend_to(date(hi.year, 12, 31))
        return True

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        if end <= start:
            return 0
        if not self._cover(start, end):
            return working_days_between(start, end)
        return self.cum[end.toordinal() - self.first] - self.cum[start.toordinal() - self.first]

    def add(self, start: date, n: int) -> date:
        """The date ``n`` working days after ``start`` (n >= 0)."""
        if n <= 0 or not self._cover(start, start + timedelta(days=3 * n + 60)):
            return add_working_days(start, n)
        target = self.cum[start.toordinal() - self.first] + n
        i = bisect.bisect_left(self.cum, target, lo=start.toordinal() - self.first)
        return date.fromordinal(self.first + i)


@functools.cache
def _work_calendar() -> _WorkCalendar:
    # Built on first use, not at import: it loads the holiday calendar (~0.3 s of start-up).
    return _WorkCalendar()


def working_days_late(due: date, today: date) -> int:
    return _work_calendar().between(due, today)


def add_working_days_fast(start: date, n: int) -> date:
    return _work_calendar().add(start, n)


def last_day(f: Callable[[date], date], bound: date, near: date | None = None) -> date:
    """The last day ``d`` with ``f(d) <= bound``, for a non-decreasing ``f`` (adding months or
    working days): a rule on a computed date becomes a range on the stored one, which SQL filters
    and counts through an index instead of Python looking at every row. ``near``: a guess at the
    answer, where the search starts (years back, it saves a hundred steps)."""

    def ok(d: date) -> bool:
        return f(d) <= bound

    lo = hi = near or bound
    span = 1
    while ok(hi) and hi < date.max - timedelta(days=span):
        lo, hi = hi, hi + timedelta(days=span)
        span *= 2
    if ok(hi):
        return hi
    span = 1
    while not ok(lo):
        if lo <= date.min + timedelta(days=span):
            return date.min  # no day qualifies: a range that holds no stored date
        hi, lo = lo, lo - timedelta(days=span)
        span *= 2
    while (hi - lo).days > 1:  # ok(lo), not ok(hi)
        mid = lo + timedelta(days=(hi - lo).days // 2)
        lo, hi = (mid, hi) if ok(mid) else (lo, mid)
    return lo

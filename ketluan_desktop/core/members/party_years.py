"""Party age (tuổi Đảng): counted from the first admission, less the time out of the Party."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the badge reminders' count runs at start-up before SQLAlchemy is loaded
    from ketluan_desktop.core.members.models import Member


# ---------------------------------------------------------------------------------------------
# Periods outside the Party, Party age
# ---------------------------------------------------------------------------------------------
def party_start(m: Member) -> date | None:
    """Party age counts from the admission decision; a re-admitted member's from the first one."""
    return m.first_admission_date or m.admission_date


def absent_days(absences: Iterable[tuple[date, date | None]], until: date) -> int:
    total = 0
    for start, end in absences:
        stop = min(end or until, until)
        if stop > start:
            total += (stop - start).days
    return total


def effective_start(start: date, absences: Iterable[tuple[date, date | None]], on: date) -> date:
    """The start moved later by the days spent outside the Party up to ``on``."""
    from datetime import timedelta

    return start + timedelta(days=absent_days(absences, on))


def years_between(start: date, on: date) -> int:
    years = on.year - start.year
    if (on.month, on.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


@dataclass(frozen=True)
class PartyAge:
    years: int
    start: date
    effective_start: date
    absent_days: int

    def text(self) -> str:
        extra = f" (đã trừ {self.absent_days} ngày ra khỏi Đảng)" if self.absent_days else ""
        return f"{self.years} năm{extra}"


def party_age(m: Member, on: date) -> PartyAge | None:
    start = party_start(m)
    if start is None:
        return None
    periods = [(a.start_date, a.end_date) for a in m.absences]
    eff = effective_start(start, periods, on)
    return PartyAge(years_between(eff, on), start, eff, absent_days(periods, on))

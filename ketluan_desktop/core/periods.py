"""Calendar periods the figures count by (the overdue chart's months, the same day a year
earlier, the current half-year): basics any room may use (the tasks' and the members' figures,
the overview) and the reporting periods the office names. Pure date arithmetic, without the database layer: the overview's first plain read
(``overview/first_screen_sql``) runs before SQLAlchemy is imported and needs them as the ORM path
does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = 12  # the overdue chart's months


def month_ends(today: date, months: int = MONTHS) -> list[tuple[int, int, date]]:
    """(year, month, as_of) for the last ``months`` months, oldest first; the current month's
    point is today."""
    out = []
    y, m = today.year, today.month
    for _ in range(months):
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        out.append((y, m, min(nxt - timedelta(days=1), today)))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def year_earlier(d: date) -> date:
    """The same day a year before (29/02 → 28/02)."""
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def current_half_year(today: date) -> tuple[date, date]:
    """The half-year ``today`` is in: the period the overview opens on (the first of
    ``report_periods``)."""
    if today.month >= 7:
        return date(today.year, 7, 1), date(today.year, 12, 31)
    return date(today.year, 1, 1), date(today.year, 6, 30)


# ---------------------------------------------------------------------------------------------
# Reporting periods the office uses
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date


def report_periods(today: date, years: int = 4) -> list[Period]:
    """Half-years, years and quarters that have begun, most recent first, as reports name them."""
    out: list[Period] = []
    for year in range(today.year, today.year - years, -1):
        halves = [
            Period(f"6 tháng cuối năm {year}", date(year, 7, 1), date(year, 12, 31)),
            Period(f"6 tháng đầu năm {year}", date(year, 1, 1), date(year, 6, 30)),
        ]
        out += [p for p in halves if p.start <= today]
        out.append(Period(f"Năm {year}", date(year, 1, 1), date(year, 12, 31)))
    for year in range(today.year, today.year - 2, -1):
        for q in (4, 3, 2, 1):
            start = date(year, 3 * q - 2, 1)
            if start > today:
                continue
            end_month = 3 * q
            end = (
                date(year, 12, 31)
                if end_month == 12
                else date(year, end_month + 1, 1) - timedelta(days=1)
            )
            out.append(Period(f"Quý {['I', 'II', 'III', 'IV'][q - 1]} năm {year}", start, end))
    return out


def period_text(start: date, end: date) -> str:
    """ "từ ngày 01/01/2024 đến ngày 30/6/2024" as report subtitles write it."""
    return f"từ ngày {start.day:02d}/{start.month:02d}/{start.year} đến ngày {end.day:02d}/{end.month:02d}/{end.year}"

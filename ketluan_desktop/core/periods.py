"""Calendar periods the figures count by (the overdue chart's months, the same day a year
earlier, the current half-year): basics any room may use (the tasks' and the members' figures,
the overview). Pure date arithmetic, without the database layer: the overview's first plain read
(``overview/first_screen_sql``) runs before SQLAlchemy is imported and needs them as the ORM path
does."""

from __future__ import annotations

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
    ``members.figures.report_periods``)."""
    if today.month >= 7:
        return date(today.year, 7, 1), date(today.year, 12, 31)
    return date(today.year, 1, 1), date(today.year, 6, 30)

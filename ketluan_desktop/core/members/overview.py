"""Member procedures at a glance: per month and kind in a period, against the same period a year
earlier, and the reminder counters (the members page's, from ``reminders.counts``).

A procedure counts exactly as in the six-month figures (``figures.py``): approved or completed,
on its ``counted_on`` date. Both periods come from one grouped query over the figures' covering
index (counted_on, kind, status, …), so the per-kind totals are the figures' totals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session

from ketluan_desktop.core.members import reminders
from ketluan_desktop.core.members.figures import COUNTED, check_period
from ketluan_desktop.core.members.models import PROCEDURE_KIND_LABELS, Procedure, ProcedureKind
from ketluan_desktop.core.periods import year_earlier

K = ProcedureKind
# The kinds the overview draws (discipline is not a procedure the report counts).
KINDS = (
    K.ADMISSION.value,
    K.OFFICIAL_MEMBERSHIP.value,
    K.BADGE.value,
    K.CARD_NEW.value,
    K.CARD_REISSUE.value,
    K.TRAVEL_ABROAD.value,
    K.TRANSFER.value,
    K.POLITICAL_STANDARD.value,
)
KIND_LABELS = {k: PROCEDURE_KIND_LABELS[K(k)] for k in KINDS}


def months_of(start: date, end: date) -> list[tuple[int, int]]:
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_span(year: int, month: int, start: date, end: date) -> tuple[date, date]:
    """The part of one month inside [start, end]."""
    first = date(year, month, 1)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return max(first, start), min(last, end)


@dataclass(frozen=True)
class KindChange:
    kind: str
    label: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def percent(self) -> float | None:
        """The change as a share of the earlier count (None when it was zero)."""
        return None if not self.previous else 100.0 * self.change / self.previous


@dataclass
class ProcedureOverview:
    start: date
    end: date
    prev_start: date
    prev_end: date
    months: list[tuple[int, int]] = field(default_factory=list)  # of the chosen period
    monthly: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)  # current
    prev_monthly: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)
    kinds: list[KindChange] = field(default_factory=list)

    def month_total(self, ym: tuple[int, int], *, previous: bool = False) -> int:
        """A month's count; ``previous``: the same month a year earlier."""
        if previous:
            return sum(self.prev_monthly.get((ym[0] - 1, ym[1]), {}).values())
        return sum(self.monthly.get(ym, {}).values())

    def month_span(self, ym: tuple[int, int]) -> tuple[date, date]:
        return month_span(ym[0], ym[1], self.start, self.end)

    @property
    def total(self) -> int:
        return sum(k.current for k in self.kinds)

    @property
    def prev_total(self) -> int:
        return sum(k.previous for k in self.kinds)


def procedure_stmt(start: date, end: date, p_start: date, p_end: date):
    """Grouped by the day itself, in the covering index's order (no per-row month function): a
    half-year is a few thousand (day, kind) groups, folded into months by ``fold_procedures``.
    One statement, each period tagged: periods over a year long share days, counted in both."""

    def period(tag: int, a: date, b: date):
        return (
            select(literal(tag).label("tag"), Procedure.counted_on, Procedure.kind, func.count())
            .where(
                Procedure.counted_on.between(a, b),
                Procedure.status.in_(COUNTED),
                Procedure.kind.in_(KINDS),
            )
            .group_by(Procedure.counted_on, Procedure.kind)
        )

    return union_all(period(1, start, end), period(0, p_start, p_end))


def procedure_overview(session: Session, start: date, end: date) -> ProcedureOverview:
    check_period(start, end)
    p_start, p_end = year_earlier(start), year_earlier(end)
    return fold_procedures(session.execute(procedure_stmt(start, end, p_start, p_end)), start, end)


def fold_procedures(groups: Iterable[Sequence[Any]], start: date, end: date) -> ProcedureOverview:
    """The (tag, day, kind, count) groups as the period's and the year earlier's months."""
    out = ProcedureOverview(
        start, end, year_earlier(start), year_earlier(end), months=months_of(start, end)
    )
    cur_total: dict[str, int] = {}
    prev_total: dict[str, int] = {}
    for tag, day, kind, n in groups:
        if isinstance(day, str):  # SQLite hands a compound select's dates back as text
            day = date.fromisoformat(day)
        assert day is not None  # the WHERE keeps counted_on within the period
        monthly, totals = (out.monthly, cur_total) if tag else (out.prev_monthly, prev_total)
        per_kind = monthly.setdefault((day.year, day.month), {})
        per_kind[kind] = per_kind.get(kind, 0) + n
        totals[kind] = totals.get(kind, 0) + n
    out.kinds = [
        KindChange(k, KIND_LABELS[k], cur_total.get(k, 0), prev_total.get(k, 0)) for k in KINDS
    ]
    return out


def reminder_counts(session: Session, today: date) -> dict[str, int]:
    """The six counters of the members page (the same service)."""
    return reminders.counts(session, today)


def latest_half_year(session: Session, today: date) -> tuple[date, date] | None:
    """The last half-year that has ended in which some procedure counted (None: never): the
    period a first look at an office shows (the screenshots)."""
    this_half = date(today.year, 1 if today.month <= 6 else 7, 1)
    last = session.scalar(
        select(func.max(Procedure.counted_on)).where(
            Procedure.status.in_(COUNTED), Procedure.counted_on < this_half
        )
    )
    if last is None:
        return None
    if last.month <= 6:
        return date(last.year, 1, 1), date(last.year, 6, 30)
    return date(last.year, 7, 1), date(last.year, 12, 31)

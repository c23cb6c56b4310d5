"""Member procedures at a glance: per month and kind in a period, against the same period a year
earlier, and the reminder counters (the members page's, from ``reminders.counts``).

A procedure counts exactly as in the six-month figures (``figures.py``): approved or completed,
on its ``counted_on`` date. Both periods come from one grouped query over the figures' covering
index (counted_on, kind, status, …), so the per-kind totals are the figures' totals.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session

from ketluan_desktop.core.members import reminders
from ketluan_desktop.core.members.figures import COUNTED, check_period
from ketluan_desktop.core.members.models import Procedure
from ketluan_desktop.core.members.overview_values import (  # noqa: F401  (re-exported)
    KIND_LABELS,
    KINDS,
    KindChange,
    ProcedureOverview,
    fold_procedures,
    month_span,
    months_of,
)
from ketluan_desktop.core.periods import year_earlier


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

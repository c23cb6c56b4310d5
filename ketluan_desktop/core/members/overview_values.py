"""The procedures' overview values (``ProcedureOverview``: per month and kind in a period, against
the same period a year earlier) and the fold that makes them from the grouped read's rows:
without SQLAlchemy (``overview`` re-exports them, and reads), so the overview's first screen can
be built before the ORM is imported."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ketluan_desktop.core.members.vocabulary import PROCEDURE_KIND_LABELS, ProcedureKind
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

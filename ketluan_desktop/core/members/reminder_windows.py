"""The reminders' dates, without SQLAlchemy: the rules' ranges of stored dates (``bounds``), each
badge milestone's window of admission dates (``windows``) and the badge rule applied row by row to
the few candidates SQL cannot count (``evaluate``).

``reminders`` and ``reminder_badges`` build their statements from these; the start-up count read
through ``sqlite3`` (``reminder_counts_sql``) binds its kept statements to the same values, while
SQLAlchemy is still being imported.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from ketluan_desktop.core.members import party_years
from ketluan_desktop.core.members.reminder_dates import add_working_days_fast, last_day
from ketluan_desktop.core.members.reminder_rules import (
    BADGE_DUE,
    Reminder,
    RuleConfig,
    occasions_around,
)
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.core.workdays import add_months


@dataclass(frozen=True)
class Bounds:
    """The rules' dates turned into ranges of the stored dates (see ``reminder_dates.last_day``)."""

    ceremony_max: date  # probation ends by the warning horizon: ceremony_date <= this
    ceremony_ended: date  # probation ended before today: ceremony_date <= this
    admission_max: date  # the ceremony's deadline has passed: admission_date <= this
    return_max: date  # the return report's deadline has passed: travel_to <= this


@functools.lru_cache(maxsize=8)
def bounds(today: date, cfg: RuleConfig) -> Bounds:
    def months(d: date) -> date:
        return add_months(d, cfg.probation_months)

    yesterday = today - timedelta(days=1)
    return Bounds(
        ceremony_max=last_day(months, today + timedelta(days=cfg.probation_warning_days)),
        ceremony_ended=last_day(months, yesterday),
        admission_max=last_day(
            lambda d: add_working_days_fast(d, cfg.ceremony_working_days), yesterday
        ),
        return_max=last_day(
            lambda d: add_working_days_fast(d, cfg.return_report_working_days), yesterday
        ),
    )


@dataclass(frozen=True)
class Window:
    """The admission dates whose milestone falls between the previous occasion (excluded) and the
    next (included); ``ill_high``: the last one for a seriously ill member (early)."""

    years: int
    low: date
    high: date
    ill_high: date


@functools.lru_cache(maxsize=8)
def windows(today: date, cfg: RuleConfig) -> tuple[date, date, tuple[Window, ...]]:
    """The occasions around ``today`` and each milestone's window (once a day per setting)."""
    prev, nxt = occasions_around(today, cfg)
    out = []
    for years in cfg.badge_milestones:

        def reach(d: date, years: int = years) -> date:
            return add_months(d, 12 * years)

        def back(bound: date, years: int = years) -> date:
            return last_day(reach, bound, near=add_months(bound, -12 * years))

        out.append(
            Window(years, back(prev), back(nxt), back(add_months(nxt, cfg.early_months(years))))
        )
    return prev, nxt, tuple(out)


def evaluate(
    found: list, absent: list, awarded: list, prev: date, nxt: date, cfg: RuleConfig
) -> list[Reminder]:
    """The badge rule applied row by row to the candidates' rows."""
    absences: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for mid, start, end in absent:
        absences[mid].append((start, end))
    taken = {(mid, years) for mid, years in awarded if mid is not None and years is not None}
    out = []
    for mid, name, org_name, adm, first, ill in found:
        begin = first or adm
        assert begin is not None  # admission_date filtered IS NOT NULL
        eff = party_years.effective_start(begin, absences.get(mid, ()), nxt)
        for years in cfg.badge_milestones:
            if (mid, years) in taken:
                continue
            reach = add_months(eff, 12 * years)
            limit = add_months(nxt, cfg.early_months(years)) if ill else nxt
            if not prev < reach <= limit:
                continue
            text = f"Tròn {years} năm tuổi Đảng ngày {format_date(reach)} — đề nghị tặng ở đợt "
            text += format_date(nxt)
            if reach > nxt:
                text += " (tặng sớm: ốm đau nặng)"
            if absences.get(mid):
                text += " (đã trừ thời gian ra khỏi Đảng)"
            out.append(Reminder(BADGE_DUE, mid, name, org_name, reach, nxt, text, False))
            break
    out.sort(key=lambda r: (r.date, r.member_id))
    return out

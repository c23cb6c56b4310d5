"""The task overview's values (``TaskOverview``: per lead unit, per month-end, the oldest
overdue) and the folds that make them from the grouped reads' rows: without SQLAlchemy
(``overview`` re-exports them, and reads), so the overview's first screen can be built before
the ORM is imported."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ketluan_desktop.core.tasks.task_rows import TaskFilter, TaskRow
from ketluan_desktop.core.tasks.vocabulary import (
    DONE_STATES,
    OPEN_STATES,
    OVERDUE,
    TaskStatus,
    state_label,
)

# The stack's order, bottom to top: what is finished, then what is still to do.
BUCKETS = (
    TaskStatus.DONE.value,
    TaskStatus.DONE_LATE.value,
    TaskStatus.IN_PROGRESS.value,
    OVERDUE,
    TaskStatus.NOT_STARTED.value,
)
BUCKET_LABELS = {
    TaskStatus.DONE.value: "Hoàn thành đúng hạn",
    TaskStatus.DONE_LATE.value: state_label(TaskStatus.DONE_LATE.value),
    TaskStatus.IN_PROGRESS.value: state_label(TaskStatus.IN_PROGRESS.value),
    OVERDUE: state_label(OVERDUE),
    TaskStatus.NOT_STARTED.value: state_label(TaskStatus.NOT_STARTED.value),
}
OLDEST = 10


@dataclass(frozen=True)
class TaskScope:
    """What the task charts count: deadlines in a period (None: any), one conclusion (None: all)."""

    due_from: date | None = None
    due_to: date | None = None
    document_id: int | None = None

    def task_filter(self, **more) -> TaskFilter:
        return TaskFilter(
            due_from=self.due_from, due_to=self.due_to, document_id=self.document_id, **more
        )


@dataclass(frozen=True)
class UnitStatus:
    unit_id: int
    unit: str
    counts: dict[str, int]  # bucket -> tasks

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class MonthPoint:
    year: int
    month: int
    as_of: date  # the month's last day, or today for the current month
    overdue: int

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year}"


@dataclass
class TaskOverview:
    today: date
    scope: TaskScope
    units: list[UnitStatus] = field(default_factory=list)
    without_unit: int = 0  # tasks in scope with no lead unit (outside the unit chart)
    paused: int = 0  # paused tasks in scope (in none of the five buckets)
    months: list[MonthPoint] = field(default_factory=list)
    oldest: list[TaskRow] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        return {b: sum(u.counts.get(b, 0) for u in self.units) for b in BUCKETS}


def fold_unit_groups(
    groups: Iterable[Sequence[Any]],
) -> tuple[dict[int, dict[str, int]], int, int]:
    """The (unit, status, count, late) groups as {unit: {bucket: count}}, without-unit, paused."""
    found: dict[int, dict[str, int]] = {}
    without = paused = 0
    for uid, status, n, n_late in groups:
        if status == TaskStatus.PAUSED.value:
            paused += n
            continue
        counts = {status: n}
        if status in OPEN_STATES:  # the overdue ones are a bucket of their own
            counts = {status: n - n_late, OVERDUE: n_late}
        if uid is None:
            without += n
            continue
        unit = found.setdefault(uid, {})
        for bucket, count in counts.items():
            unit[bucket] = unit.get(bucket, 0) + count
    return found, without, paused


def units_of(found: dict[int, dict[str, int]], names: dict[int, str]) -> list[UnitStatus]:
    units = [
        UnitStatus(uid, names.get(uid, f"Đơn vị {uid}"), {b: c.get(b, 0) for b in BUCKETS})
        for uid, c in found.items()
    ]
    units.sort(key=lambda u: (-u.counts[OVERDUE], -u.total, u.unit))
    return units


def fold_overdue(
    groups: Iterable[Sequence[Any]], ends: list[tuple[int, int, date]]
) -> list[MonthPoint]:
    """Each (deadline, status, completed_on, count) group placed on the month-ends it was
    overdue at: from the first one after its deadline to the last one before its completion."""
    days = [as_of for _y, _m, as_of in ends]
    step = [0] * (len(days) + 1)  # +n where a stretch of months begins, -n after it ends
    for deadline, status, completed_on, n in groups:
        if isinstance(deadline, str):  # SQLite hands a compound select's dates back as text
            deadline = date.fromisoformat(deadline)
        if isinstance(completed_on, str):
            completed_on = date.fromisoformat(completed_on)
        # the first month-end after the deadline (none given: before the first one)
        first = 0 if deadline is None else bisect.bisect_right(days, deadline)
        if status in DONE_STATES:
            if completed_on is None:
                continue  # done, with no date: never counted as late
            stop = bisect.bisect_left(days, completed_on)  # month-ends before completion
        else:
            stop = len(days)
        if first < stop:
            step[first] += n
            step[stop] -= n
    out, running = [], 0
    for (y, m, as_of), delta in zip(ends, step, strict=False):
        running += delta
        out.append(MonthPoint(y, m, as_of, running))
    return out

"""Key tasks at a glance (the «Tổng quan» workspace and the six-month report).

Three aggregates, each one grouped query:

* per lead unit, tasks stacked by how they stand today — done on time, done late, in progress,
  overdue, not started — under a deadline period and a conclusion filter;
* the number of tasks overdue at the end of each of the last twelve months (the current month:
  today), from their deadlines and completion dates;
* the oldest overdue tasks.

Each bucket is exactly one filter of the task list (``TaskFilter(unit_id, state, …)``), so a click
on a bar opens the list that counts the same tasks.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Select, case, cast, func, null, or_, select, union_all
from sqlalchemy.orm import Session

from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.periods import MONTHS, month_ends
from ketluan_desktop.core.tasks.listing import TaskRow, apply_filter, rows_for
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.tasks.overview_values import (  # noqa: F401  (re-exported)
    BUCKET_LABELS,
    BUCKETS,
    OLDEST,
    MonthPoint,
    TaskOverview,
    TaskScope,
    UnitStatus,
    fold_overdue,
    fold_unit_groups,
    units_of,
)
from ketluan_desktop.core.tasks.task_states import (
    DONE_STATES,
    OPEN_STATES,
    OVERDUE,
)


def unit_status_stmt(scope: TaskScope, today: date) -> Select:
    """Grouped by (lead unit, status) — the covering index's own order, so the database walks it
    once and sorts nothing (grouped by the bucket, a CASE, it sorted 50,000 rows: 2.5× the
    time) — with each group's count past the deadline: an open group's overdue tasks."""
    late = func.count(case((Task.deadline < today, 1)))  # NULL deadlines: never late
    return apply_filter(
        select(Task.lead_unit_id, Task.status, func.count(), late).select_from(Task),
        scope.task_filter(),
        today,
    ).group_by(Task.lead_unit_id, Task.status)


def unit_names_stmt(ids: list[int]) -> Select:
    return select(Organisation.id, func.coalesce(Organisation.short_name, Organisation.name)).where(
        Organisation.id.in_(ids)
    )


def unit_status(
    session: Session, scope: TaskScope, *, today: date
) -> tuple[list[UnitStatus], int, int]:
    """(units with tasks in scope, most overdue first; tasks without a lead unit; paused tasks)."""
    found, without, paused = fold_unit_groups(session.execute(unit_status_stmt(scope, today)))
    names = dict(session.execute(unit_names_stmt(list(found))).all()) if found else {}
    return units_of(found, names), without, paused


def overdue_by_month_stmt(first_end: date, today: date, document_id: int | None = None):
    """One statement of three parts, each grouped in the order of the index it walks (nothing
    sorted), each group then placed on the months it was overdue at (``fold_overdue``):

    * open tasks due before the first month-end: overdue at every one of them, only counted;
    * tasks due from the first month-end to today, by (deadline, status, completion);
    * done tasks due before the first month-end and completed after it (done by then: late at
      none of the month-ends, unread).

    (Grouped as one over every task past its deadline, the long-overdue open tasks came back as
    thousands of groups, one per deadline, all landing on every month: now two counts.)"""
    scoped = [Task.document_id == document_id] if document_id is not None else []
    grouped = (Task.deadline, Task.status, Task.completed_on)
    no_date = cast(null(), Date)
    return union_all(
        select(no_date, Task.status, no_date, func.count())
        .where(Task.status.in_(OPEN_STATES), Task.deadline < first_end, *scoped)
        .group_by(Task.status),
        select(*grouped, func.count())
        .where(
            Task.deadline >= first_end,
            Task.deadline < today,
            Task.status.in_(OPEN_STATES + DONE_STATES),
            or_(Task.status.in_(OPEN_STATES), Task.completed_on > first_end),
            *scoped,
        )
        .group_by(*grouped),
        select(*grouped, func.count())
        .where(
            Task.deadline < first_end,
            Task.status.in_(DONE_STATES),
            Task.completed_on > first_end,
            *scoped,
        )
        .group_by(*grouped),
    )


def overdue_by_month(
    session: Session, *, today: date, document_id: int | None = None, months: int = MONTHS
) -> list[MonthPoint]:
    """Tasks overdue at each month's end: past their deadline then and not done by then (open
    now, or completed after that day)."""
    ends = month_ends(today, months)
    stmt = overdue_by_month_stmt(ends[0][2], today, document_id)
    return fold_overdue(session.execute(stmt).all(), ends)


def oldest_overdue_stmt(scope: TaskScope, today: date, limit: int = OLDEST) -> Select:
    """The overdue tasks' ids with the earliest deadlines, from the deadline index."""
    f = scope.task_filter(state=OVERDUE)
    return apply_filter(select(Task.id), f, today).order_by(Task.deadline, Task.id).limit(limit)


def oldest_overdue(
    session: Session, scope: TaskScope, *, today: date, limit: int = OLDEST
) -> list[TaskRow]:
    """The overdue tasks with the earliest deadlines: their ids, then the list's rows for those
    few."""
    ids = list(session.scalars(oldest_overdue_stmt(scope, today, limit)))
    rows = rows_for(session, ids, today=today)
    return [rows[i] for i in ids if i in rows]


def task_overview(session: Session, scope: TaskScope, *, today: date) -> TaskOverview:
    units, without, paused = unit_status(session, scope, today=today)
    return TaskOverview(
        today=today,
        scope=scope,
        units=units,
        without_unit=without,
        paused=paused,
        months=overdue_by_month(session, today=today, document_id=scope.document_id),
        oldest=oldest_overdue(session, scope, today=today),
    )

"""The task list screen's reads: the counts per state under a filter (one grouped query) and the
window of ids the view shows, paged and sorted by the database.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import QueryableAttribute, Session

from ketluan_desktop.core.tasks.listing import (
    TaskFilter,
    TaskRow,
    TaskSort,
    apply_filter,
    group_where,
    latest_update_alias,
    order_terms,
    rows_of,
    to_rows,
    with_joins,
)
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.tasks.task_groups import groups
from ketluan_desktop.core.tasks.task_states import OPEN, OPEN_STATES, OVERDUE, STATES

# How far into a segment a walk of the updates (``TaskWindow.ids_statement``) still reads a page:
# an offset is walked row by row, oldest first among updates mostly superseded (a page 13,300
# rows in: 0.8-1 s walked, 60 ms sorted). Deeper pages are read through the sorted join.
WALK_OFFSET = 500


@dataclass(frozen=True)
class StateCensus:
    """Per stored status: (tasks, with a deadline before today, without a deadline).

    One grouped query over the filter (its state choice aside) gives the header strip's counts
    and, for any state choice, how many rows the list has and how many have no deadline.
    """

    by_status: dict[str, tuple[int, int, int]]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = dict.fromkeys(STATES, 0)
        for status, (n, late, _none) in self.by_status.items():
            if status in OPEN_STATES:
                out[OVERDUE] += late
                out[status] = out.get(status, 0) + n - late
            else:
                out[status] = out.get(status, 0) + n
        return out

    def matching(self, state: str | None) -> tuple[int, int]:
        """(rows, rows without a deadline) for the list filtered to ``state``."""
        total = nulls = 0
        for status, (n, late, none) in self.by_status.items():
            if (
                state is None
                or (state == status and status not in OPEN_STATES)
                or (state == OPEN and status in OPEN_STATES)
            ):
                total, nulls = total + n, nulls + none
            elif state == OVERDUE and status in OPEN_STATES:
                total += late
            elif state == status:
                total, nulls = total + n - late, nulls + none
        return total, nulls


def census(session: Session, f: TaskFilter, *, today: date) -> StateCensus:
    base = f.without_state()
    status: ColumnElement[str] | QueryableAttribute[str] = Task.status
    if base.text:
        # The search reads every row anyway: group while scanning the table rather than walk
        # the (status, deadline) index and fetch each row's text from it (three times slower).
        status = Task.status.concat("")
    late = func.sum(case((Task.deadline < today, 1), else_=0))
    none = func.sum(case((Task.deadline.is_(None), 1), else_=0))
    stmt = apply_filter(select(status, func.count(), late, none).select_from(Task), base, today)
    return StateCensus(
        {st: (n, lt or 0, nn or 0) for st, n, lt, nn in session.execute(stmt.group_by(status))}
    )


@dataclass
class TaskWindow:
    """A filtered, sorted list of tasks that the database pages through.

    ``load`` counts the rows; ``ids(start, stop)`` returns the ids of one window in display order
    with ``LIMIT``/``OFFSET``. Sorting by deadline is split in two segments — tasks with a
    deadline (served by the deadline index, ascending or descending) then standing tasks — so
    the default order never sorts in a temporary table. Only the counts and the window being
    shown ever come into Python.
    """

    filter: TaskFilter
    sort: TaskSort
    today: date
    group: str | None = None
    group_key: int | None = None
    counts: list[int] = field(default_factory=list)

    def _segments(self) -> list[tuple[list[ColumnElement[bool]], list[Any], list[Any], set[str]]]:
        """(where, order, the order reversed, joins) of each segment, in display order."""
        terms, joins = order_terms(self.sort, self.today)
        backwards, _ = order_terms(self.sort, self.today, reverse=True)
        where = [] if self.group is None else [group_where(self.group, self.group_key)]
        up, down = Task.id.asc(), Task.id.desc()
        last, first = (down, up) if self.sort.descending else (up, down)
        if self.sort.key == "deadline":
            return [
                ([*where, Task.deadline.is_not(None)], terms, backwards, joins),
                ([*where, Task.deadline.is_(None)], [last], [first], set()),
            ]
        if self.sort.key == "latest_update":
            # Tasks with an update, by its date (then its id), walking task_update's date index
            # and finding each task by its latest_update_id: no sort of every task.
            asc = not self.sort.descending
            on = [latest_update_alias.update_date.asc(), latest_update_alias.id.asc()]
            off = [latest_update_alias.update_date.desc(), latest_update_alias.id.desc()]
            walk = "update_walk" if self._broad() else "update_inner"
            return [
                (
                    [*where, Task.latest_update_id.is_not(None)],
                    on if asc else off,
                    off if asc else on,
                    {walk},
                ),
                ([*where, Task.latest_update_id.is_(None)], [last], [first], set()),
            ]
        return [(where, terms, backwards, joins)]

    def _broad(self) -> bool:
        """Whether a walk of the updates in date order finds a page's tasks after a few hundred
        updates. Newest first, it does (the newest updates are their tasks' latest); oldest first
        the walk begins among updates long superseded, and finds its tasks soon only where
        stalled tasks come first: every task, the overdue, all still to do (50,000 tasks, first
        page: 12 -> 2, 105 -> 2, 123 -> 2 ms; done or paused, oldest first, it is slower: 26 ->
        34, 10 -> 12 ms). Under any other filter (a unit, a search, a document) it may keep few
        tasks or none, and the walk would read every update (a unit without tasks: 1.5 s)."""
        if self.filter.without_state() != TaskFilter():
            return False
        return self.sort.descending or self.filter.state in (None, OVERDUE, OPEN)

    def ids_statement(self, where: list[ColumnElement[bool]], joins: set[str]) -> Select:
        """``SELECT`` the ids of a segment's tasks (its order and limit to be added).

        ``update_walk`` (by latest update under a broad filter): the updates are walked by
        their date index and each kept when it is its task's latest and the task passes the
        filter. Joined the other way, SQLite's planner reads every task with an update and
        sorts them (50,000 tasks, newest first: 12-120 ms a first page; walked: 1-11 ms). The
        task's id is compared as ``id + 0`` so that SQLite checks it in the covering index of
        ``latest_update_id`` rather than fetching each task's row by its key (12 -> 1 ms)."""
        if "update_walk" not in joins:
            stmt = apply_filter(select(Task.id), self.filter, self.today)
            return with_joins(stmt, joins).where(*where)
        lu = latest_update_alias
        task = apply_filter(select(Task.id), self.filter, self.today).where(
            *where, Task.latest_update_id == lu.id, (Task.id + 0) == lu.task_id
        )
        return select(lu.task_id).where(task.exists())

    def load(self, session: Session, known: StateCensus | None = None) -> int:
        """Count the rows (from a census of the same filter when the caller has one)."""
        if not self.load_from(known):
            self.counts = [session.scalar(stmt) or 0 for stmt in self.count_statements()]
        return self.total

    def load_from(self, known: StateCensus | None) -> bool:
        """The counts from a census of the same filter, when its segments allow it (the
        ungrouped list by deadline); False: ``count_statements`` must count them."""
        if known is None or self.group is not None or self.sort.key != "deadline":
            return False
        total, nulls = known.matching(self.filter.state)
        self.counts = [total - nulls, nulls]
        return True

    def count_statements(self) -> list[Select]:
        """One count per segment, in display order (each may run on its own connection)."""
        base = apply_filter(select(func.count()).select_from(Task), self.filter, self.today)
        return [base.where(*where) for where, _terms, _backwards, _joins in self._segments()]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def ids(self, session: Session, start: int, stop: int) -> list[int]:
        """The ids of rows ``start``..``stop``; a window nearer a segment's end is read backwards
        from that end, so the last page costs what the first one does."""
        out: list[int] = []
        offset = 0
        for (where, terms, backwards, joins), n in zip(self._segments(), self.counts, strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, n)
            if lo < hi:
                if min(lo, n - hi) > WALK_OFFSET and "update_walk" in joins:
                    joins = (joins - {"update_walk"}) | {"update_inner"}  # deep: sorted, not walked
                stmt = self.ids_statement(where, joins).limit(hi - lo)
                if n - hi < lo:
                    part = list(session.scalars(stmt.order_by(*backwards).offset(n - hi)))
                    out.extend(reversed(part))
                else:
                    out.extend(session.scalars(stmt.order_by(*terms).offset(lo)))
            offset += n
        return out


def first_ids(window: TaskWindow, session: Session, limit: int) -> list[int]:
    """The ids of the window's first ``limit`` rows without counting them first (segment after
    segment, each from its start), so the first page can be read beside the census."""
    out: list[int] = []
    for where, terms, _backwards, joins in window._segments():
        if len(out) >= limit:
            break
        stmt = window.ids_statement(where, joins).order_by(*terms)
        out.extend(session.scalars(stmt.limit(limit - len(out))))
    return out


def first_page_reads(window: TaskWindow, limit: int) -> list[Callable[[Session], list]]:
    """The window's first ``limit`` rows without their ids read first: one statement per
    segment, each from its start in display order (up to ``limit`` of each), so the first page
    is read beside the census. ``first_page`` makes the page of what they found."""
    reads = []
    for where, terms, _backwards, joins in window._segments():
        ids = window.ids_statement(where, joins).order_by(*terms).limit(limit)
        stmt = rows_of(ids, window.today).order_by(*terms)
        reads.append(lambda s, stmt=stmt: list(s.execute(stmt)))
    return reads


def first_page(
    window: TaskWindow, found: list[list], *, limit: int, soon: int
) -> tuple[list[int], dict[int, TaskRow]]:
    """The ids and rows of the window's first page (its counts loaded) from ``first_page_reads``."""
    raw = [r for part in found for r in part][: min(limit, window.total)]
    rows = to_rows(raw, today=window.today, soon=soon)
    return [r.id for r in rows], {r.id: r for r in rows}


def ordered_ids(session: Session, f: TaskFilter, sort: TaskSort, *, today: date) -> array:
    """Every matching task's id, in display order (small lists, the command line, tests)."""
    window = TaskWindow(f, sort, today)
    window.load(session)
    return array("q", window.ids(session, 0, window.total))


def ordered_ids_by_group(
    session: Session, f: TaskFilter, sort: TaskSort, group: str, *, today: date
) -> dict[int, array]:
    """The ordered ids of each group (document or lead unit)."""
    out: dict[int, array] = {}
    for g in groups(session, f, group, today=today):
        window = TaskWindow(f, sort, today, group, g.key)
        window.load(session)
        out[g.key] = array("q", window.ids(session, 0, window.total))
    return out


def count(session: Session, f: TaskFilter | None = None, *, today: date) -> int:
    stmt = apply_filter(select(func.count()).select_from(Task), f or TaskFilter(), today)
    return session.scalar(stmt) or 0


def counts_by_state(
    session: Session, *, today: date, filter: TaskFilter | None = None
) -> dict[str, int]:
    """Tasks per shown state (overdue derived) under the filter, whatever its own state choice."""
    return census(session, filter or TaskFilter(), today=today).counts()

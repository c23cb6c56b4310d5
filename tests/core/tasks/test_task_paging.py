"""Long task lists read their last pages backwards from the end (issue 14): whatever the sort,
a page read that way holds exactly the rows the forward order puts there, and the list sorted by
latest update is in update order."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select, text

from ketluan_desktop.core.org.models import Organisation, OrgKind
from ketluan_desktop.core.tasks import listing as ts
from ketluan_desktop.core.tasks import task_window
from ketluan_desktop.core.tasks.models import Task, TaskUpdate

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def many_tasks(tmp_path_factory):
    """600 tasks: some without a deadline, a lead unit, an update; ties on every sort key."""
    from ketluan_desktop.core.db import open_database

    db = open_database(tmp_path_factory.mktemp("paging") / "ketluan.db", create=True)
    rng = random.Random(14)
    with db.write_session() as s:
        units = [Organisation(kind=OrgKind.DEPARTMENT.value, name=f"Ban số {i}") for i in range(5)]
        for u in units:
            u.derive()
        s.add_all(units)
        s.flush()
        rows = []
        for i in range(600):
            text = f"Nhiệm vụ {rng.choice('ABCDE')} số {i % 37}"
            rows.append(
                {
                    "text": text,
                    "text_folded": text.lower(),
                    "lead_unit_id": rng.choice([None, *(u.id for u in units)]),
                    "deadline": rng.choice([None, TODAY - timedelta(days=rng.randint(-90, 90))]),
                    "priority": rng.choice([1, 2, 2, 3]),
                    "status": rng.choice(["not_started", "in_progress", "done", "paused"]),
                }
            )
        s.execute(insert(Task), rows)
        ids = list(s.scalars(select(Task.id)))
        for tid in ids[::2]:
            for _ in range(rng.randint(1, 3)):
                day = TODAY - timedelta(days=rng.randint(0, 40))
                s.add(TaskUpdate(task_id=tid, update_date=day, text="Đã triển khai."))
        s.flush()
        for t in s.scalars(select(Task).where(Task.id.in_(ids[::2]))):
            t.latest_update_id = max((u.update_date, u.id) for u in t.updates)[1]
    yield db
    db.dispose()


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("key", [k for k in ts.SORT_KEYS if k != "id"])
def test_a_page_read_from_the_end_is_the_page_the_forward_order_shows(many_tasks, key, descending):
    with many_tasks.session() as s:
        window = task_window.TaskWindow(ts.TaskFilter(), ts.TaskSort(key, descending), TODAY)
        total = window.load(s)
        forward = window.ids(s, 0, total)  # the first page reads forwards: the whole list
        assert sorted(forward) == sorted(set(forward)) and len(forward) == total == 600
        for start in (total - 100, total - 37, 450, 301):
            assert window.ids(s, start, min(start + 100, total)) == forward[start : start + 100]


def test_sorted_by_latest_update_the_list_follows_the_update_dates(many_tasks):
    with many_tasks.session() as s:
        window = task_window.TaskWindow(ts.TaskFilter(), ts.TaskSort("latest_update"), TODAY)
        ids = window.ids(s, 0, window.load(s))
        rows = ts.rows_for(s, ids, today=TODAY)
    dates = [rows[i].latest_update_date for i in ids]
    with_update = [d for d in dates if d is not None]
    assert with_update == sorted(with_update) and len(with_update) == 300
    assert dates[len(with_update) :] == [None] * 300  # those never reported on come last


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("key", ts.SORT_KEYS)
@pytest.mark.parametrize("limit", [100, 700])
def test_the_first_page_read_beside_the_census_is_the_windows_first_page(
    many_tasks, key, descending, limit
):
    """The screen's first page comes from one statement per segment, read beside the census
    (issue 15): the same ids, in the same order, with the same rows as the window's ids then
    their rows."""
    for f in (ts.TaskFilter(), ts.TaskFilter(state="overdue"), ts.TaskFilter(text="so 1")):
        with many_tasks.session() as s:
            window = task_window.TaskWindow(f, ts.TaskSort(key, descending), TODAY)
            total = window.load(s)
            expected = window.ids(s, 0, min(limit, total))
            rows = ts.rows_for(s, expected, today=TODAY, soon=7)
            found = [read(s) for read in task_window.first_page_reads(window, limit)]
        ids, first = task_window.first_page(window, found, limit=limit, soon=7)
        assert ids == expected and first == rows
        assert len(ids) == min(limit, total) > 0


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("state", [None, "overdue", "open", "done", "in_progress", "paused"])
def test_by_latest_update_the_walk_of_the_updates_gives_the_joined_orders_pages(
    many_tasks, state, descending, monkeypatch
):
    """By latest update under a broad filter, a page's ids come from a walk of task_update's
    date index (issue 14: SQLite's planner otherwise reads and sorts every task with an update,
    30-330 ms a first page on 50,000 tasks): the same ids, in the same order, as the join."""
    f = ts.TaskFilter(state=state)
    sort = ts.TaskSort("latest_update", descending)
    with many_tasks.session() as s:
        window = task_window.TaskWindow(f, sort, TODAY)
        total = window.load(s)
        walked = window.ids(s, 0, total)
        tail = window.ids(s, max(total - 40, 0), total)  # read backwards from the end
        where, terms, _backwards, joins = window._segments()[0]
        plan = " ".join(
            str(r[3])
            for r in s.execute(
                text("EXPLAIN QUERY PLAN " + _sqlite(window.ids_statement(where, joins), terms))
            )
        )
        monkeypatch.setattr(task_window.TaskWindow, "_broad", lambda self: False)
        joined_window = task_window.TaskWindow(f, sort, TODAY)
        joined_window.load(s)
        joined = joined_window.ids(s, 0, total)
    assert walked == joined and tail == joined[-40:] and total > 0
    walks = descending or state in (None, "overdue", "open")
    assert ("SCAN latest_update USING INDEX ix_task_update_update_date" in plan) == walks
    assert ("TEMP B-TREE" in plan) != walks  # walked in date order: nothing sorted
    if state is None:  # each update checked in the index of latest_update_id, no task row read
        assert ("COVERING INDEX ix_task_latest_update_id (latest_update_id=?)" in plan) == walks


def _sqlite(stmt, terms) -> str:
    from sqlalchemy.dialects import sqlite

    ordered = stmt.order_by(*terms).limit(50)
    return str(ordered.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_the_walk_by_latest_update_reads_the_same_on_both_engines(demo_db, descending, monkeypatch):
    """The demo office on SQLite and on PostgreSQL: walked, the ids by latest update are the
    join's, and the first page read beside the census is the window's."""
    sort = ts.TaskSort("latest_update", descending)
    today = date(2026, 11, 29)
    for f in (ts.TaskFilter(), ts.TaskFilter(state="open")):
        with demo_db.session() as s:
            window = task_window.TaskWindow(f, sort, today)
            total = window.load(s)
            walked = window.ids(s, 0, total)
            found = [read(s) for read in task_window.first_page_reads(window, 5)]
            assert task_window.first_page(window, found, limit=5, soon=7)[0] == walked[:5]
            with monkeypatch.context() as m:
                m.setattr(task_window.TaskWindow, "_broad", lambda self: False)
                joined_window = task_window.TaskWindow(f, sort, today)
                joined_window.load(s)
                joined = joined_window.ids(s, 0, total)
        assert walked == joined and total > 0


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_a_page_deep_in_the_list_by_latest_update_is_sorted_not_walked(
    many_tasks, descending, monkeypatch
):
    """A walk reads its offset row by row (a page 13,300 rows into 50,000 tasks: ~1 s): past
    ``WALK_OFFSET`` from both ends a page is read through the sorted join — the same rows."""
    sort = ts.TaskSort("latest_update", descending)
    with many_tasks.session() as s:
        window = task_window.TaskWindow(ts.TaskFilter(), sort, TODAY)
        total = window.load(s)
        whole = window.ids(s, 0, total)
        statements: list[str] = []
        monkeypatch.setattr(task_window, "WALK_OFFSET", 20)
        real = task_window.TaskWindow.ids_statement

        def seen(self, where, joins):
            statements.append(" ".join(sorted(joins)))
            return real(self, where, joins)

        monkeypatch.setattr(task_window.TaskWindow, "ids_statement", seen)
        for start in (0, 10, 100, 150, 285, 540):  # 300 tasks with an update, then 300
            assert window.ids(s, start, start + 10) == whole[start : start + 10]
    walk, sort = "update_walk", "update_inner"
    assert statements == [walk, walk, sort, sort, walk, ""]  # 285: 5 from its segment's end

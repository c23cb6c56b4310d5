"""The numbers behind every overview chart equal what the lists and the figures count (both engines)."""

from __future__ import annotations

from datetime import date, timedelta

from ketluan_desktop.core.members import figures, procedure_queries, reminders
from ketluan_desktop.core.members import overview as member_overview
from ketluan_desktop.core.overview import charts, screen
from ketluan_desktop.core.periods import month_ends, year_earlier
from ketluan_desktop.core.tasks import listing, task_groups, task_states, task_window
from ketluan_desktop.core.tasks import overview as task_overview
from ketluan_desktop.core.tasks.editing import set_status

TODAY = date(2026, 11, 29)
H2_2024 = (date(2024, 7, 1), date(2024, 12, 31))


def _count_procedures(s, **filters) -> int:
    from sqlalchemy import func, select

    return s.scalar(
        select(func.count()).select_from(procedure_queries.filtered(**filters).subquery())
    )


def test_each_unit_bar_counts_the_tasks_its_list_shows(demo_db):
    with demo_db.session() as s:
        o = task_overview.task_overview(s, task_overview.TaskScope(), today=TODAY)
        assert o.units, "the demo office has key tasks with lead units"
        for u in o.units:
            for bucket in task_overview.BUCKETS:
                f = listing.TaskFilter(unit_id=u.unit_id, state=bucket)
                assert u.counts[bucket] == task_window.count(s, f, today=TODAY), (u.unit, bucket)
        assert o.totals()[task_states.OVERDUE] == task_window.count(
            s, listing.TaskFilter(state=task_states.OVERDUE), today=TODAY
        )
        spec = charts.unit_chart(o)
        assert spec.category_keys == tuple(u.unit_id for u in o.units)
        overdue = next(x for x in spec.bars if x.key == task_states.OVERDUE)
        assert overdue.values == tuple(u.counts[task_states.OVERDUE] for u in o.units)


def test_the_overdue_line_ends_at_today_and_follows_completion_dates(demo_db, now):
    with demo_db.write_session() as s:
        points = task_overview.overdue_by_month(s, today=TODAY)
        assert len(points) == 12 and points[-1].as_of == TODAY
        assert points[0].as_of == date(2025, 12, 31)
        now_overdue = task_window.count(
            s, listing.TaskFilter(state=task_states.OVERDUE), today=TODAY
        )
        assert points[-1].overdue == now_overdue == 8
        # A task done on 15/03/2026 was overdue at the end of February, not at the end of March.
        task_id = listing.list_tasks(s, today=TODAY, state=task_states.OVERDUE)[0].id
        set_status(
            s, task_id, "done", expected_version=None, now=now, completed_on=date(2026, 3, 15)
        )
    with demo_db.session() as s:
        after = {
            (p.year, p.month): p.overdue for p in task_overview.overdue_by_month(s, today=TODAY)
        }
        assert after[(2026, 2)] == 8 and after[(2026, 3)] == 7 and after[(2026, 11)] == 7
        spec = charts.overdue_chart(
            task_overview.task_overview(s, task_overview.TaskScope(), today=TODAY)
        )
        assert spec.lines[0].values[-1] == 7 and spec.categories[-1] == "11/2026"


def test_the_oldest_overdue_are_the_list_sorted_by_deadline(demo_db):
    with demo_db.session() as s:
        oldest = task_overview.oldest_overdue(s, task_overview.TaskScope(), today=TODAY)
        listed = listing.list_tasks(s, today=TODAY, state=task_states.OVERDUE, limit=10)
        assert [r.id for r in oldest] == [r.id for r in listed]
        assert all(r.state == task_states.OVERDUE for r in oldest)


def test_the_period_and_document_filters_narrow_every_task_chart(demo_db):
    with demo_db.session() as s:
        doc_id = task_groups.documents_with_tasks(s)[0].id
        inside = task_overview.TaskScope(*H2_2024, document_id=doc_id)
        outside = task_overview.TaskScope(date(2025, 1, 1), date(2025, 6, 30), document_id=doc_id)
        a = task_overview.task_overview(s, inside, today=TODAY)
        b = task_overview.task_overview(s, outside, today=TODAY)
        assert (
            sum(a.totals().values()) == task_window.count(s, inside.task_filter(), today=TODAY) == 8
        )
        assert sum(b.totals().values()) == 0 and b.oldest == []


def test_procedures_per_kind_are_the_figures_of_both_periods(demo_db):
    with demo_db.session() as s:
        p = member_overview.procedure_overview(s, *H2_2024)
        now = figures.figures(s, *H2_2024)
        before = figures.figures(s, date(2023, 7, 1), date(2023, 12, 31))
        for k in p.kinds:
            assert (k.current, k.previous) == (now.get(k.kind), before.get(k.kind)), k.kind
        assert p.total == 206 and p.prev_total == 160
        # Each month's bar segment is the procedures list under that kind and month.
        for ym in p.months:
            start, end = p.month_span(ym)
            for kind in member_overview.KINDS:
                shown = p.monthly.get(ym, {}).get(kind, 0)
                assert shown == _count_procedures(
                    s, kind=kind, counted_from=start, counted_to=end
                ), (ym, kind)
        spec = charts.procedure_month_chart(p)
        assert sum(sum(x.values) for x in spec.bars) == p.total
        assert sum(spec.lines[0].values) == p.prev_total
        kinds = charts.kind_chart(p)
        assert kinds.bars[0].values == tuple(k.current for k in p.kinds)


def test_periods_over_a_year_count_shared_days_in_both(demo_db):
    with demo_db.session() as s:
        start, end = date(2023, 7, 1), date(2024, 12, 31)
        p = member_overview.procedure_overview(s, start, end)
        assert p.total == sum(v for k, v in figures.figures(s, start, end).by_kind().items()
                              if k in member_overview.KINDS)  # fmt: skip
        assert p.prev_total == sum(
            v
            for k, v in figures.figures(s, date(2022, 7, 1), date(2023, 12, 31)).by_kind().items()
            if k in member_overview.KINDS
        )


def test_the_reminder_counters_are_the_members_pages(demo_db):
    with demo_db.session() as s:
        counted = member_overview.reminder_counts(s, TODAY)
        assert counted == reminders.counts(s, TODAY)
        assert list(counted) == list(reminders.RULES) and sum(counted.values()) > 0


def test_year_earlier_and_month_spans():
    assert year_earlier(date(2024, 2, 29)) == date(2023, 2, 28)
    assert member_overview.month_span(2024, 2, date(2024, 2, 10), date(2024, 6, 30)) == (
        date(2024, 2, 10),
        date(2024, 2, 29),
    )
    ends = month_ends(date(2026, 1, 15), 3)
    assert ends == [(2025, 11, date(2025, 11, 30)), (2025, 12, date(2025, 12, 31)),
                    (2026, 1, date(2026, 1, 15))]  # fmt: skip
    assert date(2026, 1, 15) - timedelta(days=1) == date(2026, 1, 14)


def test_tasks_without_a_unit_and_paused_ones_are_counted_apart(demo_db, now):
    from ketluan_desktop.core.tasks.editing import TaskInput, create_task

    with demo_db.write_session() as s:
        create_task(s, TaskInput("Rà soát quy chế làm việc", deadline=date(2026, 12, 20)),
                    now=now, today=TODAY)  # fmt: skip
        paused = listing.list_tasks(s, today=TODAY, state=task_states.OVERDUE)[0]
        set_status(s, paused.id, "paused", expected_version=None, now=now)
    with demo_db.session() as s:
        o = task_overview.task_overview(s, task_overview.TaskScope(), today=TODAY)
        assert (o.without_unit, o.paused) == (1, 1)
        assert o.totals()[task_states.OVERDUE] == 7  # the paused one is no longer late
        assert sum(o.totals().values()) + o.without_unit + o.paused == task_window.count(
            s, listing.TaskFilter(), today=TODAY
        )


def test_the_screen_read_side_by_side_is_the_services_read_in_one_session(demo_db):
    """The screen's scans run at once, each on a connection of its own (on SQLite too): the same
    values as each service read in turn in one session, for every scope."""
    with demo_db.session() as s:
        doc_id = task_groups.documents_with_tasks(s)[0].id
    scopes = (
        task_overview.TaskScope(),
        task_overview.TaskScope(*H2_2024),
        task_overview.TaskScope(document_id=doc_id),
    )
    for scope in scopes:
        got = screen.load_overview(demo_db, today=TODAY, start=H2_2024[0], end=H2_2024[1],
                                   scope=scope)  # fmt: skip
        with demo_db.session() as s:
            assert got["tasks"] == task_overview.task_overview(s, scope, today=TODAY)
            assert got["procedures"] == member_overview.procedure_overview(s, *H2_2024)
            assert got["documents"] == [
                (d.id, d.label) for d in task_groups.documents_with_tasks(s)
            ]
        assert got["tasks"].units and got["procedures"].total > 0


def test_the_overdue_line_is_each_month_ends_count_of_late_tasks(demo_db, now):
    """Each point against the tasks counted one by one at that day: due before it and open, or
    done after it — long-overdue open tasks, tasks due within the year, and tasks due before it
    done within it (one made so here), with and without a conclusion filter."""
    from sqlalchemy import select

    from ketluan_desktop.core.tasks.models import Task

    with demo_db.write_session() as s:
        old = min(listing.list_tasks(s, today=TODAY, state=task_states.OVERDUE),
                  key=lambda t: t.deadline)  # fmt: skip
        assert old.deadline < date(2025, 12, 31)  # due before the first month-end, done after
        set_status(s, old.id, "done", expected_version=None, now=now,
                   completed_on=date(2026, 4, 2))  # fmt: skip
    with demo_db.session() as s:
        tasks = s.execute(
            select(Task.deadline, Task.status, Task.completed_on, Task.document_id)
        ).all()
        docs = [None, *(d.id for d in task_groups.documents_with_tasks(s))]
        for doc in docs:
            points = task_overview.overdue_by_month(s, today=TODAY, document_id=doc)
            for p in points:
                late = sum(
                    1
                    for deadline, status, done_on, d in tasks
                    if (doc is None or d == doc)
                    and deadline is not None
                    and deadline < p.as_of
                    and (
                        status in task_states.OPEN_STATES
                        or (status in task_states.DONE_STATES and done_on and done_on > p.as_of)
                    )
                )
                assert p.overdue == late, (doc, p)
        assert task_overview.overdue_by_month(s, today=TODAY)[2].overdue >= 1

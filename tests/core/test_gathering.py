"""A screen's independent reads: side by side on a server (each on a connection of its own), in
turn in the caller's session on SQLite; results in order, errors and cancellation carried over."""

from __future__ import annotations

import re
import threading
import time

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from ketluan_desktop.core import search as search_service
from ketluan_desktop.core.db import cancel
from ketluan_desktop.core.db.gathering import gather
from ketluan_desktop.core.meetings.models import Meeting
from ketluan_desktop.core.members.models import Member
from ketluan_desktop.core.tasks.models import Task


def _keyless(draft) -> str:
    return re.sub(r"key='[0-9a-f]+'", "", repr(draft))


def _count(model):
    return lambda s: len(list(s.scalars(select(model.id))))


def test_results_come_back_in_the_order_asked(demo_db):
    with demo_db.session() as s:
        expected = [_count(m)(s) for m in (Meeting, Task, Member)]
    assert gather(demo_db, *(_count(m) for m in (Meeting, Task, Member))) == expected
    assert all(n > 0 for n in expected)


def test_on_a_server_the_reads_run_at_once_each_on_its_own_connection(demo_db):
    if not demo_db.is_server:
        pytest.skip("a PostgreSQL server only")
    arrived = threading.Barrier(3, timeout=20)  # broken unless all three wait at the same time

    def read(s):
        pid = s.execute(text("SELECT pg_backend_pid()")).scalar()
        arrived.wait()
        return pid, threading.current_thread().name

    found = gather(demo_db, read, read, read)
    assert len({pid for pid, _ in found}) == 3
    assert found[0][1] == threading.current_thread().name  # the caller reads too
    assert all(name.startswith("db-gather-0") for _pid, name in found[1:])


def test_on_sqlite_the_reads_run_in_turn_in_one_session(demo_db):
    if demo_db.is_server:
        pytest.skip("SQLite only")
    seen = []
    gather(demo_db, *(lambda s: seen.append((s, threading.current_thread())) for _ in range(3)))
    assert len({id(s) for s, _ in seen}) == 1
    assert {t for _, t in seen} == {threading.current_thread()}


def test_heavy_reads_run_at_once_each_on_its_own_connection_on_sqlite_too(demo_db):
    arrived = threading.Barrier(3, timeout=20)  # broken unless all three wait at the same time

    def read(s):
        connection = s.connection().connection.dbapi_connection
        arrived.wait()
        return id(connection), id(s), threading.current_thread().name, _count(Task)(s)

    found = gather(demo_db, read, read, read, heavy=True)
    assert len({c for c, *_ in found}) == 3 and len({s for _, s, *_ in found}) == 3
    assert found[0][2] == threading.current_thread().name  # the caller reads too
    assert all(name.startswith("db-gather-0") for _c, _s, name, _n in found[1:])
    with demo_db.session() as s:
        assert {n for *_, n in found} == {_count(Task)(s)}


def test_a_cancelled_heavy_gather_returns_only_once_every_read_has_stopped(demo_db):
    """A screen query superseded while its scans run: each scan is interrupted, and the gather
    raises only after the last of them has ended (no thread left reading for nobody)."""
    token = cancel.CancelToken()
    started = threading.Barrier(3, timeout=20)
    ended: list[str] = []

    def endless(s):
        started.wait()
        try:  # a recursive count that SQLite / PostgreSQL would run for hours
            return s.execute(
                text(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                    "SELECT count(*) FROM n"
                )
            ).scalar()
        finally:
            ended.append(threading.current_thread().name)

    def stop_soon():
        started.wait()
        time.sleep(0.2)  # the statements are running by now
        token.set()

    stopper = threading.Thread(target=stop_soon)
    stopper.start()
    with cancel.cancellable(token), pytest.raises(DBAPIError) as caught:
        gather(demo_db, endless, endless, heavy=True)
    stopper.join()
    assert cancel.is_interruption(caught.value)
    assert len(ended) == 2  # both scans had stopped when the gather raised
    assert demo_db.engine.pool.checkedout() == 0  # and given their connections back


def test_a_read_that_gathers_again_uses_the_second_level(demo_db):
    inner_names: list[str] = []

    def inner(s):
        inner_names.append(threading.current_thread().name)
        return _count(Meeting)(s)

    def outer(s):
        return sum(gather(demo_db, inner, inner))

    with demo_db.session() as s:
        meetings = _count(Meeting)(s)
    assert gather(demo_db, outer, outer, outer) == [2 * meetings] * 3
    if demo_db.is_server:
        assert any(name.startswith("db-gather-1") for name in inner_names)


def test_inside_a_read_the_database_session_is_that_read(demo_db):
    def read(s):
        with demo_db.session() as inner:
            return inner is s

    assert gather(demo_db, read, read) == [True, True]


def test_the_first_error_is_raised_after_every_started_read_ended(demo_db):
    ended = []

    def fails(_s):
        raise ValueError("hỏng")

    def slow(s):
        ended.append(_count(Task)(s))

    with pytest.raises(ValueError, match="hỏng"):
        gather(demo_db, fails, slow, slow)
    # On a server the others were running already and are waited for; in turn, they never start.
    assert len(ended) == (2 if demo_db.is_server else 0)


def test_a_cancelled_job_cancels_its_gathered_reads(demo_db):
    token = cancel.CancelToken()
    token.set()
    with cancel.cancellable(token), pytest.raises(DBAPIError) as caught:
        gather(demo_db, _count(Meeting), _count(Task), _count(Member))
    assert "interrupted" in str(caught.value)


def test_search_finds_the_same_hits_gathered_as_read_one_by_one(demo_db):
    with demo_db.session() as s:
        hits = search_service.search(s, "chinh tri")
        kinds = {h.area for h in hits}
        assert {"documents", "tasks"} <= kinds
        key = search_service.fold("chinh tri")
        one_by_one = [
            *search_service._document_hits(s, key, 50),
            *search_service._meeting_hits(s, key, 50),
            *search_service._task_hits(s, key, 50),
            *search_service._member_hits(s, key, 50),
            *search_service._cited_hits(s, key, "chinh tri", 50),
            *search_service._incoming_hits(s, "chinh tri", 50),
        ]
    assert hits == one_by_one


def test_a_document_read_side_by_side_is_the_document_loaded_whole(demo_db):
    from ketluan_desktop.core.documents import draft_saving
    from ketluan_desktop.core.documents.models import Document

    with demo_db.session() as s:
        ids = list(s.scalars(select(Document.id)))
    assert ids
    for doc_id in ids:
        with demo_db.session() as s:
            whole = draft_saving.load_draft(s, doc_id)
        with demo_db.session() as s:
            gathered = draft_saving.read_draft(s, doc_id)
        # Equal but for the keys each loading gives the editor's sections and paragraphs.
        assert _keyless(gathered) == _keyless(whole)


def test_a_task_record_gathered_has_its_units_citations_and_updates(demo_db, now):
    from ketluan_desktop.core.tasks import task_detail
    from ketluan_desktop.core.tasks.models import TaskUpdate

    with demo_db.session() as s:
        task_id = s.scalar(select(TaskUpdate.task_id).limit(1))
        n_updates = len(list(s.scalars(select(TaskUpdate.id).where(TaskUpdate.task_id == task_id))))
        task = s.get(Task, task_id)
        co_units = sorted(u.id for u in task.co_units)
        cited = sorted(c.id for c in task.cited)
        lead = task.lead_unit_id
    with demo_db.session() as s:
        d = task_detail.detail(s, task_id, today=now.date())
    assert d.id == task_id and d.lead_unit_id == lead
    assert sorted(i for i, _ in d.co_units) == co_units
    assert sorted(c.id for c in d.cited) == cited
    assert len(d.updates) == n_updates
    assert [u.update_date for u in d.updates] == sorted(
        (u.update_date for u in d.updates), reverse=True
    )
    if d.document_id is not None:
        assert d.document_label


@pytest.mark.parametrize("limit", [1, 5, 100])
def test_a_task_lists_first_page_read_without_counting_is_the_page_counted(demo_db, now, limit):
    from ketluan_desktop.core.tasks import listing as ts
    from ketluan_desktop.core.tasks import task_states, task_window

    today = now.date()
    for key in ts.SORT_KEYS:
        for descending in (False, True):
            for f in (
                ts.TaskFilter(),
                ts.TaskFilter(text="dan van"),
                ts.TaskFilter(state=task_states.OPEN),
            ):
                window = task_window.TaskWindow(f, ts.TaskSort(key, descending), today)
                with demo_db.session() as s:
                    window.load(s)
                    counted = window.ids(s, 0, min(limit, window.total))
                    assert task_window.first_ids(window, s, limit) == counted, (key, descending, f)


def test_a_session_that_has_written_reads_its_own_change(demo_db, now):
    """A command that changes a task and then prints it reads through the session that wrote:
    other sessions (side by side on a server, a new one on SQLite) would not see the change."""
    from ketluan_desktop.core.db import gathering
    from ketluan_desktop.core.tasks import task_detail

    with demo_db.write_session() as s:
        task = s.scalars(select(Task).order_by(Task.id)).first()
        tid = task.id
        wanted = "paused" if task.status != "paused" else "in_progress"
        task.status = wanted
        s.flush()
        assert gathering._has_written(s)
        assert task_detail.detail(s, tid, today=now.date()).status == wanted
        s.rollback()
        assert not gathering._has_written(s)
    with demo_db.session() as s:
        assert task_detail.detail(s, tid, today=now.date()).status != wanted

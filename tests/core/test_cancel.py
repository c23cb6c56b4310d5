"""A superseded screen query is stopped where it runs (issue 14): the token set from another
thread interrupts the SQLite statement of the job it belongs to, and only that job."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from ketluan_desktop.core.db import cancel

SLOW = text(
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000000) "
    "SELECT count(*) FROM n"
)


def _run(db, token, out: dict) -> None:
    start = time.perf_counter()
    try:
        with cancel.cancellable(token), db.session() as s:
            out["result"] = s.execute(SLOW).scalar()
    except OperationalError as exc:
        out["error"] = exc
    out["seconds"] = time.perf_counter() - start


def test_setting_the_token_interrupts_the_running_statement(db):
    token, out = cancel.CancelToken(), {}
    job = threading.Thread(target=_run, args=(db, token, out))
    job.start()
    time.sleep(0.2)
    token.set()
    job.join(30)
    assert not job.is_alive()
    assert "result" not in out and cancel.is_interruption(out["error"])
    assert out["seconds"] < 5  # the whole count takes far longer


def test_a_token_stops_only_its_own_job(db):
    other, mine = cancel.CancelToken(), cancel.CancelToken()
    out: dict = {}
    job = threading.Thread(target=_run, args=(db, mine, out))
    job.start()
    time.sleep(0.2)
    other.set()  # another screen's query was superseded
    time.sleep(0.2)
    assert job.is_alive()
    mine.set()
    job.join(30)
    assert "error" in out


def test_a_job_cancelled_before_its_statement_never_runs_it(db):
    token = cancel.CancelToken()
    token.set()
    start = time.perf_counter()
    with (
        pytest.raises(OperationalError, match="interrupted"),
        cancel.cancellable(token),
        db.session() as s,
    ):
        s.execute(SLOW).scalar()
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("db", ["pg"], indirect=True)
def test_a_cancel_sent_late_never_reaches_the_next_job_on_the_connection(db, monkeypatch):
    """A cancel request takes a round trip; the job may end and give its connection back to the
    pool meanwhile. It once arrived while the next job's statement ran on that connection and
    stopped it (the register's choices in a full test run: "canceling statement due to user
    request"). Now the connection goes back only once the request is delivered."""
    import psycopg

    real_cancel = psycopg.Connection.cancel_safe
    sending = threading.Event()

    def slow_cancel(self, *args, **kwargs):
        sending.set()
        time.sleep(0.4)  # the request still on its way while the job ends
        return real_cancel(self, *args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "cancel_safe", slow_cancel)
    token, ran, go = cancel.CancelToken(), threading.Event(), threading.Event()

    def job() -> None:
        with cancel.cancellable(token), db.session() as s:
            s.execute(text("SELECT 1")).scalar()
            ran.set()
            go.wait(10)  # its statement done: it ends while the cancel is being sent

    worker = threading.Thread(target=job)
    worker.start()
    assert ran.wait(10)
    token.set()
    assert sending.wait(10)
    go.set()
    worker.join(10)
    with db.session() as s:  # the next job, on the connection the cancelled one gave back
        assert s.execute(text("SELECT pg_sleep(0.8), 7")).one()[1] == 7

"""How many network round trips an action waits for, counted without a clock.

On a server 20 ms away what a screen costs is the number of round trips it waits for one after
the other, not the number of statements: reads gathered side by side (core/db/gathering.py) share
one. ``RoundTrips`` counts both. Each thread carries a logical clock that every round trip moves
on by one: a statement, the ``BEGIN`` psycopg sends before the first statement of a transaction,
and a ``COMMIT`` or ``ROLLBACK`` of a transaction the server has open. A gathered read starts
at its caller's count, and the caller goes on from the highest count of the reads it waited for
— so an action's count is the length of its longest chain of round trips, however the threads
happened to be scheduled. (SQLite has no network: there only ``statements`` means something.)

    with RoundTrips(db) as counted, jobs_as_in_the_app(db):
        with counted.action() as seen:
            workspace.refresh()
        assert seen.round_trips <= 2
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import event

# SQLite's transactions are begun by a statement of the app's (core/db/database.py): not a read.
_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK"}


@dataclass
class Seen:
    round_trips: int = 0
    statements: int = 0
    said: list[str] = field(default_factory=list)


@contextlib.contextmanager
def jobs_as_in_the_app(db) -> Iterator[None]:
    """Background jobs run inline (tests, benchmarks) as they do on the runner's thread in the
    app: without the session a workspace's ``refresh`` shares on the UI thread
    (``Database.reading``), so a job's ``db.session()`` is a transaction of its own, with the
    ``BEGIN`` and ``COMMIT`` that costs on a server."""
    from ketluan_desktop.ui import workers

    execute = workers._Job.execute

    def on_its_own_thread(job):
        with db.sharing(None):
            return execute(job)

    workers._Job.execute = on_its_own_thread
    try:
        yield
    finally:
        workers._Job.execute = execute


class _ClockedPool:
    """A gathering pool whose reads start at the caller's count and hand theirs back."""

    def __init__(self, pool, counter: RoundTrips) -> None:
        self._pool = pool
        self._counter = counter

    def submit(self, fn, *args):
        start = self._counter.now()

        def run():
            self._counter.set(start)
            try:
                return True, fn(*args), self._counter.now()
            except BaseException as exc:  # handed to the caller, as the pool would
                return False, exc, self._counter.now()

        return _Joined(self._pool.submit(run), self._counter)


class _Joined:
    def __init__(self, future, counter: RoundTrips) -> None:
        self._future = future
        self._counter = counter

    def result(self):
        ok, value, end = self._future.result()
        self._counter.set(max(self._counter.now(), end))
        if not ok:
            raise value
        return value


class RoundTrips:
    def __init__(self, db) -> None:
        self.db = db
        self._real_pool = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._seen: Seen | None = None

    # -- the clock ----------------------------------------------------------------------------
    def now(self) -> int:
        return getattr(self._local, "t", 0)

    def set(self, value: int) -> None:
        self._local.t = value

    def _tick(self) -> None:
        self._local.t = self.now() + 1

    # -- listening ----------------------------------------------------------------------------
    def __enter__(self) -> RoundTrips:
        from ketluan_desktop.core.db import gathering

        real = self._real_pool = gathering._pool
        gathering._pool = lambda level: _ClockedPool(real(level), self)
        engine = self.db.engine
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._ending)
        event.listen(engine, "rollback", self._ending)
        event.listen(engine.pool, "reset", self._reset)
        return self

    def __exit__(self, *_exc) -> None:
        from ketluan_desktop.core.db import gathering

        gathering._pool = self._real_pool
        engine = self.db.engine
        event.remove(engine, "before_cursor_execute", self._statement)
        event.remove(engine, "commit", self._ending)
        event.remove(engine, "rollback", self._ending)
        event.remove(engine.pool, "reset", self._reset)

    @contextlib.contextmanager
    def action(self) -> Iterator[Seen]:
        """Count what runs inside (on this thread and the reads it gathers)."""
        seen = Seen()
        self._seen = seen
        self.set(0)
        try:
            yield seen
        finally:
            seen.round_trips = self.now()
            self._seen = None

    def _statement(self, conn, _cursor, statement, *_args) -> None:
        if self._opens_transaction(conn.connection.dbapi_connection):
            self._tick()  # psycopg's BEGIN
        self._tick()
        seen = self._seen
        if seen is not None and statement.split()[0].upper() not in _TRANSACTION_CONTROL:
            with self._lock:
                seen.statements += 1
                seen.said.append(f"{self.now():>3} {' '.join(statement.split())[:110]}")

    def _ending(self, conn) -> None:
        if self._in_transaction(conn.connection.dbapi_connection):
            self._tick()

    def _reset(self, dbapi_connection, _record, _reset_state) -> None:
        if self._in_transaction(dbapi_connection):
            self._tick()  # the pool rolls back what was left open

    @staticmethod
    def _in_transaction(dbapi_connection) -> bool:
        info = getattr(dbapi_connection, "info", None)
        status = getattr(info, "transaction_status", None)
        return status is not None and int(status) != 0  # psycopg: 0 is IDLE

    @staticmethod
    def _opens_transaction(dbapi_connection) -> bool:
        info = getattr(dbapi_connection, "info", None)
        status = getattr(info, "transaction_status", None)
        return status is not None and int(status) == 0 and not dbapi_connection.autocommit

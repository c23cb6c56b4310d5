"""Stopping a query that nobody waits for any more (a newer keystroke replaced it).

A job that may be cancelled runs inside ``cancellable(token)``; each connection the job checks out
of the pool while it runs is attached to its token (``install`` adds the pool listeners).
``token.set()`` — from the UI thread — stops the statement running on those connections: SQLite's
``interrupt()``, which it allows from any thread ("interrupted"); on a PostgreSQL server a cancel
request, sent from a short-lived thread of its own so the UI thread never waits on the network
(the statement ends with "canceling statement due to user request"). No callback runs during a
query (a progress handler would take Python's lock every few thousand steps, slowing every query
while the window paints).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from sqlalchemy import Engine, event

_local = threading.local()


class CancelToken:
    """Set once, from any thread: interrupts the job's connections and says the job is stale."""

    def __init__(self) -> None:
        self._set = False
        self._connections: set = set()
        self._lock = threading.Lock()

    def is_set(self) -> bool:
        return self._set

    def set(self) -> None:
        if self._set:  # once is enough; a cancel request may hold the lock (never the UI thread)
            return
        with self._lock:
            self._set = True
            connections = list(self._connections)
        for con in connections:
            self._stop(con)

    def attach(self, con) -> None:
        with self._lock:
            self._connections.add(con)
            stopped = self._set
        if stopped:
            self._stop(con)

    def _stop(self, con) -> None:
        if hasattr(con, "interrupt"):  # sqlite3: immediate, from any thread
            with contextlib.suppress(Exception):  # closed meanwhile
                con.interrupt()
            return

        def send() -> None:  # psycopg: a round trip to the server
            # Under the lock until the server has the request: the job's connection goes back
            # to the pool only after it (``detach`` waits), so the cancel cannot reach the next
            # job's statement on it; one that lands on the idle connection is ignored by the
            # server. (Sent after the lock was let go, it once cancelled another screen's read.)
            with self._lock:
                if con not in self._connections:
                    return  # the job gave the connection back meanwhile: it may serve another
                with contextlib.suppress(Exception):
                    con.cancel_safe(timeout=5)

        threading.Thread(target=send, name="cancel-query", daemon=True).start()

    def detach(self, con) -> None:
        with self._lock:
            self._connections.discard(con)


@contextlib.contextmanager
def cancellable(token: CancelToken | None) -> Iterator[None]:
    previous = getattr(_local, "token", None)
    _local.token = token
    try:
        yield
    finally:
        _local.token = previous


def current_token() -> CancelToken | None:
    """The token of the job running on this thread (a worker it starts runs under it too)."""
    return getattr(_local, "token", None)


def cancelled() -> bool:
    token = getattr(_local, "token", None)
    return token is not None and token.is_set()


def _checkout(dbapi_connection, record, _proxy) -> None:
    token = getattr(_local, "token", None)
    if token is not None and (
        hasattr(dbapi_connection, "interrupt") or hasattr(dbapi_connection, "cancel_safe")
    ):
        record.info["cancel_token"] = token
        token.attach(dbapi_connection)


def _checkin(dbapi_connection, record) -> None:
    token = record.info.pop("cancel_token", None)
    if token is not None:
        token.detach(dbapi_connection)


def _before_execute(conn, _cursor, _statement, _parameters, _context, _many) -> None:
    # A statement of a job already cancelled never starts (interrupt() only stops one running);
    # the driver's own error, so SQLAlchemy reports it as it reports an interrupted statement.
    if cancelled():
        raise conn.dialect.loaded_dbapi.OperationalError("interrupted")


def install(engine: Engine) -> None:
    """Let the jobs' tokens stop the statements on the connections they use (SQLite, psycopg)."""
    event.listen(engine, "checkout", _checkout)
    event.listen(engine, "checkin", _checkin)
    event.listen(engine, "before_cursor_execute", _before_execute)


def is_interruption(exc: BaseException) -> bool:
    """An error raised because the running job was cancelled (then nobody wants its result)."""
    orig = getattr(exc, "orig", exc)
    # 57014 query_canceled: PostgreSQL stopped the statement at our request
    return cancelled() or "interrupted" in str(orig) or getattr(orig, "sqlstate", None) == "57014"

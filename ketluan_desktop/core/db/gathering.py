"""Several independent reads of one screen, side by side on a database server.

A screen's refresh asks for a handful of things that do not depend on each other (a count, the
filters' choices, the first page). On a server 20 ms away each is at least one round trip, one
after the other: six reads are 120 ms of waiting. ``gather`` sends them at once, each in a short
read-only session of its own (autocommit: no BEGIN/COMMIT round trips) on its own pooled
connection, so the screen waits about as long as its slowest read.

On SQLite (in-process, no network) the reads simply run in turn, in the caller's session: a
thread's hand-off costs more than a quick read saves. Reads asked for as ``heavy`` (grouped scans
of tens of milliseconds each, the overview's) run side by side there too, each in a session and
connection of its own: the sqlite3 module lets go of Python's lock while SQLite works, so the
scans use both cores.

A read that gathers itself (a task's record gathering its parts inside a screen's gather) uses a
second pool, so an outer read never waits for a thread its own siblings hold; deeper levels run in
turn. Inside a read, ``db.session()`` is that read's session (code that opens its own sessions can
be gathered too). A cancelled job (``core.db.cancel``) cancels its gathered reads too: each worker runs under
the caller's token.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from ketluan_desktop.core.db import cancel

if TYPE_CHECKING:
    from ketluan_desktop.core.db.database import Database

# Threads per level; the server engine's pool (server_engine.POOL_SIZE) has a connection for each.
WORKERS = 6
LEVELS = 2

_local = threading.local()
_lock = threading.Lock()
_pools: list[ThreadPoolExecutor] = []


def _pool(level: int) -> ThreadPoolExecutor:
    with _lock:
        while len(_pools) <= level:
            _pools.append(
                ThreadPoolExecutor(WORKERS, thread_name_prefix=f"db-gather-{len(_pools)}")
            )
        return _pools[level]


def gather(db: Database, *reads: Callable[[Session], Any], heavy: bool = False) -> list[Any]:
    """Each read's result, in order. Side by side on a server (and on SQLite when ``heavy``), in
    turn otherwise (or when the nesting is too deep). An error stops the reads in turn; side by
    side, the first read's error is raised once every read has ended (no connection is left
    working for nobody, no thread reading for a job already given up)."""
    depth = getattr(_local, "depth", 0)
    if not (db.is_server or heavy) or len(reads) < 2 or depth >= LEVELS:
        with db.session() as s, db.sharing(s):
            return [read(s) for read in reads]
    token = cancel.current_token()
    pool = _pool(depth)
    futures: list[Future] = [
        pool.submit(_run_one, db, read, token, depth + 1) for read in reads[1:]
    ]
    first: BaseException | None = None
    results: list[Any] = []
    try:
        results.append(_run_one(db, reads[0], token, depth + 1))  # the caller works too
    except BaseException as exc:  # waits for the others before raising
        first = exc
        results.append(None)
    for future in futures:
        try:
            results.append(future.result())
        except BaseException as exc:
            first = first or exc
            results.append(None)
    if first is not None:
        raise first
    return results


def _run_one(
    db: Database, read: Callable[[Session], Any], token: cancel.CancelToken | None, depth: int
) -> Any:
    previous = getattr(_local, "depth", 0)
    _local.depth = depth
    try:
        with cancel.cancellable(token), db.read_session() as s, db.sharing(s):
            return read(s)
    finally:
        _local.depth = previous


def gather_in(session: Session, *reads: Callable[[Session], Any]) -> list[Any]:
    """``gather`` on the database of ``session`` (a service called with a session). The reads run
    in turn in ``session`` itself when other sessions would not see what it sees: on SQLite, on a
    session of no ``Database`` (a test's, a migration's), and on one that has written in its
    transaction (a command that changes a task then prints it must print the change)."""
    db = session.info.get("database")
    if db is None or not db.is_server or _has_written(session):
        return [read(session) for read in reads]
    return gather(db, *reads)


def _has_written(session: Session) -> bool:
    return bool(session.info.get(_WROTE) or session.new or session.dirty or session.deleted)


_WROTE = "gathering.wrote"


@event.listens_for(Session, "after_flush")
def _mark_written(session: Session, _context) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _transaction_ended(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost one: committed or rolled back
        session.info.pop(_WROTE, None)

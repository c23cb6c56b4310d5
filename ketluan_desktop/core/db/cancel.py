"""Stopping a query that nobody waits for any more (a newer keystroke replaced it).

A job that may be cancelled runs inside ``cancellable(flag)``; every SQLite connection gets a
progress handler (``install``) that makes SQLite stop with "interrupted" as soon as the flag of
the job running on that thread is set. Queries of jobs without a flag are never stopped.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

_local = threading.local()
STEPS = 20_000  # SQLite virtual-machine steps between two looks at the flag (well under 1 ms)


@contextlib.contextmanager
def cancellable(flag: threading.Event) -> Iterator[None]:
    previous = getattr(_local, "flag", None)
    _local.flag = flag
    try:
        yield
    finally:
        _local.flag = previous


def cancelled() -> bool:
    flag = getattr(_local, "flag", None)
    return flag is not None and flag.is_set()


def _progress() -> int:
    return 1 if cancelled() else 0


def install(dbapi_connection, _record=None) -> None:
    """A SQLAlchemy ``connect`` listener (or a plain call) for a ``sqlite3`` connection."""
    dbapi_connection.set_progress_handler(_progress, STEPS)


def is_interruption(exc: BaseException) -> bool:
    """An error raised because the running job was cancelled (then nobody wants its result)."""
    return cancelled() or "interrupted" in str(getattr(exc, "orig", exc))

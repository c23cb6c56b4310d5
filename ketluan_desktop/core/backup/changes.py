"""Knowing that the database changed, to make the day's first copy after its first change.

Every write the app makes — through any session, in any thread — is a statement on one of the
engine's connections followed by a commit; listening there sees them all without each screen
having to remember to say so. ``on_write`` is called (on the committing thread) once a commit
that wrote something is over: when its connection goes back to the pool, so a copy started then
sees the change (the engine's ``commit`` event comes before the commit itself).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, event

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")
_FLAG = "ketluan_wrote"
_DONE = "ketluan_committed_write"


class WriteWatcher:
    def __init__(self, engine: Engine, on_write: Callable[[], None]) -> None:
        self.engine = engine
        self.on_write = on_write
        event.listen(engine, "after_cursor_execute", self._after_execute)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "rollback", self._rollback)
        event.listen(engine, "checkin", self._checkin)

    def _after_execute(self, conn, _cursor, statement, _params, _context, _many) -> None:
        if statement.lstrip()[:6].upper() in _WRITES:
            conn.info[_FLAG] = True

    def _commit(self, conn) -> None:
        if conn.info.pop(_FLAG, False):
            conn.info[_DONE] = True

    def _rollback(self, conn) -> None:
        conn.info.pop(_FLAG, None)

    def _checkin(self, _dbapi_con, record) -> None:
        if record is not None and record.info.pop(_DONE, False):
            self.on_write()

    def close(self) -> None:
        for name, fn in (
            ("after_cursor_execute", self._after_execute),
            ("commit", self._commit),
            ("rollback", self._rollback),
            ("checkin", self._checkin),
        ):
            if event.contains(self.engine, name, fn):
                event.remove(self.engine, name, fn)

"""Hearing what other workstations changed (the other half of ``core.db.changes``).

``ChangeListener.poll(timeout)`` blocks up to ``timeout`` seconds and returns the changes committed
meanwhile by other processes: on PostgreSQL from ``LISTEN ketluan_changes`` on a connection of its
own; on SQLite by reading ``PRAGMA data_version`` (a counter that moves when another connection
commits) and then the new ``change_log`` rows. It raises ``ListenerLost`` when the server or file
cannot be reached; the caller reconnects with ``open()`` and should then refresh everything, since
announcements sent while it was away are lost. One thread uses one listener.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, Any

from ketluan_desktop.core.db.changes import CHANNEL, Change
from ketluan_desktop.core.db.location import DbLocation

if TYPE_CHECKING:
    from psycopg import Notify

SQLITE_POLL_S = 0.5


class ListenerLost(Exception):
    """The connection the listener uses is gone (server restarted, network down)."""


class ChangeListener:
    def __init__(self, location: DbLocation, *, own_origin: str | None = None) -> None:
        self.location = location
        self.own_origin = own_origin
        self._con: Any = None
        self._version: int | None = None
        self._last_id = 0

    # ------------------------------------------------------------------------------ lifecycle
    def open(self) -> None:
        self.close()
        try:
            if self.location.is_sqlite:
                self._open_sqlite()
            else:
                self._open_server()
        except Exception as exc:
            self.close()
            raise ListenerLost(str(exc)) from exc

    def close(self) -> None:
        if self._con is not None:
            with contextlib.suppress(Exception):
                self._con.close()
        self._con = None

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def poll(self, timeout: float) -> list[Change]:
        if self._con is None:
            raise ListenerLost("not connected")
        try:
            if self.location.is_sqlite:
                changes = self._poll_sqlite(timeout)
            else:
                changes = self._poll_server(timeout)
        except ListenerLost:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise ListenerLost(str(exc)) from exc
        return [c for c in changes if c.origin is None or c.origin != self.own_origin]

    # ------------------------------------------------------------------------------ PostgreSQL
    def _open_server(self) -> None:
        import psycopg

        from ketluan_desktop.core.db.server_engine import PG_CONNECT_ARGS

        url = self.location.url
        params: dict[str, Any] = url.translate_connect_args(username="user", database="dbname")
        params.update({k: v for k, v in url.query.items() if isinstance(v, str)})
        params = {**PG_CONNECT_ARGS, **params, "application_name": "KetLuan Desktop (theo dõi)"}
        self._con = psycopg.connect(**params, autocommit=True)
        self._con.execute(f"LISTEN {CHANNEL}")

    def _poll_server(self, timeout: float) -> list[Change]:
        out: list[Notify] = []
        for n in self._con.notifies(timeout=timeout, stop_after=1):
            out.append(n)
        if out:  # a burst: take what else has arrived, without waiting
            out.extend(self._con.notifies(timeout=0.05))
        changes = [Change.from_payload(n.payload) for n in out if n.channel == CHANNEL]
        if self._con.closed or self._con.broken:
            raise ListenerLost("connection closed")
        return [c for c in changes if c is not None]

    # ------------------------------------------------------------------------------ SQLite
    def _open_sqlite(self) -> None:
        import sqlite3

        path = self.location.path
        assert path is not None
        if not path.exists():
            raise FileNotFoundError(path)
        self._con = sqlite3.connect(path, timeout=5, check_same_thread=False)
        self._version = self._data_version()
        row = self._con.execute("SELECT max(id) FROM change_log").fetchone()
        self._last_id = row[0] or 0

    def _data_version(self) -> int:
        return self._con.execute("PRAGMA data_version").fetchone()[0]

    def _poll_sqlite(self, timeout: float) -> list[Change]:
        import json

        deadline = time.monotonic() + timeout
        while True:
            version = self._data_version()
            if version != self._version:
                self._version = version
                break
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            time.sleep(min(SQLITE_POLL_S, left))
        rows = self._con.execute(
            "SELECT id, area, ids, origin FROM change_log WHERE id > ? ORDER BY id",
            (self._last_id,),
        ).fetchall()
        self._con.commit()  # end the read transaction, so the next PRAGMA sees new commits
        out = []
        for ident, area, ids, origin in rows:
            self._last_id = max(self._last_id, ident)
            parsed = json.loads(ids) if ids else None
            out.append(Change(area, tuple(parsed) if parsed else None, origin))
        return out

"""The journal mode belongs to the database, not to whichever process opened it last.

It is recorded where SQLite itself keeps it, in the file's header (the read/write version bytes 18
and 19: 2 = WAL, 1 = rollback journal), so every SQLite program honours the same record. It is
chosen once, when the database is created: WAL on a local disk, the rollback journal ("delete") on a
network drive, where WAL's shared memory cannot work across machines. Opening never sets it (the old
code set it on every connect, and a local process switched a shared file to WAL while another
machine was using it, locking that machine out for good).

The only change ever made is the safe direction: a database found in WAL mode on a network drive is
switched to the rollback journal, and only when no other process has it open; SQLite refuses to
leave WAL while another connection exists, and that refusal is reported as what it is.
"""

from __future__ import annotations

import logging
import sqlite3
import time

from sqlalchemy import Engine

from ketluan_desktop.core.db.errors import (
    SQLITE_BUSY,
    SQLITE_LOCKED,
    DatabaseLockedError,
    sqlite_code,
)

log = logging.getLogger(__name__)

WAL, DELETE = "wal", "delete"
SWITCH_ATTEMPTS_S = 2.0  # a writer in the middle of a commit is not "another user"


def wal_in_use_message(display: str) -> str:
    return (
        f"Tệp cơ sở dữ liệu {display} nằm trên ổ mạng và đang được một chương trình khác mở ở chế "
        "độ WAL (chế độ chỉ an toàn khi mọi chương trình dùng tệp chạy trên cùng một máy, thường "
        "là máy giữ tệp). Máy này không được mở chung tệp đó lúc này vì có thể làm hỏng dữ liệu. "
        "Hãy đóng KếtLuận và các lệnh ketluan trên máy kia, rồi mở lại ở đây: tệp sẽ được chuyển "
        "sang chế độ dùng qua mạng. Để nhiều máy cùng làm việc, hãy dùng máy chủ PostgreSQL."
    )


def settle(engine: Engine, *, new: bool, network: bool, display: str, busy_timeout_ms: int) -> str:
    """Choose the mode of a new database, or honour an existing one's; return the mode in force."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        current = raw.execute("PRAGMA journal_mode").fetchone()[0]
        if new:
            wanted = DELETE if network else WAL
            mode = raw.execute(f"PRAGMA journal_mode = {wanted}").fetchone()[0]
            _synchronous(raw, mode)
            return mode
        if network and current == WAL:
            mode = _leave_wal(raw, display, busy_timeout_ms)
            _synchronous(raw, mode)
            return mode
        return current


def _leave_wal(raw, display: str, busy_timeout_ms: int) -> str:
    raw.execute("PRAGMA busy_timeout = 0")
    deadline = time.monotonic() + SWITCH_ATTEMPTS_S
    try:
        while True:
            try:
                mode = raw.execute(f"PRAGMA journal_mode = {DELETE}").fetchone()[0]
            except sqlite3.OperationalError as exc:  # BUSY: another connection has it open
                if (sqlite_code(exc) or 0) & 0xFF not in (SQLITE_BUSY, SQLITE_LOCKED):
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseLockedError(wal_in_use_message(display), detail=str(exc)) from exc
                time.sleep(0.1)
                continue
            log.warning("database on a network drive was in WAL mode: switched to rollback journal")
            return mode
    finally:
        raw.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")


def _synchronous(raw, mode: str) -> None:
    raw.execute("PRAGMA synchronous = NORMAL" if mode == WAL else "PRAGMA synchronous = FULL")

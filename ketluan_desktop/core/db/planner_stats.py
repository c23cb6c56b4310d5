"""The query planner's statistics in a SQLite file (``sqlite_stat1``), kept present and current.

SQLite chooses between indexes from these statistics, and only ``ANALYZE`` writes them. Without
them the big office's first screen took 4.4 s warm and 8.8 s with the file cold instead of 0.1 and
0.2 s: the planner, guessing, sought the million procedures by (kind, status) rather than by the
period. A file that grew through the app, or came from a version before this one, had none.

So: when the database is opened, a file whose large tables have indexes without statistics (a
file never analysed, an index a migration has just added) is analysed at once; and every
connection runs ``PRAGMA optimize`` as it closes, which analyses the tables it used that were never
analysed or have grown many times over since. Both sample at most ``ANALYSIS_LIMIT`` rows per index
(milliseconds, even on the big office), so neither is ever a wait. A server keeps its own
statistics (PostgreSQL's autovacuum analyses tables as they change).
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

log = logging.getLogger(__name__)

# Rows sampled per index: enough for the planner's choices here (the first screen's plans match a
# full ANALYZE's but one, equally cheap), bounded whatever the file's size.
ANALYSIS_LIMIT = 1000
ANALYSE_WAIT_MS = 200  # the longest the opening waits for the write lock the analysis needs
# The tables whose plans matter at office scale (a wrong guess there costs seconds).
LARGE_TABLES = ("procedure", "member", "task", "task_update", "document", "audit_entry")


def missing(con: Any) -> list[str]:
    """The indexes of the large tables (those with rows) that have no statistics."""
    cur = con.cursor()
    try:
        have_stats = cur.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
        ).fetchone()
        known = {r[0] for r in cur.execute("SELECT idx FROM sqlite_stat1")} if have_stats else set()
        out: list[str] = []
        for table in LARGE_TABLES:
            indexes = [
                r[0]
                for r in cur.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
                )
            ]
            if not indexes or set(indexes) <= known:
                continue
            if cur.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
                out += sorted(set(indexes) - known)
        return out
    finally:
        cur.close()


def ensure(con: Any) -> bool:
    """Analyse the file when a large table's index has no statistics; True when it did. ``con``:
    a DB-API connection to the file in autocommit (the engine's, from ``raw_connection``). A file
    this process may not write (read-only, locked beyond the busy timeout, damaged) is left as it
    is. It reads the schema and the first page of each large table, never the whole file."""
    try:
        gaps = missing(con)
        if not gaps:
            return False
        cur = con.cursor()
        (waits,) = cur.execute("PRAGMA busy_timeout").fetchone()
        try:
            # Never a wait at opening: a file another connection is writing, or a rollback
            # journal's reader holds, is analysed at a later open or as a connection closes.
            cur.execute(f"PRAGMA busy_timeout = {ANALYSE_WAIT_MS}")
            cur.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            cur.execute("ANALYZE")
        finally:
            cur.execute(f"PRAGMA busy_timeout = {int(waits)}")
            cur.close()
        log.info("planner statistics written (%d indexes had none)", len(gaps))
        return True
    except sqlite3.Error as exc:
        # A file this process may not write, or a damaged one (the integrity check, not this,
        # reports damage): the statistics wait for a later open; the data is not at stake.
        log.info("planner statistics not written: %s", exc)
        return False


def optimize_on_close(dbapi_con: Any, _record: Any = None) -> None:
    """The pool's ``close`` event: SQLite's ``PRAGMA optimize`` over what this connection used
    (a few milliseconds; nothing when the statistics are current). Never in the way of closing."""
    try:
        dbapi_con.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        dbapi_con.execute("PRAGMA optimize")
    except sqlite3.Error:
        log.debug("PRAGMA optimize skipped", exc_info=True)

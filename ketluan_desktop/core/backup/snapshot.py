"""Consistent snapshots of a live database, and the checks that prove a snapshot is whole.

SQLite: the backup API, in one step, reads a single consistent state (what the WAL holds too) while
other processes keep working; it never opens the file outside SQLite (core/db/file_guard.py). The
snapshot's header is set to the rollback journal, so restoring it never switches a database's
journal mode (core/db/journal.py). PostgreSQL: ``pg_dump -Fc`` on a snapshot exported from a
REPEATABLE READ transaction, in which the row counts are taken too, so counts and dump agree.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from ketluan_desktop.core.backup import pgtools
from ketluan_desktop.core.backup.crypto import DamagedBackupError

SHOWN_TABLES = ("document", "task", "member", "meeting")  # what restore shows the clerk


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_snapshot(path: Path, out: Path) -> None:
    """Copy the live database ``path`` into the new file ``out`` in one consistent step."""
    src = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(out)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def check_sqlite(path: Path) -> tuple[str | None, dict[str, int]]:
    """Full ``integrity_check`` of a snapshot file; returns (schema revision, rows per table)."""
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _damaged(path, str(exc)) from exc
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise _damaged(path, "; ".join(str(r) for r in rows[:3]))
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {t: con.execute(f"SELECT count(*) FROM {_quote(t)}").fetchone()[0] for t in tables}
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return revision, counts
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from exc
    finally:
        con.close()


def _damaged(path: Path, detail: str) -> DamagedBackupError:
    return DamagedBackupError(
        f"Bản chụp cơ sở dữ liệu {path.name} không nguyên vẹn ({detail}). Bản sao này không được "
        "giữ lại.",
        detail=detail,
    )


def pg_snapshot(engine, url, out: Path) -> tuple[str | None, dict[str, int]]:
    """``pg_dump -Fc`` of the state whose row counts are returned (one exported snapshot)."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            tables = inspect(conn).get_table_names()
            counts = {
                t: conn.execute(text(f"SELECT count(*) FROM {_quote(t)}")).scalar_one()
                for t in tables
            }
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            pgtools.run(
                "pg_dump", url, "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(out)
            )
    return revision, counts


_COPY = re.compile(r'^COPY (?:"?[\w]+"?\.)?"?([\w]+)"? \(.*\) FROM stdin;$')


def check_pg_dump(path: Path) -> tuple[str | None, dict[str, int]]:
    """Read the whole archive back (``pg_restore`` to SQL text) and count each table's rows."""
    counts: dict[str, int] = {}
    revision: str | None = None
    table: str | None = None
    for line in pgtools.lines("pg_restore", "--data-only", "-f", "-", str(path)):
        if table is None:
            m = _COPY.match(line)
            if m:
                name: str = m.group(1)  # the group always matches when the pattern does
                counts[name] = 0
                table = name
            continue
        if line == "\\.":
            table = None
            continue
        counts[table] += 1
        if table == "alembic_version":
            revision = line.strip()
    return revision, counts

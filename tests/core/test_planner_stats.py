"""The query planner's statistics (``core/db/planner_stats.py``): a file without them is analysed
when it is opened, and a connection analyses what it used as it closes. Without them the big
office's first screen took seconds (the planner sought the procedures by kind and status rather
than by the period); the plan is what the tests check, since a small file reads fast either way."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date

import pytest

from ketluan_desktop.core.db import open_database, planner_stats
from ketluan_desktop.core.overview import first_screen_sql as plain

pytestmark = pytest.mark.sqlite_only


def _plan(path, name: str) -> str:
    sql, params = plain.bound(name, plain.inputs(date(2026, 12, 3)))
    con = sqlite3.connect(path)
    try:
        return " | ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, params))
    finally:
        con.close()


def _stats(path) -> set[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return set()
        return {(t, i) for t, i in con.execute("SELECT tbl, idx FROM sqlite_stat1")}
    finally:
        con.close()


def test_a_file_without_statistics_is_analysed_when_it_is_opened(tmp_path, _demo_template):
    path = tmp_path / "Văn phòng không thống kê.db"
    shutil.copyfile(_demo_template, path)
    con = sqlite3.connect(path)
    con.execute("DROP TABLE IF EXISTS sqlite_stat1")
    con.commit()
    con.close()
    # Guessing, the planner seeks the procedures by kind and status and sorts them for the
    # grouping: on a million procedures, 4–8 s for the overview's first screen.
    assert "counted_on" not in _plan(path, "procedures")
    db = open_database(path)
    db.dispose()
    assert {"procedure", "member", "task"} <= {t for t, _i in _stats(path)}
    con = sqlite3.connect(path, isolation_level=None)
    try:
        assert planner_stats.missing(con) == []
        assert not planner_stats.ensure(con)  # current: nothing more to do at the next open
    finally:
        con.close()
    assert "COVERING INDEX ix_procedure_counted_on" in _plan(path, "procedures")


def test_a_connection_analyses_the_tables_it_used_as_it_closes(tmp_path):
    """A new office filled in one sitting (an import, the demo) gets its statistics when the
    database closes, not only at the next open."""
    from sqlalchemy import text

    db = open_database(tmp_path / "mới.db", create=True)  # empty: nothing to analyse yet
    try:
        assert not {t for t, _i in _stats(db.location.path)} & {"task", "document"}
        now = "2026-11-29 02:30:00.000000"
        with db.write_session() as s:
            s.execute(
                text(
                    "INSERT INTO document (id, type_code, status, number, number_symbol, "
                    "doc_date, subject, search_folded, version, created_at, updated_at) VALUES "
                    "(1, 'KL', 'issued', 1, '1-KL/ĐUK', '2025-01-10', 'Hội nghị', '1-kl/duk', 1, "
                    ":now, :now)"
                ),
                {"now": now},
            )
            for t in range(1, 301):
                s.execute(
                    text(
                        "INSERT INTO task (id, document_id, position, text, text_folded, "
                        "deadline, priority, status, version, created_at, updated_at) VALUES "
                        "(:t, 1, :t, :x, :x, '2026-06-30', 2, 'in_progress', 1, :now, :now)"
                    ),
                    {"t": t, "x": f"Nhiệm vụ số {t}", "now": now},
                )
        with db.session() as s:  # the tables used: what PRAGMA optimize looks at
            s.execute(text("SELECT count(*) FROM task WHERE status = 'in_progress'")).scalar()
    finally:
        db.dispose()
    assert "task" in {t for t, _i in _stats(db.location.path)}


def test_a_file_another_connection_is_writing_opens_without_waiting_for_the_analysis(
    tmp_path, _demo_template
):
    """The analysis needs the write lock for a moment: held elsewhere, the open goes on at once
    (the statistics come at a later open) and the connection keeps its own busy timeout."""
    import time

    path = tmp_path / "đang ghi.db"
    shutil.copyfile(_demo_template, path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("DROP TABLE IF EXISTS sqlite_stat1")
    other.execute("BEGIN IMMEDIATE")  # another workstation in the middle of a write
    try:
        con = sqlite3.connect(path, isolation_level=None)
        con.execute("PRAGMA busy_timeout = 5000")
        started = time.monotonic()
        assert not planner_stats.ensure(con)
        assert time.monotonic() - started < 2  # not the 5 s busy timeout
        assert con.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        con.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        assert planner_stats.ensure(con)  # the lock gone: analysed
    finally:
        con.close()

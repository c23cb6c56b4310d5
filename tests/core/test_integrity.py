"""The full-file check runs where it finds something (issue 14): not on open, but after an unclean
shutdown, weekly, before a backup and before a migration — and it finds an injected fault."""

from __future__ import annotations

import hashlib
import logging
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sessions import crashed_session

from ketluan_desktop.core import session_marker
from ketluan_desktop.core.db import integrity, migrate, open_database, preflight
from ketluan_desktop.core.errors import DatabaseError
from ketluan_desktop.core.members.models import Member


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damaged(path: Path) -> Path:
    """3,000 members, then b-tree pages deep in the file scribbled over (the header intact)."""
    db = open_database(path, create=True)
    with db.session() as s:
        s.add_all(Member(full_name=f"Đảng viên số {i}") for i in range(3000))
    db.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    data = bytearray(path.read_bytes())
    for off in range(4096 * 6, min(len(data), 4096 * 14)):
        data[off] = 0xA5
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def full_checks(monkeypatch) -> list[Path]:
    """Every full-file check run in this test, by the file it read."""
    calls: list[Path] = []
    real = preflight.full_check

    def counted(path, **kw):
        calls.append(Path(path))
        return real(path, **kw)

    monkeypatch.setattr(preflight, "full_check", counted)
    return calls


def test_opening_runs_no_full_check(tmp_path, full_checks):
    path = tmp_path / "ketluan.db"
    open_database(path, create=True).dispose()
    db = open_database(path)  # an existing file, at the newest schema
    db.dispose()
    assert full_checks == []


def test_after_an_unclean_shutdown_the_check_runs_and_finds_an_injected_fault(
    tmp_path, now, full_checks, caplog
):
    caplog.set_level(logging.INFO, logger="ketluan_desktop")
    data_dir = tmp_path / "dữ liệu"
    path = _damaged(tmp_path / "ketluan.db")
    before = _digest(path)
    crashed_session(data_dir)  # a session that never closed: a crash, a power cut
    # The user still gets at their data: opening reads the header and schema only.
    open_database(path, migrate_schema=False).dispose()
    assert full_checks == []

    clean = session_marker.last_exit_was_clean(data_dir)
    reason = integrity.due_reason(data_dir, path, now=now, clean_exit=clean)
    assert (clean, reason) == (False, integrity.UNCLEAN)
    err = integrity.run(data_dir, path, now=now, reason=reason)
    assert full_checks == [path]
    assert "full integrity check of ketluan.db" in caplog.text  # what the start-up test looks for
    assert isinstance(err, DatabaseError)
    assert "bị hỏng" in err.message and str(path) in err.message and "sao lưu" in err.message
    assert _digest(path) == before  # found, reported, never "repaired"
    # A damaged file is not recorded as checked: the next start checks it again.
    assert integrity.last_checked(data_dir, path) is None


def test_the_check_is_due_weekly_and_after_an_unclean_exit_only(tmp_path, now):
    data_dir = tmp_path / "dữ liệu"
    path = tmp_path / "ketluan.db"
    open_database(path, create=True).dispose()
    assert session_marker.last_exit_was_clean(data_dir)
    assert integrity.due_reason(data_dir, path, now=now, clean_exit=True) == integrity.WEEKLY
    assert integrity.run(data_dir, path, now=now, reason=integrity.WEEKLY) is None
    assert integrity.last_checked(data_dir, path) == now
    for days, expected in ((1, None), (6, None), (7, integrity.WEEKLY), (30, integrity.WEEKLY)):
        later = now + timedelta(days=days)
        assert integrity.due_reason(data_dir, path, now=later, clean_exit=True) == expected
    assert integrity.due_reason(data_dir, path, now=now, clean_exit=False) == integrity.UNCLEAN

    crashed_session(data_dir)
    assert not session_marker.last_exit_was_clean(data_dir)
    session_marker.mark_started(data_dir)  # the next session begins: the crash is dealt with
    session_marker.mark_closed(data_dir)
    assert session_marker.last_exit_was_clean(data_dir)


def test_a_check_stopped_before_its_end_is_not_recorded(tmp_path, now):
    path = tmp_path / "ketluan.db"
    db = open_database(path, create=True)
    with db.session() as s:
        s.add_all(Member(full_name=f"Đảng viên số {i}") for i in range(2000))
    db.dispose()
    result = preflight.full_check(path, should_stop=lambda: True)
    assert result.ok is None
    assert integrity.run(tmp_path, path, now=now, reason="weekly", should_stop=lambda: True) is None
    assert integrity.last_checked(tmp_path, path) is None


def test_a_damaged_file_is_neither_backed_up_nor_migrated(tmp_path, monkeypatch, full_checks):
    path = _damaged(tmp_path / "ketluan.db")
    newer = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "9999_later.py").write_text(
        "revision = '9999'\n"
        f"down_revision = '{migrate.SCHEMA_HEAD}'\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade():\n    pass\ndef downgrade():\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer)
    migrate._script.cache_clear()
    before = _digest(path)
    try:
        with pytest.raises(DatabaseError, match="bị hỏng"):
            open_database(path)
    finally:
        migrate._script.cache_clear()
    assert full_checks == [path]
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ketluan.db", "migrations"]

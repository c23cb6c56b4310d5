"""Start-up with data and no full-file check in the way (issue 14); the check after an unclean
shutdown, run by the window in the background, finds an injected fault."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sessions import crashed_session

from ketluan_desktop.core import session_marker
from ketluan_desktop.core.db import integrity, open_database

TASKS, UPDATES = 20_000, 40_000


def generated_office(path: Path) -> Path:
    """A scaled-down office of the size the benchmarks use (bench/bigdb.py): 20,000 tasks and
    40,000 progress updates by raw inserts — a file the old full check read on every open."""
    open_database(path, create=True).dispose()
    con = sqlite3.connect(path)
    now = "2026-11-29 02:30:00.000000"
    con.executemany(
        "INSERT INTO document (id, type_code, status, number, number_symbol, doc_date, subject, "
        "search_folded, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(d, "KL", "issued", d, f"{d}-KL/ĐUK", "2025-01-10", f"Hội nghị lần thứ {d}",
          f"{d}-kl/duk", 1, now, now) for d in range(1, 501)],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO task (id, document_id, position, text, text_folded, deadline, priority, "
        "status, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(t, t % 500 + 1, t % 40, f"Nhiệm vụ trọng tâm số {t}", f"nhiem vu trong tam so {t}",
          (date(2025, 1, 1) + timedelta(days=t % 700)).isoformat(), 2, "in_progress", 1, now, now)
         for t in range(1, TASKS + 1)],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO task_update (id, task_id, update_date, text, created_at) VALUES (?,?,?,?,?)",
        [(u, u % TASKS + 1, "2026-01-05", "Đã triển khai.", now) for u in range(1, UPDATES + 1)],
    )
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def test_the_window_shows_a_generated_office_with_its_data_and_no_full_check(tmp_path):
    data = Path(os.environ["KETLUAN_DATA_DIR"])
    db_path = generated_office(tmp_path / "văn phòng lớn.db")
    from ketluan_desktop.ui.preferences import ui_settings

    settings = ui_settings()
    settings.setValue("main/workspace", 1)  # Nhiệm vụ: the screen that opens first
    settings.sync()
    probe = tmp_path / "probe.txt"
    r = subprocess.run(
        [sys.executable, "-m", "ketluan_desktop", "--db", str(db_path), "--startup-probe",
         str(probe)],
        capture_output=True, text=True, timeout=180, env={**os.environ},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    shown = dict(line.split(maxsplit=1) for line in probe.read_text().splitlines())
    assert shown["workspace"] == "tasks" and int(shown["rows"]) == TASKS
    # preflight.full_check logs "full integrity check of …" (INFO, the app's level) whenever it
    # runs: opened on its header and schema only, the file was never read through.
    log_file = data / "logs" / "ketluan.log"
    log = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    assert "full integrity check" not in log
    assert not (data / integrity.STATE_FILE).exists()
    assert session_marker.last_exit_was_clean(data)


def _damage(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    raw = bytearray(path.read_bytes())
    size = len(raw)
    for off in range(size * 9 // 10, size - 4096):  # the last pages (progress updates), not the
        raw[off] = 0xA5  # header, the schema or what the first screen reads
    path.write_bytes(bytes(raw))


def test_after_an_unclean_shutdown_the_window_checks_in_the_background_and_finds_the_fault(
    tmp_path, make_window, qtbot, shown_dialogs
):
    from ketluan_desktop.ui.integrity_watch import IntegrityWatch

    data = Path(os.environ["KETLUAN_DATA_DIR"])
    db_path = generated_office(tmp_path / "ketluan.db")
    _damage(db_path)
    crashed_session(data)  # the last session never closed: a crash, a power cut
    clean = session_marker.last_exit_was_clean(data)
    db = open_database(db_path, migrate_schema=False)  # still opens at once
    window = make_window(db)
    watch = IntegrityWatch(window.ctx, data, clean_exit=clean, parent=window)
    watch.damaged.connect(lambda message: shown_dialogs.append(("error", message)))
    with qtbot.waitSignal(watch.damaged, timeout=60_000):
        watch.check_if_due()
    assert watch.runs == 1
    kind, message = shown_dialogs[-1]
    assert kind == "error" and "bị hỏng" in message and str(db_path) in message
    assert integrity.last_checked(data, db_path) is None  # checked again next time
    watch.stop()
    db.dispose()


@pytest.mark.sqlite_only  # the full-file check reads a SQLite file; a server checks itself
def test_a_clean_exit_and_a_recent_check_mean_no_check(tmp_path, make_window, demo_db, now):
    from ketluan_desktop.ui.integrity_watch import IntegrityWatch

    data = Path(os.environ["KETLUAN_DATA_DIR"])
    assert integrity.run(data, demo_db.path, now=now, reason=integrity.WEEKLY) is None
    window = make_window(demo_db)
    watch = IntegrityWatch(window.ctx, data, clean_exit=True, parent=window)
    watch.check_if_due()
    assert watch.runs == 0
    watch.stop()


@pytest.fixture(autouse=True)
def _no_leftover_marker():
    yield
    session_marker.mark_closed(Path(os.environ["KETLUAN_DATA_DIR"]))


def test_a_database_that_opens_at_once_still_reaches_the_window(qtbot, tmp_path, monkeypatch):
    """The opening thread may finish before the UI thread connects to its signal (a small file,
    the modules already imported): the window then waited for ever on «Đang mở dữ liệu…». Here the
    thread's work runs to its end the moment it is started."""
    import threading

    from ketluan_desktop.ui import startup
    from ketluan_desktop.ui.app import parse_args
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.main_window import MainWindow

    path = tmp_path / "ketluan.db"
    open_database(path, create=True).dispose()

    def at_once(self):
        self._target(*self._args, **self._kwargs)

    app = create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    state: dict = {}
    with monkeypatch.context() as m:
        m.setattr(threading.Thread, "start", at_once)
        startup._open(app, window, parse_args(["--db", str(path)]), state, 0.0, None, create=False)
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=5_000)
    window.ctx.runner.wait(5_000)
    window.close()
    state["db"].dispose()

"""Issue 13 item 9: a meeting saved after the file dialog listed the database's folder survives
``kill -9``, even when another process opened and closed the database in between.

The sequence runs the app's own code in a real process: open the database, save a meeting, show
the app's «Nhập văn bản» file dialog on the folder that holds ``ketluan.db``, let the CLI (another
process) open and close the database, save a second meeting, then ``kill -9``. Before the fix the
dialog's icon provider opened and closed ``ketluan.db`` to sniff its type, which dropped SQLite's
POSIX locks; the CLI then deleted the WAL under the app and the second meeting was lost.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX advisory locks only")

APP = r"""
import os, signal, subprocess, sys, time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

path, with_dialog = Path(sys.argv[1]), sys.argv[2] == "dialog"
from ketluan_desktop.core.db import open_database
from ketluan_desktop.core.meetings import records as meetings

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone(timedelta(hours=7)))
db = open_database(path)

def save(n):
    data = meetings.MeetingData(session_number=n, meeting_date=date(2026, 11, n), title=f"Hội nghị {n}")
    with db.write_session() as s:
        meetings.save(s, data, now=NOW)

save(1)
if with_dialog:
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui import dialogs

    app = create_application()
    try:  # exactly the dialog dialogs.get_open_file shows
        from ketluan_desktop.ui import file_dialogs
        dlg = file_dialogs.file_dialog(None, "Nhập văn bản", str(path.parent), "Tất cả tệp (*)")
    except ImportError:  # before the fix: what QFileDialog.getOpenFileName shows
        from PySide6.QtWidgets import QFileDialog
        dlg = QFileDialog(None, "Nhập văn bản", str(path.parent), "Tất cả tệp (*)")
    dlg.show()
    end = time.monotonic() + 2.5  # the folder is listed and its icons fetched
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    dlg.close()
    app.processEvents()
subprocess.run([sys.executable, "-m", "ketluan_desktop.cli", "documents", "list", "--db", str(path)],
               check=True, capture_output=True)
save(2)
print("saved 2", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _meetings(path: Path) -> list[int]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT session_number FROM meeting ORDER BY id")]
    finally:
        con.close()


@pytest.mark.parametrize("with_dialog", ["plain", "dialog"])
def test_a_save_survives_kill_9_after_the_file_dialog_listed_the_database_folder(
    tmp_path, with_dialog
):
    from ketluan_desktop.core.db import open_database

    path = tmp_path / "Văn phòng" / "ketluan.db"
    open_database(path, create=True).dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "*.warning=false"}
    r = subprocess.run(
        [sys.executable, "-c", APP, str(path), with_dialog],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert r.returncode == -signal.SIGKILL, r.stderr
    assert "saved 2" in r.stdout
    assert _meetings(path) == [1, 2]


@pytest.mark.sqlite_only  # POSIX locks on a SQLite file
def test_python_code_cannot_open_a_live_database_file(db):
    from ketluan_desktop.core.db.file_guard import LiveDatabaseFileError

    for name in (db.path, Path(f"{db.path}-wal"), Path(f"{db.path}-shm")):
        with pytest.raises(LiveDatabaseFileError):
            name.read_bytes()
    with pytest.raises(LiveDatabaseFileError):
        import hashlib

        hashlib.sha256(open(db.path, "rb").read())  # noqa: SIM115
    db.dispose()
    assert db.path.read_bytes()[:16] == b"SQLite format 3\x00"  # closed: reading is harmless


@pytest.mark.sqlite_only  # POSIX locks on a SQLite file
def test_opening_the_same_database_twice_in_one_process_does_not_read_its_header(db):
    from ketluan_desktop.core.db import open_database

    second = open_database(db.path)  # would raise LiveDatabaseFileError if it used open()
    second.dispose()
    with db.session() as s:
        assert s.connection().exec_driver_sql("SELECT 1").scalar() == 1

"""Issue 20 item 6: the journal mode is the database's, and every process respects it.

Two real processes each time: one holds the database open the way the app does, the other opens it
as a local process (the CLI) or as a workstation reaching it over a network drive.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketluan_desktop.core.db import database as database_mod
from ketluan_desktop.core.db import open_database
from ketluan_desktop.core.db.errors import DatabaseLockedError

# Holds the database open like a running app: writes, says "ready", waits for "go", writes again.
HOLDER = r"""
import sys, time
from pathlib import Path
from ketluan_desktop.core.db import database as dbm, open_database
from ketluan_desktop.core.members.models import Member

path, network, folder = sys.argv[1], sys.argv[2] == "network", Path(sys.argv[3])
if network:
    dbm.is_network_path = lambda p: True
db = open_database(path)
with db.write_session() as s:
    s.add(Member(full_name="Người giữ tệp trước"))
(folder / "ready").write_text(db.journal_mode)
while not (folder / "go").exists():
    time.sleep(0.02)
with db.write_session() as s:
    s.add(Member(full_name="Người giữ tệp sau"))
with db.engine.connect() as c:
    print(c.exec_driver_sql("PRAGMA journal_mode").scalar())
db.dispose()
"""

# Opens the database as a workstation on a network drive would.
NETWORK_OPEN = r"""
import sys
from ketluan_desktop.core.db import database as dbm, open_database
from ketluan_desktop.core.errors import KetLuanError
dbm.is_network_path = lambda p: True
try:
    db = open_database(sys.argv[1])
except KetLuanError as exc:
    print(type(exc).__name__, exc.message, file=sys.stderr)
    sys.exit(1)
print(db.journal_mode)
db.dispose()
"""


def header_mode(path: Path) -> tuple[int, int]:
    """Bytes 18 and 19 of the header: (2, 2) WAL, (1, 1) rollback journal. Read after every
    process has closed the file (reading it while open would itself be the POSIX lock trap)."""
    with open(path, "rb") as fh:
        head = fh.read(20)
    return head[18], head[19]


STARTED: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _no_process_left_behind():
    yield
    while STARTED:  # a failed assertion must not leave a holder waiting for "go" forever
        proc = STARTED.pop()
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def _python(code: str, *args: str, **kw) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )
    STARTED.append(proc)
    return proc


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            pytest.fail(f"holder exited early: {proc.communicate()}")
        if time.monotonic() > deadline:
            pytest.fail("holder never became ready")
        time.sleep(0.02)
    return path.read_text()


def _members(path: Path) -> list[str]:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT full_name FROM member ORDER BY id")]
    finally:
        con.close()


@pytest.mark.allow_logged_errors  # the network-drive warning: the file is made to look remote
def test_a_local_process_keeps_a_network_databases_rollback_journal(tmp_path, monkeypatch):
    path = tmp_path / "chia sẻ" / "ketluan.db"
    monkeypatch.setattr(database_mod, "is_network_path", lambda p: True)
    open_database(path, create=True).dispose()  # created from a network drive: rollback journal
    monkeypatch.undo()
    assert header_mode(path) == (1, 1)
    holder = _python(HOLDER, str(path), "network", str(tmp_path))
    assert _wait_for(tmp_path / "ready", holder) == "delete"
    # A local process (the CLI on the machine that holds the file) writes while it is open.
    r = subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", "tasks", "add", "Việc ghi từ máy giữ tệp",
         "--db", str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    (tmp_path / "go").touch()
    out, err = holder.communicate(timeout=120)
    assert holder.returncode == 0, err
    assert out.strip() == "delete"  # the network side was never switched to WAL under its feet
    assert header_mode(path) == (1, 1)
    assert _members(path)[-2:] == ["Người giữ tệp trước", "Người giữ tệp sau"]


def test_a_network_process_refuses_to_flip_a_wal_database_another_process_has_open(tmp_path):
    path = tmp_path / "ketluan.db"
    open_database(path, create=True).dispose()
    assert header_mode(path) == (2, 2)
    holder = _python(HOLDER, str(path), "local", str(tmp_path))
    assert _wait_for(tmp_path / "ready", holder) == "wal"
    started = time.monotonic()
    other = _python(NETWORK_OPEN, str(path))
    out, err = other.communicate(timeout=120)
    assert other.returncode == 1, out + err
    assert "DatabaseLockedError Tệp" in err and "WAL" in err and "ổ mạng" in err
    assert "đợi một lát" not in err  # waiting does not help, and the message says so
    assert time.monotonic() - started < 30
    (tmp_path / "go").touch()
    out, err = holder.communicate(timeout=120)
    assert holder.returncode == 0, err
    assert header_mode(path) == (2, 2)
    assert _members(path)[-2:] == ["Người giữ tệp trước", "Người giữ tệp sau"]


def test_a_network_process_alone_switches_a_wal_database_to_the_rollback_journal(tmp_path):
    path = tmp_path / "ketluan.db"
    open_database(path, create=True).dispose()
    r = subprocess.run([sys.executable, "-c", NETWORK_OPEN, str(path)], capture_output=True,
                       text=True, timeout=120)  # fmt: skip
    assert r.returncode == 0 and r.stdout.strip() == "delete", r.stderr
    assert header_mode(path) == (1, 1)
    assert not os.path.exists(str(path) + "-wal")


def test_the_locked_message_names_the_real_cause_for_wal_over_a_network():
    from ketluan_desktop.core.db.errors import locked_message

    assert "WAL" in locked_message("X", network=True, wal=True)
    assert issubclass(DatabaseLockedError, Exception)

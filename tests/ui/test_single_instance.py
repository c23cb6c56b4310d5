"""Issue 13 item 9 (second part): a second start on the same database brings the first window
forward instead of opening a second window on the file; another database gets its own window;
after a crash the next start takes over. Real processes, the real local socket."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketluan_desktop.ui import single_instance


def _start(db: Path, data: Path) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KETLUAN_DATA_DIR": str(data),
           "QT_LOGGING_RULES": "*.warning=false"}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "ketluan_desktop", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _listening(db: Path, proc: subprocess.Popen, seconds: float = 90) -> None:
    from PySide6.QtNetwork import QLocalSocket

    name = single_instance.server_name(single_instance.database_key(str(db)))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        sock = QLocalSocket()
        sock.connectToServer(name)
        if sock.waitForConnected(200):
            sock.disconnectFromServer()
            return
        time.sleep(0.2)
    pytest.fail("the first window never listened")


def _stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
    proc.communicate(timeout=60)


def _log(data: Path) -> str:
    path = data / "logs" / "ketluan.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_a_second_start_on_the_same_database_brings_the_first_window_forward(tmp_path, qapp):
    from ketluan_desktop.core.db import open_database

    db = tmp_path / "Văn phòng" / "ketluan.db"
    other_db = tmp_path / "Văn phòng khác" / "ketluan.db"
    for p in (db, other_db):
        open_database(p, create=True).dispose()
    data = tmp_path / "dữ liệu"
    first = _start(db, data)
    try:
        _listening(db, first)
        second = _start(db, data)
        _out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err
        assert "cửa sổ đó đã được đưa lên trước" in err
        deadline = time.monotonic() + 20
        while "bringing this window forward" not in _log(data) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "bringing this window forward" in _log(data)
        assert first.poll() is None  # the first window is still there

        elsewhere = _start(other_db, data)  # another database: its own window
        try:
            _listening(other_db, elsewhere)
        finally:
            _stop(elsewhere)
    finally:
        _stop(first, signal.SIGKILL)  # a crash leaves the socket name behind

    after_crash = _start(db, data)
    try:
        _listening(db, after_crash)  # nobody answered the stale name: this start took it over
        again = _start(db, data)
        _out, err = again.communicate(timeout=120)
        assert again.returncode == 0 and "đưa lên trước" in err
    finally:
        _stop(after_crash)


def test_the_key_names_the_database_file_however_it_was_given(tmp_path, monkeypatch):
    db = tmp_path / "ketluan.db"
    monkeypatch.chdir(tmp_path)
    assert single_instance.database_key("ketluan.db") == single_instance.database_key(str(db))
    monkeypatch.setenv("KETLUAN_DB", str(db))
    assert single_instance.database_key(None) == single_instance.database_key(str(db))
    assert single_instance.server_name("a") != single_instance.server_name("b")

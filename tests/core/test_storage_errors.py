"""Issue 20 item 2: a full disk is not a corrupt database, and no fault speaks SQLite's English.

The classifier is tested with SQLite's real result codes (``PRAGMA max_page_count`` makes SQLite
raise SQLITE_FULL), and, as root, on a real full file system (a 3 MB tmpfs), through the CLI.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from ketluan_desktop.core.db import errors
from ketluan_desktop.core.members.models import Member

ENGLISH = ("disk", "full", "locked", "database is", "I/O", "readonly", "malformed")


def _no_english(message: str) -> None:
    words = " ".join(w for w in message.split() if "/" not in w)  # paths may say anything
    assert not any(word in words for word in ENGLISH), message


@pytest.mark.sqlite_only  # SQLITE_FULL via max_page_count; a server's: the SQLSTATE test below
@pytest.mark.allow_logged_errors  # the refused write is logged as a warning: that is the point
def test_sqlite_full_from_a_write_session_is_disk_full_not_corrupt(db):
    @event.listens_for(db.engine, "connect")
    def limit(dbapi_con, _record):  # the file may not grow by more than a page
        pages = dbapi_con.execute("PRAGMA page_count").fetchone()[0]
        dbapi_con.execute(f"PRAGMA max_page_count = {pages + 1}")

    db.engine.dispose()
    with pytest.raises(errors.DiskFullError) as err, db.write_session() as s:
        s.add_all(Member(full_name=f"Đảng viên {i} " + "x" * 400) for i in range(200))
    message = err.value.message
    assert "đầy" in message and "KHÔNG bị hỏng" in message and "bị hỏng (" not in message
    assert err.value.detail and "full" in err.value.detail  # SQLite's words stay in the log only
    _no_english(message)
    assert not isinstance(err.value, errors.CorruptDatabaseError)


def _sqlite_error(code: int, text: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = "TEST"
    return exc


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        (13, errors.DiskFullError, "đầy"),
        (5, errors.DatabaseLockedError, "giữ quyền ghi"),
        (6, errors.DatabaseLockedError, "giữ quyền ghi"),
        (8, errors.ReadOnlyDatabaseError, "chỉ cho phép đọc"),
        (1032, errors.ReadOnlyDatabaseError, "chuyển đi"),
        (11, errors.CorruptDatabaseError, "bị hỏng"),
        (26, errors.CorruptDatabaseError, "bị hỏng"),
        (10 | (3 << 8), errors.DiskIOError, "Lỗi đọc/ghi"),  # SQLITE_IOERR_WRITE, space left
    ],
)
def test_each_sqlite_code_gets_its_own_vietnamese_message(tmp_path, code, kind, words):
    err = errors.classify(_sqlite_error(code, "english text"), path=tmp_path / "ketluan.db")
    assert type(err) is kind and words in err.message and str(tmp_path) in err.message
    _no_english(err.message)


def test_an_io_error_on_a_disk_with_no_room_is_disk_full(tmp_path, monkeypatch):
    from ketluan_desktop.core import diskspace

    monkeypatch.setattr(diskspace, "free_bytes", lambda _p: 4096)
    err = errors.classify(_sqlite_error(10 | (13 << 8), "disk I/O error"), path=tmp_path / "k.db")
    assert isinstance(err, errors.DiskFullError)
    assert "còn trống 4 KB" in err.message and "cần ít nhất 20 MB" in err.message


@pytest.mark.allow_logged_errors  # the refused write is logged as a warning: that is the point
@pytest.mark.parametrize(
    ("state", "kind"),
    [("53100", errors.DiskFullError), ("25006", errors.ReadOnlyDatabaseError),
     ("55P03", errors.DatabaseLockedError)],
)  # fmt: skip
def test_a_server_storage_fault_is_said_as_such_not_as_a_lost_connection(db, state, kind):
    """On a server, a write session turns SQLSTATEs into the same Vietnamese errors; only what is
    none of them is a lost connection (``ServerUnavailableError``)."""
    from sqlalchemy.exc import OperationalError

    class DriverError(Exception):
        sqlstate = state

    with pytest.raises(kind) as err, db.write_session():
        raise OperationalError("UPDATE task SET text = ?", {}, DriverError("english text"))
    _no_english(err.value.message)


def test_a_bug_is_not_classified():
    assert errors.classify(sqlite3.OperationalError("no such table: x")) is None
    assert errors.classify(ValueError("x")) is None


@pytest.mark.allow_logged_errors  # the storage error is logged as a warning: that is the point
def test_the_gui_error_path_shows_the_vietnamese_message_for_a_raw_driver_error(qapp, monkeypatch):
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui import errors as ui_errors

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, message, *_a: shown.append(message))
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: pytest.fail("crash dialog shown"))
    ui_errors.report_exception(_sqlite_error(13, "database or disk is full"))
    assert len(shown) == 1 and "đầy" in shown[0]
    _no_english(shown[0])


# -- a real full disk, through the CLI --------------------------------------------------------------
def _cli(*args: str, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "KETLUAN_DATA_DIR": str(data)},
        timeout=300,
    )


@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mnt = tmp_path / "ổ nhỏ"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)],
                       capture_output=True, text=True)  # fmt: skip
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "đầy.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for block in (1 << 16, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * block)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_is_reported_as_full_with_sizes_and_nothing_is_lost(small_disk, tmp_path):
    data = tmp_path / "data"
    path = small_disk / "ketluan.db"
    assert _cli("init", "--db", str(path), data=data).returncode == 0
    assert (
        _cli("tasks", "add", "Nhiệm vụ trước khi đầy", "--db", str(path), data=data).returncode == 0
    )
    filler = _fill(small_disk)
    for args in (
        ("tasks", "list"),  # opening a full disk used to say "bị hỏng (disk I/O error)"
        ("tasks", "add", "Nhiệm vụ khi ổ đầy " + "x" * 3000),  # a write used to exit 70
    ):
        r = _cli(*args, "--db", str(path), data=data)
        assert r.returncode == 1, r.stdout + r.stderr
        assert "đầy" in r.stderr and "còn trống" in r.stderr and "cần ít nhất" in r.stderr
        assert "bị hỏng (" not in r.stderr and "Hãy khôi phục" not in r.stderr
        _no_english(r.stderr)
        assert r.stderr.count("\n") == 1
    log_file = data / "logs" / "ketluan.log"
    assert not log_file.exists() or "Traceback" not in log_file.read_text(encoding="utf-8")
    filler.unlink()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    r = _cli("tasks", "list", "--db", str(path), "--json", data=data)
    assert r.returncode == 0 and "Nhiệm vụ trước khi đầy" in r.stdout


def test_a_file_export_to_a_full_disk_says_so_in_vietnamese(small_disk):
    from ketluan_desktop.core.errors import FileWriteError
    from ketluan_desktop.core.fsutil import write_bytes_atomic

    _fill(small_disk)
    with pytest.raises(FileWriteError) as err:
        write_bytes_atomic(small_disk / "báo cáo.pdf", b"%PDF" + b"x" * 200_000)
    assert "đầy" in err.value.message and "còn trống" in err.value.message
    _no_english(err.value.message)
    assert [p.name for p in small_disk.iterdir()] == ["đầy.bin"]

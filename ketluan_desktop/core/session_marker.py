"""Did the last session on this workstation close cleanly?

The app writes a small marker file in the data folder when it starts and removes it when it
closes normally. A marker left behind by a process that no longer runs means that session ended
without closing: a crash, a kill, a power cut. Then the app offers the drafts' autosaved text
(documents) and may check the database's integrity (performance): both ask the same question.

Use, in this order, once per start of the app::

    clean = session_marker.last_exit_was_clean(data_dir)   # before mark_started
    session_marker.mark_started(data_dir)                  # forgets the sessions that died
    ...
    session_marker.mark_closed(data_dir)                   # on a normal close only

Each running app has its own marker (``sessions/<workstation>-<pid>.json``), so a second window on
the same workstation is neither taken for a crash nor able to remove the first one's marker.
A marker whose process still runs is a live session, not a crash. No Qt here: the command line and
any service can ask too.
"""

from __future__ import annotations

import functools
import getpass
import json
import os
import re
import socket
import sys
from datetime import datetime
from pathlib import Path

MARKER_FOLDER = "sessions"


@functools.cache
def workstation() -> str:
    """This user on this machine ("lan@VP-MAY01"): who wrote an autosave, whose session this is."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment (a service account, a bare container)
        user = "?"
    return f"{user}@{socket.gethostname()}"


def _folder(data_dir: Path) -> Path:
    return Path(data_dir) / MARKER_FOLDER


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text)[:80]


def _marker(data_dir: Path, pid: int) -> Path:
    return _folder(data_dir) / f"{_slug(socket.gethostname())}-{pid}.json"


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (a reused id counts as alive: the
    answer then errs towards "clean", and the per-draft recovery on opening still applies)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(ok) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def _dead_markers(data_dir: Path) -> list[Path]:
    folder = _folder(data_dir)
    host = _slug(socket.gethostname())
    dead = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        name, _, pid_text = path.stem.rpartition("-")
        if name != host or not pid_text.isdigit():
            continue  # another machine's session (a data folder on a shared drive)
        if int(pid_text) != os.getpid() and not _alive(int(pid_text)):
            dead.append(path)
    return dead


def last_exit_was_clean(data_dir: Path) -> bool:
    """False when a session on this workstation started and never closed (its process is gone).

    Ask before ``mark_started``, which forgets those sessions."""
    return not _dead_markers(data_dir)


def mark_started(data_dir: Path, *, now: datetime | None = None) -> Path:
    """Record that this process's session has begun; forget the markers of sessions that died."""
    for path in _dead_markers(data_dir):
        path.unlink(missing_ok=True)
    folder = _folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = _marker(data_dir, os.getpid())
    info = {
        "pid": os.getpid(),
        "workstation": workstation(),
        "started": (now or datetime.now().astimezone()).isoformat(timespec="seconds"),
    }
    from ketluan_desktop.core.fsutil import write_bytes_atomic

    write_bytes_atomic(path, json.dumps(info, ensure_ascii=False).encode("utf-8"))
    return path


def mark_closed(data_dir: Path) -> None:
    """This process's session closed normally."""
    _marker(data_dir, os.getpid()).unlink(missing_ok=True)

"""No code in this process opens a live database file except SQLite itself.

POSIX advisory locks belong to the process and the file, not to a descriptor: when anything in the
process closes *any* descriptor of ``ketluan.db`` (a header check, a hash, a copy, a file dialog that
sniffs the file's type), every lock SQLite holds on it is silently dropped. The next process that
opens and closes the database then believes it is the last user, checkpoints and deletes the WAL
while we still write into it, and a kill -9 loses committed work (issue 13 item 9). SQLite's own
connections share one descriptor per file inside the process, so they are safe; everything else is
refused here: an audit hook turns a Python ``open()`` of a live database file (or its -wal, -shm,
-journal) into an error, so the mistake shows up in tests instead of as lost data. Qt's file
dialogs, which open files from C++, are kept from sniffing by ``ui/file_dialogs.py``.

Windows locks belong to the handle, so the trap does not exist there; the guard runs anyway (it
costs a dictionary look-up per ``open``) so that every platform behaves the same.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal")

_lock = threading.Lock()
_live: dict[str, int] = {}  # real path of a database file → connections' owners using it
_names: frozenset[str] = frozenset()  # their base names, the hook's cheap first filter
_installed = False


class LiveDatabaseFileError(PermissionError):
    """A bug: code other than SQLite tried to open a database file this process has open."""


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


def _base(name: str) -> str:
    for suffix in SIDE_FILES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _hook(event: str, args: tuple) -> None:
    if event != "open" or not _names:
        return
    target = args[0] if args else None
    if isinstance(target, int) or target is None:
        return
    try:
        text = os.fsdecode(target)
    except (TypeError, ValueError):
        return
    head, name = os.path.split(text)
    base = _base(name)
    if base not in _names:
        return
    if _real(os.path.join(head, base)) in _live:
        raise LiveDatabaseFileError(
            f"refusing to open {text!r} outside SQLite while this process has the database open: "
            "closing that descriptor would drop SQLite's POSIX locks (see core/db/file_guard.py)"
        )


def _install() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


def register(path: Path) -> None:
    """``path`` is open through SQLite from now on (until the matching ``unregister``)."""
    global _names
    real = _real(path)
    with _lock:
        _install()
        _live[real] = _live.get(real, 0) + 1
        _names = frozenset(os.path.basename(p) for p in _live)


def unregister(path: Path) -> None:
    global _names
    real = _real(path)
    with _lock:
        n = _live.get(real, 0) - 1
        if n > 0:
            _live[real] = n
        else:
            _live.pop(real, None)
        _names = frozenset(os.path.basename(p) for p in _live)


def is_live(path: Path) -> bool:
    return _real(path) in _live


def live_paths() -> list[Path]:
    return [Path(p) for p in _live]

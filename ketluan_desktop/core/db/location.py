"""Turning what the user gave (--db, KETLUAN_DB, nothing) into a database location."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ketluan_desktop.core.paths import data_dir, default_db_path

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

NETWORK_FS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "sshfs", "fuse.sshfs", "9p", "davfs"}


@dataclass(frozen=True)
class DbLocation:
    url: URL
    path: Path | None  # the SQLite file, None for a server database

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display(self) -> str:
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)


def resolve(target: str | os.PathLike[str] | None = None) -> DbLocation:
    """``target`` may be a path or a SQLAlchemy URL; else ``KETLUAN_DB``; else the default file."""
    from sqlalchemy.engine import URL, make_url

    raw = os.fspath(target) if target is not None else os.environ.get("KETLUAN_DB") or None
    if raw is None:
        saved = _saved_choice()
        if saved is not None:
            return saved
        path = default_db_path()
    elif "://" in raw and not _looks_like_windows_path(raw):
        url = make_url(raw)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            return DbLocation(url, Path(url.database).absolute())
        return DbLocation(url, None)
    else:
        path = Path(raw).expanduser()
    path = path.absolute()
    return DbLocation(URL.create("sqlite", database=str(path)), path)


def _saved_choice() -> DbLocation | None:
    """This workstation's choice (Settings → Cơ sở dữ liệu, ``ketluan db connect``)."""
    from sqlalchemy.engine import URL

    from ketluan_desktop.core.db.connection import load_choice, server_url

    choice = load_choice()
    if choice.server is not None:
        return DbLocation(server_url(choice.server), None)
    if choice.path is not None:
        path = choice.path.expanduser().absolute()
        return DbLocation(URL.create("sqlite", database=str(path)), path)
    return None


def sqlite_file(target: str | os.PathLike[str] | None = None) -> Path | None:
    """The file ``resolve`` would open when the target is a plain path (or nothing), read without
    loading SQLAlchemy; None for a URL or a saved choice (then ask ``resolve``)."""
    raw = os.fspath(target) if target is not None else os.environ.get("KETLUAN_DB") or None
    if raw is None:
        if (data_dir() / "connection.json").exists():
            return None  # this workstation's saved choice (core/db/connection.py) decides
        return default_db_path().absolute()
    if "://" in raw and not _looks_like_windows_path(raw):
        return None
    return Path(raw).expanduser().absolute()


def _looks_like_windows_path(raw: str) -> bool:
    return len(raw) > 2 and raw[1] == ":" and raw[0].isalpha()


def is_network_path(path: Path) -> bool:
    """UNC paths and mapped network drives (Windows), network file systems (elsewhere)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(text)
    return _posix_fs_type(path) in NETWORK_FS


def _windows_drive_is_remote(text: str) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(text)[0]
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


def _posix_fs_type(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = path if path.exists() else path.parent
    try:
        resolved = str(target.resolve())
    except OSError:
        return None
    best, fstype = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mnt = parts[1].replace("\\040", " ")
        if (resolved == mnt or resolved.startswith(mnt.rstrip("/") + "/")) and len(mnt) > len(best):
            best, fstype = mnt, parts[2]
    return fstype

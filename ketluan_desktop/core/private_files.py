"""Files that hold member data are readable by their owner only.

The database, its backups and the log carry names, birth dates and Party card numbers, so on POSIX
they are created 0600 inside 0700 folders, whatever the umask. On Windows the data folder is
``%LOCALAPPDATA%\\KetLuan``, inside the user's profile, whose ACL already grants only that user (plus
SYSTEM and Administrators); POSIX modes mean nothing there and are not attempted.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
POSIX = os.name == "posix"


def make_private_dirs(folder: Path) -> None:
    """``mkdir -p`` where each folder created here is 0700 (existing ones are left as they are)."""
    missing: list[Path] = []
    for p in (folder, *folder.parents):
        if p.exists():
            break
        missing.append(p)
    for p in reversed(missing):
        with contextlib.suppress(FileExistsError):
            p.mkdir(mode=DIR_MODE)
        if POSIX:
            with contextlib.suppress(OSError):
                os.chmod(p, DIR_MODE)  # mkdir's mode is filtered by the umask


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty and 0600 if it does not exist; True if it was created here."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    try:
        if POSIX:
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return True


def open_private_append(path: Path, encoding: str = "utf-8"):
    """A text stream appending to ``path``, created 0600 (and tightened to 0600 if it was looser)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    if POSIX:
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE)
    return open(fd, "a", encoding=encoding)  # the caller owns the stream


def restrict_to_owner(path: Path) -> None:
    """An exported file of personal data: readable by its owner only. POSIX: mode 0600. Windows:
    the file's inherited ACL entries are dropped and only the current user is granted access
    (``icacls``), so a copy saved in a shared folder is not open to everyone who can see it."""
    path = Path(path)
    if not path.is_file():  # a device (``-o /dev/null``) or a pipe keeps its own mode
        return
    if POSIX:
        os.chmod(path, FILE_MODE)
        return
    import getpass
    import logging
    import subprocess

    try:
        subprocess.run(
            ["icacls", str(path), "/inheritance:r", "/grant:r", f"{getpass.getuser()}:F"],
            check=True,
            capture_output=True,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except (OSError, subprocess.CalledProcessError) as exc:  # the folder's own ACL still applies
        logging.getLogger(__name__).info("could not restrict %s to its owner: %s", path.name, exc)

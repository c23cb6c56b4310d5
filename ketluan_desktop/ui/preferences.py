"""This workstation's own preferences: window state and the folder each kind of file was last
taken from or saved to. They live in the data folder (an .ini file), not the registry: tests and
backups can see them, and they move with the data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from ketluan_desktop.core import paths
from ketluan_desktop.ui.opening_workspace import (  # the opening workspace, read without Qt too
    DEFAULT_START,
    LAST_ROW_KEY,
    START_KEY,
    START_LAST,
    WORKSPACE_KEYS,
)


def ui_settings() -> QSettings:
    return QSettings(str(paths.data_dir() / "ui.ini"), QSettings.Format.IniFormat)


def last_folder(kind: str, first: str | None = None) -> str:
    """Where files of this kind (``"export"``, ``"import"``, ``"p12"``…) were last used; ``first``
    (else the home folder) when never, or when that folder has gone."""
    value = ui_settings().value(f"folders/{kind}", "")
    folder = str(value) if value else ""
    return folder if folder and Path(folder).is_dir() else (first or str(Path.home()))


def remember_folder(kind: str, path: str | Path) -> None:
    """Remember the folder of ``path`` (a file the user just chose) for files of this kind."""
    s = ui_settings()
    s.setValue(f"folders/{kind}", str(Path(path).parent))
    s.sync()


def start_workspace() -> str:
    value = ui_settings().value("/".join(START_KEY), DEFAULT_START)
    return str(value) if value else DEFAULT_START


def opening_row() -> int:
    """The rail's row a window opens on: the workspace the preference names, or for «last» the
    one on screen when the window last closed. Read before the window exists too: start-up
    begins the first screen's read with it (``ui/first_read.begin_first_read``)."""
    start = start_workspace()
    if start in WORKSPACE_KEYS:
        return WORKSPACE_KEYS.index(start)
    row = ui_settings().value("/".join(LAST_ROW_KEY), 0, type=int) if start == START_LAST else 0
    return row if isinstance(row, int) and 0 <= row < len(WORKSPACE_KEYS) else 0


def opening_workspace() -> str:
    return WORKSPACE_KEYS[opening_row()]


def set_start_workspace(key: str) -> None:
    s = ui_settings()
    s.setValue("/".join(START_KEY), key)
    s.sync()

"""Where things live: the user's data folder and the bundled resources, from source and frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ketluan_desktop import APP_NAME

DB_FILENAME = "ketluan.db"


def data_dir() -> Path:
    """Per-user data folder: %LOCALAPPDATA%\\KetLuan on Windows; ``KETLUAN_DATA_DIR`` overrides."""
    override = os.environ.get("KETLUAN_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    # appauthor=False keeps Windows at %LOCALAPPDATA%\KetLuan (no vendor sub-folder); roaming=False
    # because a database must not follow the user across machines.
    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def log_dir() -> Path:
    return data_dir() / "logs"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resources_dir() -> Path:
    """The ``resources/`` folder: inside the PyInstaller bundle, inside the installed package (a
    wheel puts it at ``ketluan_desktop/resources``, see setup.py), or beside the package in a
    checkout (also an editable install)."""
    if is_frozen():
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]
    installed = Path(__file__).resolve().parents[1] / "resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_conclusion_path() -> Path:
    return resource("samples", "ket-luan-hoi-nghi-lan-19.txt")

"""Whether the app closed cleanly last time: a marker file in the data folder while a window runs.

``mark_started`` writes the marker when the window opens its database, ``mark_closed`` removes it
when the window closes normally. Found at the next start, the marker says the last session ended
by a crash, a kill or a power cut — when a database file is most likely to be damaged, so the full
integrity check runs then (``core/db/integrity.py``) instead of on every open.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

MARKER = "session.running"


def _marker(data_dir: Path) -> Path:
    return Path(data_dir) / MARKER


def last_exit_was_clean(data_dir: Path) -> bool:
    """False when the previous session left its marker behind (it never closed normally)."""
    return not _marker(data_dir).exists()


def mark_started(data_dir: Path) -> None:
    marker = _marker(data_dir)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"{os.getpid()}\n", encoding="ascii")


def mark_closed(data_dir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        _marker(data_dir).unlink()

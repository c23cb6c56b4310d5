"""A rotating log file in the data folder. Member data and secrets never go into it."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from ketluan_desktop.core.paths import log_dir

LOG_FILENAME = "ketluan.log"
_configured: Path | None = None


def log_file_path() -> Path:
    return log_dir() / LOG_FILENAME


def setup_logging(*, console: bool = False, level: int = logging.INFO) -> Path | None:
    """Idempotent. Returns the log file path, or None when the data folder is not writable."""
    global _configured
    if _configured is not None:
        return _configured
    root = logging.getLogger("ketluan_desktop")
    root.setLevel(level)
    path: Path | None = log_file_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError:
        path = None
    if console:
        ch = logging.StreamHandler()
        ch.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(ch)
    _configured = path or Path()
    return path

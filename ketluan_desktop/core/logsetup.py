"""A rotating log file in the data folder. Member data and secrets never go into it.

The engines hide SQL parameters (``hide_parameters=True``), and the file is still created readable
by the user only (0600 in a 0700 folder on POSIX; see ``core/private_files.py`` for Windows): the
error dialog asks the clerk to send it to support, and nothing in it should surprise them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ketluan_desktop.core.paths import log_dir
from ketluan_desktop.core.private_files import make_private_dirs, open_private_append

LOG_FILENAME = "ketluan.log"
_configured: Path | None = None


def log_file_path() -> Path:
    return log_dir() / LOG_FILENAME


class _RotatingOnFirstRecord(logging.Handler):
    """The rotating file handler, made when the first record comes: a command that logs nothing
    (most of them) never imports ``logging.handlers`` nor opens the file."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            self._file = _private_rotating_handler(self.path)
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _private_rotating_handler(path: Path) -> logging.Handler:
    """A rotating file handler that opens (and re-opens after rotating) the log as 0600."""
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def _open(self):
            return open_private_append(Path(self.baseFilename), encoding=self.encoding or "utf-8")

    return PrivateRotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )


def setup_logging(*, console: bool = False, level: int = logging.INFO) -> Path | None:
    """Idempotent. Returns the log file path, or None when the data folder is not writable."""
    global _configured
    if _configured is not None:
        return _configured
    root = logging.getLogger("ketluan_desktop")
    root.setLevel(level)
    path: Path | None = log_file_path()
    try:
        make_private_dirs(path.parent)
        handler: logging.Handler = _RotatingOnFirstRecord(path)
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

"""The full-file check, run by the window where ``core/db/integrity.py`` says (after an unclean
shutdown, weekly), in a thread of its own at idle priority — never between a user and their data.

It reads the whole file (seconds on a large one) through its own read-only connection, so it
never holds up the background runner the screens use. Closing the window stops it (a check cut
short is not recorded, so it runs again next time). Damage it finds is shown with today's message:
restore from a backup; the file itself is never changed.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal

log = logging.getLogger(__name__)

AFTER_UNCLEAN_MS = 3_000  # after the first screen has its data
WEEKLY_DELAY_MS = 120_000  # the weekly check waits for the start-up to be well over
LOOK_AGAIN_MS = 6 * 3600 * 1000  # a window left open for days still gets its weekly check


class _Check(QThread):
    def __init__(self, data_dir: Path, db_path: Path, now, reason: str, parent=None) -> None:
        super().__init__(parent)
        self.args = (data_dir, db_path, now, reason)
        self.stop_flag = threading.Event()
        self.error = None

    def run(self) -> None:
        from ketluan_desktop.core.db import integrity

        data_dir, db_path, now, reason = self.args
        try:
            self.error = integrity.run(
                data_dir, db_path, now=now, reason=reason, should_stop=self.stop_flag.is_set
            )
        except Exception:  # the check must never take the window down
            log.exception("integrity check failed to run")


class IntegrityWatch(QObject):
    """Starts the check when it is due; ``damaged(message)`` when it found the file damaged."""

    damaged = Signal(str)

    def __init__(self, ctx, data_dir: Path, *, clean_exit: bool, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data_dir = Path(data_dir)
        self.clean_exit = clean_exit
        self.runs = 0  # checks started (tests, the log)
        self._check: _Check | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_if_due)

    def start(self) -> None:
        self._timer.start(WEEKLY_DELAY_MS if self.clean_exit else AFTER_UNCLEAN_MS)

    def check_if_due(self) -> None:
        from ketluan_desktop.core.db import integrity

        path = self.ctx.db.path
        if path is None or (self._check is not None and self._check.isRunning()):
            return
        now = self.ctx.now()
        reason = integrity.due_reason(self.data_dir, path, now=now, clean_exit=self.clean_exit)
        if reason is None:
            self._timer.start(LOOK_AGAIN_MS)
            return
        self.runs += 1
        check = _Check(self.data_dir, path, now, reason, self)
        check.finished.connect(lambda: self._finished(check))
        self._check = check
        check.start(QThread.Priority.IdlePriority)

    def _finished(self, check: _Check) -> None:
        self.clean_exit = True  # checked once: the unclean exit is dealt with
        if check.error is not None:
            self.damaged.emit(check.error.message)
        self._timer.start(LOOK_AGAIN_MS)

    def stop(self) -> None:
        """Stop a check under way (the window closes) and wait for its thread."""
        self._timer.stop()
        if self._check is not None:
            self._check.stop_flag.set()
            self._check.wait(10_000)

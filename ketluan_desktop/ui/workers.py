"""Long work off the GUI thread, one database job at a time, results back on the GUI thread.

Signals live on the long-lived runner, never on the job, so a window closing while a job runs does
not receive into a deleted object. Tests switch ``synchronous`` on to run jobs inline.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object, str)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.job_id, self.fn, self.relay = job_id, fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            self.relay.failed.emit(self.job_id, exc, traceback.format_exc())
        else:
            self.relay.finished.emit(self.job_id, result)


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    synchronous = False  # tests set it on the instance or the class

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # database work is serialised
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._next = 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
    ) -> int:
        self._next += 1
        job_id = self._next
        self._callbacks[job_id] = (on_done, on_error)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        if self.synchronous:
            try:
                result = fn()
            except BaseException as exc:
                self._on_failed(job_id, exc, traceback.format_exc())
            else:
                self._on_finished(job_id, result)
        else:
            self._pool.start(_Job(job_id, fn, self._relay))
        return job_id

    def cancel_pending(self) -> None:
        self._pool.clear()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: Any) -> None:
        on_done, _ = self._callbacks.pop(job_id, (None, None))
        if not self._callbacks:
            self.busy_changed.emit(False)
        if on_done is not None:
            on_done(result)

    @Slot(int, object, str)
    def _on_failed(self, job_id: int, exc: BaseException, tb: str) -> None:
        _, on_error = self._callbacks.pop(job_id, (None, None))
        if not self._callbacks:
            self.busy_changed.emit(False)
        if on_error is not None:
            on_error(exc, tb)
        else:
            from ketluan_desktop.ui.errors import report_exception

            report_exception(exc, tb)

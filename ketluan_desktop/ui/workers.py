"""The one background path for database work: one job at a time, results back on the UI thread.

``run`` is for actions (save, import, export): every job runs and reports. ``query`` is for what a
screen shows: jobs carry a key (the screen and what it asks), and a newer query with the same key
supersedes the older one — a query still waiting is dropped, a running one is stopped (SQLite is
interrupted through ``core.db.cancel``) and whatever it returns is thrown away. So a new keystroke
cancels the previous search and a stale result never reaches the screen. A read known to take
seconds (the reminders over a million procedures) goes to a lane of its own (``slow=True``), so
the lists' quick reads never queue behind it; both lanes only read, so SQLite lets them overlap.

Signals live on the long-lived runner, never on the job, so a window closing while a job runs does
not receive into a deleted object. Tests switch ``synchronous`` on to run jobs inline (the stall
guard does not count that time: in the app it is the background thread's).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ketluan_desktop.ui import stall_guard

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object, str)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner holds it until it reports (``tryTake`` needs it)
        self.job_id, self.fn, self.relay = job_id, fn, relay
        from ketluan_desktop.core.db.cancel import CancelToken

        self.flag = CancelToken()  # set: cancelled (its running SQL interrupted)

    def execute(self) -> tuple[bool, Any, str]:
        from ketluan_desktop.core.db import cancel

        try:
            with cancel.cancellable(self.flag):
                return True, self.fn(), ""
        except BaseException as exc:  # delivered to the UI thread, which decides what to show
            return False, exc, traceback.format_exc()

    def run(self) -> None:
        ok, value, tb = self.execute()
        if ok:
            self.relay.finished.emit(self.job_id, value)
        else:
            self.relay.failed.emit(self.job_id, value, tb)


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    synchronous = False  # tests set it on the instance or the class

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # database work is serialised
        self._slow = QThreadPool(self)
        self._slow.setMaxThreadCount(1)  # long reads: one at a time, beside the main lane
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._jobs: dict[int, tuple[_Job, QThreadPool]] = {}
        self._latest: dict[Hashable, int] = {}  # query key -> the job whose result counts
        self._keys: dict[int, Hashable] = {}
        self._next = 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
    ) -> int:
        """An action: it runs to its end and reports, whatever else is asked meanwhile."""
        return self._submit(fn, on_done, on_error, None, self._pool)

    def query(
        self,
        key: Hashable,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None] | None = None,
        *,
        slow: bool = False,
    ) -> int:
        """A read for a screen; a newer query with the same ``key`` supersedes this one.
        ``slow``: a read of seconds, run in its own lane (it must not write)."""
        self.cancel(key)
        return self._submit(fn, on_done, on_error, key, self._slow if slow else self._pool)

    def cancel(self, key: Hashable) -> None:
        """Drop the query of ``key`` still waiting, stop the one running; neither reports."""
        job_id = self._latest.pop(key, None)
        if job_id is None:
            return
        entry = self._jobs.get(job_id)
        if entry is None:
            return
        job, pool = entry
        job.flag.set()
        if pool.tryTake(job):  # had not started
            self._forget(job_id)

    def _submit(
        self, fn, on_done, on_error, key: Hashable | None, pool: QThreadPool | None = None
    ) -> int:
        self._next += 1
        job_id = self._next
        self._callbacks[job_id] = (on_done, on_error)
        if key is not None:
            self._latest[key] = job_id
            self._keys[job_id] = key
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        job = _Job(job_id, fn, self._relay)
        if self.synchronous:
            with stall_guard.excluded():
                ok, value, tb = job.execute()
            with stall_guard.separate("a background result delivered"):
                if ok:
                    self._on_finished(job_id, value)
                else:
                    self._on_failed(job_id, value, tb)
        else:
            pool = pool or self._pool
            self._jobs[job_id] = (job, pool)
            pool.start(job)
        return job_id

    def cancel_pending(self) -> None:
        """Drop or stop every query (a window closing); actions (writes) still run to their end.
        A query that has already ended but whose result waits in the event queue is no longer
        the latest of its key, so its result is dropped when it arrives (not shown in a closing
        window's widgets)."""
        for job_id, (job, pool) in list(self._jobs.items()):
            key = self._keys.get(job_id)
            if key is None:
                continue
            job.flag.set()
            if pool.tryTake(job):
                self._forget(job_id)
            elif self._latest.get(key) == job_id:
                del self._latest[key]

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs) and self._slow.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    # -- results, on the UI thread ------------------------------------------------------------------
    def _forget(self, job_id: int) -> tuple[Callable | None, Callable | None, bool]:
        """Remove a job; (on_done, on_error, whether its result still counts)."""
        self._jobs.pop(job_id, None)
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        key = self._keys.pop(job_id, None)
        current = key is None or self._latest.get(key) == job_id
        if key is not None and current:
            del self._latest[key]
        if not self._callbacks:
            self.busy_changed.emit(False)
        return on_done, on_error, current

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: Any) -> None:
        on_done, _, current = self._forget(job_id)
        if current and on_done is not None:
            on_done(result)

    @Slot(int, object, str)
    def _on_failed(self, job_id: int, exc: BaseException, tb: str) -> None:
        entry = self._jobs.get(job_id)
        stopped = entry is not None and entry[0].flag.is_set()
        _, on_error, current = self._forget(job_id)
        if not current or stopped:
            log.debug("a superseded query ended with %s", type(exc).__name__)
            return
        if on_error is not None:
            on_error(exc, tb)
        else:
            from ketluan_desktop.ui.errors import report_exception

            report_exception(exc, tb)


def run_from(
    runner: TaskRunner,
    controls,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException, str], None] | None = None,
) -> int:
    """An action started from ``controls`` (buttons, menu actions), which stay disabled until it
    is over: a second click meanwhile cannot start it twice (issue 19: the units import ran
    twice when its button came back as soon as the job was handed over)."""
    import shiboken6

    controls = list(controls)
    for c in controls:
        c.setEnabled(False)

    def release() -> None:
        for c in controls:
            if shiboken6.isValid(c):
                c.setEnabled(True)

    def done(result: Any) -> None:
        release()
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException, tb: str) -> None:
        release()
        if on_error is not None:
            on_error(exc, tb)
        else:
            from ketluan_desktop.ui.errors import report_exception

            report_exception(exc, tb)

    return runner.run(fn, done, failed)


def answer_to(widget, fn: Callable[..., None]) -> Callable[..., None]:
    """``fn`` as a runner callback that does nothing once ``widget`` is gone: a dialog closed
    before its answer arrived drops the answer instead of filling deleted widgets."""
    import shiboken6

    def call(*args: Any) -> None:
        if shiboken6.isValid(widget):
            fn(*args)

    return call


def said_to(widget) -> Callable[[BaseException, str], None]:
    """A runner's ``on_error`` for ``widget``: a refusal of the services (a validation, a
    conflict, a missing row) shown as its Vietnamese message, anything else reported as a fault;
    nothing once ``widget`` is gone."""

    def failed(exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        report_exception(exc, tb, widget)

    return answer_to(widget, failed)

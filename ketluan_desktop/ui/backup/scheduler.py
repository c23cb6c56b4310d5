"""Automatic copies: after the first change of each day, and on closing the window.

Work runs on the scheduler's own background thread (a copy to a slow USB stick must not hold up
the clerk's saves, which have their own runner); the status bar says where the last copy went and
whether the second place was absent, and every ten minutes an absent second place is tried again
and caught up.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from ketluan_desktop.core.text.dates import format_moment
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.workers import TaskRunner

log = logging.getLogger(__name__)

CATCH_UP_MS = 10 * 60 * 1000


class BackupScheduler(QObject):
    automatic = True  # the GUI tests switch it off (tests/ui/conftest.py), backup tests back on
    status_changed = Signal(str)
    _wrote = Signal()  # from whichever thread committed; delivered on the GUI thread

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = TaskRunner(self)
        self.database_id: str | None = None
        self.dirty = False  # changed since the last copy made in this session
        self.busy = False
        self.last_result = None
        self._watcher = None
        self._wrote.connect(self._on_write)
        self.timer = QTimer(self)
        self.timer.setInterval(CATCH_UP_MS)
        self.timer.timeout.connect(self.catch_up)
        ctx.database_replaced.connect(self._watch)

    # -- start ---------------------------------------------------------------------------------
    def start(self) -> None:
        if not self.automatic:
            return
        self._watch()
        self.timer.start()

    def _watch(self) -> None:
        if not self.automatic:
            return
        from ketluan_desktop.core.backup.changes import WriteWatcher

        if self._watcher is not None:
            self._watcher.close()
        self._watcher = WriteWatcher(self.ctx.db.engine, self._wrote.emit)
        db = self.ctx.db

        def first() -> str:
            # The backup engine (~0.2 s of imports) loads here, on the runner's thread, not
            # on the UI thread while the window opens.
            from ketluan_desktop.core.backup.service import ensure_database_id

            return ensure_database_id(db)

        def done(db_id: str) -> None:
            self.database_id = db_id
            self.dirty = False  # writing the id is not the clerk's change
            self.catch_up()

        self.runner.run(first, done, self._failed)

    # -- triggers ------------------------------------------------------------------------------
    def _on_write(self) -> None:
        if self.busy:
            self.dirty = True
            return
        self.dirty = True
        self.maybe_daily()

    def maybe_daily(self) -> None:
        """The day's first change: make a copy unless one was made today already."""
        from ketluan_desktop.core.backup import service

        if self.database_id is None or self.busy:
            return
        if service.has_copy_on(self.database_id, self.ctx.today()):
            return
        self.backup_now(reason="daily")

    def backup_now(self, *, reason: str = "manual", on_done=None) -> None:
        from ketluan_desktop.core.backup import service

        if self.busy:
            return
        self.busy = True
        self.dirty = False
        db, now = self.ctx.db, self.ctx.now()
        self.status_changed.emit(self.tr("Đang sao lưu…"))

        def done(result) -> None:
            self.busy = False
            self.last_result = result
            self.database_id = result.database_id
            log.info("%s backup: %s", reason, [(r.place, r.ok) for r in result.results])
            self.status_changed.emit(self.describe(result))
            if on_done is not None:
                on_done(result)

        def failed(exc, tb) -> None:
            self.busy = False
            self.dirty = True
            self._failed(exc, tb)
            if on_done is not None:
                on_done(None)

        self.runner.run(lambda: service.make_backup(db, now=now), done, failed)

    def catch_up(self) -> None:
        from ketluan_desktop.core.backup import service

        if self.database_id is None or self.busy:
            return
        db_id, now = self.database_id, self.ctx.now()

        def done(outcome) -> None:
            if outcome is None:
                return
            if outcome.ok:
                self.status_changed.emit(
                    self.tr("Đã chép bù bản sao lưu sang nơi thứ hai: {path}").format(
                        path=outcome.path
                    )
                )
            else:
                self.status_changed.emit(self.second_absent_text(outcome.folder))

        self.runner.run(lambda: service.catch_up(db_id, now=now), done, self._failed)

    def on_close(self, timeout_ms: int = 120_000) -> None:
        """A last copy when this session changed something, waited for (the window is closing)."""
        self.timer.stop()
        if self.automatic and self.dirty and not self.busy:
            self.backup_now(reason="closing")
        if self.busy:
            loop = QEventLoop()
            self.runner.busy_changed.connect(lambda busy: None if busy else loop.quit())
            QTimer.singleShot(timeout_ms, loop.quit)
            if self.runner.busy:
                loop.exec()
        self.runner.wait(timeout_ms)
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None

    # -- words ---------------------------------------------------------------------------------
    def second_absent_text(self, folder) -> str:
        return self.tr(
            "Sao lưu: nơi thứ hai ({folder}) đang vắng mặt; bản sao sẽ được chép bù khi có lại."
        ).format(folder=folder)

    def describe(self, result) -> str:
        from ketluan_desktop.core.backup import config

        primary, second = result.result(config.PRIMARY), result.result(config.SECOND)
        at = _hhmm(result.taken_at)
        if primary is None or not primary.ok:
            return self.tr("Sao lưu lúc {at} KHÔNG thành công: {why}").format(
                at=at, why=primary.problem if primary else ""
            )
        if second is None:
            return self.tr("Đã sao lưu lúc {at} (chưa chọn nơi sao lưu thứ hai).").format(at=at)
        if not second.ok:
            return self.second_absent_text(second.folder)
        return self.tr("Đã sao lưu lúc {at} vào cả hai nơi.").format(at=at)

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.core.errors import KetLuanError

        message = exc.message if isinstance(exc, KetLuanError) else f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, KetLuanError):
            log.error("backup job failed: %s\n%s", exc, tb)
        self.status_changed.emit(self.tr("Sao lưu chưa được: {why}").format(why=message))


def _hhmm(dt: datetime) -> str:
    return format_moment(dt, time_first=True)

"""What every screen needs: the database, the background runner, the clock, and change signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ketluan_desktop.ui.workers import TaskRunner

if TYPE_CHECKING:  # the database layer (SQLAlchemy) loads after the window is on screen
    from ketluan_desktop.core.db import Database


def _local_now() -> datetime:
    from ketluan_desktop.core.clock import office_now

    return office_now()


class AppContext(QObject):
    """Screens redraw from ``changed(area)`` instead of polling: "documents", "tasks", "members"…"""

    changed = Signal(str)
    database_replaced = Signal()

    def __init__(self, db: Database, clock: Callable[[], datetime] = _local_now) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.runner = TaskRunner(self)
        # A workspace's first data read at start-up before the database layer was loaded
        # (``startup.FirstScreen``): {workspace: (today, values, reminder counts or None)},
        # taken by its first load.
        self.prefetched: dict[str, tuple] = {}
        # The start-up notice read with it (``tasks/notice_values.TaskNotice``), shown with the
        # first screen rather than pushing it down once the database layer is loaded.
        self.prefetched_notice = None
        # New drafts stored on the runner whose editor has not opened yet: the window's close
        # removes the ones it will never open (``documents.opening.drop_unopened_drafts``).
        self.unopened_drafts: set[int] = set()
        self.closing = False

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def notify(self, *areas: str) -> None:
        for a in areas:
            self.changed.emit(a)

    def replace_database(self, db: Database) -> None:
        old = self.db
        self.db = db
        old.dispose()
        self.database_replaced.emit()

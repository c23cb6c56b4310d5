"""Fixtures of the task screens: the demo office seen on a chosen day, files never really opened."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

VN = timezone(timedelta(hours=7))
BEFORE = datetime(2024, 12, 1, 9, 0, tzinfo=VN)  # five of eight tasks' deadline a month away
DUE_WEEK = datetime(2024, 12, 27, 9, 0, tzinfo=VN)  # deadline 31/12/2024 within 7 days
AFTER = datetime(2025, 1, 15, 9, 0, tzinfo=VN)  # the clock set to 2025: all eight overdue


@pytest.fixture(autouse=True)
def opened_files(monkeypatch):
    from ketluan_desktop.ui.tasks import common

    opened: list[str] = []
    monkeypatch.setattr(common, "open_path", lambda p: opened.append(str(p)) or True)
    return opened


@pytest.fixture
def window_at(qtbot):
    """A main window whose clock reads ``when`` (nothing reads the real clock)."""
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.main_window import MainWindow

    create_application()

    def make(database, when: datetime):
        from ketluan_desktop.ui import stall_guard

        ctx = AppContext(database, clock=lambda: when)
        with stall_guard.excluded():  # start-up: measured by bench_startup.py, not a loop stall
            w = MainWindow(ctx)
            qtbot.addWidget(w)
            with qtbot.waitExposed(w):
                w.show()
        qtbot.waitUntil(lambda: w.task_notice.notice is not None, timeout=2000)
        w.show_workspace("tasks")
        return w

    return make

"""GUI fixtures: dialogs never block, background jobs run inline."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    from ketluan_desktop.ui import dialogs

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "exec_dialog", lambda d: shown.append(("dialog", type(d).__name__)) or 0
    )
    monkeypatch.setattr(dialogs, "show_error", lambda p, m, t=None: shown.append(("error", m)))
    monkeypatch.setattr(dialogs, "show_info", lambda p, m, t=None: shown.append(("info", m)))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, m, t=None: True)
    monkeypatch.setattr(
        dialogs, "ask_choice", lambda p, m, t, choices, default: shown.append(("choice", m)) or default
    )
    return shown


@pytest.fixture
def shown_dialogs(_no_modal_dialogs):
    return _no_modal_dialogs


@pytest.fixture(autouse=True)
def _synchronous_runner(monkeypatch):
    from ketluan_desktop.ui.workers import TaskRunner

    monkeypatch.setattr(TaskRunner, "synchronous", True)


@pytest.fixture(autouse=True)
def _no_change_watcher(monkeypatch):
    """Windows do not listen for other workstations' changes unless a test is about it."""
    from ketluan_desktop.ui.change_watcher import ChangeWatcher

    monkeypatch.setattr(ChangeWatcher, "autostart", False)


@pytest.fixture
def make_window(qtbot, now):
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.main_window import MainWindow

    create_application()

    def make(database):
        ctx = AppContext(database, clock=lambda: now)
        w = MainWindow(ctx)
        qtbot.addWidget(w)
        with qtbot.waitExposed(w):
            w.show()
        return w

    return make

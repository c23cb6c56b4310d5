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
        dialogs,
        "ask_choice",
        lambda p, m, t, choices, default: shown.append(("choice", m)) or default,
    )
    return shown


@pytest.fixture
def shown_dialogs(_no_modal_dialogs):
    return _no_modal_dialogs


@pytest.fixture(autouse=True)
def _no_ui_stall(request, qapp):
    """A UI test fails when the UI thread handled one event for over 50 ms (CPU time; work the
    synchronous runner does inline is not counted: in the app it runs in the background). The
    report says which event and where the time went. Opt out with ``allow_ui_stall``."""
    from ketluan_desktop.ui import stall_guard

    guard = stall_guard.install(qapp, for_tests=True)
    guard.take()
    yield
    stalls = guard.take()
    if stalls and "allow_ui_stall" not in request.fixturenames:
        pytest.fail("\n\n".join(s.report() for s in stalls), pytrace=False)


@pytest.fixture
def typing_paused(qtbot):
    """Wait as a user does after typing in a search box: until its pause (150 ms) has passed and
    the query it starts has been answered."""

    def wait() -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def settled() -> bool:
            return not any(
                t.isActive()
                for w in QApplication.topLevelWidgets()
                for t in w.findChildren(QTimer, "debounce")
            )

        qtbot.waitUntil(settled, timeout=5000)

    return wait


@pytest.fixture
def allow_ui_stall():
    """For a test that blocks the UI thread on purpose; say why in a comment where it is used."""


@pytest.fixture(autouse=True)
def _synchronous_runner(monkeypatch):
    from ketluan_desktop.ui.workers import TaskRunner

    monkeypatch.setattr(TaskRunner, "synchronous", True)


@pytest.fixture
def real_runner(monkeypatch):
    """The runner's jobs on its own thread, as in the app (every other UI test runs them inline):
    a test waits for what a user would see (``qtbot.waitUntil``)."""
    from ketluan_desktop.ui.workers import TaskRunner

    monkeypatch.setattr(TaskRunner, "synchronous", False)


@pytest.fixture
def ui_thread_reads(demo_db):
    """The SQL statements run on the UI thread while ``watching["on"]`` (with ``real_runner``,
    a screen that reads through the runner runs none): (statements seen, watching)."""
    import threading

    from sqlalchemy import event

    seen: list[str] = []
    watching = {"on": False}
    main = threading.main_thread()

    def before(_conn, _cursor, statement, *_args):
        if watching["on"] and threading.current_thread() is main:
            seen.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", before)
    yield seen, watching
    event.remove(demo_db.engine, "before_cursor_execute", before)


@pytest.fixture
def unwatched(ui_thread_reads):
    """``unwatched(fn, *args)``: the test's own reads and writes, on its (the UI) thread, not
    counted among the screen's (``ui_thread_reads``)."""
    _seen, watching = ui_thread_reads

    def call(fn, *args):
        was = watching["on"]
        watching["on"] = False
        try:
            return fn(*args)
        finally:
            watching["on"] = was

    return call


@pytest.fixture(autouse=True)
def _no_change_watcher(monkeypatch):
    """Windows do not listen for other workstations' changes unless a test is about it."""
    from ketluan_desktop.ui.change_watcher import ChangeWatcher

    monkeypatch.setattr(ChangeWatcher, "autostart", False)


@pytest.fixture(autouse=True)
def _no_background_imports(monkeypatch):
    """The other workspaces' modules imported ahead (ui/startup.py) are tested in a fresh process
    by tests/ui/test_first_switch.py."""
    from ketluan_desktop.ui import startup

    monkeypatch.setattr(startup, "WARM_IN_BACKGROUND", False)


@pytest.fixture(autouse=True)
def _no_build_ahead(monkeypatch):
    """Workspaces and pages are built when a test shows them; building them ahead on idle
    (ui/workspaces/ahead.py) is tested by tests/ui/test_build_ahead.py."""
    from ketluan_desktop.ui.workspaces import ahead

    monkeypatch.setattr(ahead, "BUILD_AHEAD", False)


@pytest.fixture(autouse=True)
def _no_automatic_backups(monkeypatch):
    """Automatic copies (after each day's first change) are tested in tests/ui/test_backup_ui.py."""
    from ketluan_desktop.ui.backup.scheduler import BackupScheduler

    monkeypatch.setattr(BackupScheduler, "automatic", False)


@pytest.fixture(autouse=True)
def _start_workspace_as_before(request):
    """Windows open where they did before the overview (issue 18): on the meetings, or on the
    workspace saved at the last close. A test of the overview at start-up asks for
    ``overview_at_start``."""
    from ketluan_desktop.ui.preferences import START_LAST, set_start_workspace

    if "overview_at_start" not in request.fixturenames:
        set_start_workspace(START_LAST)


@pytest.fixture
def overview_at_start():
    """The window opens on «Tổng quan», as a new workstation does."""


@pytest.fixture
def make_window(qtbot, now):
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.main_window import MainWindow

    create_application()

    def make(database):
        from ketluan_desktop.ui import stall_guard

        ctx = AppContext(database, clock=lambda: now)
        # Start-up, before the event loop runs, is not a stall of the loop: bench_startup.py
        # measures it (the first window of a session also pays for Qt's font and style caches).
        with stall_guard.excluded():
            w = MainWindow(ctx)
            qtbot.addWidget(w)
            with qtbot.waitExposed(w):
                w.show()
        return w

    return make

"""A first switch only paints (issue 14, «the UI thread only paints»): once the first screen has
its data and the other workspaces' modules are imported, the window builds the other workspaces
and their hidden pages ahead, on idle, one small step at a time, and reads their data through the
runner — so a first click on the rail or on a tab shows rows at once, with no SQL on the UI
thread and no read of its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ketluan_desktop.ui.main_window import WORKSPACE_KEYS


@pytest.fixture
def on_tasks():
    """The window opens on «Nhiệm vụ» (the rail's saved row): the tasks workspace, the largest
    to build (~35 ms of CPU in the app, more under the test guard's own timing of each event),
    is built at start-up; the others ahead."""
    from ketluan_desktop.ui.preferences import ui_settings

    settings = ui_settings()
    before = settings.value("main/workspace")
    settings.setValue("main/workspace", 1)
    yield
    if before is None:
        settings.remove("main/workspace")
    else:
        settings.setValue("main/workspace", before)


@pytest.fixture
def ahead_on(monkeypatch):
    from ketluan_desktop.ui import startup
    from ketluan_desktop.ui.workspaces import ahead

    monkeypatch.setattr(ahead, "BUILD_AHEAD", True)
    monkeypatch.setattr(startup, "WARM_IN_BACKGROUND", True)
    monkeypatch.setattr(startup, "WARM_DELAY_MS", 10)


def _click_rail(qtbot, w, key: str) -> None:
    rail = w.rail
    item = rail.item(WORKSPACE_KEYS.index(key))
    qtbot.mouseClick(
        rail.viewport(), Qt.MouseButton.LeftButton, pos=rail.visualItemRect(item).center()
    )
    assert w.stack.currentIndex() == WORKSPACE_KEYS.index(key)


def _click_tab(qtbot, tabs, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_workspaces_and_pages_are_built_and_read_ahead_so_a_first_click_shows_rows(
    on_tasks, ahead_on, real_runner, allow_ui_stall, make_window, demo_db, qtbot, ui_thread_reads
):
    """allow_ui_stall: the stall budget of real deliveries and of each step built ahead is
    bench_gui_scale's (as in test_real_runner.py): under the test guard, which times every event
    in Python, the largest steps (a workspace, ~30–40 ms of CPU) and a first show come near
    50 ms on a loaded machine. What this test checks is what is built, read and shown, and
    that no SQL runs on the UI thread."""
    from ketluan_desktop.ui.meetings.form import MeetingForm
    from ketluan_desktop.ui.members.member_page import MemberPage
    from ketluan_desktop.ui.members.procedure_page import ProcedurePage
    from ketluan_desktop.ui.tasks.unit_view import UnitView

    seen, watching = ui_thread_reads
    w = make_window(demo_db)
    runner = w.ctx.runner
    first = w.first_workspace()
    assert first == "tasks" and sorted(w._built) == [first]  # the first screen only, at first
    qtbot.waitUntil(lambda: w.ahead.done and not runner.busy, timeout=60_000)

    # Built with no switch: every working area (the overview's charts are built when shown),
    # and the pages each builds when first shown.
    assert sorted(w._built) == sorted({first, "meetings", "tasks", "members", "search"})
    assert w.stack.currentIndex() == WORKSPACE_KEYS.index(first)
    members = w._built["members"]
    assert isinstance(members._built[1], MemberPage)
    assert isinstance(members._built[2], ProcedurePage)
    assert w._built["meetings"].findChildren(MeetingForm)
    assert w._built["tasks"].findChildren(UnitView)
    # ... and their lists read, in the background.
    member_rows = members.member_page.model.rowCount()
    procedure_rows = members.procedure_page.model.rowCount()
    task_rows = w._built["tasks"].model.rowCount()
    assert member_rows > 0 and procedure_rows > 0 and task_rows > 0
    member_pages = members.member_page.model.pages_read
    procedure_pages = members.procedure_page.model.pages_read

    meetings = w._built["meetings"]
    meeting_rows = meetings.meeting_model.rowCount()
    assert meeting_rows > 0

    watching["on"] = True
    _click_tab(qtbot, w.tasks.tabs, 1)  # «Theo đơn vị», built ahead
    assert w.tasks.unit_view.isVisible()
    _click_rail(qtbot, w, "meetings")
    assert meetings.meeting_view.isVisible()
    assert meetings.meeting_model.rowCount() == meeting_rows  # read ahead: there at the click
    _click_tab(qtbot, meetings.meeting_tabs, 1)  # «Thông tin hội nghị»: the form built ahead
    assert meetings.form.isVisible()
    qtbot.waitUntil(lambda: meetings.form.isEnabled() and not runner.busy)
    assert meetings.form.data.id == meetings.current_meeting_id()
    _click_rail(qtbot, w, "members")
    _click_tab(qtbot, members.tabs, 1)  # «Danh sách đảng viên»: its rows there at the click
    page = members.member_page
    assert page.isVisible() and page.model.rowCount() == member_rows
    assert page.model.row_at(0) is not None  # painted from the page read ahead
    _click_tab(qtbot, members.tabs, 2)  # «Thủ tục»
    procs = members.procedure_page
    assert procs.isVisible() and procs.model.rowCount() == procedure_rows
    assert procs.model.row_at(0) is not None
    qtbot.waitUntil(lambda: not runner.busy)
    # No list read again on the click: the pages read ahead are what shows.
    assert page.model.pages_read == member_pages
    assert procs.model.pages_read == procedure_pages
    watching["on"] = False
    assert seen == []  # nothing read on the UI thread, ahead or on the clicks


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_the_notices_task_list_is_built_before_the_other_workspaces_modules_are_imported(
    ahead_on, real_runner, allow_ui_stall, make_window, demo_db, qtbot, monkeypatch
):
    """The start-up notice's buttons open the task list: the likeliest first click. Its modules
    come with the database (``startup.WARM_MODULES``), so it is built as soon as the runner is
    idle — not after the other workspaces' imports (a second or more after the first screen,
    the window frozen 60–120 ms by a click on the notice meanwhile); the others wait for them."""
    import threading

    from ketluan_desktop.ui import startup
    from ketluan_desktop.ui.workspaces import ahead

    assert ahead.NOTICE_TARGET == "tasks"
    assert "ketluan_desktop.ui.workspaces.tasks" in startup.WARM_MODULES
    release = threading.Event()
    monkeypatch.setattr(startup, "import_in_background", lambda names: _held(release))
    w = make_window(demo_db)
    first = w.first_workspace()
    assert first not in ("tasks", "overview")  # the tests' window opens on «Hội nghị»
    try:
        qtbot.waitUntil(lambda: "tasks" in w._built, timeout=60_000)
        tasks = w._built["tasks"]
        qtbot.waitUntil(lambda: tasks.model.rowCount() > 0, timeout=60_000)  # read ahead too
        assert w.warming is not None and w.warming.is_alive()  # the imports not over yet
        assert sorted(w._built) == sorted([first, "tasks"])
        assert not w.ahead.done
    finally:
        release.set()
    qtbot.waitUntil(lambda: w.ahead.done and not w.ctx.runner.busy, timeout=60_000)
    assert sorted(w._built) == ["meetings", "members", "search", "tasks"]
    assert w.stack.currentIndex() == WORKSPACE_KEYS.index(first)  # never switched


def _held(release):
    """A warming thread that ends only once ``release`` is set."""
    import threading

    thread = threading.Thread(target=release.wait, args=(30,), name="warm-modules", daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_a_switch_made_while_it_builds_ahead_is_not_built_twice(
    on_tasks, ahead_on, real_runner, allow_ui_stall, make_window, demo_db, qtbot
):
    """allow_ui_stall: as above."""
    w = make_window(demo_db)
    ws = w.show_workspace("members")  # before the window has begun building ahead
    page = ws.member_page
    qtbot.waitUntil(lambda: w.ahead.done and not w.ctx.runner.busy, timeout=60_000)
    assert w._built["members"] is ws and ws.member_page is page
    assert w.stack.widget(WORKSPACE_KEYS.index("members")) is ws
    assert sorted(w._built) == ["meetings", "members", "search", "tasks"]
    assert w.stack.currentWidget() is ws  # building ahead never switches


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_what_was_built_ahead_is_frozen_out_of_full_collections_once_the_last_step_ran(
    on_tasks, ahead_on, real_runner, allow_ui_stall, make_window, demo_db, qtbot, monkeypatch
):
    """The workspaces built ahead live as long as the window: once the last step has run, they
    are moved out of Python's full collections (a full pass walking them held the interpreter
    47–150 ms in the middle of a search or a sort, bench_gui_scale) — once per process, after
    every step, not before."""
    import gc

    from ketluan_desktop.ui import heap

    events: list[str] = []
    monkeypatch.setattr(heap, "_frozen", True)  # the start-up's freeze: test_overview_opening
    monkeypatch.setattr(heap, "_built_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: events.append("freeze"))
    w = make_window(demo_db)
    qtbot.waitUntil(lambda: w.ahead.steps_run > 0, timeout=60_000)
    assert events == []  # nothing frozen while it builds
    qtbot.waitUntil(lambda: w.ahead.done and not w.ctx.runner.busy, timeout=60_000)
    assert events == ["freeze"]
    assert sorted(w._built) == ["meetings", "members", "search", "tasks"]
    second = make_window(demo_db)  # another window in the same process: nothing frozen again
    qtbot.waitUntil(lambda: second.ahead.done and not second.ctx.runner.busy, timeout=60_000)
    assert events == ["freeze"]


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_workspaces_built_ahead_are_laid_out_so_a_first_switch_only_shows(
    on_tasks, ahead_on, real_runner, allow_ui_stall, make_window, demo_db, qtbot
):
    """Each workspace built ahead, and each hidden page of its tabs, is laid out at the size it
    will be shown at, on idle: the first switch finds every list already at its place and size
    (its show moved nothing), which is what its first show spent 14–28 ms of UI-thread CPU on."""
    w = make_window(demo_db)
    w.resize(1300, 820)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.ahead.done and not w.ctx.runner.busy, timeout=60_000)
    shown = w.stack.currentWidget().size()
    members = w._built["members"]
    assert not members.isVisible() and members.size() == shown
    page = members.member_page
    assert not page.isVisible() and page.size() == members.tabs.currentWidget().size()
    before = {v: v.geometry() for v in (page.view, members.procedure_page.view)}
    assert all(g.width() > 300 and g.height() > 100 for g in before.values())
    _click_rail(qtbot, w, "members")
    _click_tab(qtbot, members.tabs, 1)
    assert page.view.isVisible() and page.view.geometry() == before[page.view]
    _click_tab(qtbot, members.tabs, 2)
    procs = members.procedure_page.view
    assert procs.isVisible() and procs.geometry() == before[procs]

"""Start-up's plain read of the first screen (issue 14): on an existing SQLite file the overview's
data is read through ``sqlite3`` while SQLAlchemy loads, equals the ORM path's, and the page
shows it without reading again; anything else is left to the ordinary read."""

from __future__ import annotations

import shutil

import pytest

from ketluan_desktop.core.clock import office_now
from ketluan_desktop.core.members.overview import reminder_counts
from ketluan_desktop.core.overview import screen
from ketluan_desktop.core.overview.first_screen_sql import read_first_screen
from ketluan_desktop.core.periods import current_half_year
from ketluan_desktop.core.tasks import due_notice
from ketluan_desktop.core.tasks.overview import TaskScope
from ketluan_desktop.ui import startup


@pytest.fixture
def demo_file(tmp_path, _demo_template):
    path = tmp_path / "Văn phòng" / "demo.db"
    path.parent.mkdir()
    shutil.copyfile(_demo_template, path)
    return path


def test_the_early_read_gives_the_orm_paths_values(demo_file):
    from ketluan_desktop.core.db import open_database

    early = startup.read_first_screen_early(str(demo_file), demo=False, first="overview")
    assert early is not None
    assert early.checked.wait(10)  # the opening thread's open_database waits for this
    workspace, today, data, counts, notice = early.result()
    assert workspace == "overview" and today == office_now().date()
    db = open_database(demo_file)
    try:
        start, end = current_half_year(today)
        orm = screen.load_overview(db, today=today, start=start, end=end, scope=TaskScope())
        with db.session() as s:
            orm_counts = reminder_counts(s, today)
            orm_notice = due_notice.notice(s, today=today)
    finally:
        db.dispose()
    assert data == orm
    assert counts == orm_counts  # the reminders' counters read beside it
    assert notice is not None and notice == orm_notice  # and the start-up notice


def test_what_the_early_read_leaves_to_the_ordinary_path(demo_file, tmp_path):
    assert startup.read_first_screen_early(str(demo_file), demo=True, first="overview") is None
    assert startup.read_first_screen_early(str(demo_file), demo=False, first="tasks") is None
    assert (
        startup.read_first_screen_early(str(tmp_path / "chưa có.db"), demo=False, first="overview")
        is None
    )
    url = "postgresql://localhost/ketluan"
    assert startup.read_first_screen_early(url, demo=False, first="overview") is None
    not_db = tmp_path / "ghi chú.db"
    not_db.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    early = startup.read_first_screen_early(str(not_db), demo=False, first="overview")
    assert early is not None and early.result() is None  # open_database refuses it, as today


@pytest.mark.sqlite_only
def test_the_page_shows_the_prefetched_data_without_reading_again(
    real_runner, make_window, demo_db, qtbot, monkeypatch
):
    from ketluan_desktop.ui.preferences import set_start_workspace

    reads: list[str] = []
    real = screen.load_overview
    monkeypatch.setattr(
        screen, "load_overview", lambda *a, **k: reads.append("orm") or real(*a, **k)
    )
    set_start_workspace("tasks")
    w = make_window(demo_db)
    w.resize(1360, 1000)
    today = w.ctx.today()
    rows = read_first_screen(demo_db.location.path, today)
    assert rows is not None
    prefetched = screen.assemble_first_screen(rows)
    w.ctx.prefetched["overview"] = (today, prefetched, None)
    page = w.show_workspace("overview").page
    qtbot.waitUntil(lambda: all(p.view.shown for p in page.views.values()), timeout=10_000)
    qtbot.waitUntil(lambda: all(c.number.text() != "…" for c in page.cards.values()))
    w.ctx.runner.wait(10_000)
    assert reads == [] and page.data is prefetched
    assert "overview" not in w.ctx.prefetched  # taken once: a refresh reads the database
    assert page.oldest.rowCount() == len(prefetched["tasks"].oldest) > 0
    page.reload_all()
    qtbot.waitUntil(lambda: reads == ["orm"], timeout=10_000)
    w.ctx.runner.wait(10_000)
    assert page.data == prefetched


@pytest.mark.sqlite_only
def test_prefetched_data_for_another_day_is_not_shown(
    real_runner, make_window, demo_db, qtbot, monkeypatch
):
    from datetime import timedelta

    from ketluan_desktop.ui.preferences import set_start_workspace

    reads: list[str] = []
    real = screen.load_overview
    monkeypatch.setattr(
        screen, "load_overview", lambda *a, **k: reads.append("orm") or real(*a, **k)
    )
    set_start_workspace("tasks")
    w = make_window(demo_db)
    yesterday = w.ctx.today() - timedelta(days=1)
    rows = read_first_screen(demo_db.location.path, yesterday)
    assert rows is not None
    w.ctx.prefetched["overview"] = (yesterday, screen.assemble_first_screen(rows), {"badge_due": 1})
    page = w.show_workspace("overview").page
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    w.ctx.runner.wait(10_000)
    assert reads and page.data["tasks"].today == w.ctx.today()  # read again, for today
    qtbot.waitUntil(lambda: page.reminder_counts != {}, timeout=10_000)
    with demo_db.session() as s:
        assert page.reminder_counts == reminder_counts(s, w.ctx.today())  # counted again too


@pytest.mark.sqlite_only
def test_prefetched_counts_are_shown_with_the_charts_never_as_zeros(
    real_runner, make_window, demo_db, qtbot, monkeypatch
):
    """The counters read at start-up are on the cards from the first paint: no count through the
    ORM, and no card showing a number it has not read (``…`` until then, otherwise)."""
    import ketluan_desktop.core.members.overview as members_overview
    from ketluan_desktop.ui.preferences import set_start_workspace

    counted: list[str] = []
    real = members_overview.reminder_counts
    monkeypatch.setattr(
        members_overview, "reminder_counts", lambda *a: counted.append("orm") or real(*a)
    )
    set_start_workspace("tasks")
    w = make_window(demo_db)
    w.resize(1360, 1000)
    today = w.ctx.today()
    rows = read_first_screen(demo_db.location.path, today, reminders=True)
    assert rows is not None and rows.reminders is not None
    with demo_db.session() as s:
        assert rows.reminders == real(s, today) and sum(rows.reminders.values()) > 0
    w.ctx.prefetched["overview"] = (today, screen.assemble_first_screen(rows), rows.reminders)
    page = w.show_workspace("overview").page
    assert page.reminder_counts == rows.reminders
    assert all(c.number.text() != "…" for c in page.cards.values())
    qtbot.waitUntil(lambda: all(p.view.shown for p in page.views.values()), timeout=10_000)
    qtbot.wait(1200)  # past REMINDERS_LATEST_MS: nothing counts them again
    w.ctx.runner.wait(10_000)
    assert counted == []
    page.reload_all()  # a refresh counts through the database
    assert all(c.number.text() == "…" for c in page.cards.values())
    qtbot.waitUntil(lambda: counted == ["orm"], timeout=10_000)


def test_the_overview_is_painted_with_its_data_before_the_orm_is_loaded(demo_file, tmp_path):
    """A fresh start on an existing file: the overview is painted with the plain read's values
    while the database layer is still loading (no ORM in the process yet), the rest of the
    window attached after it — and the screen it ends on is the same overview, with its rows."""
    import os
    import subprocess
    import sys

    from ketluan_desktop.ui.preferences import ui_settings

    settings = ui_settings()
    settings.setValue("main/workspace", 4)  # Tổng quan (the default, said here)
    settings.sync()
    probe = tmp_path / "probe.txt"
    r = subprocess.run(
        [sys.executable, "-m", "ketluan_desktop", "--db", str(demo_file), "--startup-probe",
         str(probe)],
        capture_output=True, text=True, timeout=180, env={**os.environ},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    shown = dict(line.split(maxsplit=1) for line in probe.read_text().splitlines())
    assert shown["workspace"] == "overview" and int(shown["rows"]) > 0
    assert shown["orm"] == "no"  # painted before SQLAlchemy's ORM was imported
    assert float(shown["window"]) < float(shown["ready"]) < float(shown["attached"])


def _shown_early(demo_db, qtbot, now):
    """Start-up's first half, as ``startup`` runs it: the frame, then the overview shown with
    the plain read's values before the database is attached. (window, its context, the rows,
    the overview workspace)."""
    from typing import Any, cast

    from ketluan_desktop.ui import stall_guard
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.main_window import MainWindow
    from ketluan_desktop.ui.preferences import set_start_workspace

    create_application()
    set_start_workspace("overview")
    ctx = AppContext(cast(Any, None), clock=lambda: now)
    today = ctx.today()
    rows = read_first_screen(demo_db.location.path, today, reminders=True)
    assert rows is not None
    ctx.prefetched["overview"] = (today, screen.assemble_first_screen(rows), rows.reminders)
    with stall_guard.excluded():  # start-up, as make_window's
        w = MainWindow()
        qtbot.addWidget(w)
        with qtbot.waitExposed(w):
            w.show()
        ws = w.show_early(ctx)
    return w, ctx, rows, ws


@pytest.mark.sqlite_only
def test_a_period_asked_before_the_database_is_open_is_read_once_it_is(
    real_runner, demo_db, qtbot, now, monkeypatch
):
    """The overview shown early (``MainWindow.show_early``) reads nothing while the database
    layer loads: another period chosen meanwhile is read once ``attach`` has the database, and the
    menus wait for it."""
    from ketluan_desktop.core.periods import report_periods

    reads: list[str] = []
    real = screen.load_overview
    monkeypatch.setattr(
        screen, "load_overview", lambda *a, **k: reads.append("orm") or real(*a, **k)
    )
    w, ctx, rows, ws = _shown_early(demo_db, qtbot, now)
    today = ctx.today()
    assert rows.reminders is not None
    assert ws is not None and w.ctx is None and not w.menuBar().isEnabled()
    page = ws.page
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    assert page.reminder_counts == rows.reminders
    earlier = report_periods(today)[1]
    page.set_period(earlier.start, earlier.end)
    qtbot.wait(50)
    ctx.runner.wait(10_000)
    assert reads == [] and page.data["procedures"].start != earlier.start  # nothing read yet
    ctx.db = demo_db
    w.attach(ctx)
    assert w.menuBar().isEnabled() and w.stack.currentWidget() is ws
    qtbot.waitUntil(lambda: reads == ["orm"], timeout=10_000)
    ctx.runner.wait(10_000)
    qtbot.waitUntil(lambda: page.data["procedures"].start == earlier.start, timeout=10_000)


@pytest.mark.sqlite_only
def test_a_workspace_chosen_on_the_rail_before_the_database_is_open_opens_then(
    real_runner, demo_db, qtbot, now
):
    """The rail takes a click from the first paint on: chosen while the database layer loads, the
    workspace is named in the status bar and opens as soon as ``attach`` has the database (the
    click used to fall on a rail that looked live and ignored it). The overview shown early is
    linked when it is shown again."""
    from PySide6.QtCore import Qt

    from ketluan_desktop.ui.main_window import WORKSPACE_KEYS

    w, ctx, _rows, early = _shown_early(demo_db, qtbot, now)
    assert early is not None and w.stack.currentWidget() is early
    rail = w.rail
    item = rail.item(WORKSPACE_KEYS.index("tasks"))
    qtbot.mouseClick(rail.viewport(), Qt.MouseButton.LeftButton,
                     pos=rail.visualItemRect(item).center())  # fmt: skip
    assert rail.currentRow() == WORKSPACE_KEYS.index("tasks")
    assert w.stack.currentWidget() is early and sorted(w._built) == ["overview"]  # not yet
    assert "«Nhiệm vụ» sẽ mở ngay khi cơ sở dữ liệu sẵn sàng" in w.statusBar().currentMessage()
    ctx.db = demo_db
    w.attach(ctx)
    assert w.statusBar().currentMessage() == ""
    assert w.stack.currentIndex() == WORKSPACE_KEYS.index("tasks")
    tasks = w._built["tasks"]
    qtbot.waitUntil(lambda: tasks.model.rowCount() > 0, timeout=10_000)  # read, and shown
    assert w._early == "overview"  # hidden, not linked yet
    item = rail.item(WORKSPACE_KEYS.index("overview"))
    qtbot.mouseClick(rail.viewport(), Qt.MouseButton.LeftButton,
                     pos=rail.visualItemRect(item).center())  # fmt: skip
    assert w.stack.currentWidget() is early and w._early is None  # linked on its show
    ctx.runner.wait(10_000)


def _args(db, **over):
    import argparse

    base = {"db": str(db), "demo": False, "screenshot": None, "self_test": False}
    return argparse.Namespace(**{**base, **over})


def test_the_read_begun_before_the_window_is_taken_over_not_read_again(
    demo_file, qtbot, monkeypatch
):
    """``begin_first_read`` starts the read before Qt's widgets load; the opening thread takes
    that read over (a second read would double the cold file's page reads) and hands its values
    to the window whether it finished before or after the hand-over."""
    from ketluan_desktop.ui.preferences import set_start_workspace

    set_start_workspace("overview")
    begun = startup.begin_first_read(_args(demo_file))
    assert begun is not None and begun.workspace == "overview"
    assert begun.result() is not None  # finished before the hand-over: told at once
    monkeypatch.setattr(
        startup, "read_first_screen_early", lambda *a, **k: pytest.fail("read a second time")
    )
    got: list[tuple] = []
    opened: list = []
    relay = startup.open_in_background(
        str(demo_file), demo=False, create=False, first="overview", begun=begun,
        first_ready=lambda found: (got.append(found), relay.early_painted.set()),
        opened=opened.append,
        failed=lambda exc, tb: pytest.fail(tb),
    )  # fmt: skip
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    try:
        assert len(got) == 1
        workspace, today, values, counts, notice = got[0]
        assert workspace == "overview" and today == office_now().date()
        assert values == begun.result().values and counts is not None
        assert notice is not None and notice.overdue > 0  # the demo office has late tasks
        assert sum(values["tasks"].totals().values()) > 0  # the demo office's tasks, really read
    finally:
        opened[0].dispose()


def test_no_read_begins_where_the_window_opens_elsewhere(demo_file):
    from ketluan_desktop.ui.preferences import set_start_workspace

    set_start_workspace("tasks")
    assert startup.begin_first_read(_args(demo_file)) is None
    set_start_workspace("overview")
    assert startup.begin_first_read(_args(demo_file, demo=True)) is None  # loads its data first
    assert startup.begin_first_read(_args(demo_file, screenshot="ảnh")) is None


def test_a_read_still_running_tells_the_window_when_it_ends(demo_file, monkeypatch):
    """``on_ready`` before the read has finished: the read's own thread calls it."""
    import threading

    gate = threading.Event()
    told: list[tuple] = []
    real_read = startup.FirstScreen._read

    def held(self, path):
        gate.wait(10)
        real_read(self, path)

    monkeypatch.setattr(startup.FirstScreen, "_read", held)
    early = startup.FirstScreen(demo_file, "overview")
    early.on_ready(told.append)
    assert told == []  # still held at the gate
    gate.set()
    assert early.result() is not None
    assert len(told) == 1 and told[0][0] == "overview" and told[0][3] is not None


@pytest.mark.sqlite_only
def test_the_task_notice_comes_with_the_first_screen_and_nothing_moves_after(
    real_runner, demo_db, qtbot, now
):
    """The notice bar («Có 08 nhiệm vụ quá hạn») is read beside the first screen and shown with
    it: attaching the rest of the window, and the notice's own count then, leave the overview
    where it was painted (it used to be pushed down by the bar half a second later)."""
    import importlib
    from typing import Any, cast

    from PySide6.QtCore import QPoint, Qt

    from ketluan_desktop.core.overview.first_screen import assemble_notice
    from ketluan_desktop.ui import stall_guard
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.main_window import MainWindow
    from ketluan_desktop.ui.preferences import set_start_workspace

    create_application()
    set_start_workspace("overview")
    for name in startup.later_modules("overview"):  # as the window has them loaded ahead
        importlib.import_module(name)
    ctx = AppContext(cast(Any, None), clock=lambda: now)
    today = ctx.today()
    rows = read_first_screen(demo_db.location.path, today, reminders=True)
    assert rows is not None
    ctx.prefetched["overview"] = (today, screen.assemble_first_screen(rows), rows.reminders)
    ctx.prefetched_notice = assemble_notice(rows)
    assert ctx.prefetched_notice is not None and ctx.prefetched_notice.overdue > 0
    with stall_guard.excluded():  # start-up, as make_window's
        w = MainWindow()
        qtbot.addWidget(w)
        w.resize(1360, 860)
        with qtbot.waitExposed(w):
            w.show()
        ws = w.show_early(ctx)
    assert ws is not None and w.ctx is None
    qtbot.waitUntil(lambda: ws.page.data is not None, timeout=10_000)
    bar = w.task_notice
    assert bar is not None and bar.isVisible()
    text = bar.label.text()
    assert text.startswith(f"Có {ctx.prefetched_notice.overdue:02d} nhiệm vụ quá hạn")
    assert bar.overdue_btn.isVisible() and not bar.overdue_btn.isEnabled()  # until attached
    painted_at = ws.mapTo(w, QPoint(0, 0)).y()
    counted: list = []
    shown = bar.show_notice
    bar.show_notice = lambda notice: (counted.append(notice), shown(notice))  # type: ignore[method-assign]
    ctx.db = demo_db
    w.attach(ctx)
    assert w.task_notice is bar  # the same bar, not a second one
    assert bar.overdue_btn.isEnabled()
    qtbot.waitUntil(lambda: bool(counted), timeout=10_000)  # the notice's own count, via the ORM
    qtbot.wait(50)
    assert counted == [ctx.prefetched_notice]  # agrees with the early one
    assert bar.isVisible() and bar.label.text() == text
    with stall_guard.excluded():  # built ahead on idle by the window (``workspaces/ahead.py``)
        w.tasks  # noqa: B018
    qtbot.mouseClick(bar.overdue_btn, Qt.MouseButton.LeftButton)  # a real click: the late tasks
    assert w.stack.currentWidget() is w.tasks
    qtbot.waitUntil(lambda: w.tasks.model.rowCount() == ctx.prefetched_notice.overdue)
    assert ws.mapTo(w, QPoint(0, 0)).y() == painted_at  # the page did not move

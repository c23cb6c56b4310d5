"""«Tổng quan» opened with the real background thread (as in the app): its data is read once,
starting while the page is being built; the reminders' counters are read after the charts are
painted; closing the window while the scans run leaves no read behind."""

from __future__ import annotations

import threading

import pytest

from ketluan_desktop.core.overview import screen
from ketluan_desktop.core.tasks.overview import TaskScope, task_overview


@pytest.fixture
def real_runner(monkeypatch):
    from ketluan_desktop.ui.workers import TaskRunner

    monkeypatch.setattr(TaskRunner, "synchronous", False)


@pytest.fixture
def loads(monkeypatch):
    """The thread of each ``load_overview`` call."""
    calls: list[str] = []
    real = screen.load_overview

    def counted(*args, **kwargs):
        calls.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(screen, "load_overview", counted)
    return calls


def test_the_first_opening_reads_once_and_counts_reminders_after_the_charts(
    real_runner, loads, make_window, demo_db, now, qtbot, monkeypatch
):
    from ketluan_desktop.ui.overview import page as page_module
    from ketluan_desktop.ui.overview.page import OverviewPage
    from ketluan_desktop.ui.preferences import set_start_workspace

    order: list[str] = []
    real_reminders = OverviewPage.reload_reminders

    def reminders_asked(page):
        order.append("reminders" if all(p.view.shown for p in page.views.values()) else "early")
        real_reminders(page)

    monkeypatch.setattr(OverviewPage, "reload_reminders", reminders_asked)
    # The counters come anyway after a second without the charts' paint (a page out of sight);
    # a loaded full run once took longer than that to repaint after the refresh: "early".
    monkeypatch.setattr(page_module, "REMINDERS_LATEST_MS", 20_000)
    set_start_workspace("tasks")
    w = make_window(demo_db)
    w.resize(1360, 1000)  # room for all four charts: one below the fold is painted only when seen
    ws = w.show_workspace("overview")
    page = ws.page
    qtbot.waitUntil(lambda: all(p.view.shown for p in page.views.values()), timeout=10_000)
    qtbot.waitUntil(lambda: all(c.number.text() != "…" for c in page.cards.values()))
    w.ctx.runner.wait(10_000)
    assert len(loads) == 1 and loads[0] != threading.current_thread().name
    assert order == ["reminders"]
    with demo_db.session() as s:
        o = task_overview(s, TaskScope(), today=now.date())
    assert page.data["tasks"] == o

    page.reload_all()  # a refresh reads again, and recounts after painting again
    qtbot.waitUntil(lambda: len(loads) == 2 and len(order) == 2, timeout=10_000)
    assert order == ["reminders", "reminders"]
    w.ctx.runner.wait(10_000)


def test_closing_while_the_scans_run_leaves_no_read_behind(
    real_runner, make_window, demo_db, qtbot, monkeypatch
):
    from ketluan_desktop.ui.preferences import set_start_workspace

    running, release = threading.Event(), threading.Event()
    ended: list[str] = []
    real = screen.load_overview

    def slow(db, **kwargs):
        running.set()
        try:
            release.wait(10)
            return real(db, **kwargs)
        finally:
            ended.append(threading.current_thread().name)

    monkeypatch.setattr(screen, "load_overview", slow)
    set_start_workspace("tasks")
    w = make_window(demo_db)
    w.show_workspace("overview")
    assert running.wait(10)
    w.ctx.runner.cancel_pending()  # what closing the window does
    release.set()
    assert w.ctx.runner.wait(10_000)
    assert len(ended) == 1
    assert demo_db.engine.pool.checkedout() == 0  # every scan stopped and gave its connection


def test_the_start_up_heap_is_frozen_once_before_the_first_screen_reads(
    real_runner, make_window, demo_db, overview_at_start, qtbot, monkeypatch
):
    """Python's full collection walks every object alive (~100,000 after start-up, ~50 ms holding
    the interpreter): the first screen's reads set one off in the middle of the opening unless the
    start-up's objects are frozen out of it first — once, when the window attaches."""
    import gc

    from ketluan_desktop.ui import heap

    events: list[str] = []
    monkeypatch.setattr(heap, "_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: events.append("freeze"))
    real = screen.load_overview

    def read(*args, **kwargs):
        events.append("read")
        return real(*args, **kwargs)

    monkeypatch.setattr(screen, "load_overview", read)
    w = make_window(demo_db)
    qtbot.waitUntil(lambda: w.overview.page.data is not None, timeout=10_000)
    w.ctx.runner.wait(10_000)
    second = make_window(demo_db)  # another window in the same process: nothing frozen again
    qtbot.waitUntil(lambda: second.overview.page.data is not None, timeout=10_000)
    second.ctx.runner.wait(10_000)
    assert events == ["freeze", "read", "read"]


def test_the_collector_waits_out_the_start_up_until_the_freeze(make_window, demo_db, monkeypatch):
    """The start-up's imports make objects that all live on: the young generation is large until
    the freeze at attach, then the thresholds are as they were (garbage collected as usual)."""
    import gc

    from ketluan_desktop.ui import heap

    monkeypatch.setattr(heap, "_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    before = gc.get_threshold()
    monkeypatch.setattr(gc, "set_threshold", lambda *t: seen.append(t))  # the test process's own
    seen: list[tuple] = []
    heap.relax_until_frozen()
    heap.relax_until_frozen()  # once
    assert seen == [heap.STARTUP_GC]
    make_window(demo_db)
    assert seen == [heap.STARTUP_GC, before]
    heap.relax_until_frozen()  # after the freeze: nothing to relax
    assert seen == [heap.STARTUP_GC, before]


def test_the_first_opening_is_painted_once_with_its_data(
    real_runner, make_window, demo_db, now, qtbot, monkeypatch
):
    """While the data is read the page paints nothing (the window keeps what it showed): no
    empty chart, no frame first; its first paint has every chart built with the services'
    numbers. A refresh too paints its charts once all four are rebuilt, not one by one."""
    from ketluan_desktop.ui.overview.chart_view import ChartView
    from ketluan_desktop.ui.preferences import set_start_workspace

    pages: list = []
    paints: list[bool] = []  # at each chart's paint: were the four charts built?
    held: list[bool] = []  # at each chart's build: were the page's paints held back?
    real_paint, real_build = ChartView.paintEvent, ChartView._build

    def paint(view, event):
        paints.append(all(p.view.built for p in pages[0].views.values()))
        real_paint(view, event)

    def build(view):
        held.append(not pages[0].updatesEnabled())
        real_build(view)

    monkeypatch.setattr(ChartView, "paintEvent", paint)
    monkeypatch.setattr(ChartView, "_build", build)
    set_start_workspace("tasks")
    w = make_window(demo_db)
    w.resize(1360, 1000)  # room for all four charts: one below the fold is painted only when seen
    page = w.show_workspace("overview").page
    pages.append(page)
    assert not page.updatesEnabled() and page.data is None
    qtbot.waitUntil(lambda: all(p.view.shown for p in page.views.values()), timeout=10_000)
    assert paints and all(paints) and page.updatesEnabled()
    assert held == [True] * 4
    with demo_db.session() as s:
        o = task_overview(s, TaskScope(), today=now.date())
    units = page.views["units"].view.chart().series()[0]
    drawn = {b.label(): [b.at(i) for i in range(b.count())][::-1] for b in units.barSets()}
    assert drawn["Quá hạn"] == [float(u.counts["overdue"]) for u in o.units]
    qtbot.waitUntil(lambda: all(c.number.text() != "…" for c in page.cards.values()))
    w.ctx.runner.wait(10_000)

    paints.clear()
    held.clear()
    before = page.data
    page.reload_all()
    qtbot.waitUntil(
        lambda: page.data is not before and all(p.view.shown for p in page.views.values()),
        timeout=10_000,
    )
    assert paints and all(paints) and page.updatesEnabled()
    assert held == [True] * 4  # whatever else the event loop handles between the builds
    qtbot.waitUntil(lambda: all(c.number.text() != "…" for c in page.cards.values()))
    w.ctx.runner.wait(10_000)


def test_a_slow_first_reading_shows_the_frame_meanwhile(
    real_runner, make_window, demo_db, qtbot, monkeypatch
):
    """Data slower than a quarter of a second (a distant server): the page's frame is painted
    meanwhile, then its charts when the data comes."""
    from ketluan_desktop.ui.overview import page as page_module
    from ketluan_desktop.ui.preferences import set_start_workspace

    release = threading.Event()
    real = screen.load_overview

    def slow(db, **kwargs):
        release.wait(10)
        return real(db, **kwargs)

    monkeypatch.setattr(screen, "load_overview", slow)
    set_start_workspace("tasks")
    w = make_window(demo_db)
    w.resize(1360, 1000)  # room for all four charts: one below the fold is painted only when seen
    page = w.show_workspace("overview").page
    assert not page.updatesEnabled()
    qtbot.waitUntil(page.updatesEnabled, timeout=page_module.FRAME_AFTER_MS + 2000)
    assert page.data is None
    release.set()
    qtbot.waitUntil(lambda: all(p.view.shown for p in page.views.values()), timeout=10_000)
    w.ctx.runner.wait(10_000)


def test_a_failed_first_reading_paints_the_page(
    real_runner, make_window, demo_db, qtbot, monkeypatch
):
    """The reading failed: the error is reported and the page is painted (not left hidden)."""
    from ketluan_desktop.ui import errors
    from ketluan_desktop.ui.preferences import set_start_workspace

    def broken(db, **kwargs):
        raise RuntimeError("disk I/O error")

    reported: list[str] = []
    monkeypatch.setattr(screen, "load_overview", broken)
    monkeypatch.setattr(
        errors, "report_exception", lambda exc, tb, parent: reported.append(str(exc))
    )
    set_start_workspace("tasks")
    w = make_window(demo_db)
    w.resize(1360, 1000)  # room for all four charts: one below the fold is painted only when seen
    page = w.show_workspace("overview").page
    qtbot.waitUntil(lambda: bool(reported), timeout=10_000)
    assert reported == ["disk I/O error"] and page.updatesEnabled() and page.data is None
    w.ctx.runner.wait(10_000)

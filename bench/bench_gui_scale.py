"""The window at office scale, driven as a user drives it, offscreen, on the big generated database.

    python bench/bench_gui_scale.py [--runs 3]

100,000 members, 1,000,000 procedures, 50,000 tasks, 200,000 updates (bench/bigdb.py, generated
once and cached). In a fresh process the real main window is opened on that file and, through real
widgets (keys typed with QTest, header sections clicked, combo boxes changed), it:

* waits, after the first screen, for the window's background import of the other workspaces'
  modules and then for the workspaces and hidden pages it builds ahead on idle (each reported
  as a row of its own: how long, and the UI stall meanwhile);
* switches to each workspace (the first time, when it is built and loaded, and again);
* types a 10-key search, 60 ms between keys, in the members, procedures and tasks lists;
* applies a filter (members «Dự bị», procedures «Đi nước ngoài», tasks «Quá hạn»);
* sorts the task list by each of its columns;
* scrolls each long list to its end.

The measuring process imports the app's modules from bytecode compiled beforehand, as an installed
app does. For each action it prints the time until the result is on screen (the background runner idle and
no search waiting for its pause) and **the longest UI-thread stall** during it: the longest gap
between two ticks of a 10 ms heartbeat timer on the UI thread, which is how long the window could
not paint or take a key. Targets: every action ≤ 100 ms, no stall > 50 ms. A search's time is
counted from its query's start: the search box waits for a 150 ms pause in typing on purpose.

The peer, per action where one SQL statement answers it: the same question put to the same file
through Python's ``sqlite3`` module in this process (count and first 100 rows). The medians of
``--runs`` rounds are printed, with the load average before and after.

To find where an action's UI-thread time goes: ``KETLUAN_BENCH_STALLS=1`` logs (to the measuring
process's stderr) each UI-thread dispatch over 50 ms of wall time with its sampled stack, ``=cpu``
each over 25 ms of the UI thread's CPU time (what the load of other processes does not inflate);
``KETLUAN_BENCH_PROFILE=DIR`` writes a cProfile of the UI thread per action. Run the measuring
process alone for that: ``python bench/bench_gui_scale.py --measure DB --runs 1``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 29)
TARGET_MS, STALL_MS = 100, 50
KEY_DELAY_MS = 60
# The heartbeat that measures stalls, and the waiting, must not themselves load the UI thread:
# each wake-up takes Python's lock from the background thread (a 3 ms poll doubled query times).
HEARTBEAT_MS = 10

# The peer's SQL for the actions one statement answers (count, then the first 100 rows).
PEER_SQL = {
    "members: type «nguyen van»": (
        "SELECT count(*) FROM member WHERE name_folded LIKE '%nguyen van%'",
        "SELECT id, full_name FROM member WHERE name_folded LIKE '%nguyen van%' "
        "ORDER BY name_sort, id LIMIT 100",
    ),
    "members: filter «Dự bị»": (
        "SELECT count(*) FROM member WHERE status = 'probationary'",
        "SELECT id, full_name FROM member WHERE status = 'probationary' "
        "ORDER BY name_sort, id LIMIT 100",
    ),
    "members: scroll to the end": (
        "SELECT count(*) FROM member",
        "SELECT id, full_name FROM member ORDER BY name_sort DESC, id DESC LIMIT 100",
    ),
    "procedures: filter «Đi nước ngoài»": (
        "SELECT count(*) FROM procedure WHERE kind = 'travel_abroad'",
        "SELECT id FROM procedure WHERE kind = 'travel_abroad' ORDER BY id DESC LIMIT 100",
    ),
    "procedures: scroll to the end": (
        "SELECT count(*) FROM procedure",
        "SELECT id FROM procedure ORDER BY id LIMIT 100",
    ),
    "tasks: filter «Quá hạn»": (
        "SELECT count(*) FROM task WHERE status IN ('not_started','in_progress') "
        "AND deadline < '2026-11-29'",
        "SELECT id FROM task WHERE status IN ('not_started','in_progress') "
        "AND deadline < '2026-11-29' ORDER BY deadline, id LIMIT 100",
    ),
    "tasks: sort by Chủ trì": (
        "SELECT count(*) FROM task",
        "SELECT t.id FROM task t LEFT JOIN organisation o ON o.id = t.lead_unit_id "
        "ORDER BY o.name_folded, t.id LIMIT 100",
    ),
}


# ------------------------------------------------------------------------------ measuring process
class Driver:
    """The real main window on the database, driven through its widgets, each action timed."""

    def __init__(self, db_path: Path) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")
        from datetime import datetime, timedelta, timezone

        from PySide6.QtCore import QTimer

        from ketluan_desktop.core.db import open_database
        from ketluan_desktop.ui.application import create_application
        from ketluan_desktop.ui.context import AppContext
        from ketluan_desktop.ui.main_window import MainWindow

        # KETLUAN_BENCH_STALLS: each UI-thread stall over 50 ms logged with its sampled stack.
        # =cpu: each dispatch over 25 ms of the UI thread's CPU time instead.
        stalls = os.environ.get("KETLUAN_BENCH_STALLS", "")
        create_application(debug=bool(stalls))
        if stalls == "cpu":
            from ketluan_desktop.ui import stall_guard

            guard = stall_guard.current()
            if guard is not None:
                guard.clock, guard.threshold = time.thread_time, 0.025
        self.ticks: list[float] = []
        self.heartbeat = QTimer()
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.heartbeat.start()
        now = datetime(2026, 11, 29, 9, 30, tzinfo=timezone(timedelta(hours=7)))
        self.ctx = AppContext(open_database(db_path), clock=lambda: now)
        self.busy_on: list[float] = []
        self.ctx.runner.busy_changed.connect(
            lambda b: self.busy_on.append(time.perf_counter()) if b else None
        )
        self.last_key: list[float] = []
        self.results: dict[str, list[tuple[float, float, float]]] = {}
        self.window = MainWindow(self.ctx)
        self.window.resize(1440, 900)
        self.window.show()

    def settled(self) -> bool:
        from PySide6.QtCore import QTimer

        if self.ctx.runner.busy:
            return False
        return not any(
            t.objectName() == "debounce" and t.isActive() for t in self.window.findChildren(QTimer)
        )

    def wait_settled(self, limit_s: float = 60.0) -> float:
        """Run the event loop until the runner is idle and no search waits for its pause; the
        moment that happened (the screen has then painted what arrived)."""
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication

        loop = QEventLoop()
        moment = [0.0]

        def confirm() -> None:
            # What arrived is painted first; the paint may ask for more (a page of rows).
            QApplication.processEvents()
            if self.settled() and not moment[0]:
                moment[0] = time.perf_counter()
                loop.quit()

        def check(*_args) -> None:
            if self.settled() and not moment[0]:
                QTimer.singleShot(1, confirm)

        self.ctx.runner.busy_changed.connect(check)
        poll = QTimer()
        poll.setInterval(HEARTBEAT_MS)
        poll.timeout.connect(check)
        poll.start()
        QTimer.singleShot(0, check)
        QTimer.singleShot(int(limit_s * 1000), loop.quit)
        loop.exec()
        poll.stop()
        self.ctx.runner.busy_changed.disconnect(check)
        return moment[0] or time.perf_counter()

    def timed(self, fn) -> tuple[float, float, float]:
        """(ms to the result on screen, longest stall ms, ms from the last query's start)."""
        from PySide6.QtTest import QTest

        self.wait_settled()
        QTest.qWait(30)
        self.ticks.clear()
        self.busy_on.clear()
        self.last_key.clear()
        QTest.qWait(2 * HEARTBEAT_MS)
        start = time.perf_counter()
        fn()
        done = self.wait_settled()
        stall = self.longest_stall(start, time.perf_counter())
        # A search's result: from its query's start (after the pause it waits for), or, where
        # each key queries at once, from the last key.
        busy, keys = self.busy_on, self.last_key
        query_start = busy[-1] if busy else (keys[-1] if keys else start)
        return (done - start) * 1000, stall * 1000, (done - query_start) * 1000

    def longest_stall(self, start: float, end: float) -> float:
        """The longest gap between heartbeat ticks from ``start`` to ``end``, beyond the
        heartbeat's own interval (seconds)."""
        stamps = [t for t in self.ticks if t >= start - 0.01] + [end]
        before = [t for t in self.ticks if t < start]
        if before:
            stamps.insert(0, before[-1])
        gap = max((b - a for a, b in itertools.pairwise(stamps)), default=0.0)
        return max(gap - HEARTBEAT_MS / 1000, 0.0)

    def background_imports(self) -> None:
        """From the first screen settled until the window's background thread has imported the
        other workspaces' modules (``ui/startup.py`` ``warm_later``): how long, and the longest
        UI-thread stall meanwhile. Then, where the app does it, until the other workspaces and
        their hidden pages have been built ahead on idle (``ui/workspaces/ahead.py``), a row of
        its own. A user's first switch comes after that; the switches below are measured after
        it too. Skipped for a version of the app without them."""
        from PySide6.QtTest import QTest

        if getattr(self.window, "warming", False) is False:
            return
        self.ticks.clear()
        start = time.perf_counter()
        while time.perf_counter() - start < 60:
            thread = self.window.warming
            if thread is not None and not thread.is_alive():
                break
            QTest.qWait(HEARTBEAT_MS)
        end = time.perf_counter()
        stall = self.longest_stall(start, end) * 1000
        label = "open: other workspaces' modules (background)"
        self.results[label] = [((end - start) * 1000, stall, (end - start) * 1000)]
        if getattr(self.window, "ahead", False) is False:
            return
        start = end
        while time.perf_counter() - start < 60 and not self.window.ahead.done:
            QTest.qWait(HEARTBEAT_MS)
        end = time.perf_counter()
        stall = self.longest_stall(start, end) * 1000
        label = f"open: {self.window.ahead.steps_run} steps built ahead (idle)"
        self.results[label] = [((end - start) * 1000, stall, (end - start) * 1000)]

    def record(self, label: str, fn) -> None:
        if os.environ.get("KETLUAN_BENCH_STALLS"):
            print(f"=== {label}", file=sys.stderr, flush=True)
        profile_dir = os.environ.get("KETLUAN_BENCH_PROFILE")
        if not profile_dir:
            self.results.setdefault(label, []).append(self.timed(fn))
            return
        # A look at where the UI thread's time goes (cProfile sees only the thread it runs on).
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
        try:
            self.results.setdefault(label, []).append(self.timed(fn))
        finally:
            prof.disable()
        name = "".join(c if c.isalnum() else "_" for c in label)
        prof.dump_stats(str(Path(profile_dir) / f"{len(self.results):02d}-{name}.prof"))

    @staticmethod
    def click_header(view, col: int) -> None:
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        header = view.header()
        x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    def type_into(self, line_edit, text: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        line_edit.setFocus()
        QTest.keyClicks(line_edit, text[:-1], Qt.KeyboardModifier.NoModifier, KEY_DELAY_MS)
        QTest.qWait(KEY_DELAY_MS)
        self.last_key.append(time.perf_counter())
        QTest.keyClicks(line_edit, text[-1:], Qt.KeyboardModifier.NoModifier, 0)

    def members_round(self, first: str) -> None:
        w, record = self.window, self.record
        record(f"switch to Nhiệm vụ{first}", lambda: w.show_workspace("tasks"))
        record(f"switch to Đảng viên{first}", lambda: w.show_workspace("members"))
        members = w.members
        record("members: tab Danh sách đảng viên", lambda: members.tabs.setCurrentIndex(1))
        page = members.member_page
        record("members: type «nguyen van»", lambda: self.type_into(page.search, "nguyen van"))
        record("members: clear the search", page.search.clear)
        status = page.status_filter
        record(
            "members: filter «Dự bị»",
            lambda: status.setCurrentIndex(status.findData("probationary")),
        )
        record("members: filter off", lambda: status.setCurrentIndex(0))
        record("members: scroll to the end", page.view.scrollToBottom)

    def procedures_round(self) -> None:
        members, record = self.window.members, self.record
        record("members: tab Thủ tục", lambda: members.tabs.setCurrentIndex(2))
        procs = members.procedure_page
        record("procedures: type «nguyen van»", lambda: self.type_into(procs.search, "nguyen van"))
        record("procedures: clear the search", procs.search.clear)
        kind = procs.kind_filter
        record(
            "procedures: filter «Đi nước ngoài»",
            lambda: kind.setCurrentIndex(kind.findData("travel_abroad")),
        )
        record("procedures: filter off", lambda: kind.setCurrentIndex(0))
        record("procedures: scroll to the end", procs.view.scrollToBottom)

    def tasks_round(self, first: str) -> None:
        from ketluan_desktop.ui.models.task_list_model import COLUMNS

        w, record = self.window, self.record
        record(f"switch to Tra cứu{first}", lambda: w.show_workspace("search"))
        record(f"switch to Hội nghị & văn bản{first}", lambda: w.show_workspace("meetings"))
        record("switch to Nhiệm vụ", lambda: w.show_workspace("tasks"))
        tasks = w.tasks
        record("tasks: type «chinh tri »", lambda: self.type_into(tasks.search, "chinh tri "))
        record("tasks: clear the search", tasks.search.clear)
        state = tasks.state_filter
        record("tasks: filter «Quá hạn»", lambda: state.setCurrentIndex(state.findData("overdue")))
        record("tasks: filter off", lambda: state.setCurrentIndex(0))
        for col, (_key, title) in enumerate(COLUMNS):
            record(f"tasks: sort by {title}", lambda col=col: self.click_header(tasks.view, col))
        record("tasks: scroll to the end", tasks.view.scrollToBottom)
        record("tasks: sort by Thời hạn", lambda: self.click_header(tasks.view, 3))
        record("switch to Đảng viên", lambda: w.show_workspace("members"))

    def run(self, runs: int) -> dict:
        from PySide6.QtTest import QTest

        self.wait_settled()
        self.background_imports()
        QTest.qWait(200)
        self.wait_settled()
        for round_no in range(runs):
            first = " (first time: built)" if round_no == 0 else ""
            self.members_round(first)
            self.procedures_round()
            self.tasks_round(first)
        self.window.close()
        self.heartbeat.stop()
        return _summary(self.results)


def measure(db_path: Path, runs: int) -> dict:
    return Driver(db_path).run(runs)


def _summary(results: dict[str, list[tuple[float, float, float]]]) -> dict:
    out = {}
    for label, values in results.items():
        out[label] = {
            "ms": statistics.median(v[0] for v in values),
            "stall": statistics.median(v[1] for v in values),
            "query": statistics.median(v[2] for v in values),
            "worst_stall": max(v[1] for v in values),
        }
    return out


def peer(db_path: Path, runs: int) -> dict[str, float]:
    """The peer's figure for each action one SQL statement answers (median of ``runs``)."""
    import sqlite3

    out = {}
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    for label, statements in PEER_SQL.items():
        times = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            for sql in statements:
                con.execute(sql).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        out[label] = statistics.median(times[1:])
    con.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--db", type=Path, help="a database to use instead of the cached big one")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.runs), ensure_ascii=False))
        return 0
    from benchlib import load_average
    from bigdb import big_db, warm_os_cache

    path = args.db or big_db()
    warm_os_cache(path)
    print(f"before: {load_average()}")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with __import__("tempfile").TemporaryDirectory(prefix="ketluan-gui-scale-") as data:
        env["KETLUAN_DATA_DIR"] = data
        # The app as installed: its modules compiled to bytecode beforehand (a first switch to a
        # workspace otherwise counts compiling its modules, under PYTHONDONTWRITEBYTECODE).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(data) / "pycache")
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(ROOT / "ketluan_desktop")],
            env=env,
            check=True,
        )
        proc = subprocess.run(
            [sys.executable, __file__, "--measure", str(path), "--runs", str(args.runs)],
            capture_output=True,
            text=True,
            env=env,
            timeout=3600,
        )
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, file=sys.stderr)
        return 1
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    peers = peer(path, args.runs)
    print(
        f"big database {path.name}; medians of {args.runs} rounds; "
        f"targets: action ≤ {TARGET_MS} ms, no UI stall > {STALL_MS} ms"
    )
    print(f"{'action':<44} {'time':>8} {'stall':>7} {'worst':>7}   peer (sqlite3)")
    worst_ms = worst_stall = 0.0
    for label, v in r.items():
        ms = v["query"] if "type «" in label else v["ms"]
        p = peers.get(label)
        peer_text = f"{p:7.1f} ms  ratio {ms / p:5.1f}×" if p else ""
        print(
            f"{label:<44} {ms:6.0f} ms {v['stall']:5.0f} ms {v['worst_stall']:5.0f} ms   {peer_text}"
        )
        if not label.startswith("open"):
            worst_ms = max(worst_ms, ms)
        worst_stall = max(worst_stall, v["worst_stall"])
    print(
        f"slowest action {worst_ms:.0f} ms (target ≤ {TARGET_MS}); longest UI stall "
        f"{worst_stall:.0f} ms (target ≤ {STALL_MS})"
    )
    print("(a search's time runs from its query's start, after the 150 ms pause it waits for)")
    print(f"after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Each workspace over a 20 ms round trip: is the shared server still pleasant to use?

    python bench/bench_pg_latency.py [--one-way-ms 10] [--runs 5] [--sql]

Starts a throw-away PostgreSQL cluster (``tests/helpers/pg_cluster.py``; as root it runs as the
``postgres`` account), loads the demo office into it and into a SQLite file, and puts a delaying
TCP proxy (``tests/helpers/latency_proxy.py``) in front of the server: 10 ms each way = the 20 ms
round trip of a busy office network. Then, with the real main window offscreen, it times each
workspace's reload (what opening it or a change notification does) and its filters, on three
databases: the SQLite file (the peer), the server directly, and the server through the proxy. It
counts the SQL statements of each action too (``--sql`` prints them): statements gathered side by
side (core/db/gathering.py) share a round trip, so the count is no longer the floor: the RT
column is the round trips the action waits for one after the other (BEGIN and COMMIT included),
counted without a clock (``tests/helpers/round_trips.py``). Background jobs run inline as they do
on the runner's thread in the app: without the session a workspace's refresh shares on the UI
thread, so a job's own session pays its BEGIN and COMMIT as it does there.

Filters are timed as the query they run: a search box's pause (debounce) timer is fired at once.

Target: ≤ 150 ms for each action through the proxy. Prints medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "helpers"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false;qt.qpa.*=false")

NOW = datetime(2024, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=7)))
TARGET_MS = 150.0


def build_databases(tmp: Path, server) -> dict[str, str]:
    from ketluan_desktop.core import demo
    from ketluan_desktop.core.db import open_database

    sqlite_path = tmp / "demo.db"
    url = server.create_database("bench_demo")
    for target in (str(sqlite_path), url):
        db = open_database(target, create=True)
        demo.load(db, now=NOW)
        db.dispose()
    return {"sqlite": str(sqlite_path), "pg": url}


def actions(w):
    """(name, action) pairs; each action leaves the screen showing fresh data."""
    meetings = w.show_workspace("meetings")
    tasks = w.show_workspace("tasks")
    members = w.show_workspace("members")
    search = w.show_workspace("search")

    def typed(box, text):
        def act():
            box.setText(text)
            box.setText("")

        return act

    return [
        ("Hội nghị & văn bản: mở", meetings.refresh),
        ("Hội nghị: lọc «19»", lambda: meetings.meeting_search.setText("19")),
        ("Hội nghị: bỏ lọc", lambda: meetings.meeting_search.setText("")),
        ("Nhiệm vụ: mở", tasks.refresh),
        ("Nhiệm vụ: lọc «dan van»", lambda: tasks.search.setText("dan van")),
        ("Nhiệm vụ: bỏ lọc", lambda: tasks.search.setText("")),
        ("Đảng viên: mở", members.refresh),
        ("Đảng viên: lọc «nguyen»", lambda: members.search.setText("nguyen")),
        ("Đảng viên: bỏ lọc", lambda: members.search.setText("")),
        ("Tra cứu «chinh tri»", lambda: search.set_query("chinh tri")),
    ]


def settle(app, window) -> None:
    """Let the action finish: the search boxes' pause (debounce) timers fire at once — the bench
    times the query a filter runs, not the pause that waits for the next keystroke."""
    from PySide6.QtCore import QTimer

    app.processEvents()
    for _ in range(50):
        pending = [t for t in window.findChildren(QTimer, "debounce") if t.isActive()]
        if not pending:
            return
        for t in pending:
            t.setInterval(0)
        app.processEvents()


def measure(target: str, runs: int, show_sql: bool = False) -> dict[str, tuple[float, int, int]]:
    from PySide6.QtWidgets import QApplication
    from round_trips import RoundTrips, jobs_as_in_the_app

    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.ui.change_watcher import ChangeWatcher
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.main_window import MainWindow
    from ketluan_desktop.ui.workers import TaskRunner

    TaskRunner.synchronous = True  # background jobs counted in the action's time
    from ketluan_desktop.ui import dialogs

    def refuse(_parent, message, *_a, **_k):  # a modal box would wait for a click forever
        raise SystemExit(f"the screen reported an error: {message}")

    dialogs.show_error = refuse
    ChangeWatcher.autostart = False
    app = QApplication.instance()
    db = open_database(target)
    # The demo office has accounts, so a server asks who is working: the bench acts with every
    # permission (signing in is not what it times).
    from ketluan_desktop.core.access.actor import local_actor

    db.actor = local_actor("bench")
    ctx = AppContext(db, clock=lambda: NOW)
    w = MainWindow(ctx)
    w.resize(1360, 860)
    w.show()
    app.processEvents()
    steps = actions(w)
    times: dict[str, list[float]] = {name: [] for name, _ in steps}
    counts: dict[str, tuple[int, int]] = {}
    out: dict[str, tuple[float, int, int]] = {}
    with RoundTrips(db) as counted, jobs_as_in_the_app(db):
        for _ in range(2):  # warm: pools filled, statements prepared, widgets built
            for _name, act in steps:
                act()
                settle(app, w)
        for _ in range(runs):
            for name, act in steps:
                with counted.action() as seen:
                    t0 = time.perf_counter()
                    act()
                    settle(app, w)
                    times[name].append((time.perf_counter() - t0) * 1000)
                counts[name] = (seen.statements, seen.round_trips)
                if show_sql and len(times[name]) == 1 and seen.statements:
                    print(f"-- {name}: {seen.round_trips} round trips", *seen.said, sep="\n   ")
    for name, _ in steps:
        out[name] = (statistics.median(times[name]), *counts[name])
    w.close()
    app.processEvents()
    db.dispose()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--one-way-ms", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--sql", action="store_true", help="print the statements of each action (PG+proxy run)"
    )
    args = ap.parse_args()

    import pg_cluster
    from latency_proxy import LatencyProxy

    from ketluan_desktop.ui.application import create_application

    reason = pg_cluster.unavailable_reason()
    if reason:
        print(f"PostgreSQL not available: {reason}")
        return 1
    create_application()
    server = pg_cluster.start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-pg-") as tmp:
            os.environ["KETLUAN_DATA_DIR"] = str(Path(tmp) / "data")
            targets = build_databases(Path(tmp), server)
            rtt = 2 * args.one_way_ms
            with LatencyProxy(server.port, one_way_ms=args.one_way_ms, max_seconds=600) as proxy:
                proxied = server.url("bench_demo", port=proxy.port)
                results = {
                    "sqlite": measure(targets["sqlite"], args.runs),
                    "pg": measure(targets["pg"], args.runs),
                    "proxy": measure(proxied, args.runs, args.sql),
                }
    finally:
        server.drop_all()
        if server.cluster is not None:
            server.cluster.destroy()
    print(f"PostgreSQL {server.version.split()[0]}, demo office; medians of {args.runs} runs (ms)")
    head = (
        f"{'':<28}{'SQLite':>9}{'PG':>9}{f'PG+{rtt:g}ms':>11}{'SQL':>6}{'RT':>5}{'ratio':>8}"
        f"  ≤{TARGET_MS:g} ms"
    )
    print(head)
    worst = 0.0
    for name in results["proxy"]:
        s, p = results["sqlite"][name][0], results["pg"][name][0]
        x, n, trips = results["proxy"][name]
        worst = max(worst, x)
        ok = "ok" if x <= TARGET_MS else "CHẬM"
        print(
            f"{name:<28}{s:>9.1f}{p:>9.1f}{x:>11.1f}{n:>6}{trips:>5}{x / max(s, 0.1):>8.1f}  {ok}"
        )
    print(f"slowest action over the {rtt:g} ms round trip: {worst:.0f} ms (target {TARGET_MS:g})")
    return 0 if worst <= TARGET_MS else 2


if __name__ == "__main__":
    sys.exit(main())

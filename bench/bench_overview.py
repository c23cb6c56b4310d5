"""«Tổng quan» on the big office: how long the overview takes to open with its charts painted,
and the services' aggregates against raw SQL for the same aggregates, in the same run.

    python bench/bench_overview.py [--runs 5] [--first 3]

The database is bench/bigdb.py's (100,000 members, 1,000,000 procedures, 50,000 tasks), generated
once and cached (``KETLUAN_BENCH_CACHE``). Printed, never judged:

* ``services``: ``load_overview`` — what the screen reads on the runner's thread (tasks per unit
  and state, overdue per month, the oldest overdue, procedures per month and kind for a
  half-year and a year earlier, the conclusions with tasks) — against raw ``sqlite3`` running
  the same grouped queries; target ≤ 2×;
* ``open``: from asking for the workspace to its charts painted (the real runner thread, the
  window offscreen); first open (the workspace built: its page is built while its data is read)
  and reopen (a refresh); target ≤ 300 ms. A first opening happens once per process: it is
  measured in ``--first`` processes (the median: this one's, then fresh ones', each after the
  same services run as this one, with its window open elsewhere first);
* ``reminders``: the six counters (the slow lane, painted after the charts), no target.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import interleaved, load_average, ratio_line

TODAY = date(2026, 11, 29)
PERIOD = (date(2026, 1, 1), date(2026, 6, 30))
OPEN = "('not_started', 'in_progress')"
DONE = "('done', 'done_late')"


def peer_sql() -> list[str]:
    """The overview's aggregates as one would write them by hand."""
    from ketluan_desktop.core.periods import month_ends

    t = TODAY.isoformat()
    first_end = month_ends(TODAY)[0][2].isoformat()
    (a, b), (pa, pb) = PERIOD, (date(2025, 1, 1), date(2025, 6, 30))
    kinds = "('admission','official_membership','badge','card_new','card_reissue'," \
            "'travel_abroad','transfer','political_standard')"  # fmt: skip
    return [
        f"SELECT lead_unit_id, status, count(*), count(CASE WHEN deadline < '{t}' THEN 1 END) "
        "FROM task GROUP BY lead_unit_id, status",
        "SELECT id, coalesce(short_name, name) FROM organisation",
        f"SELECT NULL, status, NULL, count(*) FROM task WHERE status IN {OPEN} AND deadline < "
        f"'{first_end}' GROUP BY status UNION ALL SELECT deadline, status, completed_on, count(*) "
        f"FROM task WHERE deadline >= '{first_end}' AND deadline < '{t}' AND status IN "
        f"{OPEN[:-1]}, {DONE[1:]} AND (status IN {OPEN} OR completed_on > '{first_end}') "
        "GROUP BY deadline, status, completed_on UNION ALL SELECT deadline, status, completed_on, "
        f"count(*) FROM task WHERE deadline < '{first_end}' AND status IN {DONE} AND "
        f"completed_on > '{first_end}' GROUP BY deadline, status, completed_on",
        f"SELECT t.id, t.text, o.name, t.deadline FROM task t LEFT JOIN organisation o ON "
        f"o.id = t.lead_unit_id WHERE t.status IN {OPEN} AND t.deadline < '{t}' "
        "ORDER BY t.deadline, t.id LIMIT 10",
        f"SELECT 1, counted_on, kind, count(*) FROM procedure WHERE counted_on BETWEEN '{a}' "
        f"AND '{b}' AND status IN ('approved', 'completed') AND kind IN {kinds} "
        f"GROUP BY counted_on, kind UNION ALL SELECT 0, counted_on, kind, count(*) FROM procedure "
        f"WHERE counted_on BETWEEN '{pa}' AND '{pb}' AND status IN ('approved', 'completed') "
        f"AND kind IN {kinds} GROUP BY counted_on, kind",
        "SELECT d.id, d.type_code, d.number_symbol, d.subject, count(t.id) FROM document d "
        "JOIN task t ON t.document_id = d.id GROUP BY d.id ORDER BY d.doc_date DESC, d.id DESC",
    ]


def measure_services(path: Path, runs: int) -> tuple[float, float]:
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.overview.screen import load_overview
    from ketluan_desktop.core.tasks.overview import TaskScope

    db = open_database(path)
    con = sqlite3.connect(path)
    statements = peer_sql()

    def ours() -> float:
        start = time.perf_counter()
        load_overview(db, today=TODAY, start=PERIOD[0], end=PERIOD[1], scope=TaskScope())
        return (time.perf_counter() - start) * 1000

    def peer() -> float:
        start = time.perf_counter()
        for sql in statements:
            con.execute(sql).fetchall()
        return (time.perf_counter() - start) * 1000

    ours(), peer()  # warm the caches of both alike
    result = interleaved(ours, peer, runs)
    con.close()
    db.dispose()
    return result


def measure_open(path: Path, runs: int) -> dict[str, float]:
    """The real window, offscreen, the runner on its thread: show the overview, wait for its
    data, paint. First open builds the workspace; the others refresh it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.main_window import MainWindow
    from ketluan_desktop.ui.preferences import set_start_workspace

    app = create_application()
    set_start_workspace("search")  # the window opens elsewhere; the overview is built when asked
    db = open_database(path)
    ctx = AppContext(db)
    ctx.today = lambda: TODAY  # type: ignore[method-assign]
    window = MainWindow(ctx)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    reminders: list[float] = []

    def wait_painted(page, before, started: float) -> float:
        while page.data is before or not all(p.view.built for p in page.views.values()):
            app.processEvents()
            time.sleep(0.001)
        window.grab()  # the first full paint with the charts
        return (time.perf_counter() - started) * 1000

    import ketluan_desktop.ui.workspaces.overview  # noqa: F401  (the app's opening thread does)

    started = time.perf_counter()
    ws = window.show_workspace("overview")
    first = wait_painted(ws.page, None, started)
    while ws.page.cards["lost_card"].number.text() == "…":
        app.processEvents()
        time.sleep(0.001)
    reminders.append((time.perf_counter() - started) * 1000)
    again = []
    for _ in range(runs):
        before = ws.page.data
        started = time.perf_counter()
        ws.page.reload()
        again.append(wait_painted(ws.page, before, started))
    window.close()
    ctx.runner.wait(30_000)
    db.dispose()
    return {"first": first, "reopen": statistics.median(again), "reminders": reminders[0]}


def first_openings(count: int) -> list[float]:
    """The first opening in ``count`` fresh processes, one after the other."""
    import subprocess

    out = []
    for _ in range(count):
        child = subprocess.run(
            [sys.executable, __file__, "--first-only"],
            capture_output=True,
            text=True,
            check=True,
        )
        out.append(float(child.stdout.split()[-1]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--first", type=int, default=3, help="fresh processes for a 1st opening")
    parser.add_argument("--first-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("KETLUAN_DATA_DIR", str(Path("/tmp") / "ketluan-bench-overview-data"))
    from bigdb import big_db

    path = big_db()
    if args.first_only:  # a child of first_openings: the number only
        measure_services(path, 1)  # as in the parent: the same modules imported, mappers set up
        print(f"{measure_open(path, 1)['first']:.1f}")
        return 0
    print(f"database: {path} ({path.stat().st_size / 2**20:.0f} MiB)")
    print(load_average())
    ours, peer = measure_services(path, args.runs)
    print(ratio_line("overview aggregates (services)", ours, "raw sqlite3, same SQL", peer,
                     "≤ 2×"))  # fmt: skip
    shown = measure_open(path, args.runs)
    firsts = [shown["first"], *first_openings(max(args.first - 1, 0))]
    print(ratio_line("overview opened, charts painted (first)", statistics.median(firsts),
                     "raw sqlite3 aggregates", peer, "≤ 300 ms"))  # fmt: skip
    print(f"{'  first openings (ms)':<40} {' '.join(f'{f:.0f}' for f in firsts)}")
    print(ratio_line("overview refreshed, charts painted", shown["reopen"],
                     "raw sqlite3 aggregates", peer, "≤ 300 ms"))  # fmt: skip
    print(f"{'reminder counters painted (slow lane)':<40} {shown['reminders']:8.0f} ms   no target")
    print(load_average())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

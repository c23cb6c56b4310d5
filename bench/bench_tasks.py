"""The task tracker at scale: 50,000 tasks and 200,000 progress updates.

    python bench/bench_tasks.py [--tasks 50000] [--updates 200000] [--db PATH] [--runs 5]

Builds (or reuses, with ``--db`` pointing at an existing file) a database filled with raw inserts —
the folded search text computed with the app's own ``fold`` — then measures, in a fresh process
with the real Qt model and view offscreen (so the peak memory is the screen's, not the generator's):

* opening the list: the tasks screen's lazy model over every task (the counts per state of the
  header strip and the row count from one grouped query, the first window of rows by
  ``LIMIT``/``OFFSET``) and the view painting it;
* applying a filter (one unit and "Quá hạn"), and an accent-free text search;
* sorting by deadline (and by lead unit, which needs a join);
* scrolling to the end (the last window of rows);
* the peak resident memory of that process.

Targets: each under 100 ms; peak memory under 300 MB. Prints the medians of ``--runs`` runs, and
for each the peer: the same question put to the file through the ``sqlite3`` module (count and
first 100 ids), with the ratio and the load average — no verdict that flips with the load.
With ``--big`` it runs on the shared cached big database (bench/bigdb.py) instead.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import load_average  # noqa: E402

TODAY = date(2026, 11, 29)
NOW = "2026-11-29 02:30:00.000000"
VERBS = [
    "Tiếp tục triển khai",
    "Tăng cường lãnh đạo, chỉ đạo",
    "Tổ chức thực hiện nghiêm",
    "Lãnh đạo xây dựng kế hoạch thực hiện",
    "Rà soát, bổ sung",
    "Kiểm tra, giám sát việc thực hiện",
    "Sơ kết, đánh giá kết quả",
    "Chỉ đạo các tổ chức cơ sở đảng quán triệt",
]
TOPICS = [
    "công tác chính trị tư tưởng",
    "Chỉ thị số 34-CT/TU của Ban Thường vụ Tỉnh ủy",
    "Nghị quyết số 28-NQ/TU về phát triển kinh tế - xã hội",
    "quy hoạch cấp ủy nhiệm kỳ 2025 - 2030",
    "công tác phát triển đảng viên",
    "Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng",
    "chương trình kiểm tra, giám sát năm",
    "Luật thực hiện dân chủ cơ sở",
    "chuyển đổi số trong cơ quan đảng",
    "cải cách hành chính",
    "giải ngân vốn đầu tư công",
    "sinh hoạt chi bộ, sinh hoạt chuyên đề",
]
TAILS = [
    "đảm bảo chất lượng, hiệu quả, đúng tiến độ.",
    "gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị.",
    "báo cáo kết quả về Văn phòng Đảng ủy Khối.",
    "trong toàn Đảng bộ Khối.",
    "kịp thời tháo gỡ khó khăn, vướng mắc cho cơ sở.",
]
UPDATES = [
    "Đã ban hành kế hoạch triển khai.",
    "Đã tổ chức hội nghị quán triệt.",
    "Đang tổng hợp báo cáo của các tổ chức cơ sở đảng.",
    "Đã hoàn thành kiểm tra theo chương trình.",
    "Đã có {n}/96 tổ chức cơ sở đảng xây dựng kế hoạch.",
]
STATUSES = [("not_started", 30), ("in_progress", 45), ("done", 15), ("done_late", 6), ("paused", 4)]


def generate(path: Path, n_tasks: int, n_updates: int, seed: int = 19) -> None:
    """A fresh, migrated database with units, documents, tasks and updates by raw inserts."""
    from sqlalchemy import select

    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.org.models import Organisation, OrgKind
    from ketluan_desktop.core.text import fold

    db = open_database(path, create=True)
    with db.write_session() as s:
        # On a database that has members already (bench/bigdb.py), the same issuing body.
        issuer = s.scalars(
            select(Organisation).where(Organisation.kind == OrgKind.ISSUING_BODY.value)
        ).first()
        if issuer is None:
            issuer = Organisation(
                kind=OrgKind.ISSUING_BODY.value,
                name="Đảng ủy Khối các cơ quan tỉnh",
                short_name="ĐUK",
            )
            s.add(issuer)
            s.flush()
        unit_ids = []
        for i, (name, short) in enumerate(
            [
                ("Văn phòng Đảng ủy Khối", "Văn phòng"),
                ("Ban Tổ chức Đảng ủy Khối", "Ban Tổ chức"),
                ("Ban Tuyên giáo và Dân vận Đảng ủy Khối", "Ban Tuyên giáo và Dân vận"),
                ("Ủy ban Kiểm tra Đảng ủy Khối", "Ủy ban Kiểm tra"),
            ]
        ):
            u = Organisation(
                kind=OrgKind.DEPARTMENT.value,
                name=name,
                short_name=short,
                parent_id=issuer.id,
                position=i,
            )
            s.add(u)
            s.flush()
            unit_ids.append(u.id)
        for i in range(96):
            g = Organisation(
                kind=OrgKind.GRASSROOTS.value,
                name=f"Đảng bộ Cơ quan số {i + 1}",
                parent_id=issuer.id,
                position=i,
            )
            s.add(g)
            s.flush()
            unit_ids.append(g.id)
    db.dispose()

    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    n_docs = max(n_tasks // 40, 1)
    docs = []
    for d in range(1, n_docs + 1):
        on = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 6 * 365))
        number = f"{d}-KL/ĐUK"
        docs.append((d, on))
        con.execute(
            "INSERT INTO document (id, type_code, status, number, number_symbol, doc_date, subject, "
            "search_folded, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                d,
                "KL",
                "issued",
                d,
                number,
                on.isoformat(),
                f"Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ {d}",
                fold(number),
                1,
                NOW,
                NOW,
            ),
        )
    statuses = [k for k, _ in STATUSES]
    weights = [w for _, w in STATUSES]
    task_rows = []
    for tid in range(1, n_tasks + 1):
        doc_id, doc_date = docs[(tid - 1) // 40 % n_docs]
        text = f"{rng.choice(VERBS)} {rng.choice(TOPICS)}, {rng.choice(TAILS)}"
        status = rng.choices(statuses, weights)[0]
        kind = rng.random()
        if kind < 0.08:
            deadline, deadline_text, cycle = None, "thường xuyên", "half_year"
        else:
            deadline = doc_date + timedelta(days=rng.randrange(30, 540))
            deadline_text, cycle = None, None
        completed = None
        if status in ("done", "done_late") and deadline is not None:
            completed = deadline + timedelta(
                days=rng.randrange(-60, 0) if status == "done" else rng.randrange(1, 90)
            )
        task_rows.append(
            (
                tid,
                doc_id,
                tid % 40,
                text,
                fold(text),
                rng.choice(unit_ids),
                deadline.isoformat() if deadline else None,
                deadline_text,
                cycle,
                rng.choice((1, 2, 2, 3)),
                status,
                completed.isoformat() if completed else None,
                1,
                NOW,
                NOW,
            )
        )
    con.executemany(
        "INSERT INTO task (id, document_id, position, text, text_folded, lead_unit_id, deadline, "
        "deadline_text, reporting_cycle, priority, status, completed_on, version, created_at, "
        "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        task_rows,
    )
    latest: dict[int, tuple[str, int]] = {}
    upd_rows = []
    for uid in range(1, n_updates + 1):
        tid = rng.randrange(1, n_tasks + 1)
        on = (date(2021, 1, 1) + timedelta(days=rng.randrange(0, 5 * 365))).isoformat()
        text = rng.choice(UPDATES).format(n=rng.randrange(10, 96))
        upd_rows.append(
            (
                uid,
                tid,
                on,
                task_rows[tid - 1][5],
                text,
                rng.choice((None, 20, 50, 80)),
                NOW,
                "bench",
            )
        )
        if tid not in latest or (on, uid) > latest[tid]:
            latest[tid] = (on, uid)
    con.executemany(
        "INSERT INTO task_update (id, task_id, update_date, unit_id, text, percent, created_at, "
        "created_by) VALUES (?,?,?,?,?,?,?,?)",
        upd_rows,
    )
    con.executemany(
        "UPDATE task SET latest_update_id = ? WHERE id = ?",
        [(u, t) for t, (_, u) in latest.items()],
    )
    con.commit()
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


# ----------------------------------------------------------------------------- measuring process
MEASURE = r"""
import json, os, resource, statistics, sys, time
from datetime import date
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")
sys.path.insert(0, sys.argv[1])
runs = int(sys.argv[3])
from PySide6.QtWidgets import QApplication
from ketluan_desktop.core.db import open_database
from ketluan_desktop.core.tasks import listing as ts
from ketluan_desktop.ui.models.task_list_model import TaskListModel
from ketluan_desktop.ui.tasks.task_view import make_task_view

app = QApplication([])
db = open_database(sys.argv[2])
today = date.fromisoformat(sys.argv[4])
with db.session() as s:
    unit = s.execute(__import__("sqlalchemy").text(
        "SELECT lead_unit_id FROM task GROUP BY lead_unit_id ORDER BY count(*) DESC LIMIT 1")).scalar()

def ms(fn):
    t = time.perf_counter(); fn(); return (time.perf_counter() - t) * 1000

def settle():
    for _ in range(2):
        app.processEvents()

results = {k: [] for k in ("open", "filter", "search", "sort_deadline", "sort_unit", "scroll_end")}
rows = {}
for i in range(runs):
    model = TaskListModel(db, today=today)
    view = make_task_view()
    view.resize(1280, 800)
    def open_list():
        model.set_query(ts.TaskFilter(), ts.TaskSort("deadline"), None)
        view.setModel(model)
        view.show()
        settle()
    results["open"].append(ms(open_list))
    rows["all"] = model.task_count()
    rows["overdue"] = model.state_counts()["overdue"]
    def filt():
        model.set_query(ts.TaskFilter(unit_id=unit, state="overdue"), model.sort_spec, None)
        settle()
    results["filter"].append(ms(filt))
    rows["filter"] = model.task_count()
    def search():
        model.set_query(ts.TaskFilter(text="chinh tri tu tuong"), model.sort_spec, None)
        settle()
    results["search"].append(ms(search))
    rows["search"] = model.task_count()
    model.set_query(ts.TaskFilter(), ts.TaskSort("text"), None)
    settle()
    def sort_deadline():
        model.set_query(ts.TaskFilter(), ts.TaskSort("deadline", True), None)
        settle()
    results["sort_deadline"].append(ms(sort_deadline))
    def sort_unit():
        model.set_query(ts.TaskFilter(), ts.TaskSort("lead_unit"), None)
        settle()
    results["sort_unit"].append(ms(sort_unit))
    def scroll_end():
        view.scrollToBottom()
        settle()
    results["scroll_end"].append(ms(scroll_end))
    last = model.row_at(model.rowCount() - 1)
    assert last is not None
    view.close()
    view.deleteLater()
    model.deleteLater()
    settle()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"median_ms": {k: statistics.median(v) for k, v in results.items()},
                  "first_ms": {k: v[0] for k, v in results.items()}, "rows": rows, "peak_mb": peak}))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=50_000)
    ap.add_argument("--updates", type=int, default=200_000)
    ap.add_argument("--db", type=Path, help="reuse this database if it exists, else build it here")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big", action="store_true", help="use the cached big database (bigdb.py)")
    args = ap.parse_args(argv)
    if args.big:
        from bigdb import big_db

        args.db = big_db()

    tmp = None
    path = args.db
    if path is None:
        tmp = tempfile.TemporaryDirectory(prefix="ketluan-bench-")
        path = Path(tmp.name) / "tasks.db"
    if not path.exists():
        start = time.perf_counter()
        generate(path, args.tasks, args.updates)
        print(
            f"built {path} with {args.tasks:,} tasks and {args.updates:,} updates "
            f"in {time.perf_counter() - start:.1f} s"
        )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, "-c", MEASURE, str(ROOT), str(path), str(args.runs), TODAY.isoformat()],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    if r.returncode != 0:
        print(r.stdout, r.stderr, file=sys.stderr)
        return 1
    data = json.loads(r.stdout.strip().splitlines()[-1])
    med, first = data["median_ms"], data["first_ms"]
    labels = {
        "open": "open the list (counts per state, first window, view shown)",
        "filter": "filter: one unit + Quá hạn",
        "search": "accent-free search «chinh tri tu tuong»",
        "sort_deadline": "sort by deadline (descending)",
        "sort_unit": "sort by lead unit (join)",
        "scroll_end": "scroll to the last row",
    }
    print(
        f"{data['rows']['all']:,} tasks ({data['rows']['overdue']:,} overdue); filter → "
        f"{data['rows']['filter']:,} rows; "
        f"search → {data['rows']['search']:,} rows; median of {args.runs} runs (first run):"
    )
    peers = peer(path, args.runs, TODAY.isoformat())
    print(f"  {'action':<48} {'ours':>9}  (first)   peer: raw sqlite3, same question")
    for key, label in labels.items():
        p = peers.get(key)
        ratio = f"{p:7.1f} ms  ratio {med[key] / p:5.1f}×" if p else ""
        print(f"  {label:<48} {med[key]:7.1f} ms  ({first[key]:6.1f})  {ratio}")
    print(f"  {'peak resident memory':<48} {data['peak_mb']:7.1f} MB  (target < 300 MB)")
    print(f"  target: each action < 100 ms; {load_average()}")
    if tmp is not None:
        tmp.cleanup()
    return 0


# The peer: the same question put to the file through the sqlite3 module (count, first 100 ids).
_OPEN = "status IN ('not_started', 'in_progress')"
PEER_SQL = {
    "open": (
        "SELECT status, count(*), sum(deadline < :today), sum(deadline IS NULL) FROM task "
        "GROUP BY status",
        "SELECT id FROM task WHERE deadline IS NOT NULL ORDER BY deadline, id LIMIT 100",
    ),
    "filter": (
        f"SELECT count(*) FROM task WHERE lead_unit_id = :unit AND {_OPEN} AND deadline < :today",
        f"SELECT id FROM task WHERE lead_unit_id = :unit AND {_OPEN} AND deadline < :today "
        "ORDER BY deadline, id LIMIT 100",
    ),
    "search": (
        "SELECT status, count(*) FROM task WHERE text_folded LIKE '%chinh tri tu tuong%' "
        "GROUP BY status",
        "SELECT id FROM task WHERE text_folded LIKE '%chinh tri tu tuong%' "
        "ORDER BY deadline, id LIMIT 100",
    ),
    "sort_deadline": (
        "SELECT id FROM task WHERE deadline IS NOT NULL ORDER BY deadline DESC, id DESC LIMIT 100",
    ),
    "sort_unit": (
        "SELECT t.id FROM task t LEFT JOIN organisation o ON o.id = t.lead_unit_id "
        "ORDER BY o.name_folded, t.id LIMIT 100",
    ),
    "scroll_end": (
        "SELECT t.id FROM task t LEFT JOIN organisation o ON o.id = t.lead_unit_id "
        "ORDER BY o.name_folded DESC, t.id DESC LIMIT 100",
    ),
}


def peer(path: Path, runs: int, today: str) -> dict[str, float]:
    import statistics

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    unit = con.execute(
        "SELECT lead_unit_id FROM task GROUP BY lead_unit_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    out = {}
    for key, statements in PEER_SQL.items():
        times = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            for sql in statements:
                con.execute(sql, {"today": today, "unit": unit}).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        out[key] = statistics.median(times[1:])
    con.close()
    return out


if __name__ == "__main__":
    sys.exit(main())

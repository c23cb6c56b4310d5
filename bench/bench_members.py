"""Members and procedures at scale: 100,000 members and 1,000,000 procedures.

    python bench/bench_members.py [--members 100000] [--procedures 1000000] [--db PATH] [--runs 5]

Builds (or reuses, with ``--db`` pointing at an existing file) a database filled with raw inserts —
the derived columns (``name_folded``, ``name_sort``) computed here with the app's own functions —
then measures, in a fresh process so the peak memory is the app's and not the generator's:

* opening the member list: what the list screen's lazy model does before the first rows show
  (the count and the first window of rows, sorted the Vietnamese way);
* scrolling to the end of the list (the last window);
* an accent-free search ("nguyen van tuan", "thi huong") with its count and first window;
* the six-month figures and the report sentence over the million procedures;
* the reminders of the dashboard (every rule, counts);
* the peak resident memory of that process.

Targets: under 100 ms each for the list, the search and the figures; peak memory under 300 MB.
Each line prints its peer, the same question put through the ``sqlite3`` module, and the ratio.
``--big`` uses the shared cached big database (bench/bigdb.py).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
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

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đỗ",
    "Bùi",
    "Đặng",
    "Ngô",
    "Dương",
    "Lương",
    "Ma",
    "Nông",
    "Triệu",
    "Hà",
    "Phan",
    "Lý",
    "Đào",
    "Trịnh",
    "Đinh",
    "Mạc",
    "Võ",
    "Huỳnh",
    "Hồ",
    "Tạ",
    "Lâm",
    "Đàm",
    "Chu",
    "Quách",
]
MIDDLE_M = [
    "Văn",
    "Đức",
    "Minh",
    "Quang",
    "Hữu",
    "Thế",
    "Xuân",
    "Mạnh",
    "Tiến",
    "Công",
    "Trọng",
    "Anh",
    "Bá",
    "Đình",
    "Ngọc",
    "Thanh",
]
MIDDLE_F = [
    "Thị",
    "Thu",
    "Ngọc",
    "Hồng",
    "Thanh",
    "Kim",
    "Thúy",
    "Phương",
    "Diệu",
    "Bích",
    "Minh",
    "Thùy",
    "Hải",
    "Lan",
]
GIVEN_M = [
    "Hải",
    "Tuấn",
    "Hùng",
    "Dũng",
    "Cường",
    "Thắng",
    "Long",
    "Sơn",
    "Tùng",
    "Việt",
    "Đức",
    "Nghĩa",
    "Bình",
    "Trường",
    "Khánh",
    "Lộc",
    "Phúc",
    "Quý",
    "Hiếu",
    "Lực",
    "Kiên",
    "Toản",
    "Vượng",
    "Hưởng",
    "Thịnh",
    "Quỳnh",
    "Ưng",
    "Đạt",
    "Tiến",
    "Khải",
    "An",
    "Anh",
    "Ánh",
]
GIVEN_F = [
    "Hương",
    "Lan",
    "Hà",
    "Nga",
    "Thảo",
    "Trang",
    "Hạnh",
    "Phương",
    "Yến",
    "Huyền",
    "Oanh",
    "Ánh",
    "Tâm",
    "Ngân",
    "Thủy",
    "Dung",
    "Loan",
    "Nhung",
    "Liễu",
    "Mỹ",
    "Ngọc",
    "Duyên",
    "Thơm",
    "Nguyệt",
    "Hằng",
    "Trinh",
    "Xuân",
    "Ưu",
    "Lụa",
    "Thoa",
    "An",
    "Anh",
]
ETHNIC = ["Kinh"] * 14 + ["Tày", "Tày", "Nùng", "Dao", "Sán Dìu", "Sán Chay", "Mông"]
PLACES = [
    "Phú Lương, Thái Nguyên",
    "Đại Từ, Thái Nguyên",
    "Định Hóa, Thái Nguyên",
    "Võ Nhai, Thái Nguyên",
    "Đồng Hỷ, Thái Nguyên",
    "Phổ Yên, Thái Nguyên",
    "Chợ Mới, Bắc Kạn",
    "Yên Thế, Bắc Giang",
    "Kim Sơn, Ninh Bình",
    "Nam Trực, Nam Định",
]
POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng", "Văn thư"]
# kind, weight
KINDS = [
    ("political_standard", 35),
    ("admission", 7),
    ("official_membership", 7),
    ("badge", 4),
    ("card_new", 7),
    ("card_reissue", 1),
    ("travel_abroad", 33),
    ("transfer", 4),
    ("discipline", 2),
]
STATUSES = [("completed", 91), ("approved", 3), ("rejected", 2), ("processing", 2), ("received", 2)]
BADGE_YEARS = [30, 30, 30, 40, 40, 45, 50, 55, 60, 65, 70, 75]
TRAVEL = ["tham quan", "học tập", "công tác", "việc riêng", "thăm thân", "chữa bệnh"]
NOW = "2026-11-29 02:30:00.000000"
H1 = (date(2026, 1, 1), date(2026, 6, 30))


def _weighted(rng: random.Random, items):
    population = [k for k, _ in items]
    weights = [w for _, w in items]
    return lambda: rng.choices(population, weights)[0]


def generate(path: Path, n_members: int, n_procedures: int, seed: int = 8) -> None:
    """A fresh, migrated database filled with members and procedures by raw inserts."""
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.org.models import Organisation, OrgKind
    from ketluan_desktop.core.text import fold, name_sort_key

    db = open_database(path, create=True)
    with db.write_session() as s:
        issuer = Organisation(
            kind=OrgKind.ISSUING_BODY.value, name="Đảng ủy Khối các cơ quan tỉnh", short_name="ĐUK"
        )
        s.add(issuer)
        s.flush()
        orgs: list[tuple[int, list[int]]] = []
        for i in range(120):
            g = Organisation(
                kind=OrgKind.GRASSROOTS.value,
                name=f"Đảng bộ Cơ quan số {i + 1}",
                parent_id=issuer.id,
                position=i,
            )
            s.add(g)
            s.flush()
            cells = []
            for j in range(i % 4):
                c = Organisation(
                    kind=OrgKind.CELL.value, name=f"Chi bộ {j + 1}", parent_id=g.id, position=j
                )
                s.add(c)
                s.flush()
                cells.append(c.id)
            orgs.append((g.id, cells))
    db.dispose()

    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    member_sql = (
        "INSERT INTO member (id, full_name, name_folded, name_sort, gender, birth_date, "
        "place_of_origin, ethnicity, organisation_id, cell_id, position, agency, card_number, "
        "admission_date, first_admission_date, ceremony_date, full_member_date, seriously_ill, "
        "status, notes, version, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    status_of = _weighted(
        rng,
        [("full", 88), ("probationary", 6), ("transferred", 3), ("deceased", 2), ("removed", 1)],
    )
    base = date(1960, 1, 1).toordinal()
    batch = []
    for mid in range(1, n_members + 1):
        female = rng.random() < 0.45
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        name = f"{rng.choice(FAMILY)} {middle} {given}"
        if rng.random() < 0.25:
            name = f"{rng.choice(FAMILY)} {middle} {rng.choice(MIDDLE_F if female else MIDDLE_M)} {given}"
        status = status_of()
        birth = date.fromordinal(base + rng.randint(0, 40 * 365))
        if status == "probationary":
            admitted = date(2025, 1, 1) + timedelta(days=rng.randint(0, 690))
        else:
            admitted = date(
                min(birth.year + rng.randint(19, 40), 2024), rng.randint(1, 12), rng.randint(1, 28)
            )
        ceremony = admitted + timedelta(days=rng.randint(7, 40))
        full = (
            None
            if status == "probationary"
            else ceremony.replace(year=ceremony.year + 1)
            if not (ceremony.month == 2 and ceremony.day == 29)
            else ceremony + timedelta(days=365)
        )
        org_id, cells = rng.choice(orgs)
        batch.append(
            (
                mid,
                name,
                fold(name),
                name_sort_key(name),
                "Nữ" if female else "Nam",
                birth.isoformat(),
                rng.choice(PLACES),
                rng.choice(ETHNIC),
                org_id,
                rng.choice(cells) if cells else None,
                rng.choice(POSITIONS),
                f"Cơ quan số {org_id}",
                str(60_000_000 + mid) if status != "probationary" else None,
                admitted.isoformat(),
                None,
                ceremony.isoformat(),
                full.isoformat() if full else None,
                1 if rng.random() < 0.002 else 0,
                status,
                None,
                1,
                NOW,
                NOW,
            )
        )
        if len(batch) == 20_000:
            con.executemany(member_sql, batch)
            batch.clear()
    con.executemany(member_sql, batch)
    con.commit()

    proc_sql = (
        "INSERT INTO procedure (kind, member_id, status, received_on, decided_on, completed_on, "
        "counted_on, decision_number, decision_date, badge_years, ceremony_date, card_number, "
        "reason, travel_from, travel_to, return_report_on, details, version, created_at, "
        "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    kind_of = _weighted(rng, KINDS)
    pstatus_of = _weighted(rng, STATUSES)
    first_day = date(2016, 1, 1).toordinal()
    span = date(2026, 11, 27).toordinal() - first_day
    batch = []
    for _ in range(n_procedures):
        kind = kind_of()
        status = pstatus_of()
        received = date.fromordinal(first_day + rng.randint(0, span))
        decided = received + timedelta(days=rng.randint(3, 25))
        decided_s = decided.isoformat() if status in ("approved", "completed", "rejected") else None
        counted = decided.isoformat() if status in ("approved", "completed") else None
        completed = decided.isoformat() if status == "completed" else None
        years = rng.choice(BADGE_YEARS) if kind == "badge" else None
        reason = None
        travel_from = travel_to = report = None
        details = None
        if kind == "travel_abroad":
            reason = rng.choice(TRAVEL)
            out = decided + timedelta(days=rng.randint(5, 30))
            back = out + timedelta(days=rng.randint(3, 14))
            travel_from, travel_to = out.isoformat(), back.isoformat()
            if back < date(2026, 11, 29) and rng.random() < 0.995:
                report = (back + timedelta(days=rng.randint(1, 8))).isoformat()
            details = '{"countries": ["Nhật Bản"]}'
        elif kind == "card_reissue":
            reason = "mất" if rng.random() < 0.8 else "hư hỏng"
        elif kind == "political_standard":
            reason = rng.choice(["bổ nhiệm", "quy hoạch", "kết nạp đảng", "đi nước ngoài"])
        batch.append(
            (
                kind,
                rng.randint(1, n_members),
                status,
                received.isoformat(),
                decided_s,
                completed,
                counted,
                f"{rng.randint(1, 3000)}-QĐ/ĐUK" if decided_s else None,
                decided_s,
                years,
                None,
                None,
                reason,
                travel_from,
                travel_to,
                report,
                details,
                1,
                NOW,
                NOW,
            )
        )
        if len(batch) == 50_000:
            con.executemany(proc_sql, batch)
            batch.clear()
    con.executemany(proc_sql, batch)
    con.commit()
    con.execute("ANALYZE")
    con.commit()
    con.close()


# ---------------------------------------------------------------------------------------------
def _ms(fn, runs: int) -> tuple[float, float, object]:
    """(first call ms, median of the following runs ms, result)."""
    t = time.perf_counter()
    result = fn()
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return first, statistics.median(times) if times else first, result


def measure(path: Path, runs: int) -> dict:
    """Runs in its own process: opens the database as the app does and times what screens do."""
    import resource

    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.members import figures as stats
    from ketluan_desktop.core.members import member_list
    from ketluan_desktop.core.members import reminders as member_rules

    db = open_database(path)
    out: dict = {}
    window = 100
    with db.session() as s:
        total = member_list.count(s)

        # Exactly what the list screen's lazy model asks: the count, then the window it paints.
        def open_list():
            source = member_list.MemberList(db.session)
            return source.count(), source.window(0, window)

        def last_window():
            return member_list.MemberList(db.session).window(max(total - window, 0), window)

        def search(text):
            def run():
                source = member_list.MemberList(db.session, text=text)
                return source.count(), source.window(0, window)

            return run

        out["members"] = total
        f, m, (n, rows) = _ms(open_list, runs)
        out["open_list_ms"] = (f, m)
        out["first_names"] = [r.full_name for r in rows[:5]]
        f, m, _ = _ms(last_window, runs)
        out["last_window_ms"] = (f, m)
        for q in ("nguyen van tuan", "thi huong", "dang"):
            f, m, (n, rows) = _ms(search(q), runs)
            out[f"search_ms[{q}]"] = (f, m)
            out[f"search_hits[{q}]"] = n
        f, m, fig = _ms(lambda: stats.figures(s, *H1), runs)
        out["figures_ms"] = (f, m)
        out["figures"] = fig.to_json()["counts"]
        out["sentence"] = stats.sentence(fig)
        today = date(2026, 11, 29)
        f, m, summary = _ms(lambda: member_rules.counts(s, today), max(runs // 2, 1))
        out["reminders_ms"] = (f, m)
        out["reminders"] = summary
    out.update(_measure_window(db, runs))
    db.dispose()
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _measure_window(db, runs: int) -> dict:
    """The list as the screen shows it: the lazy Qt model behind a table view, offscreen."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from ketluan_desktop.core.members import member_list
    from ketluan_desktop.ui.models.lazy_table import LazyTableModel
    from ketluan_desktop.ui.models.rows_model import Column
    from ketluan_desktop.ui.models.task_list_model import InlineRunner

    app = QApplication.instance() or QApplication([])
    filters: dict = {}

    # The queries run inline here: this measures their cost, the GUI benchmark the UI thread's.
    model = LazyTableModel(
        [Column("Họ và tên", lambda r: r.full_name), Column("Tổ chức", lambda r: r.organisation)],
        lambda: member_list.MemberList(db.session, **filters),
        InlineRunner(),
    )
    view = QTableView()
    view.resize(900, 700)
    view.setModel(model)
    view.show()

    def open_list():
        model.reload()
        app.processEvents()  # the view asks for the rows it paints
        return model.rowCount()

    def search():
        filters["text"] = "nguyen van tuan"
        model.reload()
        app.processEvents()
        filters.clear()
        return model.rowCount()

    out = {}
    f, m, _ = _ms(open_list, runs)
    out["window_open_ms"] = (f, m)
    f, m, _ = _ms(search, runs)
    out["window_search_ms"] = (f, m)
    out["window_pages_read"] = model.pages_read
    view.close()
    return out


_SEARCH = (
    "SELECT count(*) FROM member WHERE name_folded LIKE '%{q}%'",
    "SELECT id, full_name FROM member WHERE name_folded LIKE '%{q}%' ORDER BY name_sort, id "
    "LIMIT 100",
)
PEER_SQL = {
    "open_list_ms": (
        "SELECT count(*) FROM member",
        "SELECT id, full_name FROM member ORDER BY name_sort, id LIMIT 100",
    ),
    "last_window_ms": (
        "SELECT id, full_name FROM member ORDER BY name_sort DESC, id DESC LIMIT 100",
    ),
    **{
        f"search_ms[{q}]": tuple(x.format(q=q) for x in _SEARCH)
        for q in ("nguyen van tuan", "thi huong", "dang")
    },
    "figures_ms": (
        "SELECT kind, badge_years, reason, count(*) FROM procedure WHERE counted_on >= '2026-01-01' "
        "AND counted_on <= '2026-06-30' AND status IN ('approved', 'completed') "
        "GROUP BY kind, badge_years, reason",
    ),
}


def _peer(path: Path, runs: int) -> dict[str, float]:
    """The same questions put to the file through the sqlite3 module (count, first 100 rows)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for key, statements in PEER_SQL.items():
        times = []
        for _ in range(runs + 1):
            t = time.perf_counter()
            for sql in statements:
                con.execute(sql).fetchall()
            times.append((time.perf_counter() - t) * 1000)
        out[key] = statistics.median(times[1:])
    con.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--members", type=int, default=100_000)
    ap.add_argument("--procedures", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="database file (kept; reused when it exists)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--measure-only", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--big", action="store_true", help="use the cached big database (bigdb.py)")
    args = ap.parse_args()
    if args.big:
        from bigdb import big_db

        args.db = big_db()

    if args.measure_only:
        print(json.dumps(measure(args.measure_only, args.runs), ensure_ascii=False, default=str))
        return 0

    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "bench.db"
    else:
        path = args.db
    if not path.exists():
        t = time.perf_counter()
        generate(path, args.members, args.procedures)
        print(
            f"generated {args.members:,} members and {args.procedures:,} procedures in "
            f"{time.perf_counter() - t:.1f} s ({path.stat().st_size / 1e6:.0f} MB)"
        )
    proc = subprocess.run(
        [sys.executable, __file__, "--measure-only", str(path), "--runs", str(args.runs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return proc.returncode
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"members: {r['members']:,}")

    peers = _peer(path, args.runs)

    def line(label: str, key: str, peer_key: str | None = None) -> None:
        first, median = r[key]
        p = peers.get(peer_key or key)
        versus = f"   raw sqlite3 {p:6.1f} ms  ratio {median / p:5.1f}×" if p else ""
        print(f"{label:<44} first {first:7.1f} ms   median {median:7.1f} ms{versus}")

    line("open the member list (count + 100 rows)", "open_list_ms")
    line("scroll to the end (last 100 rows)", "last_window_ms")
    for q in ("nguyen van tuan", "thi huong", "dang"):
        line(f"search «{q}» ({r[f'search_hits[{q}]']:,} hits)", f"search_ms[{q}]")
    line("the list window: Qt model + view, shown", "window_open_ms", "open_list_ms")
    line(
        "the list window: search «nguyen van tuan»",
        "window_search_ms",
        "search_ms[nguyen van tuan]",
    )
    line("six-month figures + sentence (H1 2026)", "figures_ms")
    line("dashboard reminders (all rules)", "reminders_ms")
    print("first names:", ", ".join(r["first_names"]))
    print("reminders:", r["reminders"])
    print("sentence:", r["sentence"])
    print(f"peak memory of the measuring process: {r['peak_rss_mb']:.0f} MB (target < 300 MB)")
    print("targets: list, search and figures < 100 ms each; " + load_average())
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Import a sheet of 10,000 Party members from Excel (target, issue 8: under 10 s).

    python bench/bench_member_excel.py [--rows 10000] [--runs 3]

Each run starts from an empty office (the demo's organisations and cells, no member), writes the
sheet with openpyxl the way an office's own list looks (Vietnamese headers, dates as text), then
times what the "Nhập từ Excel" command does: check every row (``read_sheet``) and store them all
(``import_members``) in one transaction.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ketluan_desktop.core.db import open_database  # noqa: E402
from ketluan_desktop.core.demo import office  # noqa: E402
from ketluan_desktop.core.demo.members import FAMILY, GIVEN_M, MIDDLE_M  # noqa: E402
from ketluan_desktop.core.members import member_import, member_list  # noqa: E402
from ketluan_desktop.core.members import records as member_service  # noqa: E402

TARGET_SECONDS = 10.0
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=timezone(timedelta(hours=7)))
HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Quê quán", "Dân tộc",
          "Tổ chức cơ sở đảng", "Chi bộ", "Chức vụ", "Số thẻ đảng viên", "Ngày vào Đảng",
          "Ngày chính thức", "Tình trạng"]  # fmt: skip


def write_sheet(path: Path, rows: int, orgs) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"])
    ws.append(HEADER)
    for i in range(rows):
        org = orgs[i % len(orgs)]
        cell = org.cells[i % len(org.cells)][1] if org.cells else None
        name = (
            f"{FAMILY[i % len(FAMILY)]} {MIDDLE_M[(i // 7) % len(MIDDLE_M)]} "
            f"{GIVEN_M[(i // 3) % len(GIVEN_M)]}"
        )
        born = date(1960 + i % 30, 1 + i % 12, 1 + i % 28)
        ws.append([i + 1, name, "Nam", born.strftime("%d/%m/%Y"), "Đại Từ, Thái Nguyên", "Kinh",
                   org.name, cell, "Chuyên viên", str(50_000_000 + i), "10/3/2010", "20/3/2011",
                   "Chính thức"])  # fmt: skip
    wb.save(path)


def one_run(folder: Path, rows: int, run: int) -> tuple[float, float]:
    db = open_database(folder / f"office-{run}.db", create=True)
    with db.write_session() as s:
        office.build(s)
    with db.session() as s:
        orgs = member_service.grassroots_organisations(s)
    sheet = folder / f"danh-sach-{run}.xlsx"
    write_sheet(sheet, rows, orgs)
    start = time.perf_counter()
    with db.session() as s:
        preview = member_import.read_sheet(s, sheet, today=NOW.date())
    checked = time.perf_counter()
    if preview.errors:
        raise SystemExit(f"the generated sheet has errors: {preview.errors[:3]}")
    with db.write_session() as s:
        stored = member_import.import_members(s, preview, now=NOW)
    done = time.perf_counter()
    with db.session() as s:
        assert stored == rows == member_list.count(s)
    db.dispose()
    return checked - start, done - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = [one_run(Path(tmp), args.rows, i) for i in range(args.runs)]
    check = statistics.median(r[0] for r in results)
    total = statistics.median(r[1] for r in results)
    print(f"{args.rows:,} members from Excel, median of {args.runs} runs:")
    print(f"  check every row (read_sheet)        {check:6.2f} s")
    print(f"  check and store (read + import)     {total:6.2f} s   target < {TARGET_SECONDS:.0f} s")
    print(f"=> {'target met' if total < TARGET_SECONDS else 'target NOT met'}")


if __name__ == "__main__":
    main()

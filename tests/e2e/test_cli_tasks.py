"""`ketluan tasks …` and `ketluan units …` as users and scripts run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=300,
    )


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli-demo") / "demo.db"
    r = run("demo", "--db", str(path))
    assert r.returncode == 0, r.stderr
    return path


@pytest.fixture
def dbfile(_demo_file, tmp_path) -> str:
    target = tmp_path / "Văn phòng Đảng ủy" / "ketluan.db"
    target.parent.mkdir()
    shutil.copyfile(_demo_file, target)
    return str(target)


def tasks_json(dbfile: str, *args: str) -> list[dict]:
    r = run("tasks", "list", "--db", dbfile, "--json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_list_the_demo_tasks_overdue_in_2025_and_not_before(dbfile):
    rows = tasks_json(dbfile, "--today", "2024-12-01")
    assert len(rows) == 8
    assert {r["deadline"] for r in rows} == {"2024-12-31"} and all(r["lead_unit"] for r in rows)
    assert not tasks_json(dbfile, "--overdue", "--today", "2024-12-01")
    late = tasks_json(dbfile, "--overdue", "--today", "2025-01-15")
    assert len(late) == 8 and {r["state_label"] for r in late} == {"Quá hạn"}
    assert {r["status"] for r in late} == {"not_started", "in_progress"}  # never stored


def test_filters_unit_due_before_search_and_text_output(dbfile):
    btc = tasks_json(dbfile, "--unit", "ban to chuc", "--today", "2025-01-15")
    assert [r["lead_unit"] for r in btc] == ["Ban Tổ chức"] * 3
    assert len(tasks_json(dbfile, "--due-before", "2025-01-01")) == 8
    assert tasks_json(dbfile, "--due-before", "31/12/2024") == []
    found = tasks_json(dbfile, "--search", "chinh tri tu tuong")
    assert len(found) == 1 and "chính trị tư tưởng" in found[0]["text"]
    soon = tasks_json(dbfile, "--due-soon", "--today", "2024-12-27")
    assert len(soon) == 8 and all(r["due_soon"] for r in soon)
    r = run("tasks", "list", "--db", dbfile, "--unit", "Ủy ban Kiểm tra", "--today", "2025-01-15")
    assert r.returncode == 0
    (line,) = r.stdout.splitlines()
    assert "Quá hạn" in line and "31/12/2024" in line and "Ủy ban Kiểm tra" in line


def test_update_with_a_note_then_mark_done_late(dbfile):
    first = tasks_json(dbfile, "--unit", "Văn phòng")[0]
    tid = str(first["id"])
    r = run(
        "tasks",
        "update",
        tid,
        "--db",
        dbfile,
        "--note",
        "Đã giao chỉ tiêu cho 12 đơn vị",
        "--percent",
        "50",
        "--file",
        "12-BC/VP",
        "--today",
        "2024-12-10",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"Đã ghi báo cáo tiến độ nhiệm vụ số {tid}: Đang thực hiện."
    row = tasks_json(dbfile, "--unit", "Văn phòng", "--today", "2024-12-10")[0]
    assert (row["latest_update"], row["latest_percent"], row["latest_update_date"]) == (
        "Đã giao chỉ tiêu cho 12 đơn vị",
        50,
        "2024-12-10",
    )
    r = run(
        "tasks", "update", tid, "--db", dbfile, "--status", "hoan thanh", "--today", "2025-01-05"
    )
    assert r.returncode == 0 and "Hoàn thành quá hạn" in r.stdout
    shown = json.loads(run("tasks", "show", tid, "--db", dbfile, "--json").stdout)
    assert shown["status"] == "done_late" and shown["completed_on"] == "2025-01-05"
    assert shown["updates"][0]["attachments"] == ["12-BC/VP"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("tasks", "update", "999", "--status", "done"), "Không có nhiệm vụ số 999"),
        (("tasks", "update", "1", "--status", "quá hạn"), "tự tính từ thời hạn"),
        (("tasks", "update", "1"), "--note"),
        (("tasks", "update", "1", "--note", "x", "--percent", "140"), "từ 0 đến 100"),
        (("tasks", "list", "--unit", "Ban Kinh tế"), "Không có đơn vị nào tên «Ban Kinh tế»"),
        (("tasks", "list", "--due-before", "31/13/2024"), "không có tháng 13"),
        (("tasks", "report", "1", "-o", "bao-cao.docx"), ".pdf"),
        (("tasks", "report", "-o", "bao-cao.pdf"), "mã văn bản"),
        (("tasks", "report", "77", "-o", "x.pdf"), "Không có văn bản mã số 77"),
        (("tasks", "add", "Việc mới", "--deadline", "sớm"), "Không hiểu thời hạn"),
    ],
)
def test_bad_input_exits_1_with_one_vietnamese_line(dbfile, args, words, capsys):
    from ketluan_desktop.cli import main  # in process: the same entry point, without the start-up

    code = main([*args[:2], "--db", dbfile, *args[2:]])
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("Lỗi: ") and words in err and len(err.strip().splitlines()) == 1


def test_a_user_error_from_the_real_command_has_no_traceback(dbfile):
    r = run("tasks", "update", "999", "--db", dbfile, "--status", "done")
    assert r.returncode == 1 and r.stderr.startswith("Lỗi: Không có nhiệm vụ số 999")
    assert "Traceback" not in r.stderr


def test_report_for_the_sample_conclusion_to_pdf_and_excel(dbfile, tmp_path):
    doc = json.loads(run("documents", "list", "--db", dbfile, "--json").stdout)[0]
    assert doc["number_symbol"] == "105-KL/ĐUK"
    pdf = tmp_path / "Báo cáo KL 105.pdf"
    r = run(
        "tasks", "report", str(doc["id"]), "--db", dbfile, "-o", str(pdf), "--today", "2025-01-15"
    )
    assert r.returncode == 0, r.stderr
    assert "8 nhiệm vụ" in r.stdout
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "BÁO CÁO" in text and "tình hình thực hiện Kết luận số 105-KL/ĐUK" in text
    assert "PHỤ LỤC" in text and text.count("Quá hạn") >= 8
    xlsx = tmp_path / "bao-cao.xlsx"
    r = run(
        "tasks", "report", str(doc["id"]), "--db", dbfile, "-o", str(xlsx), "--today", "2025-01-15"
    )
    assert r.returncode == 0, r.stderr
    rows = [
        r for r in load_workbook(xlsx).active.iter_rows(values_only=True) if isinstance(r[0], int)
    ]
    assert len(rows) == 8 and {r[7] for r in rows} == {"Quá hạn"}
    period = tmp_path / "ky.pdf"
    r = run(
        "tasks",
        "report",
        "--db",
        dbfile,
        "--from",
        "1/7/2024",
        "--to",
        "31/12/2024",
        "--unit",
        "Ban Tổ chức",
        "-o",
        str(period),
        "--today",
        "2025-01-15",
    )
    assert r.returncode == 0, r.stderr
    assert "(3 nhiệm vụ)" in r.stdout


def test_add_a_task_and_units_round_trip(dbfile, tmp_path):
    r = run(
        "tasks",
        "add",
        "Sơ kết 6 tháng công tác dân vận",
        "--db",
        dbfile,
        "--unit",
        "ban tuyen giao",
        "--co-unit",
        "Văn phòng",
        "--deadline",
        "quý II/2025",
        "--today",
        "2025-01-15",
    )
    assert r.returncode == 0, r.stderr
    tid = r.stdout.strip().rsplit(" ", 1)[1].rstrip(".")
    shown = json.loads(run("tasks", "show", tid, "--db", dbfile, "--json").stdout)
    assert shown["deadline"] == "2025-06-30" and shown["co_units"] == ["Văn phòng"]
    units = json.loads(run("units", "list", "--db", dbfile, "--json").stdout)
    assert units[0]["short_name"] == "Văn phòng" and any(u["kind"] == "cell" for u in units)
    out = tmp_path / "đơn vị.xlsx"
    assert run("units", "export", str(out), "--db", dbfile).returncode == 0
    r = run("units", "import", str(out), "--db", dbfile)
    assert r.returncode == 0 and f"giữ nguyên {len(units)}" in r.stdout

"""`ketluan stats`, `members`, `reminders`, `registers` as users and scripts run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

SENTENCE = (
    "Kết luận tiêu chuẩn chính trị đối với 394 trường hợp; xét kết nạp 73 quần chúng ưu tú vào "
    "Đảng, chuyển đảng chính thức cho 68 đảng viên dự bị; đề nghị tặng Huy hiệu 40 năm tuổi Đảng "
    "cho 01 đồng chí, 30 năm tuổi Đảng cho 07 đồng chí. Cấp mới thẻ đảng viên cho 69 đồng chí, cấp "
    "lại thẻ bị mất cho 04 đồng chí; có văn bản đồng ý cho 85 đảng viên đi tham quan, học tập, "
    "công tác ở nước ngoài."
)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    r = run("demo", "--db", str(path))
    assert r.returncode == 0, r.stderr
    return path


@pytest.fixture
def demo(_demo_file, tmp_path) -> Path:
    target = tmp_path / "Văn phòng" / "demo.db"
    target.parent.mkdir()
    shutil.copyfile(_demo_file, target)
    return target


def test_stats_sentence_on_the_demo_office_is_the_conclusions_sentence(demo):
    r = run("stats", "--db", str(demo), "--from", "2024-01-01", "--to", "2024-06-30", "--sentence")
    assert r.returncode == 0, r.stderr
    assert r.stdout == SENTENCE + "\n"


def test_stats_json_and_the_table(demo):
    r = run("stats", "--db", str(demo), "--from", "1/1/2024", "--to", "30/6/2024", "--json")
    data = json.loads(r.stdout)
    assert data["counts"]["political_standard"] == 394 and data["badges"] == {"30": 7, "40": 1}
    assert data["sentence"] == SENTENCE and data["from"] == "2024-01-01"
    r = run("stats", "--db", str(demo), "--from", "2024-01-01", "--to", "2024-06-30")
    assert "Cấp mới thẻ đảng viên" in r.stdout and "69" in r.stdout and SENTENCE in r.stdout


def test_stats_of_an_empty_or_bad_period(demo):
    r = run("stats", "--db", str(demo), "--from", "2010-01-01", "--to", "2010-06-30", "--sentence")
    assert r.returncode == 0 and "Không có thủ tục nào" in r.stdout
    r = run("stats", "--db", str(demo), "--from", "2024-06-30", "--to", "2024-01-01")
    assert r.returncode == 1
    assert r.stderr.startswith("Lỗi: Khoảng thời gian không hợp lệ")
    r = run("stats", "--db", str(demo), "--from", "31/2/2024", "--to", "2024-06-30")
    assert r.returncode == 1 and "Ngày «31/2/2024» không có thật" in r.stderr
    r = run("stats", "--db", str(demo), "--from", "2024-01-01")
    assert r.returncode == 2


def test_members_list_search_without_accents(demo):
    r = run(
        "members", "list", "--db", str(demo), "--search", "nguyen van", "--json", "--limit", "0"
    )
    data = json.loads(r.stdout)
    assert data["total"] == len(data["members"]) > 0
    assert all(m["full_name"].startswith("Nguyễn Văn") for m in data["members"])


def test_export_needs_confirmation_then_imports_back(demo, tmp_path):
    out = tmp_path / "ds.xlsx"
    r = run("members", "export", str(out), "--db", str(demo), "--status", "probationary")
    assert r.returncode == 1 and "--yes" in r.stderr and not out.exists()
    r = run("members", "export", str(out), "--db", str(demo), "--status", "probationary", "--yes")
    assert r.returncode == 0, r.stderr
    n = int(r.stdout.split()[2])
    assert n >= 9
    # Back into the same database: probationary members have no card number to collide, so the
    # sheet is valid, with a warning on each row that the same person seems to be there already.
    r = run("members", "import", str(out), "--db", str(demo), "--check")
    assert r.returncode == 0, r.stderr
    assert "Lưu ý" in r.stderr and f"{n} dòng hợp lệ" in r.stdout


def test_import_refuses_a_sheet_with_errors_listing_them_by_row(demo, tmp_path):
    path = tmp_path / "loi.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Tổ chức cơ sở đảng", "Ngày vào Đảng", "Số thẻ đảng viên"])
    ws.append(["Nguyễn Văn Mới", "01/02/1990", "Đảng bộ Sở Y tế", "03/04/2015", "99000001"])
    ws.append([None, "01/02/1990", "Đảng bộ Sở Y tế", "03/04/2015", None])
    ws.append(["Trần Văn Sai", "30/02/1990", "Đảng bộ Sở Y tế", "03/04/2015", "99000001"])
    ws.append(["Lê Văn Lạ", "01/02/1990", "Đảng bộ Không Có", "03/04/2015", None])
    wb.save(path)
    r = run("members", "import", str(path), "--db", str(demo), "--yes")
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert "Dòng 3 [Họ và tên]: Lỗi: Thiếu họ và tên." in lines
    assert any(
        line.startswith("Dòng 4 [Ngày sinh]: Lỗi: Ngày sinh «30/02/1990» không có thật")
        for line in lines
    )
    assert "Dòng 4 [Số thẻ đảng viên]: Lỗi: Số thẻ 99000001 trùng với dòng 2." in lines
    assert any(line.startswith("Dòng 5 [Tổ chức cơ sở đảng]: Lỗi:") for line in lines)
    assert "Chưa nhập gì" in r.stdout
    r = run("members", "list", "--db", str(demo), "--search", "nguyen van moi", "--json")
    assert json.loads(r.stdout)["total"] == 0


def test_reminders_and_registers(demo, tmp_path):
    r = run("reminders", "--db", str(demo), "--today", "2026-11-29", "--json")
    data = json.loads(r.stdout)
    assert data["rules"]["lost_card"]["count"] >= 0
    assert set(data["rules"]) == {
        "probation_ending",
        "probation_overdue",
        "badge_due",
        "return_report",
        "ceremony_overdue",
        "lost_card",
    }
    r = run("reminders", "--db", str(demo), "--rule", "nope")
    assert r.returncode == 1 and "Không có loại nhắc việc «nope»" in r.stderr
    out = tmp_path / "so-the.pdf"
    r = run(
        "registers",
        "cards",
        "--db",
        str(demo),
        "--from",
        "2024-01-01",
        "--to",
        "2024-06-30",
        "--out",
        str(out),
        "--yes",
    )
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF") and "(73 dòng)" in r.stdout


def test_parser_choices_match_the_model():
    from ketluan_desktop.cli import member_commands
    from ketluan_desktop.core.members.member_registers import REGISTERS
    from ketluan_desktop.core.members.models import MemberStatus

    assert [s.value for s in MemberStatus] == member_commands.STATUSES
    assert list(REGISTERS) == member_commands.REGISTER_KEYS

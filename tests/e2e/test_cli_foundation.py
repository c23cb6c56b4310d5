"""The `ketluan` command as users and scripts run it: exit codes, JSON, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )


@pytest.fixture
def dbfile(tmp_path) -> Path:
    return tmp_path / "Thư mục của Nguyễn" / "x.db"


def test_demo_then_info_shows_the_demo_office_and_demo_twice_changes_nothing(dbfile):
    r = run("demo", "--db", str(dbfile))
    assert r.returncode == 0, r.stderr
    info = json.loads(run("info", "--db", str(dbfile), "--json").stdout)
    counts = info["counts"]
    assert counts["meeting"] == 1
    assert counts["document"] == 1
    assert counts["task"] == 8
    assert counts["procedure"] > 394 + 73 + 68 + 8 + 69 + 4 + 85
    assert counts["member"] > 500
    assert info["schema_revision"] and info["database"] == str(dbfile)
    r2 = run("demo", "--db", str(dbfile))
    assert r2.returncode == 0 and "đã có sẵn" in r2.stdout
    assert json.loads(run("info", "--db", str(dbfile), "--json").stdout)["counts"] == counts


def test_documents_list_json(dbfile):
    run("demo", "--db", str(dbfile))
    rows = json.loads(run("documents", "list", "--db", str(dbfile), "--json").stdout)
    assert rows == [
        {
            "id": rows[0]["id"],
            "type": "KL",
            "number_symbol": "105-KL/ĐUK",
            "date": "2024-07-10",
            "subject": "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)",
            "status": "issued",
            "approval": None,  # issued by the workstation's own account: approved by issuing
        }
    ]


def test_ketluan_db_environment_variable_is_used_by_every_subcommand(dbfile):
    env = {"KETLUAN_DB": str(dbfile)}
    assert run("init", env=env).returncode == 0
    assert dbfile.exists()
    info = json.loads(run("info", "--json", env=env).stdout)
    assert info["database"] == str(dbfile)


def test_user_error_exits_1_with_one_vietnamese_line(tmp_path):
    bad = tmp_path / "ketluan.db"
    bad.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    r = run("info", "--db", str(bad))
    assert r.returncode == 1
    assert r.stderr.startswith("Lỗi: Tệp ") and r.stderr.count("\n") == 1
    assert r.stdout == ""


def test_usage_error_exits_2():
    r = run("documents", "frobnicate")
    assert r.returncode == 2
    assert "lỗi cú pháp" in r.stderr


def test_a_bug_prints_one_line_with_the_log_path_and_logs_the_traceback(dbfile, tmp_path):
    import sqlite3

    run("init", "--db", str(dbfile))
    con = sqlite3.connect(dbfile)
    con.execute("DROP TABLE trusted_root")  # damage the schema behind the app's back
    con.commit()
    con.close()
    data = tmp_path / "dữ liệu cli"
    r = run("info", "--db", str(dbfile), env={"KETLUAN_DATA_DIR": str(data)})
    assert r.returncode == 70
    assert r.stderr.startswith("Lỗi chương trình") and r.stderr.count("\n") == 1
    log = (data / "logs" / "ketluan.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "trusted_root" in log

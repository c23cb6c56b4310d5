"""`ketluan import`: the dry-run JSON, the one-transaction store, refusals."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

SAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"
)
KEYS = [
    "source",
    "document",
    "meeting",
    "sections",
    "tasks",
    "citations",
    "figures",
    "recipients",
    "signer",
    "warnings",
]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ},
    )


def test_dry_run_json_has_exactly_the_documented_keys_and_touches_nothing(tmp_path):
    db = tmp_path / "x.db"
    r = run("import", str(SAMPLE), "--dry-run", "--json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert list(out)[: len(KEYS)] == KEYS  # new keys may follow, none removed or renamed
    assert {k: out["source"][k] for k in ("encoding", "converted_from")} == {
        "encoding": "utf-8",
        "converted_from": None,
    }
    assert out["meeting"] == {
        "body": "Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh",
        "term": "VIII",
        "session": 19,
        "extended": True,
        "date": "2024-07-10",
    }
    assert len(out["tasks"]) == 8 and {t["section"] for t in out["tasks"]} == {"2"}
    numbered = {c["number_symbol"] for c in out["citations"] if c["number_symbol"]}
    assert len(numbered) == 11
    by_symbol = {c["number_symbol"]: c for c in out["citations"]}
    assert by_symbol["1300-QĐ/TU"]["date"] == "2023-07-04"
    assert by_symbol["28-NQ/TU"] == {
        "kind": "Nghị quyết",
        "number_symbol": "28-NQ/TU",
        "date": "2023-12-06",
        "issuer": "Tỉnh ủy",
        "name": None,
    }
    assert {f["kind"]: f["count"] for f in out["figures"]} == {
        "political_standard": 394,
        "admission": 73,
        "official_membership": 68,
        "badge_40": 1,
        "badge_30": 7,
        "card_new": 69,
        "card_reissue": 4,
        "travel_abroad": 85,
    }
    assert len(out["recipients"]) == 7
    assert out["signer"] == {
        "authority": "T/M BAN CHẤP HÀNH",
        "title": None,
        "name": "Hoàng Thanh Hải",
    }
    assert not db.exists()


def test_import_stores_everything_once_and_refuses_the_same_file_again(tmp_path):
    db = tmp_path / "Văn phòng" / "x.db"
    assert run("init", "--db", str(db)).returncode == 0  # importing never creates an office
    r = run("import", str(SAMPLE), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "8 nhiệm vụ" in r.stdout
    con = sqlite3.connect(db)
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("document", "meeting", "task", "cited_document", "document_figure", "section")
    }
    assert counts == {
        "document": 1,
        "meeting": 1,
        "task": 8,
        "cited_document": 15,
        "document_figure": 8,
        "section": 4,
    }
    linked = con.execute(
        "SELECT count(*) FROM task t JOIN block b ON b.id = t.block_id "
        "JOIN section s ON s.id = t.section_id WHERE s.number = '2' AND b.text = t.text"
    ).fetchone()[0]
    assert linked == 8
    con.close()
    again = run("import", str(SAMPLE), "--db", str(db))
    assert again.returncode == 1
    assert "đã được nhập trước đây" in again.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM document").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM task").fetchone()[0] == 8


def test_binary_and_oversized_files_are_refused_clearly(tmp_path):
    binary = tmp_path / "ảnh.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100)
    r = run("import", str(binary), "--dry-run")
    assert r.returncode == 1 and r.stderr.startswith("Lỗi: ") and r.stderr.count("\n") == 1
    big = tmp_path / "lớn.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    r = run("import", str(big), "--dry-run")
    assert r.returncode == 1 and "10" in r.stderr
    r = run("import", str(tmp_path / "không có.txt"), "--dry-run")
    assert r.returncode == 1 and "Không tìm thấy" in r.stderr


def test_imported_tasks_take_their_deadline_from_the_task_section_heading(tmp_path):
    db = tmp_path / "x.db"
    assert run("init", "--db", str(db)).returncode == 0
    assert run("import", str(SAMPLE), "--db", str(db)).returncode == 0
    rows = (
        sqlite3.connect(db).execute("SELECT DISTINCT deadline, deadline_text FROM task").fetchall()
    )
    assert rows == [("2024-12-31", "6 tháng cuối năm 2024")]

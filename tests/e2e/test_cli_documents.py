"""`ketluan documents …` and `ketluan export …` as scripts run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=300,
    )


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "Văn phòng" / "demo.db"
    path.parent.mkdir(parents=True)
    r = run("demo", "--db", str(path))
    assert r.returncode == 0, r.stderr
    return path


def test_new_from_template_then_issue_prints_the_number(demo_file):
    db = str(demo_file)
    r = run("documents", "new", "--type", "KL", "--from-template", "--meeting", "1", "--db", db)
    assert r.returncode == 0, r.stderr
    doc_id = r.stdout.strip()
    assert doc_id.isdigit() and "Đã tạo dự thảo kết luận" in r.stderr
    shown = json.loads(run("documents", "show", doc_id, "--json", "--db", db).stdout)
    assert shown["sections"][0]["blocks"][0]["text"].startswith("Ngày 10 tháng 7 năm 2024")
    r = run("documents", "issue", doc_id, "--db", db)
    assert r.returncode == 0, r.stderr
    first = r.stdout.strip()
    assert first.endswith("-KL/ĐUK") and len(first.split("-")[0]) >= 2
    r = run("documents", "new", "--type", "kl", "--from-template", "--meeting", "1", "--db", db)
    second = run("documents", "issue", r.stdout.strip(), "--db", db).stdout.strip()
    assert int(second.split("-")[0]) == int(first.split("-")[0]) + 1
    r = run("documents", "issue", doc_id, "--db", db)
    assert r.returncode == 1 and r.stderr.startswith("Lỗi: Văn bản") and "«Đã ban hành»" in r.stderr
    listed = json.loads(run("documents", "list", "--json", "--status", "issued", "--db", db).stdout)
    assert {d["number_symbol"] for d in listed} >= {"105-KL/ĐUK", first, second}


def test_a_blank_draft_cannot_be_issued_and_says_why(demo_file):
    db = str(demo_file)
    doc_id = run("documents", "new", "--type", "TB", "--db", db).stdout.strip()
    r = run("documents", "issue", doc_id, "--db", db)
    assert r.returncode == 1
    assert "Chưa ban hành được: văn bản còn thiếu trích yếu, nội dung" in r.stderr
    assert run("documents", "delete", doc_id, "--db", db).returncode == 0


def test_replace_duplicate_sign_and_the_register(demo_file, tmp_path):
    db = str(demo_file)
    new_id = run("documents", "replace", "1", "--db", db).stdout.strip()
    number = run("documents", "issue", new_id, "--db", db).stdout.strip()
    rows = json.loads(run("documents", "register", "--term", "IX", "--json", "--db", db).stdout)
    row = next(r for r in rows if r["number_symbol"] == number)
    assert row["notes"] == "Thay thế văn bản số 105-KL/ĐUK"
    old = json.loads(run("documents", "register", "--term", "VIII", "--json", "--db", db).stdout)
    assert old[0]["notes"] == f"Đã được thay thế bởi văn bản số {number}"
    assert run("documents", "sign", new_id, "--db", db).returncode == 0
    dup = run("documents", "duplicate", new_id, "--db", db)
    assert dup.returncode == 0 and dup.stdout.strip().isdigit()
    xlsx, pdf = tmp_path / "sổ.xlsx", tmp_path / "sổ.pdf"
    r = run(
        "documents",
        "register",
        "--year",
        "2024",
        "--xlsx",
        str(xlsx),
        "--pdf",
        str(pdf),
        "--db",
        db,
    )
    assert r.returncode == 0, r.stderr
    assert xlsx.stat().st_size > 4000 and pdf.read_bytes().startswith(b"%PDF")
    r = run("documents", "register", "--term", "XX", "--db", db)
    assert r.returncode == 1 and "Không có khóa «XX»" in r.stderr


def test_export_document_and_sample(demo_file, tmp_path):
    db = str(demo_file)
    out = tmp_path / "kết luận.pdf"
    r = run("export", "1", "--format", "pdf", "-o", str(out), "--db", db)
    assert r.returncode == 0, r.stderr and out.read_bytes().startswith(b"%PDF")
    docx = tmp_path / "kl.docx"
    assert run("export", "1", "-o", str(docx), "--db", db).returncode == 0
    assert docx.read_bytes()[:2] == b"PK"
    sample = tmp_path / "mau.pdf"
    r = run("export", "--sample", "-o", str(sample))
    assert r.returncode == 0, r.stderr
    from pypdf import PdfReader

    text = PdfReader(str(sample)).pages[0].extract_text()
    assert "Số 105-KL/ĐUK" in text and "KẾT LUẬN" in text
    r = run("export", "1", "--format", "docx", "-o", str(tmp_path / "x.pdf"), "--db", db)
    assert r.returncode == 1 and "có đuôi .pdf nhưng định dạng chọn là docx" in r.stderr
    r = run("export", "-o", str(tmp_path / "y.pdf"))
    assert r.returncode == 1 and "DOC_ID" in r.stderr
    r = run("export", "999", "-o", str(tmp_path / "z.pdf"), "--db", db)
    assert r.returncode == 1 and "Không có văn bản mã số 999" in r.stderr
    assert "«ketluan documents list»" in r.stderr  # the command line names the command to list

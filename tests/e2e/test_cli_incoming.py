"""`ketluan import FILE --incoming` and `ketluan incoming list|show` (issue 17)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ},
    )  # fmt: skip


def test_incoming_import_list_show_and_the_kept_file(tmp_path) -> None:
    db = str(tmp_path / "vp.db")
    assert run("init", "--db", db).returncode == 0
    src = REAL / "tb432-vptw-ket-luan-tong-bi-thu-2025.txt"
    r = run("import", str(src), "--incoming", "--received", "28/11/2025", "--track-tasks",
            "--json", "--db", db)  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["register_number"], out["year"]) == (1, 2025) and out["tasks"] > 0
    r = run("incoming", "list", "--db", db)
    assert r.returncode == 0 and "1/2025" in r.stdout and "432-TB/VPTW" in r.stdout
    r = run("incoming", "list", "--search", "tong bi thu", "--json", "--db", db)
    assert [row["number_symbol"] for row in json.loads(r.stdout)] == ["432-TB/VPTW"]
    saved = tmp_path / "ban-goc.txt"
    r = run("incoming", "show", str(out["incoming_id"]), "--save-file", str(saved), "--db", db)
    assert r.returncode == 0, r.stderr
    assert "Nhiệm vụ theo dõi" in r.stdout and saved.read_bytes() == src.read_bytes()
    again = run("import", str(src), "--incoming", "--db", db)
    assert again.returncode == 1 and "đã được vào sổ văn bản đến" in again.stderr
    r = run("search", "432-TB", "--json", "--db", db)
    assert any(h["area"] == "incoming" for h in json.loads(r.stdout))
    missing = run("incoming", "show", "999", "--db", db)
    assert missing.returncode == 1 and "Không có văn bản đến" in missing.stderr


def test_saving_the_original_of_an_entry_without_a_file_is_refused(tmp_path) -> None:
    import sqlite3

    db = str(tmp_path / "vp.db")
    assert run("init", "--db", db).returncode == 0
    src = REAL / "tb432-vptw-ket-luan-tong-bi-thu-2025.txt"
    r = run("import", str(src), "--incoming", "--received", "28/11/2025", "--json", "--db", db)
    assert r.returncode == 0, r.stderr
    incoming_id = json.loads(r.stdout)["incoming_id"]
    with sqlite3.connect(db) as con:  # an entry registered from paper, with no file kept
        con.execute("UPDATE incoming_document SET file_data = NULL WHERE id = ?", (incoming_id,))
    saved = tmp_path / "ban-goc.txt"
    r = run("incoming", "show", str(incoming_id), "--save-file", str(saved), "--db", db)
    assert r.returncode == 1
    assert "được vào sổ không kèm tệp gốc" in r.stderr and "xin lại bản gốc" in r.stderr
    assert not saved.exists() and r.stdout == ""

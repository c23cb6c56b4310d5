"""Kill the CLI at random moments while it writes; check nothing is corrupt, lost or left behind.

    python bench/kill_stress.py [--runs 300] [--seed 20] [--keep DIR]

Each run starts one real ``ketluan`` process — add a task, report a task's progress, duplicate a
document, issue a draft (next number), or sign an issued document to a PDF — and sends it SIGKILL
after a random delay (0 to about its usual run time), or lets it finish. After every run:
``PRAGMA integrity_check``. At the end: every write the CLI *reported* (exit 0 and its success
line) is in the database, issued numbers are consecutive with no gap or duplicate, and no signed
PDF exists whose signature the database does not hold (an "orphan": a file that verifies while
the document shows unsigned). Half the signing runs are killed the moment their PDF appears, the
window an orphan comes from. Not part of the test suite (minutes of work); POSIX only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

PASSWORD = "mật khẩu stress"
OPS = (("add", 25), ("update", 20), ("duplicate", 15), ("issue", 20), ("sign", 20))


def cli(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "ketluan_desktop.cli", *args, "--db", str(folder / "ketluan.db")]


def env_for(folder: Path) -> dict:
    # Run from the work folder: the code under test is whatever ``import ketluan_desktop`` finds
    # there (set PYTHONPATH to measure another checkout, e.g. main, in the same way).
    return {**os.environ, "KETLUAN_DATA_DIR": str(folder / "data"), "KETLUAN_PW": PASSWORD}


def q(db: Path, sql: str, *params) -> list[tuple]:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def setup(folder: Path) -> None:
    env = env_for(folder)
    subprocess.run(cli(folder, "demo"), env=env, check=True, capture_output=True, cwd=folder)
    subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", "cert", "make-test", "--name",
         "Hoàng Thanh Hải", "--org", "Đảng ủy Khối các cơ quan tỉnh", "-o",
         str(folder / "test.p12"), "--password-env", "KETLUAN_PW"],
        env=env, check=True, capture_output=True, cwd=folder,
    )  # fmt: skip
    (folder / "pdf").mkdir()


def plan(folder: Path, op: str, i: int, rng: random.Random) -> tuple[list[str], dict] | None:
    db = folder / "ketluan.db"
    if op == "add":
        return cli(folder, "tasks", "add", f"Việc stress {i}"), {"text": f"Việc stress {i}"}
    if op == "update":
        ids = [r[0] for r in q(db, "SELECT id FROM task")]
        tid = rng.choice(ids)
        note = f"Báo cáo stress {i}"
        return cli(folder, "tasks", "update", str(tid), "--note", note, "--percent",
                   str(rng.randint(0, 100))), {"task": tid, "note": note}  # fmt: skip
    if op == "duplicate":
        return cli(folder, "documents", "duplicate", "1"), {}
    if op == "issue":
        drafts = [r[0] for r in q(db, "SELECT id FROM document WHERE status = 'draft'")]
        if not drafts:
            return None
        doc = rng.choice(drafts)
        return cli(folder, "documents", "issue", str(doc)), {"doc": doc}
    issued = [r[0] for r in q(db, "SELECT id FROM document WHERE status = 'issued' AND id > 1")]
    if not issued:
        return None
    doc = rng.choice(issued)
    out = folder / "pdf" / f"{doc}-{i}.pdf"
    return cli(folder, "sign", str(doc), "--p12", str(folder / "test.p12"), "--password-env",
               "KETLUAN_PW", "-o", str(out)), {"doc": doc, "pdf": out}  # fmt: skip


def kill_when_written(proc: subprocess.Popen, pdf: Path, limit: float = 60) -> None:
    """SIGKILL as soon as ``pdf`` exists: if the file is written before the signature is
    committed, this leaves an orphan; written after the commit, nothing is lost."""
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline:
        if pdf.exists():
            proc.send_signal(signal.SIGKILL)
            return
        time.sleep(0.002)


def calibrate(folder: Path, rng: random.Random) -> dict[str, float]:
    """Each operation's uninterrupted run time here (kills then land across its whole life);
    leaves a few drafts and issued documents to work on."""
    times: dict[str, list[float]] = {}
    for op in ("add", "update", "duplicate", "issue", "sign") * 3:  # the median of three
        cmd, _info = plan(folder, op, -1, rng)
        t0 = time.monotonic()
        subprocess.run(cmd, env=env_for(folder), check=True, capture_output=True, cwd=folder)
        times.setdefault(op, []).append(time.monotonic() - t0)
    return {op: sorted(t)[1] for op, t in times.items()}


def reported(op: str, code: int, out: str, info: dict) -> dict | None:
    """What the process said it committed (None: it did not say so)."""
    if code != 0:
        return None
    lines = out.strip().splitlines()
    if op == "add" and lines and lines[-1].startswith("Đã thêm nhiệm vụ số"):
        return info
    if op == "update" and code == 0:
        return info
    if op == "duplicate" and lines and lines[-1].isdigit():
        return {"doc": int(lines[-1])}
    if op == "issue" and lines:
        return {**info, "symbol": lines[-1].strip()}
    if op == "sign" and any(line.startswith("SHA-256:") for line in lines):
        return {**info, "sha": next(x.split()[-1] for x in lines if x.startswith("SHA-256:"))}
    return None


def present(db: Path, op: str, w: dict) -> bool:
    if op == "add":
        return bool(q(db, "SELECT 1 FROM task WHERE text = ?", w["text"]))
    if op == "update":
        return bool(q(db, "SELECT 1 FROM task_update WHERE task_id = ? AND text = ?", w["task"],
                      w["note"]))  # fmt: skip
    if op == "duplicate":
        return bool(q(db, "SELECT 1 FROM document WHERE id = ?", w["doc"]))
    if op == "issue":
        return bool(q(db, "SELECT 1 FROM document WHERE id = ? AND number_symbol = ?", w["doc"],
                      w["symbol"]))  # fmt: skip
    return bool(q(db, "SELECT 1 FROM document_signature WHERE sha256 = ?", w["sha"]))


def numbering_gaps(db: Path) -> list[str]:
    rows = q(db, "SELECT type_code, strftime('%Y', doc_date), number FROM document "
                 "WHERE number IS NOT NULL AND id > 1")  # fmt: skip
    problems = []
    groups: dict[tuple, list[int]] = {}
    for t, y, n in rows:
        groups.setdefault((t, y), []).append(n)
    for key, numbers in groups.items():
        numbers.sort()
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(f"{key}: {numbers}")
    return problems


def orphans(db: Path, folder: Path) -> tuple[list[Path], list[Path]]:
    known = {r[0] for r in q(db, "SELECT sha256 FROM document_signature")}
    pdfs, temps = [], []
    for p in sorted((folder / "pdf").iterdir()):
        if p.suffix == ".pdf" and not p.name.startswith("."):
            if hashlib.sha256(p.read_bytes()).hexdigest() not in known:
                pdfs.append(p)
        else:
            temps.append(p)
    return pdfs, temps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ketluan-kill-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "ketluan.db"
    setup(folder)
    typical = calibrate(folder, rng)
    stats: Counter = Counter()
    writes: list[tuple[str, dict]] = []
    corrupt: list[int] = []
    started = time.monotonic()
    names, weights = zip(*OPS, strict=True)
    for i in range(args.runs):
        op = rng.choices(names, weights)[0]
        planned = plan(folder, op, i, rng)
        if planned is None:
            op, planned = "add", plan(folder, "add", i, rng)
        cmd, info = planned
        proc = subprocess.Popen(cmd, env=env_for(folder), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=folder)  # fmt: skip
        if op == "sign" and rng.random() < 0.5:
            kill_when_written(proc, info["pdf"])  # the moment the signed PDF appears
            stats["sign killed as its PDF appeared"] += 1
        delay = rng.uniform(0.2 * typical[op], 1.6 * typical[op])
        try:
            out, _err = proc.communicate(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            out, _err = proc.communicate()
        killed = proc.returncode == -signal.SIGKILL
        stats[f"{op} {'killed' if killed else 'finished'}"] += 1
        w = reported(op, proc.returncode, out, info)
        if w is not None:
            writes.append((op, w))
        check = q(db, "PRAGMA integrity_check")
        if check != [("ok",)]:
            corrupt.append(i)
    lost = [(op, w) for op, w in writes if not present(db, op, w)]
    gaps = numbering_gaps(db)
    orphan_pdfs, temps = orphans(db, folder)
    killed = sum(n for k, n in stats.items() if k.endswith(" killed"))
    print("usual run time: " + ", ".join(f"{k} {v:.2f} s" for k, v in typical.items()))
    print(f"runs: {args.runs} ({killed} killed, {args.runs - killed} finished) in "
          f"{time.monotonic() - started:.0f} s; seed {args.seed}; folder {folder}")  # fmt: skip
    for key in sorted(stats):
        print(f"  {key:<20} {stats[key]}")
    print(f"integrity_check failures: {len(corrupt)}")
    print(f"committed writes reported: {len(writes)}; lost: {len(lost)}")
    for op, w in lost[:10]:
        print(f"  LOST {op}: {w}")
    issued = q(db, "SELECT count(*) FROM document WHERE number IS NOT NULL AND id > 1")[0][0]
    print(f"issued numbers: {issued}; gaps or duplicates: {len(gaps)} {gaps[:3]}")
    print(f"orphan signed PDFs (no signature in the database): {len(orphan_pdfs)}; "
          f"left-over temporary files: {len(temps)}")  # fmt: skip
    bad = corrupt or lost or gaps
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

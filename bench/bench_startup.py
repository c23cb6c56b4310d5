"""How long until the main window is on screen, on the demo office, as a fresh process each time.

    python bench/bench_startup.py [RUNS] [--exe PATH_TO_FROZEN_KetLuan]

Starts the real application (``python -m ketluan_desktop``, or the frozen bundle with ``--exe``)
with ``--startup-probe``: the app writes two moments — its main window painted (rail, menus,
status bar; the database layer is not loaded yet) and the first workspace painted with the demo
office's data — and each figure is that moment minus the moment this script started the process.
Target (issue 2): the window under one second on this machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(cmd: list[str], db: Path, env: dict[str, str], folder: Path) -> tuple[float, float]:
    probe = folder / "painted.txt"
    probe.unlink(missing_ok=True)
    t = time.time()
    subprocess.run(
        [*cmd, "--db", str(db), "--startup-probe", str(probe)],
        env=env,
        capture_output=True,
        check=True,
    )
    moments = dict(line.split() for line in probe.read_text(encoding="ascii").splitlines())
    return float(moments["window"]) - t, float(moments["ready"]) - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="?", type=int, default=7)
    ap.add_argument("--exe", help="a frozen KetLuan executable instead of this Python")
    args = ap.parse_args()
    cmd = [args.exe] if args.exe else [sys.executable, "-m", "ketluan_desktop"]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "demo.db"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KETLUAN_DATA_DIR": tmp}
        # Installed apps run from compiled bytecode; a machine that forbids writing it would
        # measure the compiler instead (the first, warm-up run writes the .pyc files).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [*cmd, "--db", str(db), "--demo", "--startup-probe", str(folder / "warm.txt")],
            env=env,
            capture_output=True,
            check=True,
        )
        runs = [measure(cmd, db, env, folder) for _ in range(args.runs)]
    window = statistics.median(r[0] for r in runs)
    ready = statistics.median(r[1] for r in runs)
    print(f"{'frozen bundle' if args.exe else 'python -m ketluan_desktop'}, runs: {args.runs}")
    print(f"process start → main window painted (median):     {window * 1000:5.0f} ms")
    print(f"process start → workspace painted with its data:  {ready * 1000:5.0f} ms")
    spread = [r[0] * 1000 for r in runs]
    print(f"  window, fastest / slowest: {min(spread):.0f} / {max(spread):.0f} ms")
    print(f"target: window < 1000 ms — {'met' if window < 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()

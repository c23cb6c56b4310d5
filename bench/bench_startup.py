"""How long until the main window is shown, on the demo office, as a fresh process each time.

    python bench/bench_startup.py [RUNS]

Prints the median wall time from starting the interpreter to the window being shown and painted,
and the part spent inside the process after Python started. Target (issue 2): under one second.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

CHILD = r"""
import sys, time
from PySide6.QtWidgets import QApplication
from ketluan_desktop.ui import app as gui

def shown_and_painted(self):
    # Replaces the event loop: the real start path (logging, database checks, translations,
    # main window) has run; paint every top-level window once and report the moment.
    self.processEvents()
    for w in self.topLevelWidgets():
        if w.isVisible():
            w.grab()
    print(f"{time.time():.4f}")
    return 0

QApplication.exec = shown_and_painted
sys.exit(gui.main(["--db", sys.argv[1]]))
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from ketluan_desktop.core import demo
    from ketluan_desktop.core.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.db"
        db = open_database(path)
        demo.load(db, now=datetime.now().astimezone())
        db.dispose()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KETLUAN_DATA_DIR": tmp}
        # Installed apps run from compiled bytecode; a machine that forbids writing it would
        # measure the compiler instead (the first, warm-up run writes the .pyc files).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [sys.executable, "-c", CHILD, str(path)], env=env, capture_output=True, check=True
        )
        walls: list[float] = []
        for _ in range(runs):
            t = time.time()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            walls.append(float(out.stdout.strip().splitlines()[-1]) - t)
    print(f"runs: {runs}")
    print(f"process start → main window shown (median): {statistics.median(walls) * 1000:.0f} ms")
    print(f"  fastest / slowest: {min(walls) * 1000:.0f} / {max(walls) * 1000:.0f} ms")
    print(f"target: < 1000 ms — {'met' if statistics.median(walls) < 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()

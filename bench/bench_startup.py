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
import os, sys, time
t0 = time.perf_counter()
from ketluan_desktop.ui.app import create_application
app = create_application()
from ketluan_desktop.core.db import open_database
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.main_window import MainWindow
db = open_database(sys.argv[1])
w = MainWindow(AppContext(db))
w.show()
app.processEvents()
w.grab()  # forces a full paint
print(f"{time.perf_counter() - t0:.4f}")
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
        walls, inner = [], []
        for _ in range(runs):
            t = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            walls.append(time.perf_counter() - t)
            inner.append(float(out.stdout.strip().splitlines()[-1]))
    print(f"runs: {runs}")
    print(f"process start → main window shown (median): {statistics.median(walls) * 1000:.0f} ms")
    print(f"  of which after the interpreter started:   {statistics.median(inner) * 1000:.0f} ms")
    print(f"target: < 1000 ms — {'met' if statistics.median(walls) < 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()

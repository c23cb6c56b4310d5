"""How long until the main window is on screen, and then with its data, as a fresh process each time.

    python bench/bench_startup.py [RUNS] [--exe PATH_TO_FROZEN_KetLuan] [--no-big] [--start KEY]

Starts the real application (``python -m ketluan_desktop``, or the frozen bundle with ``--exe``)
with ``--startup-probe``: the app writes two moments (and a third, the whole window attached, when
the first screen is painted before it) — its main window painted (rail, menus,
status bar) and the first workspace shown painted with its data (whichever workspace that is; the
background runner idle) — and each figure is that moment minus the moment this script started
the process. The first workspace is the app's default (the overview) unless ``--start`` names
another (``meetings``, ``tasks``, ``members``, ``search``), set as the clerk sets it in Cài đặt.

The peer, in the same run, runs taken turn about: a bare PySide6 window (QApplication, a
QMainWindow with a label, shown and painted) as a fresh process. Beside the times, the processor
time each process used (all its threads; the app's ends with its probe), against the bare
window's: on a machine shared with other work the times move with the load, this far less.
Targets (issue 14): the first workspace with its data ≤ 1.5× the bare window on the demo office, ≤ 2.5× on the big database
(bench/bigdb.py, cached) with the file cold (dropped from the OS cache before each run).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from benchlib import load_average  # noqa: E402

BARE_WINDOW = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.setCentralWidget(QLabel("KếtLuận Desktop"))
w.resize(1360, 860)
w.show()
app.processEvents()
w.repaint()
with open(sys.argv[1], "w", encoding="ascii") as fh:
    fh.write(f"window {time.time():.4f}\nready {time.time():.4f}\n")
"""


SHOWN: set[str] = set()  # the workspaces the app's probe said it opened on


def measure(cmd: list[str], env: dict[str, str], probe: Path) -> tuple[float, float, float, float]:
    """(window, ready, CPU, attached): the moments after the start, and the processor time the
    process used (user and system, every thread) — it ends once the whole window is attached —
    which a loaded machine changes far less than the moments. ``attached``: the rail, the menus
    and the first screen's links live (the first screen may be painted before, ``ready``)."""
    probe.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.time()
    subprocess.run([*cmd, str(probe)], env=env, capture_output=True, check=True, timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    moments = dict(line.split() for line in probe.read_text(encoding="ascii").splitlines())
    if "workspace" in moments:
        SHOWN.add(moments["workspace"])
    ready = float(moments["ready"]) - t
    return float(moments["window"]) - t, ready, cpu, float(moments.get("attached", ready + t)) - t


def _median_ms(values) -> float:
    return statistics.median(values) * 1000


def _print_cpu(label: str, runs: list, bare_cpu: float) -> None:
    cpu = _median_ms(r[2] for r in runs)
    print(f"{label + ': CPU used to its data, all threads':51s}{cpu:6.0f} ms   "
          f"ratio {cpu / bare_cpu:4.2f}× the bare window's CPU")  # fmt: skip


def _print_attached(label: str, runs: list, bare_ms: float) -> None:
    attached = _median_ms(r[3] for r in runs)
    print(f"{label + ': whole window attached (rail, menus)':51s}{attached:6.0f} ms   "
          f"ratio {attached / bare_ms:4.2f}×")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="?", type=int, default=7)
    ap.add_argument("--exe", help="a frozen KetLuan executable instead of this Python")
    ap.add_argument("--no-big", action="store_true", help="skip the big database")
    ap.add_argument("--start", metavar="KEY", help="the workspace the window opens on")
    args = ap.parse_args()
    if args.exe:  # the build scripts: the bundle's start, without generating the big database
        args.no_big = True
    app = [args.exe] if args.exe else [sys.executable, "-m", "ketluan_desktop"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    print(f"before: {load_average()}")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "demo.db"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KETLUAN_DATA_DIR": tmp}
        if not args.exe:
            env["PYTHONPATH"] = str(ROOT)
        # Installed apps run from compiled bytecode; a machine that forbids writing it would
        # measure the compiler instead (the first, warm-up run writes the .pyc files).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if args.start:  # the preference «Mở trên màn hình» of Cài đặt, in this data folder
            code = (
                "from ketluan_desktop.ui.preferences import set_start_workspace as s; "
                f"s({args.start!r})"
            )
            subprocess.run([sys.executable, "-c", code], env=env, check=True)
        subprocess.run(
            [*app, "--db", str(db), "--demo", "--startup-probe", str(folder / "warm.txt")],
            env=env,
            capture_output=True,
            check=True,
        )
        probe = folder / "painted.txt"
        demo, peer = [], []
        for _ in range(args.runs):
            demo.append(measure([*app, "--db", str(db), "--startup-probe"], env, probe))
            peer.append(measure(bare, env, probe))
        big = []
        if not args.no_big:
            from bigdb import big_db, drop_from_os_cache

            path = big_db()
            cold = True
            for _ in range(args.runs):
                cold &= drop_from_os_cache(path)
                big.append(measure([*app, "--db", str(path), "--startup-probe"], env, probe))
                peer.append(measure(bare, env, probe))
    bare_ms = _median_ms(r[0] for r in peer)
    bare_cpu = _median_ms(r[2] for r in peer)
    label = "frozen bundle" if args.exe else "python -m ketluan_desktop"
    label += f", opening on {args.start or 'the default workspace'}"
    print(f"{label} (shown: {', '.join(sorted(SHOWN))}), medians of {args.runs} runs each, "
          "taken turn about with the peer")  # fmt: skip
    print(f"peer: a bare PySide6 window painted                {bare_ms:6.0f} ms   "
          f"CPU {bare_cpu:5.0f} ms")  # fmt: skip
    window = _median_ms(r[0] for r in demo)
    ready = _median_ms(r[1] for r in demo)
    print(
        f"demo office: main window painted                   {window:6.0f} ms   "
        f"ratio {window / bare_ms:4.2f}×"
    )
    print(
        f"demo office: first workspace painted with its data {ready:6.0f} ms   "
        f"ratio {ready / bare_ms:4.2f}×   target ≤ 1.5×"
    )
    _print_attached("demo office", demo, bare_ms)
    _print_cpu("demo office", demo, bare_cpu)
    if big:
        window = _median_ms(r[0] for r in big)
        ready = _median_ms(r[1] for r in big)
        state = "cold file" if cold else "file maybe cached (could not drop it)"
        print(
            f"big database ({state}): main window painted     {window:6.0f} ms   "
            f"ratio {window / bare_ms:4.2f}×"
        )
        print(
            f"big database ({state}): workspace with its data {ready:6.0f} ms   "
            f"ratio {ready / bare_ms:4.2f}×   target ≤ 2.5×"
        )
        _print_attached("big database", big, bare_ms)
        _print_cpu("big database", big, bare_cpu)
    print(f"after: {load_average()}")


if __name__ == "__main__":
    main()

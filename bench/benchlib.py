"""What every benchmark prints the same way: the load of the machine, timed processes, ratios.

A figure alone flips with the load of a shared machine; a ratio to a peer measured in the same run,
its runs interleaved with ours, does not (much). So each benchmark prints its figure, the peer's,
the ratio and the target ratio, and the load average before and after — never an ok/SLOW verdict.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # Windows
        return "load average: n/a"
    return f"load average: {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def run_ms(cmd: Sequence[str], *, env: dict | None = None, cwd: str | None = None) -> float:
    """Wall time of one fresh process, in ms; its failure stops the benchmark with its output."""
    start = time.perf_counter()
    proc = subprocess.run(list(cmd), env=env, cwd=cwd, capture_output=True, timeout=600)
    ms = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        raise SystemExit(
            f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n"
            f"{proc.stdout.decode(errors='replace')}\n{proc.stderr.decode(errors='replace')}"
        )
    return ms


def interleaved(
    ours: Callable[[], float], peer: Callable[[], float] | None, runs: int
) -> tuple[float, float | None]:
    """Medians of ``runs`` timings of each, taken turn about so both see the same load."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(ours())
        if peer is not None:
            b.append(peer())
    return statistics.median(a), (statistics.median(b) if b else None)


def ratio_line(
    label: str, ours_ms: float, peer_label: str, peer_ms: float | None, target: str = ""
) -> str:
    if peer_ms is None:
        return f"{label:<40} {ours_ms:8.0f} ms   peer ({peer_label}) not measured"
    ratio = ours_ms / peer_ms if peer_ms else float("inf")
    aim = f"   target {target}" if target else ""
    return (
        f"{label:<40} {ours_ms:8.0f} ms   {peer_label}: {peer_ms:8.0f} ms   "
        f"ratio {ratio:5.2f}×{aim}"
    )

"""How fast the renderer turns the sample conclusion into a PDF, against LibreOffice converting the
same document's Word export.

    python bench/bench_render.py [--runs 20] [--soffice-runs 3]

Prints the median time per document in process (target: under 100 ms), and — when ``soffice`` is
installed — the median cold ``soffice --headless --convert-to pdf`` of the .docx export and the
ratio (target: 25 times faster or more).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core" / "render"))  # the sample's builder lives there

from render_samples import build_sample  # noqa: E402

from ketluan_desktop.core.render.docx import render_docx  # noqa: E402
from ketluan_desktop.core.render.pdf import render_pdf  # noqa: E402
from ketluan_desktop.core.render.profile import HD36  # noqa: E402


def bench_in_process(runs: int) -> tuple[float, float, int]:
    content = build_sample()
    start = time.perf_counter()
    first = render_pdf(content, HD36)  # includes font loading and registration
    first_ms = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_pdf(content, HD36)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), first_ms, first.page_count


def bench_soffice(runs: int) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    data = render_docx(build_sample(), HD36)
    times = []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as d:
            src = Path(d) / "ket-luan.docx"
            src.write_bytes(data)
            # A fresh profile each run: a cold start, as when the office converts one document.
            profile = Path(d) / f"profile-{i}"
            cmd = [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                d,
                str(src),
            ]
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, timeout=300)
            times.append((time.perf_counter() - start) * 1000)
            if not (Path(d) / "ket-luan.pdf").exists():
                raise SystemExit("LibreOffice không tạo được tệp PDF.")
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--soffice-runs", type=int, default=3)
    args = ap.parse_args()

    median_ms, first_ms, pages = bench_in_process(args.runs)
    print(f"sample conclusion: {pages} pages")
    print(f"render_pdf, first call (loads fonts): {first_ms:.1f} ms")
    print(
        f"render_pdf, median of {args.runs} runs in process: {median_ms:.1f} ms (target < 100 ms)"
    )
    soffice_ms = bench_soffice(args.soffice_runs)
    if soffice_ms is None:
        print("soffice not installed: LibreOffice comparison skipped")
        return
    ratio = soffice_ms / median_ms
    print(
        f"soffice --headless --convert-to pdf, median of {args.soffice_runs} cold runs: "
        f"{soffice_ms:.0f} ms"
    )
    print(f"ratio: {ratio:.0f}x faster than LibreOffice (target >= 25x)")


if __name__ == "__main__":
    main()

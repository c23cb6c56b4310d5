"""The sample conclusion turned into a PDF, against LibreOffice converting the same document's
Word export — warm against warm, cold against cold.

    python bench/bench_render.py [--runs 20] [--soffice-runs 5]

* warm: our renderer in this process (fonts already loaded) against a LibreOffice kept running,
  converting over UNO (load the .docx hidden, store as PDF, close) — the like-for-like figure;
* cold: ``ketluan export --sample -o x.pdf`` as a fresh process against a fresh
  ``soffice --headless --convert-to pdf`` process (its profile made by a first, untimed run).

Each line prints both figures and the ratio (ours ÷ LibreOffice); runs are taken turn about. Where
LibreOffice (``soffice``) or its Python bridge (``uno``) is missing, its figure is skipped with a
line saying so. Targets: warm ≤ 0.35×, cold ≤ 0.35× (issue 14).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "core" / "render"))  # the sample's builder lives there
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from benchlib import interleaved, load_average, ratio_line, run_ms  # noqa: E402
from render_samples import build_sample  # noqa: E402

from ketluan_desktop.core.render.docx import render_docx  # noqa: E402
from ketluan_desktop.core.render.pdf import render_pdf  # noqa: E402
from ketluan_desktop.core.render.profile import HD36  # noqa: E402

# Run by a Python that has LibreOffice's ``uno`` module: converts argv[2] to argv[3] once per
# line read on stdin and answers each with the milliseconds it took.
UNO_CLIENT = r"""
import sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

ctx = uno.getComponentContext()
resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
for _ in range(200):
    try:
        remote = resolver.resolve(f"uno:socket,host=127.0.0.1,port={sys.argv[1]};urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.1)
desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
src, dst = uno.systemPathToFileUrl(sys.argv[2]), uno.systemPathToFileUrl(sys.argv[3])
print("ready", flush=True)
for _line in sys.stdin:
    start = time.perf_counter()
    doc = desktop.loadComponentFromURL(src, "_blank", 0, (prop("Hidden", True),))
    doc.storeToURL(dst, (prop("FilterName", "writer_pdf_Export"),))
    doc.close(True)
    print(f"{(time.perf_counter() - start) * 1000:.2f}", flush=True)
"""


def _uno_python() -> str | None:
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if (
            candidate
            and subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, check=False
            ).returncode
            == 0
        ):
            return candidate
    return None


class WarmLibreOffice:
    """A headless LibreOffice listening on a local socket and a UNO client converting on demand."""

    def __init__(self, soffice: str, python: str, docx: Path, folder: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        profile = (folder / "lo-warm-profile").as_uri()
        self.office = subprocess.Popen(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--invisible",
                "--norestore",
                f"--accept=socket,host=127.0.0.1,port={port};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.out = folder / "uno.pdf"
        self.client = subprocess.Popen(
            [python, "-c", UNO_CLIENT, str(port), str(docx), str(self.out)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.client.stdout is not None and self.client.stdin is not None
        if self.client.stdout.readline().strip() != "ready":
            raise SystemExit("LibreOffice did not answer over UNO")
        self.convert()  # the first conversion loads Writer's filters: not a warm figure

    def convert(self) -> float:
        assert self.client.stdin is not None and self.client.stdout is not None
        self.client.stdin.write("go\n")
        self.client.stdin.flush()
        ms = float(self.client.stdout.readline())
        if not self.out.exists():
            raise SystemExit("LibreOffice did not write the PDF over UNO")
        return ms

    def close(self) -> None:
        if self.client.stdin is not None:
            self.client.stdin.close()
        self.client.wait(timeout=30)
        self.office.terminate()
        try:
            self.office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.office.kill()


def _cold(folder: Path, docx: Path, soffice: str | None, runs: int) -> str:
    """Ours as a fresh process against a fresh LibreOffice process, runs taken turn about."""
    env = {**os.environ, "KETLUAN_DATA_DIR": str(folder / "data"), "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ours_cmd = [
        sys.executable,
        "-m",
        "ketluan_desktop.cli",
        "export",
        "--sample",
        "-o",
        str(folder / "ours.pdf"),
    ]
    run_ms(ours_cmd, env=env)  # compiles the bytecode
    lo_cmd = None
    if soffice:
        lo_cmd = [
            soffice,
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "lo"),
            str(docx),
        ]
        run_ms(lo_cmd, env=env)  # makes its profile: later runs are cold, not first, starts
    ours, peer = interleaved(
        lambda: run_ms(ours_cmd, env=env),
        (lambda: run_ms(lo_cmd, env=env)) if lo_cmd else None,
        runs,
    )
    return ratio_line(
        "cold: ketluan export --sample", ours, "soffice --convert-to", peer, "≤ 0.35×"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--soffice-runs", type=int, default=5)
    args = ap.parse_args()
    print(f"before: {load_average()}")

    content = build_sample()
    start = time.perf_counter()
    pages = render_pdf(content, HD36).page_count  # loads and registers the fonts
    first_ms = (time.perf_counter() - start) * 1000

    def ours_warm() -> float:
        t = time.perf_counter()
        render_pdf(content, HD36)
        return (time.perf_counter() - t) * 1000

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    uno_python = _uno_python() if soffice else None
    lines = []
    with tempfile.TemporaryDirectory(prefix="ketluan-bench-render-") as d:
        folder = Path(d)
        docx = folder / "ket-luan.docx"
        docx.write_bytes(render_docx(content, HD36))
        warm = WarmLibreOffice(soffice, uno_python, docx, folder) if uno_python else None
        try:
            ours, peer = interleaved(
                ours_warm, warm.convert if warm else None, max(args.runs, args.soffice_runs)
            )
        finally:
            if warm is not None:
                warm.close()
        lines.append(
            ratio_line("warm: render_pdf in process", ours, "LibreOffice over UNO", peer, "≤ 0.35×")
        )
        lines.append(_cold(folder, docx, soffice, args.soffice_runs))
    print(
        f"sample conclusion: {pages} pages; first render in this process (loads fonts) "
        f"{first_ms:.0f} ms"
    )
    for line in lines:
        print(line)
    if soffice is None:
        print("LibreOffice (soffice) not installed: its figures are skipped")
    elif uno_python is None:
        print("no Python with LibreOffice's uno module (python3-uno): the warm figure is skipped")
    print(f"after: {load_average()}")


if __name__ == "__main__":
    main()

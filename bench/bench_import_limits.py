"""How fast crafted .docx files are refused (issue 20, item 7), beside a real document's import.

    python bench/bench_import_limits.py

Crafted: 200,000 empty paragraphs (the reported 83 KB file took 551 s), a 60 MB document.xml
packed into a few hundred kilobytes, 30,000 rows of a table (python-docx rebuilt the whole grid
for every row). Peer: importing the real Word variant of Kết luận 07-KL/VPTW, measured in the same
run. Target: each refusal within two seconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "core" / "importer"))

from crafted_docx import document_xml, make_docx, para  # noqa: E402

from ketluan_desktop.core.errors import ImportError_  # noqa: E402
from ketluan_desktop.core.importer import parse_bytes  # noqa: E402

REAL_DOCX = ROOT / "tests" / "data" / "real" / "corpus" / "kl07-vptw-2025.docx"


def _timed(data: bytes, name: str) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        result = parse_bytes(data, name)
        outcome = f"imported, {len(result.tasks)} tasks"
    except ImportError_ as exc:
        outcome = "refused: " + exc.message.split("”", 1)[-1].lstrip(": ")[:60]
    return time.perf_counter() - start, outcome


def main() -> int:
    cases = {
        "200k-paragraphs.docx": make_docx(document_xml(para("KẾT LUẬN") + "<w:p/>" * 200_000)),
        "zip-bomb.docx": make_docx(document_xml(para("x") + " " * (60 * 1024 * 1024))),
        "30k-row-table.docx": make_docx(
            document_xml(
                "<w:tbl>" + ("<w:tr><w:tc>" + para("ô") + "</w:tc></w:tr>") * 30_000 + "</w:tbl>"
            )
        ),
    }
    peer, outcome = _timed(REAL_DOCX.read_bytes(), REAL_DOCX.name)
    print(
        f"peer  {REAL_DOCX.name:28} {len(REAL_DOCX.read_bytes()):>10,} B  {peer:6.2f} s  {outcome}"
    )
    worst = 0.0
    for name, data in cases.items():
        seconds, outcome = _timed(data, name)
        worst = max(worst, seconds)
        print(f"case  {name:28} {len(data):>10,} B  {seconds:6.2f} s  {outcome}"
              f"  (x{seconds / peer:.1f} of the peer)")  # fmt: skip
    print(f"slowest crafted file: {worst:.2f} s (target <= 2 s): {'ok' if worst <= 2 else 'SLOW'}")
    return 0 if worst <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())

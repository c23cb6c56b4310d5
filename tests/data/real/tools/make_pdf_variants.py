"""Make the PDF-shaped variants of the real texts (issue 17): run once by hand, output committed.

* ``.pdf``: the Word variant (``make_variants.py``: header table, body, recipients | signer
  table) printed to PDF by LibreOffice, as an office prints a Word file: a text layer with the
  header and closing in two columns.
* ``-layout.txt``: that PDF's text copied with its layout (``pdftotext -layout``): columns side
  by side, page numbers between pages.
* ``-scan.pdf``: that PDF's pages rendered at 200 dpi in grey and wrapped as an image-only PDF, as
  a scanner makes it; importing it needs OCR (Tesseract, Vietnamese).

No word is changed, so each variant's answer is its source's. Which files form the new held-out
part was drawn before any of them was imported: ``random.Random(2026)`` shuffles the candidates
(the office's conclusion, whose answer is already held out, always goes there) and the first four
join it; the rest are tuning files.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REAL = Path(__file__).resolve().parents[1]
TUNING_ANSWERS = REAL / "corpus" / "expected.json"
# variant stem -> (Word variant it is printed from, the tuning variant whose answer it shares:
# copies of a text share one answer, e.g. kl221's copies name the meeting without a reader's note)
SOURCES = {
    "kl07-vptw-2025": ("corpus/kl07-vptw-2025.docx", "kl07-vptw-2025.docx"),
    "tb432-vptw-2025": ("corpus/tb432-vptw-2025.docx", "tb432-vptw-2025.docx"),
    "nq60-tw-2025": ("corpus/nq60-tw-2025.docx", "nq60-tw-2025.docx"),
    "kl221-tw-2025": ("heldout/kl221-tw-2025.docx", "kl221-tw-2025-ocr.txt"),
    "kl-dukhoi-hn19-2024": ("heldout/kl-dukhoi-hn19-2024.docx", None),  # answer held out
}
CANDIDATES = [
    "kl07-vptw-2025.pdf", "tb432-vptw-2025.pdf", "nq60-tw-2025.pdf", "kl221-tw-2025.pdf",
    "kl07-vptw-2025-layout.txt", "kl221-tw-2025-layout.txt", "tb432-vptw-2025-layout.txt",
    "kl221-tw-2025-scan.pdf", "tb432-vptw-2025-scan.pdf",
]  # fmt: skip
ALWAYS_HELD = ["kl-dukhoi-hn19-2024.pdf"]


def split() -> tuple[list[str], list[str]]:
    order = list(CANDIDATES)
    random.Random(2026).shuffle(order)
    return order[4:], ALWAYS_HELD + order[:4]


def to_pdf(docx: Path, out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory() as home:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
            check=True, capture_output=True, env={"HOME": home, "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
    return out_dir / (docx.stem + ".pdf")


def scan(pdf: bytes, dpi: int = 200) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    pages = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
             for i in range(len(doc))]  # fmt: skip
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


def make(name: str, folder: Path, work: Path) -> None:
    stem = name.removesuffix(".pdf").removesuffix("-layout.txt").removesuffix("-scan")
    pdf = to_pdf(REAL / SOURCES[stem][0], work)
    if name.endswith("-layout.txt"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                              capture_output=True).stdout  # fmt: skip
        (folder / name).write_bytes(text)
    elif name.endswith("-scan.pdf"):
        (folder / name).write_bytes(scan(pdf.read_bytes()))
    else:
        shutil.copyfile(pdf, folder / name)


def answer(name: str) -> dict:
    stem = name.removesuffix(".pdf").removesuffix("-layout.txt").removesuffix("-scan")
    key = SOURCES[stem][1]
    if key is None:  # copied without being read: the office's conclusion is held out
        held = json.loads((REAL / "heldout" / "expected.json").read_text(encoding="utf-8"))
        entry = dict(held["kl-dukhoi-hn19-2024.txt"])
    else:
        entry = dict(json.loads(TUNING_ANSWERS.read_text(encoding="utf-8"))[key])
    kind = "Word file printed to PDF by LibreOffice"
    if name.endswith("-layout.txt"):
        kind += ", its text copied with pdftotext -layout"
    elif name.endswith("-scan.pdf"):
        kind += ", pages rendered at 200 dpi grey and wrapped as an image-only PDF (needs OCR)"
    entry["source"] = f"{entry.get('source', '')} — variant: {kind} (tools/make_pdf_variants.py)"
    return entry


def main() -> int:
    tuning, held = split()
    for folder_name, names in (("corpus", tuning), ("heldout2", held)):
        folder = REAL / folder_name
        folder.mkdir(exist_ok=True)
        answers_path = folder / "expected.json"
        answers = (json.loads(answers_path.read_text(encoding="utf-8"))
                   if answers_path.exists() else {})  # fmt: skip
        with tempfile.TemporaryDirectory() as work:
            for name in names:
                make(name, folder, Path(work))
                answers[name] = answer(name)
        answers_path.write_text(
            json.dumps(answers, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Make Word and PDF renderings of the real texts added in December 2026 (issue 17).

Run once by hand (``python tests/data/real/tools/make_web_renderings.py``); its output is committed.
Words are never changed, so a rendering's answer is its text's answer (copied here):

* ``.docx``: the page as pasted into Word: one paragraph a line, a markdown heading ("## I- ...")
  or a line between "**" becomes a bold paragraph, "**...**" inside a line a bold run; the marks
  themselves are not kept (Word shows bold, not stars).
* ``.pdf``: the same paragraphs printed by ReportLab on A4 with a text layer (DejaVu Serif),
  wrapped at the page width, the page number at the foot of every page.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parents[1]
# rendering -> its source text (same folder)
RENDERINGS = {
    "corpus/kh47-bcd-2025.docx": "corpus/kh47-bcd-2025-web.txt",
    "corpus/kh47-bcd-2025.pdf": "corpus/kh47-bcd-2025-web.txt",
    "corpus/nq-dh11-tiengiang-2020.docx": "corpus/nq-dh11-tiengiang-2020-web.txt",
    "corpus/hd21-vptw-2013.pdf": "corpus/hd21-vptw-2013-web.txt",
    "corpus/kl127-tw-2025.docx": "corpus/kl127-tw-2025-web.txt",
    "corpus/kl127-tw-2025.pdf": "corpus/kl127-tw-2025-web.txt",
    "corpus/tb75-tw-2025.pdf": "corpus/tb75-tw-2025-web.txt",
    "corpus/nq71-tw-2025.docx": "corpus/nq71-tw-2025-web.txt",
}
_HEADING = re.compile(r"^#{1,6}\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")


def paragraphs(text: str) -> list[tuple[str, bool]]:
    """(plain text with its bold spans marked by "\\x01"/"\\x02", whole-line bold)."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        bold = bool(_HEADING.match(line))
        line = _HEADING.sub("", line)
        if line.startswith("**") and line.rstrip().endswith("**") and line.count("**") == 2:
            bold, line = True, line.strip()[2:-2]
        out.append((_BOLD.sub(lambda m: "\x01" + m.group(1) + "\x02", line), bold))
    return out


def write_docx(paras: list[tuple[str, bool]], path: Path) -> None:
    from docx import Document

    doc = Document()
    for text, bold in paras:
        p = doc.add_paragraph()
        for i, part in enumerate(re.split(r"[\x01\x02]", text)):
            if part:
                p.add_run(part).bold = bold or i % 2 == 1
    doc.save(str(path))


def write_pdf(paras: list[tuple[str, bool]], path: Path) -> None:
    from xml.sax.saxutils import escape

    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    rl_config.invariant = 1  # the same bytes every run (no creation time, no random ids)
    pdfmetrics.registerFont(TTFont("Serif", str(FONT)))
    pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONT_BOLD)))
    body = ParagraphStyle("body", fontName="Serif", fontSize=12, leading=16, spaceAfter=6)

    def foot(canvas, doc) -> None:
        canvas.setFont("Serif", 10)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, str(doc.page))

    flow = []
    for text, bold in paras:
        markup = escape(text).replace("\x01", "<b>").replace("\x02", "</b>")
        flow.append(Paragraph(f"<b>{markup}</b>" if bold else markup, body))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=3 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2.5 * cm,
        title="",
        author="",
        creator="",
        producer="",
    )
    doc.build(flow, onFirstPage=foot, onLaterPages=foot)


def main() -> int:
    answers: dict[str, dict] = {}
    for out, src in RENDERINGS.items():
        paras = paragraphs((REAL / src).read_text(encoding="utf-8"))
        target = REAL / out
        (write_docx if target.suffix == ".docx" else write_pdf)(paras, target)
        folder, name = out.split("/")
        answers.setdefault(folder, {})[name] = src.split("/")[1]
    for folder, names in answers.items():
        path = REAL / folder / "expected.json"
        expected = json.loads(path.read_text(encoding="utf-8"))
        for name, src in names.items():
            entry = json.loads(json.dumps(expected[src]))
            kind = "Word file" if name.endswith(".docx") else "PDF with a text layer"
            entry["source"] = (
                f"{kind} made by tests/data/real/tools/make_web_renderings.py from {folder}/{src} "
                f"(words unchanged; markdown marks shown as bold). Text: {expected[src]['source']}"
            )
            expected[name] = entry
        path.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reading a produced PDF back the way a reader would: poppler's text and boxes, pypdf's fonts.

Nothing here trusts the renderer's own numbers: positions come from ``pdftotext -bbox-layout``,
fonts and sizes from the content stream, lines from the drawing operators.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float  # from the top edge, pt
    x1: float
    bottom: float


@dataclass(frozen=True)
class TextLine:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Span:
    text: str
    font: str  # BaseFont without the subset tag: "Tinos-Bold"
    size: float
    x: float
    baseline: float  # from the top edge


def _with_file(data: bytes, args: list[str]) -> str:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "doc.pdf"
        path.write_bytes(data)
        return subprocess.run(
            [*args, str(path), *(["-"] if args[0] == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def pdftotext(data: bytes, *options: str) -> str:
    return _with_file(data, ["pdftotext", "-enc", "UTF-8", *options])


def pdffonts(data: bytes) -> list[dict[str, str]]:
    out = _with_file(data, ["pdffonts"]).splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        # name type [type2] encoding emb sub uni id gen: read from the right
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def lines_by_page(data: bytes) -> list[list[TextLine]]:
    xml = pdftotext(data, "-bbox-layout")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ET.fromstring(xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        lines = []
        for line in page.iterfind(".//h:line", ns):
            words = tuple(
                Word(
                    w.text or "",
                    float(w.get("xMin")),
                    float(w.get("yMin")),
                    float(w.get("xMax")),
                    float(w.get("yMax")),
                )
                for w in line.iterfind("h:word", ns)
            )
            if words:
                lines.append(TextLine(words))
        lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
        pages.append(lines)
    return pages


def find_line(lines: list[TextLine], text: str) -> TextLine:
    hits = [ln for ln in lines if ln.text == text]
    assert hits, f"no line {text!r} among {[ln.text for ln in lines]}"
    return hits[0]


def spans_by_page(data: bytes) -> list[list[Span]]:
    reader = PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        spans: list[Span] = []

        def visit(text, cm, tm, font_dict, font_size, spans=spans, height=height):
            if not text.strip() or font_dict is None:
                return
            name = str(font_dict.get("/BaseFont", "")).lstrip("/")
            name = name.split("+", 1)[-1]
            scale = tm[0] * cm[0]
            spans.append(Span(text.strip(), name, font_size * scale, tm[4], height - tm[5]))

        page.extract_text(visitor_text=visit)
        pages.append(spans)
    return pages


def find_span(spans: list[Span], text: str) -> Span:
    hits = [s for s in spans if s.text == text]
    assert hits, f"no span {text!r} among {[s.text for s in spans][:40]}"
    return hits[0]


@dataclass(frozen=True)
class Segment:
    x0: float
    x1: float
    y: float  # from the top edge
    width: float  # line width (thickness)


def horizontal_segments(data: bytes, page_index: int) -> list[Segment]:
    """Straight horizontal strokes drawn with m/l/S on a page."""
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[page_index]
    height = float(page.mediabox.height)
    ops = ContentStream(page.get_contents(), reader).operations
    out = []
    width = 1.0
    start = None
    for operands, op in ops:
        if op == b"w":
            width = float(operands[0])
        elif op == b"m":
            start = (float(operands[0]), float(operands[1]))
        elif op == b"l" and start is not None:
            x, y = float(operands[0]), float(operands[1])
            if abs(y - start[1]) < 0.01:
                out.append(Segment(min(x, start[0]), max(x, start[0]), height - y, width))
            start = None
    return out


def norm(text: str) -> str:
    return " ".join(text.split())

"""What a signed page shows, measured from the PDF itself: pdfium flattens the signature widgets
into the page, then gives each text line's ink box and each image's bounds, in PDF points."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    box: Rect  # the ink of its glyphs (pdfium's tight char boxes), x0 y0 x1 y1


@dataclass(frozen=True)
class PageMarks:
    lines: list[Line]
    images: list[Rect]

    def line(self, start: str, size: float | None = None) -> Line:
        found = [
            ln
            for ln in self.lines
            if start in ln.text and (size is None or abs(ln.size - size) < 0.3)
        ]
        assert found, f"no line with {start!r} in {[ln.text for ln in self.lines]}"
        return found[0]


def _raw_lines(textpage) -> dict[tuple[float, float], list]:
    import pypdfium2.raw as raw

    lines: dict[tuple[float, float], list] = {}
    for i in range(textpage.count_chars()):
        ch = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
        x, y = ctypes.c_double(), ctypes.c_double()
        raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        size = raw.FPDFText_GetFontSize(textpage.raw, i)
        lines.setdefault((round(y.value, 1), round(size, 2)), []).append(
            (ch, textpage.get_charbox(i, loose=False))
        )
    return lines


def page_marks(pdf: bytes, page_index: int) -> PageMarks:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[page_index]
        assert raw.FPDFPage_Flatten(page.raw, raw.FLAT_PRINT) in (
            raw.FLATTEN_SUCCESS,
            raw.FLATTEN_NOTHINGTODO,
        )
        page.close()
        page = doc[page_index]  # pdfium wants the page reloaded after flattening
        lines = []
        for (_y, size), chars in _raw_lines(page.get_textpage()).items():
            inked = [b for c, b in chars if c.strip()]
            if not inked:
                continue
            # One text line may hold both columns (recipients and signer); split at wide gaps.
            for part in _split_columns(chars):
                boxes = [b for _c, b in part if _c.strip()]
                text = "".join(c for c, _b in part).strip()
                box = (
                    min(b[0] for b in boxes),
                    min(b[1] for b in boxes),
                    max(b[2] for b in boxes),
                    max(b[3] for b in boxes),
                )
                lines.append(Line(text, size, box))
        return PageMarks(lines, _image_bounds(page))
    finally:
        doc.close()


def _image_bounds(page) -> list[Rect]:
    """Every image's bounds on the page: pdfium gives them in the space of the form holding them,
    so each is carried out through the matrices of the forms around it."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    found: list[Rect] = []
    stack: list[pdfium.PdfMatrix] = []  # the matrix to page space of each open form level
    for obj in page.get_objects(max_depth=8):
        del stack[obj.level :]
        outer = stack[-1] if stack else pdfium.PdfMatrix()
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            stack.append(obj.get_matrix().multiply(outer))
        elif obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            x0, y0, x1, y1 = obj.get_bounds()
            xs, ys = zip(*(outer.on_point(x, y) for x in (x0, x1) for y in (y0, y1)), strict=True)
            found.append((min(xs), min(ys), max(xs), max(ys)))
    return found


def _split_columns(chars: list) -> list[list]:
    parts: list[list] = [[]]
    last_x1 = None
    for ch, box in chars:
        if ch.strip() and last_x1 is not None and box[0] - last_x1 > 40:
            parts.append([])
        parts[-1].append((ch, box))
        if ch.strip():
            last_x1 = box[2]
    return [p for p in parts if any(c.strip() for c, _b in p)]


def overlap(a: Rect, b: Rect, margin: float = 0.0) -> bool:
    """Whether ``a`` and ``b`` come closer than ``margin`` points on both axes."""
    return (
        a[0] < b[2] + margin
        and b[0] < a[2] + margin
        and a[1] < b[3] + margin
        and b[1] < a[3] + margin
    )

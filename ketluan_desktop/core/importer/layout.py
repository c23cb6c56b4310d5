"""Positioned pieces of text (PDF text runs, OCR words) to lines of text laid out like the page.

Pieces that share a line are placed at their column, with a wide gap where the page has two
columns (the header, "Nơi nhận" beside the signer), so the text parser sees the columns apart as it
does in text copied from a PDF. A first-line indent or a larger space between lines starts a new
paragraph (a blank line); page numbers and print file names are left for the parser to drop.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from statistics import median


@dataclass
class Box:
    left: float
    top: float  # distance from the top of the page (grows downwards)
    right: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    boxes: list[Box]
    top: float
    bottom: float

    @property
    def left(self) -> float:
        return min(b.left for b in self.boxes)

    @property
    def right(self) -> float:
        return max(b.right for b in self.boxes)


def _char_width(boxes: list[Box]) -> float:
    widths = [(b.right - b.left) / len(b.text) for b in boxes if len(b.text.strip()) >= 4]
    return max(median(widths), 1.0) if widths else 5.0


def _group_lines(boxes: list[Box]) -> list[_Line]:
    """Boxes whose middles fall within one another's height share a line."""
    lines: list[_Line] = []
    for box in sorted(boxes, key=lambda b: (b.middle, b.left)):
        if lines:
            line = lines[-1]
            reach = min(box.height, line.bottom - line.top) * 0.5
            if abs(box.middle - (line.top + line.bottom) / 2) <= reach:
                line.boxes.append(box)
                line.top = min(line.top, box.top)
                line.bottom = max(line.bottom, box.bottom)
                continue
        lines.append(_Line([box], box.top, box.bottom))
    for line in lines:
        line.boxes.sort(key=lambda b: b.left)
    return lines


def _render(line: _Line, origin: float, cw: float) -> str:
    out = ""
    prev_right: float | None = None
    for box in line.boxes:
        text = box.text.strip()
        if not text:
            continue
        column = max(round((box.left - origin) / cw), 0)
        if prev_right is None:
            out = " " * column + text
        else:
            gap = (box.left - prev_right) / cw
            if gap >= 2.5:  # a gap between columns: at least three spaces, at the box's column
                out += " " * max(column - len(out), 3) + text
            elif gap > 0.15 and not out.endswith(" "):
                out += " " + text
            else:
                out += text
        prev_right = box.right
    return out.rstrip()


def lay_out_page(boxes: list[Box]) -> list[str]:
    """One page's text lines, with blank lines between paragraphs."""
    boxes = [b for b in boxes if b.text.strip()]
    if not boxes:
        return []
    cw = _char_width(boxes)
    lines = _group_lines(boxes)
    origin = min(line.left for line in lines)
    heights = [line.bottom - line.top for line in lines]
    line_height = median(heights) if heights else 12.0
    steps = [b.top - a.top for a, b in pairwise(lines) if b.top > a.top]
    step = median(steps) if steps else line_height * 1.4
    # The body's left and right edges: where most lines start and end.
    body_left = median(line.left for line in lines)
    body_right = max(line.right for line in lines)
    out: list[str] = []
    prev: _Line | None = None
    for line in lines:
        if prev is not None:
            spacing = line.top - prev.top
            indented = line.left > body_left + 1.5 * cw and len(line.boxes) == 1
            prev_full = prev.right >= body_right - 4 * cw and prev.left <= body_left + 3 * cw
            if spacing > step * 1.6 or (indented and prev_full):
                out.append("")
        out.append(_render(line, origin, cw))
        prev = line
    return out


def lay_out_pages(pages: list[list[Box]]) -> str:
    """The whole document; pages apart by a form feed (a paragraph break for the parser)."""
    return "\n\f\n".join("\n".join(lay_out_page(boxes)) for boxes in pages)

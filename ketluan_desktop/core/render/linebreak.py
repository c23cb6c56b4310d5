"""Breaking a paragraph into lines, greedily, the way a word processor does.

No hyphenation and no splitting of words (Vietnamese syllables are short), so the text a reader
extracts is the text that was written. A "word" longer than a whole line (a long web address) is
cut by characters. A dash standing between spaces ("2020 - 2025", "kinh tế - xã hội") never ends
or starts a line: at a line end, PDF readers take it for a hyphen and join the words ("2020
2025"); at a line start it looks like a bullet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_WORD = re.compile(r"[^ ]+")


@dataclass(frozen=True)
class Line:
    text: str
    width: float  # natural width, single spaces
    spaces: int  # number of spaces, for justification
    last: bool  # last line of the paragraph or before a forced break: never justified
    start: int = 0  # where ``text`` stands in the paragraph's text
    end: int = 0


def break_lines(
    text: str, first_width: float, width: float, measure: Callable[[int, int], float]
) -> list[Line]:
    """Lines of ``text`` for a first line ``first_width`` wide and the others ``width`` wide.

    ``measure(start, end)`` is the width of ``text[start:end]``, so that parts of a line set in
    different faces (inline bold or italic) are measured each with its own.
    """
    lines: list[Line] = []
    offset = 0
    for hard in text.split("\n"):
        words = _glue_dashes(
            text, [(offset + m.start(), offset + m.end()) for m in _WORD.finditer(hard)]
        )
        offset += len(hard) + 1
        if not words:
            continue
        current: tuple[int, int] | None = None
        current_w = 0.0
        for start, end in words:
            avail = first_width if not lines else width
            ww = measure(start, end)
            if current is not None:
                space = measure(current[1], start)
                if current_w + space + ww <= avail + 1e-6:
                    current = (current[0], end)
                    current_w += space + ww
                    continue
                lines.append(_line(text, current, current_w, last=False))
                current, current_w = None, 0.0
                avail = width
            if ww > avail:  # only a very long unbroken string: cut it where it overflows
                for piece in _cut(start, end, avail, measure):
                    if current is not None:
                        lines.append(_line(text, current, current_w, last=False))
                    current, current_w = piece, measure(*piece)
            else:
                current, current_w = (start, end), ww
        if current is not None:
            lines.append(_line(text, current, current_w, last=True))
    return lines


_DASHES = {"-", "–", "—"}


def _glue_dashes(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    glue_next = False
    for start, end in words:
        dash = text[start:end] in _DASHES
        if glue_next:
            out[-1] = (out[-1][0], end)
            glue_next = dash
        elif dash:
            if out:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
            glue_next = True
        else:
            out.append((start, end))
    return out


def _line(text: str, span: tuple[int, int], width: float, last: bool) -> Line:
    line = text[span[0] : span[1]]
    return Line(line, width, line.count(" "), last, span[0], span[1])


def _cut(
    start: int, end: int, avail: float, measure: Callable[[int, int], float]
) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for stop in range(start + 1, end + 1):
        if measure(start, stop) > avail and stop - 1 > start:
            pieces.append((start, stop - 1))
            start = stop - 1
    pieces.append((start, end))
    return pieces

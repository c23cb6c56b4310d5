"""Breaking a paragraph into lines, greedily, the way a word processor does.

No hyphenation and no splitting of words (Vietnamese syllables are short), so the text a reader
extracts is the text that was written. A "word" longer than a whole line (a long web address) is
cut by characters. A dash standing between spaces ("2020 - 2025", "kinh tế - xã hội") never ends
or starts a line: at a line end, PDF readers take it for a hyphen and join the words ("2020
2025"); at a line start it looks like a bullet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    width: float  # natural width, single spaces
    spaces: int  # number of spaces, for justification
    last: bool  # last line of the paragraph or before a forced break: never justified


def break_lines(
    text: str, first_width: float, width: float, measure: Callable[[str], float]
) -> list[Line]:
    """Lines of ``text`` for a first line ``first_width`` wide and the others ``width`` wide."""
    lines: list[Line] = []
    space = measure(" ")
    for hard in text.split("\n"):
        words = _glue_dashes([w for w in hard.split(" ") if w])
        if not words:
            continue
        current: list[str] = []
        current_w = 0.0
        for word in words:
            avail = first_width if not lines else width
            ww = measure(word)
            if current and current_w + space + ww <= avail + 1e-6:
                current.append(word)
                current_w += space + ww
                continue
            if current:
                lines.append(_line(current, current_w, last=False))
                current, current_w = [], 0.0
                avail = width
            if ww > avail:  # only a very long unbroken string: cut it where it overflows
                for piece in _cut(word, avail, measure):
                    if current:
                        lines.append(_line(current, current_w, last=False))
                    current, current_w = [piece], measure(piece)
            else:
                current, current_w = [word], ww
        if current:
            lines.append(_line(current, current_w, last=True))
    return lines


_DASHES = {"-", "–", "—"}


def _glue_dashes(words: list[str]) -> list[str]:
    out: list[str] = []
    glue_next = False
    for w in words:
        if glue_next:
            out[-1] += " " + w
            glue_next = w in _DASHES
        elif w in _DASHES:
            if out:
                out[-1] += " " + w
            else:
                out.append(w)
            glue_next = True
        else:
            out.append(w)
    return out


def _line(words: list[str], width: float, last: bool) -> Line:
    text = " ".join(words)
    return Line(text, width, text.count(" "), last)


def _cut(word: str, avail: float, measure: Callable[[str], float]) -> list[str]:
    pieces: list[str] = []
    start = 0
    for end in range(1, len(word) + 1):
        if measure(word[start:end]) > avail and end - 1 > start:
            pieces.append(word[start : end - 1])
            start = end - 1
    pieces.append(word[start:])
    return pieces

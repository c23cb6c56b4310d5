"""Inline bold and italic: a block's marks carried onto the text the page shows.

The editor stores marks over the text as typed; the page shows it NFC, with blanks collapsed and
blank lines dropped (``wording.multiline``). Only blanks go, so the shown text is the typed one
with some blanks removed or replaced: walking both side by side finds each shown character's
source and its emphasis. If they ever fail to line up the paragraph is drawn plain, never wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

BOLD, ITALIC = 1, 2
_BITS = {"b": BOLD, "i": ITALIC}
_BLANK = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]")  # what clean() makes " "
_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")  # where str.splitlines() cuts


def _dropped(ch: str) -> bool:
    return ch in _BREAKS or _BLANK.match(ch) is not None


def _same(shown: str, typed: str) -> bool:
    if shown == typed:
        return True
    if shown == " ":
        return _BLANK.match(typed) is not None
    return shown == "\n" and typed in _BREAKS


def carry_marks(
    typed: str, marks: Sequence[tuple[int, int, str]] | None, shown: str
) -> list[int] | None:
    """Each character of ``shown``'s emphasis (``BOLD | ITALIC`` bits); None when all plain.

    ``marks`` are ``(start, end, "b"|"i")`` over ``typed``; ``shown`` is what the page makes of it.
    """
    if not marks:
        return None
    flags = [0] * len(typed)
    for start, end, style in marks:
        bit = _BITS.get(style, 0)
        for k in range(max(0, start), min(len(typed), end)):
            flags[k] |= bit
    if not any(flags):
        return None
    # NFC cluster by cluster (a letter and the accents after it), each with the letter's emphasis.
    chars: list[str] = []
    char_flags: list[int] = []
    i = 0
    while i < len(typed):
        j = i + 1
        while j < len(typed) and unicodedata.combining(typed[j]):
            j += 1
        piece = unicodedata.normalize("NFC", typed[i:j]) if j - i > 1 else typed[i]
        chars.extend(piece)
        char_flags.extend([flags[i]] * len(piece))
        i = j
    out: list[int] = []
    k = 0
    for ch in shown:
        while k < len(chars) and not _same(ch, chars[k]):
            if not _dropped(chars[k]):
                return None  # not the text the marks were made on: draw it plain
            k += 1
        if k == len(chars):
            return None
        out.append(char_flags[k])
        k += 1
    return out if any(out) else None


def flag_runs(flags: Sequence[int]) -> list[tuple[int, int, int]]:
    """Maximal runs of one emphasis as ``(start, end, bits)``, plain runs left out."""
    runs: list[tuple[int, int, int]] = []
    start = 0
    for k in range(1, len(flags) + 1):
        if k == len(flags) or flags[k] != flags[start]:
            if flags[start]:
                runs.append((start, k, flags[start]))
            start = k
    return runs

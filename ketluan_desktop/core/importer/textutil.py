"""Small predicates on NFC text that the importer's modules share."""

from __future__ import annotations

import re
import unicodedata

from ketluan_desktop.core.importer.html_text import html_to_text
from ketluan_desktop.core.text.normalize import clean

# Invisible characters that Word and PDF viewers leave in copied text; they break words apart.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# Control characters other than tab and newline (which carry the layout).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n"})

TERMINAL = ".:;!?…"
_CLOSERS = "\"'”’»"


def scrub(text: str) -> str:
    """One newline per line, page breaks as blank lines, no invisible or control characters."""
    # A page exported with its line breaks escaped keeps them as the letters "\\r\\n": breaks too.
    text = text.replace("\\r\\n", "\n").replace("\r\n", "\n").translate(_LINE_BREAKS)
    # A form feed or paragraph separator is a page/paragraph break: a blank line keeps paragraphs
    # apart.
    text = text.replace("\f", "\n\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", html_to_text(text))


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in ((0x41, 0x5A), (0xC0, 0x24F), (0x1E00, 0x1EFF)):
        for cp in range(start, end + 1):
            ch = chr(cp)
            folded = _fold_char(ch)
            if folded != ch:
                table[cp] = folded
    return table


_FOLD_TABLE = _build_fold_table()


def fold_keep(text: str) -> str:
    """Lower-case and strip accents character by character, so positions match the input.

    ``normalize.fold`` also collapses spaces; the importer needs the same offsets in both strings
    to cut fragments out of the original text.
    """
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)


def is_upper_text(text: str) -> bool:
    """All letters upper-case, at least two of them (headings and header lines are in capitals)."""
    # str.isupper() is the fast test (any lower-case letter fails it); count only when it passes.
    return text.isupper() and sum(1 for c in text if c.isalpha()) >= 2


def ends_with_terminal(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in ".!?…"


def first_letter(text: str) -> str | None:
    for c in text:
        if c.isalpha():
            return c
        if c.isdigit():
            return None
    return None


def starts_lower(text: str) -> bool:
    letter = first_letter(text)
    return letter is not None and letter.islower()


def strip_trailing(text: str, chars: str = ",;.:") -> str:
    return text.rstrip().rstrip(chars).rstrip()


def collapse(text: str) -> str:
    return clean(text) or ""


def _vietnamese_capitals() -> str:
    ranges = (range(0xC0, 0x250), range(0x1EA0, 0x1EFA))
    return "".join(chr(cp) for r in ranges for cp in r if chr(cp).isalpha() and chr(cp).isupper())


# A regex character class body for capital letters, Vietnamese ones included ("[" + UPPER + "]").
UPPER = "A-Z" + _vietnamese_capitals()


# Party symbols are written in Latin capitals and Đ ("KL/TU", "NQ/ĐUK"); an OCR reading of a
# print gives "KL/TƯ" for "KL/TU", so the hooked letters are read back as the plain ones.
_HOOKED = str.maketrans({"Ư": "U", "Ơ": "O", "ư": "u", "ơ": "o"})


# A regulation's symbol keeps its small "i" ("07-QĐi/TW") also where a title in capitals prints it
# "07-QĐI/TW": else one regulation would be cited twice.
_REGULATION_CAPS = re.compile(r"(?<=-)QĐI(?=/)")


def plain_symbol(value: str) -> str:
    """ "445-KL/TƯ" -> "445-KL/TU", "07-QĐI/TW" -> "07-QĐi/TW"; other symbols unchanged."""
    return _REGULATION_CAPS.sub("QĐi", value.translate(_HOOKED))

"""Vietnamese text: NFC normalisation, accent folding for search, collation keys."""

from __future__ import annotations

import re
import unicodedata
from typing import overload

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


# Text in, text out; ``None`` in, ``None`` out (the overloads let the type checker see it).
@overload
def nfc(text: str) -> str: ...
@overload
def nfc(text: None) -> None: ...
@overload
def nfc(text: str | None) -> str | None: ...
def nfc(text: str | None) -> str | None:
    """NFC-normalise; ``None`` stays ``None``. Everything entering the database goes through this."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", text)


@overload
def clean(text: str) -> str: ...
@overload
def clean(text: None) -> None: ...
@overload
def clean(text: str | None) -> str | None: ...
def clean(text: str | None) -> str | None:
    """NFC, non-breaking and odd spaces to plain spaces, runs collapsed, ends stripped."""
    if text is None:
        return None
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str | None) -> str:
    """Lower-case, strip every diacritic and turn đ into d: "Đảng ủy" -> "dang uy".

    Search compares folded text with a folded query, because SQLite's FTS and LIKE never fold đ.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; tones after
# letters, in the order ngang, huyền, hỏi, ngã, sắc, nặng (the order dictionaries use).
_BASE_ORDER = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_BASE_RANK = {ch: i for i, ch in enumerate(_BASE_ORDER)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _letters(word: str) -> tuple[list[int], list[int]]:
    ranks: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", word.lower()):
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        marks = decomposed[1:]
        tone = 0
        letter = base
        for m in marks:
            if m in _TONES:
                tone = _TONES[m]
            elif m in _LETTER_MARKS:
                letter += m
        letter = unicodedata.normalize("NFC", letter)
        if ch == "đ":
            letter = "đ"
        rank = _BASE_RANK.get(letter)
        ranks.append(100 + rank if rank is not None else 200 + ord(letter[0]))
        tones.append(tone)
    return ranks, tones


def collation_key(text: str | None) -> str:
    """A string whose plain (binary) order is Vietnamese alphabetical order.

    Word by word: the word's letters, then its tones, then the next word ("An" < "Anh" < "Ánh" <
    "Ân"). Stored in an indexed column so the database sorts without Python.
    """
    if not text:
        return ""
    keys = []
    for w in clean(text).split(" "):
        ranks, tones = _letters(w)
        letters = "".join(chr(0x4E00 + r) for r in ranks)
        keys.append(letters + "\u4e01" + "".join(chr(0x4E02 + t) for t in tones))
    return "\u4e00".join(keys)


def name_sort_key(full_name: str | None) -> str:
    """Vietnamese names sort by given name (last word), then family and middle names."""
    if not full_name:
        return ""
    words = clean(full_name).split(" ")
    reordered = [words[-1], *words[:-1]]
    return collation_key(" ".join(reordered))


def two_digits(n: int) -> str:
    """Counts under ten are written with two digits in the office's documents: 4 -> "04"."""
    return f"{n:02d}" if 0 <= n < 10 else str(n)

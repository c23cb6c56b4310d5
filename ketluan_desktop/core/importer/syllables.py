"""How Vietnamese a text looks: the yardstick for choosing an encoding.

Legacy 8-bit encodings decode "successfully" under any code page, so the choice is made by counting
words that are valid Vietnamese syllables (onset + vowel cluster + coda, at most one tone mark).
"""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# The vowel clusters Vietnamese spelling allows; a looser "any 1-3 vowels" lets text decoded with
# the wrong table ("Coọng", "Vieọt") pass for Vietnamese.
_NUCLEI = (  # noqa: SIM905 - a spelling table reads better as words
    "iêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu yêu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê "
    "a ă â e ê i o ô ơ u ư y"
).split()
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:" + "|".join(_NUCLEI) + r")(?:ch|ng|nh|[cmnpt])?$"
)
_WORD = re.compile(r"[^\W\d_]+")
# Symbols from U+0080..U+00BF that Vietnamese text never has but legacy text decoded under a Western
# code page is full of (§ ¶ µ ¸ ¹ ...).
_SUSPICIOUS = frozenset(chr(c) for c in range(0x80, 0xC0)) - frozenset("\u00a0«»°±²³¼½¾")
_SAMPLE_CHARS = 200_000


def is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in decomposed if c in _TONE_MARKS) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.match(base) is not None


def vietnamese_score(text: str) -> int:
    """Valid accented syllables minus invalid accented words minus stray legacy symbols."""
    sample = text[:_SAMPLE_CHARS]
    score = 0
    for word in _WORD.findall(sample):
        if word.isascii():
            continue
        score += 1 if is_syllable(word) else -1
    score -= sum(1 for c in sample if c in _SUSPICIOUS)
    return score


def accented_word_count(text: str) -> int:
    return sum(1 for w in _WORD.findall(text[:_SAMPLE_CHARS]) if not w.isascii())

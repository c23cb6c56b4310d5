"""Vietnamese text typed with pre-Unicode fonts: TCVN3 (ABC, .VnTime) and VNI (VNI-Times).

Both are 8-bit font encodings: the bytes are Western (Windows-1252) characters that the font draws
as Vietnamese letters. Text from such files reaches us either as raw bytes or, through Word or a
copy and paste, as the Western characters themselves ("§¶ng" for "Đảng"), so the conversion works
on characters whose code points are the original bytes.

The tables are written from the published character maps of TCVN 5712:1993 (VN3) and of the VNI
font.
"""

from __future__ import annotations

import re
import unicodedata

from ketluan_desktop.core.importer.syllables import accented_word_count, vietnamese_score

# TCVN3 (ABC): one byte per letter. Only the seven base capitals have codes; toned capitals were
# drawn by a separate capitals font (.VnTimeH) using the lower-case codes, see
# ``_restore_capitals``.
_TCVN3: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    # each row: grave, hook, tilde, acute, dot below
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# VNI: a base letter followed by one modifier byte (tone, or circumflex/breve combined with a
# tone); i, y-dot, ơ, ư and đ have bytes of their own. Lower-case modifier bytes pair with
# lower-case letters, their capital twins with capitals.
_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
}
_VNI_MODIFIERS = "".join({*_TONES, *_CIRCUMFLEX, *_BREVE})
_VNI_SINGLES = "".join(_VNI_SINGLE)
_VNI_TOKEN = re.compile(
    "([aeouyAEOUYôÔöÖ])([" + _VNI_MODIFIERS + _VNI_MODIFIERS.upper() + "])"
    "|([" + _VNI_SINGLES + _VNI_SINGLES.upper() + "])"
)

_WORD = re.compile(r"[^\W\d_]+")


def _restore_capitals(converted: str) -> str:
    """Words typed in the capitals font come out as "KếT LUậN": upper-case them whole.

    A word is in capitals when its plain ASCII letters are (at least two of them); a word with one
    capital ASCII letter ("Tù" = "Tự" or "TỰ"?) follows its neighbours.
    """
    words = list(_WORD.finditer(converted))
    states = []
    for m in words:
        word = m.group(0)
        letters = [c for c in word if c.isascii()]
        if word.isascii():
            states.append("upper" if len(word) >= 2 and word.isupper() else "other")
        elif len(letters) >= 2 and all(c.isupper() for c in letters):
            states.append("upper")
        elif (len(letters) == 1 and letters[0].isupper() and word[0] == letters[0]) or (
            not letters and word[0].isupper()
        ):
            states.append("ambiguous")
        else:
            states.append("other")
    out = []
    last = 0
    for i, m in enumerate(words):
        state = states[i]
        word = m.group(0)
        if not word.isascii() and state in ("upper", "ambiguous"):
            near = states[max(0, i - 1) : i] + states[i + 1 : i + 2]
            if state == "upper" or "upper" in near:
                word = word.upper()
        out.append(converted[last : m.start()])
        out.append(word)
        last = m.end()
    out.append(converted[last:])
    return "".join(out)


def _tcvn3_table() -> dict[int, str]:
    table = {}
    for code in range(0x80, 0x100):
        for ch in {chr(code), bytes([code]).decode("cp1252", errors="ignore")} - {""}:
            if code in _TCVN3:
                table[ord(ch)] = _TCVN3[code]
    return table


_TCVN3_TABLE = _tcvn3_table()


def tcvn3_to_unicode(text: str) -> str:
    return _restore_capitals(text.translate(_TCVN3_TABLE))


def _compose(base: str, marks: str) -> str:
    return unicodedata.normalize("NFC", base + marks)


def _vni_pair(base: str, mod: str) -> str:
    low_mod, low_base = mod.lower(), base.lower()
    if low_base in "ôö":  # the VNI bytes for ơ / ư, which take a tone only
        horn = _VNI_SINGLE[low_base]
        letter = horn.upper() if base.isupper() else horn
        return _compose(letter, _TONES[low_mod]) if low_mod in _TONES else letter + mod
    if low_mod in _TONES:
        return _compose(base, _TONES[low_mod])
    if low_mod in _CIRCUMFLEX and low_base in "aeo":
        return _compose(base, "\u0302" + _CIRCUMFLEX[low_mod])
    if low_mod in _BREVE and low_base == "a":
        return _compose(base, "\u0306" + _BREVE[low_mod])
    return base + mod


def vni_to_unicode(text: str) -> str:
    # One left-to-right pass: a letter made from a pair ("o" + "â" = "ô") must not be read again as
    # the VNI byte for "ơ".
    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            return _vni_pair(match.group(1), match.group(2))
        ch = match.group(3)
        target = _VNI_SINGLE[ch.lower()]
        return target.upper() if ch.isupper() else target

    return _VNI_TOKEN.sub(replace, text)


CONVERTERS = {"TCVN3": tcvn3_to_unicode, "VNI": vni_to_unicode}
_SAMPLE = 100_000
_UNICODE_ONLY = re.compile("[\u1ea0-\u1ef9\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0]")


def best_legacy_reading(sample: str) -> str | None:
    """Which conversion, if any, makes ``sample`` read as Vietnamese clearly better."""
    base_score = vietnamese_score(sample)
    best_name, best_score = None, base_score
    for name, convert in CONVERTERS.items():
        score = vietnamese_score(convert(sample))
        if score > best_score:
            best_name, best_score = name, score
    # A conversion must clearly win: a few odd words in a Unicode text are no reason to rewrite it.
    margin = max(2, accented_word_count(sample) // 10)
    return best_name if best_score - base_score >= margin else None


def _best(text: str) -> tuple[str, str | None]:
    name = best_legacy_reading(text[:_SAMPLE])
    return (CONVERTERS[name](text), name) if name else (text, None)


_PDF_HORN = str.maketrans({"\u01a2": "\u01af", "\u01a3": "\u01b0"})


def convert_legacy_text(text: str) -> tuple[str, str | None]:
    """The text in Unicode, and "TCVN3" / "VNI" / None: what it was converted from."""
    if text.isascii():
        return text, None
    # Text copied out of a PDF whose font maps "ư" to the letter "ƣ" (U+01A3, "oi", no
    # Vietnamese letter): "HƢỚNG DẪN", "chất lƣợng".
    text = text.translate(_PDF_HORN)
    if len(_UNICODE_ONLY.findall(text[:200_000])) < 20:
        return _best(text)
    # Mostly Unicode already; a document pasted together from old and new files may still carry
    # legacy paragraphs, so look line by line.
    lines = text.split("\n")
    converted_from: str | None = None
    for i, line in enumerate(lines):
        if line.isascii() or _UNICODE_ONLY.search(line):
            continue
        new, name = _best(line)
        if name:
            lines[i] = new
            converted_from = converted_from or name
    return "\n".join(lines), converted_from

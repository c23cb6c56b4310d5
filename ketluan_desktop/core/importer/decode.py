"""Bytes of a .txt file to Unicode text: BOMs, UTF-8, UTF-16, Windows-1258, TCVN3, VNI."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ketluan_desktop.core.errors import ImportError_
from ketluan_desktop.core.importer.legacy import CONVERTERS, convert_legacy_text
from ketluan_desktop.core.importer.syllables import vietnamese_score

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Files that are clearly not text, by their first bytes, with what to tell the user.
_MAGIC = (
    (b"%PDF", "tệp PDF"),
    (b"\xd0\xcf\x11\xe0", "tệp Word 97-2003 (.doc) hoặc Excel cũ"),
    (b"PK\x03\x04", "tệp nén (zip, .docx, .xlsx)"),
    (b"\x89PNG", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF8", "ảnh GIF"),
    (b"MZ", "tệp chương trình"),
    (b"{\\rtf", "tệp RTF"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf", "tệp nén 7z"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_SAMPLE_BYTES = 100_000


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    converted_from: str | None
    damaged: int = 0  # characters that could not be decoded (shown as "\ufffd")


def _not_text(name: str, what: str | None = None) -> ImportError_:
    kind = f" (có vẻ là {what})" if what else " (có vẻ là ảnh, tệp nén hoặc chương trình)"
    return ImportError_(
        f"Tệp “{name}” không phải tệp văn bản{kind}. "
        "Hãy chọn đúng tệp .txt hoặc .docx chứa nội dung văn bản rồi nhập lại."
    )


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:100_000]
    bad = sum(
        1
        for c in sample
        if (unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS) or c == "\ufffd"
    )
    return bad > max(2, len(sample) // 50)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM shows as a zero byte in every other position (ASCII, spaces)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    half = len(data) // 2
    if zeros_odd > half * 0.3 and zeros_even < half * 0.05:
        return "utf-16-le"
    if zeros_even > half * 0.3 and zeros_odd < half * 0.05:
        return "utf-16-be"
    return None


_CP1252_PUNCTUATION = {
    code: bytes([code]).decode("cp1252", "replace") for code in range(0x80, 0xA0)
}


def _decode_8bit(data: bytes) -> DecodedText:
    """A single-byte file: Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese best."""
    sample = data[:_SAMPLE_BYTES]
    cp1258 = unicodedata.normalize("NFC", sample.decode("cp1258", "replace"))
    western = sample.decode("latin-1")
    scores: dict[str | None, int] = {None: vietnamese_score(cp1258)}
    for name, convert in CONVERTERS.items():
        scores[name] = vietnamese_score(convert(western))
    best = max(scores, key=lambda k: scores[k])  # ties keep the first: Windows-1258
    if best is None:
        return DecodedText(
            unicodedata.normalize("NFC", data.decode("cp1258", "replace")), "cp1258", None
        )
    # Bytes 0x80-0x9F that the legacy table leaves alone are Windows-1252 punctuation ("…", quotes).
    text = CONVERTERS[best](data.decode("latin-1")).translate(_CP1252_PUNCTUATION)
    return DecodedText(text, best.lower(), best)


def _damaged_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few broken bytes (a bad sector, a cut-and-paste accident) is still UTF-8: keep
    it and say how many characters were lost, rather than read the whole file as 8-bit text."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text[:_SAMPLE_BYTES] if ord(c) > 0x7F and c != "\ufffd")
    if bad <= max(3, len(text) // 200) and good >= 5 * min(bad, 20):
        return DecodedText(unicodedata.normalize("NFC", text), "utf-8", None, damaged=bad)
    return None


def decode_bytes(data: bytes, name: str) -> DecodedText:
    """Decode a text file's bytes; raise ``ImportError_`` when they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding.replace("-sig", ""), errors="replace")
            if _looks_binary(text):
                raise _not_text(name)
            text, legacy = convert_legacy_text(unicodedata.normalize("NFC", text))
            return DecodedText(text, encoding, legacy)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _not_text(name, what)
    utf16 = _utf16_without_bom(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        if not _looks_binary(text):
            text, legacy = convert_legacy_text(unicodedata.normalize("NFC", text))
            return DecodedText(text, utf16, legacy)
    nuls = data.count(0)
    if nuls:
        # A stray NUL or two (a copy from a damaged file, an editor's accident) does not make a text
        # file binary; many of them (and no UTF-16 pattern, checked above) do.
        if nuls > max(8, len(data) // 1000):
            raise _not_text(name)
        data = data.replace(b"\x00", b"")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        decoded = _damaged_utf8(data) or _decode_8bit(data)
    else:
        text, legacy = convert_legacy_text(unicodedata.normalize("NFC", text))
        decoded = DecodedText(text, "utf-8", legacy)
    if _looks_binary(decoded.text):
        raise _not_text(name)
    return decoded

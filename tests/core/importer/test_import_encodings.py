"""Text files in every encoding Vietnamese offices have used: Unicode (UTF-8 with or without BOM,
UTF-16), Windows-1258 and the pre-Unicode font encodings TCVN3 (ABC) and VNI."""

from __future__ import annotations

import unicodedata

import pytest
from importer_support import SAMPLE_TEXT, to_cp1258

from ketluan_desktop.core.importer import ImportResult, parse_bytes, parse_text
from ketluan_desktop.core.importer.legacy import (
    convert_legacy_text,
    tcvn3_to_unicode,
    vni_to_unicode,
)

# The short strings are the well-known look of old files opened without their fonts; they check the
# tables independently of the encoders below, which build whole legacy files from the sample.
TCVN3_MOTTO = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc"
VNI_MOTTO = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc"
MOTTO_TCVN3 = "Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"
MOTTO_VNI = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"


def _same_as_sample(result: ImportResult, source: str = SAMPLE_TEXT) -> None:
    expected = parse_text(source).to_json_dict()
    got = result.to_json_dict()
    for key in ("document", "meeting", "sections", "tasks", "citations", "figures", "recipients"):
        assert got[key] == expected[key], key
    assert got["signer"] == expected["signer"]


@pytest.mark.parametrize(
    ("encoding", "prefix", "reported"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-16-le", b"", "utf-16-le"),  # saved without a BOM
    ],
)
def test_unicode_files(encoding: str, prefix: bytes, reported: str) -> None:
    result = parse_bytes(prefix + SAMPLE_TEXT.encode(encoding), "ket-luan.txt")
    assert result.source.encoding == reported
    assert result.source.converted_from is None
    _same_as_sample(result)


def test_windows_1258_combining_tones_become_nfc() -> None:
    data = to_cp1258(SAMPLE_TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = parse_bytes(data, "ket-luan.txt")
    assert result.source.encoding == "cp1258"
    _same_as_sample(result)
    text = "\n".join(b.text for s in result.sections for b in s.blocks)
    assert unicodedata.is_normalized("NFC", text)


def test_tcvn3_known_strings() -> None:
    assert tcvn3_to_unicode(TCVN3_MOTTO) == MOTTO_TCVN3
    # The capitals font (.VnTimeH) uses the lower-case codes: whole words come back in capitals.
    assert tcvn3_to_unicode("KÕT LUËN HéI NGHÞ") == "KẾT LUẬN HỘI NGHỊ"
    assert tcvn3_to_unicode("§¶NG Uû KHèI") == "ĐẢNG UỶ KHỐI"


def test_vni_known_strings() -> None:
    assert vni_to_unicode(VNI_MOTTO) == MOTTO_VNI
    assert vni_to_unicode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM") == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert vni_to_unicode("tröôøng, nöôùc, Ñaûng, ngöôøi, Nguyeãn") == (
        "trường, nước, Đảng, người, Nguyễn"
    )


def _encode_tcvn3(text: str) -> bytes:
    from ketluan_desktop.core.importer.legacy import _TCVN3

    reverse = {ch: code for code, ch in _TCVN3.items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        if ch in reverse:
            out.append(reverse[ch])
        elif low in reverse:  # toned capitals: the lower-case code, drawn by the capitals font
            out.append(reverse[low])
        else:
            out.extend(ch.encode("cp1252"))
    return bytes(out)


def _encode_vni(text: str) -> bytes:
    tones = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
    hat = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
    breve = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
    own = {"ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "đ": "ñ", "í": "í", "ì": "ì"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        upper = ch.isupper()
        low = ch.lower()
        parts = unicodedata.normalize("NFD", low)
        base, marks = parts[0], parts[1:]
        tone = next((m for m in marks if m in tones), "")
        piece: str
        if low in own:
            piece = own[low]
        elif base == "i" and tone:
            piece = {"\u0301": "í", "\u0300": "ì"}.get(tone) or own[
                unicodedata.normalize("NFC", low)
            ]
        elif "\u031b" in marks:  # horn: ơ / ư have their own byte, then the tone
            piece = {"o": "ô", "u": "ö"}[base] + (tones[tone] if tone else "")
        elif "\u0302" in marks:
            piece = base + hat[tone]
        elif "\u0306" in marks:
            piece = base + breve[tone]
        elif tone:
            piece = base + tones[tone]
        else:
            piece = low
        out.append(piece.upper() if upper else piece)
    return "".join(out).encode("cp1252")


# .VnTime has no code for a toned capital: in mixed case a TCVN3 typist wrote "Uỷ ban", not "Ủy ban".
TCVN3_SAMPLE = SAMPLE_TEXT.replace("Ủy", "Uỷ")


def test_tcvn3_file_is_detected_and_converted() -> None:
    result = parse_bytes(_encode_tcvn3(TCVN3_SAMPLE), "cu.txt")
    assert (result.source.encoding, result.source.converted_from) == ("tcvn3", "TCVN3")
    _same_as_sample(result, TCVN3_SAMPLE)
    assert any("TCVN3" in w for w in result.warnings)


def test_vni_file_is_detected_and_converted() -> None:
    result = parse_bytes(_encode_vni(SAMPLE_TEXT), "cu.txt")
    assert (result.source.encoding, result.source.converted_from) == ("vni", "VNI")
    _same_as_sample(result)


def test_known_legacy_bytes_are_detected() -> None:
    for legacy, expected, name in (
        (TCVN3_MOTTO, MOTTO_TCVN3, "TCVN3"),
        (VNI_MOTTO, MOTTO_VNI, "VNI"),
    ):
        text, converted = convert_legacy_text(legacy)
        assert (text, converted) == (expected, name)
        result = parse_bytes(f"KẾT LUẬN\n\n{legacy}\n".encode("cp1258", "ignore"), "a.txt")
        assert result.source.converted_from == name


def test_legacy_text_saved_as_utf8_is_converted() -> None:
    # A .VnTime document pasted into a Unicode editor keeps the Western characters ("§¶ng").
    legacy = _encode_tcvn3(TCVN3_SAMPLE).decode("cp1252")
    result = parse_bytes(legacy.encode("utf-8"), "dan-vao.txt")
    assert (result.source.encoding, result.source.converted_from) == ("utf-8", "TCVN3")
    _same_as_sample(result, TCVN3_SAMPLE)
    assert parse_text(legacy).source.converted_from == "TCVN3"


def test_unicode_text_is_never_converted() -> None:
    assert convert_legacy_text(SAMPLE_TEXT) == (SAMPLE_TEXT, None)
    assert convert_legacy_text(MOTTO_TCVN3) == (MOTTO_TCVN3, None)
    # Western words with accents are left alone too.
    assert convert_legacy_text("Café René à Paris, señor") == ("Café René à Paris, señor", None)


def test_nfd_text_non_breaking_spaces_and_crlf() -> None:
    text = unicodedata.normalize("NFD", SAMPLE_TEXT).replace("\n", "\r\n")
    text = text.replace("Ban Chấp hành", "Ban\u00a0Chấp\u00a0hành").replace(" số ", " số\u00a0")
    result = parse_bytes(text.encode("utf-8"), "nfd.txt")
    _same_as_sample(result)
    meeting = result.to_json_dict()["meeting"]
    assert meeting is not None and meeting["body"] == "Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh"


def test_invisible_characters_are_dropped() -> None:
    text = SAMPLE_TEXT.replace("Hoàng Thanh Hải", "Hoàng\u200b Thanh Hải\ufeff").replace(
        "ĐUK,", "ĐUK\u00ad,"
    )
    result = parse_text(text)
    assert result.signer is not None and result.signer.name == "Hoàng Thanh Hải"
    assert result.recipients[0] == "Thường trực ĐUK"


def test_utf8_with_a_few_broken_bytes_stays_utf8() -> None:
    data = bytearray(SAMPLE_TEXT.encode("utf-8"))
    for pos in (500, 5_000, 9_000):
        data[pos] = 0xFF
    result = parse_bytes(bytes(data), "hong-nhe.txt")
    damaged = result.source.damaged_chars
    assert result.source.encoding == "utf-8"
    assert 3 <= damaged <= 9  # a broken byte inside a letter also orphans the letter's other bytes
    assert any(f"{damaged} ký tự hỏng" in w for w in result.warnings)
    assert len(result.tasks) == 8 and result.signer is not None

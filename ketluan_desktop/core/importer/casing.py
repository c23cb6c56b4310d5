"""Lower-case text printed in capitals (titles, issuing bodies) the way Vietnamese writes it.

"KẾT LUẬN CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ TÌNH HÌNH" -> "Kết luận của Bộ Chính trị, Ban Bí thư về
tình hình": everything lower-case except the names of bodies and offices that the lexicon below
knows, Roman numerals and abbreviations. Unknown proper names come out lower-case; the user
corrects them.
"""

from __future__ import annotations

import re

from ketluan_desktop.core.text.normalize import fold

# Names as they are written in running text. Matching is on accent-folded words, so "ĐẢNG UỶ" and
# "Đảng ủy" both match "Đảng ủy" and keep their own spelling of the tone.
_UNIQUE = """
Ban Chấp hành Trung ương Đảng|Ban Chấp hành Trung ương|Bộ Chính trị|Ban Bí thư|Tổng Bí thư
Thường trực Ban Bí thư|Văn phòng Trung ương Đảng|Chánh Văn phòng|Trung ương|Việt Nam|Hồ Chí Minh
Quốc hội|Chính phủ|Chủ tịch nước|Mặt trận Tổ quốc Việt Nam|Mặt trận Tổ quốc|Bộ Y tế|Bộ Nội vụ
Bộ Tư pháp|Bộ Tài chính|Bộ Công an|Bộ Quốc phòng|Bộ Ngoại giao|Bộ Giáo dục và Đào tạo
Bộ Khoa học và Công nghệ|Bộ Xây dựng|Bộ Công Thương|Bộ Nông nghiệp và Môi trường
Ủy ban Thường vụ Quốc hội|Uỷ ban Thường vụ Quốc hội
"""
# Names that go lower-case after "các"/"những" ("các đảng ủy trực thuộc").
_GENERIC = """
Ban Chấp hành Đảng bộ Khối|Ban Chấp hành Đảng bộ|Ban Chấp hành|Ban Thường vụ Tỉnh ủy
Ban Thường vụ Đảng ủy Khối|Ban Thường vụ|Thường trực Đảng ủy Khối|Đảng ủy Khối|Đảng bộ Khối
Đảng ủy|Đảng bộ|Hội nghị|Đại hội|Ban Tổ chức|Ban Tuyên giáo và Dân vận|Ban Tuyên giáo|Ban Dân vận
Ban Nội chính|Ban Kinh tế|Ban Đối ngoại|Ủy ban Kiểm tra|Hội đồng nhân dân|Ủy ban nhân dân
Viện Kiểm sát nhân dân|Tòa án nhân dân|Văn phòng Đảng ủy Khối
"""
_ABBREVIATIONS = {
    "ĐUK", "TW", "UBND", "HĐND", "MTTQ", "BCH", "BTV", "UBKT", "TCCSĐ", "GDP", "ASEAN", "CNTT",
    "ĐBQH", "TP", "BTC", "BTG", "VP", "CB", "ĐU", "TU", "HU",
}  # fmt: skip
_ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_PLURAL = {"cac", "nhung", "moi"}
# After these words "đảng" is an adjective ("tổ chức đảng", "cơ quan đảng") and stays lower-case.
_DANG_LOWER_AFTER = {"chuc", "quan", "cac", "ban", "nhung", "vien"}
_DANG_LOWER_BEFORE = {"vien", "phi", "vu", "bo", "uy", "tich", "ky"}
_PUNCT = "\"'“”‘’()[]{},.;:!?…-–—/"


def _entries(block: str, generic: bool) -> list[tuple[tuple[str, ...], tuple[bool, ...], bool]]:
    out = []
    for name in block.replace("\n", "|").split("|"):
        name = name.strip()
        if name:
            words = name.split()
            out.append(
                (tuple(fold(w) for w in words), tuple(w[0].isupper() for w in words), generic)
            )
    return out


_LEXICON = sorted(
    _entries(_UNIQUE, False) + _entries(_GENERIC, True), key=lambda e: len(e[0]), reverse=True
)
_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[bool, ...], bool]]] = {}
for _entry in _LEXICON:
    _BY_FIRST.setdefault(_entry[0][0], []).append(_entry)


def _core(token: str) -> str:
    return token.strip(_PUNCT)


def _capitalize(token: str) -> str:
    for i, c in enumerate(token):
        if c.isalpha():
            return token[:i] + c.upper() + token[i + 1 :]
    return token


def _keep_as_is(core: str) -> bool:
    return (
        core in _ABBREVIATIONS
        or _ROMAN.match(core) is not None
        or any(c.isdigit() for c in core)
        or "/" in core
    )


# Syllables that read as Roman numerals in capitals ("VI PHẠM", "DI DỜI", "XI MĂNG") are numbers
# only after a word that counts ("KHÓA VI", "LẦN THỨ XI", "PHẦN VI", "ĐẠI HỘI XI") or at the end.
_SYLLABLE_NUMERALS = frozenset({"VI", "XI", "DI", "LI"})
_COUNTING = frozenset({"khoa", "thu", "phan", "chuong", "muc", "hoi", "uong", "ky", "so"})


def _is_numeral(tokens: list[str], cores: list[str], i: int) -> bool:
    if cores[i] not in _SYLLABLE_NUMERALS or tokens[i][-1:] in _PUNCT or i + 1 == len(tokens):
        return True
    return i > 0 and fold(cores[i - 1]) in _COUNTING


def sentence_case(text: str, *, capitalize_first: bool = True) -> str:
    """Lower-case a capitalised phrase, keeping the names the lexicon knows."""
    tokens = text.split()
    if not tokens:
        return text
    cores = [_core(t) for t in tokens]
    folded = [fold(c) for c in cores]
    out = [
        t if _keep_as_is(c) and _is_numeral(tokens, cores, i) else t.lower()
        for i, (t, c) in enumerate(zip(tokens, cores, strict=True))
    ]
    i = 0
    while i < len(tokens):
        matched = 0
        for words, mask, generic in _BY_FIRST.get(folded[i], ()):
            n = len(words)
            if tuple(folded[i : i + n]) != words:
                continue
            # A name does not run across punctuation ("TRỊ, BAN" are two names).
            if any(tokens[j][-1:] in _PUNCT for j in range(i, i + n - 1)):
                continue
            if generic and i > 0 and folded[i - 1] in _PLURAL:
                break
            for j, upper in enumerate(mask):
                if upper:
                    out[i + j] = _capitalize(out[i + j])
            matched = n
            break
        if not matched and folded[i] == "dang":
            before = folded[i - 1] if i > 0 else ""
            after = folded[i + 1] if i + 1 < len(tokens) else ""
            if before not in _DANG_LOWER_AFTER and after not in _DANG_LOWER_BEFORE:
                out[i] = _capitalize(out[i])
        i += max(matched, 1)
    if capitalize_first:
        out[0] = _capitalize(out[0])
    return " ".join(out)


_PLACE_TAIL = re.compile(
    r"^(.*\b(?:tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|tỉnh|thành phố|huyện|quận"
    r"|thị xã|xã|phường))\s+(\S.*)$",
    re.IGNORECASE,
)


def body_case(text: str) -> str:
    """Sentence case for the name of a body, with the place name at its end capitalised.

    "ĐẢNG BỘ TỈNH THÁI NGUYÊN" -> "Đảng bộ tỉnh Thái Nguyên";
    "TỈNH ỦY BẮC KẠN" -> "Tỉnh ủy Bắc Kạn".
    """
    if not any(c.isalpha() and c.islower() for c in text):
        text = sentence_case(text)
    match = _PLACE_TAIL.match(text)
    if match and not any(fold(w) in {"cac", "co", "quan"} for w in match.group(2).split()):
        place = " ".join(_capitalize(w) for w in match.group(2).split())
        text = f"{match.group(1)} {place}"
    return _capitalize(text)

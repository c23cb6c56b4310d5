"""Where the header, the title, the body and the closing (recipients, signer) of a document lie."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.importer.lines import SourceLine
from ketluan_desktop.core.importer.markers import parse_marker
from ketluan_desktop.core.importer.textutil import (
    UPPER,
    ends_with_terminal,
    fold_keep,
    is_upper_text,
    starts_lower,
)
from ketluan_desktop.core.text.normalize import fold

# Page titles, longest first so "THÔNG BÁO" is not mistaken for part of something shorter.
TYPE_TITLES: list[tuple[str, str]] = sorted(
    ((fold_keep(t.title), code) for code, t in DOCUMENT_TYPES.items() if t.title),
    key=lambda item: len(item[0]),
    reverse=True,
)
_NOI_NHAN = re.compile(r"^N[ơo]i\s+nh[ậa]n\b", re.IGNORECASE)
AUTHORITY = re.compile(r"^(?:T/M|TM\.|K/T|KT\.|T/L|TL\.|T/U|TUQ\.|Q\.|Q/)\s*(?=[" + UPPER + r"])")
_SEPARATOR = re.compile(r"^[-_=*~.]{3,}$")
_HEADER_SCAN = 60


@dataclass
class Zones:
    header: list[SourceLine]
    title: list[SourceLine]  # the type line first ("KẾT LUẬN"), then the subject lines
    body: list[SourceLine]
    closing: list[SourceLine]
    # A web page's own lines before the Party header (its headline, its lead, links to other
    # articles): not the document, but its lead may cite what the document replaces.
    page: list[SourceLine] = field(default_factory=list)


def type_of_line(text: str) -> tuple[str, str] | None:
    """``(code, title)`` when the line opens with a document type in capitals ("KẾT LUẬN …")."""
    if not is_upper_text(text):
        return None
    folded = fold_keep(text)
    for title, code in TYPE_TITLES:
        if folded.startswith(title) and (
            len(folded) == len(title) or not folded[len(title)].isalnum()
        ):
            return code, text[: len(title)]
    # OCR splits a letter off and misreads its marks: "K ÉT LUẬN" is "KẾT LUẬN" when the whole
    # line is the type, letters alone compared.
    squeezed = fold(text).replace(" ", "")
    code = _SQUEEZED_TITLES.get(squeezed) if len(squeezed) <= 12 else None
    return (code, text.strip()) if code else None


_SQUEEZED_TITLES = {
    fold(t.title).replace(" ", ""): code for code, t in DOCUMENT_TYPES.items() if t.title
}


# "Nơi nhận" as OCR reads it: "Nơi nhân", "Noi nhặn", "Nơi nhận :" (accents folded away).
_NOI_NHAN_FOLDED = re.compile(r"^noi\s*nh[a-z]n\b")
# "T/M", "K/T", "T/L" as OCR garbles them: "TỊM", "TIM", "T.M", "1/M", "KIT", "K.T", "TIL".
_GARBLED_AUTHORITY = re.compile(
    r"^(?P<a>[T1IÍ]|K)\s?(?:[/.|\\lI1ỊÌÍĨ]\s?)?(?P<b>M|T|L)\.?\s+(?=[" + UPPER + r"])"
)
_CANONICAL = {("T", "M"): "T/M", ("K", "T"): "K/T", ("T", "L"): "T/L"}
# What follows an authority: the body it acts for, or the office holder it stands in for.
_AUTHORITY_OBJECT = re.compile(
    r"^(?:ban|bo|dang|tinh|thanh|huyen|quan|thi|chi|uy|van phong|thuong|bi thu|chanh|truong"
    r"|chu nhiem|chu tich|giam doc|hoi dong|doan|cap uy)\b"
)


def is_noi_nhan(text: str) -> bool:
    return _NOI_NHAN.match(text) is not None or (
        len(text) < 60 and _NOI_NHAN_FOLDED.match(fold_keep(text)) is not None
    )


def canonical_authority(text: str) -> str | None:
    """``text`` with a garbled "T/M", "K/T" or "T/L" mark written properly, when it is one."""
    if not is_upper_text(text) or len(text) > 80:
        return None
    m = _GARBLED_AUTHORITY.match(text)
    if m is None:
        return None
    a = "T" if m.group("a") in "T1IÍ" else "K"
    mark = _CANONICAL.get((a, m.group("b")))
    rest = text[m.end() :]
    if mark is None or not _AUTHORITY_OBJECT.match(fold_keep(rest)):
        return None
    return f"{mark} {rest}"


def is_authority(text: str) -> bool:
    if not is_upper_text(text):
        return False
    return AUTHORITY.match(text) is not None or canonical_authority(text) is not None


def _find_type_line(lines: list[SourceLine]) -> int | None:
    for i, ln in enumerate(lines[:_HEADER_SCAN]):
        if ln.blank:
            continue
        # Running text: the document has no type line. A header's line in spaced columns ("Số :
        # 03 /BC - CBMN      Đức Châu, ngày 25 tháng 09 năm 2016") is read piece by piece.
        texts = [p.text for p in ln.pieces] if len(ln.pieces) > 1 else [ln.text]
        if any(len(t.split()) >= 12 and not is_upper_text(t) for t in texts):
            return None
        if type_of_line(ln.text):
            return i
    return None


def _subject_tail(lines: list[SourceLine], i: int) -> int:
    """After a title in capitals, its subject may go on in ordinary case with no blank line before
    the text ("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHOÁ XVI)" / "về xây dựng …," / "định hướng …"): the
    lines from a "về …" down to the first one that does not go on in lower case."""
    if i >= len(lines) or lines[i].blank or not re.match(r"^\s*[vV]ề\s", lines[i].text):
        return i
    j = i + 1
    while (
        j < len(lines)
        and not lines[j].blank
        and starts_lower(lines[j].text)
        and not ends_with_terminal(lines[j - 1].text)
        and j - i < 4
    ):
        j += 1
    return j


def _title_end(lines: list[SourceLine], start: int) -> int:
    """Index after the title block: the type line, the subject lines, an optional "-----"."""
    i = start + 1
    upper_taken = is_upper_text(lines[start].text) and len(lines[start].text.split()) > 3
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        if _SEPARATOR.match(ln.text):
            return i + 1
        if is_upper_text(ln.text):
            marker = parse_marker(ln.text.strip())
            if marker is not None and marker.kind == "roman":
                break  # "PHẦN THỨ NHẤT", "I. …": the text's first part, not the title's
            upper_taken = True
            i += 1
            continue
        break
    if upper_taken:
        return _subject_tail(lines, i)
    # A subject in ordinary case ("Hội nghị Ban Chấp hành … lần thứ 19 (mở rộng)"): a short block
    # of at most three lines, not a sentence, followed by a blank line or a rule.
    j = i
    taken: list[str] = []
    while j < n and not lines[j].blank and not _SEPARATOR.match(lines[j].text) and len(taken) < 5:
        if taken and parse_marker(lines[j].text) is not None:
            break  # "- Căn cứ …": the text has begun
        taken.append(lines[j].text)
        j += 1
    if len(taken) > 3 and len(" ".join(taken)) > 400:
        taken, j = taken[:3], i + 3
    if taken and lines[i].hard:
        # A Word paragraph is whole: one short paragraph without closing punctuation is the subject.
        taken, j = taken[:1], i + 1
    text = " ".join(taken)
    followed_by_break = (
        j >= n
        or lines[j].blank
        or lines[j].hard
        or bool(_SEPARATOR.match(lines[j].text))
        or parse_marker(lines[j].text) is not None
    )
    plain = parse_marker(text) is None if taken else False
    if plain and followed_by_break and len(text) <= 250 and not ends_with_terminal(text):
        k = _continued_subject(lines, j)
        if k < n and _SEPARATOR.match(lines[k].text):
            k += 1
        return k
    return i


def _continued_subject(lines: list[SourceLine], j: int) -> int:
    """After blank lines, the index of the next line that is not a continuation of the subject: a
    copy that puts a blank line after every line breaks the subject into paragraphs ("Tình hình,
    kết quả thực hiện công tác 6 tháng đầu năm" / "nhiệm vụ trọng tâm 6 tháng cuối năm 2023"), and
    a line going on in lower case without closing punctuation is still the subject."""
    n, taken = len(lines), 0
    while True:
        k = j
        while k < n and lines[k].blank:
            k += 1
        if (
            k == j
            or k >= n
            or taken >= 2
            or not starts_lower(lines[k].text)
            or ends_with_terminal(lines[k].text)
            or len(lines[k].text) > 200
        ):
            return k
        j, taken = k + 1, taken + 1


def _closing_start(lines: list[SourceLine], start: int) -> int:
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.blank:
            continue
        first = ln.pieces[0].text if ln.pieces else ln.text
        if is_noi_nhan(first) or is_authority(first):
            return i
        if len(ln.pieces) > 1 and any(is_authority(p.text) for p in ln.pieces[1:]):
            return i
    return len(lines)


_PARTY_LINE = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.IGNORECASE)
_PREAMBLE_SCAN = 40


def page_preamble_end(lines: list[SourceLine]) -> int:
    """Where the document starts in a copy of a web page: the page's own lines (its date, the
    article's headline, "Gửi bài này In bài này") come before the Party header. The header starts
    at the "ĐẢNG CỘNG SẢN VIỆT NAM" line, or at the issuer lines in capitals right above it; 0 when
    nothing but header lines comes before it."""
    seen = 0
    for i, ln in enumerate(lines):
        if ln.blank:
            continue
        seen += 1
        if seen > _PREAMBLE_SCAN:
            return 0
        if _PARTY_LINE.search(ln.text) and is_upper_text(
            ln.pieces[0].text if ln.pieces else ln.text
        ):
            start = i
            # A headline in capitals that names the kind ("HƯỚNG DẪN NGHIỆP VỤ …, SỐ 09-HD/BTCTW")
            # is the page's, not a body of the header.
            while start > 0 and (
                lines[start - 1].blank
                or (
                    _issuer_like(lines[start - 1].text)
                    and type_of_line(lines[start - 1].text) is None
                )
            ):
                start -= 1
            while start < i and lines[start].blank:
                start += 1
            running = [ln for ln in lines[:start] if not ln.blank and not _issuer_like(ln.text)]
            return start if running else 0
    return 0


def _issuer_like(text: str) -> bool:
    """A line a Party header is made of: a body in capitals, "*", "Số …", the place and date."""
    return len(text) <= 80 and (is_upper_text(text) or _HEADER_LINE.match(text) is not None)


def split_zones(lines: list[SourceLine]) -> Zones:
    start = page_preamble_end(lines)
    page, lines = lines[:start], lines[start:]
    type_index = _find_type_line(lines)
    if type_index is None:
        header_end = _bare_header_end(lines)
        title: list[SourceLine] = []
        body_start = header_end
        header = lines[:header_end]
    else:
        header = lines[:type_index]
        body_start = _title_end(lines, type_index)
        own = _own_title_after_headline(lines, type_index, body_start)
        if own is not None:
            # The page's headline is dropped: the document's own title block says it exactly.
            type_index, body_start = own, _title_end(lines, own)
        title = [ln for ln in lines[type_index:body_start] if not ln.blank]
        title = [ln for ln in title if not _SEPARATOR.match(ln.text)]
    closing_start = _closing_start(lines, body_start)
    body, closing = lines[body_start:closing_start], lines[closing_start:]
    return Zones(header, title, body, closing, page)


# A page's time stamp for its post: "Ngày 13/03/2023 14:51:27", "13/03/2023 14:51".
_POST_STAMP = re.compile(r"^(?:Ngày\s+)?\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?$", re.I)


def _own_title_after_headline(lines: list[SourceLine], type_index: int, end: int) -> int | None:
    """A portal's post opens on its headline in capitals ("NGHỊ QUYẾT CỦA ĐẢNG ỦY XÃ … VỀ …"), then
    (past its time stamp) the document's own title block of the same kind ("NGHỊ QUYẾT." / "CỦA BAN
    CHẤP HÀNH ĐẢNG BỘ XÃ …" / "Về …"): the index of that second type line."""
    kind = type_of_line(lines[type_index].text)
    k = end
    while k < len(lines) and (lines[k].blank or _POST_STAMP.match(lines[k].text.strip())):
        k += 1
    if kind is None or k >= len(lines):
        return None
    again = type_of_line(lines[k].text)
    return k if again is not None and again[0] == kind[0] else None


_HEADER_LINE = re.compile(
    r"^(?:Số\b|ĐẢNG CỘNG SẢN|\*|-{3,}|[^,/\n]{0,40},\s*ngày\b|Ngày\s+\d+\s+tháng|V/v\b|Kính gửi"
    r"|\(?Dự thảo)"
)


def _bare_header_end(lines: list[SourceLine]) -> int:
    """Without a type line, the header is the leading run of header-like lines (if any)."""
    end = 0
    for i, ln in enumerate(lines[:20]):
        if ln.blank:
            continue
        if len(ln.text) < 80 and (_HEADER_LINE.match(ln.text) or is_upper_text(ln.text)):
            end = i + 1
            continue
        break
    return end

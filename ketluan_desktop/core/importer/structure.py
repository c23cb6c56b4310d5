"""Paragraphs to sections: numbered headings ("I.", "1."), their text, bullets and numbered items.

Whether "1. …" opens a section with a heading or is just a numbered paragraph is decided for the
whole run of sibling numbers: a heading is short and is followed by its own text, or runs into it
("1. Heading: text …"). Kết luận of the Politburo number whole paragraphs; the office's own
documents number headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ketluan_desktop.core.importer.markers import Marker, parse_marker, roman_label
from ketluan_desktop.core.importer.paragraphs import Para
from ketluan_desktop.core.importer.result import ParsedBlock, ParsedSection
from ketluan_desktop.core.importer.textutil import UPPER, ends_with_terminal, is_upper_text
from ketluan_desktop.core.text.normalize import fold

_HEADING_MAX = 150
_RUN_IN_MAX = 130
# "Heading: Text" or "Heading. Text"; after a colon the text may also start with a number
# ("Thời gian: 01 ngày …").
_RUN_IN_SPLIT = re.compile(
    r"(?<=[^\s.])(?:(:)\s+(?=[\"“(]?[\d" + UPPER + r"])|(\.)\s+(?=[\"“(]?[" + UPPER + r"]))"
)


@dataclass
class _Heading:
    heading: str | None
    run_in: str | None  # ":" / "." when the text continues after the heading
    rest: str  # text after a run-in heading
    strength: str | None  # "strong" | "weak" | "runin" | None


def _classify(para: Para, marker: Marker, body: list[Para]) -> _Heading:
    lead = marker.rest.strip()
    if para.bold_prefix:
        prefix = para.bold_prefix.strip()
        if prefix.startswith(marker.label):
            prefix = prefix[len(marker.label) :].strip()
        if 3 <= len(prefix) < len(lead) and lead.startswith(prefix):
            rest = lead[len(prefix) :].lstrip(" :.").strip()
            head = prefix.rstrip(" :.")
            sep = ":" if lead[len(prefix) :].lstrip().startswith(":") else "."
            return _Heading(head, sep, rest, "runin")
    if para.bold and len(lead) <= 250:
        return _Heading(lead.rstrip(" :."), None, "", "strong")
    split = _RUN_IN_SPLIT.search(lead)
    if split and split.start() <= _RUN_IN_MAX and len(lead) - split.end() >= 20:
        sep = split.group(1) or split.group(2)
        return _Heading(lead[: split.start()], sep, lead[split.end() :], "runin")
    if not lead or split is not None or len(lead) > _HEADING_MAX:
        return _Heading(None, None, lead, None)
    has_body = bool(body)
    if not ends_with_terminal(lead) or lead.endswith(":"):
        strength = "strong" if has_body else None
        return _Heading(lead.rstrip(" :"), None, "", strength)
    if len(lead) <= 120 and has_body:
        return _Heading(lead.rstrip(" ."), None, "", "weak")
    return _Heading(None, None, lead, None)


def _block_for(para: Para, marker: Marker | None) -> ParsedBlock:
    """A paragraph inside a section. Numbers that fit no sequence ("2025. …", a stray "V.") stay
    part of the text."""
    if marker is None or marker.kind in ("roman", "arabic"):
        return ParsedBlock("paragraph", para.text)
    if marker.kind == "bullet":
        return ParsedBlock("bullet", marker.rest, marker.label, marker.level)
    return ParsedBlock("item", marker.rest, marker.label)


def build_sections(paras: list[Para]) -> list[ParsedSection]:
    markers = [parse_marker(p.text) for p in paras]
    roles: list[str | None] = [None] * len(paras)
    roman_numbers: dict[int, int] = {}
    if any(m is not None and m.kind == "roman" and m.number == 1 for m in markers):
        expected = 1
        for i, m in enumerate(markers):
            if m is not None and m.kind == "roman" and m.number == expected:
                roles[i] = "roman"
                roman_numbers[i] = expected
                expected += 1
    if not roman_numbers:
        for i in _plain_part_headings(paras, markers):
            roles[i] = "part"
    has_roman = any(r in ("roman", "part") for r in roles)
    # Arabic numbers count from 1 again under each Roman heading.
    bounds = [i for i, r in enumerate(roles) if r in ("roman", "part")]
    segments = list(zip([0, *bounds], [*bounds, len(paras)], strict=True))
    headings: dict[int, _Heading] = {}
    for seg_start, seg_end in segments:
        cands = []
        expected = 1
        for i in range(seg_start, seg_end):
            m = markers[i]
            if roles[i] is None and m is not None and m.kind == "arabic" and m.number == expected:
                cands.append(i)
                expected += 1
        before_first_roman = has_roman and seg_start == 0 and roles[0] not in ("roman", "part")
        if not cands or before_first_roman:
            continue  # numbers before "I." belong to the opening text
        classified = {}
        for k, i in enumerate(cands):
            end = cands[k + 1] if k + 1 < len(cands) else seg_end
            marker = markers[i]
            assert marker is not None
            classified[i] = _classify(paras[i], marker, paras[i + 1 : end])
        heading_like = sum(1 for h in classified.values() if h.strength)
        as_headings = heading_like >= 1 and heading_like * 2 >= len(cands)
        for i in cands:
            if has_roman and not as_headings:
                roles[i] = "item"
                continue
            roles[i] = "arabic"
            h = classified[i]
            marker = markers[i]
            assert marker is not None
            headings[i] = (
                h if as_headings and h.strength else _Heading(None, None, marker.rest, None)
            )
    return _assemble(paras, markers, roles, headings, roman_numbers)


def _plain_part_headings(paras: list[Para], markers: list[Marker | None]) -> list[int]:
    """Part headings without a number: a short line in capitals (or all bold in Word) followed by
    ordinary text ("ĐÁNH GIÁ TÌNH HÌNH", "NHIỆM VỤ TRỌNG TÂM NĂM 2026"). Only in documents whose
    parts carry no Roman numbers; there a line in capitals is a caption ("QUYẾT NGHỊ:")."""
    found = []
    for i, para in enumerate(paras[:-1]):
        text = para.text.strip()
        if markers[i] is not None or not 3 <= len(text) <= _HEADING_MAX:
            continue
        if ends_with_terminal(text) and not text.endswith(":"):
            continue
        nxt = paras[i + 1]
        heading_like = (
            is_upper_text(text)
            or (para.bold and len(text) <= 120)
            or (len(text) <= 120 and _NAMED_PART.match(fold(text)) is not None)
        )
        next_marker = markers[i + 1]
        numbered_next = next_marker is not None and next_marker.kind in ("arabic", "sub")
        if heading_like and not is_upper_text(nxt.text) and (not nxt.bold or numbered_next):
            found.append(i)
    # One such line alone is a caption, not a division of the document into parts.
    return found if len(found) >= 2 else []


# Parts a Party document is divided into, recognised by name when neither capitals nor bold show
# them (a PDF's text layer keeps no bold): "Mục đích, yêu cầu", "Tổ chức thực hiện" …
_NAMED_PART = re.compile(
    r"^(?:muc dich|yeu cau|quan diem|muc tieu|nhiem vu|giai phap|to chuc thuc hien|phuong huong"
    r"|danh gia|tinh hinh|ket qua|phan cong|noi dung|tien do|kinh phi|che do bao cao)\b"
)


def _roman_heading(para: Para, marker: Marker) -> _Heading:
    lead = marker.rest.strip()
    h = _classify(para, marker, [para])
    if h.strength:
        return h
    if len(lead) <= 200 or is_upper_text(lead):
        return _Heading(lead.rstrip(" :.") or None, None, "", "strong")
    return _Heading(None, None, lead, None)


def _assemble(
    paras: list[Para],
    markers: list[Marker | None],
    roles: list[str | None],
    headings: dict[int, _Heading],
    roman_numbers: dict[int, int],
) -> list[ParsedSection]:
    sections: list[ParsedSection] = []
    current = ParsedSection(None, None)
    opening = current
    current_roman: int | None = None
    inner_next = 0  # a list "1. 2. 3." inside a section, apart from the section numbers
    titled = -1  # a paragraph taken as the title of the bare part mark above it
    for i, para in enumerate(paras):
        if i == titled:
            continue
        marker = markers[i]
        role = roles[i]
        inner = role is None and marker is not None and marker.kind == "arabic" and marker.rest
        if inner and marker is not None and marker.number in (1, inner_next):
            role = "item"
            inner_next = (marker.number or 0) + 1
        if role in ("roman", "arabic"):
            inner_next = 0
        if role == "part":
            inner_next = 0
            current = ParsedSection(None, para.text.strip().rstrip(" :") or None, level="roman")
            sections.append(current)
            current_roman = len(sections) - 1 + (1 if opening.blocks else 0)
            continue
        if role == "roman":
            assert marker is not None
            h = _roman_heading(para, marker)
            if h.heading is None and not h.rest and _part_title(paras, markers, roles, i + 1):
                # "PHẦN THỨ NHẤT" / "Đánh giá kết quả …": the part's title is the next line.
                titled = i + 1
                h = _Heading(paras[i + 1].text.strip().rstrip(" :") or None, None, "", "strong")
            current = ParsedSection(roman_label(roman_numbers[i]), h.heading, level="roman")
            current.run_in = h.run_in
            sections.append(current)
            current_roman = len(sections) - 1 + (1 if opening.blocks else 0)
            if h.rest:
                current.blocks.append(ParsedBlock("paragraph", h.rest))
            continue
        if role == "arabic":
            assert marker is not None
            h = headings[i]
            current = ParsedSection(str(marker.number), h.heading, level="arabic")
            current.run_in = h.run_in
            current.parent = current_roman
            sections.append(current)
            if h.rest:
                current.blocks.append(ParsedBlock("paragraph", h.rest))
            continue
        if role == "item":
            assert marker is not None
            current.blocks.append(ParsedBlock("item", marker.rest, marker.label))
            continue
        current.blocks.append(_block_for(para, marker))
    if opening.blocks:
        sections.insert(0, opening)
    return sections


def _part_title(
    paras: list[Para], markers: list[Marker | None], roles: list[str | None], i: int
) -> bool:
    """Whether paragraph ``i`` is the title of a bare part mark just above it ("PHẦN THỨ NHẤT",
    "Phần I", "II."): a short unnumbered line without a closing stop, with text after it."""
    if i + 1 >= len(paras) or markers[i] is not None or roles[i] is not None:
        return False
    text = paras[i].text.strip()
    return 3 <= len(text) <= _HEADING_MAX and (not ends_with_terminal(text) or text.endswith(":"))

"""The words a Party document adds around its content, written as the office writes them.

"Số 105-KL/ĐUK", "Thái Nguyên, ngày 05 tháng 02 năm 2026", "1. …" / "I- …", "- Recipient,"
… "- Last.": pure functions of the content and the profile, shared by both writers through the
layout model.
"""

from __future__ import annotations

import re
from datetime import date

from ketluan_desktop.core.documents.content import DocumentContent
from ketluan_desktop.core.render.profile import LayoutProfile
from ketluan_desktop.core.text.dates import date_in_words
from ketluan_desktop.core.text.normalize import clean

# Blanks left for handwriting: no-break spaces, which line breaking keeps and never collapses.
NBSP = "\u00a0"


def format_place_date(place: str | None, when: date | None, profile: LayoutProfile) -> str:
    """ "Thái Nguyên, ngày 05 tháng 02 năm 2026"; blanks for a draft without a date."""
    if when is None:
        blank = f" {NBSP * 6} "
        words = f"ngày{blank}tháng{blank}năm{blank}".rstrip()
    else:
        words = date_in_words(
            when,
            pad_day_upto=profile.date_zero_pad_day_upto,
            pad_month_upto=profile.date_zero_pad_month_upto,
        )
    place = clean(place)
    return f"{place}, {words}" if place else words[0].upper() + words[1:]


def format_number_line(content: DocumentContent, profile: LayoutProfile) -> str:
    """ "Số 105-KL/ĐUK"; a draft leaves the number blank: "Số      -KL/ĐUK"."""
    symbol = clean(content.number_symbol) or ""
    if content.is_draft:
        # Keep the symbol part ("-KL/ĐUK") whatever number a draft may already carry.
        rest = symbol.split("-", 1)[1] if "-" in symbol else symbol
        rest = rest or content.type_code
        return f"Số{NBSP * profile.draft_number_spaces}-{rest}"
    return f"Số {symbol}" if symbol else "Số"


_ROMAN = re.compile(r"^[IVXLCDM]+$")


def format_heading(number: str | None, heading: str | None) -> str:
    """ "1. Đánh giá …", "I- Tình hình …" (HD 36 writes Roman headings with a hyphen)."""
    heading = clean(heading) or ""
    number = clean(number)
    if not number:
        return heading
    if heading.startswith(number):  # the importer may keep "1." inside the heading
        return heading
    mark = f"{number}-" if _ROMAN.match(number) else f"{number}."
    if number.endswith((".", "-", ")")):
        mark = number
    return f"{mark} {heading}".strip()


def strip_prefix(text: str, prefixes: tuple[str, ...]) -> str:
    for p in prefixes:
        p = p.strip()
        if p and text.startswith(p):
            return text[len(p) :].lstrip()
    return text


def punctuate_recipients(recipients: list[str], profile: LayoutProfile) -> list[str]:
    """One line a recipient: "- Name," … "- Last." (punctuation is a profile setting)."""
    names = []
    for r in recipients:
        name = clean(r) or ""
        name = strip_prefix(name, ("-", "+", "•")).rstrip(" ,;.")
        if name:
            names.append(name)
    out = []
    for i, name in enumerate(names):
        end = profile.recipient_terminator if i == len(names) - 1 else profile.recipient_separator
        out.append(f"- {name}{end}")
    return out


def multiline(text: str | None) -> str:
    """NFC, spaces collapsed within lines, line breaks kept, blank lines dropped."""
    lines = [clean(line) for line in (text or "").splitlines()]
    return "\n".join(line for line in lines if line)

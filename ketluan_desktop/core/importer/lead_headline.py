"""A page's headline over a copied document, and the subject a lead gives a paper after its number
without "về": helpers of ``lead``."""

from __future__ import annotations

import re
from collections.abc import Callable

from ketluan_desktop.core.importer.header import starts_body
from ketluan_desktop.core.importer.paragraphs import Para
from ketluan_desktop.core.importer.textutil import ends_with_terminal, is_upper_text

HEADLINE_MAX = 300
_HEADLINE_SCAN = 3
# A site's section over its headline ("Chính trị", "Hoạt động Đảng"): a few words in ordinary case.
_SECTION_MAX_WORDS = 4
_SECTION_MAX_CHARS = 40


def _is_noise(text: str) -> bool:
    """A page's date stamp ("Thứ Năm, 15/10/2020, 16:21 (GMT+7)"), a lone dot."""
    letters = sum(ch.isalpha() for ch in text)
    return letters < 3 or bool(re.match(r"^(?:Thứ\s+\S+|Chủ\s+nhật)\s*,\s*\d", text, re.I))


def _is_section(text: str, type_of_name: Callable[[str], str | None]) -> bool:
    """A site's section name above the headline: short, in ordinary case, no digit, no sentence,
    naming neither a body (that would be a header's) nor a kind of paper."""
    return (
        len(text) <= _SECTION_MAX_CHARS
        and len(text.split()) <= _SECTION_MAX_WORDS
        and not any(ch.isdigit() for ch in text)
        and not ends_with_terminal(text)
        and ":" not in text
        and not is_upper_text(text)
        and not starts_body(text)
        and type_of_name(text) is None
    )


def headline_index(paras: list[Para], type_of_name: Callable[[str], str | None]) -> int | None:
    """The first paragraph, after a page's date stamp and its section name, when it names a
    document type and is not a sentence."""
    section_seen = False
    for i, para in enumerate(paras[:_HEADLINE_SCAN]):
        text = para.text.strip()
        if _is_noise(text):
            continue
        if (
            len(text) <= HEADLINE_MAX
            and not ends_with_terminal(text)
            and ":" not in text
            and type_of_name(text)
        ):
            return i
        if section_seen or not _is_section(text, type_of_name):
            return None
        section_seen = True
    return None


# A plan's or programme's subject often follows its number and date with no "về", opening on what
# it organises: "… đã xây dựng Kế hoạch số 65-KH/ĐU ngày 25 tháng 12 năm 2019 tổ chức Đại hội …".
_TITLE_OPENERS = re.compile(
    r"\s+(?=(?:tổ\s+chức|triển\s+khai|thực\s+hiện|tuyên\s+truyền|lãnh\s+đạo|chỉ\s+đạo"
    r"|tăng\s+cường|nâng\s+cao|kiểm\s+tra|giám\s+sát|sơ\s+kết|tổng\s+kết|học\s+tập"
    r"|quán\s+triệt|đẩy\s+mạnh|tiếp\s+tục|phát\s+triển)\s)"
)


def subject_opening(text: str, end: int) -> bool:
    """Whether the words right after a paper's number and date (at ``end``, no comma between)
    open its subject on what it organises, in ordinary case."""
    return _TITLE_OPENERS.match(text, end) is not None


# A district portal's headline says which body put its paper to work: "Huyện ủy triển khai kế hoạch
# tuyên truyền NQ đại hội …", "Đảng ủy xã An Bình ban hành Kế hoạch …" (not "… Kế hoạch của Tỉnh
# ủy", another body's).
_BODY_DEPLOYS = re.compile(
    r"^(?P<by>[^,.;:]{3,60}?)\s+(?:đã\s+|vừa\s+)?(?:triển\s+khai|ban\s+hành|xây\s+dựng)\s+"
    r"(?P<kind>.+)$"
)


def headline_deployer(
    paras: list[Para], type_of_name: Callable[[str], str | None]
) -> tuple[str, str] | None:
    """(kind, body) from a headline, within the page's first lines, where a body deploys or issues
    a paper of its own named by kind only."""
    for para in paras[:_HEADLINE_SCAN]:
        text = para.text.strip()
        if _is_noise(text):
            continue
        m = _BODY_DEPLOYS.match(text)
        if len(text) > HEADLINE_MAX or ends_with_terminal(text) or m is None:
            continue
        code = type_of_name(m.group("kind"))
        kind_words = m.group("kind").split()
        if code is None or not starts_body(m.group("by")):
            continue
        if re.search(r"\b(?:của|số)\b", " ".join(kind_words[:4]), re.IGNORECASE):
            return None
        return code, m.group("by")
    return None

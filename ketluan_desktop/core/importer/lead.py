"""A document copied from a newspaper or a portal has no Party header: the page gives its name in
a headline ("Nghị quyết của Ban Chấp hành Đảng bộ tỉnh khóa XIII về …") and its number and date in
the lead ("LTS: Ngày 14-11-2016, Ban Chấp hành Đảng bộ tỉnh … đã ban hành Nghị quyết số
10-NQ/TU về …"). Only used when the text has no header of its own.
"""

from __future__ import annotations

import re
from datetime import date

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.importer.dates import make_date
from ketluan_desktop.core.importer.header import HeaderInfo
from ketluan_desktop.core.importer.paragraphs import Para
from ketluan_desktop.core.importer.textutil import collapse, ends_with_terminal, fold_keep

# Longer names first: "Thông báo kết luận" before "Thông báo", "Chương trình hành động" before
# "Chương trình".
_NAMES: list[tuple[str, str]] = sorted(
    [(t.name, code) for code, t in DOCUMENT_TYPES.items() if code != "CV"]
    + [("Thông báo kết luận", "TB"), ("Chương trình hành động", "CTr"), ("Công văn", "CV")],
    key=lambda item: len(item[0]),
    reverse=True,
)
_NAME_ALT = "|".join(re.escape(name) for name, _ in _NAMES)
_CODE_OF = {fold_keep(name): code for name, code in _NAMES}
_DATE = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_DATE_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*,?\s+năm\s+|\s*/\s*)(?P<y2>\d{4})"  # "29 tháng 12 năm 2020", "29 tháng 12/2020"
# "… đã ban hành Nghị quyết số 10-NQ/TU", "đã ký Thông báo kết luận số 75-TB/TW ngày 7/3/2025";
# a page that publishes the text names it likewise: "Ban biên tập giới thiệu toàn văn Nghị quyết
# số 10-NQ/TU, ngày 18/8/2021 của …", "xin đăng toàn văn Chỉ thị số …".
_ISSUED = re.compile(
    r"\b(?:ban\s+hành|ký|thông\s+qua|giới\s+thiệu\s+toàn\s+văn|(?:đăng|đăng\s+tải|công\s+bố)"
    r"\s+toàn\s+văn)\s+(?:nội\s+dung\s+)?(?P<name>" + _NAME_ALT + r")\s+(?:số\s*:?\s*)?"
    r"(?P<num>\d{1,5}(?:\s*[-–]\s*[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ][A-Za-zĐđ0-9]*"
    r"(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9]*)*)?)"
    r"(?:\s*,?\s*(?:ngày\s+)?(?:" + _DATE + r"|" + _DATE_WORDS + r"))?",
    re.IGNORECASE,
)
# A body that opens on its own preamble names itself at its end: "… Đảng ủy Khối … xây dựng Kế
# hoạch tổ chức đại hội … như sau:".
_PREAMBLE = re.compile(
    r"\b(?:ban\s+hành|xây\s+dựng)\s+(?P<name>" + _NAME_ALT + r")\s+(?P<subject>[^.;:!?\n]{10,300}?)"
    r"\s+(?:như\s+sau|sau\s+đây)\s*:",
    re.IGNORECASE,
)
# A sentence that opens on its date: "Ngày 14/4/2025, …", "LTS: Ngày 14-11-2016, …",
# "CTTĐT - Ngày 6/8, …" (no year: no date).
# "Theo Cổng TTĐT Đảng Cộng sản Việt Nam, ngày 22/10/2025, …": the source named first.
_OPENING_DATE = re.compile(
    r"(?:^|\n|[.!?]\s+)(?:[A-ZĐ]{2,12}\s*[:\-–]\s*)?(?:Theo\s+[^,.;\n]{2,80},\s*)?Ngày\s+(?:"
    + _DATE
    + r"|"
    + _DATE_WORDS
    + r")\s*,?\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_LEAD_PARAGRAPHS = 4
_LEAD_CHARS = 1500
_HEADLINE_MAX = 300


def _type_of_name(text: str) -> str | None:
    folded = fold_keep(text)
    for name, _code in _NAMES:
        key = fold_keep(name)
        if folded.startswith(key) and (len(folded) == len(key) or folded[len(key)] == " "):
            return _CODE_OF[key]
    return None


def _is_noise(text: str) -> bool:
    """A page's date stamp ("Thứ Năm, 15/10/2020, 16:21 (GMT+7)"), a lone dot."""
    letters = sum(ch.isalpha() for ch in text)
    return letters < 3 or bool(re.match(r"^(?:Thứ\s+\S+|Chủ\s+nhật)\s*,\s*\d", text, re.I))


def _headline(paras: list[Para]) -> int | None:
    """The first paragraph, after a page's date stamp, when it names a document type and is not
    a sentence."""
    for i, para in enumerate(paras[:3]):
        text = para.text.strip()
        if _is_noise(text):
            continue
        if (
            len(text) <= _HEADLINE_MAX
            and not ends_with_terminal(text)
            and ":" not in text
            and _type_of_name(text)
        ):
            return i
        return None
    return None


def _subject_after(text: str, end: int) -> str | None:
    """ "… số 17 về việc tăng cường … trong tình hình mới." -> "về việc tăng cường … mới"."""
    rest = text[end:].lstrip(" ,")
    if not re.match(r"(?:về|của)\s", rest):
        return None
    stop = _SENTENCE_END.search(rest)
    subject = collapse(rest[: stop.start()] if stop else rest)
    return subject if 10 <= len(subject) <= 400 else None


def _lead_date(text: str, at: int) -> date | None:
    """The date a sentence opens on, for the sentence holding position ``at``."""
    found = None
    for m in _OPENING_DATE.finditer(text):
        if m.start() > at:
            break
        found = m
    if found is None:
        return None
    between = text[found.end() : at]
    if _SENTENCE_END.search(between):
        return None
    if found.group("y2"):
        return make_date(found.group("d2"), found.group("m2"), found.group("y2"))
    return make_date(found.group("d"), found.group("m"), found.group("y"))


def apply_lead(info: HeaderInfo, paras: list[Para]) -> list[Para]:
    """Fill ``info`` from the headline and the lead; the headline is the title, not body text."""
    head = _headline(paras)
    if head is not None:
        info.from_lead = True
        text = collapse(paras[head].text)
        info.type_code = _type_of_name(text)
        name = next(n for n, c in _NAMES if fold_keep(text).startswith(fold_keep(n)))
        info.page_title = text[: len(name)]
        info.subject = text[len(name) :].strip() or None
        info.title_text = text
        paras = paras[head + 1 :]
    lead = ""
    for para in paras[:_LEAD_PARAGRAPHS]:
        if len(lead) > _LEAD_CHARS:
            break
        lead += para.text + "\n"
    m = _ISSUED.search(lead)
    if m is None:
        if head is None:
            _apply_preamble(info, lead)
        return paras
    code = _CODE_OF[fold_keep(m.group("name"))]
    info.from_lead = True
    info.type_code = info.type_code or code
    number = re.sub(r"\s+", "", m.group("num") or "").replace("–", "-")
    if "/" in number and code == info.type_code:
        info.number_symbol = number
        if m.group("y"):
            info.doc_date = make_date(m.group("d"), m.group("m"), m.group("y"))
        elif m.group("y2"):
            info.doc_date = make_date(m.group("d2"), m.group("m2"), m.group("y2"))
        else:
            info.doc_date = _lead_date(lead, m.start())
    if head is None:
        subject = _subject_after(lead, m.end())
        if subject:
            info.page_title = m.group("name")
            info.subject = subject
    return paras


def _apply_preamble(info: HeaderInfo, lead: str) -> None:
    m = _PREAMBLE.search(lead)
    if m is None:
        return
    info.from_lead = True
    info.type_code = info.type_code or _CODE_OF[fold_keep(m.group("name"))]
    info.page_title = m.group("name")
    info.subject = collapse(m.group("subject"))


_SELF = re.compile(r"(?<![\w])(?P<name>" + _NAME_ALT + r")\s+này(?![\w])", re.IGNORECASE)


def type_from_self_reference(texts: list[str]) -> str | None:
    """A body copied with neither header nor lead names its own kind only where it speaks of
    itself ("Nghị quyết này có hiệu lực …", "Quy định này thay thế …"): the kind named most."""
    counts: dict[str, int] = {}
    for text in texts:
        for m in _SELF.finditer(text):
            code = _CODE_OF.get(fold_keep(m.group("name")))
            if code:
                counts[code] = counts.get(code, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None

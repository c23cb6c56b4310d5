"""A document copied from a newspaper or a portal has no Party header: the page gives its name in
a headline ("Nghị quyết của Ban Chấp hành Đảng bộ tỉnh khóa XIII về …") and its number and date in
the lead ("LTS: Ngày 14-11-2016, Ban Chấp hành Đảng bộ tỉnh … đã ban hành Nghị quyết số
10-NQ/TU về …"). Only used when the text has no header of its own.
"""

from __future__ import annotations

import re
from datetime import date

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.importer.dates import make_date, year_ahead
from ketluan_desktop.core.importer.header import HeaderInfo, starts_body
from ketluan_desktop.core.importer.lead_headline import (
    HEADLINE_MAX,
    headline_deployer,
    headline_index,
    subject_opening,
)
from ketluan_desktop.core.importer.lead_issuer import (
    body_name,
    date_before_body,
    issuer_of,
    news_of_issue,
    on_behalf_of,
    signer_office,
    speaker_after,
    split_post_stamp,
)
from ketluan_desktop.core.importer.lead_names import CODE_OF as _CODE_OF
from ketluan_desktop.core.importer.lead_names import NAME_ALT as _NAME_ALT
from ketluan_desktop.core.importer.lead_names import NAMES as _NAMES
from ketluan_desktop.core.importer.lead_names import NUMBER as _NUMBER
from ketluan_desktop.core.importer.paragraphs import Para
from ketluan_desktop.core.importer.textutil import (
    UPPER,
    collapse,
    ends_with_terminal,
    fold_keep,
    is_upper_text,
)
from ketluan_desktop.core.importer.zones import type_of_line

_DATE = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_DATE_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*,?\s+năm\s+|\s*/\s*)(?P<y2>\d{4})"  # "29 tháng 12 năm 2020", "29 tháng 12/2020"
# "… đã ban hành Nghị quyết số 10-NQ/TU", "đã ký Thông báo kết luận số 75-TB/TW ngày 7/3/2025";
# a page that publishes the text names it likewise: "Ban biên tập giới thiệu toàn văn Nghị quyết
# số 10-NQ/TU, ngày 18/8/2021 của …", "xin đăng toàn văn Chỉ thị số …". A news item: "đã có Công
# văn số 11997-CV/VPTW về việc …", "đã có văn bản hướng dẫn …", and a paper without number named by
# kind and subject in ordinary case ("vừa ban hành Kế hoạch tổ chức Giải báo chí …").
_ISSUED = re.compile(
    r"\b(?:ban\s+hành|ký|thông\s+qua|(?P<has>(?:(?:đã|vừa)\s+)?có)|giới\s+thiệu\s+toàn\s+văn"
    r"|(?:đã|vừa)\s+xây\s+dựng(?=\s+\w+(?:\s+\w+)?\s+số\s*:?\s*\d)"
    r"|(?:đăng|đăng\s+tải|công\s+bố)\s+toàn\s+văn)\s+(?:nội\s+dung\s+|văn\s+bản\s+)?(?P<name>"
    + _NAME_ALT
    + r"|văn\s+bản(?=\s+số\s*:?\s*\d{1,5}\s*[-–]\s*[A-ZĐ]))(?:\s+(?:số\s*:?\s*)?"
    r"(?P<num>" + _NUMBER + r")(?:\s*[,(]?\s*(?:ngày\s+)?(?:" + _DATE + r"|" + _DATE_WORDS + r"))?"
    r"|(?=\s+(?:của\s+[^.;:()\n]{3,80}?\s+)?về\s)"
    r"|(?P<plain>(?=\s+(?!(?:này|đó|trên|nói\s+trên|mới)\b)(?-i:[^\W\d_" + UPPER + r"]))))",
    re.IGNORECASE,
)
# A copy's own title line under its headline names the document in full, with no verb: "Kết luận
# số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện …".
_NAMED_IN_FULL = re.compile(
    r"(?:^|\n)(?P<name>" + _NAME_ALT + r")\s+số\s*:?\s*(?P<num>" + _NUMBER + r")\s*[,(]?\s*"
    r"(?:ngày\s+)?(?:" + _DATE + r"|" + _DATE_WORDS + r")\)?(?=\s*,?\s+(?:của\s|về\s))",
    re.IGNORECASE,
)
# Who issued it, after the number and date: "… (ngày 22/12/2024) của Bộ Chính trị về …".
_ISSUER_AFTER = re.compile(r"\)?\s*,?\s*của\s+(?P<by>[^.;:()\n]{3,80}?)\s+về\s")
# A headline that gives the kind and number only: "Nghị quyết số 57-NQ/TW".
_BARE_HEADLINE = re.compile(r"^số\s*:?\s*(?P<num>" + _NUMBER + r")$", re.IGNORECASE)
# A news lead may give the number after the subject, in brackets: "… ký ban hành Kết luận của Bộ
# Chính trị, Ban Bí thư về … (Kết luận số 200-KL/TW)."
_NUMBER_AFTER = re.compile(
    r"\(\s*(?:(?P<name>" + _NAME_ALT + r")\s+số\s*:?\s*)+(?P<num>" + _NUMBER + r")\s*\)",
    re.IGNORECASE,
)
# A page that relays a conclusion opens on what it says: "Kết luận nêu, tại phiên họp ngày 3/10,
# Bộ Chính trị, Ban Bí thư …", "Thông báo kết luận nêu rõ: …".
_SAYS = re.compile(
    r"(?:^|\n)(?P<name>" + _NAME_ALT + r")\s+(?:nêu|nêu\s+rõ|chỉ\s+rõ|khẳng\s+định)\s*[,:]",
    re.IGNORECASE,
)
# A lead that names the document first and says who issued it when: "Đó là nội dung Chỉ thị số
# 02-CT/TU của Ban Thường vụ Tỉnh ủy ban hành ngày 14.12.2020."
_ISSUED_ON = re.compile(
    r"\b(?P<name>" + _NAME_ALT + r")\s+số\s*:?\s*(?P<num>" + _NUMBER + r")\s+(?:(?:của|do)\s+"
    r"(?P<by>[^.;:\n]{3,80}?)\s+)?(?:đã\s+|vừa\s+)?ban\s+hành\s+(?:vào\s+)?ngày\s+" + _DATE,
    re.IGNORECASE,
)
# A body that deploys its own paper, named with its number and date and not as another body's:
# "…, Đảng ủy phường Phúc La triển khai kế hoạch số 89 –KH/ĐU ngày 9/8/2019 về việc …" (after
# "Thực hiện …, " the clause is the body's own; "triển khai Kế hoạch số … của Quận ủy" cites one).
_DEPLOYS = re.compile(
    r"(?:^|\n|[,;.]\s+)(?P<by>[^.;:,\n]{3,80}?)\s+(?:đã\s+|vừa\s+)?triển\s+khai\s+(?P<name>"
    + _NAME_ALT
    + r")\s+số\s*:?\s*(?P<num>"
    + _NUMBER
    + r")\s*,?\s*(?:ngày\s+)?"
    + _DATE
    + r"(?!\s*,?\s*(?:của|do)\b)",
    re.IGNORECASE,
)
# A body's own paper named with its level only: "Hội nghị đã triển khai Kế hoạch số 62-KH/ĐU, ngày
# 05/7/2022 của Đảng ủy phường về …", where the lead names the body in full ("Đảng ủy phường Phúc
# Lợi đã tổ chức hội nghị …").
_DEPLOYS_OWN = re.compile(
    r"\btriển\s+khai\s+(?P<name>" + _NAME_ALT + r")\s+số\s*:?\s*(?P<num>" + _NUMBER + r")\s*,?\s*"
    r"(?:ngày\s+)?" + _DATE + r"\s*,?\s*của\s+(?P<by>(?:Đảng|Ban\s+Thường\s+vụ)\s+(?:ủy|uỷ)"
    r"\s+(?:phường|xã|thị\s+trấn|quận|huyện|thị\s+xã|thành\s+phố|tỉnh))\s+về\s",
    re.IGNORECASE,
)
# The same words inside a preamble cite another document: "Thực hiện Chỉ thị số … ban hành ngày …".
_CARRIES_OUT = re.compile(
    r"\b(?:thực\s+hiện|căn\s+cứ|theo|triển\s+khai|quán\s+triệt|tiếp\s+tục)\b", re.IGNORECASE
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
# "Theo Cổng TTĐT Đảng Cộng sản Việt Nam, ngày 22/10/2025, …": the source named first; a news
# agency's dateline ("Hà Nội (TTXVN 30/7) Ngày 30/7/2021, …") likewise.
_OPENING_DATE = re.compile(
    r"(?:^|\n|[.!?]\s+)(?:[A-ZĐ]{2,12}\s*[:\-–]\s*)?(?:Theo\s+[^,.;\n]{2,80},\s*)?"
    r"(?:[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3}\s*\([A-ZĐ]{2,8}[^()\n]{0,12}\)\s*[-–]?\s*)?"
    r"Ngày\s+(?:"
    + _DATE
    + r"|"
    + _DATE_WORDS
    + r"|(?P<d3>\d{1,2})\s*/\s*(?P<m3>\d{1,2})(?![\d/]))\s*,?\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
# A page's own date for its post ("Thứ ba 22/10/2019", "Th 6, 05/02/2021 | 09:29 SA",
# "Ngày cập nhật 30/10/2017"): it dates a lead that gives day and month only.
_STAMP_DATE = re.compile(r"\b(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})\b")
_FURNITURE_MAX = 80
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_LEAD_PARAGRAPHS = 4
_LEAD_CHARS = 1500


def _issued_code(m: re.Match[str]) -> str | None:
    """The kind a lead names, or that the symbol gives ("văn bản số 1234-CV/TU" is a Công văn)."""
    code = _CODE_OF.get(fold_keep(m.group("name")))
    symbol = re.match(r"\d+\s*[-–]\s*([A-ZĐ][A-Za-zĐđ]*)/", m.group("num") or "")
    return code or (symbol.group(1) if symbol and symbol.group(1) in DOCUMENT_TYPES else None)


def _type_of_name(text: str) -> str | None:
    folded = fold_keep(text)
    for name, _code in _NAMES:
        key = fold_keep(name)
        if folded.startswith(key) and (len(folded) == len(key) or folded[len(key)] == " "):
            return _CODE_OF[key]
    return None


def _subject_after(text: str, end: int, *, plain: bool = False) -> str | None:
    """ "… số 17 về việc tăng cường … trong tình hình mới." -> "về việc tăng cường … mới".

    A lead names the issuer between the document and its subject ("Chỉ thị số 11 của Ban Bí thư
    về việc …"): that is who issued it, not part of the title (a title block that prints "CỦA BAN
    THƯỜNG VỤ TỈNH ỦY" keeps it); a number given in brackets after the subject is not either.
    ``plain``: a paper without number named by its kind and subject ("Kế hoạch tổ chức Giải …");
    a plan's subject may follow its number and date with no "về" ("… ngày 25/12/2019 tổ chức …")."""
    rest = text[end:].lstrip(" ,)")
    if not plain and not re.match(r"(?:về|của)\s", rest) and not subject_opening(text, end):
        return None
    rest = rest.split("\n", 1)[0]  # a title line without a full stop ends with its paragraph
    stop = _SENTENCE_END.search(rest)
    subject = collapse(rest[: stop.start()] if stop else rest)
    issuer = re.match(r"của\s+[^.;:()]{3,80}?\s+(?=về\s)", subject)
    if issuer:
        subject = subject[issuer.end() :]
    subject = _NUMBER_AFTER.sub("", subject).strip(" ,")
    return subject if 10 <= len(subject) <= 400 else None


def _number_after(lead: str, at: int, code: str) -> re.Match[str] | None:
    """The number a lead gives in brackets in the sentence that names the document at ``at``."""
    stop = _SENTENCE_END.search(lead, at)
    m = _NUMBER_AFTER.search(lead, at, stop.start() + 1 if stop else len(lead))
    if m is None or _CODE_OF.get(fold_keep(m.group("name"))) != code:
        return None
    return m if "/" in m.group("num") else None


def _year_of_same_day(lead: str, day: date | None, d: int, m: int) -> date | None:
    """A day and month with no year and no page stamp take the year of a full date of the same day
    in the lead ("Ngày 17/10, … ký ban hành Kết luận …" and "Tại phiên họp ngày 17/10/2025")."""
    if day is not None:
        return day
    for full in _STAMP_DATE.finditer(lead):
        if (int(full.group("d")), int(full.group("m"))) == (d, m):
            return make_date(str(d), str(m), full.group("y"))
    return None


# A letter dated in the month it is for: "Ngày 06/4, … Công văn số 391 …, hướng dẫn … tuyên truyền
# tháng 4/2015." (in the same sentence).
_MONTH_YEAR = re.compile(r"\btháng\s+(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)\s*(?P<y>\d{4})\b", re.I)


def _year_of_month(lead: str, at: int, short: re.Match[str] | None) -> date | None:
    if short is None or not short.group("d3"):
        return None
    stop = _SENTENCE_END.search(lead, at)
    d, m = int(short.group("d3")), int(short.group("m3"))
    for month in _MONTH_YEAR.finditer(lead, at, stop.start() if stop else len(lead)):
        if int(month.group("m")) == m:
            return make_date(str(d), str(m), month.group("y"))
    return None


def _year_ahead(lead: str, at: int, short: re.Match[str] | None) -> date | None:
    if short is None or not short.group("d3"):
        return None
    stop = _SENTENCE_END.search(lead, at)
    end = stop.start() if stop else len(lead)
    day, month = int(short.group("d3")), int(short.group("m3"))
    return year_ahead(lead[short.start() : end], lead[at:end], day, month)


def _lead_date(text: str, at: int, stamp: date | None = None) -> tuple[date | None, int]:
    """The date a sentence opens on, for the sentence holding position ``at``, and where the words
    after the date begin. A day and month alone take the year of the page's own stamp."""
    found = None
    for m in _OPENING_DATE.finditer(text):
        if m.start() > at:
            break
        found = m
    if found is None:
        return None, at
    between = text[found.end() : at]
    if _SENTENCE_END.search(between):
        return None, at
    if found.group("y2"):
        return make_date(found.group("d2"), found.group("m2"), found.group("y2")), found.end()
    if found.group("y"):
        return make_date(found.group("d"), found.group("m"), found.group("y")), found.end()
    if stamp is None:
        return None, found.end()
    day, month = int(found.group("d3")), int(found.group("m3"))
    year = stamp.year - 1 if (month, day) > (stamp.month, stamp.day) else stamp.year
    return make_date(str(day), str(month), str(year)), found.end()


def _is_furniture(text: str) -> bool:
    """A page's own short line: its section, its font controls, its stamp, a headline, or a widget
    with no word at all ("• :", which its colon would make a sentence)."""
    if len(text) <= _FURNITURE_MAX and not any(c.isalpha() for c in text):
        return True
    return len(text) <= _FURNITURE_MAX and not ends_with_terminal(text)


# An editor's note that gives the full text of what it names without a kind ("… đồng chí Bí thư Đảng
# ủy đã có những ý kiến chỉ đạo … Website VDB trân trọng giới thiệu toàn văn nội dung này."): the
# lead ends there, and the papers the text says were issued ("Ngày 10/12/2019, Ban Thường vụ … đã
# ban hành Kế hoạch số 101-KH/ĐU …") are its grounds, not the page's document.
_FULL_TEXT_NEXT = re.compile(
    r"\b(?:giới\s+thiệu|đăng|đăng\s+tải|công\s+bố|trích\s+đăng)\s+toàn\s+văn\s+"
    r"(?!(?:nội\s+dung\s+|văn\s+bản\s+)?(?:" + _NAME_ALT + r")\b)",
    re.IGNORECASE,
)


def _lead_text(paras: list[Para]) -> tuple[str, date | None]:
    """The lead: its first sentences past the page's own short lines, and the page's stamp."""
    lead, stamp, sentences = "", None, 0
    for para in paras[: _LEAD_PARAGRAPHS * 3]:
        if len(lead) > _LEAD_CHARS or sentences >= _LEAD_PARAGRAPHS:
            break
        opening, text = split_post_stamp(para.text.strip())
        if opening and stamp is None:
            stamp = make_date(opening.group("d"), opening.group("m"), opening.group("y"))
        lead += text + "\n"
        if not _is_furniture(text) or "\n" in text:
            sentences += 1
        if sentences == 0 or len(text) <= _FURNITURE_MAX:
            for line in text.splitlines():
                m = _STAMP_DATE.search(line) if len(line) <= _FURNITURE_MAX else None
                if m and stamp is None and sentences <= 1:
                    stamp = make_date(m.group("d"), m.group("m"), m.group("y"))
        if _FULL_TEXT_NEXT.search(text):
            break  # what follows is the text itself, no part of the page's lead
    return lead, stamp


def _sentence_start(lead: str, at: int) -> int:
    ends = [m.end() for m in _SENTENCE_END.finditer(lead, 0, at)]
    return max([lead.rfind("\n", 0, at) + 1, *ends])


def _issuer_before(lead: str, m: re.Match[str], after_date: int) -> str | None:
    """The body named before the lead's verb (see ``lead_issuer``), or in the next sentence."""
    if after_date == m.start():  # no date opens the sentence: it opens on the body
        after_date = _sentence_start(lead, m.start())
    return (
        issuer_of(lead, after_date, m.start())
        or on_behalf_of(lead, after_date, m.start())
        or signer_office(lead, after_date, m.start())
        or _news_of_issue(lead, m)
        or speaker_after(lead, m.end())
    )


def _issue_clause(lead: str, m: re.Match[str]) -> str:
    """The words of ``m``'s sentence before its verb, past a date that opens the sentence."""
    start = _sentence_start(lead, m.start())
    dated = _OPENING_DATE.match(lead, start if start == 0 else start - 1)
    if dated and dated.end() <= m.start():
        start = dated.end()
    return lead[start : m.start()]


def _news_of_issue(lead: str, m: re.Match[str]) -> str | None:
    """The body that ``m``'s sentence says has just issued (or "đã có") the paper, if any."""
    return news_of_issue(_issue_clause(lead, m), m.groupdict().get("has") is not None)


def _names_the_paper(lead: str, m: re.Match[str]) -> bool:
    """A bare "có" names the document only with its number, after the body that has it: "…, ngày
    10/9/2020 Ban Tuyên giáo Trung ương có Hướng dẫn số 151-HD/BTGTW về …" ("đã có", "vừa có" are
    the lead's verb wherever they stand)."""
    has = m.groupdict().get("has")
    if not has or fold_keep(has) != "co":
        return True
    return "/" in (m.group("num") or "") and _news_of_issue(lead, m) is not None


def _issued_on(lead: str) -> re.Match[str] | None:
    for m in _ISSUED_ON.finditer(lead):
        sentence_start = max(lead.rfind(". ", 0, m.start()), lead.rfind("\n", 0, m.start()))
        if not _CARRIES_OUT.search(lead[sentence_start + 1 : m.start()]):
            return m
    return None


def apply_lead(info: HeaderInfo, paras: list[Para]) -> list[Para]:
    """Fill ``info`` from the headline and the lead; the headline is the title, not body text."""
    if info.issuer and not starts_body(info.issuer):
        info.issuer = None  # a page's section name in capitals ("CÔNG TÁC ĐẢNG") is no body
    head = headline_index(paras, _type_of_name)
    if head is not None:
        info.from_lead = True
        text = collapse(paras[head].text)
        info.type_code = _type_of_name(text)
        name = next(n for n, c in _NAMES if fold_keep(text).startswith(fold_keep(n)))
        info.page_title = text[: len(name)]
        info.subject = text[len(name) :].strip() or None
        info.title_text = text
        paras = paras[head + 1 :]
    bare = _BARE_HEADLINE.match(info.subject or "") if head is not None else None
    if bare:
        # The headline is the kind and number only: the lead gives the subject.
        number = re.sub(r"\s+", "", bare.group("num")).replace("–", "-")
        info.number_symbol = number if "/" in number else None
        info.subject = None
    lead, stamp = _lead_text(paras)
    m = next((x for x in _ISSUED.finditer(lead) if _names_the_paper(lead, x)), None)
    m = m or _NAMED_IN_FULL.search(lead)
    if m is not None and _issued_code(m) is None:
        m = None  # "văn bản số …" whose symbol names no kind
    after = _number_after(lead, m.end(), _issued_code(m) or "") if m else None
    if (
        m is not None
        and m.group("num") is None
        and after is None
        and (
            _lead_date(lead, m.start(), stamp)[0] is None or m.groupdict().get("plain") is not None
        )
        and _news_of_issue(lead, m) is None
    ):
        # "ban hành Nghị quyết về …" names this document only in a dated lead, or where a body
        # has just issued it ("Ban Tuyên giáo Tỉnh ủy vừa ban hành Kế hoạch tổ chức …").
        m = None
    if m is None:
        return _apply_issued_on(info, paras, lead, head)
    code = _issued_code(m) or ""
    info.from_lead = True
    info.type_code = info.type_code or code
    number = re.sub(r"\s+", "", m.group("num") or (after.group("num") if after else ""))
    number = number.replace("–", "-")
    if code == info.type_code:
        if "/" in number:
            info.number_symbol = number
        info.lead_number = number if number and "/" not in number else None
        if m.group("y"):
            info.doc_date = make_date(m.group("d"), m.group("m"), m.group("y"))
        elif m.group("y2"):
            info.doc_date = make_date(m.group("d2"), m.group("m2"), m.group("y2"))
        else:
            info.doc_date, after_date = _lead_date(lead, m.start(), stamp)
            opened = _OPENING_DATE.finditer(lead)
            short = next((o for o in opened if o.end() == after_date), None)
            if short and short.group("d3") and after:
                info.doc_date = _year_of_same_day(
                    lead, info.doc_date, int(short.group("d3")), int(short.group("m3"))
                )
            info.doc_date = info.doc_date or _year_of_month(lead, m.end(), short)
            info.doc_date = info.doc_date or _year_ahead(lead, m.end(), short)
            info.doc_date = info.doc_date or date_before_body(_issue_clause(lead, m))
            info.issuer = info.issuer or _issuer_before(lead, m, after_date)
        by = _ISSUER_AFTER.match(lead, m.end())
        if by and starts_body(collapse(by.group("by"))):
            info.issuer = info.issuer or body_name(collapse(by.group("by")))
        # A lead that dates the paper after its number still names the body before its verb:
        # "Vừa qua, Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số 120-KH/HU ngày 10/02/2024 …".
        info.issuer = info.issuer or _issuer_before(lead, m, _lead_date(lead, m.start())[1])
    if head is None or bare:
        subject = _subject_after(lead, m.end(), plain=m.groupdict().get("plain") is not None)
        if subject:
            info.page_title = m.group("name")
            info.subject = subject
    # The page's headline or lead gives way to the document's own title block.
    return _own_title_block(info, paras, code)


def _apply_issued_on(
    info: HeaderInfo, paras: list[Para], lead: str, head: int | None
) -> list[Para]:
    m = _issued_on(lead)
    if m is None:
        if not _apply_deployed(info, lead) and not _apply_deployed_own(info, lead) and head is None:
            _apply_preamble(info, lead)
        deployer = headline_deployer(paras, _type_of_name) if info.type_code is None else None
        if deployer:
            info.from_lead = True
            info.type_code, info.issuer = deployer[0], info.issuer or body_name(deployer[1])
        says = _SAYS.search(lead) if info.type_code is None else None
        if says:
            info.from_lead = True
            info.type_code = _CODE_OF[fold_keep(says.group("name"))]
        return paras
    code = _CODE_OF[fold_keep(m.group("name"))]
    info.from_lead = True
    info.type_code = info.type_code or code
    number = re.sub(r"\s+", "", m.group("num")).replace("–", "-")
    if code == info.type_code:
        if "/" in number:
            info.number_symbol = number
        info.lead_number = number if number and "/" not in number else None
        info.doc_date = make_date(m.group("d"), m.group("m"), m.group("y"))
        by = collapse(m.group("by") or "")
        if by and starts_body(by):
            info.issuer = info.issuer or body_name(by)
    return paras


def _full_name(lead: str, short: str) -> str | None:
    """The body named in full in the lead, whose level-only name is ``short``."""
    words = r"\s+".join(map(re.escape, short.split()))
    m = re.search(r"(?<![\w])(?i:" + words + r")(?:\s+[" + UPPER + r"][^\W\d_]*){1,4}", lead)
    return collapse(m.group(0)) if m else None


def _apply_deployed_own(info: HeaderInfo, lead: str) -> bool:
    m = _DEPLOYS_OWN.search(lead)
    number = re.sub(r"\s+", "", m.group("num")).replace("–", "-") if m else ""
    full = _full_name(lead, collapse(m.group("by"))) if m else None
    if m is None or full is None or "/" not in number:
        return False
    info.from_lead = True
    info.type_code = _CODE_OF[fold_keep(m.group("name"))]
    info.number_symbol = number
    info.doc_date = make_date(m.group("d"), m.group("m"), m.group("y"))
    info.issuer = info.issuer or body_name(full)
    subject = _subject_after(lead, m.end() - 3)  # from its "về"
    if subject and info.subject is None:
        info.page_title, info.subject = m.group("name"), subject
    return True


def _apply_deployed(info: HeaderInfo, lead: str) -> bool:
    for m in _DEPLOYS.finditer(lead):
        by = collapse(m.group("by"))
        number = re.sub(r"\s+", "", m.group("num")).replace("–", "-")
        if not starts_body(by) or "/" not in number:
            continue
        code = _CODE_OF[fold_keep(m.group("name"))]
        if info.type_code not in (None, code):
            continue
        info.from_lead = True
        info.type_code = code
        info.number_symbol = info.number_symbol or number
        info.doc_date = info.doc_date or make_date(m.group("d"), m.group("m"), m.group("y"))
        info.issuer = info.issuer or body_name(by)
        return True
    return False


def _is_title_line(text: str) -> bool:
    return len(text) <= HEADLINE_MAX and not ends_with_terminal(text) and not text.endswith(":")


def _own_title_block(info: HeaderInfo, paras: list[Para], code: str) -> list[Para]:
    """A page that relays a document names it in its lead, then prints its own title block
    ("CHƯƠNG TRÌNH" / "Thực hiện Chỉ thị …" / "đối với …"): that block is the title."""
    for i, para in enumerate(paras[: _LEAD_PARAGRAPHS * 3]):
        text = collapse(para.text)
        kind = type_of_line(text)
        if kind is None or kind[0] != code:
            continue
        # The kind may share its line with the issuer: "NGHỊ QUYẾT CỦA BAN THƯỜNG VỤ TỈNH ỦY".
        rest = text[len(kind[1]) :].strip() if len(text) > len(kind[1]) + 2 else ""
        if rest and not (is_upper_text(rest) and fold_keep(rest).startswith("cua ")):
            continue
        k = i + 1
        while k < len(paras) and _is_title_line(collapse(paras[k].text)):
            k += 1
        pieces = [rest] + [collapse(p.text) for p in paras[i + 1 : k]]
        # A rule under the block ("—–") is no part of the title.
        subject = re.sub(r"\s*[-–—_=*~·•]+$", "", collapse(" ".join(map(_of_issuer, pieces))))
        if k == i + 1 or not 10 <= len(subject) <= 400:
            return paras
        info.page_title = kind[1]
        info.subject = subject
        return paras[:i] + paras[k:]
    return paras


def _of_issuer(piece: str) -> str:
    """A title block's issuer line in capitals, as a title reads it: "CỦA BAN THƯỜNG VỤ TỈNH ỦY" ->
    "của Ban Thường vụ Tỉnh ủy"."""
    if not (is_upper_text(piece) and fold_keep(piece).startswith("cua ")):
        return piece
    cased = body_name(body_name(piece))  # sentence case, then "Tỉnh Ủy" as "Tỉnh ủy"
    return cased[:1].lower() + cased[1:]


def _apply_preamble(info: HeaderInfo, lead: str) -> None:
    m = _PREAMBLE.search(lead)
    if m is None:
        return
    info.from_lead = True
    info.type_code = info.type_code or _CODE_OF[fold_keep(m.group("name"))]
    info.page_title = m.group("name")
    info.subject = collapse(m.group("subject"))

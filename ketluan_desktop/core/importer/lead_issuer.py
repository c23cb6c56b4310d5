"""Who issued a document that a news lead names: the body before the verb ("Ngày 27/8, Đảng ủy Văn
phòng UBND tỉnh ban hành …"), the body signed for ("thay mặt BTV Thành ủy Hà Nội"), the committee
of the secretary who signs ("Bí thư Thành ủy Hà Nội đã ký ban hành"), or the body that asks for the
work in the next sentence ("Theo đó, Đảng uỷ … yêu cầu …").
"""

from __future__ import annotations

import re
from datetime import date

from ketluan_desktop.core.importer.casing import body_case
from ketluan_desktop.core.importer.dates import make_date
from ketluan_desktop.core.importer.header import starts_body
from ketluan_desktop.core.importer.textutil import collapse

_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")

# Who issued it, between the lead's date and its verb: "Ngày 27/8, Đảng ủy Văn phòng UBND tỉnh
# ban hành Công văn số 468 …" ("… vừa ký ban hành …": the signing is no part of the body).
_ISSUER_BEFORE = re.compile(
    r"^(?P<by>[^.;:,\n]{3,80}?)(?:\s+(?:đã|vừa|chính\s+thức))?(?:\s+ký)?$", re.IGNORECASE
)

# "…, thay mặt BTV Thành ủy Hà Nội, đồng chí …, Bí thư Thành ủy đã ký ban hành …": the body signed
# for is the issuer; "BTV" is its standing committee written short.
_ON_BEHALF = re.compile(r"\b[Tt]hay\s+mặt\s+(?P<by>[^,;.\n]{3,80}?)\s*,")


def on_behalf_of(lead: str, start: int, verb_at: int) -> str | None:
    m = _ON_BEHALF.search(lead, start, verb_at)
    if m is None:
        return None
    by = re.sub(r"^BTV\b", "Ban Thường vụ", collapse(m.group("by")))
    return body_name(by) if starts_body(by) else None


# The sentence after the lead says who asks for the work: "Theo đó,Đảng uỷ Văn phòng UBND tỉnh yêu
# cầu Cấp uỷ …" (where the lead gave the letter to "UBND tỉnh", no Party body).
_SPEAKER = re.compile(
    r"[.!?]?\s*Theo\s+đó\s*,\s*(?P<by>[^,.;:\n]{3,80}?)\s+(?:yêu\s+cầu|đề\s+nghị|giao|chỉ\s+đạo)\s"
)


def speaker_after(lead: str, end: int) -> str | None:
    stop = _SENTENCE_END.search(lead, end)
    m = _SPEAKER.match(lead, stop.start()) if stop else None
    by = collapse(m.group("by")) if m else ""
    return body_name(by) if by and starts_body(by) else None


# A secretary who signs for the committee: "…, đồng chí Đinh Tiến Dũng, Ủy viên Bộ Chính trị, Bí
# thư Thành ủy Hà Nội đã ký ban hành Chỉ thị …" is issued by the "Thành ủy Hà Nội" (a head of a
# board, "Trưởng Ban Tuyên giáo Tỉnh ủy", by the board).
_SIGNER_OFFICE = re.compile(
    r"(?:^|,\s*)(?:Phó\s+)?(?:Bí\s+thư|Trưởng)(?:\s+Thường\s+trực)?\s+(?P<by>[^,;.\n]{3,80}?)"
    r"\s+(?:đã\s+|vừa\s+)?ký\s*$"
)


def signer_office(lead: str, start: int, verb_at: int) -> str | None:
    m = _SIGNER_OFFICE.search(lead[start:verb_at].rstrip())
    by = collapse(m.group("by")) if m else ""
    return body_name(by) if by and starts_body(by) else None


def issuer_of(lead: str, start: int, verb_at: int) -> str | None:
    m = _ISSUER_BEFORE.match(lead[start:verb_at].strip())
    by = collapse(m.group("by")) if m else ""
    return body_name(by) if by and starts_body(by) else None


# A central board written in its long form, "Ban Tổ chức Ban Chấp hành Trung ương (Đảng)", is the
# "Ban Tổ chức Trung ương", as a header's "BAN TỔ CHỨC" under "BAN CHẤP HÀNH TRUNG ƯƠNG" is.
_LONG_CENTRAL_BOARD = re.compile(
    r"^(?P<board>Ban\s+(?!Chấp\b|Thường\b|Bí\b)[^\W\d]+(?:\s+[^\W\d]+){0,3}?)\s+Ban\s+Chấp\s+hành"
    r"\s+Trung\s+ương(?:\s+Đảng)?$"
)


def body_name(text: str) -> str:
    """A body as a lead writes it: capitals made sentence case, "Tỉnh Ủy" as "Tỉnh ủy"."""
    if not any(c.isalpha() and c.islower() for c in text):
        return body_case(text)
    long_form = _LONG_CENTRAL_BOARD.match(text)
    if long_form:
        return long_form.group("board") + " Trung ương"
    return re.sub(r"(?<=\w) (Ủy|Uỷ)\b", lambda m: " " + m.group(1).lower(), text)


# A body that has just issued the paper, after the clause that gives its grounds or its time:
# "Thực hiện …, Ban Tuyên giáo Tỉnh ủy Thanh Hóa vừa ban hành Kế hoạch …", "Vừa qua, Ban Thường vụ
# Huyện ủy đã ban hành …", "Ngày 16/1, Ban Tuyên giáo Tỉnh ủy đã có văn bản hướng dẫn …".
_LEAD_IN = re.compile(
    r"^(?:Thực\s+hiện|Căn\s+cứ|Theo|Để|Nhằm|Trên\s+cơ\s+sở|Triển\s+khai|Quán\s+triệt|Vừa\s+qua"
    r"|Mới\s+đây|Hôm\s+nay|Trước\s+đó|(?:Ngày|Sáng|Chiều|Tối|Trưa)\s+(?:nay|ngày\s+\d+|\d+))\b",
    re.IGNORECASE,
)
_JUST_DONE = re.compile(r"\s+(?:đã|vừa)(?:\s+ký)?$")
# A date inside the sentence, right before the body that issued the paper: "Thực hiện …; Thông báo
# …, ngày 10/9/2020 Ban Tuyên giáo Trung ương có Hướng dẫn số 151-HD/BTGTW …".
_DATED_BODY = re.compile(
    r"(?:^|,\s*)ngày\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})\s*,?\s+"
    r"(?P<by>[^.;:,\n]{3,80}?(?:\s+(?:đã|vừa))?)\s*$",
    re.IGNORECASE,
)


def date_before_body(clause: str) -> date | None:
    """The date that ``clause`` (the words before the verb) gives right before the issuer."""
    m = _DATED_BODY.search(clause)
    if m is None or not starts_body(collapse(_JUST_DONE.sub("", m.group("by")))):
        return None
    return make_date(m.group("d"), m.group("m"), m.group("y"))


def news_of_issue(clause: str, has: bool) -> str | None:
    """The body in ``clause`` (the words before the verb) that has just issued the paper; ``has``:
    the verb was "(đã, vừa) có"."""
    clause = clause.strip()
    if _LEAD_IN.match(clause) and "," in clause:
        clause = clause.rsplit(",", 1)[1].strip()
    dated = _DATED_BODY.search(clause)
    if dated:  # a body right after a date is the issuer whatever the verb's tense
        clause = dated.group("by")
        has = True
    just = _JUST_DONE.search(clause)
    if just is None and not has:
        return None
    by = collapse(clause[: just.start()] if just else clause)
    return body_name(by) if by and len(by) <= 80 and starts_body(by) else None


# A portal prints its post's time in brackets before the lead: "(08:57:00 03/04/2021) Ngày
# 12/3/2021, Thành ủy Hà Nội ban hành …". The lead starts after it.
_POST_STAMP = re.compile(
    r"^\(\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*\)\s*"
)


def split_post_stamp(text: str) -> tuple[re.Match[str] | None, str]:
    """The bracketed time stamp that opens ``text`` (if any), and the text after it."""
    m = _POST_STAMP.match(text)
    return (m, text[m.end() :]) if m else (None, text)

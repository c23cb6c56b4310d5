"""The meeting a conclusion reports: who met (body, term), which session, extended or not, when."""

from __future__ import annotations

import re
from datetime import date

from ketluan_desktop.core.importer.dates import DATE_RE, date_from_match, make_date, words_to_int
from ketluan_desktop.core.importer.markers import roman_value
from ketluan_desktop.core.importer.result import MeetingInfo
from ketluan_desktop.core.importer.textutil import collapse

_BODY = (
    r"(?:Ban [Cc]hấp hành|Ban [Tt]hường vụ|Bộ Chính trị|Ban Bí thư|Ủy ban Kiểm tra|Uỷ ban Kiểm tra"
    r"|Đảng ủy|Đảng uỷ|Chi bộ|Chi ủy|Chi uỷ|Thường trực|Hội đồng)"
)
_TERM = r"(?:\(\s*)?kh(?:óa|oá|oa)\s+(?P<term>[IVXLC]+)\b(?:\s*\))?"
# "Ban Chấp hành Đảng bộ Khối …, khóa VIII, đã họp kỳ thứ 19"
_BODY_MET = re.compile(
    r"(?P<body>" + _BODY + r"[^,;.()]*?)\s*(?:,?\s*" + _TERM + r"\s*,?)?\s*(?:đã\s+)?"
    r"(?:họp|tổ chức hội nghị)\b"
)
# "Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII họp từ ngày …"
_MEETING_OF = re.compile(
    r"Hội nghị\s+(?:lần thứ\s+\S+\s+)?(?P<body>"
    + _BODY
    + r"[^,;.()]*?)\s*(?:,\s*)?(?:"
    + _TERM
    + r")?\s*(?:\(mở rộng\)\s*)?(?:,\s*)?(?:đã\s+)?(?:được\s+)?"
    r"(?:họp|diễn ra|tổ chức|khai mạc|ngày|từ|vào)\b"
)
# "Hội nghị toàn quốc công tác văn phòng … năm 2025 tổ chức ngày 26/11/2025"
_NAMED_MEETING = re.compile(
    r"(?P<body>Hội nghị\s+[^.;:]*?)\s+(?:đã\s+)?(?:được\s+)?(?:tổ chức|họp|diễn ra|khai mạc)\b"
)
# "… Bộ Chính trị, Ban Bí thư kết luận" after "Tại phiên họp ngày …"; "… Bộ Chính trị đã thảo luận
# và kết luận như sau", "… Bộ Chính trị, Ban Bí thư có ý kiến như sau"; "… Bộ Chính trị, Ban Bí thư
# giao Đảng ủy Chính phủ …".
_SITTING = re.compile(
    r"(?P<body>(?:(?:Bộ Chính trị|Ban Bí thư|Ban Thường vụ(?: [" + "A-ZĐẢỦ" + r"]\w*)*"
    r"|Thường trực(?: [A-ZĐẢỦ]\w*)*)(?:,\s*|\s+và\s+)?)+)\s+(?:đã\s+)?"
    r"(?:thảo luận(?:,\s*|\s+và\s+))?(?:kết luận|có ý kiến|cho ý kiến|(?:cơ bản\s+)?thống nhất"
    r"|giao|yêu cầu)\b"
)
# "đồng chí Tổng Bí thư đã có buổi làm việc với Đảng uỷ Bộ Y tế, … và địa phương[1] về công tác …"
_WORKING = re.compile(
    r"(?P<who>[^,.;]+?)\s+(?:đã\s+)?(?:có\s+)?buổi làm việc với\s+(?P<with>[^.;]+?)"
    r"(?:\[\d+\])?(?=\s+(?:về|để|nhằm|tại)\b|[.;]|$)"
)
_SESSION = re.compile(
    r"(?:lần|kỳ|kì|phiên)\s+(?:họp\s+)?thứ\s+(?P<n>\d{1,3}|[IVXL]+\b|(?:[^\W\d_]+\s*){1,3})",
    re.IGNORECASE,
)
# "Đại hội đại biểu Đảng bộ tỉnh Tiền Giang lần thứ XI": a congress is named with its ordinal.
_CONGRESS = re.compile(
    r"(?P<body>Đại hội\s+(?:[đĐ]ại biểu\s+)?(?:Đảng bộ|đảng bộ|Chi bộ|chi bộ)\b[^,;.()]*?)"
    r"\s+lần\s+thứ\s+(?P<n>[^\W_]+)"
)
# A cell's or a committee's congress named by its term, as the whole subject of its resolution:
# "NGHỊ QUYẾT" / "Đại hội Chi bộ trường Mầm non" / "Nhiệm kỳ 2022 - 2025" (not one cited in it).
_CONGRESS_TERM = re.compile(
    r"^(?P<body>Đại hội\s+(?:[đĐ]ại biểu\s+)?(?:Đảng bộ|đảng bộ|Chi bộ|chi bộ)\b[^,;.()]*?)"
    r"\s+(?i:nhiệm\s+kỳ)\s+\d{4}\s*[-–]\s*\d{4}\s*$"
)
# "diễn ra từ ngày 12 đến ngày 15 tháng 10 năm 2020": the first day borrows the month and year.
_CONGRESS_NAMED = re.compile(r"\bĐại hội\b[^,;.()]{0,80}?\blần\s+thứ\s+\S+", re.IGNORECASE)
_DAY_RANGE = re.compile(
    r"từ\s+ngày\s+(?P<d>\d{1,2})\s+đến\s+ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"\s*,?\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_SENTENCE_MAX = 600
_CUES = ("hội nghị", "họp", "buổi làm việc", "phiên họp", "kỳ họp")
_SHORT_DATE = re.compile(r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])(?!\s+/\s*\d)", re.IGNORECASE)


def _session(text: str) -> int | None:
    m = _SESSION.search(text)
    if not m:
        return None
    raw = m.group("n").strip()
    if raw.isdigit():
        return int(raw)
    value = roman_value(raw)
    if value:
        return value
    words = raw.split()
    for n in range(len(words), 0, -1):
        value = words_to_int(" ".join(words[:n]))
        if value:
            return value
    return None


def _first_date(text: str, year: int | None = None) -> tuple[date | None, date | None]:
    """The meeting's first day, and its last when the text gives a range ("từ ngày 10/4 đến ngày
    12/4/2025": the first date borrows the year of the second). A day without a year that does not
    open a range ("tại phiên họp ngày 20/2, … Nghị định số 178/2024/NĐ-CP, ngày 31/12/2024") takes
    ``year``, the document's own, when it is known: the later date is a cited document's."""
    days = _DAY_RANGE.search(text)
    if days:
        start = make_date(days.group("d"), days.group("m"), days.group("y"))
        end = make_date(days.group("d2"), days.group("m"), days.group("y"))
        if start and end:
            return start, end
    full = [(m.start(), d) for m in DATE_RE.finditer(text) if (d := date_from_match(m))]
    short = _SHORT_DATE.search(text)
    if short and full and short.start() < full[0][0]:
        if year is not None and "đến" not in text[short.end() : full[0][0]]:
            return make_date(short.group(1), short.group(2), year), None
        start = make_date(short.group(1), short.group(2), full[0][1].year)
        if start:
            return start, full[0][1]
    if short and not full and year is not None:
        return make_date(short.group(1), short.group(2), year), None
    if not full:
        return None, None
    if len(full) > 1 and "đến ngày" in text[full[0][0] : full[1][0]]:
        return full[0][1], full[1][1]
    return full[0][1], None


def _sentences(paragraphs: list[str]) -> list[str]:
    # The meeting is named in the first sentences; a bound on their length keeps the searches below
    # linear on text that has no full stops at all.
    out = []
    for p in paragraphs:
        out.extend(s[:_SENTENCE_MAX] for s in re.split(r"(?<=[.!?])\s+(?=[^\W\d_])", p[:5000]) if s)
    return out


def _congress(title: str, subject: str | None, sentences: list[str]) -> MeetingInfo | None:
    """A congress's resolution: the congress named in the title (or the text) with its ordinal,
    its days from the sentence that says when it met."""
    m = (
        _CONGRESS.search(subject or "")
        or _CONGRESS.search(title)
        or _CONGRESS_TERM.match(collapse(subject or ""))
    )
    if m is None:
        m = next((c for s in sentences if (c := _CONGRESS.search(s))), None)
    if m is None:
        return None
    session = _session(m.group(0)) if m.re is _CONGRESS else None
    meeting = MeetingInfo(body=collapse(m.group("body")), session=session)
    for sentence in sentences:
        if "đại hội" in sentence.lower():
            meeting.date, meeting.date_to = _first_date(sentence)
            if meeting.date:
                break
    return meeting


def find_meeting(
    title: str, subject: str | None, opening: list[str], year: int | None = None
) -> MeetingInfo | None:
    sentences = _sentences(opening[:3])
    named = _CONGRESS.search(subject or title or "") or _CONGRESS_TERM.match(
        collapse(subject or "")
    )
    if named and not _MEETING_OF.search(subject or ""):
        return _congress(title, subject, sentences)
    cue_sentence = next((s for s in sentences if any(c in s.lower() for c in _CUES)), None)
    in_title = "hội nghị" in (subject or title).lower() or "họp" in title.lower()
    if cue_sentence is None and not in_title:
        return None
    meeting = MeetingInfo()
    sitting = False
    sentence = cue_sentence or ""
    context = f"{sentence} {subject or ''}"
    m = _BODY_MET.search(sentence) or _MEETING_OF.search(sentence)
    if m:
        meeting.body = collapse(m.group("body"))
    elif (m := _SITTING.search(sentence)) and "phiên họp" in sentence.lower():
        meeting.body = collapse(m.group("body")).rstrip(", ")
        sitting = True
    elif m := _WORKING.search(sentence):
        who = re.sub(r"^(?:Ngày\s+\S+,\s*)?(?:tại\s+[^,]+,\s*)?", "", collapse(m.group("who")))
        meeting.body = f"Buổi làm việc của {who} với {collapse(m.group('with'))}"
    elif m := _NAMED_MEETING.search(sentence):
        meeting.body = collapse(m.group("body"))
    elif subject and "hội nghị" in subject.lower():
        meeting.body = subject
    # A sitting's sentence names the papers it heard ("… theo tinh thần Nghị quyết Hội nghị Trung
    # ương 11 khoá XIII …"): their term is not the sitting's.
    term = None if sitting else re.search(_TERM, sentence)
    term = term or re.search(_TERM, subject or "")
    meeting.term = term.group("term") if term else None
    # The congress a session leads up to ("… tiến tới Đại hội đại biểu toàn quốc lần thứ XIV") gives
    # no number to the session.
    own = _CONGRESS_NAMED.sub(" ", sentence)
    meeting.session = _session(own) or _session(_CONGRESS_NAMED.sub(" ", subject or ""))
    meeting.extended = True if "mở rộng" in context.lower() else None
    meeting.date, meeting.date_to = _first_date(sentence, year)
    if meeting.body is None and meeting.date is None:
        # A session number alone ("trong Hội nghị Ban Chấp hành lần thứ 1" of a review) names no
        # meeting that the document reports.
        return None
    return meeting

"""The top of the page: issuing bodies, number and symbol, place and date, type, title and
subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.importer.casing import body_case, sentence_case
from ketluan_desktop.core.importer.dates import make_date
from ketluan_desktop.core.importer.lines import SourceLine
from ketluan_desktop.core.importer.textutil import (
    collapse,
    fold_keep,
    is_upper_text,
    plain_symbol,
    starts_lower,
)
from ketluan_desktop.core.importer.zones import type_of_line
from ketluan_desktop.core.text.normalize import fold

_PARTY = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.IGNORECASE)
_MOTTO = re.compile(r"Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc", re.IGNORECASE)
# A number and kind both left blank to be filled in by hand ("Số      -/ĐU") is a number line too:
# it gives no number, and its symbol is no part of the issuer.
_NUMBER = re.compile(
    r"\bSố\s*:?\s*(?P<num>\d{0,5}\s*[-–/]\s*[A-ZĐ][A-Za-zĐđ]*(?:\s*[-/–]\s*[A-ZĐ0-9][A-Za-zĐđƯƠ0-9]*)*"
    r"|\d{1,5}/\d{4}/[A-ZĐ][A-Za-zĐđ0-9-]*|[-–]\s*/\s*[A-ZĐ][A-Za-zĐđ]*)"
)
# A day or month left blank to be filled in by hand ("Xuân Phú, ngày       tháng 7 năm 2023") gives
# no date, but the place stands. A flattened table cell may break the place after its
# abbreviation ("TP." / "Hồ Chí Minh, ngày …").
_PLACE_DATE = re.compile(
    r"(?:^|\n)[ \t]*(?:(?P<abbr>(?:TP|Tp|TX|Tx|TT|Tt)\.)[ \t]*\n[ \t]*)?(?P<place>[^\n,]{0,40}?)[ \t]*,\s*ngày\s+(?:(?P<d>\d{1,2}|\.+|…+)\s+)?tháng\s+"
    r"(?P<m>\d{1,2}|\.+|…+)\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(
    r"\bngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE
)
# A web page's own date stamp ("Chủ Nhật, ngày 24 tháng 11 năm 2024", "Thứ Tư, 15/10/2020"): a
# weekday is no place, and the day is the page's, not the document's.
_PAGE_STAMP = re.compile(
    r"(?:^|\n)[ \t]*(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|Chủ\s+nhật)\s*,\s*(?:ngày\s+)?\d{1,2}"
    r"(?:\s+tháng\s+\d{1,2}\s*,?\s+năm\s+\d{4}|\s*/\s*\d{1,2}\s*/\s*\d{4})[^\n]*",
    re.IGNORECASE,
)
_DRAFT = re.compile(r"\(?\s*(Dự\s+thảo(?:\s+lần\s+\d+)?)\s*\)?", re.IGNORECASE)
_SUBJECT_LETTER = re.compile(r"\bV/v\s*:?\s*(?P<s>.+)", re.DOTALL)
_GREETING = re.compile(r"^[ \t]*Kính\s+gửi\s*:?[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE)
_RULE = re.compile(r"^[\s\-_=*~.]*$")
# Words that begin the name of a body: an issuer line that does not start with one continues the
# line above ("BAN" / "CHẤP HÀNH TRUNG ƯƠNG").
_BODY_STARTS = (
    "ban ", "dang bo", "dang uy", "van phong", "tinh uy", "thanh uy", "huyen uy", "quan uy",
    "thi uy", "chi bo", "chi uy", "uy ban", "hoi dong", "doan ", "truong ", "bo ", "cong doan",
    "ubkt", "dang doan", "ban can su",
)  # fmt: skip


@dataclass
class HeaderInfo:
    type_code: str | None = None
    page_title: str | None = None  # "THÔNG BÁO KẾT LUẬN", as on the page
    subject: str | None = None
    number_symbol: str | None = None
    doc_date: date | None = None
    place: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    draft_label: str | None = None
    greeting: str | None = None
    title_text: str = ""  # the whole title block as printed, for meeting and citation search
    from_lead: bool = False  # no header: type, number and date read from a copy's headline/lead
    # A lead's number without its symbol ("Chỉ thị số 11 của Ban Bí thư"): no number and symbol of
    # the document, but no citation of another either.
    lead_number: str | None = None

    @property
    def title(self) -> str | None:
        if not self.page_title:
            return self.subject
        head = sentence_case(self.page_title)
        return f"{head} {self.subject}" if self.subject else head


def _pieces(lines: list[SourceLine]) -> list[str]:
    """Header lines with their columns apart: "BAN CHẤP HÀNH TRUNG ƯƠNG      ĐẢNG CỘNG SẢN VIỆT NAM"
    holds two things."""
    out: list[str] = []
    for ln in lines:
        if not ln.blank:
            out.extend([p.text for p in ln.pieces] or [ln.text])
    return out


def _take(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str] | None, str]:
    """The first match, and the text without it (so later patterns do not see it again)."""
    m = pattern.search(text)
    if m is None:
        return None, text
    return m, text[: m.start()] + "\n" + text[m.end() :]


def starts_body(line: str) -> bool:
    folded = fold(line) + " "
    return any(folded.startswith(s) for s in _BODY_STARTS)


def _group_bodies(lines: list[str]) -> list[str]:
    groups: list[str] = []
    for line in lines:
        if groups and not starts_body(line):
            groups[-1] += " " + line
        else:
            groups.append(line)
    return groups


def _expand_department(issuer: str, parent: str | None) -> str:
    """A department under the Central Committee is known by its full name: "VĂN PHÒNG" under
    "BAN CHẤP HÀNH TRUNG ƯƠNG" is the "Văn phòng Trung ương Đảng", "ỦY BAN KIỂM TRA" the "Ủy ban
    Kiểm tra Trung ương" (as "BAN TỔ CHỨC" is the "Ban Tổ chức Trung ương")."""
    if not parent:
        return issuer
    folded_parent, folded = fold(parent), fold(issuer)
    if folded_parent == "ban chap hanh trung uong":
        if folded == "van phong":
            return "Văn phòng Trung ương Đảng"
        if folded.startswith(("ban ", "uy ban ")) and "trung uong" not in folded:
            return f"{issuer} Trung ương"
    return issuer


def _number_symbol(raw: str) -> str | None:
    value = plain_symbol(re.sub(r"\s+", "", raw).replace("–", "-"))
    return value if re.match(r"^\d", value) else None


def parse_header(header: list[SourceLine], title: list[SourceLine]) -> HeaderInfo:
    info = HeaderInfo()
    text = "\n".join(_pieces(header))
    text = _PARTY.sub("\n", text)
    text = _MOTTO.sub("\n", text)
    text = _PAGE_STAMP.sub("\n", text)
    m, text = _take(_NUMBER, text)
    if m:
        info.number_symbol = _number_symbol(m.group("num"))
    m, text = _take(_PLACE_DATE, text)
    if m is None:
        m, text = _take(_DATE_ONLY, text)
    if m:
        info.doc_date = make_date(m.group("d"), m.group("m"), m.group("y"))
        place = collapse(m.groupdict().get("place") or "")
        abbr = m.groupdict().get("abbr")
        info.place = (f"{abbr} {place}" if abbr and place else place) or None
    m, text = _take(_DRAFT, text)
    if m:
        info.draft_label = collapse(m.group(1))
    m, text = _take(_GREETING, text)
    if m:
        info.greeting = collapse(m.group(1)) or None
    m = _SUBJECT_LETTER.search(text)
    if m:
        # "V/v …" may wrap; its continuation lines start in lower case.
        lines = m.group("s").split("\n")
        taken = [lines[0]]
        for line in lines[1:]:
            if not line.strip() or not starts_lower(line):
                break
            taken.append(line)
        info.subject = collapse(" ".join(taken))
        text = text[: m.start()] + "\n" + "\n".join(lines[len(taken) :])
    issuer_lines = []
    for line in text.split("\n"):
        line = collapse(line)
        if not line or _RULE.match(line):
            continue
        # Bodies are printed in capitals; a copy that lost them still names a body up front.
        if is_upper_text(line) or (len(line) < 80 and starts_body(line)):
            # A site's list mark may stand before the header ("• BAN CHẤP HÀNH TRUNG ƯƠNG").
            issuer_lines.append(line.strip(" *-•·"))
    bodies = [b for b in _group_bodies([ln for ln in issuer_lines if ln]) if b]
    if bodies:
        parent = body_case(bodies[-2]) if len(bodies) >= 2 else None
        info.parent_issuer = parent
        info.issuer = _expand_department(body_case(bodies[-1]), parent)
    _parse_title(info, title)
    if info.type_code is None and info.number_symbol:
        info.type_code = _type_from_symbol(info.number_symbol)
    return info


def _type_from_symbol(symbol: str) -> str | None:
    m = re.match(r"^\d*-([A-ZĐ][A-Za-zĐđ]*)/", symbol)
    if m and m.group(1) in DOCUMENT_TYPES:
        return m.group(1)
    if re.match(r"^\d+/[A-ZĐ]", symbol) or "-CV/" in symbol:
        return "CV"
    return None


# OCR drops the grave accent of "lần" before an ordinal: "HỘI NGHỊ LÂN THỨ BẢY" is "LẦN THỨ".
_OCR_ORDINAL = re.compile(r"\b([Ll])([Ââ])(?=[Nn]\s+(?:thứ|THỨ)\b)")


def _parse_title(info: HeaderInfo, title: list[SourceLine]) -> None:
    if not title:
        return
    texts = [
        _OCR_ORDINAL.sub(lambda m: m.group(1) + ("Ầ" if m.group(2) == "Â" else "ầ"), ln.text)
        for ln in title
    ]
    info.title_text = " ".join(texts)
    found = type_of_line(texts[0])
    if not found:
        return
    code, words = found
    rest = texts[0][len(words) :].strip().lstrip(".:;,").strip()  # "NGHỊ QUYẾT." as typed
    page_title = words
    if fold(words) != fold(DOCUMENT_TYPES[code].title):
        page_title = DOCUMENT_TYPES[code].title  # read from an OCR'd "K ÉT LUẬN"
    # "THÔNG BÁO KẾT LUẬN": a notice of conclusions keeps both words as its page title.
    if code == "TB" and fold_keep(rest).startswith("ket luan"):
        page_title = f"{words} {rest[:8]}"
        rest = rest[8:].strip()
    elif code == "TB" and not rest and len(texts) > 1 and fold_keep(texts[1]) == "ket luan":
        page_title = f"{words} {texts[1]}"
        texts = texts[1:]
    info.type_code = code
    info.page_title = page_title
    subject = " ".join([rest, *texts[1:]]).strip()
    if subject and is_upper_text(subject):
        info.subject = sentence_case(subject, capitalize_first=False)
    elif subject:
        # Capitals down to a subject in ordinary case ("HỘI NGHỊ LẦN THỨ BẢY …" / "về …"): the
        # capitals are cased as one title, the rest kept as written.
        parts = [p for p in [rest, *texts[1:]] if p.strip()]
        caps = 0
        while caps < len(parts) and is_upper_text(parts[caps]):
            caps += 1
        head = " ".join(parts[:caps])
        cased = [sentence_case(head, capitalize_first=False)] if head else []
        tail = parts[caps:]
        if cased and tail and tail[0].startswith("Về "):
            tail = ["v" + tail[0][1:], *tail[1:]]  # "CỦA BAN … / Về …": one title, one case
        info.subject = " ".join(cased + tail).strip()


# A guide or a conclusion copied without its title block says what it is about in its preamble:
# "Ban Tổ chức Trung ương hướng dẫn một số vấn đề về nghiệp vụ công tác đảng viên như sau:".
_PREAMBLE_VERBS = {"HD": "hướng dẫn", "KL": "kết luận", "TB": "thông báo", "QĐ": "quyết định"}
_PREAMBLE_SUBJECT = re.compile(
    r"(?:^|[.;]\s+)(?P<body>[A-ZĐÀ-Ỹ][^,.;:]{2,80}?)\s+(?P<verb>{verb})\s+"
    r"(?P<s>[^.;:]{10,200}?),?\s+(?:cụ thể\s+)?như sau\s*:\s*$"
)


def title_from_preamble(info: HeaderInfo, texts: list[str]) -> None:
    """Set the title (kind and subject) from the preamble where no title block gave one; only a
    body's own words about the text ("<body> hướng dẫn … như sau:") count."""
    verb = _PREAMBLE_VERBS.get(info.type_code or "")
    if verb is None or info.page_title or info.subject:
        return
    pattern = re.compile(_PREAMBLE_SUBJECT.pattern.replace("{verb}", verb))
    for text in texts:
        m = pattern.search(text[-400:])
        if m and starts_body(m.group("body")):
            info.page_title = verb.upper()
            info.subject = collapse(m.group("s"))
            return

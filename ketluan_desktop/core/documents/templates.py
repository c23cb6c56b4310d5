"""Templates for new drafts: the standard parts of each kind of Party document, already filled in.

A template (``resources/templates/<type>.json``) gives the title, the subject, the sections with
their usual headings and sentences, the recipients and the signer's authority. A new draft gets
the issuing body's names of the day, the place, the usual recipients ending with the file copy,
and the signer from the people list; when it comes out of a meeting, the opening sentence names
the meeting, its date, term and the drafts it approved.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core import paths
from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.documents.draft import Draft, DraftBlock, DraftSection
from ketluan_desktop.core.errors import NotFoundError, ValidationError
from ketluan_desktop.core.meetings.models import Meeting
from ketluan_desktop.core.org import organisations as org_service
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Person, Term
from ketluan_desktop.core.text.dates import date_in_words

TEMPLATE_CODES = ("KL", "TB", "NQ", "BC", "KH", "CV")

# The office's usual distribution list (as the sample conclusion writes it); editable in Settings.
DEFAULT_USUAL_RECIPIENTS = [
    "Thường trực ĐUK",
    "Các đ/c Đảng ủy viên",
    "Các đ/c UVUBKT Đảng ủy",
    "Các Ban, VP Đảng ủy",
    "Các TCCSĐ trực thuộc",
    "Các Đoàn thể Khối",
    "Ban Thường vụ Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
]
DEFAULT_RECIPIENTS_COUNT = 6  # the first six go on a new conclusion, as in the sample
USUAL_RECIPIENTS_KEY = "documents.usual_recipients"
FILE_COPY_KEY = "documents.file_copy_line"

AUTHORITIES = (
    "T/M BAN CHẤP HÀNH",
    "T/M BAN THƯỜNG VỤ",
    "T/M ĐẢNG ỦY",
    "T/M ỦY BAN KIỂM TRA",
    "K/T BÍ THƯ",
    "T/L BAN THƯỜNG VỤ",
    "K/T CHÁNH VĂN PHÒNG",
)


@dataclass(frozen=True)
class TemplateInfo:
    type_code: str
    name: str
    description: str


@lru_cache(maxsize=16)
def _load(code: str) -> dict[str, Any]:
    path = paths.resource("templates", f"{code}.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotFoundError(
            f"Không có mẫu cho loại văn bản «{code}». Các mẫu có sẵn: "
            + ", ".join(f"{c} ({DOCUMENT_TYPES[c].name})" for c in TEMPLATE_CODES)
            + "."
        ) from None


def list_templates() -> list[TemplateInfo]:
    out = []
    for code in TEMPLATE_CODES:
        data = _load(code)
        out.append(TemplateInfo(code, data["name"], data.get("description", "")))
    return out


def usual_recipients(session: Session) -> list[str]:
    value = settings.get(session, USUAL_RECIPIENTS_KEY)
    return list(value) if isinstance(value, list) and value else list(DEFAULT_USUAL_RECIPIENTS)


def set_usual_recipients(session: Session, names: list[str]) -> None:
    cleaned = [n.strip().rstrip(",;.") for n in names if n.strip()]
    settings.set_value(session, USUAL_RECIPIENTS_KEY, cleaned)


def file_copy_line(session: Session, symbol_code: str | None = None) -> str:
    """ "Lưu Văn phòng ĐUK": the last recipient, the office keeping the file copy."""
    value = settings.get(session, FILE_COPY_KEY)
    if isinstance(value, str) and value.strip():
        return value.strip()
    if symbol_code is None:
        try:
            body = org_service.issuing_body(session)
            symbol_code = org_service.names_on(session, body, None).symbol_code
        except (NotFoundError, ValidationError):  # no issuing body, or no name for it yet
            symbol_code = None
    return f"Lưu Văn phòng {symbol_code}" if symbol_code else "Lưu Văn phòng"


def is_file_copy(line: str) -> bool:
    return line.strip().lower().startswith("lưu ")


def with_file_copy_last(recipients: list[str], file_copy: str) -> list[str]:
    """The file copy goes last, once."""
    others = [r for r in recipients if r.strip() and not is_file_copy(r)]
    existing = [r for r in recipients if is_file_copy(r)]
    return [*others, existing[-1] if existing else file_copy]


# ------------------------------------------------------------------------- meeting wording
def _date_words(d: date) -> str:
    return date_in_words(d).capitalize()


def _periods(d: date) -> tuple[str, str]:
    """The period a meeting on ``d`` reviews, and the one it plans for."""
    if 6 <= d.month <= 9:
        return f"6 tháng đầu năm {d.year}", f"trong 6 tháng cuối năm {d.year}"
    if d.month >= 11:
        return f"năm {d.year}", f"năm {d.year + 1}"
    if d.month == 1:
        return f"năm {d.year - 1}", f"năm {d.year}"
    return "thời gian qua", "thời gian tới"


def _agenda_phrase(titles: list[str]) -> str:
    items = []
    for t in titles:
        t = t.strip().rstrip(".;")
        if t.lower().startswith("dự thảo "):
            t = t[len("dự thảo ") :]
        if t:
            items.append(t[0].upper() + t[1:])
    if not items:
        return "các nội dung theo chương trình"
    return ("các dự thảo " if len(items) > 1 else "dự thảo ") + "; ".join(items)


_MAY_BE_EMPTY = ("extended", "chair_clause", "term_suffix")


class _Values(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


def _meeting_values(session: Session, meeting: Meeting, issuer: str | None) -> dict[str, str]:
    term_label = meeting.term_label
    if meeting.term_id:
        term = session.get(Term, meeting.term_id)
        term_label = term.label if term else term_label
    period, next_period = _periods(meeting.meeting_date) if meeting.meeting_date else ("", "")
    body_full = meeting.body_full or meeting.body
    return _Values(
        date_words=_date_words(meeting.meeting_date) if meeting.meeting_date else "",
        date_numeric=f"{meeting.meeting_date.day}/{meeting.meeting_date.month}/"
        f"{meeting.meeting_date.year}"
        if meeting.meeting_date
        else "",
        body_full=body_full,
        body_name=body_full,
        term=f"khóa {term_label}" if term_label else "",
        session=str(meeting.session_number or ""),
        extended=" (mở rộng)" if meeting.extended else "",
        agenda=_agenda_phrase([a.title for a in meeting.agenda if a.approved]),
        issuer=issuer or "",
        period=period,
        next_period=next_period,
        place=meeting.place or "",
        chair_clause=f" dưới sự chủ trì của đồng chí {meeting.chair}" if meeting.chair else "",
        meeting_name=meeting.display_name,
    )


def _fill(text: str, values: dict[str, str] | None) -> str | None:
    """The text with the meeting's values, or None when a value it needs is unknown."""
    if values is None:
        return None
    try:
        out = string.Formatter().vformat(text, (), values)
    except KeyError:
        return None
    fields = [f for _, f, _, _ in string.Formatter().parse(text) if f]
    if any(not values.get(f) for f in fields if f not in _MAY_BE_EMPTY):
        return None
    return " ".join(out.split()).replace(" ,", ",")


# ---------------------------------------------------------------------------------- drafts
def _signer(session: Session, role: str | None) -> Person | None:
    default_id = settings.get(session, "office.default_signer_id")
    people = list(
        session.scalars(
            select(Person)
            .where(Person.can_sign.is_(True), Person.active.is_(True))
            .order_by(Person.id)
        )
    )
    if role:
        wanted = role.lower()
        for p in people:
            if (p.committee_role or "").lower() == wanted or (
                (p.position or "").lower().startswith(wanted)
            ):
                return p
    if default_id:
        return next((p for p in people if p.id == default_id), None)
    return people[0] if people else None


def new_draft(
    session: Session, type_code: str, *, today: date, meeting_id: int | None = None
) -> Draft:
    """A fresh draft of ``type_code`` from its template (not stored: save it to keep it)."""
    if type_code not in DOCUMENT_TYPES:
        raise ValidationError(
            f"Loại văn bản «{type_code}» không có. Các loại: "
            + ", ".join(f"{t.code} ({t.name})" for t in DOCUMENT_TYPES.values())
            + "."
        )
    data: dict[str, Any] = _load(type_code) if type_code in TEMPLATE_CODES else {"sections": []}
    issuer = parent = place = symbol = None
    try:
        body = org_service.issuing_body(session)
        names = org_service.names_on(session, body, today)
        issuer, parent, place, symbol = (
            names.name,
            names.parent_name,
            names.place_name,
            names.symbol_code,
        )
    except (NotFoundError, ValidationError):
        pass
    place = place or settings.get(session, "office.default_place")
    meeting = session.get(Meeting, meeting_id) if meeting_id else None
    if meeting_id and meeting is None:
        raise NotFoundError(f"Không có hội nghị mã số {meeting_id}.")
    values = _meeting_values(session, meeting, issuer) if meeting else None
    if values is None:
        values = _Values(term_suffix="")
    on = meeting.meeting_date if meeting and meeting.meeting_date else today
    term = org_service.term_on(session, body.id, on) if issuer else None
    values["term_suffix"] = f", khóa {term.label}" if term else ""

    draft = Draft(
        type_code=type_code,
        title=data.get("title"),
        subject=_fill(data.get("meeting_subject", ""), values if meeting else None)
        or data.get("subject")
        or None,
        place=place,
        doc_date=None,
        issuer=issuer,
        parent_issuer=parent,
        greeting=data.get("greeting"),
        symbol_code=symbol,
        meeting_id=meeting.id if meeting else None,
        numbering=data.get("numbering", "arabic"),
    )
    for s in data.get("sections", []):
        heading = s.get("heading")
        if meeting and s.get("meeting_heading"):
            heading = _fill(s["meeting_heading"], values) or heading
        blocks = []
        for b in s.get("blocks", []):
            raw = b.get("text", "")
            text = _fill(b["meeting_text"], values) if meeting and b.get("meeting_text") else None
            if text is None:
                text = (_fill(raw, values) or "") if "{" in raw else raw
            blocks.append(DraftBlock(kind=b.get("kind", "paragraph"), text=text))
        draft.sections.append(DraftSection(heading=heading, blocks=blocks))
    if not draft.sections or draft.sections[0].heading is not None:
        draft.sections.insert(0, DraftSection(heading=None, blocks=[DraftBlock()]))

    recipients = data.get("recipients")
    if recipients is None:
        recipients = usual_recipients(session)[:DEFAULT_RECIPIENTS_COUNT]
    draft.recipients = with_file_copy_last(list(recipients), file_copy_line(session, symbol))

    signer_data = data.get("signer") or {}
    draft.signer_authority = signer_data.get("authority")
    person = _signer(session, signer_data.get("role"))
    if person is not None:
        draft.signer_person_id = person.id
        draft.signer_name = person.full_name
        draft.signer_title = person.signature_title or (person.committee_role or "").upper() or None
    return draft

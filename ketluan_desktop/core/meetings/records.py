"""Meetings: listing with filters (newest first), the form's data, attendance totals, saving."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import KetLuanError, NotFoundError, ValidationError
from ketluan_desktop.core.meetings.models import MEETING_BODIES, AgendaItem, Attendance, Meeting
from ketluan_desktop.core.org import organisations as org_service
from ketluan_desktop.core.org.models import Person, Term
from ketluan_desktop.core.text import fold, nfc, two_digits


@dataclass(frozen=True)
class MeetingRow:
    id: int
    meeting_date: date | None
    name: str
    body: str
    term_label: str | None
    extended: bool
    document_count: int


def list_meetings(
    session: Session, *, year: int | None = None, body: str | None = None, text: str | None = None
) -> list[MeetingRow]:
    docs = (
        select(Document.meeting_id, func.count().label("n"))
        .group_by(Document.meeting_id)
        .subquery()
    )
    stmt = select(Meeting, docs.c.n).outerjoin(docs, docs.c.meeting_id == Meeting.id)
    stmt = newest_first(filtered(stmt, year=year, body=body, text=text))
    return [
        MeetingRow(m.id, m.meeting_date, m.display_name, m.body, m.term_label, m.extended, n or 0)
        for m, n in session.execute(stmt)
    ]


def filtered(
    stmt: Select, *, year: int | None = None, body: str | None = None, text: str | None = None
) -> Select:
    """``stmt`` (over meetings) limited to the list's filters."""
    if year:
        stmt = stmt.where(
            Meeting.meeting_date >= date(year, 1, 1), Meeting.meeting_date <= date(year, 12, 31)
        )
    if body:
        stmt = stmt.where(Meeting.body == body)
    if text:
        stmt = stmt.where(Meeting.search_folded.contains(fold(text), autoescape=True))
    return stmt


def newest_first(stmt: Select) -> Select:
    """The list's order: newest meeting first, undated ones last."""
    return stmt.order_by(Meeting.meeting_date.desc().nulls_last(), Meeting.id.desc())


def get(session: Session, meeting_id: int) -> Meeting:
    m = session.get(Meeting, meeting_id)
    if m is None:
        raise NotFoundError(f"Không có hội nghị mã số {meeting_id}.")
    return m


def years(session: Session) -> list[int]:
    rows = session.execute(select(Meeting.meeting_date).where(Meeting.meeting_date.is_not(None)))
    return sorted({d.year for (d,) in rows if d is not None}, reverse=True)


# ------------------------------------------------------------------------------ the form
@dataclass
class AttendanceData:
    name: str
    role: str = "member"  # member | guest
    present: bool = True
    absence_reason: str | None = None
    person_id: int | None = None
    position_title: str | None = None  # what the form shows beside the name (not stored)


@dataclass
class AgendaData:
    title: str
    approved: bool = True
    document_id: int | None = None


@dataclass
class MeetingData:
    """Everything the meeting form edits, as plain values."""

    body: str = "Ban Chấp hành"
    body_full: str | None = None
    term_id: int | None = None
    term_label: str | None = None
    session_number: int | None = None
    extended: bool = False
    meeting_date: date | None = None
    starts_at: time | None = None
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    title: str | None = None
    notes: str | None = None
    attendance: list[AttendanceData] = field(default_factory=list)
    agenda: list[AgendaData] = field(default_factory=list)
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class AttendanceTotals:
    members: int
    present: int
    absent: int
    absent_with_reason: int
    guests: int

    def sentence(self) -> str:
        """ "Có mặt 19/21 đồng chí; vắng 02 đồng chí (02 có lý do); khách mời 06 đại biểu"."""
        if not self.members and not self.guests:
            return "Chưa ghi thành phần dự họp."
        parts = [f"Có mặt {two_digits(self.present)}/{two_digits(self.members)} đồng chí"]
        if self.absent:
            reason = (
                f" ({two_digits(self.absent_with_reason)} có lý do)"
                if self.absent_with_reason
                else ""
            )
            parts.append(f"vắng {two_digits(self.absent)} đồng chí{reason}")
        if self.guests:
            parts.append(f"khách mời {two_digits(self.guests)} đại biểu")
        return "; ".join(parts) + "."


def totals(attendance: list[AttendanceData]) -> AttendanceTotals:
    members = [a for a in attendance if a.role != "guest"]
    absent = [a for a in members if not a.present]
    return AttendanceTotals(
        members=len(members),
        present=len(members) - len(absent),
        absent=len(absent),
        absent_with_reason=sum(1 for a in absent if (a.absence_reason or "").strip()),
        guests=sum(1 for a in attendance if a.role == "guest"),
    )


def body_choices(session: Session) -> list[str]:
    """The bodies of the organisation that meet, then any other body already used."""
    used = [b for (b,) in session.execute(select(Meeting.body).distinct()) if b]
    return list(dict.fromkeys([*MEETING_BODIES, *sorted(used)]))


def default_body_full(session: Session, body: str) -> str | None:
    """ "Ban Chấp hành" → "Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh" (from the issuing body)."""
    try:
        names = org_service.names_on(session, org_service.issuing_body(session), None)
    except KetLuanError:
        return None
    issuer = names.name
    if body == "Ban Chấp hành" and issuer.startswith("Đảng ủy "):
        return "Ban Chấp hành Đảng bộ " + issuer[len("Đảng ủy ") :]
    if body in ("Ban Thường vụ", "Thường trực"):
        return f"{body} {issuer}"
    if body == "Ủy ban Kiểm tra":
        return f"Ủy ban Kiểm tra {issuer}"
    return None


def committee_people(session: Session, body: str) -> list[Person]:
    """Who is expected at a meeting of ``body``: the committee members the people list knows."""
    people = list(
        session.scalars(
            select(Person)
            .where(Person.active.is_(True), Person.committee_role.is_not(None))
            .order_by(Person.id)
        )
    )
    if body == "Ban Thường vụ":
        return [
            p
            for p in people
            if (p.committee_role or "").startswith(
                ("Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ")
            )
        ]
    if body == "Thường trực":
        return [p for p in people if (p.committee_role or "").startswith(("Bí thư", "Phó Bí thư"))]
    return people


def load(session: Session, meeting_id: int, *, tz: tzinfo | None = None) -> MeetingData:
    """``tz``: the zone the form shows the starting time in (the office's, from ``now``)."""
    m = get(session, meeting_id)
    people = {
        p.id: p
        for p in session.scalars(
            select(Person).where(Person.id.in_([a.person_id for a in m.attendance if a.person_id]))
        )
    }
    local = m.starts_at.astimezone(tz) if m.starts_at else None
    return MeetingData(
        body=m.body,
        body_full=m.body_full,
        term_id=m.term_id,
        term_label=m.term_label,
        session_number=m.session_number,
        extended=m.extended,
        meeting_date=m.meeting_date,
        starts_at=local.time().replace(tzinfo=None) if local else None,
        place=m.place,
        chair=m.chair,
        secretary=m.secretary,
        title=m.title,
        notes=m.notes,
        attendance=[
            AttendanceData(
                name=a.name,
                role=a.role,
                present=a.present,
                absence_reason=a.absence_reason,
                person_id=a.person_id,
                position_title=people[a.person_id].position if a.person_id in people else None,
            )
            for a in m.attendance
        ],
        agenda=[AgendaData(a.title, a.approved, a.document_id) for a in m.agenda],
        id=m.id,
        version=m.version,
    )


def _clean(value: str | None) -> str | None:
    value = nfc(value.strip()) if value else None
    return value or None


def validate(data: MeetingData) -> None:
    problems = []
    if not (data.body or "").strip():
        problems.append("Hãy chọn cơ quan họp (Ban Chấp hành, Ban Thường vụ…).")
    if data.meeting_date is None:
        problems.append("Hãy nhập ngày họp.")
    if data.session_number is not None and not 1 <= data.session_number <= 999:
        problems.append("Số kỳ họp phải từ 1 đến 999.")
    names = [a.name.strip() for a in data.attendance]
    if any(not n for n in names):
        problems.append("Có dòng thành phần dự họp chưa có họ tên: hãy nhập hoặc xóa dòng đó.")
    dup = sorted({n for n in names if n and names.count(n) > 1 and n})
    if dup:
        problems.append("Trùng tên trong thành phần dự họp: " + ", ".join(dup) + ".")
    if any(a.role == "guest" for a in data.attendance) and not data.extended:
        problems.append(
            "Hội nghị có khách mời thì là hội nghị mở rộng: hãy đánh dấu «Mở rộng» hoặc xóa "
            "khách mời."
        )
    if any(not a.title.strip() for a in data.agenda):
        problems.append("Có nội dung hội nghị chưa có tên: hãy nhập hoặc xóa dòng đó.")
    if problems:
        raise ValidationError(" ".join(problems))


@requires(Permission.EDIT_MEETINGS)
def save(
    session: Session, data: MeetingData, *, now: datetime, username: str | None = None
) -> Meeting:
    """Create or update a meeting with its attendance and agenda (one transaction)."""
    validate(data)
    if data.id is None:
        m = Meeting(body=data.body, created_at=now)
        session.add(m)
        action = "create"
    else:
        m = get(session, data.id)
        from ketluan_desktop.core.db import versioning

        versioning.check_version(
            m,
            data.version,
            "Hội nghị này vừa được sửa từ nơi khác{changed} nên thay đổi của bạn chưa được lưu đè "
            "lên. Hãy mở lại hội nghị để xem bản mới nhất rồi sửa tiếp.",
        )
        action = "update"
    if data.term_id:
        term = session.get(Term, data.term_id)
        if term is None:
            raise NotFoundError("Nhiệm kỳ đã chọn không còn. Hãy chọn lại nhiệm kỳ.")
        data.term_label = term.label
        m.organisation_id = term.organisation_id
    elif m.organisation_id is None:
        try:
            m.organisation_id = org_service.issuing_body(session).id
        except KetLuanError:
            m.organisation_id = None
    m.body = _clean(data.body) or "Ban Chấp hành"
    m.body_full = _clean(data.body_full)
    m.term_id = data.term_id
    m.term_label = _clean(data.term_label)
    m.session_number = data.session_number
    m.extended = data.extended
    m.meeting_date = data.meeting_date
    m.starts_at = (
        datetime.combine(data.meeting_date, data.starts_at, now.tzinfo)
        if data.meeting_date and data.starts_at
        else None
    )
    m.place = _clean(data.place)
    m.chair = _clean(data.chair)
    m.secretary = _clean(data.secretary)
    m.title = _clean(data.title)
    m.notes = _clean(data.notes)
    m.updated_at = now
    _store_rows(m, data)
    session.flush()
    audit.record(
        session,
        now=now,
        action=action,
        entity="meeting",
        entity_id=m.id,
        summary=m.display_name,
        username=username,
    )
    data.id, data.version = m.id, m.version
    return m


def _store_rows(m: Meeting, data: MeetingData) -> None:
    """The attendance and agenda rows, reused in order; extra stored rows are removed."""
    attendance = list(m.attendance)
    for i, a in enumerate(data.attendance):
        row = attendance[i] if i < len(attendance) else Attendance()
        row.position, row.name, row.role = i, nfc(a.name.strip()) or "", a.role
        row.present = a.present or a.role == "guest"
        row.absence_reason = None if row.present else _clean(a.absence_reason)
        row.person_id = a.person_id
        if i >= len(attendance):
            m.attendance.append(row)
    for extra in attendance[len(data.attendance) :]:
        m.attendance.remove(extra)
    agenda = list(m.agenda)
    for i, a in enumerate(data.agenda):
        row = agenda[i] if i < len(agenda) else AgendaItem()
        row.position, row.title, row.approved = i, nfc(a.title.strip()) or "", a.approved
        row.document_id = a.document_id
        if i >= len(agenda):
            m.agenda.append(row)
    for extra in agenda[len(data.agenda) :]:
        m.agenda.remove(extra)


@requires(Permission.EDIT_MEETINGS)
def delete(
    session: Session, meeting_id: int, *, now: datetime, username: str | None = None
) -> None:
    m = get(session, meeting_id)
    issued = session.scalar(
        select(func.count())
        .select_from(Document)
        .where(Document.meeting_id == m.id, Document.status != "draft")
    )
    if issued:
        raise ValidationError(
            f"{m.display_name} đã có {issued} văn bản ban hành nên không xóa được. "
            "Hội nghị là căn cứ của các văn bản đó."
        )
    audit.record(
        session,
        now=now,
        action="delete",
        entity="meeting",
        entity_id=m.id,
        summary=m.display_name,
        username=username,
    )
    session.delete(m)
    session.flush()


def documents_of(session: Session, meeting_id: int) -> list[Document]:
    return list(
        session.scalars(
            select(Document).where(Document.meeting_id == meeting_id).order_by(Document.id)
        )
    )


def linkable_documents(session: Session, meeting: MeetingData) -> list[tuple[int, str]]:
    """Documents an agenda item may point to: the meeting's own, then those of its month."""
    stmt = select(Document).order_by(Document.doc_date.desc().nulls_first(), Document.id.desc())
    if meeting.id:
        stmt = stmt.where((Document.meeting_id == meeting.id) | (Document.meeting_id.is_(None)))
    out = []
    for d in session.scalars(stmt.limit(300)):
        label = d.number_symbol or f"Dự thảo {d.type_code} (mã {d.id})"
        out.append((d.id, f"{label} — {d.subject or ''}".strip(" —")))
    return out

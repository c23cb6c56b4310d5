"""What the meeting form shows, read in one session on the runner's thread (issue 14, «the UI
thread only paints»): the choices of its boxes, the meeting (or a new one's defaults), the
documents that can be linked to its agenda, its own documents and its name for the title."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, tzinfo

from sqlalchemy.orm import Session

from ketluan_desktop.core.documents.content import DOCUMENT_STATUS_LABELS, DocumentStatus
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.meetings import records as meeting_service
from ketluan_desktop.core.meetings.records import AttendanceData, MeetingData


@dataclass
class FormChoices:
    bodies: list[str] = field(default_factory=list)
    terms: list[tuple[int, str]] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # signers, then the committee, once each


@dataclass
class FormRead:
    meeting_id: int | None
    choices: FormChoices
    data: MeetingData
    linkable: list[tuple[int, str]]
    # (id, number and symbol or None for a draft, type code, subject, status label)
    documents: list[tuple[int, str | None, str, str, str]]
    name: str | None  # the meeting's display name (None: a new meeting)


def read_choices(s: Session) -> FormChoices:
    from ketluan_desktop.core.org import organisations as org_service
    from ketluan_desktop.core.org import terms

    people = [p.full_name for p in org_service.signers(s)]
    committee = [p.full_name for p in meeting_service.committee_people(s, "Ban Chấp hành")]
    return FormChoices(
        bodies=list(meeting_service.body_choices(s)),
        terms=list(terms.term_choices(s)),
        people=list(dict.fromkeys(people + committee)),
    )


def _new_meeting(s: Session, today: date) -> MeetingData:
    from ketluan_desktop.core.org import organisations as org_service

    data = MeetingData(meeting_date=today, starts_at=time(8, 0))
    data.body_full = meeting_service.default_body_full(s, data.body)
    try:
        body = org_service.issuing_body(s)
        term = org_service.term_on(s, body.id, today)
        data.term_id = term.id if term else None
    except KetLuanError:
        pass
    return data


def read_form(s: Session, meeting_id: int | None, *, today: date, tz: tzinfo | None) -> FormRead:
    choices = read_choices(s)
    if meeting_id is None:
        data, name = _new_meeting(s, today), None
    else:
        data = meeting_service.load(s, meeting_id, tz=tz)
        name = meeting_service.get(s, meeting_id).display_name
    docs = meeting_service.documents_of(s, meeting_id) if meeting_id else []
    return FormRead(
        meeting_id=meeting_id,
        choices=choices,
        data=data,
        linkable=list(meeting_service.linkable_documents(s, data)),
        documents=[
            (
                d.id,
                d.number_symbol,
                d.type_code,
                d.subject or "",
                DOCUMENT_STATUS_LABELS[DocumentStatus(d.status)],
            )
            for d in docs
        ],
        name=name,
    )


def committee_rows(session: Session, body: str) -> list[tuple[int, str, str | None]]:
    """The body's committee members as (person id, name, position)."""
    people = meeting_service.committee_people(session, body)
    return [(p.id, p.full_name, p.position) for p in people]


def new_attendees(listed: list[AttendanceData], rows: list[tuple]) -> list[AttendanceData]:
    """The committee members not yet listed, by person or by name."""
    present = {a.person_id for a in listed if a.person_id}
    names = {a.name for a in listed}
    return [
        AttendanceData(name=name, person_id=pid, position_title=position)
        for pid, name, position in rows
        if pid not in present and name not in names
    ]

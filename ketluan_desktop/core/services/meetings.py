"""Meetings: listing with filters, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.errors import NotFoundError
from ketluan_desktop.core.models import Document, Meeting
from ketluan_desktop.core.text import fold


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
    if year:
        stmt = stmt.where(
            Meeting.meeting_date >= date(year, 1, 1), Meeting.meeting_date <= date(year, 12, 31)
        )
    if body:
        stmt = stmt.where(Meeting.body == body)
    if text:
        stmt = stmt.where(Meeting.search_folded.contains(fold(text)))
    stmt = stmt.order_by(Meeting.meeting_date.desc().nulls_last(), Meeting.id.desc())
    return [
        MeetingRow(
            m.id, m.meeting_date, m.display_name, m.body, m.term_label, m.extended, n or 0
        )
        for m, n in session.execute(stmt)
    ]


def get(session: Session, meeting_id: int) -> Meeting:
    m = session.get(Meeting, meeting_id)
    if m is None:
        raise NotFoundError(f"Không có hội nghị mã số {meeting_id}.")
    return m


def years(session: Session) -> list[int]:
    rows = session.execute(select(Meeting.meeting_date).where(Meeting.meeting_date.is_not(None)))
    return sorted({d.year for (d,) in rows}, reverse=True)

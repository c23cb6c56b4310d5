"""Party members: the list sorted the Vietnamese way, accent-free search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core.models import Member, Organisation
from ketluan_desktop.core.models.members import MEMBER_STATUS_LABELS, MemberStatus
from ketluan_desktop.core.text import fold


@dataclass(frozen=True)
class MemberRow:
    id: int
    full_name: str
    gender: str | None
    birth_date: date | None
    organisation: str | None
    status: str
    card_number: str | None
    admission_date: date | None

    @property
    def status_label(self) -> str:
        return MEMBER_STATUS_LABELS[MemberStatus(self.status)]


def filtered(
    *, text: str | None = None, organisation_id: int | None = None, status: str | None = None
) -> Select:
    stmt = select(Member.id)
    if text:
        stmt = stmt.where(Member.name_folded.contains(fold(text)))
    if organisation_id is not None:
        stmt = stmt.where(Member.organisation_id == organisation_id)
    if status:
        stmt = stmt.where(Member.status == status)
    return stmt


def list_members(
    session: Session, *, limit: int | None = None, offset: int = 0, **filters
) -> list[MemberRow]:
    org = aliased(Organisation)
    stmt = (
        select(Member, org.name)
        .outerjoin(org, org.id == Member.organisation_id)
        .where(Member.id.in_(filtered(**filters)))
        .order_by(Member.name_sort, Member.id)
        .offset(offset)
    )
    if limit:
        stmt = stmt.limit(limit)
    return [
        MemberRow(
            m.id, m.full_name, m.gender, m.birth_date, oname, m.status, m.card_number,
            m.admission_date,
        )
        for m, oname in session.execute(stmt)
    ]


def count(session: Session, **filters) -> int:
    return session.scalar(select(func.count()).select_from(filtered(**filters).subquery())) or 0

"""What a member's detail pane shows: the record, Party age, probation end, absences and the
member's procedures, each summarised as the procedures list does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.members.member_checks import MemberData
from ketluan_desktop.core.members.models import (
    PROCEDURE_KIND_LABELS,
    PROCEDURE_STATUS_LABELS,
    MemberStatus,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
)
from ketluan_desktop.core.members.party_years import PartyAge, party_age
from ketluan_desktop.core.members.procedure_queries import summary_of
from ketluan_desktop.core.members.records import get
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.workdays import add_months


@dataclass(frozen=True)
class ProcedureLine:
    id: int
    kind: str
    status: str
    received_on: date | None
    counted_on: date | None
    summary: str

    @property
    def kind_label(self) -> str:
        return PROCEDURE_KIND_LABELS[ProcedureKind(self.kind)]

    @property
    def status_label(self) -> str:
        return PROCEDURE_STATUS_LABELS[ProcedureStatus(self.status)]


@dataclass(frozen=True)
class MemberDetail:
    data: MemberData
    id: int
    version: int
    organisation: str | None
    cell: str | None
    party_age: PartyAge | None
    probation_end: date | None
    absences: list[tuple[date, date | None]] = field(default_factory=list)
    procedures: list[ProcedureLine] = field(default_factory=list)


def detail(session: Session, member_id: int, today: date) -> MemberDetail:
    m = get(session, member_id)
    org = session.get(Organisation, m.organisation_id) if m.organisation_id else None
    cell = session.get(Organisation, m.cell_id) if m.cell_id else None
    months = int(settings.get(session, "members.probation_months") or 12)
    probation_end = (
        add_months(m.ceremony_date, months)
        if m.ceremony_date and m.status == MemberStatus.PROBATIONARY.value
        else None
    )
    procs = session.scalars(
        select(Procedure).where(Procedure.member_id == member_id).order_by(Procedure.id.desc())
    ).all()
    shown = personal.allowed(session)
    return MemberDetail(
        # Roles without the personal-data permission get the name, organisation and statuses.
        data=MemberData.of(m) if shown else personal.redact(MemberData.of(m)),
        id=m.id,
        version=m.version,
        organisation=org.name if org else None,
        cell=cell.name if cell else None,
        party_age=party_age(m, today) if m.status != MemberStatus.CANDIDATE.value else None,
        probation_end=probation_end,
        absences=[(a.start_date, a.end_date) for a in m.absences],
        procedures=[
            ProcedureLine(
                p.id,
                p.kind,
                p.status,
                p.received_on,
                p.counted_on,
                summary_of(p) if shown else "",
            )
            for p in procs
        ],
    )

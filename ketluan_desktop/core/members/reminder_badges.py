"""The Party-badge reminder: members reaching a milestone by the next award occasion.

Party age counts from the admission decision (a re-admitted member's first one) less the periods
outside the Party; a seriously ill member may be proposed up to 12 months early (24 from 70 years).
Most members are none of these: their milestone falls in a window of admission dates, found and
counted by SQL through the admission-date index. The few others (re-admitted, with absences, or
seriously ill) are evaluated in full, row by row. ``badge_count`` is the list's length without
building it: the SQL count of the plain members plus the others' list. The candidates' rows, their
periods outside the Party and the badges they were proposed for each find the candidates by the
same subquery, so the three go out side by side to a server (``reminder_reads``).
"""

from __future__ import annotations

import functools
from datetime import date

from sqlalchemy import Select, exists, func, select, union, union_all
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members import reminder_windows
from ketluan_desktop.core.members.models import (
    Member,
    MemberAbsence,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
)
from ketluan_desktop.core.members.reminder_reads import Plan, rows, run
from ketluan_desktop.core.members.reminder_rules import (
    Reminder,
    RuleConfig,
)
from ketluan_desktop.core.org.models import Organisation

# A badge asked for and not refused; as a list of statuses, SQL seeks the (kind, status, member_id)
# index for each member counted (``!=`` walked all the member's procedures: 4× slower).
NOT_REFUSED = tuple(s.value for s in ProcedureStatus if s is not ProcedureStatus.REJECTED)


_Window = reminder_windows.Window
_windows = reminder_windows.windows


def _has_absence():
    return exists().where(MemberAbsence.member_id == Member.id)


def _special_candidates(windows: tuple[_Window, ...]) -> list[Select]:
    """Those evaluated row by row: the re-admitted, those with absences, the seriously ill in
    their early windows (others ill cannot reach a milestone by the early limit)."""
    return [
        select(Member.id).where(Member.first_admission_date.is_not(None)),
        select(MemberAbsence.member_id),
        *(
            select(Member.id).where(
                Member.admission_date > w.low,
                Member.admission_date <= w.ill_high,
                Member.seriously_ill.is_(True),
            )
            for w in windows
        ),
    ]


def badge_plan(today: date, cfg: RuleConfig, *, special_only: bool = False) -> Plan:
    """The badge list's reads: the candidates' rows, their periods outside the Party and the
    badges they were already proposed for, side by side (each finds the candidates itself);
    ``special_only``: the re-admitted, the absent and the seriously ill only."""
    prev, nxt, windows = _windows(today, cfg)
    found, absent, awarded = _special_statements(windows) if special_only else _statements(windows)
    return Plan(
        (rows(found), rows(absent), rows(awarded)),
        lambda r, a, w: _evaluate(r, a, w, prev, nxt, cfg),
    )


def badges(session: Session, today: date, cfg: RuleConfig) -> list[Reminder]:
    return run(session, badge_plan(today, cfg))[0]


# The statements depend on the day and the settings only: built once (a dozen windows' clauses
# took longer to build than the small office's count took to run).
@functools.lru_cache(maxsize=8)
def plain_count(today: date, cfg: RuleConfig):
    """The count of the members due a badge who are none of re-admitted, absent or seriously ill
    (a scalar subquery): each in the admission window of a milestone not yet asked for."""
    _prev, _nxt, windows = _windows(today, cfg)
    plain = [
        select(Member.id).where(
            Member.admission_date > w.low,
            Member.admission_date <= w.high,
            Member.status.in_(member_service.ACTIVE_STATUSES),
            Member.first_admission_date.is_(None),
            Member.seriously_ill.is_not(True),
            ~_has_absence(),
            ~exists().where(
                Procedure.member_id == Member.id,
                Procedure.kind == ProcedureKind.BADGE.value,
                Procedure.status.in_(NOT_REFUSED),
                Procedure.badge_years == w.years,
            ),
        )
        for w in windows
    ]
    if not plain:
        return select(func.count()).select_from(Member).where(Member.id.is_(None)).scalar_subquery()
    found = union(*plain).subquery() if len(plain) > 1 else plain[0].subquery()
    return select(func.count()).select_from(found).scalar_subquery()


def special_badges(session: Session, today: date, cfg: RuleConfig) -> list[Reminder]:
    """The badge reminders of the re-admitted, the absent and the seriously ill."""
    return run(session, badge_plan(today, cfg, special_only=True))[0]


def badge_count(session: Session, today: date, cfg: RuleConfig) -> int:
    """``len(badges(...))``: the plain members counted by SQL, the others evaluated."""
    plain = session.scalar(select(plain_count(today, cfg))) or 0
    return plain + len(special_badges(session, today, cfg))


@functools.lru_cache(maxsize=8)
def _statements(windows: tuple[_Window, ...]) -> tuple[Select, Select, Select]:
    plain = [
        select(Member.id).where(Member.admission_date > w.low, Member.admission_date <= w.high)
        for w in windows
    ]
    return _read_statements([*plain, *_special_candidates(windows)])


@functools.lru_cache(maxsize=8)
def _special_statements(windows: tuple[_Window, ...]) -> tuple[Select, Select, Select]:
    return _read_statements(_special_candidates(windows))


def _read_statements(candidates: list[Select]) -> tuple[Select, Select, Select]:
    """The candidates' rows, their absences and their badges not refused: three statements that
    each find the candidates (a subquery), so none waits for another's ids."""
    ids = union_all(*candidates).subquery()
    where = (
        Member.id.in_(select(ids.c.id)),
        Member.status.in_(member_service.ACTIVE_STATUSES),
        Member.admission_date.is_not(None),
    )
    members = select(Member.id).where(*where)
    org = aliased(Organisation)
    found = (
        select(
            Member.id,
            Member.full_name,
            org.name,
            Member.admission_date,
            Member.first_admission_date,
            Member.seriously_ill,
        )
        .outerjoin(org, org.id == Member.organisation_id)
        .where(*where)
    )
    absent = select(
        MemberAbsence.member_id, MemberAbsence.start_date, MemberAbsence.end_date
    ).where(MemberAbsence.member_id.in_(members))
    awarded = select(Procedure.member_id, Procedure.badge_years).where(
        Procedure.kind == ProcedureKind.BADGE.value,
        Procedure.status.in_(NOT_REFUSED),
        Procedure.member_id.in_(members),
    )
    return found, absent, awarded


_evaluate = reminder_windows.evaluate

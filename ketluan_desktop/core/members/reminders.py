"""What falls due: the reminders the dashboard counts and lists.

* probationary members whose 12 months end within the next 30 days, and those past the 12 months
  without a decision on full membership (the cell has 30 working days after them);
* members reaching a Party-badge milestone by the next award occasion (3/2, 19/5, 2/9, 7/11);
  Party age counts from the admission decision (a re-admitted member's first one) less the periods
  outside the Party; a seriously ill member may be proposed up to 12 months early (24 from 70 years);
* travellers back from abroad without a return report after 7 working days;
* admission ceremonies not held within 30 working days of the decision;
* party cards reported lost and not yet reissued.

Every period and milestone is a setting (the rules were revised in 2025); working days skip
weekends and Vietnamese public holidays (``core.workdays``). Services take ``today``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.members import procedure_checks, procedure_kinds, reminder_windows
from ketluan_desktop.core.members.models import (
    Member,
    MemberStatus,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
)
from ketluan_desktop.core.members.reminder_dates import (
    add_working_days_fast,
    working_days_late,
)
from ketluan_desktop.core.members.reminder_reads import Plan, rows, run
from ketluan_desktop.core.members.reminder_rules import (  # noqa: F401  (re-exported)
    BADGE_DUE,
    CEREMONY_OVERDUE,
    LOST_CARD,
    PROBATION_ENDING,
    PROBATION_OVERDUE,
    RETURN_REPORT,
    RULES,
    Reminder,
    RuleConfig,
    occasions_around,
    rule_label,
)
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.core.workdays import add_months

K = ProcedureKind


def load_config(session: Session) -> RuleConfig:
    def num(key: str, default: int) -> int:
        try:
            return int(settings.get(session, key) or default)
        except (TypeError, ValueError):
            return default

    d = RuleConfig()
    return RuleConfig(
        probation_months=num("members.probation_months", d.probation_months),
        probation_warning_days=num("members.probation_warning_days", d.probation_warning_days),
        conversion_working_days=num("members.conversion_working_days", d.conversion_working_days),
        ceremony_working_days=num("members.ceremony_working_days", d.ceremony_working_days),
        return_report_working_days=num(
            "members.return_report_working_days", d.return_report_working_days
        ),
        badge_milestones=procedure_checks.badge_milestones(session),
        award_occasions=procedure_checks.award_occasions(session),
        badge_early_months=num("members.badge_early_months", d.badge_early_months),
        badge_early_long_from_years=num(
            "members.badge_early_long_from_years", d.badge_early_long_from_years
        ),
        badge_early_long_months=num("members.badge_early_long_months", d.badge_early_long_months),
    )


def _fmt(d: date | None) -> str:
    return format_date(d)


def _late(today: date, due: date) -> str:
    n = working_days_late(due, today)
    return f" — quá hạn {n} ngày làm việc" if n else ""


# ---------------------------------------------------------------------------------------------
_Bounds = reminder_windows.Bounds
_bounds = reminder_windows.bounds


def _probationary(*extra) -> Select:
    org = aliased(Organisation)
    return (
        select(Member.id, Member.full_name, org.name, Member.admission_date, Member.ceremony_date)
        .outerjoin(org, org.id == Member.organisation_id)
        .where(Member.status == MemberStatus.PROBATIONARY.value, *extra)
        .order_by(Member.name_sort, Member.id)
    )


def _open_conversions(session: Session) -> dict[int, int]:
    """member id -> id of the newest open procedure for full membership (few: found by the
    (kind, status) index; asking for the listed members' ones instead walks every procedure of
    each member, and an ORDER BY id walks the whole table in key order: both many times slower
    on a million procedures, so the newest is picked here)."""
    out: dict[int, int] = {}
    for pid, mid in session.execute(_open_conversions_statement()):
        if mid is not None and pid > out.get(mid, 0):
            out[mid] = pid
    return out


@functools.cache
def _open_conversions_statement() -> Select:
    return select(Procedure.id, Procedure.member_id).where(
        Procedure.kind == K.OFFICIAL_MEMBERSHIP.value,
        Procedure.status.in_(procedure_kinds.OPEN_STATUSES),
    )


def probation_plan(today: date, cfg: RuleConfig, rule: str | None = None) -> Plan:
    """Both probation lists, or only ``rule``'s (the other then empty): only its rows are read,
    beside the open procedures for full membership."""
    return Plan(
        (rows(_probation_rows(today, cfg, rule)), _open_conversions),
        lambda found, open_ids: _probation_lists(found, open_ids, today, cfg),
    )


# The statements depend on the day, the settings and the rule only: built once (building and
# keying them cost more than the small office's reads).
@functools.lru_cache(maxsize=8)
def _probation_rows(today: date, cfg: RuleConfig, rule: str | None) -> Select:
    b = _bounds(today, cfg)
    where = [Member.ceremony_date <= b.ceremony_max]
    if rule == PROBATION_ENDING:
        where.append(Member.ceremony_date > b.ceremony_ended)
    elif rule == PROBATION_OVERDUE:
        where.append(Member.ceremony_date <= b.ceremony_ended)
    return _probationary(*where)


def probation(
    session: Session, today: date, cfg: RuleConfig, rule: str | None = None
) -> dict[str, list[Reminder]]:
    return run(session, probation_plan(today, cfg, rule))[0]


def _probation_lists(
    rows: list, open_ids: dict[int, int], today: date, cfg: RuleConfig
) -> dict[str, list[Reminder]]:
    ending: list[Reminder] = []
    past: list[Reminder] = []
    horizon = today + timedelta(days=cfg.probation_warning_days)
    for mid, name, org, _adm, ceremony in rows:
        assert ceremony is not None  # filtered by a bound
        end = add_months(ceremony, cfg.probation_months)
        if end > horizon:
            continue
        due = add_working_days_fast(end, cfg.conversion_working_days)
        pid = open_ids.get(mid)
        pending = f"; đang có thủ tục chuyển chính thức (mã {pid})" if pid else ""
        if end >= today:
            text = (
                f"Hết {cfg.probation_months} tháng dự bị ngày {_fmt(end)} (lễ kết nạp {_fmt(ceremony)}); "
                f"chi bộ xét chuyển chính thức trước {_fmt(due)}{pending}"
            )
            ending.append(Reminder(PROBATION_ENDING, mid, name, org, end, due, text, False, pid))
        else:
            text = (
                f"Hết {cfg.probation_months} tháng dự bị từ {_fmt(end)}, chưa có quyết định; "
                f"hạn xét {_fmt(due)}{_late(today, due) if today > due else ''}{pending}"
            )
            past.append(
                Reminder(PROBATION_OVERDUE, mid, name, org, end, due, text, today > due, pid)
            )
    ending.sort(key=lambda r: (r.date, r.member_id))
    past.sort(key=lambda r: (r.date, r.member_id))
    return {PROBATION_ENDING: ending, PROBATION_OVERDUE: past}


def ceremony_plan(today: date, cfg: RuleConfig) -> Plan:
    """The probationary members without a ceremony past its deadline, beside their admission
    procedures (found by the same conditions, so neither read waits for the other)."""
    return Plan(
        tuple(rows(stmt) for stmt in _ceremony_statements(today, cfg)),
        lambda found, pending: _ceremonies(found, dict((m, p) for p, m in pending), today, cfg),
    )


@functools.lru_cache(maxsize=8)
def _ceremony_statements(today: date, cfg: RuleConfig) -> tuple[Select, Select]:
    where = (
        Member.ceremony_date.is_(None),
        Member.admission_date <= _bounds(today, cfg).admission_max,
    )
    members = select(Member.id).where(Member.status == MemberStatus.PROBATIONARY.value, *where)
    procedures = select(Procedure.id, Procedure.member_id).where(
        Procedure.kind == K.ADMISSION.value,
        Procedure.member_id.in_(members),
        Procedure.status != ProcedureStatus.REJECTED.value,
    )
    return _probationary(*where), procedures


def ceremonies(session: Session, today: date, cfg: RuleConfig) -> list[Reminder]:
    return run(session, ceremony_plan(today, cfg))[0]


def _ceremonies(
    rows: list, pending: dict[int, int], today: date, cfg: RuleConfig
) -> list[Reminder]:
    out = []
    for mid, name, org, adm, _ceremony in rows:
        assert adm is not None  # filtered IS NOT NULL
        due = add_working_days_fast(adm, cfg.ceremony_working_days)
        if today <= due:
            continue
        text = (
            f"Quyết định kết nạp ngày {_fmt(adm)}; lễ kết nạp phải tổ chức trước {_fmt(due)}"
            f"{_late(today, due)}"
        )
        out.append(
            Reminder(CEREMONY_OVERDUE, mid, name, org, adm, due, text, True, pending.get(mid))
        )
    out.sort(key=lambda r: (r.date, r.member_id))
    return out


# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
def _procedures_with_member(session: Session, columns: tuple, *where) -> list:
    """(procedure id, member id, member's name, organisation's name, *columns) of the procedures
    matching ``where`` that belong to a member."""
    org = aliased(Organisation)
    return list(
        session.execute(
            select(Procedure.id, Procedure.member_id, Member.full_name, org.name, *columns)
            .join(Member, Member.id == Procedure.member_id)
            .outerjoin(org, org.id == Member.organisation_id)
            .where(*where)
        ).all()
    )


def return_reports(session: Session, today: date, cfg: RuleConfig) -> list[Reminder]:
    n = cfg.return_report_working_days
    rows = _procedures_with_member(
        session,
        (Procedure.travel_to, Procedure.details),
        Procedure.kind == K.TRAVEL_ABROAD.value,
        Procedure.return_report_on.is_(None),
        Procedure.travel_to.is_not(None),
        Procedure.travel_to <= _bounds(today, cfg).return_max,
        Procedure.status.in_(procedure_kinds.COUNTED_STATUSES),
    )
    out = []
    for pid, mid, name, org_name, back, details in rows:
        assert mid is not None and back is not None  # joined to a member; filtered IS NOT NULL
        due = add_working_days_fast(back, n)
        if today <= due:
            continue
        countries = ", ".join((details or {}).get("countries") or []) or "nước ngoài"
        text = f"Về nước ngày {_fmt(back)} ({countries}); hạn nộp báo cáo {_fmt(due)}{_late(today, due)}"
        out.append(Reminder(RETURN_REPORT, mid, name, org_name, back, due, text, True, pid))
    out.sort(key=lambda r: (r.date, r.member_id))
    return out


def lost_cards(session: Session, today: date, cfg: RuleConfig) -> list[Reminder]:
    rows = _procedures_with_member(
        session,
        (Procedure.status, Procedure.details, Procedure.received_on),
        Procedure.kind == K.CARD_REISSUE.value,
        Procedure.status.in_(procedure_kinds.OPEN_STATUSES),
        Procedure.reason == "mất",
    )
    out = []
    for pid, mid, name, org_name, status, details, received in rows:
        assert mid is not None  # joined to a member
        raw = (details or {}).get("reported_on")
        reported = date.fromisoformat(raw) if raw else received
        step = f"thủ tục đang ở bước «{procedure_kinds.status_label(status)}»"
        if reported is None:  # a row kept without dates (written by hand): listed, dated today
            text, reported = f"Báo mất thẻ (chưa ghi ngày báo mất); {step}", today
        else:
            text = (
                f"Báo mất thẻ ngày {_fmt(reported)} ({(today - reported).days} ngày trước); {step}"
            )
        out.append(Reminder(LOST_CARD, mid, name, org_name, reported, None, text, False, pid))
    out.sort(key=lambda r: (r.date, r.member_id))
    return out


# ---------------------------------------------------------------------------------------------
def _keyed(rule: str, plan: Plan) -> Plan:
    """``plan``'s list as ``{rule: list}``."""
    return Plan(plan.reads, lambda *found: {rule: plan.make(*found)})


def _single(rule: str, read: Callable[[Session], list[Reminder]]) -> Plan:
    return Plan((read,), lambda items: {rule: items})


def list_plans(today: date, cfg: RuleConfig, rule: str | None = None) -> list[Plan]:
    """The reads of every rule's list (or one rule's), each plan making ``{rule: list}``."""
    if rule is not None and rule not in RULES:
        raise KeyError(rule)
    from ketluan_desktop.core.members.reminder_badges import badge_plan

    plans: list[Plan] = []
    if rule in (None, PROBATION_ENDING, PROBATION_OVERDUE):
        plans.append(probation_plan(today, cfg, rule))
    if rule in (None, BADGE_DUE):
        plans.append(_keyed(BADGE_DUE, badge_plan(today, cfg)))
    if rule in (None, RETURN_REPORT):
        plans.append(_single(RETURN_REPORT, lambda s: return_reports(s, today, cfg)))
    if rule in (None, CEREMONY_OVERDUE):
        plans.append(_keyed(CEREMONY_OVERDUE, ceremony_plan(today, cfg)))
    if rule in (None, LOST_CARD):
        plans.append(_single(LOST_CARD, lambda s: lost_cards(s, today, cfg)))
    return plans


def merged(parts: list[dict[str, list[Reminder]]], rule: str | None) -> dict[str, list[Reminder]]:
    """The plans' lists as one dict, in the rules' order (only ``rule``'s when given)."""
    out: dict[str, list[Reminder]] = {}
    for part in parts:
        out.update(part)
    if rule is not None:
        return {rule: out[rule]}
    return {r: out[r] for r in RULES}


def _all_lists(session: Session, today: date, rule: str | None) -> dict[str, list[Reminder]]:
    """Every rule's list (or one rule's), keyed by rule. The rules' reads do not wait for each
    other: on a database server they go out side by side (``reminder_reads``)."""
    if rule is not None and rule not in RULES:
        raise KeyError(rule)  # before any read
    plans = list_plans(today, load_config(session), rule)
    return merged(run(session, *plans), rule)


@requires(Permission.READ_MEMBERS)
def reminders(session: Session, today: date, rule: str | None = None) -> dict[str, list[Reminder]]:
    """Every rule's list (or one rule's), keyed by rule. A role without the personal-data
    permission gets the name, the organisation and the procedure's status only
    (``public_reminders``): the one check every screen, command and export goes through."""
    out = _all_lists(session, today, rule)
    return out if personal.allowed(session) else public_reminders(session, out)


NO_PROCEDURE = "Chưa có thủ tục"


def public_reminders(
    session: Session, lists: dict[str, list[Reminder]]
) -> dict[str, list[Reminder]]:
    """The lists without personal data: no dates or deadlines (a return from abroad, a lost card's
    report, a milestone), no details (countries, health); the text is the procedure's kind and
    status, or that there is none yet."""
    ids = sorted({r.procedure_id for items in lists.values() for r in items if r.procedure_id})
    state: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        for pid, kind, status in session.execute(
            select(Procedure.id, Procedure.kind, Procedure.status).where(
                Procedure.id.in_(ids[i : i + 500])
            )
        ):
            state[pid] = (
                f"{procedure_kinds.kind_label(kind)}: {procedure_kinds.status_label(status)}"
            )

    def public(r: Reminder) -> Reminder:
        text = state.get(r.procedure_id or 0, NO_PROCEDURE)
        return Reminder(
            r.rule,
            r.member_id,
            r.member_name,
            r.organisation,
            None,
            None,
            text,
            False,
            r.procedure_id,
        )

    return {rule: [public(r) for r in items] for rule, items in lists.items()}


@requires(Permission.READ_MEMBERS)
def counts(session: Session, today: date) -> dict[str, int]:
    """How many reminders each rule has, counted by SQL over index ranges (``_bounds``); the same
    numbers as the lengths of ``reminders``' lists (``reminder_badges``). One statement counts,
    beside the few badge candidates evaluated in full (their rows, absences and badges side by
    side): the settings, then one batch — two round trips to a server."""
    return run(session, count_plan(today, load_config(session)))[0]


def count_plan(today: date, cfg: RuleConfig) -> Plan:
    """``counts``' reads once the settings are known: the counting statement beside the special
    badge candidates' reads."""
    from ketluan_desktop.core.members import reminder_badges

    numbers = _numbers(today, cfg)
    special = reminder_badges.badge_plan(today, cfg, special_only=True)

    def make(counted, *found) -> dict[str, int]:
        out: dict[str, int] = dict(zip(RULES, (int(n or 0) for n in counted), strict=True))
        out[BADGE_DUE] += len(special.make(*found))
        return out

    return Plan((lambda s: s.execute(numbers).one(), *special.reads), make)


@functools.lru_cache(maxsize=8)
def _numbers(today: date, cfg: RuleConfig) -> Select:
    """Every rule's count in one statement (the badges' plain members only)."""
    from ketluan_desktop.core.members import reminder_badges

    b = _bounds(today, cfg)
    probationary = Member.status == MemberStatus.PROBATIONARY.value

    def member_count(*where):
        return select(func.count()).select_from(Member).where(*where).scalar_subquery()

    def procedure_count(*where):
        # The lists count the procedures joined to their member; a member id always names a
        # member (a foreign key, enforced on every connection, deleting a member deletes its
        # procedures), so testing the id counts the same rows without a member row's page each
        # (on a cold file the join read ~1,500 of them: ~110 ms on the big office).
        return (
            select(func.count())
            .select_from(Procedure)
            .where(Procedure.member_id.is_not(None), *where)
            .scalar_subquery()
        )

    return select(
        member_count(
            probationary,
            Member.ceremony_date > b.ceremony_ended,
            Member.ceremony_date <= b.ceremony_max,
        ),
        member_count(probationary, Member.ceremony_date <= b.ceremony_ended),
        reminder_badges.plain_count(today, cfg),
        procedure_count(
            Procedure.kind == K.TRAVEL_ABROAD.value,
            Procedure.return_report_on.is_(None),
            Procedure.travel_to <= b.return_max,
            Procedure.status.in_(procedure_kinds.COUNTED_STATUSES),
        ),
        member_count(
            probationary, Member.ceremony_date.is_(None), Member.admission_date <= b.admission_max
        ),
        procedure_count(
            Procedure.kind == K.CARD_REISSUE.value,
            Procedure.status.in_(procedure_kinds.OPEN_STATUSES),
            Procedure.reason == "mất",
        ),
    )

"""What the members workspace shows on opening («Việc đến hạn»), read in two round trips to a
server: the rules' settings beside the totals (every member — the workspace's empty state —, the
probationary and full members, the open procedures; one statement), then every rule's count and
the shown rule's list in one batch (``reminder_reads``). On SQLite the same statements run in
turn."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.db.gathering import gather_in
from ketluan_desktop.core.members import procedure_queries
from ketluan_desktop.core.members import reminders as member_rules
from ketluan_desktop.core.members.models import Member, MemberStatus
from ketluan_desktop.core.members.reminder_reads import run
from ketluan_desktop.core.members.reminder_rules import Reminder, RuleConfig


@dataclass(frozen=True)
class Board:
    config: RuleConfig
    counts: dict[str, int]  # rule -> how many
    items: list[Reminder]  # the shown rule's list
    members: int  # every member, whatever the status
    probationary: int
    full: int
    open_procedures: int


@functools.cache
def _totals_statement() -> Select:
    """One statement, built once: every member, the probationary, the full, the open procedures."""

    def members(*where):
        return select(func.count()).select_from(Member).where(*where).scalar_subquery()

    open_ = procedure_queries.filtered(status=procedure_queries.OPEN).subquery()
    return select(
        members(),
        members(Member.status == MemberStatus.PROBATIONARY.value),
        members(Member.status == MemberStatus.FULL.value),
        select(func.count()).select_from(open_).scalar_subquery(),
    )


def _totals(session: Session) -> tuple[int, int, int, int]:
    row = session.execute(_totals_statement()).one()
    total, probationary, full, open_count = (int(n or 0) for n in row)
    return total, probationary, full, open_count


@requires(Permission.READ_MEMBERS)
def board(session: Session, today: date, rule: str) -> Board:
    """The tiles' counts, ``rule``'s list and the totals. A role without the personal-data
    permission gets the list as ``reminders`` gives it to them (``public_reminders``)."""
    if rule not in member_rules.RULES:
        raise KeyError(rule)
    cfg, totals = gather_in(session, member_rules.load_config, _totals)
    plans = member_rules.list_plans(today, cfg, rule)
    counts, *parts = run(session, member_rules.count_plan(today, cfg), *plans)
    lists = member_rules.merged(parts, rule)
    if not personal.allowed(session):
        lists = member_rules.public_reminders(session, lists)
    return Board(cfg, counts, lists[rule], *totals)

"""The reminders' counters without their lists: the Party-badge count is SQL over admission-date
windows for most members plus the few evaluated in full, and equals the list's length on each day
its verdict changes; one rule's list is that rule's list out of all of them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ketluan_desktop.core.members import reminder_badges
from ketluan_desktop.core.members import reminders as rules
from ketluan_desktop.core.members.models import Member, MemberAbsence, Procedure
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.workdays import add_months


def _member(s, org_id, name, status="full", **fields) -> Member:
    m = Member(full_name=name, status=status, organisation_id=org_id, **fields)
    s.add(m)
    s.flush()
    return m


def _badge_office(s, org: int) -> None:
    """Admissions on the days either side of each milestone's window (award days, 29/02, month
    ends), the seriously ill near their early limit, the re-admitted, absences, badges asked for
    (and one refused), members no longer counted."""
    days: set[date] = set()
    for year in range(1934, 2000):
        for month, day in ((2, 3), (5, 19), (9, 2), (11, 7), (2, 28), (8, 31)):
            base = date(year, month, day)
            days |= {base + timedelta(days=k) for k in (-1, 0, 1)}
        if year % 4 == 0:
            days.add(date(year, 2, 29))
    days = {d for d in days if date(1936, 1, 1) <= d <= date(1997, 12, 31)}
    for i, d in enumerate(sorted(days)):
        m = _member(s, org, f"Đảng viên {i}", admission_date=d, seriously_ill=i % 7 == 0)
        if i % 11 == 0:
            s.add(Procedure(kind="badge", member_id=m.id, badge_years=30, status="received"))
        if i % 13 == 0:
            s.add(Procedure(kind="badge", member_id=m.id, badge_years=40, status="rejected"))
        if i % 17 == 0:
            s.add(MemberAbsence(member_id=m.id, start_date=d + timedelta(days=400), end_date=None))
        if i % 19 == 0:
            end = d + timedelta(days=900)
            s.add(MemberAbsence(member_id=m.id, start_date=d + timedelta(days=500), end_date=end))
    for i, d in enumerate((date(1990, 2, 3), date(1995, 11, 7), date(1976, 5, 20))):
        _member(s, org, f"Kết nạp lại {i}", admission_date=date(2005, 1, 1), first_admission_date=d)
    _member(s, org, "Đã mất", status="deceased", admission_date=date(1996, 5, 1))
    _member(s, org, "Chuyển đi", status="transferred", admission_date=date(1996, 4, 3))


@pytest.fixture
def badge_office(office_db, orgs):
    with office_db.write_session() as s:
        _badge_office(s, orgs["Đảng bộ Sở Tài chính"])
    return office_db


def _check_days(db, days) -> int:
    listed = 0
    with db.session() as s:
        cfg = rules.load_config(s)
        for today in days:
            items = reminder_badges.badges(s, today, cfg)
            assert reminder_badges.badge_count(s, today, cfg) == len(items), today
            listed += len(items)
    return listed


def _occasion_days(first: date, last: date, occasions=((2, 3), (5, 19), (9, 2), (11, 7))):
    out = []
    for year in range(first.year, last.year + 1):
        for month, day in occasions:
            base = date(year, month, day)
            out += [base + timedelta(days=k) for k in (-1, 0, 1)]
    return [d for d in out if first <= d <= last]


def test_the_badge_count_is_the_lists_length_around_each_occasion(badge_office):
    assert _check_days(badge_office, _occasion_days(date(2025, 1, 1), date(2027, 12, 31))) > 100


def test_the_badge_count_follows_the_settings(badge_office):
    with badge_office.write_session() as s:
        settings.set_value(s, "members.award_occasions", ["28/02", "01/06"])
        settings.set_value(s, "members.badge_milestones", [30, 31, 60])
        settings.set_value(s, "members.badge_early_months", 18)
    days = _occasion_days(date(2026, 1, 1), date(2028, 12, 31), ((2, 28), (3, 1), (6, 1)))
    days += [date(2028, 2, 29), add_months(date(2028, 2, 29), 12)]
    assert _check_days(badge_office, days) > 10


def test_the_demo_office_counts_are_its_lists_lengths(mdb):
    today = date(2026, 11, 29)
    with mdb.session() as s:
        lists = rules.reminders(s, today)
        assert rules.counts(s, today) == {rule: len(items) for rule, items in lists.items()}
        for rule in rules.RULES:  # each list alone is the same list
            assert rules.reminders(s, today, rule) == {rule: lists[rule]}


def test_the_dashboards_board_is_the_counts_each_rules_list_and_the_totals(mdb):
    """``reminder_board.board``: what the members workspace opens on, its reads batched."""
    from ketluan_desktop.core.members import member_list, procedure_queries, reminder_board

    today = date(2026, 11, 29)
    with mdb.session() as s:
        counts, lists = rules.counts(s, today), rules.reminders(s, today)
        totals = (
            member_list.count(s),
            member_list.count(s, status="probationary"),
            member_list.count(s, status="full"),
            procedure_queries.count(s, status=procedure_queries.OPEN),
        )
    assert totals[0] > totals[1] + totals[2] > 0 and totals[3] > 0  # not only the two statuses
    for rule in rules.RULES:
        with mdb.read_session() as s:
            board = reminder_board.board(s, today, rule)
        assert board.counts == counts and board.items == lists[rule], rule
        assert (board.members, board.probationary, board.full, board.open_procedures) == totals
        assert board.config == rules.RuleConfig()  # the demo office keeps the defaults
    with mdb.read_session() as s, pytest.raises(KeyError):
        reminder_board.board(s, today, "nope")


def test_procedures_without_a_member_are_neither_listed_nor_counted(office_db, orgs):
    """The counts test the procedure's member id where the lists join the member: the same rows,
    since a member's deletion takes its procedures with it (the foreign key cascades)."""
    today = date(2026, 11, 29)
    back = today - timedelta(days=60)

    def overdue_travel(member_id):
        return Procedure(
            kind="travel_abroad", member_id=member_id, status="approved", travel_to=back
        )

    def lost_card(member_id):
        return Procedure(kind="card_reissue", member_id=member_id, status="received", reason="mất")

    with office_db.write_session() as s:
        m = _member(s, orgs["Đảng bộ Sở Tài chính"], "Đi nước ngoài")
        s.add_all([overdue_travel(m.id), lost_card(m.id), overdue_travel(None), lost_card(None)])
        member_id = m.id

    def counted() -> tuple[int, int]:
        with office_db.session() as s:
            lists, counts = rules.reminders(s, today), rules.counts(s, today)
        assert counts == {rule: len(items) for rule, items in lists.items()}
        return counts[rules.RETURN_REPORT], counts[rules.LOST_CARD]

    assert counted() == (1, 1)
    with office_db.write_session() as s:
        s.delete(s.get(Member, member_id))
    assert counted() == (0, 0)
    with office_db.session() as s:  # the member's procedures went with it, not the others
        left = s.scalars(select(Procedure.member_id)).all()
    assert left == [None, None]

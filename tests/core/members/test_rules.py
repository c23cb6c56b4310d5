"""The reminders, each with fixed dates: probation, badges across an award occasion, return reports,
admission ceremonies, lost cards; and the settings that change their periods."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ketluan_desktop.core.members import reminders as rules
from ketluan_desktop.core.members.models import Member, MemberAbsence, Procedure
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.workdays import add_months, add_working_days, working_days_between

TODAY = date(2026, 11, 29)


def _member(s, org_id, name="Nguyễn Văn Tuấn", status="full", **fields) -> Member:
    m = Member(full_name=name, status=status, organisation_id=org_id, **fields)
    s.add(m)
    s.flush()
    return m


def _names(items) -> list[str]:
    return [r.member_name for r in items]


@pytest.fixture
def org(orgs) -> int:
    return orgs["Đảng bộ Sở Tài chính"]


# --- probation ---------------------------------------------------------------------------------
def test_probation_ending_within_30_days_and_past_without_a_decision(office_db, org):
    with office_db.write_session() as s:
        _member(
            s,
            org,
            "Lê Văn Ba",
            "probationary",
            admission_date=date(2025, 11, 20),
            ceremony_date=date(2025, 12, 29),
        )  # ends today + 30
        _member(
            s,
            org,
            "Lê Văn Bốn",
            "probationary",
            admission_date=date(2025, 11, 20),
            ceremony_date=date(2025, 12, 30),
        )  # ends today + 31: not yet
        _member(
            s,
            org,
            "Lê Văn Năm",
            "probationary",
            admission_date=date(2025, 11, 10),
            ceremony_date=date(2025, 11, 29),
        )  # ends today
        _member(
            s,
            org,
            "Lê Văn Sáu",
            "probationary",
            admission_date=date(2025, 9, 10),
            ceremony_date=date(2025, 10, 1),
        )  # ended 01/10/2026: 30 working days passed
        recent = _member(
            s,
            org,
            "Lê Văn Bảy",
            "probationary",
            admission_date=date(2025, 11, 1),
            ceremony_date=date(2025, 11, 20),
        )  # ended 20/11/2026, still in time
        s.add(Procedure(kind="official_membership", member_id=recent.id, status="processing"))
        _member(
            s,
            org,
            "Lê Văn Tám",
            "full",
            admission_date=date(2025, 9, 10),
            ceremony_date=date(2025, 10, 1),
        )  # already full: nothing to do
        _member(s, org, "Lê Văn Chín", "probationary", admission_date=date(2026, 10, 1))
    with office_db.session() as s:
        got = rules.reminders(s, TODAY)
    ending = got[rules.PROBATION_ENDING]
    assert _names(ending) == ["Lê Văn Năm", "Lê Văn Ba"]
    assert ending[0].date == TODAY and ending[1].date == date(2026, 12, 29)
    assert ending[1].due == add_working_days(date(2026, 12, 29), 30)
    past = got[rules.PROBATION_OVERDUE]
    assert _names(past) == ["Lê Văn Sáu", "Lê Văn Bảy"]
    six, seven = past
    assert six.overdue and six.due == add_working_days(date(2026, 10, 1), 30)
    assert f"quá hạn {working_days_between(six.due, TODAY)} ngày làm việc" in six.text
    assert not seven.overdue
    assert "đang có thủ tục chuyển chính thức" in seven.text and seven.procedure_id is not None


def test_the_warning_period_is_a_setting(office_db, org):
    with office_db.write_session() as s:
        _member(
            s,
            org,
            "Lê Văn Bốn",
            "probationary",
            admission_date=date(2025, 11, 20),
            ceremony_date=date(2025, 12, 30),
        )
        settings.set_value(s, "members.probation_warning_days", 45)
    with office_db.session() as s:
        assert _names(
            rules.reminders(s, TODAY, rules.PROBATION_ENDING)[rules.PROBATION_ENDING]
        ) == ["Lê Văn Bốn"]
        assert "trong 45 ngày tới" in rules.rule_label(rules.PROBATION_ENDING, rules.load_config(s))


# --- badges -----------------------------------------------------------------------------------
@pytest.fixture
def badge_people(office_db, org):
    with office_db.write_session() as s:
        _member(s, org, "Trần Văn An", admission_date=date(1996, 5, 20))  # 30 years on 20/5/2026
        b = _member(s, org, "Trần Văn Bình", admission_date=date(1996, 4, 1))  # 1/4/2026
        _member(s, org, "Trần Văn Cường", admission_date=date(1996, 1, 15))  # before 3/2/2026
        _member(s, org, "Trần Văn Dũng", admission_date=date(1976, 12, 1), seriously_ill=True)
        _member(s, org, "Trần Văn Đức", admission_date=date(1976, 12, 1))  # 50 years, not ill
        e = _member(
            s,
            org,
            "Trần Văn Giang",
            admission_date=date(2000, 1, 1),
            first_admission_date=date(1991, 4, 15),
        )
        s.add(MemberAbsence(member_id=e.id, start_date=date(1995, 1, 1), end_date=date(2000, 1, 1)))
        _member(s, org, "Trần Văn Hải", status="deceased", admission_date=date(1996, 4, 2))
        _member(s, org, "Trần Văn Khánh", status="transferred", admission_date=date(1996, 4, 3))
        k = _member(s, org, "Trần Văn Long", admission_date=date(1986, 3, 1))  # 40 years
        s.add(Procedure(kind="badge", member_id=k.id, badge_years=40, status="received"))
        r = _member(s, org, "Trần Văn Minh", admission_date=date(1986, 3, 2))
        s.add(Procedure(kind="badge", member_id=r.id, badge_years=40, status="rejected"))
        return b.id


def test_badges_due_at_the_next_occasion_before_it(office_db, badge_people):
    with office_db.session() as s:
        items = rules.reminders(s, date(2026, 5, 18), rules.BADGE_DUE)[rules.BADGE_DUE]
    by_name = {r.member_name: r for r in items}
    # Next occasion 19/5/2026, the previous 3/2/2026.
    assert set(by_name) == {"Trần Văn Bình", "Trần Văn Dũng", "Trần Văn Giang", "Trần Văn Minh"}
    assert by_name["Trần Văn Bình"].date == date(2026, 4, 1)
    assert by_name["Trần Văn Bình"].due == date(2026, 5, 19)
    assert (
        "Tròn 30 năm tuổi Đảng ngày 01/04/2026 — đề nghị tặng ở đợt 19/05/2026"
        in by_name["Trần Văn Bình"].text
    )
    # Seriously ill: 50 years only on 1/12/2026, proposed early (up to 12 months).
    assert "tặng sớm" in by_name["Trần Văn Dũng"].text
    # Re-admitted: from the first decision (15/4/1991) less five years outside the Party.
    assert by_name["Trần Văn Giang"].date == date(2026, 4, 14)
    assert "đã trừ thời gian ra khỏi Đảng" in by_name["Trần Văn Giang"].text


def test_badges_after_the_occasion_move_to_the_next_one(office_db, badge_people):
    with office_db.session() as s:
        items = rules.reminders(s, date(2026, 5, 20), rules.BADGE_DUE)[rules.BADGE_DUE]
    by_name = {r.member_name: r for r in items}
    # Next occasion 2/9/2026: An reached 30 years on 20/5, after the 19/5 occasion.
    assert "Trần Văn An" in by_name and by_name["Trần Văn An"].due == date(2026, 9, 2)
    assert "Trần Văn Bình" not in by_name  # belonged to the 19/5 occasion
    assert "Trần Văn Dũng" in by_name  # the ill member stays until awarded


def test_the_occasion_day_itself_is_the_next_occasion(office_db, badge_people):
    with office_db.session() as s:
        prev, nxt = rules.occasions_around(date(2026, 5, 19), rules.load_config(s))
    assert (prev, nxt) == (date(2026, 2, 3), date(2026, 5, 19))
    with office_db.session() as s:
        prev, nxt = rules.occasions_around(date(2026, 11, 29), rules.load_config(s))
    assert (prev, nxt) == (date(2026, 11, 7), date(2027, 2, 3))


def test_award_days_and_milestones_are_settings(office_db, badge_people):
    with office_db.write_session() as s:
        settings.set_value(s, "members.award_occasions", ["01/06"])
        settings.set_value(s, "members.badge_milestones", [30])
    with office_db.session() as s:
        items = rules.reminders(s, date(2026, 5, 18), rules.BADGE_DUE)[rules.BADGE_DUE]
    # Window (1/6/2025, 1/6/2026]: An (20/5/2026), Bình, Cường (15/1/2026), Giang; no 40/50 years.
    assert {r.member_name for r in items} == {
        "Trần Văn An",
        "Trần Văn Bình",
        "Trần Văn Cường",
        "Trần Văn Giang",
    }


# --- return reports ---------------------------------------------------------------------------
def _travel(s, member_id, back: date, report: date | None = None, status="completed"):
    p = Procedure(
        kind="travel_abroad",
        member_id=member_id,
        status=status,
        reason="tham quan",
        travel_from=back.replace(day=1),
        travel_to=back,
        return_report_on=report,
        details={"countries": ["Nhật Bản"]},
    )
    s.add(p)
    return p


def test_return_report_overdue_after_7_working_days(office_db, org):
    due_yesterday = None
    with office_db.write_session() as s:
        m = _member(s, org, "Phạm Thị Hoa", admission_date=date(2000, 1, 1))
        # Back on the day whose 7th working day after is yesterday: overdue by one working day
        # (or more, across a weekend); back one working day later: due today, not overdue yet.
        back = date(2026, 11, 10)
        while add_working_days(back, 7) < date(2026, 11, 27):
            back = back.replace(day=back.day + 1)
        due_yesterday = add_working_days(back, 7)
        _travel(s, m.id, back)
        _travel(s, m.id, date(2026, 11, 18))  # due 27/11 + … not yet
        _travel(s, m.id, date(2026, 10, 1), report=date(2026, 10, 5))  # reported
        _travel(s, m.id, date(2026, 10, 1), status="rejected")  # never went
    with office_db.session() as s:
        items = rules.reminders(s, TODAY, rules.RETURN_REPORT)[rules.RETURN_REPORT]
    assert len(items) == 1
    assert items[0].due == due_yesterday and items[0].overdue
    assert "Nhật Bản" in items[0].text
    with office_db.write_session() as s:
        settings.set_value(s, "members.return_report_working_days", 15)
    with office_db.session() as s:
        assert rules.reminders(s, TODAY, rules.RETURN_REPORT)[rules.RETURN_REPORT] == []


def test_working_days_skip_tet():
    # Back on Friday 13/2/2026; Tết holidays 16–20/2; seven working days end on 3/3/2026.
    assert add_working_days(date(2026, 2, 13), 7) == date(2026, 3, 3)
    assert rules.add_working_days_fast(date(2026, 2, 13), 7) == date(2026, 3, 3)
    assert rules.working_days_late(date(2026, 2, 13), date(2026, 3, 3)) == 7


def test_fast_working_days_agree_with_the_calendar():
    import random
    from datetime import timedelta

    rng = random.Random(8)
    for _ in range(600):
        a = date(2019, 1, 1) + timedelta(days=rng.randint(0, 3000))
        n = rng.randint(0, 45)
        assert rules.add_working_days_fast(a, n) == add_working_days(a, n)
        b = a + timedelta(days=rng.randint(-5, 400))
        assert rules.working_days_late(a, b) == working_days_between(a, b)


# --- ceremonies, lost cards -------------------------------------------------------------------
def test_admission_ceremony_not_held_within_30_working_days(office_db, org):
    with office_db.write_session() as s:
        late = _member(s, org, "Vũ Văn Lâm", "probationary", admission_date=date(2026, 10, 1))
        s.add(
            Procedure(
                kind="admission",
                member_id=late.id,
                status="approved",
                decision_date=date(2026, 10, 1),
            )
        )
        _member(s, org, "Vũ Văn Mạnh", "probationary", admission_date=date(2026, 11, 10))
        _member(
            s,
            org,
            "Vũ Văn Nam",
            "probationary",
            admission_date=date(2026, 9, 1),
            ceremony_date=date(2026, 9, 20),
        )
    with office_db.session() as s:
        items = rules.reminders(s, TODAY, rules.CEREMONY_OVERDUE)[rules.CEREMONY_OVERDUE]
    assert _names(items) == ["Vũ Văn Lâm"]
    assert items[0].due == add_working_days(date(2026, 10, 1), 30) and items[0].procedure_id


def test_lost_cards_not_yet_reissued(office_db, org):
    with office_db.write_session() as s:
        a = _member(s, org, "Đỗ Thị Oanh", admission_date=date(2000, 1, 1), card_number="1")
        b = _member(s, org, "Đỗ Thị Phương", admission_date=date(2000, 1, 1), card_number="2")
        c = _member(s, org, "Đỗ Thị Quỳnh", admission_date=date(2000, 1, 1), card_number="3")
        s.add(
            Procedure(
                kind="card_reissue",
                member_id=a.id,
                status="processing",
                reason="mất",
                received_on=date(2026, 11, 2),
                details={"reported_on": "2026-10-30"},
            )
        )
        s.add(
            Procedure(
                kind="card_reissue",
                member_id=b.id,
                status="completed",
                reason="mất",
                received_on=date(2026, 9, 2),
            )
        )
        s.add(
            Procedure(
                kind="card_reissue",
                member_id=c.id,
                status="received",
                reason="hư hỏng",
                received_on=date(2026, 11, 2),
            )
        )
    with office_db.session() as s:
        items = rules.reminders(s, TODAY, rules.LOST_CARD)[rules.LOST_CARD]
        counts = rules.counts(s, TODAY)
    assert _names(items) == ["Đỗ Thị Oanh"]
    assert items[0].date == date(2026, 10, 30)
    assert "Báo mất thẻ ngày 30/10/2026 (30 ngày trước)" in items[0].text
    assert counts[rules.LOST_CARD] == 1 and set(counts) == set(rules.RULES)
    assert items[0].to_json()["date"] == "2026-10-30"


def test_a_lost_card_without_any_date_is_listed_not_a_crash(office_db, org):
    # received_on may be NULL in the schema (a row written by hand): the reminders screen used to
    # subtract None from today and fail as a whole
    with office_db.write_session() as s:
        m = _member(s, org, "Đỗ Thị Sen", admission_date=date(2000, 1, 1), card_number="4")
        s.add(Procedure(kind="card_reissue", member_id=m.id, status="received", reason="mất"))
    with office_db.session() as s:
        items = rules.reminders(s, TODAY, rules.LOST_CARD)[rules.LOST_CARD]
    assert _names(items) == ["Đỗ Thị Sen"]
    assert items[0].date == TODAY
    assert items[0].text.startswith("Báo mất thẻ (chưa ghi ngày báo mất); thủ tục đang ở bước «")


def test_the_demo_office_has_something_in_every_list(mdb):
    with mdb.session() as s:
        counts = rules.counts(s, TODAY)
    assert counts == {
        rules.PROBATION_ENDING: 5,
        rules.PROBATION_OVERDUE: 2,
        rules.BADGE_DUE: counts[rules.BADGE_DUE],
        rules.RETURN_REPORT: 3,
        rules.CEREMONY_OVERDUE: 2,
        rules.LOST_CARD: 2,
    }
    assert counts[rules.BADGE_DUE] >= 2


def _edge_office(s, org) -> None:
    """Dates where a rule on a computed date meets its range on the stored one: ceremonies on the
    29th-31st and on 29/02 (months clamp to the month's end), admissions and returns around Tết
    and the 2/9 holidays (working days), a member with two open conversions."""
    for i, day in enumerate(
        [date(2025, 1, d) for d in (28, 29, 30, 31)]
        + [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1), date(2025, 3, 31)]
        + [date(2024, 12, 31), date(2025, 2, 28), date(2025, 5, 31), date(2025, 8, 31)]
    ):
        m = _member(s, org, f"Dự bị {i}", "probationary", admission_date=day, ceremony_date=day)
        if i % 3 == 0:
            for status in ("received", "processing"):
                s.add(Procedure(kind="official_membership", member_id=m.id, status=status))
    admitted = (20, 1), (24, 1), (3, 2), (25, 8), (29, 8), (31, 12)
    for i, day in enumerate([date(2025, m, d) for d, m in admitted] + [date(2026, 2, 10)]):
        _member(s, org, f"Chưa lễ {i}", "probationary", admission_date=day)
        back = _member(s, org, f"Đi nước ngoài {i}", admission_date=date(2000, 1, 1))
        _travel(s, back.id, day)
        _travel(s, back.id, day, report=day)
    lost = _member(s, org, "Mất thẻ", admission_date=date(2001, 1, 1))
    s.add(Procedure(kind="card_reissue", member_id=lost.id, status="received", reason="mất"))


@pytest.mark.parametrize(
    "changed",
    [
        {},
        {
            "members.probation_months": 13,
            "members.probation_warning_days": 45,
            "members.ceremony_working_days": 10,
            "members.return_report_working_days": 3,
        },
    ],
)
def test_counts_by_sql_agree_with_the_lists_day_by_day(office_db, org, changed):
    # The counters are SQL counts over ranges of the stored dates; the lists are the rules
    # evaluated row by row: the same numbers on each day a rule's verdict on an edge case
    # changes and the days either side, under the default periods and others.
    with office_db.write_session() as s:
        _edge_office(s, org)
        for key, value in changed.items():
            settings.set_value(s, key, value)
    seen: set[str] = set()
    with office_db.session() as s:
        cfg = rules.load_config(s)
        stored = {m.ceremony_date or m.admission_date for m in s.query(Member)}
        stored |= {p.travel_to for p in s.query(Procedure) if p.travel_to}
        days: set[date] = set()  # the days around each change of a rule's verdict
        for d in stored:
            assert d is not None
            end = add_months(d, cfg.probation_months)
            for edge in (
                end,
                end - timedelta(days=cfg.probation_warning_days),
                add_working_days(d, cfg.ceremony_working_days),
                add_working_days(d, cfg.return_report_working_days),
            ):
                days |= {edge + timedelta(days=k) for k in (-1, 0, 1)}
        for today in sorted(days):
            lists = rules.reminders(s, today)
            assert rules.counts(s, today) == {r: len(v) for r, v in lists.items()}, today
            seen |= {r for r, v in lists.items() if v}
            pending = [r for r in lists[rules.PROBATION_ENDING] if r.procedure_id]
            for r in pending:  # the newest of two open conversions
                assert r.procedure_id == max(
                    p.id
                    for p in s.query(Procedure).filter_by(
                        member_id=r.member_id, kind="official_membership"
                    )
                )
    assert seen >= {
        rules.PROBATION_ENDING,
        rules.PROBATION_OVERDUE,
        rules.RETURN_REPORT,
        rules.CEREMONY_OVERDUE,
        rules.LOST_CARD,
    }


def test_an_unknown_rule_is_refused():
    with pytest.raises(KeyError):
        rules.reminders(None, TODAY, "nope")  # type: ignore[arg-type]


def test_a_stored_award_day_not_in_every_year_is_left_out(office_db, badge_people):
    """29/02 saved by an older version (or by hand): the reminders go on with the other days."""
    with office_db.write_session() as s:
        settings.set_value(s, "members.award_occasions", ["29/02", "01/06"])
        settings.set_value(s, "members.badge_milestones", [30])
    with office_db.session() as s:
        cfg = rules.load_config(s)
        assert rules.occasions_around(date(2027, 2, 20), cfg) == (
            date(2026, 6, 1),
            date(2027, 6, 1),
        )
        items = rules.reminders(s, date(2026, 5, 18), rules.BADGE_DUE)[rules.BADGE_DUE]
    assert len(items) == 4  # as with 01/06 alone

"""The dashboard with the real background thread (as in the app): its tiles are the services'
counts, only the shown rule's list is read, a chosen tile shows exactly that rule's rows, a newer
choice supersedes an older one, and a refresh re-reads what changed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ketluan_desktop.core.members import reminders as member_rules
from ketluan_desktop.core.members.models import Member, Procedure


@pytest.fixture
def window(monkeypatch, qtbot, make_window, demo_db):
    from ketluan_desktop.ui.workers import TaskRunner

    monkeypatch.setattr(TaskRunner, "synchronous", False)
    w = make_window(demo_db)
    yield w
    w.ctx.runner.wait(10_000)


def _idle(w) -> bool:
    return not w.ctx.runner.busy


def _expected(w, rule=None):
    with w.ctx.db.session() as s:
        today = w.ctx.today()
        if rule is None:
            return member_rules.counts(s, today), member_rules.reminders(s, today)
        return member_rules.reminders(s, today, rule)[rule]


def _shown(dash) -> list[tuple[int, str]]:
    return [(r.member_id, r.text) for r in dash.model.rows()]


def test_the_tiles_are_the_counts_and_each_tile_shows_its_rules_rows(window, qtbot):
    dash = window.show_workspace("members").dashboard
    qtbot.waitUntil(lambda: bool(dash.counts) and _idle(window), timeout=10_000)
    counts, lists = _expected(window)
    assert counts == {rule: len(items) for rule, items in lists.items()}
    assert dash.counts == counts and sum(counts.values()) > 0
    for rule, card in dash.cards.items():
        assert card.number.text() == str(counts[rule])
    # Only the shown rule's list was read, with the counts.
    assert set(dash.lists) == {member_rules.PROBATION_ENDING}
    assert _shown(dash) == [(r.member_id, r.text) for r in lists[member_rules.PROBATION_ENDING]]
    for rule in (member_rules.LOST_CARD, member_rules.BADGE_DUE, member_rules.RETURN_REPORT):
        qtbot.mouseClick(dash.cards[rule], Qt.MouseButton.LeftButton)
        assert dash.selected == rule
        qtbot.waitUntil(lambda rule=rule: rule in dash.lists and _idle(window), timeout=10_000)
        assert _shown(dash) == [(r.member_id, r.text) for r in lists[rule]]
        assert dash.list_title.text().endswith(f": {counts[rule]}")
        assert dash.model.rowCount() == counts[rule] > 0
    # A list read once is shown again without reading.
    qtbot.mouseClick(dash.cards[member_rules.LOST_CARD], Qt.MouseButton.LeftButton)
    assert not window.ctx.runner.busy
    assert _shown(dash) == [(r.member_id, r.text) for r in lists[member_rules.LOST_CARD]]


def test_a_newer_choice_supersedes_the_older(window, qtbot):
    dash = window.show_workspace("members").dashboard
    qtbot.waitUntil(lambda: bool(dash.counts) and _idle(window), timeout=10_000)
    for rule in (member_rules.BADGE_DUE, member_rules.RETURN_REPORT, member_rules.LOST_CARD):
        dash.cards[rule].clicked.emit(rule)  # three clicks before any list arrives
    qtbot.waitUntil(lambda: _idle(window), timeout=10_000)
    assert dash.selected == member_rules.LOST_CARD
    expected = _expected(window, member_rules.LOST_CARD)
    assert _shown(dash) == [(r.member_id, r.text) for r in expected]


def test_a_refresh_rereads_the_counts_and_the_shown_list(window, qtbot):
    ws = window.show_workspace("members")
    dash = ws.dashboard
    qtbot.waitUntil(lambda: bool(dash.counts) and _idle(window), timeout=10_000)
    qtbot.mouseClick(dash.cards[member_rules.LOST_CARD], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: member_rules.LOST_CARD in dash.lists and _idle(window))
    before = dash.counts[member_rules.LOST_CARD]
    with window.ctx.db.write_session() as s:
        member = s.query(Member).filter_by(status="full").order_by(Member.id).first()
        assert member is not None
        s.add(
            Procedure(
                kind="card_reissue",
                member_id=member.id,
                status="received",
                reason="mất",
                received_on=date(2026, 11, 25),
                details={"reported_on": "2026-11-24"},
            )
        )
        name = member.full_name
    dash.refresh()
    qtbot.waitUntil(lambda: dash.counts.get(member_rules.LOST_CARD) == before + 1 and _idle(window))
    assert set(dash.lists) == {member_rules.LOST_CARD}  # the other lists are read when shown
    assert dash.model.rowCount() == before + 1
    assert name in [r.member_name for r in dash.model.rows()]
    assert dash.cards[member_rules.LOST_CARD].number.text() == str(before + 1)


def test_an_office_without_members_says_what_to_do(monkeypatch, qtbot, make_window, db):
    from ketluan_desktop.ui.workers import TaskRunner

    monkeypatch.setattr(TaskRunner, "synchronous", False)
    w = make_window(db)
    ws = w.show_workspace("members")
    qtbot.waitUntil(lambda: ws.empty is not None and _idle(w), timeout=10_000)
    assert ws.stack.currentWidget() is ws.empty
    texts = [b.text() for b in ws.empty.findChildren(QPushButton)]
    assert texts == ["Tạo tệp mẫu Excel…", "Nhập từ Excel…", "Thêm đảng viên…"]
    w.ctx.runner.wait(10_000)

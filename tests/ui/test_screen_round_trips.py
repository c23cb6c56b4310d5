"""What opening and filtering the meetings, tasks and members screens cost on the network: the round trips
they wait for one after the other (tests/helpers/round_trips.py counts them without a clock) and
the statements they run, so an N+1 or a read in sequence cannot come back unnoticed.

On a server each round trip is 20 ms of an office network: the meetings list, its documents and
the reading pane come in one; a task list's counts and first page in one; the members
workspace's rules' settings beside its totals, then every reminder count with the shown rule's
list in one (it was seven: a count job of its own with its BEGIN and COMMIT, then the settings,
the counts and the badge candidates' rows, absences and badges one after the other). On SQLite
the statement counts hold the same screens to the same reads.
"""

from __future__ import annotations

import pytest
from round_trips import RoundTrips, jobs_as_in_the_app

# (round trips on a server, statements) at most, for each action
MEETINGS = {
    "open": (2, 11),  # the filters' choices; then the list with the first meeting's panes
    "filter": (1, 7),  # the list, the documents, the first one's parts and the approver's name
    "choose": (1, 6),  # another meeting: its documents and the first one's reading
}
TASKS = {
    "open": (2, 12),  # the filters' choices beside the shown task's record; then the list
    "filter": (1, 4),  # the due-soon days, the census and the two segments' first rows
    "choose": (1, 4),  # another task: its record
}
MEMBERS = {
    # the settings beside the totals (every member among them); then the counting statement,
    # the badge candidates' rows, absences and badges, the shown rule's rows and open procedures
    "open": (2, 8),
    "filter": (2, 3),  # the list's count and first keys side by side; then the rows
}


@pytest.fixture
def counted(demo_db):
    with RoundTrips(demo_db) as counter, jobs_as_in_the_app(demo_db):
        yield counter


def _within(seen, limits, db, what) -> None:
    trips, statements = limits
    said = "\n  ".join(seen.said)
    assert seen.statements <= statements, f"{what}: {seen.statements} statements\n  {said}"
    if db.is_server:
        assert seen.round_trips <= trips, f"{what}: {seen.round_trips} round trips\n  {said}"


def test_the_meetings_screen_opens_and_filters_in_one_round_trip_each(
    make_window, demo_db, counted, typing_paused
):
    w = make_window(demo_db)
    ws = w.show_workspace("meetings")
    typing_paused()
    with counted.action() as seen:
        ws.refresh()
    _within(seen, MEETINGS["open"], demo_db, "opening")
    assert ws.meeting_model.rowCount() >= 1 and ws.doc_model.rowCount() >= 1
    assert "KẾT LUẬN" in ws.reader.toPlainText()  # the first document in the reading pane

    with counted.action() as seen:
        ws.meeting_search.setText("19")
        typing_paused()
    _within(seen, MEETINGS["filter"], demo_db, "filtering")
    assert ws.meeting_model.rowCount() == 1 and ws.current_meeting_id() is not None

    with counted.action() as seen:
        ws.meeting_search.setText("khong co hoi nghi nao")
        typing_paused()
    _within(seen, MEETINGS["filter"], demo_db, "filtering to nothing")
    assert ws.meeting_model.rowCount() == 0
    assert ws.doc_model.rowCount() >= 1  # no meeting: every document, as before

    with counted.action() as seen:
        ws.meeting_search.setText("")
        typing_paused()
    _within(seen, MEETINGS["filter"], demo_db, "clearing the filter")
    assert ws.meeting_model.rowCount() >= 1


def test_choosing_another_meeting_reads_its_documents_and_reading_at_once(
    make_window, demo_db, counted, now
):
    from ketluan_desktop.core.meetings import records as meeting_service
    from ketluan_desktop.core.meetings.records import MeetingData

    with demo_db.write_session() as s:
        newer = meeting_service.save(
            s, MeetingData(body="Ban Thường vụ", meeting_date=now.date()), now=now
        ).id
    w = make_window(demo_db)
    ws = w.show_workspace("meetings")
    ws.refresh()
    assert ws.current_meeting_id() == newer  # the newest first: no document yet
    assert ws.doc_model.rowCount() == 0 and ws.reader.toPlainText() == ""
    with counted.action() as seen:
        ws.meeting_view.selectRow(1)
    _within(seen, MEETINGS["choose"], demo_db, "choosing a meeting")
    assert ws.doc_model.rowCount() >= 1 and "KẾT LUẬN" in ws.reader.toPlainText()


def test_the_tasks_screen_opens_and_filters_in_one_round_trip_each(
    make_window, demo_db, counted, typing_paused
):
    w = make_window(demo_db)
    ws = w.show_workspace("tasks")
    typing_paused()
    assert ws.panel.task_id is not None  # the first task is shown
    with counted.action() as seen:
        ws.refresh()
    _within(seen, TASKS["open"], demo_db, "opening")
    assert ws.model.task_count() > 1 and ws.panel.detail is not None

    with counted.action() as seen:
        ws.search.setText("dan van")
        typing_paused()
    _within(seen, TASKS["filter"], demo_db, "filtering")
    assert 0 < ws.model.task_count() < 8

    with counted.action() as seen:
        ws.search.setText("")
        typing_paused()
    _within(seen, TASKS["filter"], demo_db, "clearing the filter")

    other = ws.model.index(1, 0)
    with counted.action() as seen:
        ws.view.setCurrentIndex(other)
    _within(seen, TASKS["choose"], demo_db, "choosing a task")
    assert ws.panel.detail is not None and ws.panel.detail.id == ws.model.task_at(other).id


def test_the_members_workspace_opens_in_two_round_trips(
    make_window, demo_db, counted, typing_paused
):
    from ketluan_desktop.core.members import member_list
    from ketluan_desktop.core.members import reminders as member_rules
    from ketluan_desktop.core.text import fold

    w = make_window(demo_db)
    ws = w.show_workspace("members")
    typing_paused()
    dash = ws.dashboard
    with counted.action() as seen:
        ws.refresh()
    _within(seen, MEMBERS["open"], demo_db, "opening")
    with demo_db.session() as s:
        today = w.ctx.today()
        counts = member_rules.counts(s, today)
        shown = member_rules.reminders(s, today, dash.selected)[dash.selected]
        probationary = member_list.count(s, status="probationary")
    assert dash.counts == counts and sum(counts.values()) > 0
    assert [(r.member_id, r.text) for r in dash.model.rows()] == [
        (r.member_id, r.text) for r in shown
    ]
    assert dash.totals.text().startswith(f"{probationary} đảng viên dự bị")
    assert ws.stack.currentWidget() is ws.tabs  # the office has members: no empty state

    with counted.action() as seen:
        ws.search.setText("nguyen")
        typing_paused()
    _within(seen, MEMBERS["filter"], demo_db, "filtering")
    with demo_db.session() as s:
        matching, everyone = member_list.count(s, text="nguyen"), member_list.count(s)
    assert 0 < matching < everyone and ws.model.rowCount() == matching
    assert "nguyen" in fold(ws.model.index(0, 0).data())  # the first match's name

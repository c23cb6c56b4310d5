"""The meeting form with the runner's real thread (issue 14, «the UI thread only paints»): its
choices and the meeting are read, and the meeting written, on the runner's thread — no SQL on the
UI thread — the form off until the answer is there, a meeting chosen meanwhile winning, and a
double click on «Lưu hội nghị» saving once; a save asked for before the rows of «Thêm ủy viên
theo danh sách» have arrived waits for them (the clerk's week once saved a meeting without the
members just asked for)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from ketluan_desktop.core.meetings import records as meeting_service
from ketluan_desktop.core.meetings.models import Meeting
from ketluan_desktop.core.meetings.records import MeetingData

DEMO_MEETING = 1  # the demo office's meeting: three agenda items


def _count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Meeting)) or 0


def _second_meeting(db, now) -> int:
    data = MeetingData(body="Ban Thường vụ", session_number=7, meeting_date=now.date())
    with db.write_session() as s:
        meeting_service.save(s, data, now=now)
    assert data.id is not None
    return data.id


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_the_form_reads_and_saves_off_the_ui_thread(
    real_runner, allow_ui_stall, make_window, demo_db, now, qtbot, shown_dialogs, ui_thread_reads,
    unwatched,
):  # fmt: skip
    """allow_ui_stall: the stall budget of real deliveries is bench_gui_scale's (as in
    tests/ui/test_real_runner.py); what this test checks is where the SQL runs."""
    other = _second_meeting(demo_db, now)
    seen, watching = ui_thread_reads
    w = make_window(demo_db)
    runner = w.ctx.runner
    ws = w.show_workspace("meetings")
    qtbot.waitUntil(lambda: ws.current_meeting_id() is not None and not runner.busy)
    assert ws.current_meeting_id() == other  # the newest first
    watching["on"] = True

    ws.meeting_tabs.setCurrentIndex(1)  # «Thông tin hội nghị»: the form built, its data asked
    form = ws.form
    qtbot.waitUntil(lambda: form.isEnabled() and not runner.busy)
    assert form.data.id == other and form.session.value() == 7
    assert seen == []  # the choices and the meeting: read on the runner's thread
    assert form.title.text() == unwatched(meeting_service_name, demo_db, other)

    form.load(other)
    assert not form.isEnabled() and not form.save_button.isEnabled()  # until it has arrived
    form.load(DEMO_MEETING)  # chosen meanwhile: it wins, the other's answer is dropped
    qtbot.waitUntil(lambda: form.isEnabled() and not runner.busy)
    assert form.data.id == DEMO_MEETING and form.agenda.rowCount() == 3
    assert form.title.text() == unwatched(meeting_service_name, demo_db, DEMO_MEETING)

    before = unwatched(_count, demo_db)
    ws.new_meeting()
    qtbot.waitUntil(lambda: form.isEnabled() and not runner.busy)
    assert form.title.text() == "Hội nghị mới" and form.body.currentText() == "Ban Chấp hành"
    form.session.setValue(9)
    qtbot.keyClicks(form.place, "Hoi truong B")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.save_button.isEnabled()  # off until the meeting is written
    assert not form.dirty  # being written: switching meetings does not ask to save it again
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # the second click: ignored
    qtbot.waitUntil(lambda: form.isEnabled() and form.data.id is not None and not runner.busy)
    assert unwatched(_count, demo_db) == before + 1
    assert form.place.text() == "Hoi truong B" and not form.dirty
    assert [m for kind, m in shown_dialogs if kind == "error"] == []
    watching["on"] = False
    assert seen == []
    runner.wait(10_000)


def meeting_service_name(db, meeting_id: int) -> str:
    with db.session() as s:
        return meeting_service.get(s, meeting_id).display_name


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_a_meeting_that_cannot_be_read_says_so_and_stays_off(
    make_window, demo_db, qtbot, shown_dialogs
):
    w = make_window(demo_db)
    form = w.meetings.form
    form.load(999_999)  # deleted on another workstation meanwhile
    assert not form.isEnabled()
    assert shown_dialogs and shown_dialogs[-1][0] == "error"
    assert shown_dialogs[-1][1] == (
        "Không còn hội nghị này (có thể vừa bị xóa ở máy khác). Hãy chọn hội nghị khác trong "
        "danh sách hoặc thêm hội nghị mới."
    )
    assert form.title.text().startswith("Chưa đọc được hội nghị")


def test_saving_right_after_adding_the_committee_saves_them(
    real_runner, allow_ui_stall, qtbot, make_window, office_db
):
    w = make_window(office_db)
    runner = w.ctx.runner
    ws = w.meetings
    ws.empty.buttons[2].click()
    f = ws.form
    qtbot.waitUntil(lambda: not runner.busy and f.title.text() == "Hội nghị mới")
    f.session.setValue(7)
    before = _count(office_db)

    gate = threading.Event()
    runner.run(gate.wait)  # the runner busy: the committee's read waits behind this job
    qtbot.mouseClick(f.add_members, Qt.MouseButton.LeftButton)
    assert not f.add_members.isEnabled() and f.attendance.rowCount() == 0
    qtbot.mouseClick(f.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(f.save_button, Qt.MouseButton.LeftButton)  # twice: still one meeting
    assert f.attendance.rowCount() == 0  # nothing has arrived yet
    with qtbot.waitSignal(f.saved, timeout=10_000) as saved:
        gate.set()
    qtbot.waitUntil(lambda: not runner.busy and f.isEnabled())
    assert f.attendance.rowCount() == 21 and not f.dirty
    assert _count(office_db) == before + 1
    with office_db.session() as s:
        data = meeting_service.load(s, saved.args[0])
    assert data.session_number == 7 and len(data.attendance) == 21

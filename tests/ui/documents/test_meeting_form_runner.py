"""The meeting form with the runner's real thread: «Thêm ủy viên theo danh sách» is read on the
runner, and a save asked for before its rows have arrived waits for them (the clerk's week in the
real window once saved a meeting without the members just asked for)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_saving_right_after_adding_the_committee_saves_them(
    real_runner, allow_ui_stall, qtbot, make_window, office_db
):
    from ketluan_desktop.core.meetings import records as meeting_service
    from ketluan_desktop.core.meetings.models import Meeting

    w = make_window(office_db)
    runner = w.ctx.runner
    ws = w.meetings
    ws.empty.buttons[2].click()
    f = ws.form
    qtbot.waitUntil(lambda: not runner.busy and f.title.text() == "Hội nghị mới")
    f.session.setValue(7)
    with office_db.session() as s:
        before = s.scalar(select(func.count()).select_from(Meeting))

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
    with office_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Meeting)) == before + 1
        data = meeting_service.load(s, saved.args[0])
    assert data.session_number == 7 and len(data.attendance) == 21

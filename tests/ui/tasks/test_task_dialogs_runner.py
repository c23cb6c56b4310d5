"""The task panel and the task dialogs with the runner's real thread (issue 14, «the UI thread only
paints»): what they show is read, and what they change written, on the runner's thread — no SQL
on the UI thread — OK off until the dialog's data is there, a double click writing once, a task
changed elsewhere refused with nothing typed lost, a dialog closed before its answer not filled."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import func, select

from ketluan_desktop.core.tasks import editing as task_edit
from ketluan_desktop.core.tasks import task_detail
from ketluan_desktop.core.tasks.models import Task, TaskUpdate
from ketluan_desktop.ui.tasks.dialogs import FromDocumentDialog, TaskDialog, UpdateDialog
from ketluan_desktop.ui.tasks.report_dialog import ReportDialog

from .conftest import BEFORE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
ACCEPTED = QDialog.DialogCode.Accepted


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _status(db, task_id: int) -> str:
    with db.session() as s:
        return task_detail.detail(s, task_id, today=BEFORE.date()).status


def _deadline_elsewhere(db, task_id: int) -> None:
    with db.write_session() as s:  # another workstation changes the deadline
        d = task_detail.detail(s, task_id, today=BEFORE.date())
        data = d.to_input()
        data.deadline_text = "quý I/2025"
        task_edit.update_task(
            s, task_id, data, expected_version=d.version, now=BEFORE, today=BEFORE.date()
        )


def _delete_elsewhere(db, task_id: int) -> None:
    with db.write_session() as s:
        task_edit.delete_task(s, task_id, expected_version=None, now=BEFORE)


def _ok(dlg) -> None:
    box = dlg.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Ok)


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_the_panel_and_dialogs_read_and_write_off_the_ui_thread(
    real_runner, allow_ui_stall, window_at, demo_db, qtbot, shown_dialogs, ui_thread_reads,
    unwatched,
):  # fmt: skip
    """allow_ui_stall: the stall budget of real deliveries is bench_gui_scale's (as in
    tests/ui/test_real_runner.py); what this test checks is where the SQL runs."""
    seen, watching = ui_thread_reads
    w = window_at(demo_db, BEFORE)
    ws, runner = w.tasks, w.ctx.runner
    qtbot.waitUntil(lambda: ws.model.rowCount() == 8 and not runner.busy)
    row = next(ws.model.row_at(i) for i in range(8) if ws.model.row_at(i).lead_unit == "Văn phòng")
    tid = row.id
    watching["on"] = True

    # The panel: «Đánh dấu hoàn thành» written on the runner, its buttons off meanwhile.
    ws.panel.show_task(tid)
    qtbot.waitUntil(lambda: ws.panel.detail is not None and not runner.busy)
    panel = ws.panel
    qtbot.mouseClick(panel.done_btn, Qt.MouseButton.LeftButton)
    assert not panel.done_btn.isEnabled() and not panel.delete_btn.isEnabled()
    qtbot.mouseClick(panel.pause_btn, Qt.MouseButton.LeftButton)  # off meanwhile: ignored
    qtbot.waitUntil(lambda: panel.state.text() == "Hoàn thành" and not runner.busy)
    assert unwatched(_status, demo_db, tid) == "done"
    assert not panel.done_btn.isEnabled() and panel.pause_btn.isEnabled()
    assert seen == []

    # A progress report: the dialog opens at once, OK off until the task has arrived.
    updates = unwatched(_count, demo_db, TaskUpdate)
    dlg = UpdateDialog(w.ctx, tid, w)
    assert not _ok(dlg).isEnabled()
    qtbot.waitUntil(lambda: dlg.loaded and not runner.busy)
    assert dlg.unit.currentText().strip() == "Văn phòng" and _ok(dlg).isEnabled()
    qtbot.keyClicks(dlg.text, "Da ra soat xong.")
    qtbot.mouseClick(_ok(dlg), Qt.MouseButton.LeftButton)
    assert not _ok(dlg).isEnabled()  # until it is written
    qtbot.mouseClick(_ok(dlg), Qt.MouseButton.LeftButton)  # the second click: ignored
    qtbot.waitUntil(lambda: dlg.result() == ACCEPTED and not runner.busy)
    assert unwatched(_count, demo_db, TaskUpdate) == updates + 1
    qtbot.waitUntil(lambda: panel.history.count() == 1 and not runner.busy)
    assert "Da ra soat xong." in panel.history.item(0).text()

    # Editing a task another workstation changed meanwhile: refused, the text typed kept.
    other = next(ws.model.row_at(i).id for i in range(8) if ws.model.row_at(i).id != tid)
    edit = TaskDialog(w.ctx, other, w)
    qtbot.waitUntil(lambda: edit.loaded and not runner.busy)
    unwatched(_deadline_elsewhere, demo_db, other)
    edit.text.moveCursor(edit.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit.text, " Bo sung.")
    qtbot.mouseClick(edit.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: edit.ok.isEnabled() and not runner.busy)
    assert "người khác thay đổi" in shown_dialogs[-1][1]
    assert edit.result() != ACCEPTED and edit.text.toPlainText().endswith(" Bo sung.")
    d = unwatched(lambda: demo_db_detail(demo_db, other))
    assert d.deadline == date(2025, 3, 31) and not d.text.endswith("Bo sung.")

    # Tasks from a document's paragraphs.
    tasks = unwatched(_count, demo_db, Task)
    made = FromDocumentDialog(w.ctx, w)
    qtbot.waitUntil(lambda: made.loaded and made.blocks.count() > 0 and not runner.busy)
    free = next(
        made.blocks.item(i)
        for i in range(made.blocks.count())
        if made.blocks.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable
    )
    free.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(_ok(made), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: made.result() == ACCEPTED and not runner.busy)
    assert len(made.created) == 1 and unwatched(_count, demo_db, Task) == tasks + 1

    # The report dialog: its documents and units read on the runner.
    report = ReportDialog(w.ctx, w)
    assert not report.ok.isEnabled()
    qtbot.waitUntil(lambda: report.loaded and not runner.busy)
    assert report.by_document.isChecked() and report.document.count() >= 1
    assert report.unit.itemText(0) == "Mọi đơn vị chủ trì" and report.ok.isEnabled()

    # A task deleted elsewhere before its dialog's read: said over the window, the dialog closed.
    unwatched(_delete_elsewhere, demo_db, other)
    lost = TaskDialog(w.ctx, other, w)
    qtbot.waitUntil(lambda: not runner.busy)
    assert (
        shown_dialogs[-1][0] == "error" and f"Không có nhiệm vụ số {other}" in shown_dialogs[-1][1]
    )
    assert lost.result() == QDialog.DialogCode.Rejected and not lost.loaded

    # A dialog closed before its answer arrives: the answer is dropped, nothing breaks.
    gone = UpdateDialog(w.ctx, tid, w)
    shiboken6.delete(gone)
    qtbot.waitUntil(lambda: not runner.busy)
    watching["on"] = False
    assert seen == []
    runner.wait(10_000)


def demo_db_detail(db, task_id: int):
    with db.session() as s:
        return task_detail.detail(s, task_id, today=BEFORE.date())

"""The member, procedure, step and rules dialogs with the runner's real thread (issue 14, «the UI
thread only paints»): what they show is read, and what they save written, on the runner's thread
— no SQL on the UI thread — Lưu off until the record is there, a double click saving once, a record
changed elsewhere refused with what was typed kept, a dialog closed before its answer not filled."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import func, select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.members import member_checks
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.models import Member, Procedure
from ketluan_desktop.core.org import settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
ACCEPTED = QDialog.DialogCode.Accepted


def _count(db, model, *where) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _member(db, member_id: int) -> Member:
    with db.session() as s:
        return s.get(Member, member_id)


def _first_full_member(db) -> int:
    with db.session() as s:
        return s.scalars(
            select(Member.id).where(Member.status == "full").order_by(Member.id).limit(1)
        ).one()


def _position_elsewhere(db, member_id: int, now) -> None:
    with db.write_session() as s:  # another workstation saves first
        m = s.get(Member, member_id)
        data = member_checks.MemberData.of(m)
        data.position = "Trưởng phòng"
        member_service.update(s, member_id, data, expected_version=m.version, now=now)


def _setting(db, key: str):
    with db.session() as s:
        return settings.get(s, key)


def _button(dlg, which=QDialogButtonBox.StandardButton.Ok):
    return dlg.findChild(QDialogButtonBox).button(which)


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_the_member_dialogs_read_and_write_off_the_ui_thread(
    real_runner, allow_ui_stall, make_window, demo_db, now, qtbot, ui_thread_reads, monkeypatch,
    unwatched,
):  # fmt: skip
    """allow_ui_stall: the stall budget of real deliveries is bench_gui_scale's (as in
    tests/ui/test_real_runner.py); what this test checks is where the SQL runs."""
    from ketluan_desktop.ui.members.member_dialog import MemberDialog
    from ketluan_desktop.ui.members.period_dialog import ask_procedure_sentence
    from ketluan_desktop.ui.members.procedure_dialogs import ProcedureDialog, StepDialog
    from ketluan_desktop.ui.members.rules_dialog import RuleSettingsDialog

    seen, watching = ui_thread_reads
    w = make_window(demo_db)
    runner = w.ctx.runner
    qtbot.waitUntil(lambda: not runner.busy)
    save = QDialogButtonBox.StandardButton.Save
    watching["on"] = True

    # A new member: the organisations arrive, Lưu is off until then; a double click saves once.
    members = unwatched(_count, demo_db, Member)
    add = MemberDialog(w.ctx, None, w)
    assert not _button(add, save).isEnabled()
    qtbot.waitUntil(lambda: add.loaded and not runner.busy)
    qtbot.keyClicks(add.full_name, "Nguyen Van At")
    add.gender.setCurrentIndex(add.gender.findData("Nam"))
    add.birth_date.set_value(date(1990, 3, 4))
    add.organisation.setCurrentIndex(add.organisation.findText("Đảng bộ Sở Y tế"))
    add.cell.setCurrentIndex(add.cell.findText("Chi bộ Văn phòng Sở"))
    add.admission_date.set_value(date(2015, 5, 6))
    add.ceremony_date.set_value(date(2015, 5, 20))
    add.full_member_date.set_value(date(2016, 5, 20))
    qtbot.mouseClick(_button(add, save), Qt.MouseButton.LeftButton)
    assert not _button(add, save).isEnabled()  # until it is written
    qtbot.mouseClick(_button(add, save), Qt.MouseButton.LeftButton)  # ignored
    qtbot.waitUntil(lambda: add.result() == ACCEPTED and not runner.busy)
    assert unwatched(_count, demo_db, Member) == members + 1
    assert unwatched(_member, demo_db, add.saved_id).full_name == "Nguyen Van At"

    # Editing a member saved elsewhere meanwhile: refused, what was typed kept.
    mid = unwatched(_first_full_member, demo_db)
    edit = MemberDialog(w.ctx, mid, w)
    assert not edit.full_name.isEnabled()  # nothing typed before the record arrives
    qtbot.waitUntil(lambda: edit.loaded and not runner.busy)
    assert edit.full_name.text() == unwatched(_member, demo_db, mid).full_name
    unwatched(_position_elsewhere, demo_db, mid, now)
    edit.position.clear()
    qtbot.keyClicks(edit.position, "Pho Truong phong")
    qtbot.mouseClick(_button(edit, save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _button(edit, save).isEnabled() and not runner.busy)
    assert edit.result() != ACCEPTED and "vừa được người khác sửa" in edit.error.text()
    assert edit.position.text() == "Pho Truong phong"
    assert unwatched(_member, demo_db, mid).position == "Trưởng phòng"

    # A procedure received for that member, then moved a step on.
    procs = unwatched(_count, demo_db, Procedure)
    new = ProcedureDialog(w.ctx, member_id=mid, kind="card_reissue", parent=w)
    qtbot.waitUntil(lambda: new.loaded and not runner.busy)
    assert new.member_label.text().startswith(edit.full_name.text())
    new.set_value("reason", "mất")
    new.set_value("details.reported_on", date(2026, 11, 20))
    new.received_on.set_value(date(2026, 11, 23))
    qtbot.mouseClick(_button(new), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: new.result() == ACCEPTED and not runner.busy)
    assert unwatched(_count, demo_db, Procedure) == procs + 1
    step = StepDialog(w.ctx, new.saved_id, "processing", w)
    assert not _button(step).isEnabled()
    qtbot.waitUntil(lambda: step.loaded and not runner.busy)
    assert step.windowTitle() == "Cấp lại thẻ đảng viên: chuyển sang «Đang xử lý»"
    qtbot.mouseClick(_button(step), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: step.result() == ACCEPTED and not runner.busy)
    processing = Procedure.status == "processing"
    assert unwatched(_count, demo_db, Procedure, Procedure.id == new.saved_id, processing)

    # A new procedure's person searched as typed (accents optional), on the runner.
    pick = ProcedureDialog(w.ctx, kind="card_reissue", parent=w)
    qtbot.waitUntil(lambda: pick.loaded and not runner.busy)
    assert pick.c_org.count() > 1  # the organisations, for a candidate
    qtbot.keyClicks(pick.picker.box, "nguyen")
    qtbot.waitUntil(lambda: pick.picker.list.count() > 0 and not runner.busy)
    assert pick.picker.member_id() is not None
    assert pick.picker.list.item(0).text().startswith(("Nguyễn", "Nguyen"))

    # The rules: read, changed, written with their audit entry.
    rules = RuleSettingsDialog(w.ctx, w)
    qtbot.waitUntil(lambda: rules.loaded and not runner.busy)
    spin = rules.spins["members.return_report_working_days"]
    spin.setValue(40)
    audits = unwatched(_count, demo_db, AuditEntry, AuditEntry.entity == "setting")
    qtbot.mouseClick(_button(rules, save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rules.result() == ACCEPTED and not runner.busy)
    key = "members.return_report_working_days"
    assert unwatched(_setting, demo_db, key) == 40
    assert unwatched(_count, demo_db, AuditEntry, AuditEntry.entity == "setting") == audits + 1

    # The period dialog's sentence, read on the runner.
    from ketluan_desktop.ui import dialogs

    def choose(dlg):
        dlg.picker.preset.setCurrentIndex(dlg.picker.preset.findText("6 tháng đầu năm 2024"))
        dlg.accept()
        return dlg.result()

    got: list[str] = []
    monkeypatch.setattr(dialogs, "exec_dialog", choose)
    assert ask_procedure_sentence(w.ctx, w, got.append)
    qtbot.waitUntil(lambda: bool(got) and not runner.busy)
    assert got[0].startswith("Kết luận tiêu chuẩn chính trị")

    # A dialog closed before its answer arrives: dropped, nothing breaks.
    gone = StepDialog(w.ctx, new.saved_id, "approved", w)
    shiboken6.delete(gone)
    qtbot.waitUntil(lambda: not runner.busy)
    watching["on"] = False
    assert seen == []
    runner.wait(10_000)

"""Changing tasks from the screen: progress reports, done, pause, by hand, from a document, delete,
conflicts with another workstation, the per-unit view and reports."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ketluan_desktop.core.tasks import editing as task_edit
from ketluan_desktop.core.tasks import task_detail
from ketluan_desktop.ui.tasks.dialogs import FromDocumentDialog, TaskDialog, UpdateDialog
from ketluan_desktop.ui.tasks.report_dialog import ReportDialog

from .conftest import AFTER, BEFORE

ACCEPTED = QDialog.DialogCode.Accepted

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def counts(ws) -> dict[str, int]:
    return {k: int(c.text().rsplit(": ", 1)[1]) for k, c in ws.chips.items()}


def select(ws, predicate) -> int:
    for i in range(ws.model.rowCount()):
        r = ws.model.row_at(i)
        if predicate(r):
            ws.view.setCurrentIndex(ws.model.index(i, 0))
            return r.id
    raise AssertionError("no such row")


def test_a_progress_report_shows_in_the_history_the_list_and_the_counts(
    window_at, demo_db, monkeypatch, tmp_path
):
    from ketluan_desktop.ui import dialogs

    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    assert counts(ws)["not_started"] == 4
    tid = select(ws, lambda r: r.status == "not_started" and r.lead_unit == "Văn phòng")
    dlg = UpdateDialog(w.ctx, tid, w)
    assert dlg.unit.currentText().strip() == "Văn phòng"  # the lead unit reports by default
    dlg.text.setPlainText("Đã giao chỉ tiêu giải ngân cho 12 đơn vị; đạt 45% kế hoạch vốn.")
    dlg.percent.setValue(45)
    minutes = tmp_path / "bien-ban.pdf"
    minutes.write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(dialogs, "get_open_file", lambda *a: str(minutes))
    dlg.pick_file()
    dlg.reference.setText("15-BC/VP")
    dlg.add_reference()
    dlg.save()
    assert dlg.result() == ACCEPTED
    p = ws.panel
    assert p.task_id == tid and p.history.count() == 1
    item = p.history.item(0)
    assert item.text().startswith("01/12/2024 · Văn phòng · 45%")
    assert "Kèm theo: bien-ban.pdf; 15-BC/VP" in item.text()
    assert p.state.text() == "Đang thực hiện"
    assert counts(ws)["not_started"] == 3 and counts(ws)["in_progress"] == 5
    row = next(ws.model.row_at(i) for i in range(8) if ws.model.row_at(i).id == tid)
    assert row.latest_update.startswith("Đã giao chỉ tiêu") and row.latest_percent == 45
    assert w.ctx.runner is not None


def test_attachments_open_from_the_history(
    window_at, demo_db, opened_files, shown_dialogs, tmp_path
):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    tid = select(ws, lambda r: r.lead_unit == "Ủy ban Kiểm tra")
    here = tmp_path / "kết quả kiểm tra.docx"
    here.write_bytes(b"PK")
    with demo_db.write_session() as s:
        task_edit.add_update(
            s,
            tid,
            task_edit.UpdateInput(
                date(2024, 11, 20),
                "Gửi kết quả kiểm tra.",
                attachments=[str(here), "D:\\Máy khác\\không có.docx"],
            ),
            now=w.ctx.now(),
        )
    w.ctx.notify("tasks")
    item = ws.panel.history.item(0)
    ws.panel._open_attachments(item)
    assert opened_files == [str(here)]
    assert shown_dialogs[-1][0] == "info" and "không có.docx" in shown_dialogs[-1][1]


def test_mark_done_after_the_deadline_is_done_late_and_the_counts_change(
    window_at, demo_db, shown_dialogs
):
    w = window_at(demo_db, AFTER)
    ws = w.tasks
    assert counts(ws)["overdue"] == 8
    tid = select(ws, lambda r: r.lead_unit == "Văn phòng")
    ws.panel.done_btn.click()
    assert ws.panel.state.text() == "Hoàn thành quá hạn"
    assert not ws.panel.done_btn.isEnabled()
    assert counts(ws)["overdue"] == 7 and counts(ws)["done_late"] == 1
    assert w.task_notice.label.text() == "Có 07 nhiệm vụ quá hạn."
    ws.panel.pause_btn.click()  # "Tiếp tục thực hiện" reopens it
    assert ws.panel.state.text() == "Quá hạn" and counts(ws)["overdue"] == 8
    ws.panel.pause_btn.click()
    assert ws.panel.state.text() == "Tạm dừng" and counts(ws)["paused"] == 1
    with demo_db.session() as s:
        assert task_detail.detail(s, tid, today=AFTER.date()).status == "paused"


def test_a_change_made_elsewhere_is_reported_not_overwritten(window_at, demo_db, shown_dialogs):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    tid = select(ws, lambda r: r.lead_unit == "Văn phòng")
    dlg = TaskDialog(w.ctx, tid, w)
    with demo_db.write_session() as s:  # another workstation changes the deadline meanwhile
        d = task_detail.detail(s, tid, today=BEFORE.date())
        data = d.to_input()
        data.deadline_text = "quý I/2025"
        task_edit.update_task(
            s, tid, data, expected_version=d.version, now=BEFORE, today=BEFORE.date()
        )
    dlg.text.setPlainText(dlg.text.toPlainText() + " Bổ sung.")
    dlg.save()
    assert dlg.result() != ACCEPTED and dlg.ok.isEnabled()  # refused; the form as typed
    assert dlg.text.toPlainText().endswith("Bổ sung.")
    assert shown_dialogs[-1][0] == "error" and "người khác thay đổi" in shown_dialogs[-1][1]
    with demo_db.session() as s:
        d = task_detail.detail(s, tid, today=BEFORE.date())
    assert d.deadline == date(2025, 3, 31) and not d.text.endswith("Bổ sung.")
    # The panel loaded before the change: marking done is refused the same way, then reloads.
    ws.panel.show_task(tid)
    with demo_db.write_session() as s:
        task_edit.set_status(s, tid, "paused", expected_version=None, now=BEFORE)
    ws.panel.mark_done()
    assert "người khác thay đổi" in shown_dialogs[-1][1]
    assert ws.panel.state.text() == "Tạm dừng"


def test_a_task_by_hand_with_a_period_deadline_and_co_units(
    window_at, demo_db, shown_dialogs, monkeypatch
):
    from ketluan_desktop.ui import dialogs

    w = window_at(demo_db, BEFORE)
    ws = w.tasks

    def fill_and_save(dlg):  # what the user does in the dialog ws.add_task() opens
        seen.append(dlg)
        return int(fill(dlg))

    seen: list = []
    monkeypatch.setattr(dialogs, "exec_dialog", fill_and_save)

    def fill(dlg) -> bool:
        dlg.text.setPlainText("Tổng hợp kết quả sơ kết 5 năm thực hiện Chỉ thị số 35-CT/TW")
        dlg.lead.setCurrentIndex(dlg.lead.findText("Ban Tổ chức", Qt.MatchFlag.MatchContains))
        for i in range(dlg.co_units.count()):
            if dlg.co_units.item(i).text() in ("Văn phòng", "Ủy ban Kiểm tra"):
                dlg.co_units.item(i).setCheckState(Qt.CheckState.Checked)
        dlg.deadline.setText("sớm")
        assert "Không hiểu thời hạn" in dlg.deadline.hint.text()
        dlg.save()
        assert dlg.result() != ACCEPTED
        assert "Không hiểu thời hạn «sớm»" in shown_dialogs[-1][1]
        dlg.deadline.setText("quý I/2025")
        assert dlg.deadline.hint.text() == "→ 31/03/2025 (quý I/2025)"
        dlg.save()
        return dlg.result() == ACCEPTED

    ws.add_task()
    (dlg,) = seen
    assert isinstance(dlg, TaskDialog) and dlg.saved_id is not None
    assert ws.model.rowCount() == 9 and ws.panel.task_id == dlg.saved_id
    assert "Giao trực tiếp" in ws.panel.facts.toPlainText()
    assert "Văn phòng, Ủy ban Kiểm tra" in ws.panel.facts.toPlainText()
    assert ws.doc_filter.findData(-1) > 0  # "Giao trực tiếp" becomes a choice of the filter


def test_paragraphs_of_the_document_become_tasks(window_at, demo_db):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    dlg = FromDocumentDialog(w.ctx, w)
    assert dlg.document.currentText().startswith("Kết luận 105-KL/ĐUK")
    checkable = [
        dlg.blocks.item(i)
        for i in range(dlg.blocks.count())
        if dlg.blocks.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable
    ]
    tracked = [
        dlg.blocks.item(i)
        for i in range(dlg.blocks.count())
        if dlg.blocks.item(i).toolTip().startswith("Đã là nhiệm vụ")
    ]
    assert len(tracked) == 8
    dlg.check_bullets()
    assert all(i.checkState() == Qt.CheckState.Unchecked for i in checkable)  # no bullet left
    last = next(i for i in reversed(checkable) if "Văn phòng Đảng ủy Khối phối hợp" in i.text())
    last.setCheckState(Qt.CheckState.Checked)
    dlg.lead.setCurrentIndex(dlg.lead.findText("Văn phòng", Qt.MatchFlag.MatchContains))
    dlg.deadline.setText("thường xuyên")
    dlg.save()
    assert dlg.result() == ACCEPTED and len(dlg.created) == 1
    assert ws.model.rowCount() == 9
    row = next(ws.model.row_at(i) for i in range(9) if ws.model.row_at(i).id == dlg.created[0])
    assert row.deadline is None and row.reporting_cycle == "half_year"
    idx = ws.model.index(8, 3)  # standing tasks come last when sorted by deadline
    assert idx.data() == "Thường xuyên"


def test_delete_a_task(window_at, demo_db):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    tid = select(ws, lambda r: r.latest_update is not None)
    ws.panel.delete_btn.click()
    assert ws.model.rowCount() == 7 and ws.panel.task_id != tid  # the first row is shown now
    assert all(ws.model.row_at(i).id != tid for i in range(7))


def test_what_ban_to_chuc_owes(window_at, demo_db):
    w = window_at(demo_db, AFTER)
    ws = w.tasks
    with demo_db.session() as s:
        from ketluan_desktop.core.org import units

        btc = units.find(s, "Ban Tổ chức").id
        cd = units.find(s, "Công đoàn").id
    ws.show_unit(btc)
    uv = ws.unit_view
    assert ws.tabs.currentWidget() is uv
    assert uv.summary.text() == "Ban Tổ chức: chủ trì 3 nhiệm vụ, 3 quá hạn, phối hợp 0"
    assert uv.model.rowCount() == 3
    uv.view.setCurrentIndex(uv.model.index(1, 0))
    assert ws.panel.task_id == uv.model.row_at(1).id
    names = [uv.units_model.row_at(i).name for i in range(uv.units_model.rowCount())]
    assert names == ["Văn phòng", "Ban Tổ chức", "Ban Tuyên giáo và Dân vận", "Ủy ban Kiểm tra"]
    assert uv.select_unit(cd)  # a unit with nothing to do: the list widens to every unit
    assert not uv.only_busy.isChecked() and uv.model.rowCount() == 0


def test_report_for_the_sample_conclusion_from_the_screen(
    window_at, demo_db, monkeypatch, opened_files, tmp_path
):
    from ketluan_desktop.ui import dialogs

    w = window_at(demo_db, AFTER)
    ws = w.tasks
    ws.open_report()
    dlg = ReportDialog(w.ctx, w)
    assert dlg.by_document.isChecked() and "105-KL/ĐUK" in dlg.document.currentText()
    assert dlg.default_name() == "Báo cáo thực hiện Kết luận số 105-KL-ĐUK.pdf"
    target = tmp_path / dlg.default_name()
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(target))
    dlg.choose_file()
    assert dlg.request is not None and dlg.request.path == target
    ws.run_report(dlg.request)
    assert opened_files == [str(target)] and target.exists()
    assert "Đã xuất báo cáo" in ws.last_message
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "tình hình thực hiện Kết luận số 105-KL/ĐUK" in " ".join(text.split())
    # The periodic report, as Excel, for the second half of 2024.
    dlg2 = ReportDialog(w.ctx, w)
    dlg2.by_period.setChecked(True)
    dlg2.year.setValue(2024)
    dlg2.preset.setCurrentIndex(dlg2.preset.findData("h2"))
    dlg2.format.setCurrentIndex(dlg2.format.findData("xlsx"))
    dlg2.open_after.setChecked(False)
    req = dlg2.build_request(tmp_path / "ky.xlsx")
    assert (req.start, req.end) == (date(2024, 7, 1), date(2024, 12, 31))
    ws.run_report(req)
    ws2 = load_workbook(tmp_path / "ky.xlsx").active
    assert sum(1 for r in ws2.iter_rows(values_only=True) if isinstance(r[0], int)) == 8
    assert len(opened_files) == 1


def test_a_report_that_cannot_be_made_says_why(window_at, demo_db, shown_dialogs, tmp_path):
    w = window_at(demo_db, AFTER)
    ws = w.tasks
    dlg = ReportDialog(w.ctx, w)
    dlg.by_period.setChecked(True)
    dlg.year.setValue(2020)
    ws.run_report(dlg.build_request(tmp_path / "x.pdf"))
    assert (
        shown_dialogs[-1][0] == "error"
        and "Không có nhiệm vụ nào thuộc kỳ báo cáo" in (shown_dialogs[-1][1])
    )
    assert ws.report_btn.isEnabled() and not (tmp_path / "x.pdf").exists()

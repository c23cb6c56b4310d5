"""The meetings screen: a new meeting with attendance and agenda, the documents tab, the register."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ketluan_desktop.core.meetings import records as meeting_service


def test_create_a_meeting_with_attendance_and_agenda(
    qtbot, make_window, office_db, qtmodeltester, shown_dialogs
):
    w = make_window(office_db)
    ws = w.meetings
    assert ws.stack.currentIndex() == 0  # nothing yet: the empty state offers a new meeting
    ws.empty.buttons[2].click()
    assert ws.stack.currentIndex() == 1 and ws.meeting_tabs.currentIndex() == 1
    f = ws.form
    assert f.title.text() == "Hội nghị mới"
    assert f.body.currentText() == "Ban Chấp hành"
    assert f.body_full.text() == "Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh"
    assert f.term.currentText() == "khóa IX, nhiệm kỳ 2025 - 2030"
    f.session.setValue(5)
    f.extended.setChecked(True)
    f.date.selectAll()
    qtbot.keyClicks(f.date, "20/11/2026")
    qtbot.keyClicks(f.place, "Hoi truong")
    f.chair.setEditText("Hoàng Thanh Hải")
    f.secretary.setEditText("Bùi Thị Lụa")
    f.add_committee_members()
    qtbot.waitUntil(lambda: f.attendance.rowCount() == 21)
    assert f.last_added == 21
    att = f.attendance
    absent = att.index(3, att.PRESENT)
    assert att.setData(absent, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert att.setData(att.index(3, att.REASON), "Đi công tác", Qt.ItemDataRole.EditRole)
    f.add_guest.click()
    att.setData(att.index(21, att.NAME), "Bí thư Đảng bộ Sở Y tế", Qt.ItemDataRole.EditRole)
    assert f.totals.text() == (
        "Có mặt 20/21 đồng chí; vắng 01 đồng chí (01 có lý do); khách mời 01 đại biểu."
    )
    f.add_item.click()
    ag = f.agenda
    ag.setData(ag.index(0, ag.TITLE), "Dự thảo Báo cáo kết quả công tác năm 2026")
    f.add_item.click()
    ag.setData(ag.index(1, ag.TITLE), "Dự thảo Chương trình công tác năm 2027")
    for model in (att, ag):
        qtmodeltester.check(model, force_py=True)
    assert f.dirty
    f.save()  # the runner is synchronous here: written and read back when it returns
    assert [m for k, m in shown_dialogs if k == "error"] == []
    assert f.data.id is not None and not f.dirty and f.isEnabled()
    with office_db.session() as s:
        data = meeting_service.load(s, f.data.id)
    assert data.session_number == 5 and data.extended and data.meeting_date == date(2026, 11, 20)
    assert data.place == "Hoi truong" and data.chair == "Hoàng Thanh Hải"
    assert len(data.attendance) == 22
    assert (
        data.attendance[3].present is False and data.attendance[3].absence_reason == "Đi công tác"
    )
    assert data.attendance[21].role == "guest"
    assert [a.title for a in data.agenda] == [
        "Dự thảo Báo cáo kết quả công tác năm 2026",
        "Dự thảo Chương trình công tác năm 2027",
    ]
    assert ws.meeting_model.rowCount() == 1
    assert ws.meeting_model.row_at(0).name == "Hội nghị Ban Chấp hành lần thứ 5 (mở rộng)"
    # Its conclusion, written from the template, opens with the meeting's sentence.
    editor = ws.new_document("KL", f.data.id)
    opening = editor.model.draft.sections[0].blocks[0].text
    assert opening.startswith(
        "Ngày 20 tháng 11 năm 2026, Ban Chấp hành Đảng bộ Khối các cơ quan "
        "tỉnh, khóa IX, đã họp kỳ thứ 5 (mở rộng). Hội nghị đã thông qua các "
        "dự thảo Báo cáo kết quả công tác năm 2026; Chương trình công tác"
    )
    editor.stack.setClean()
    editor.lifecycle.created_here = False
    editor.close()


def test_guests_need_an_extended_meeting(qtbot, make_window, office_db, shown_dialogs):
    w = make_window(office_db)
    w.meetings.new_meeting()
    f = w.meetings.form
    f.add_guest.click()
    assert f.extended.isChecked()  # adding a guest makes the meeting extended
    f.extended.setChecked(False)
    f.save()
    assert "mở rộng" in shown_dialogs[-1][1]
    assert f.data.id is None and f.dirty and f.isEnabled()  # refused: the edits are kept


def test_demo_meeting_form_and_tab_order(qtbot, make_window, demo_db):
    from PySide6.QtWidgets import QApplication

    w = make_window(demo_db)
    f = w.meetings.form
    w.meetings.meeting_tabs.setCurrentIndex(1)
    assert f.data.id == 1
    assert f.totals.text() == (
        "Có mặt 19/21 đồng chí; vắng 02 đồng chí (02 có lý do); khách mời 06 đại biểu."
    )
    assert f.agenda.rowCount() == 3 and f.documents.count() == 1
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    expected = [
        f.body,
        f.term,
        f.body_full,
        f.session,
        f.extended,
        f.date,
        f.time,
        f.place,
        f.chair,
        f.secretary,
        f.notes,
        f.attendance_view,
    ]
    f.body.setFocus()

    def owner(widget):
        while widget is not None and widget not in expected:
            widget = widget.parentWidget()
        return widget

    seen = [owner(QApplication.focusWidget())]
    for _ in range(len(expected) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(owner(QApplication.focusWidget()))
    assert seen == expected


def test_documents_tab_opens_editors_and_register_lists_issued(
    qtbot, make_window, demo_db, qtmodeltester, typing_paused
):
    w = make_window(demo_db)
    ws = w.meetings
    ws.tabs.setCurrentWidget(ws.documents_panel)
    panel = ws.documents_panel
    assert panel.model.rowCount() == 1
    qtmodeltester.check(panel.model, force_py=True)
    assert "Tiếp tục triển khai hiệu quả" in panel.reader.toPlainText()
    panel.search.setText("khong co gi")
    typing_paused()
    assert panel.model.rowCount() == 0
    panel.search.clear()
    typing_paused()
    panel.open_button.click()
    editor = ws.editors[1]
    assert editor.read_only and editor.isVisible()
    assert ws.open_document(1) is editor  # one window per document
    editor.close()
    assert 1 not in ws.editors
    ws.tabs.setCurrentWidget(ws.register)
    reg = ws.register
    assert reg.model.rowCount() == 1
    qtmodeltester.check(reg.model, force_py=True)
    assert reg.model.row_at(0).number_symbol == "105-KL/ĐUK"
    reg.view.selectRow(0)
    reg.copies.setValue(70)
    reg.notes.setText("Gửi kèm bản điện tử")
    reg.save_entry.click()
    assert reg.model.row_at(0).copies == 70 and reg.model.row_at(0).notes == "Gửi kèm bản điện tử"
    reg.term.setCurrentIndex(reg.term.findText("Khóa IX, nhiệm kỳ 2025 - 2030"))
    assert reg.model.rowCount() == 0


def test_register_exports_excel_and_pdf(qtbot, make_window, demo_db, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from ketluan_desktop.ui import dialogs

    w = make_window(demo_db)
    ws = w.meetings
    ws.tabs.setCurrentWidget(ws.register)
    targets = iter([tmp_path / "sổ.xlsx", tmp_path / "sổ.pdf"])
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(next(targets)))
    ws.register.export_xlsx.click()
    ws.register.export_pdf.click()
    sheet = load_workbook(tmp_path / "sổ.xlsx").active
    assert sheet["A2"].value == "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    assert sheet["B6"].value == "105-KL/ĐUK" and sheet["J6"].value == 3
    text = PdfReader(str(tmp_path / "sổ.pdf")).pages[0].extract_text()
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text and "105-KL/ĐUK" in text


def test_a_replacement_is_linked_both_ways(qtbot, make_window, demo_db, monkeypatch):
    from ketluan_desktop.ui import dialogs

    monkeypatch.setattr(dialogs, "ask_save_discard_cancel", lambda *a: "discard")
    w = make_window(demo_db)
    ws = w.meetings
    old = ws.open_document(1)
    old.act_replace.trigger()
    new_id = max(ws.editors)
    new = ws.editors[new_id]
    assert not new.read_only
    assert "Dự thảo thay thế văn bản số 105-KL/ĐUK" in new.banner.text()
    new.act_issue.trigger()
    assert new.model.draft.number_symbol == "01-KL/ĐUK"  # 29/11/2026: khóa IX
    assert "Văn bản này thay thế văn bản số 105-KL/ĐUK." in new.banner.text()
    old.close()
    again = ws.open_document(1)
    assert again.model.draft.status == "replaced"
    assert "Đã được thay thế bởi văn bản số 01-KL/ĐUK." in again.banner.text()
    # Export and print preview from the list's right-click menu.
    texts = [a.text() for a in ws.doc_view.actions()]
    assert texts[:4] == ["Mở văn bản", "Xuất PDF…", "Xuất Word…", "Xem trước khi in…"]
    ws.doc_view.actions()[3].trigger()
    assert ws.doc_view._print_preview.document.pageCount() == 4
    ws.doc_view._print_preview.close()
    for e in list(ws.editors.values()):
        e.close()


def test_the_form_shows_the_meeting_selected_while_its_tab_was_hidden(make_window, demo_db, now):
    from ketluan_desktop.core.meetings.records import MeetingData

    with demo_db.write_session() as s:
        second = meeting_service.save(
            s,
            MeetingData(body="Ban Thường vụ", session_number=42, meeting_date=date(2024, 9, 5)),
            now=now,
        ).id
    w = make_window(demo_db)
    ws = w.meetings
    assert ws.meeting_tabs.currentIndex() == 0  # the documents of the meeting
    rows = [r.id for r in ws.meeting_model.rows()]
    ws.meeting_view.selectRow(rows.index(second))
    ws.meeting_tabs.setCurrentIndex(1)
    assert ws.form.data.id == second and ws.form.session.value() == 42
    ws.meeting_view.selectRow(rows.index(1))  # the form is on screen now: it follows at once
    assert ws.form.data.id == 1 and ws.form.session.value() == 19

"""The documents list and the outgoing register on the shared list page (issue 19): the choice
kept over a reload while it is listed, the first document shown otherwise, the detail following the
selection, the filters refilled without losing their choice."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from ketluan_desktop.core.documents import draft_saving


def _with_a_copy(db, now) -> int:
    with db.write_session() as s:
        return draft_saving.copy_as_draft(s, 1, now=now).id


def test_the_documents_list_keeps_its_choice_and_shows_the_first_otherwise(
    make_window, demo_db, now, typing_paused
):
    copy_id = _with_a_copy(demo_db, now)
    w = make_window(demo_db)
    ws = w.meetings
    ws.tabs.setCurrentWidget(ws.documents_panel)
    panel = ws.documents_panel
    ids = [panel.model.row_at(i).id for i in range(panel.model.rowCount())]
    assert sorted(ids) == [1, copy_id]
    first = ids[0]
    assert panel.current_id == first and panel.selected_id() == first  # none chosen: the first

    panel.view.selectRow(ids.index(copy_id))
    assert panel.current_id == copy_id and panel.selected_id() == copy_id
    assert panel.delete_button.isEnabled()  # a draft may be deleted, an issued document not
    panel.status.setCurrentIndex(panel.status.findData("draft"))
    assert panel.model.rowCount() == 1 and panel.selected_id() == copy_id  # still listed: kept
    panel.status.setCurrentIndex(0)
    assert panel.model.rowCount() == 2 and panel.selected_id() == copy_id

    panel.search.setText("105-KL")  # the copy has no number: filtered out
    typing_paused()
    assert [panel.model.row_at(0).id] == [1] and panel.model.rowCount() == 1
    assert panel.selected_id() == 1 and panel.current_id == 1  # the first shown instead
    assert not panel.delete_button.isEnabled() and panel.open_button.isEnabled()
    assert "Tiếp tục triển khai hiệu quả" in panel.reader.toPlainText()

    panel.view.selectionModel().select(  # Ctrl+click on the chosen row unselects it
        panel.view.currentIndex(),
        QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert panel.selected_id() is None and panel.current_id is None
    assert not panel.open_button.isEnabled() and panel.reader.toPlainText() == ""

    panel.search.setText("khong co van ban nao")
    typing_paused()
    assert panel.model.rowCount() == 0 and panel.current_id is None


def test_the_year_filter_is_refilled_with_its_choice_kept(make_window, demo_db):
    w = make_window(demo_db)
    ws = w.meetings
    ws.tabs.setCurrentWidget(ws.documents_panel)
    panel = ws.documents_panel
    years = [panel.year.itemData(i) for i in range(panel.year.count())]
    assert years[0] is None and years[1:] == [2024]
    panel.year.setCurrentIndex(1)
    reloads = []
    panel.model.loaded.connect(reloads.append)
    panel.refresh()
    assert panel.year.currentData() == 2024 and panel.year.itemText(0) == "Mọi năm"
    assert reloads == [1]  # refilled quietly, then one reload


def test_the_register_form_follows_the_chosen_entry(make_window, demo_db):
    w = make_window(demo_db)
    ws = w.meetings
    ws.tabs.setCurrentWidget(ws.register)
    reg = ws.register
    assert reg.model.rowCount() == 1
    assert reg.summary.text() == "1 văn bản trong sổ theo bộ lọc hiện tại."
    assert not reg.save_entry.isEnabled()  # nothing chosen yet
    assert reg.term.itemText(0) == "Mọi khóa" and reg.term.itemText(1)[:1].isupper()

    reg.view.selectRow(0)
    assert reg.current_id == 1 and reg.save_entry.isEnabled()
    reg.copies.setValue(12)
    reg.notes.setText("Lưu tại văn phòng")
    reg.save_entry.click()  # saved, reloaded: the entry stays chosen with what was saved
    assert reg.current_id == 1 and reg.selected_id() == 1
    assert reg.copies.value() == 12 and reg.notes.text() == "Lưu tại văn phòng"

    reg.term.setCurrentIndex(reg.term.findText("Khóa IX, nhiệm kỳ 2025 - 2030"))
    assert reg.model.rowCount() == 0 and reg.current_id is None
    assert not reg.save_entry.isEnabled() and not reg.open_doc.isEnabled()
    assert reg.summary.text() == "0 văn bản trong sổ theo bộ lọc hiện tại."

    reg.term.setCurrentIndex(0)
    opened = []
    reg.openDocument.connect(opened.append)
    reg.select_row(1)
    assert reg.selected_id() == 1 and reg.keeper.isEnabled()
    reg.open_doc.click()
    assert opened == [1]

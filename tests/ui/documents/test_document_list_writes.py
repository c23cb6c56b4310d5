"""The documents list's «Nhân bản» and «Xóa dự thảo» write on the runner's thread (issue 19: the
UI thread only paints): the buttons stay off until the write is over — a double click duplicates
once, choosing another row meanwhile does not bring them back — the list is read again after, and
a refusal is said in the application's words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from ketluan_desktop.core.documents import draft_saving
from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.models import Document


def _documents(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Document))


def _panel(w, qtbot):
    ws = w.meetings
    bar = ws.tabs.tabBar()
    index = ws.tabs.indexOf(ws.documents_panel)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    return ws.documents_panel


def _click_row(qtbot, panel, row: int) -> None:
    rect = panel.view.visualRect(panel.model.index(row, 3))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_double_click_on_duplicate_makes_one_copy(
    real_runner, allow_ui_stall, make_window, demo_db, qtbot
):
    """(The stall budget of real deliveries is bench_gui_scale's, as in test_real_runner.py.)"""
    w = make_window(demo_db)
    runner = w.ctx.runner
    panel = _panel(w, qtbot)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and not runner.busy)
    _click_row(qtbot, panel, 0)
    assert panel.duplicate_button.isEnabled()
    before = _documents(demo_db)
    opened: list[int] = []
    panel.openDocument.connect(opened.append)

    qtbot.mouseClick(panel.duplicate_button, Qt.MouseButton.LeftButton)
    assert not panel.duplicate_button.isEnabled()  # until the copy is written
    qtbot.mouseClick(panel.duplicate_button, Qt.MouseButton.LeftButton)  # the second click
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and not runner.busy)
    assert _documents(demo_db) == before + 1
    assert len(opened) == 1 and opened[0] in w.meetings.editors  # the copy opened, once
    assert panel.duplicate_button.isEnabled()
    assert w.meetings.close_editors()
    runner.wait(10_000)


def test_deleting_a_draft_keeps_the_buttons_off_until_it_is_gone(
    real_runner, allow_ui_stall, make_window, demo_db, now, qtbot
):
    """(The stall budget of real deliveries is bench_gui_scale's, as in test_real_runner.py.)"""
    with demo_db.write_session() as s:
        copy_id = draft_saving.copy_as_draft(s, 1, now=now).id
    w = make_window(demo_db)
    runner = w.ctx.runner
    panel = _panel(w, qtbot)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and not runner.busy)
    ids = [panel.model.row_at(i).id for i in range(2)]
    _click_row(qtbot, panel, ids.index(copy_id))
    assert panel.delete_button.isEnabled()

    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert not panel.delete_button.isEnabled() and not panel.duplicate_button.isEnabled()
    _click_row(qtbot, panel, ids.index(1))  # another row chosen while the draft is deleted
    assert panel.current_id == 1 and panel.open_button.isEnabled()
    assert not panel.duplicate_button.isEnabled()  # still writing: not yet
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and not runner.busy)
    with demo_db.session() as s:
        assert s.get(Document, copy_id) is None
    assert panel.selected_id() == 1 and panel.duplicate_button.isEnabled()
    assert not panel.delete_button.isEnabled()  # an issued document is not deleted
    runner.wait(10_000)


def test_a_draft_deleted_elsewhere_is_said_plainly(make_window, demo_db, now, shown_dialogs):
    with demo_db.write_session() as s:
        copy_id = draft_saving.copy_as_draft(s, 1, now=now).id
    w = make_window(demo_db)
    ws = w.meetings
    ws.tabs.setCurrentWidget(ws.documents_panel)
    panel = ws.documents_panel
    panel.select_row(copy_id)
    with demo_db.write_session() as s:  # another workstation deletes it first
        doc_service.delete_draft(s, copy_id, now=now)
    panel.delete_button.click()
    assert shown_dialogs == [
        (
            "error",
            f"Không có văn bản mã số {copy_id}. Có thể văn bản đã bị xóa; hãy tải lại danh sách.",
        )
    ]
    assert panel.current_id == copy_id and panel.delete_button.isEnabled()  # as before the click


def test_the_right_click_preview_and_export_read_the_document_on_the_runner(
    real_runner, allow_ui_stall, make_window, demo_db, qtbot, tmp_path, monkeypatch
):
    """«Xem trước khi in…» and «Xuất PDF…» from the list's menu: the document and its layout are
    read on the runner's thread (a draft's layout may be written on first use), not on the UI
    thread, and the menu stays off until that read is over."""
    import threading

    from sqlalchemy import event

    from ketluan_desktop.ui import dialogs

    w = make_window(demo_db)
    runner = w.ctx.runner
    panel = _panel(w, qtbot)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and not runner.busy)
    _click_row(qtbot, panel, 0)
    qtbot.waitUntil(lambda: not runner.busy)
    on_ui: list[str] = []

    def before(_conn, _cursor, statement, *_args):
        if threading.current_thread() is threading.main_thread():
            on_ui.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", before)
    try:
        actions = {a.text(): a for a in panel.view.actions()}
        actions["Xem trước khi in…"].trigger()
        assert not actions["Xuất PDF…"].isEnabled()  # off while the document is read
        qtbot.waitUntil(lambda: getattr(panel.view, "_print_preview", None) is not None)
        assert panel.view._print_preview.document.pageCount() == 4
        panel.view._print_preview.close()
        assert actions["Xuất PDF…"].isEnabled()

        target = tmp_path / "ket-luan.pdf"
        monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(target))
        actions["Xuất PDF…"].trigger()
        qtbot.waitUntil(lambda: target.exists() and not runner.busy, timeout=20_000)
        assert target.read_bytes().startswith(b"%PDF")
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", before)
    assert on_ui == []
    runner.wait(10_000)

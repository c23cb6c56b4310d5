"""The document editor with the runner's real thread (issue 14, «the UI thread only paints"): a
document opened from the meetings screen, a new draft, its layout, expected number, replacement
links and citations, the procedure figures inserted at the caret, the question before issuing and
the reload after it — every read and write on the runner's thread, no SQL on the UI thread; a
second «open» meanwhile opening one window, the figures' action off until the sentence is in."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.ui.documents.editor import DocumentEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ISSUED = 1  # the demo office's conclusion 105-KL/ĐUK


def _stored(db, doc_id: int) -> tuple[str, str | None]:
    with db.session() as s:
        row = s.scalars(select(Document).where(Document.id == doc_id)).one()
        return row.status, row.number_symbol


def _editors() -> list[DocumentEditor]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentEditor)]


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_the_editor_reads_and_writes_off_the_ui_thread(
    real_runner, allow_ui_stall, make_window, demo_db, qtbot, shown_dialogs, ui_thread_reads, typer,
    unwatched,
):  # fmt: skip
    """allow_ui_stall: the stall budget of real deliveries (building the editor window) is
    bench_gui_scale's, as in tests/ui/test_real_runner.py; what this test checks is where the SQL
    runs."""
    seen, watching = ui_thread_reads
    w = make_window(demo_db)
    runner = w.ctx.runner
    ws = w.show_workspace("meetings")
    qtbot.waitUntil(lambda: not runner.busy)
    before = len(_editors())
    watching["on"] = True

    # -- an issued document: asked twice before it arrives, one window
    assert ws.open_document(ISSUED) is None  # on its way
    assert ws.open_document(ISSUED) is None  # the second click: the same read
    qtbot.waitUntil(lambda: ISSUED in ws.editors and not runner.busy)
    assert len(_editors()) == before + 1
    ed = ws.editors[ISSUED]
    ed.preview.synchronous = True
    assert ed.profile is not None and ed.read_only
    assert "105-KL/ĐUK" in ed.windowTitle()
    assert "chỉ xem, không sửa được" in ed.banner.text()
    assert ed.tasks_panel is not None and ed.header.subject.text()
    assert seen == []  # the document, its layout, choices and citations: read on the runner
    ed.shutdown()

    # -- a new draft: stored on the runner, its expected number read there
    assert ws.new_document("KL", None) is None
    qtbot.waitUntil(lambda: len(_editors()) == before + 2 and not runner.busy)
    new = next(e for e in _editors() if e is not ed)
    new.preview.synchronous = True
    doc_id = new.model.draft.doc_id
    assert doc_id is not None and unwatched(_stored, demo_db, doc_id)[0] == "draft"
    assert "dự kiến" in new.header.number_label.text()

    # -- typed with real key events, the figures inserted at the caret
    qtbot.keyClicks(new.header.subject, "Hoi nghi Ban Thuong vu lan thu nhat")
    first = new.model.draft.sections[0].blocks[0].key
    typer(new.body_view.row(first).edit, "Ban Thường vụ đã họp và kết luận. ")
    new.body_view.focus_key(first, len("Ban Thường vụ đã họp và kết luận. "))
    assert new.insert_figures(date(2024, 1, 1), date(2024, 6, 30))
    assert not new.act_figures.isEnabled()  # off until the sentence is in
    qtbot.waitUntil(lambda: new.act_figures.isEnabled() and not runner.busy)
    text = new.model.draft.sections[0].blocks[0].text
    assert "Kết luận tiêu chuẩn chính trị đối với 394 trường hợp" in text

    # -- issued: saved, the number asked for the question, issued, the window read again
    new.act_issue.trigger()
    qtbot.waitUntil(lambda: new.model.draft.status == "issued" and not runner.busy, timeout=10000)
    qtbot.waitUntil(lambda: new.isEnabled())
    number = new.model.draft.number_symbol
    assert number and number.endswith("-KL/ĐUK")
    assert unwatched(_stored, demo_db, doc_id) == ("issued", number)
    assert new.read_only and "chỉ xem" in new.banner.text()
    assert [m for kind, m in shown_dialogs if kind == "error"] == []
    watching["on"] = False
    assert seen == []
    new.shutdown()
    runner.wait(10_000)


def _draft_with_an_autosave(db, now) -> int:
    from datetime import timedelta

    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import templates

    with db.write_session() as s:
        draft = templates.new_draft(s, "KL", today=now.date())
        draft.subject = "Kết luận về công tác kiểm tra"
        draft_store.save_draft(s, draft, now=now)
        draft.sections[1].blocks[0].text = "Phần gõ dở khi máy mất điện"
        draft_store.autosave(s, draft, now=now + timedelta(minutes=3))
        return draft.doc_id


def _kept(db, doc_id: int) -> int:
    from ketluan_desktop.core.documents import recovery

    with db.session() as s:
        return len(recovery.kept_copies(s, doc_id))


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_recovery_on_open_and_the_history_off_the_ui_thread(
    real_runner, allow_ui_stall, make_window, demo_db, now, qtbot, shown_dialogs, ui_thread_reads,
    unwatched, _answers,
):  # fmt: skip
    """A draft left with autosaved text: opened, the question asked (the fixture answers
    «restore»), restored on the runner; then its history read, a kept copy's text shown, and a
    double click on «Xóa bản này…» discarding one copy — no SQL on the UI thread. allow_ui_stall:
    as above."""
    import shiboken6

    from ketluan_desktop.ui.documents.history_dialog import HistoryDialog

    seen, watching = ui_thread_reads
    doc_id = _draft_with_an_autosave(demo_db, now)
    w = make_window(demo_db)
    runner = w.ctx.runner
    ws = w.show_workspace("meetings")
    qtbot.waitUntil(lambda: not runner.busy)
    watching["on"] = True

    assert ws.open_document(doc_id) is None
    qtbot.waitUntil(lambda: doc_id in ws.editors and not runner.busy)
    assert "khôi phục" in _answers["asked"][-1]
    ed = ws.editors[doc_id]
    ed.preview.synchronous = True
    assert ed.model.draft.sections[1].blocks[0].text == "Phần gõ dở khi máy mất điện"
    assert not ed.modified  # restored means saved
    assert unwatched(_kept, demo_db, doc_id) == 1  # the text it replaced, kept

    dialog = HistoryDialog(w.ctx, doc_id, ed)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 1 and not runner.busy)
    qtbot.waitUntil(lambda: "Kết luận về công tác kiểm tra" in dialog.text.toPlainText())
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert not dialog.discard_button.isEnabled()
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)  # ignored
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 0 and not runner.busy)
    assert unwatched(_kept, demo_db, doc_id) == 0
    assert "Xóa hẳn" in _answers["asked"][-1]

    gone = HistoryDialog(w.ctx, doc_id, ed)
    shiboken6.delete(gone)  # closed before its list arrives: the answer is dropped
    qtbot.waitUntil(lambda: not runner.busy)
    qtbot.wait(50)
    watching["on"] = False
    assert seen == []
    assert [m for kind, m in shown_dialogs if kind == "error"] == []
    ed.shutdown()
    runner.wait(10_000)

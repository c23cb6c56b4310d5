"""Closing an editor whose changes are thrown away: no error, nothing logged, the window deleted."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def _click_when_shown(button_text: str, clicked: list[str]) -> None:
    """Click a button of the next message box, as the user would, once it is on screen."""

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, attempt)
            return
        for b in box.buttons():
            if b.text() == button_text:
                clicked.append(box.text())
                b.click()
                return

    QTimer.singleShot(20, attempt)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_closing_with_khong_luu_shows_no_error_and_logs_none(
    qtbot, make_window, office_db, typer, shown_dialogs, caplog, real_dialogs
):
    real_dialogs("ask_save_discard_cancel")
    window = make_window(office_db)
    editor = window.meetings.new_document("KL", None)
    editor.preview.synchronous = True
    qtbot.waitExposed(editor)
    destroyed = []
    editor.destroyed.connect(lambda *_: destroyed.append(True))
    edit = editor.body_view.row(editor.model.draft.sections[1].blocks[0].key).edit
    typer(edit, "Một đoạn sẽ không được lưu")
    assert not editor.stack.isClean()
    clicked: list[str] = []
    _click_when_shown("Không lưu", clicked)
    with caplog.at_level(logging.WARNING):
        editor.close()
        assert clicked and "chưa lưu" in clicked[0]
        qtbot.waitUntil(lambda: not editor.isVisible())
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        QCoreApplication.processEvents()
    assert destroyed, "the closed editor is deleted"
    assert not [d for d in shown_dialogs if d[0] == "error" or d == ("dialog", "CrashDialog")]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_an_autosave_finishing_after_the_editor_is_gone_reaches_nothing(
    qtbot, office_db, ctx_for, typer, monkeypatch, caplog
):
    """The real runner thread: the window closes («Không lưu») and is deleted while its autosave
    is still being written; the job's answer must not touch the deleted window, and the discarded
    autosave must not come back after it."""
    import threading

    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.ui.documents.opening import new_document

    ctx = ctx_for(office_db)
    ed = new_document(ctx, "KL")  # not left to qtbot: the test deletes it
    ctx.runner.synchronous = False  # from here on (the window built at once, as before)
    ed.preview.synchronous = True
    with qtbot.waitExposed(ed):
        ed.show()
    ed.lifecycle.created_here = False  # a stored draft the user comes back to
    doc_id = ed.model.draft.doc_id
    release = threading.Event()
    real_autosave = draft_store.autosave

    def slow_autosave(session, draft, **kw):
        release.wait(5)
        real_autosave(session, draft, **kw)

    monkeypatch.setattr(draft_store, "autosave", slow_autosave)
    typer(ed.body_view.row(ed.model.draft.sections[1].blocks[0].key).edit, "Dở dang")
    ed.lifecycle.autosave_now()  # the job waits in the background
    with caplog.at_level(logging.WARNING):
        assert ed.close()  # «Không lưu» (the fixture's answer)
        ed.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        release.set()
        assert ctx.runner.wait(10_000)
        qtbot.waitUntil(lambda: not ctx.runner.busy)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    with office_db.session() as s:
        assert draft_store.recovery_for(s, doc_id) is None  # discarded after the late autosave

"""«Lịch sử / Khôi phục bản tự lưu»: kept texts can be read, restored, and discarded only on request."""

from __future__ import annotations

from datetime import timedelta

from ketluan_desktop.core.documents import draft_saving as draft_store
from ketluan_desktop.core.documents import recovery


def _draft_with_a_kept_autosave(db, now) -> int:
    from ketluan_desktop.core.documents import templates

    with db.write_session() as s:
        draft = templates.new_draft(s, "KL", today=now.date())
        draft.subject = "Kết luận về công tác kiểm tra"
        draft_store.save_draft(s, draft, now=now)
        draft.sections[1].blocks[0].text = "Phần gõ dở không khôi phục lúc khởi động"
        draft_store.autosave(s, draft, now=now + timedelta(minutes=3))
        recovery.keep_autosave(s, draft.doc_id, now=now + timedelta(hours=1))
        return draft.doc_id


def test_restore_a_kept_autosave_from_the_editor(
    qtbot, office_db, ctx_for, show_editor, shown_dialogs, _answers, monkeypatch
):
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.documents.history_dialog import HistoryDialog
    from ketluan_desktop.ui.documents.opening import open_document

    doc_id = _draft_with_a_kept_autosave(office_db, ctx_for(office_db).now())
    ed = show_editor(open_document(ctx_for(office_db), doc_id))
    assert ed.act_history.isEnabled() and "Lịch sử" in ed.act_history.text()
    seen = []

    def run(dialog):
        if isinstance(dialog, HistoryDialog):
            qtbot.addWidget(dialog)
            seen.append(
                [
                    dialog.list.topLevelItem(i).text(1)
                    for i in range(dialog.list.topLevelItemCount())
                ]
            )
            assert "Phần gõ dở" in dialog.text.toPlainText()
            dialog.restore_button.click()  # and «Có» to the confirmation
            return dialog.result()
        return 0

    monkeypatch.setattr(dialogs, "exec_dialog", run)
    ed.act_history.trigger()
    assert seen == [["Bản tự lưu chưa khôi phục"]]
    assert ed.model.draft.sections[1].blocks[0].text == "Phần gõ dở không khôi phục lúc khởi động"
    assert not ed.modified
    with office_db.session() as s:
        assert draft_store.load_draft(s, doc_id).sections[1].blocks[0].text == (
            "Phần gõ dở không khôi phục lúc khởi động"
        )
        (replaced,) = recovery.kept_copies(s, doc_id)  # the text it replaced, kept in turn
    assert replaced.reason == recovery.REPLACED


def test_discarding_needs_an_explicit_yes(qtbot, office_db, ctx_for, _answers):
    from ketluan_desktop.ui.documents.history_dialog import HistoryDialog

    ctx = ctx_for(office_db)
    doc_id = _draft_with_a_kept_autosave(office_db, ctx.now())
    dialog = HistoryDialog(ctx, doc_id)
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 1
    _answers["yes_no"] = False
    dialog.discard_button.click()
    assert dialog.list.topLevelItemCount() == 1 and "Xóa hẳn" in _answers["asked"][-1]
    _answers["yes_no"] = True
    dialog.discard_button.click()
    assert dialog.list.topLevelItemCount() == 0
    with office_db.session() as s:
        assert recovery.kept_copies(s, doc_id) == []

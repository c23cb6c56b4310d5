"""Autosave and crash recovery, closing with unsaved changes, conflicts, issuing, exports."""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.documents import draft_saving as draft_store
from ketluan_desktop.core.documents.models import Document


def _new(ctx, show_editor, type_code="KL", **kw):
    from ketluan_desktop.ui.documents.opening import new_document

    return show_editor(new_document(ctx, type_code, **kw))


def test_a_killed_editor_leaves_its_text_to_be_recovered(
    qtbot, office_db, ctx_for, show_editor, typer, _answers
):
    from ketluan_desktop.ui.documents.opening import open_document

    ctx = ctx_for(office_db)
    ed = _new(ctx, show_editor)
    ed.act_save.trigger()
    doc_id = ed.model.draft.doc_id
    e = ed.body_view.row(ed.model.draft.sections[1].blocks[0].key).edit
    typer(e, "Đoạn đang gõ dở khi máy mất điện")
    assert ed.lifecycle.autosave_timer.isActive()
    assert ed.lifecycle.autosave_timer.interval() <= 30_000
    ed.lifecycle.autosave_timer.timeout.emit()  # 30 seconds later
    assert ed.lifecycle.autosaved_at is not None
    typer(e, " và mấy chữ sau lần tự động lưu")
    # The process dies: no close event, no question, nothing saved, no code runs any more.
    ed.shutdown()
    ed.lifecycle.autosave_now = lambda: None
    ed.hide()
    ed.stack.setClean()
    ed.lifecycle.recovered = ed.lifecycle.created_here = False
    with office_db.session() as s:
        assert s.get(Document, doc_id).sections[1].blocks[0].text == ""
    again = show_editor(open_document(ctx, doc_id))  # Enter: restore
    assert "khôi phục" in _answers["asked"][-1] and "thêm 8 từ" in _answers["asked"][-1]
    assert again.model.draft.sections[1].blocks[0].text == "Đoạn đang gõ dở khi máy mất điện"
    assert not again.modified  # restored means saved: the draft holds the text now
    with office_db.session() as s:
        assert draft_store.load_draft(s, doc_id).sections[1].blocks[0].text == (
            "Đoạn đang gõ dở khi máy mất điện"
        )
        assert draft_store.recovery_for(s, doc_id) is None


def test_declining_the_recovery_keeps_it_in_the_history(
    qtbot, office_db, ctx_for, show_editor, typer, _answers
):
    from ketluan_desktop.core.documents import recovery
    from ketluan_desktop.ui.documents.opening import open_document

    ctx = ctx_for(office_db)
    ed = _new(ctx, show_editor)
    ed.act_save.trigger()
    typer(ed.body_view.row(ed.model.draft.sections[1].blocks[0].key).edit, "Nháp")
    ed.lifecycle.autosave_now()
    ed.shutdown()
    _answers["recovery"] = "keep"
    again = show_editor(open_document(ctx, ed.model.draft.doc_id))
    assert again.model.draft.sections[1].blocks[0].text == ""
    with office_db.session() as s:
        assert draft_store.recovery_for(s, ed.model.draft.doc_id) is None
        (kept,) = recovery.kept_copies(s, ed.model.draft.doc_id)
        text = recovery.copy_draft_text(s, kept.id).sections[1].blocks[0].text
    assert kept.reason == recovery.DECLINED and text == "Nháp"


def test_focus_loss_autosaves(qtbot, office_db, ctx_for, show_editor, typer):
    from PySide6.QtWidgets import QLineEdit

    ctx = ctx_for(office_db)
    ed = _new(ctx, show_editor)
    ed.activateWindow()
    qtbot.waitUntil(ed.isActiveWindow)
    typer(ed.body_view.row(ed.model.draft.sections[1].blocks[0].key).edit, "Chữ")
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()  # the user switches to another window
    qtbot.waitUntil(lambda: not ed.isActiveWindow())
    with office_db.session() as s:
        assert draft_store.recovery_for(s, ed.model.draft.doc_id) is not None


def test_closing_with_unsaved_changes_asks(qtbot, office_db, ctx_for, show_editor, typer, _answers):
    ctx = ctx_for(office_db)
    ed = _new(ctx, show_editor)
    ed.act_save.trigger()
    typer(ed.body_view.row(ed.model.draft.sections[1].blocks[0].key).edit, "Chưa lưu")
    _answers["close"] = "cancel"
    assert not ed.close()
    assert ed.isVisible() and "chưa lưu" in _answers["asked"][-1]
    _answers["close"] = "save"
    ed.close()
    qtbot.waitUntil(lambda: not ed.isVisible())
    with office_db.session() as s:
        stored = draft_store.load_draft(s, ed.model.draft.doc_id)
    assert stored.sections[1].blocks[0].text == "Chưa lưu"


def test_an_untouched_new_draft_is_not_left_behind(qtbot, office_db, ctx_for, show_editor):
    ctx = ctx_for(office_db)
    ed = _new(ctx, show_editor)
    doc_id = ed.model.draft.doc_id
    ed.close()
    with office_db.session() as s:
        assert s.get(Document, doc_id) is None


def test_a_save_from_another_workstation_is_not_overwritten(
    qtbot, office_db, ctx_for, show_editor, typer, _answers, monkeypatch
):
    from ketluan_desktop.ui import stale_dialog
    from ketluan_desktop.ui.documents.opening import open_document

    def choose(parent, error, *, theirs, mine, keep_label=None):  # «Giữ bản của tôi …»
        _answers["asked"].append(error.message)
        assert "Máy B" in theirs and "Máy A" in mine
        return stale_dialog.KEEP

    monkeypatch.setattr(stale_dialog, "ask_stale_choice", choose)

    ctx = ctx_for(office_db)
    ed = _new(ctx, show_editor)
    ed.act_save.trigger()
    doc_id = ed.model.draft.doc_id
    other = show_editor(open_document(ctx, doc_id))
    typer(other.body_view.row(other.model.draft.sections[1].blocks[0].key).edit, "Máy B")
    other.act_save.trigger()
    typer(ed.body_view.row(ed.model.draft.sections[1].blocks[0].key).edit, "Máy A")
    _answers["yes_no"] = True  # keep my text as a new draft
    ed.act_save.trigger()
    assert "vừa được lưu từ nơi khác" in _answers["asked"][-1]
    assert ed.model.draft.doc_id != doc_id
    with office_db.session() as s:
        assert draft_store.load_draft(s, doc_id).sections[1].blocks[0].text == "Máy B"
        mine = draft_store.load_draft(s, ed.model.draft.doc_id)
        assert mine.sections[1].blocks[0].text == "Máy A"


def test_issue_two_conclusions_then_a_notice(qtbot, demo_db, ctx_for, show_editor, _answers):
    ctx = ctx_for(demo_db)
    numbers = []
    for type_code in ("KL", "KL", "TB"):
        ed = _new(ctx, show_editor, type_code, meeting_id=1)
        if type_code == "TB":
            ed.editing.edit_text(ed.model.draft.sections[1].blocks[0].key, "Đánh giá.", [], 0, 0)
        assert ed.header.number_label.text().startswith("cấp khi ban hành (dự kiến")
        ed.act_issue.trigger()
        assert "Ban hành văn bản này?" in _answers["asked"][-1]
        d = ed.model.draft
        assert d.status == "issued" and ed.read_only
        assert d.doc_date == date(2026, 11, 29)
        numbers.append(d.number_symbol)
        assert ed.body_view.row(d.sections[0].blocks[0].key).edit.isReadOnly()
        assert not ed.act_save.isEnabled() and ed.act_replace.isEnabled()
        assert ed.banner.isVisible() and d.number_symbol in ed.banner.text()
    # The demo's conclusion is 105-KL/ĐUK of khóa VIII; 2026 is khóa IX: a new sequence.
    assert numbers == ["01-KL/ĐUK", "02-KL/ĐUK", "01-TB/ĐUK"]


def test_issue_in_the_same_term_continues_the_sequence(qtbot, demo_db, ctx_for, show_editor, now):
    from datetime import datetime

    ctx = ctx_for(demo_db)
    ctx.clock = lambda: datetime(2024, 7, 15, 10, 0, tzinfo=now.tzinfo)
    got = []
    for type_code in ("KL", "KL", "TB"):
        ed = _new(ctx, show_editor, type_code, meeting_id=1)
        if type_code == "TB":
            ed.editing.edit_text(ed.model.draft.sections[1].blocks[0].key, "Đánh giá.", [], 0, 0)
        ed.act_issue.trigger()
        got.append(ed.model.draft.number_symbol)
    assert got == ["106-KL/ĐUK", "107-KL/ĐUK", "01-TB/ĐUK"]


def test_issue_refuses_an_incomplete_draft_with_a_clear_message(
    qtbot, office_db, ctx_for, show_editor, shown_dialogs
):
    ctx = ctx_for(office_db)
    ed = _new(ctx, show_editor)
    ed.act_issue.trigger()
    assert ed.model.draft.status == "draft"
    assert shown_dialogs[-1][0] == "error" and "trích yếu" in shown_dialogs[-1][1]


def test_export_pdf_and_word_and_print_preview(
    qtbot, demo_db, ctx_for, show_editor, tmp_path, monkeypatch
):
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.documents.opening import open_document

    ctx = ctx_for(demo_db)
    ed = show_editor(open_document(ctx, 1))
    asked = []

    def save_file(parent, caption, path, filters):
        asked.append(path)
        return str(tmp_path / ("ket-luan" if "PDF" in filters else "ket-luan.docx"))

    monkeypatch.setattr(dialogs, "get_save_file", save_file)
    ed.act_pdf.trigger()
    assert asked[-1].endswith("105-KL-DUK_2024-07-10.pdf")
    assert (tmp_path / "ket-luan.pdf").read_bytes().startswith(b"%PDF")
    ed.act_docx.trigger()
    assert asked[-1].startswith(str(tmp_path))  # the last folder is remembered
    assert (tmp_path / "ket-luan.docx").stat().st_size > 5000
    ed.act_print.trigger()
    preview = ed._print_preview
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 4 and preview.print_button.isEnabled()
    preview.close()


def test_insert_procedure_figures_for_a_period(qtbot, demo_db, ctx_for, show_editor):
    ctx = ctx_for(demo_db)
    ed = _new(ctx, show_editor, "BC")
    key = ed.model.draft.sections[1].blocks[0].key
    ed.body_view.focus_key(key, 0)
    assert ed.insert_figures(date(2024, 1, 1), date(2024, 6, 30))
    text = ed.model.draft.sections[1].blocks[0].text
    assert text.startswith("Kết luận tiêu chuẩn chính trị đối với 394 trường hợp; xét kết nạp 73")
    ed.act_undo.trigger()
    assert ed.model.draft.sections[1].blocks[0].text == ""

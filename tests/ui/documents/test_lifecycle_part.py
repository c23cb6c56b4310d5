"""The editor's lifecycle part on its own: a model, an undo stack and a plain widget, no window."""

from __future__ import annotations

import pytest

from ketluan_desktop.core.documents import draft_saving as draft_store


@pytest.fixture
def part(qtbot, office_db, ctx_for):
    from PySide6.QtWidgets import QWidget

    from ketluan_desktop.core.documents import templates
    from ketluan_desktop.ui.documents.body_model import EditorModel
    from ketluan_desktop.ui.documents.editing import Editing
    from ketluan_desktop.ui.documents.lifecycle import DocumentLifecycle

    ctx = ctx_for(office_db)
    with office_db.write_session() as s:
        draft = templates.new_draft(s, "KL", today=ctx.today())
        draft.subject = "Hội nghị thử"
        draft_store.save_draft(s, draft, now=ctx.now())
    host = QWidget()
    qtbot.addWidget(host)
    model = EditorModel(draft, host)
    lifecycle = DocumentLifecycle(ctx, model, host)
    yield lifecycle, Editing(model, lifecycle.stack)
    lifecycle.stack.setClean()
    lifecycle.shutdown()


def _first_key(lifecycle):
    return lifecycle.model.draft.sections[1].blocks[0].key


def test_an_edit_marks_it_modified_and_starts_autosave(part):
    lifecycle, editing = part
    heard = []
    lifecycle.stateChanged.connect(lambda: heard.append(lifecycle.modified))
    assert not lifecycle.modified
    editing.edit_text(_first_key(lifecycle), "Kết quả tốt.", [], 0, 12)
    assert lifecycle.modified and heard[-1] is True
    assert lifecycle.autosave_timer.isActive()
    lifecycle.autosave_timer.timeout.emit()
    with lifecycle.ctx.db.session() as s:
        recovery = draft_store.recovery_for(s, lifecycle.model.draft.doc_id)
    assert recovery is not None
    assert recovery.draft.sections[1].blocks[0].text == "Kết quả tốt."


def test_save_stores_the_text_and_reports_it(part):
    lifecycle, editing = part
    saved, messages = [], []
    lifecycle.saved.connect(lambda: saved.append(True))
    lifecycle.message.connect(lambda text, _ms: messages.append(text))
    editing.edit_text(_first_key(lifecycle), "Đã lưu.", [], 0, 7)
    lifecycle.save()
    assert saved and not lifecycle.modified and lifecycle.saved_at is not None
    assert messages[-1] == "Đã lưu văn bản."
    with lifecycle.ctx.db.session() as s:
        stored = draft_store.load_draft(s, lifecycle.model.draft.doc_id)
    assert stored.sections[1].blocks[0].text == "Đã lưu."


def test_closing_asks_and_discarding_forgets_the_autosave(part, _answers):
    lifecycle, editing = part
    assert lifecycle.confirm_close()  # nothing changed: no question
    assert _answers["asked"] == []
    editing.edit_text(_first_key(lifecycle), "Bỏ đi", [], 0, 5)
    lifecycle.autosave_now()
    _answers["close"] = "cancel"
    assert not lifecycle.confirm_close()
    _answers["close"] = "discard"
    assert lifecycle.confirm_close()
    with lifecycle.ctx.db.session() as s:
        assert draft_store.recovery_for(s, lifecycle.model.draft.doc_id) is None


def test_a_stale_save_offers_a_new_draft(part, _answers, monkeypatch):
    from ketluan_desktop.ui import stale_dialog

    def choose(parent, error, *, theirs, mine, keep_label=None):  # «Giữ bản của tôi …»
        _answers["asked"].append(error.message)
        assert "Máy B" in theirs and "Máy A" in mine
        return stale_dialog.KEEP

    monkeypatch.setattr(stale_dialog, "ask_stale_choice", choose)
    lifecycle, editing = part
    doc_id = lifecycle.model.draft.doc_id
    with lifecycle.ctx.db.write_session() as s:  # another workstation saves meanwhile
        other = draft_store.load_draft(s, doc_id)
        other.sections[1].blocks[0].text = "Máy B"
        draft_store.save_draft(s, other, now=lifecycle.ctx.now())
    editing.edit_text(_first_key(lifecycle), "Máy A", [], 0, 5)
    lifecycle.save()
    assert "vừa được lưu từ nơi khác" in _answers["asked"][-1]
    assert lifecycle.model.draft.doc_id != doc_id and not lifecycle.modified


def test_reference_lookups_work_without_a_window(part):
    from ketluan_desktop.ui.documents import references

    lifecycle, _editing = part
    draft, ctx = lifecycle.model.draft, lifecycle.ctx
    ref = references.DraftRef.of(draft)
    expected = references.expected_number(ctx.db, ref, ctx.today())
    assert references.number_hint(ref, expected).startswith("cấp khi ban hành (dự kiến")
    choices = references.load_choices(ctx.db)
    assert choices.units and choices.people and choices.usual_recipients
    profile_id, profile = references.layout_profile(ctx.db, ref)
    assert profile_id == draft.layout_profile_id and profile is not None

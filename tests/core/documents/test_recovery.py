"""Crash recovery in core: which drafts have autosaved text, restoring it, and the kept history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ketluan_desktop.core.documents import draft_saving as draft_store
from ketluan_desktop.core.documents import recovery
from ketluan_desktop.core.documents.draft import Draft


def _autosave(db, doc_id, now, text, *, workstation="lan@VP-01", minutes=5):
    """What an editor does 30 s after typing: the unsaved state in the autosave column."""
    with db.write_session() as s:
        draft = draft_store.load_draft(s, doc_id)
        draft.sections[1].blocks[0].text = text
        draft_store.autosave(
            s, draft, now=now + timedelta(minutes=minutes), workstation=workstation
        )


def _saved_text(db, doc_id):
    with db.session() as s:
        return draft_store.load_draft(s, doc_id).sections[1].blocks[0].text


def test_the_change_is_measured_in_words_and_paragraphs():
    old = Draft.from_json(Draft().to_json())
    old.subject = "Hội nghị"
    new = Draft.from_json(old.to_json())
    assert recovery.measure_change(old, new).empty
    from ketluan_desktop.core.documents.draft import DraftBlock, DraftSection

    new.sections = [DraftSection(heading=None, blocks=[DraftBlock(text="Một hai ba bốn năm")])]
    old.sections = [DraftSection(heading=None, blocks=[DraftBlock(text="Một hai sáu")])]
    change = recovery.measure_change(old, new)
    assert (change.words_added, change.words_removed, change.paragraphs) == (3, 1, 1)
    assert change.describe() == "thêm 3 từ, bớt 1 từ ở 1 đoạn"
    new.sections[0].blocks[0].text = old.sections[0].blocks[0].text
    new.sections[0].blocks[0].kind = "bullet"
    assert recovery.measure_change(old, new).describe() == "sửa định dạng hoặc thông tin khác"


def test_recoverable_drafts_lists_newer_different_autosaves_of_this_workstation(
    db, make_draft, now
):
    a = make_draft(subject="Kết luận hội nghị tháng 11")
    b = make_draft(subject="Thông báo", type_code="TB")
    c = make_draft(subject="Giống hệt")
    d = make_draft(subject="Máy khác")
    _autosave(db, a, now, "Đoạn gõ dở khi máy mất điện", minutes=9)
    _autosave(db, b, now, "Một đoạn khác", minutes=4)
    with db.write_session() as s:  # an autosave identical to the saved text is nothing to recover
        draft_store.autosave(s, draft_store.load_draft(s, c), now=now + timedelta(minutes=3))
    _autosave(db, d, now, "Của máy khác", workstation="hoa@VP-02")
    with db.session() as s:
        got = recovery.recoverable_drafts(s, workstation="lan@VP-01")
        everyone = recovery.recoverable_drafts(s)
    assert [r.doc_id for r in got] == [a, b]
    assert {r.doc_id for r in everyone} == {a, b, d}
    first = got[0]
    assert first.label == "Kết luận dự thảo — Kết luận hội nghị tháng 11"
    assert first.autosaved_at == now + timedelta(minutes=9)
    assert first.change.words_added == 7 and first.change.paragraphs == 1


def test_restoring_saves_the_autosave_and_keeps_the_text_it_replaced(db, make_draft, now):
    doc_id = make_draft()
    with db.write_session() as s:
        draft = draft_store.load_draft(s, doc_id)
        draft.sections[1].blocks[0].text = "Bản đã lưu"
        draft_store.save_draft(s, draft, now=now)
    _autosave(db, doc_id, now, "Bản đã lưu và phần gõ thêm")
    with db.write_session() as s:
        result = recovery.restore_autosave(s, doc_id, now=now + timedelta(hours=1))
    assert result.restored and result.note is None
    assert _saved_text(db, doc_id) == "Bản đã lưu và phần gõ thêm"
    with db.session() as s:
        assert recovery.recoverable_drafts(s) == []
        assert draft_store.recovery_for(s, doc_id) is None
        (kept,) = recovery.kept_copies(s, doc_id)
    assert kept.reason == recovery.REPLACED and kept.change.words_removed == 4
    with db.write_session() as s:  # and back again, from the history
        recovery.restore_copy(s, kept.id, now=now + timedelta(hours=2))
    assert _saved_text(db, doc_id) == "Bản đã lưu"
    with db.session() as s:
        (kept,) = recovery.kept_copies(s, doc_id)
    assert kept.reason == recovery.REPLACED and kept.change.words_added == 4


def test_declining_keeps_the_autosave_until_it_is_discarded(db, make_draft, now):
    doc_id = make_draft()
    _autosave(db, doc_id, now, "Không khôi phục lúc này")
    with db.write_session() as s:
        recovery.keep_autosave(s, doc_id, now=now + timedelta(hours=1))
    with db.session() as s:
        assert recovery.recoverable_drafts(s) == []
        (kept,) = recovery.kept_copies(s, doc_id)
        assert recovery.copy_draft_text(s, kept.id).sections[1].blocks[0].text == (
            "Không khôi phục lúc này"
        )
    assert kept.reason == recovery.DECLINED and kept.written_at == now + timedelta(minutes=5)
    assert _saved_text(db, doc_id) == ""  # the saved text is left as it was
    with db.write_session() as s:
        recovery.discard_copy(s, kept.id)
    with db.session() as s:
        assert recovery.kept_copies(s, doc_id) == []


def test_another_workstations_save_keeps_our_autosave_in_the_history(db, make_draft, now):
    doc_id = make_draft()
    _autosave(db, doc_id, now, "Máy A gõ dở rồi mất điện", workstation="lan@VP-01")
    with db.write_session() as s:  # workstation B saves the same draft meanwhile
        other = draft_store.load_draft(s, doc_id)
        other.sections[1].blocks[0].text = "Máy B đã lưu"
        draft_store.save_draft(s, other, now=now + timedelta(minutes=6), workstation="hoa@VP-02")
    with db.session() as s:
        assert recovery.recoverable_drafts(s) == []
        (kept,) = recovery.kept_copies(s, doc_id)
        text = recovery.copy_draft_text(s, kept.id).sections[1].blocks[0].text
    assert kept.reason == recovery.ELSEWHERE and text == "Máy A gõ dở rồi mất điện"


def test_an_autosave_older_than_a_save_made_elsewhere_is_kept_not_written(db, make_draft, now):
    doc_id = make_draft()
    with db.write_session() as s:  # workstation A's editor opens version 1 …
        mine = draft_store.load_draft(s, doc_id)
    with db.write_session() as s:  # … B saves version 2 …
        other = draft_store.load_draft(s, doc_id)
        other.sections[1].blocks[0].text = "Máy B đã lưu"
        draft_store.save_draft(s, other, now=now + timedelta(minutes=1))
    mine.sections[1].blocks[0].text = "Máy A gõ dở"
    with db.write_session() as s:  # … then A autosaves its text of version 1 and dies.
        draft_store.autosave(s, mine, now=now + timedelta(minutes=2), workstation="lan@VP-01")
    with db.write_session() as s:
        result = recovery.restore_autosave(s, doc_id, now=now + timedelta(hours=1))
    assert not result.restored and "lưu từ nơi khác" in result.note
    assert _saved_text(db, doc_id) == "Máy B đã lưu"
    with db.session() as s:
        (kept,) = recovery.kept_copies(s, doc_id)
    assert kept.reason == recovery.REFUSED


def test_an_autosave_that_cannot_be_saved_is_kept_and_the_draft_is_untouched(db, make_draft, now):
    from ketluan_desktop.core.documents.draft import TaskInfo

    doc_id = make_draft()
    with db.write_session() as s:  # a key task on a plain paragraph: save_draft refuses it
        draft = draft_store.load_draft(s, doc_id)
        draft.sections[1].blocks[0].text = "Không phải gạch đầu dòng"
        draft.sections[1].blocks[0].task = TaskInfo()
        draft_store.autosave(s, draft, now=now + timedelta(minutes=5))
    with db.write_session() as s:
        result = recovery.restore_autosave(s, doc_id, now=now + timedelta(hours=1))
    assert not result.restored and "gạch đầu dòng" in result.note
    with db.session() as s:
        (kept,) = recovery.kept_copies(s, doc_id)
        assert kept.reason == recovery.REFUSED
        assert draft_store.recovery_for(s, doc_id) is None


def test_kept_texts_go_with_their_draft(db, make_draft, now):
    from ketluan_desktop.core.documents import records as documents
    from ketluan_desktop.core.documents.models import KeptAutosave

    doc_id = make_draft()
    _autosave(db, doc_id, now, "Giữ lại")
    with db.write_session() as s:
        recovery.keep_autosave(s, doc_id, now=now)
    with db.write_session() as s:
        documents.delete_draft(s, doc_id, now=now)
    with db.session() as s:
        assert s.query(KeptAutosave).count() == 0


def test_an_issued_document_cannot_take_a_kept_text_back(db, make_draft, now):
    from ketluan_desktop.core.documents import records as documents
    from ketluan_desktop.core.errors import DocumentStateError

    doc_id = make_draft()
    _autosave(db, doc_id, now, "Giữ lại")
    with db.write_session() as s:
        recovery.keep_autosave(s, doc_id, now=now)
        documents.issue(s, doc_id, now=now)
    with db.session() as s:
        (kept,) = recovery.kept_copies(s, doc_id)
    with pytest.raises(DocumentStateError), db.write_session() as s:
        recovery.restore_copy(s, kept.id, now=now)

"""Dự thảo → Ban hành → Đã ký: numbers per type and term, read-only after issue, replacements."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from ketluan_desktop.core.documents import draft_saving as draft_store
from ketluan_desktop.core.documents import layout_profiles, rendering
from ketluan_desktop.core.documents import records as documents
from ketluan_desktop.core.documents.content import DocumentStatus
from ketluan_desktop.core.documents.draft import TaskInfo
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import DocumentStateError, ValidationError
from ketluan_desktop.core.org.models import NumberingScheme, Organisation
from ketluan_desktop.core.tasks.models import Task, TaskUpdate


def issue(db, doc_id, when):
    with db.write_session() as s:
        doc = documents.issue(s, doc_id, now=when, username="vanthu")
        return doc.number_symbol


def test_numbers_run_per_type_within_the_term_and_a_notice_starts_at_01(db, make_draft, now):
    assert issue(db, make_draft("KL"), now) == "01-KL/ĐUK"
    assert issue(db, make_draft("KL"), now) == "02-KL/ĐUK"
    assert issue(db, make_draft("TB"), now) == "01-TB/ĐUK"
    assert issue(db, make_draft("KL"), now) == "03-KL/ĐUK"


def test_party_numbers_are_not_reset_on_new_year_but_are_in_a_new_term(db, make_draft, now):
    tz = now.tzinfo
    assert issue(db, make_draft("KL"), datetime(2024, 12, 30, 9, tzinfo=tz)) == "01-KL/ĐUK"
    assert issue(db, make_draft("KL"), datetime(2025, 1, 2, 9, tzinfo=tz)) == "02-KL/ĐUK"
    assert issue(db, make_draft("KL"), datetime(2025, 7, 1, 9, tzinfo=tz)) == "01-KL/ĐUK"  # khóa IX


def test_a_body_on_the_state_scheme_restarts_every_year(db, make_draft, now):
    with db.write_session() as s:
        body = s.scalars(select(Organisation).where(Organisation.kind == "issuing_body")).one()
        body.numbering_scheme = NumberingScheme.STATE.value
    tz = now.tzinfo
    assert issue(db, make_draft("KL"), datetime(2024, 12, 30, 9, tzinfo=tz)) == "01-KL/ĐUK"
    assert issue(db, make_draft("KL"), datetime(2024, 12, 31, 9, tzinfo=tz)) == "02-KL/ĐUK"
    assert issue(db, make_draft("KL"), datetime(2025, 1, 2, 9, tzinfo=tz)) == "01-KL/ĐUK"


def test_issue_stamps_date_issuer_term_profile_pages_and_makes_it_read_only(db, make_draft, now):
    doc_id = make_draft("KL")
    issue(db, doc_id, now)
    with db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.status == DocumentStatus.ISSUED.value
        assert doc.doc_date == now.date() and doc.issued_at == now and doc.issued_by == "vanthu"
        assert doc.issuer_name == "Đảng ủy Khối các cơ quan tỉnh"
        assert doc.numbering_scope == f"term:{doc.term_id}"
        assert doc.layout_snapshot["name"] == "HD 36-HD/VPTW (2018)"
        assert doc.layout_profile_id and doc.pages == 1
        assert doc.file_keeper == "Văn phòng Đảng ủy Khối"
    with db.write_session() as s, pytest.raises(DocumentStateError, match="Đã ban hành"):
        documents.issue(s, doc_id, now=now)


def test_a_draft_missing_parts_is_not_issued_and_takes_no_number(db, make_draft, now):
    doc_id = make_draft("KL", subject=None, text="")
    with db.write_session() as s:
        d = draft_store.load_draft(s, doc_id)
        d.subject = ""
        d.signer_name = ""
        for section in d.sections:
            for b in section.blocks:
                b.text = ""
        draft_store.save_draft(s, d, now=now)
    with db.write_session() as s, pytest.raises(ValidationError) as err:
        documents.issue(s, doc_id, now=now)
    assert "trích yếu, nội dung, họ tên người ký" in str(err.value)
    assert issue(db, make_draft("KL"), now) == "01-KL/ĐUK"  # nothing was used up


def test_no_term_covering_the_date_is_explained(db, make_draft, now):
    doc_id = make_draft("KL")
    with db.write_session() as s, pytest.raises(ValidationError, match="Chưa có nhiệm kỳ"):
        documents.issue(s, doc_id, now=datetime(2031, 1, 5, tzinfo=now.tzinfo))


def test_reexport_uses_the_frozen_profile_after_the_profile_changes(db, make_draft, now):
    doc_id = make_draft("KL")
    issue(db, doc_id, now)
    with db.write_session() as s:
        copy = layout_profiles.duplicate(s, layout_profiles.default(s)[0], now=now)
        data = {**layout_profiles.get(s, copy.id).to_dict(), "body_size": 13.0, "name": copy.name}
        layout_profiles.save(s, copy.id, data, now=now)
        layout_profiles.set_default(s, copy.id)
    with db.session() as s:
        _, profile = rendering.content_and_profile(s, doc_id)
        assert profile.body_size == 14.0 and profile.name == "HD 36-HD/VPTW (2018)"
        fresh = layout_profiles.for_draft(s, None)
        assert fresh.body_size == 13.0  # new drafts take the new default


def test_replacement_keeps_the_link_both_ways_and_takes_a_new_number(db, make_draft, now):
    old_id = make_draft("KL")
    issue(db, old_id, now)
    with db.write_session() as s:
        new = draft_store.copy_as_draft(s, old_id, now=now, replaces=True)
        new_id = new.id
    with db.write_session() as s:  # asking twice gives the same draft
        assert draft_store.copy_as_draft(s, old_id, now=now, replaces=True).id == new_id
    assert issue(db, new_id, now + timedelta(hours=1)) == "02-KL/ĐUK"
    with db.session() as s:
        old, new = s.get(Document, old_id), s.get(Document, new_id)
        assert new.replaces_id == old_id
        assert documents.replaced_by(s, old_id).id == new_id
        assert old.status == DocumentStatus.REPLACED.value
    with db.write_session() as s, pytest.raises(DocumentStateError, match="đã được thay thế"):
        draft_store.copy_as_draft(s, old_id, now=now, replaces=True)


def test_replacement_carries_task_progress_to_the_new_document(db, make_draft, now):
    old_id = make_draft("KL")
    with db.write_session() as s:
        d = draft_store.load_draft(s, old_id)
        d.sections[2].blocks[1].text = "Nhiệm vụ cũ."
        d.sections[2].blocks[1].task = TaskInfo()
        draft_store.save_draft(s, d, now=now)
        task_id = d.sections[2].blocks[1].task.task_id
    issue(db, old_id, now)
    with db.write_session() as s:
        s.add(TaskUpdate(task_id=task_id, update_date=now.date(), text="50%", created_at=now))
    with db.write_session() as s:
        new_id = draft_store.copy_as_draft(s, old_id, now=now, replaces=True).id
        d = draft_store.load_draft(s, new_id)
        d.sections[2].blocks[1].text = "Nhiệm vụ đã sửa."
        draft_store.save_draft(s, d, now=now)
    issue(db, new_id, now)
    with db.session() as s:
        task = s.get(Task, task_id)
        assert task.document_id == new_id and task.text == "Nhiệm vụ đã sửa."
        assert [u.text for u in task.updates] == ["50%"]
        assert s.scalars(select(Task).where(Task.document_id == new_id)).all() == [task]


def test_duplicate_is_a_fresh_draft_and_signing_follows_issue(db, make_draft, now):
    doc_id = make_draft("TB")
    with db.write_session() as s, pytest.raises(DocumentStateError, match="Chỉ văn bản đã ban"):
        documents.mark_signed(s, doc_id, now=now)
    number = issue(db, doc_id, now)
    with db.write_session() as s:
        documents.mark_signed(s, doc_id, now=now)
        dup = draft_store.copy_as_draft(s, doc_id, now=now)
        assert dup.status == "draft" and dup.number_symbol is None and dup.replaces_id is None
        assert dup.subject == s.get(Document, doc_id).subject
        dup_id = dup.id
    with db.session() as s:
        assert s.get(Document, doc_id).status == DocumentStatus.SIGNED.value
        assert s.get(Document, doc_id).number_symbol == number
    with db.write_session() as s:
        documents.delete_draft(s, dup_id, now=now)
        with pytest.raises(DocumentStateError, match="không xóa được"):
            documents.delete_draft(s, doc_id, now=now)


def test_issue_refuses_a_stale_editor_version(db, make_draft, now):
    from ketluan_desktop.core.errors import ConflictError

    doc_id = make_draft("KL")
    with db.write_session() as s, pytest.raises(ConflictError):
        documents.issue(s, doc_id, now=now, expected_version=1)

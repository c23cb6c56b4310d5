"""Saving drafts: rows kept in place, key tasks in step with their bullets, conflicts, autosave."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ketluan_desktop.core.documents import draft_saving as draft_store
from ketluan_desktop.core.documents import records as documents
from ketluan_desktop.core.documents import templates
from ketluan_desktop.core.documents.draft import Draft, DraftBlock, DraftSection, TaskInfo
from ketluan_desktop.core.documents.models import Block, CitedDocument, Document
from ketluan_desktop.core.errors import ConflictError, DocumentStateError, ValidationError
from ketluan_desktop.core.tasks import listing as tasks
from ketluan_desktop.core.tasks.models import Task, TaskUpdate


def _new(db, now, **kw) -> Draft:
    with db.session() as s:
        d = templates.new_draft(s, "KL", today=now.date(), **kw)
    d.subject = "Hội nghị thử"
    d.sections[0].blocks[0].text = "Mở đầu."
    return d


def _save(db, d, now):
    with db.write_session() as s:
        draft_store.save_draft(s, d, now=now)


def test_saving_twice_updates_the_same_rows(db, office, now):
    d = _new(db, now)
    _save(db, d, now)
    ids = [b.db_id for b in d.blocks()]
    assert all(ids)
    d.sections[1].blocks[0].text = "Đánh giá chung."
    d.sections[1].blocks.append(DraftBlock(text="Đoạn mới."))
    _save(db, d, now)
    assert [b.db_id for b in d.blocks() if b.text != "Đoạn mới."] == ids
    with db.session() as s:
        again = draft_store.load_draft(s, d.doc_id)
    assert [b.text for b in again.blocks()] == [b.text for b in d.blocks()]
    assert [b.db_id for b in again.blocks()] == [b.db_id for b in d.blocks()]
    assert again.version == d.version


def test_a_block_moved_to_another_section_keeps_its_row_and_its_task(db, office, now):
    d = _new(db, now)
    bullet = d.sections[2].blocks[1]
    bullet.text = "Tiếp tục bám sát các chỉ tiêu của Nghị quyết số 28-NQ/TU."
    bullet.task = TaskInfo(lead_unit_id=office["Ban Tổ chức"], deadline=date(2026, 12, 31))
    _save(db, d, now)
    row_id, task_id = bullet.db_id, bullet.task.task_id
    assert task_id
    d.sections[2].blocks.remove(bullet)
    d.sections[1].blocks.append(bullet)
    _save(db, d, now)
    with db.session() as s:
        block = s.get(Block, row_id)
        assert block is not None and block.section_id == d.sections[1].db_id
        task = s.get(Task, task_id)
        assert task.block_id == row_id and task.section_id == d.sections[1].db_id


def test_marked_bullet_appears_in_the_tracker_and_follows_its_text(db, office, now):
    d = _new(db, now)
    bullet = d.sections[2].blocks[1]
    bullet.text = "Lãnh đạo xây dựng kế hoạch thực hiện Chỉ thị số 35-CT/TW."
    bullet.task = TaskInfo(
        lead_unit_id=office["Ban Tổ chức"],
        co_unit_ids=[office["Văn phòng"], office["Ủy ban Kiểm tra"]],
        deadline=date(2026, 12, 31),
        deadline_text="6 tháng cuối năm 2026",
    )
    _save(db, d, now)
    with db.session() as s:
        rows = tasks.list_tasks(s, today=now.date(), document_id=d.doc_id)
        assert [(r.text, r.lead_unit, r.deadline_text) for r in rows] == [
            (bullet.text, "Ban Tổ chức", "6 tháng cuối năm 2026")
        ]
        task = s.get(Task, bullet.task.task_id)
        assert sorted(u.id for u in task.co_units) == sorted(bullet.task.co_unit_ids)
        assert [c.number_symbol for c in task.cited] == []  # cited links come with issue 5
    bullet.text = "Lãnh đạo xây dựng và triển khai kế hoạch thực hiện Chỉ thị số 35-CT/TW."
    _save(db, d, now)
    with db.session() as s:
        assert tasks.list_tasks(s, today=now.date(), document_id=d.doc_id)[0].text == bullet.text
    bullet.task = None
    _save(db, d, now)
    with db.session() as s:
        assert tasks.list_tasks(s, today=now.date(), document_id=d.doc_id) == []


def test_a_task_with_progress_reports_cannot_be_unmarked(db, office, now):
    d = _new(db, now)
    d.sections[2].blocks[1].text = "Một nhiệm vụ."
    d.sections[2].blocks[1].task = TaskInfo()
    _save(db, d, now)
    with db.write_session() as s:
        s.add(
            TaskUpdate(
                task_id=d.sections[2].blocks[1].task.task_id,
                update_date=now.date(),
                text="Đã làm.",
                created_at=now,
            )
        )
    d.sections[2].blocks[1].task = None
    with pytest.raises(ValidationError, match="đã có báo cáo tiến độ"):
        _save(db, d, now)


def test_only_bullets_with_text_can_be_tasks(db, office, now):
    d = _new(db, now)
    d.sections[1].blocks[0].task = TaskInfo()
    d.sections[1].blocks[0].text = "Một đoạn văn."
    with pytest.raises(ValidationError, match="Chỉ gạch đầu dòng"):
        _save(db, d, now)


def test_cited_documents_are_registered_with_their_mentions(db, office, now):
    d = _new(db, now)
    d.sections[1].blocks[0].text = (
        "Thực hiện Chỉ thị số 34-CT/TU, ngày 20/4/2024 của Ban Thường vụ Tỉnh ủy và Nghị quyết "
        "số 28-NQ/TU. Bám sát Chỉ thị số 34-CT/TU."
    )
    _save(db, d, now)
    with db.session() as s:
        doc = s.get(Document, d.doc_id)
        cited = {c.cited.number_symbol: c.mentions for c in doc.citations}
        assert cited == {"34-CT/TU": 2, "28-NQ/TU": 1}
        row = s.scalars(
            select(CitedDocument).where(CitedDocument.number_symbol == "34-CT/TU")
        ).one()
        assert row.doc_date == date(2024, 4, 20) and row.issuer == "Ban Thường vụ Tỉnh ủy"
    d.sections[1].blocks[0].text = "Không còn viện dẫn."
    _save(db, d, now)
    with db.session() as s:
        assert s.get(Document, d.doc_id).citations == []


def test_a_save_made_elsewhere_is_reported_not_overwritten(db, office, now):
    d = _new(db, now)
    _save(db, d, now)
    with db.session() as s:
        other = draft_store.load_draft(s, d.doc_id)
    other.subject = "Sửa trên máy khác"
    _save(db, other, now + timedelta(minutes=1))
    d.subject = "Sửa trên máy này"
    with pytest.raises(ConflictError, match="vừa được lưu từ nơi khác"):
        _save(db, d, now + timedelta(minutes=2))
    with db.session() as s:
        assert s.get(Document, d.doc_id).subject == "Sửa trên máy khác"


def test_autosave_keeps_the_version_and_is_offered_back(db, office, now):
    d = _new(db, now)
    _save(db, d, now)
    version = d.version
    d.sections[1].blocks[0].text = "Gõ dở chưa lưu"
    with db.write_session() as s:
        draft_store.autosave(s, d, now=now + timedelta(seconds=30))
    with db.session() as s:
        assert s.get(Document, d.doc_id).version == version
        rec = draft_store.recovery_for(s, d.doc_id)
    assert rec is not None and rec.autosaved_at == now + timedelta(seconds=30)
    assert rec.draft.sections[1].blocks[0].text == "Gõ dở chưa lưu"
    _save(db, rec.draft, now + timedelta(minutes=1))
    with db.session() as s:
        assert draft_store.recovery_for(s, d.doc_id) is None
        assert draft_store.load_draft(s, d.doc_id).sections[1].blocks[0].text == "Gõ dở chưa lưu"


def test_draft_json_round_trip_keeps_keys_marks_and_tasks():
    d = Draft(
        subject="Thử",
        doc_date=date(2026, 1, 5),
        sections=[
            DraftSection(
                heading=None,
                blocks=[DraftBlock(text="In đậm", marks=[[0, 2, "b"]])],
            ),
            DraftSection(
                heading="Nhiệm vụ",
                blocks=[
                    DraftBlock(kind="bullet", text="Làm", task=TaskInfo(3, [4], date(2026, 2, 1)))
                ],
            ),
        ],
    )
    back = Draft.from_json(d.to_json())
    assert back == d


def test_an_issued_document_cannot_be_saved_as_a_draft(db, office, now, make_draft):
    doc_id = make_draft()
    with db.write_session() as s:
        documents.issue(s, doc_id, now=now)
    with db.session() as s:
        d = draft_store.load_draft(s, doc_id)
    with pytest.raises(DocumentStateError, match="tạo văn bản thay thế"):
        _save(db, d, now)


def test_every_save_takes_a_new_version_even_for_body_only_changes(db, office, now):
    d = _new(db, now)
    _save(db, d, now)
    v = d.version
    d.sections[1].blocks[0].text = "Chỉ sửa thân bài"
    _save(db, d, now)  # same clock: updated_at does not change
    assert d.version == v + 1

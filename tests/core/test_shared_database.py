"""Two workstations on one database (a SQLite file, a PostgreSQL server): a stale save is refused
with who and when, what was typed stays, and each commit is announced to the other workstation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from engines import target_of

from ketluan_desktop.core.db import open_database
from ketluan_desktop.core.db.listening import ChangeListener
from ketluan_desktop.core.db.versioning import StaleEditError


@pytest.fixture
def second(db):
    """The other workstation: its own engine and connections on the same database."""
    other = open_database(target_of(db))
    other.username = "Trần Thị Bình"
    db.username = "Nguyễn Văn An"
    yield other
    other.dispose()


def _task(db, now, text="Rà soát hồ sơ đảng viên") -> int:
    from ketluan_desktop.core.tasks import editing

    with db.write_session() as s:
        return editing.create_task(s, editing.TaskInput(text=text), now=now, today=now.date()).id


def test_a_stale_task_save_names_who_saved_it_and_when_and_changes_nothing(db, second, now):
    from ketluan_desktop.core.tasks import editing
    from ketluan_desktop.core.tasks.models import Task

    task_id = _task(db, now)
    with db.session() as s:
        seen = s.get(Task, task_id).version  # both forms open the task at this version
    with second.write_session() as s:
        editing.update_task(
            s, task_id, editing.TaskInput(text="Bản của chị Bình"), expected_version=seen,
            now=now, today=now.date(),
        )  # fmt: skip
    mine = editing.TaskInput(text="Bản của anh An")
    with pytest.raises(StaleEditError) as err, db.write_session() as s:
        later = now + timedelta(hours=1)
        editing.update_task(s, task_id, mine, expected_version=seen, now=later, today=now.date())
    message = err.value.message
    assert "«Trần Thị Bình»" in message and "lúc " in message and "chưa được lưu" in message
    assert err.value.entity == "task" and err.value.entity_id == task_id
    assert err.value.last.changed_by == "Trần Thị Bình" and err.value.last.version == seen + 1
    assert mine.text == "Bản của anh An"  # what was typed is still there
    with db.session() as s:
        row = s.get(Task, task_id)
        assert (row.text, row.version, row.changed_by) == (
            "Bản của chị Bình",
            seen + 1,
            "Trần Thị Bình",
        )


def test_a_stale_draft_is_refused_and_kept_as_a_new_draft(db, second, now):
    from ketluan_desktop.core.demo import office
    from ketluan_desktop.core.documents import draft_saving, templates
    from ketluan_desktop.core.documents.models import Document

    with db.write_session() as s:
        office.build(s)
    with db.write_session() as s:
        draft = templates.new_draft(s, "KL", today=now.date())
        draft.subject = "Kết luận thử"
        draft_saving.save_draft(s, draft, now=now)
    with second.session() as s:
        theirs = draft_saving.load_draft(s, draft.doc_id)
    theirs.sections[0].blocks[0].text = "Đoạn chị Bình viết."
    with second.write_session() as s:
        draft_saving.save_draft(s, theirs, now=now)
    draft.sections[0].blocks[0].text = "Đoạn anh An viết."
    with pytest.raises(StaleEditError) as err, db.write_session() as s:
        draft_saving.save_draft(s, draft, now=now)
    assert "«Trần Thị Bình»" in err.value.message and "Lưu thành dự thảo mới" in err.value.message
    # «Lưu thành dự thảo mới»: the same text, as a document of its own.
    original = draft.doc_id
    draft.doc_id = draft.version = None
    for section in draft.sections:
        section.db_id = None
        for block in section.blocks:
            block.db_id = None
    with db.write_session() as s:
        draft_saving.save_draft(s, draft, now=now)
    with db.session() as s:
        texts = {
            d.id: d.sections[0].blocks[0].text
            for d in s.query(Document).filter(Document.id.in_([original, draft.doc_id]))
        }
    assert texts == {original: "Đoạn chị Bình viết.", draft.doc_id: "Đoạn anh An viết."}


def test_each_commit_is_announced_to_the_other_workstation_with_its_area_and_ids(db, second, now):
    from ketluan_desktop.core.tasks import editing

    listener = ChangeListener(db.location, own_origin=db.origin)
    listener.open()
    try:
        task_id = _task(second, now, "Nhiệm vụ thêm ở máy chị Bình")
        with second.write_session() as s:
            editing.add_update(
                s, task_id, editing.UpdateInput(update_date=now.date(), text="Đã làm"), now=now
            )
        heard = []
        for _ in range(10):
            heard += listener.poll(1.0)
            if len(heard) >= 2:
                break
        assert [(c.area, c.ids) for c in heard] == [("tasks", (task_id,)), ("tasks", (task_id,))]
        assert {c.origin for c in heard} == {second.origin}
        _task(db, now, "Máy này tự thêm")  # its own changes it already knows
        assert listener.poll(1.0) == []
        with pytest.raises(RuntimeError), second.write_session() as s:  # rolled back: not heard
            editing.create_task(s, editing.TaskInput(text="Bỏ dở"), now=now, today=now.date())
            s.flush()
            raise RuntimeError
        assert listener.poll(1.0) == []
    finally:
        listener.close()

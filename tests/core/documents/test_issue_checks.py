"""Before «Ban hành»: the key tasks that would go out without a lead unit or a deadline."""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.documents.draft import Draft, DraftBlock, DraftSection, TaskInfo
from ketluan_desktop.core.documents.issue_checks import (
    incomplete_key_tasks,
    incomplete_key_tasks_of,
)


def _bullet(text: str, task: TaskInfo | None) -> DraftBlock:
    return DraftBlock(kind="bullet", text=text, task=task)


def test_tasks_without_a_unit_or_a_deadline_are_listed_in_reading_order():
    draft = Draft(
        sections=[
            DraftSection(heading=None, blocks=[DraftBlock(text="Mở đầu.")]),
            DraftSection(
                heading="Nhiệm vụ trọng tâm",
                blocks=[
                    _bullet("Đủ cả hai", TaskInfo(lead_unit_id=3, deadline=date(2026, 12, 31))),
                    _bullet("Thời hạn bằng chữ", TaskInfo(lead_unit_id=3, deadline_text="Quý I")),
                    _bullet("Chưa   giao  đơn vị", TaskInfo(deadline=date(2026, 12, 31))),
                    _bullet("Chưa có thời hạn", TaskInfo(lead_unit_id=3, deadline_text="  ")),
                    _bullet("Chưa giao gì", TaskInfo()),
                    _bullet("Không phải nhiệm vụ", None),
                ],
            ),
        ]
    )
    got = incomplete_key_tasks(draft)
    assert [(t.text, t.missing_unit, t.missing_deadline) for t in got] == [
        ("Chưa giao đơn vị", True, False),
        ("Chưa có thời hạn", False, True),
        ("Chưa giao gì", True, True),
    ]
    assert got[0].section == "1. Nhiệm vụ trọng tâm"
    assert got[0].key == draft.sections[1].blocks[2].key
    assert got[2].missing == "chưa có đơn vị chủ trì và thời hạn"
    assert got[1].missing == "chưa có thời hạn"


def test_the_check_on_a_stored_document(db, make_draft, now):
    from ketluan_desktop.core.documents import draft_saving as draft_store

    doc_id = make_draft()
    with db.write_session() as s:
        draft = draft_store.load_draft(s, doc_id)
        draft.sections[2].blocks[1].text = "Tổ chức đại hội"
        draft.sections[2].blocks[1].task = TaskInfo(deadline_text="thường xuyên")
        draft_store.save_draft(s, draft, now=now)
    with db.session() as s:
        got = incomplete_key_tasks_of(s, doc_id)
    assert [(t.text, t.missing) for t in got] == [("Tổ chức đại hội", "chưa có đơn vị chủ trì")]

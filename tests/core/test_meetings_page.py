"""The meetings list with its panes read at once (core/meetings/browsing.py): the same meetings,
documents and reading pane as reading the list, then the selected meeting's documents, then the
first document — whichever meeting is kept, under any filter, on both engines."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from ketluan_desktop.core.documents import draft_saving
from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.meetings import browsing
from ketluan_desktop.core.meetings import records as meeting_service
from ketluan_desktop.core.meetings.models import Meeting


def _reading(draft) -> str | None:
    """What the pane shows of a document: everything but the editor's keys and the order of a
    task's co-units (the set is stored, not an order)."""
    if draft is None:
        return None
    for block in draft.blocks():
        if block.task is not None:
            block.task.co_unit_ids = sorted(block.task.co_unit_ids)
    return re.sub(r"key='[0-9a-f]+'", "", repr(draft))


def _step_by_step(db, *, keep=None, **filters):
    """What the screen read before: the list, the chosen meeting's documents, the first one."""
    with db.session() as s:
        meetings = meeting_service.list_meetings(s, **filters)
        ids = [m.id for m in meetings]
        chosen = keep if keep in ids else (ids[0] if ids else None)
        if chosen is None:
            documents = doc_service.list_documents(s)
        else:
            documents = doc_service.list_documents(s, meeting_id=chosen)
    reading = None
    if documents:
        with db.session() as s:
            reading = draft_saving.load_draft(s, documents[0].id)
    return meetings, chosen, documents, reading


def _same(page: browsing.MeetingsPage, expected) -> None:
    meetings, chosen, documents, reading = expected
    assert page.meetings == meetings
    assert page.shown.meeting_id == chosen
    assert page.shown.documents == documents
    assert _reading(page.shown.reading) == _reading(reading)


@pytest.fixture
def second_meeting(demo_db, now):
    """A second, newer meeting with no document: the list's first row, an empty pane."""
    from ketluan_desktop.core.meetings.records import MeetingData

    with demo_db.write_session() as s:
        m = meeting_service.save(
            s,
            MeetingData(body="Ban Thường vụ", meeting_date=now.date(), session_number=7),
            now=now,
        )
        return m.id


@pytest.mark.parametrize(
    "filters",
    [{}, {"text": "19"}, {"text": "khong co hoi nghi nao"}, {"body": "Ban Chấp hành"}],
)
def test_the_page_is_what_the_steps_read(demo_db, filters):
    _same_for(demo_db, filters)


def _same_for(db, filters, keep=None):
    with db.session() as s:
        page = browsing.meetings_page(s, keep=keep, **filters)
    _same(page, _step_by_step(db, keep=keep, **filters))
    return page


def test_the_kept_meeting_stays_chosen_and_a_filtered_out_one_gives_way(demo_db, second_meeting):
    with demo_db.session() as s:
        demo_meeting = s.scalar(select(Meeting.id).where(Meeting.id != second_meeting))
    newest = _same_for(demo_db, {})
    assert newest.shown.meeting_id == second_meeting  # the newest first
    assert newest.shown.documents == [] and newest.shown.reading is None
    kept = _same_for(demo_db, {}, keep=demo_meeting)
    assert kept.shown.meeting_id == demo_meeting and kept.shown.reading is not None
    # Filtered out of the list: the first meeting listed is chosen instead.
    gone = _same_for(demo_db, {"body": "Ban Thường vụ"}, keep=demo_meeting)
    assert gone.shown.meeting_id == second_meeting
    # Nothing listed: every document, as the screen shows with no meeting selected.
    nothing = _same_for(demo_db, {"text": "khong co"}, keep=demo_meeting)
    assert nothing.meetings == [] and nothing.shown.meeting_id is None
    with demo_db.session() as s:
        assert len(nothing.shown.documents) == len(list(s.scalars(select(Document.id))))


def test_one_meetings_documents_with_the_first_read(demo_db):
    with demo_db.session() as s:
        meeting_id = s.scalar(select(Document.meeting_id).where(Document.meeting_id.is_not(None)))
        shown = browsing.meeting_documents(s, meeting_id)
        expected = doc_service.list_documents(s, meeting_id=meeting_id)
        everything = browsing.meeting_documents(s, None)
    assert shown.meeting_id == meeting_id and shown.documents == expected
    with demo_db.session() as s:
        first = draft_saving.load_draft(s, expected[0].id)
    assert _reading(shown.reading) == _reading(first)
    assert everything.meeting_id is None
    with demo_db.session() as s:
        assert everything.documents == doc_service.list_documents(s)

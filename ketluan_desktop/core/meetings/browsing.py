"""What the meetings list shows at once: the meetings under the filters, the documents of the one
selected, and the first of those in the reading pane — read side by side on a database server.

On a server 20 ms away the list, then the selected meeting's documents, then the reading pane
were three steps of a round trip or more each. Here every read depends only on the filters and
the meeting the list had selected: which meeting's documents to show (the one kept, else the
first under the filters) and which document to read (the first of them) are subqueries of the
reads themselves, so all of them leave at once — one round trip. On SQLite they run in turn in
the caller's session, with the same results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ketluan_desktop.core.db.gathering import gather_in
from ketluan_desktop.core.documents import approval, draft_saving
from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.draft import Draft
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.meetings import records as meetings
from ketluan_desktop.core.meetings.models import Meeting
from ketluan_desktop.core.meetings.records import MeetingRow
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.tasks.models import Task, task_co_unit


@dataclass(frozen=True)
class MeetingDocuments:
    """A meeting's documents (every document when ``meeting_id`` is None), newest first, and the
    first one as the reading pane shows it (None: there is no document)."""

    meeting_id: int | None
    documents: list[doc_service.DocumentRow]
    reading: Draft | None


@dataclass(frozen=True)
class MeetingsPage:
    """The list under the filters and what the panes beside it show: the documents of the meeting
    kept selected (when the filters still list it), else of the first one listed, else every
    document (as the screen shows when no meeting is selected)."""

    meetings: list[MeetingRow]
    shown: MeetingDocuments


def meetings_page(
    session: Session,
    *,
    year: int | None = None,
    body: str | None = None,
    text: str | None = None,
    keep: int | None = None,
) -> MeetingsPage:
    """The meetings list with the panes beside it, in one round trip on a server."""
    listed = meetings.filtered(select(Meeting.id), year=year, body=body, text=text)
    first = meetings.newest_first(listed).limit(1).scalar_subquery()
    chosen: ColumnElement[Any] = first
    if keep is not None:
        chosen = func.coalesce(listed.where(Meeting.id == keep).scalar_subquery(), first)
    rows, *found = gather_in(
        session,
        lambda s: meetings.list_meetings(s, year=year, body=body, text=text),
        *_document_reads(or_(chosen.is_(None), Document.meeting_id == chosen)),
    )
    # The meeting the subqueries chose, as the list read it.
    ids = [m.id for m in rows]
    meeting_id = keep if keep in ids else (ids[0] if ids else None)
    return MeetingsPage(rows, _assemble(session, meeting_id, *found))


def meeting_documents(session: Session, meeting_id: int | None) -> MeetingDocuments:
    """One meeting's documents and the first one read for the pane (every document when
    ``meeting_id`` is None): one round trip on a server."""
    where = Document.meeting_id == meeting_id if meeting_id is not None else None
    return _assemble(session, meeting_id, *gather_in(session, *_document_reads(where)))


# ------------------------------------------------------------------------------ the reads
def _document_order(stmt: Select) -> Select:
    return stmt.order_by(Document.doc_date.desc().nulls_last(), Document.id.desc())


def _document_reads(where: ColumnElement[bool] | None) -> list[Callable[[Session], Any]]:
    """The documents under ``where`` newest first; the first one's sections, paragraphs,
    recipients, tasks (with their co-units) and what the office calls its approver — each one
    statement, the first document found by a subquery of each."""
    listed = select(Document) if where is None else select(Document).where(where)
    first_id = _document_order(listed.with_only_columns(Document.id)).limit(1).scalar_subquery()
    return [
        lambda s: list(s.scalars(_document_order(listed))),
        *draft_saving.part_reads(first_id),
        lambda s: list(
            s.execute(
                select(Task, Organisation)
                .outerjoin(task_co_unit, task_co_unit.c.task_id == Task.id)
                .outerjoin(Organisation, Organisation.id == task_co_unit.c.organisation_id)
                .where(Task.document_id == first_id)
                .order_by(Task.id, Organisation.id)
            )
        ),
        approval.approver_name,
    ]


def _assemble(
    session: Session,
    meeting_id: int | None,
    documents: list[Document],
    sections: list,
    blocks: list,
    recipients: list,
    task_rows: list[tuple[Task, Organisation | None]],
    approver: str,
) -> MeetingDocuments:
    rows = [doc_service.row_of(d) for d in documents]
    if not documents:
        return MeetingDocuments(meeting_id, rows, None)
    doc = documents[0]
    draft_saving.attach_parts(doc, [sections, blocks, recipients])
    co_units: dict[int, list[Organisation]] = {}
    tasks: dict[int, Task] = {}
    for task, unit in task_rows:
        tasks.setdefault(task.id, task)
        co_units.setdefault(task.id, [])
        if unit is not None:
            co_units[task.id].append(unit)
    for task_id, task in tasks.items():
        set_committed_value(task, "co_units", co_units[task_id])
    reading = draft_saving.draft_of(session, doc, list(tasks.values()), approver=approver)
    return MeetingDocuments(meeting_id, rows, reading)

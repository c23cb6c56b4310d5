"""A task as the screens show it: its record with the progress reports and the documents it
cites (``detail``), the sections and texts of its document, and the source document to read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core.documents.models import Block, CitedDocument, Document, Section
from ketluan_desktop.core.errors import NotFoundError
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.tasks.editing import (
    BlockChoice,
    TaskInput,
    document_blocks,
    section_label,
)
from ketluan_desktop.core.tasks.models import Task, TaskUpdate, task_citation, task_co_unit
from ketluan_desktop.core.tasks.task_groups import document_label
from ketluan_desktop.core.tasks.task_states import OPEN_STATES, display_state, state_label


@dataclass(frozen=True)
class UpdateView:
    id: int
    update_date: date
    unit: str | None
    text: str
    percent: int | None
    attachments: list[str]
    created_by: str | None
    created_at: datetime | None


@dataclass(frozen=True)
class CitedView:
    id: int
    kind: str
    number_symbol: str | None
    name: str | None
    doc_date: date | None
    issuer: str | None
    document_id: int | None  # when the cited document is in this database

    @property
    def label(self) -> str:
        head = (
            f"{self.kind} số {self.number_symbol}"
            if self.number_symbol
            else (self.name or self.kind)
        )
        if self.doc_date:
            head += f", ngày {self.doc_date.day}/{self.doc_date.month}/{self.doc_date.year}"
        if self.issuer:
            head += f" của {self.issuer}"
        return head


@dataclass(frozen=True)
class TaskDetail:
    id: int
    text: str
    document_id: int | None
    document_label: str | None
    document_date: date | None
    section_id: int | None
    section_label: str | None
    block_id: int | None
    lead_unit_id: int | None
    lead_unit: str | None
    co_units: list[tuple[int, str]]
    deadline: date | None
    deadline_text: str | None
    reporting_cycle: str | None
    priority: int
    status: str
    state: str
    completed_on: date | None
    version: int
    created_at: datetime | None
    updated_at: datetime | None
    updates: list[UpdateView]  # newest first
    cited: list[CitedView]

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    def to_input(self) -> TaskInput:
        return TaskInput(
            text=self.text,
            document_id=self.document_id,
            section_id=self.section_id,
            lead_unit_id=self.lead_unit_id,
            co_unit_ids=[u for u, _ in self.co_units],
            cited_ids=[c.id for c in self.cited],
            deadline_text=self.deadline_text,
            deadline=self.deadline if not self.deadline_text else None,
            reporting_cycle=self.reporting_cycle,
            priority=self.priority,
        )


def _unit_name(u: Organisation | None) -> str | None:
    return (u.short_name or u.name) if u is not None else None


def _task_parts(session: Session, task_id: int) -> tuple[tuple | None, list, list, list]:
    """(the task with its document, section and lead unit), its co-units, its citations, and
    its updates with their units' names: four statements, side by side on a server."""
    from ketluan_desktop.core.db.gathering import gather_in

    lead = aliased(Organisation)
    unit = aliased(Organisation)
    found, co_units, cited, updates = gather_in(
        session,
        lambda s: s.execute(
            select(Task, Document, Section, lead)
            .outerjoin(Document, Document.id == Task.document_id)
            .outerjoin(Section, Section.id == Task.section_id)
            .outerjoin(lead, lead.id == Task.lead_unit_id)
            .where(Task.id == task_id)
        ).first(),
        lambda s: list(
            s.scalars(
                select(Organisation)
                .join(task_co_unit, task_co_unit.c.organisation_id == Organisation.id)
                .where(task_co_unit.c.task_id == task_id)
            )
        ),
        lambda s: list(
            s.scalars(
                select(CitedDocument)
                .join(task_citation, task_citation.c.cited_id == CitedDocument.id)
                .where(task_citation.c.task_id == task_id)
            )
        ),
        lambda s: list(
            s.execute(
                select(TaskUpdate, unit)
                .outerjoin(unit, unit.id == TaskUpdate.unit_id)
                .where(TaskUpdate.task_id == task_id)
            )
        ),
    )
    return (tuple(found) if found is not None else None), co_units, cited, updates


def detail(session: Session, task_id: int, *, today: date) -> TaskDetail:
    """A task's record: the task with its document, section and lead unit, its co-units,
    citations and updates — read side by side on a database server (one round trip, not eight)."""
    found, co_units, cited, update_rows = _task_parts(session, task_id)
    if found is None:
        raise NotFoundError(
            f"Không có nhiệm vụ số {task_id}. Có thể nhiệm vụ đã bị xóa; hãy tải lại danh sách."
        )
    task, doc, section, lead = found
    units = {u.unit_id: _unit_name(o) for u, o in update_rows if u.unit_id and o is not None}
    updates = [u for u, _o in update_rows]
    updates = sorted(updates, key=lambda u: (u.update_date, u.id), reverse=True)
    return TaskDetail(
        id=task.id,
        text=task.text,
        document_id=task.document_id,
        document_label=document_label(doc.type_code, doc.number_symbol, doc.subject)
        if doc
        else None,
        document_date=doc.doc_date if doc else None,
        section_id=task.section_id,
        section_label=section_label(section) if section else None,
        block_id=task.block_id,
        lead_unit_id=task.lead_unit_id,
        lead_unit=_unit_name(lead),
        co_units=[(u.id, _unit_name(u) or "") for u in co_units],
        deadline=task.deadline,
        deadline_text=task.deadline_text,
        reporting_cycle=task.reporting_cycle,
        priority=task.priority,
        status=task.status,
        state=display_state(task.status, task.deadline, today),
        completed_on=task.completed_on,
        version=task.version,
        created_at=task.created_at,
        updated_at=task.updated_at,
        updates=[
            UpdateView(
                u.id,
                u.update_date,
                units.get(u.unit_id) if u.unit_id else None,
                u.text,
                u.percent,
                list(u.attachments or []),
                u.created_by,
                u.created_at,
            )
            for u in updates
        ],
        cited=[
            CitedView(c.id, c.kind, c.number_symbol, c.name, c.doc_date, c.issuer, c.document_id)
            for c in sorted(cited, key=lambda c: (c.kind, c.number_symbol or c.name or ""))
        ],
    )


def detail_if_any(session: Session, task_id: int, *, today: date) -> TaskDetail | None:
    """``detail``, or None when the task was deleted meanwhile (a screen then shows nothing)."""
    try:
        return detail(session, task_id, today=today)
    except NotFoundError:
        return None


def sections_of(session: Session, document_id: int) -> list[tuple[int, str]]:
    return [
        (s.id, section_label(s))
        for s in session.scalars(
            select(Section).where(Section.document_id == document_id).order_by(Section.position)
        )
    ]


def block_text(session: Session, block_id: int) -> str | None:
    return session.scalar(select(Block.text).where(Block.id == block_id))


def cited_view(session: Session, cited_id: int) -> CitedView:
    c = session.get(CitedDocument, cited_id)
    if c is None:
        raise NotFoundError("Văn bản được viện dẫn này không còn trong cơ sở dữ liệu. Hãy tải lại.")
    return CitedView(c.id, c.kind, c.number_symbol, c.name, c.doc_date, c.issuer, c.document_id)


@dataclass(frozen=True)
class ReadingDocument:
    """A source document as the task screens show it: its words, which paragraphs are tasks."""

    id: int
    label: str  # "Kết luận số 105-KL/ĐUK — …"
    title: str  # "KẾT LUẬN"
    subject: str | None
    number_symbol: str | None
    doc_date: date | None
    sections: list[tuple[str | None, list[BlockChoice]]]


def reading(session: Session, document_id: int) -> ReadingDocument:
    from ketluan_desktop.core.documents.content import DOCUMENT_TYPES

    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFoundError(
            f"Không có văn bản mã số {document_id}. Có thể văn bản đã bị xóa; hãy tải lại."
        )
    sections: list[tuple[str | None, list[BlockChoice]]] = []
    headings = {
        s.id: (section_label(s) if (s.number or s.heading) else None)
        for s in session.scalars(select(Section).where(Section.document_id == document_id))
    }
    for b in document_blocks(session, document_id):
        if not sections or sections[-1][1][0].section_id != b.section_id:
            sections.append((headings.get(b.section_id), []))
        sections[-1][1].append(b)
    kind = DOCUMENT_TYPES.get(doc.type_code)
    return ReadingDocument(
        id=doc.id,
        label=document_label(doc.type_code, doc.number_symbol, doc.subject),
        title=doc.title or (kind.title if kind else doc.type_code),
        subject=doc.subject,
        number_symbol=doc.number_symbol,
        doc_date=doc.doc_date,
        sections=sections,
    )


_DOC_NUMBER = re.compile(r"^\s*(?:số\s+)?\d+[\w.]*-[\wĐđ]+(?:/[\wĐđ-]+)+\s*$", re.IGNORECASE)


def is_file_reference(text: str) -> bool:
    """A path to a file ("D:\\Báo cáo\\kh.docx", "/home/vp/bc.pdf"), not a document number
    ("15-BC/VP", "số 87-KH/ĐUK") — both are kept as an update's attachments."""
    t = text.strip()
    if not t or _DOC_NUMBER.match(t):
        return False
    if "\\" in t or re.match(r"^[A-Za-z]:", t) or t.startswith(("/", "~", "./", "../")):
        return True
    return bool(re.search(r"\.[A-Za-z0-9]{2,5}$", t))


def attachment_name(text: str) -> str:
    """What the history shows: the file's name, or the document number as written."""
    if not is_file_reference(text):
        return text.strip()
    return re.split(r"[\\/]", text.strip())[-1]

"""Key tasks: listing with the derived "overdue" state, counts per state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, and_, case, func, not_, or_, select
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core.models import Document, Organisation, Task, TaskUpdate
from ketluan_desktop.core.models.tasks import OVERDUE_LABEL, TASK_STATUS_LABELS, TaskStatus
from ketluan_desktop.core.text import fold

OPEN_STATES = (TaskStatus.NOT_STARTED.value, TaskStatus.IN_PROGRESS.value)
OVERDUE = "overdue"


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
    return status in OPEN_STATES and deadline is not None and deadline < today


def display_state(status: str, deadline: date | None, today: date) -> str:
    """The state a user sees: "Quá hạn" is derived from the deadline and today, never stored."""
    if is_overdue(status, deadline, today):
        return OVERDUE
    return status


def state_label(state: str) -> str:
    return OVERDUE_LABEL if state == OVERDUE else TASK_STATUS_LABELS[TaskStatus(state)]


@dataclass(frozen=True)
class TaskRow:
    id: int
    text: str
    document_id: int | None
    number_symbol: str | None
    lead_unit: str | None
    deadline: date | None
    deadline_text: str | None
    status: str
    state: str  # status, or "overdue"
    latest_update: str | None
    latest_update_date: date | None

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "document_id": self.document_id,
            "document": self.number_symbol,
            "lead_unit": self.lead_unit,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "status": self.status,
            "state": self.state,
            "state_label": self.state_label,
            "latest_update": self.latest_update,
        }


def overdue_clause(today: date):
    return and_(Task.status.in_(OPEN_STATES), Task.deadline.is_not(None), Task.deadline < today)


def filtered(
    *,
    today: date,
    unit_id: int | None = None,
    state: str | None = None,
    document_id: int | None = None,
    text: str | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
) -> Select:
    stmt = select(Task.id)
    if unit_id is not None:
        stmt = stmt.where(Task.lead_unit_id == unit_id)
    if state == OVERDUE:
        stmt = stmt.where(overdue_clause(today))
    elif state:
        stmt = stmt.where(Task.status == state)
        if state in OPEN_STATES:
            stmt = stmt.where(not_(overdue_clause(today)))
    if document_id is not None:
        stmt = stmt.where(Task.document_id == document_id)
    if text:
        stmt = stmt.where(Task.text_folded.contains(fold(text)))
    if due_from is not None:
        stmt = stmt.where(Task.deadline >= due_from)
    if due_to is not None:
        stmt = stmt.where(Task.deadline <= due_to)
    return stmt


def list_tasks(session: Session, *, today: date, limit: int | None = None, **filters) -> list[TaskRow]:
    ids = filtered(today=today, **filters).subquery()
    lead = aliased(Organisation)
    upd = aliased(TaskUpdate)
    stmt = (
        select(Task, Document.number_symbol, lead.short_name, lead.name, upd.text, upd.update_date)
        .join(ids, ids.c.id == Task.id)
        .outerjoin(Document, Document.id == Task.document_id)
        .outerjoin(lead, lead.id == Task.lead_unit_id)
        .outerjoin(upd, upd.id == Task.latest_update_id)
        .order_by(Task.deadline.asc().nulls_last(), Task.document_id, Task.position, Task.id)
    )
    if limit:
        stmt = stmt.limit(limit)
    rows = []
    for task, number_symbol, short, name, utext, udate in session.execute(stmt):
        rows.append(
            TaskRow(
                id=task.id,
                text=task.text,
                document_id=task.document_id,
                number_symbol=number_symbol,
                lead_unit=short or name,
                deadline=task.deadline,
                deadline_text=task.deadline_text,
                status=task.status,
                state=display_state(task.status, task.deadline, today),
                latest_update=utext,
                latest_update_date=udate,
            )
        )
    return rows


def counts_by_state(session: Session, *, today: date) -> dict[str, int]:
    state = case((overdue_clause(today), OVERDUE), else_=Task.status)
    counts = {s.value: 0 for s in TaskStatus}
    counts[OVERDUE] = 0
    for st, n in session.execute(select(state, func.count()).group_by(state)):
        counts[st] = n
    return counts


def due_soon(session: Session, *, today: date, days: int = 7) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Task)
            .where(
                Task.status.in_(OPEN_STATES),
                Task.deadline >= today,
                Task.deadline <= today + timedelta(days=days),
            )
        )
        or 0
    )


def search_any(session: Session, text: str, limit: int = 50):
    key = fold(text)
    return session.scalars(
        select(Task).where(or_(Task.text_folded.contains(key))).limit(limit)
    ).all()

"""A listed task as the screens show it (``TaskRow``), what a list is read under (``TaskFilter``,
``TaskSort``) and the rows a read found made into ``TaskRow``s: without SQLAlchemy (``listing``
re-exports them), so the overview's first screen can be built before the ORM is imported."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.tasks.deadlines import describe
from ketluan_desktop.core.tasks.vocabulary import (
    PRIORITY_LABELS,
    display_state,
    is_due_soon,
    state_label,
)

NO_DOCUMENT = -1  # document filter/group key: tasks given by hand, not from a document
NO_UNIT = -1  # group key: tasks with no lead unit yet

SORT_KEYS = (
    "text",
    "document",
    "lead_unit",
    "deadline",
    "state",
    "priority",
    "latest_update",
    "id",
)
GROUP_KEYS = ("document", "unit")


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
    lead_unit_id: int | None = None
    reporting_cycle: str | None = None
    priority: int = 2
    completed_on: date | None = None
    latest_percent: int | None = None
    due_soon: bool = False
    version: int = 1

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def deadline_display(self) -> str:
        return describe(self.deadline, self.deadline_text, self.reporting_cycle)

    @property
    def priority_label(self) -> str:
        return PRIORITY_LABELS.get(self.priority, str(self.priority))

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "document_id": self.document_id,
            "document": self.number_symbol,
            "lead_unit": self.lead_unit,
            "lead_unit_id": self.lead_unit_id,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "reporting_cycle": self.reporting_cycle,
            "priority": self.priority,
            "status": self.status,
            "state": self.state,
            "state_label": self.state_label,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "due_soon": self.due_soon,
            "latest_update": self.latest_update,
            "latest_update_date": (
                self.latest_update_date.isoformat() if self.latest_update_date else None
            ),
            "latest_percent": self.latest_percent,
        }


@dataclass(frozen=True)
class TaskFilter:
    """What the list shows. ``None`` everywhere: every task."""

    unit_id: int | None = None
    unit_role: str = "lead"  # "lead": the unit leads; "any": it leads or co-ordinates
    state: str | None = None  # a TaskStatus value, OVERDUE, or OPEN (all still to do)
    document_id: int | None = None  # NO_DOCUMENT: tasks given by hand
    text: str | None = None  # accent-free search in the task's text
    due_from: date | None = None
    due_to: date | None = None
    priority: int | None = None
    cited_id: int | None = None  # tasks that carry out this cited document

    def without_state(self) -> TaskFilter:
        return replace(self, state=None)


@dataclass(frozen=True)
class TaskSort:
    key: str = "deadline"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.key not in SORT_KEYS:
            raise ValidationError(
                f"Không sắp xếp được theo «{self.key}». Chọn một trong: {', '.join(SORT_KEYS)}."
            )


def to_rows(found: Iterable[Sequence[Any]], *, today: date, soon: int) -> list[TaskRow]:
    """Rows ``row_select`` found, as the list shows them (``soon``: the office's due-soon days)."""
    return [to_row(r, today, soon) for r in found]


def to_row(r: Sequence[Any], today: date, days: int) -> TaskRow:
    (
        tid,
        text,
        doc_id,
        number,
        short,
        name,
        lead_id,
        deadline,
        deadline_text,
        cycle,
        status,
        priority,
        completed_on,
        utext,
        udate,
        upct,
        version,
    ) = r
    return TaskRow(
        id=tid,
        text=text,
        document_id=doc_id,
        number_symbol=number,
        lead_unit=short or name,
        deadline=deadline,
        deadline_text=deadline_text,
        status=status,
        state=display_state(status, deadline, today),
        latest_update=utext,
        latest_update_date=udate,
        lead_unit_id=lead_id,
        reporting_cycle=cycle,
        priority=priority,
        completed_on=completed_on,
        latest_percent=upct,
        due_soon=is_due_soon(status, deadline, today, days),
        version=version,
    )


def document_label(type_code: str | None, number_symbol: str | None, subject: str | None) -> str:
    from ketluan_desktop.core.documents.content import DOCUMENT_TYPES

    kind = DOCUMENT_TYPES[type_code].name if type_code in DOCUMENT_TYPES else (type_code or "")
    head = f"{kind} số {number_symbol}" if number_symbol else f"{kind} (dự thảo)"
    return f"{head} — {subject}" if subject else head

"""A key task's state as users see it: the stored statuses, "Quá hạn" (overdue) and "sắp đến hạn"
(due soon) derived from the deadline and the ``today`` the caller passes, in Python and in SQL,
never stored; their labels and the priorities'.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, literal
from sqlalchemy.orm import Session

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.tasks.models import OVERDUE_LABEL, TASK_STATUS_LABELS, Task, TaskStatus
from ketluan_desktop.core.text import fold

OPEN_STATES = (TaskStatus.NOT_STARTED.value, TaskStatus.IN_PROGRESS.value)
DONE_STATES = (TaskStatus.DONE.value, TaskStatus.DONE_LATE.value)
OVERDUE = "overdue"
OPEN = "open"  # a filter, not a state: every task still to do (overdue or not)
# The order states are shown in: what needs attention first.
STATES = (
    OVERDUE,
    TaskStatus.NOT_STARTED.value,
    TaskStatus.IN_PROGRESS.value,
    TaskStatus.DONE.value,
    TaskStatus.DONE_LATE.value,
    TaskStatus.PAUSED.value,
)
PRIORITY_LABELS = {1: "Cao", 2: "Bình thường", 3: "Thấp"}
DEFAULT_SOON_DAYS = 7


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
    return status in OPEN_STATES and deadline is not None and deadline < today


def is_due_soon(status: str, deadline: date | None, today: date, days: int) -> bool:
    return (
        status in OPEN_STATES
        and deadline is not None
        and today <= deadline <= today + timedelta(days=days)
    )


def display_state(status: str, deadline: date | None, today: date) -> str:
    """The state a user sees: "Quá hạn" is derived from the deadline and today, never stored."""
    if is_overdue(status, deadline, today):
        return OVERDUE
    return status


def state_label(state: str) -> str:
    if state == OPEN:
        return "Chưa hoàn thành"
    return OVERDUE_LABEL if state == OVERDUE else TASK_STATUS_LABELS[TaskStatus(state)]


def parse_state(text: str) -> str:
    """A state from its code ("done") or its Vietnamese label, accents optional ("hoan thanh")."""
    key = fold(text).replace("_", " ").strip()
    for state in STATES:
        if key in (fold(state).replace("_", " "), fold(state_label(state))):
            return state
    known = ", ".join(f"«{state_label(s)}» ({s})" for s in STATES)
    raise ValidationError(f"Không có trạng thái «{text}». Các trạng thái: {known}.")


def soon_days(session: Session) -> int:
    value = settings.get(session, "tasks.due_soon_days")
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return DEFAULT_SOON_DAYS


def overdue_clause(today: date) -> ColumnElement[bool]:
    return and_(Task.status.in_(OPEN_STATES), Task.deadline.is_not(None), Task.deadline < today)


def due_soon_clause(today: date, days: int) -> ColumnElement[bool]:
    return and_(
        Task.status.in_(OPEN_STATES),
        Task.deadline >= today,
        Task.deadline <= today + timedelta(days=days),
    )


def state_expr(today: date) -> ColumnElement[str]:
    return case((overdue_clause(today), literal(OVERDUE)), else_=Task.status)

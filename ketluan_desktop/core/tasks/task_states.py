"""A key task's state as users see it: the stored statuses, "Quá hạn" (overdue) and "sắp đến hạn"
(due soon) derived from the deadline and the ``today`` the caller passes, in Python and in SQL,
never stored; their labels and the priorities'.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, literal
from sqlalchemy.orm import Session

from ketluan_desktop.core.org import settings
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.tasks.vocabulary import (  # noqa: F401  (re-exported)
    DEFAULT_SOON_DAYS,
    DONE_STATES,
    OPEN,
    OPEN_STATES,
    OVERDUE,
    PRIORITY_LABELS,
    STATES,
    display_state,
    is_due_soon,
    is_overdue,
    parse_state,
    state_label,
)


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

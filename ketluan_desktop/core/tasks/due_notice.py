"""The start-up notice: how many tasks are overdue and due soon, with the nearest deadlines."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.tasks.listing import TaskFilter, list_stmt, to_row
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.tasks.notice_values import (
    NEAREST,
    TaskNotice,
    fold_notice,
)
from ketluan_desktop.core.tasks.task_states import due_soon_clause, overdue_clause, soon_days


def notice_statements(today: date, days: int, nearest: int = NEAREST) -> dict[str, Any]:
    """The notice's three reads (also compiled ahead for the start-up's plain read,
    ``core/overview/first_screen_statements``)."""
    window = TaskFilter(due_from=today, due_to=today + timedelta(days=days))
    return {
        "notice_overdue": select(func.count()).select_from(Task).where(overdue_clause(today)),
        "notice_soon": select(func.count()).select_from(Task).where(due_soon_clause(today, days)),
        "notice_nearest": list_stmt(today, limit=nearest, filter=window),
    }


def notice(session: Session, *, today: date, nearest: int = NEAREST) -> TaskNotice:
    days = soon_days(session)
    stmts = notice_statements(today, days, nearest)
    overdue = session.scalar(stmts["notice_overdue"])
    soon_n = session.scalar(stmts["notice_soon"])
    rows = [to_row(r, today, days) for r in session.execute(stmts["notice_nearest"])]
    return fold_notice(overdue, soon_n, days, rows)

"""The start-up notice: how many tasks are overdue and due soon, with the nearest deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.tasks.listing import TaskFilter, TaskRow, list_tasks
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.tasks.task_states import due_soon_clause, overdue_clause, soon_days


@dataclass(frozen=True)
class TaskNotice:
    overdue: int
    due_soon: int
    days: int
    nearest: list[TaskRow] = field(default_factory=list)  # the next deadlines, earliest first

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon)

    def message(self) -> str:
        parts = []
        if self.overdue:
            parts.append(f"{self.overdue:02d} nhiệm vụ quá hạn")
        if self.due_soon:
            parts.append(f"{self.due_soon:02d} nhiệm vụ đến hạn trong {self.days} ngày tới")
        if not parts:
            return "Không có nhiệm vụ quá hạn hay sắp đến hạn."
        return "Có " + " và ".join(parts) + "."


def notice(session: Session, *, today: date, nearest: int = 5) -> TaskNotice:
    days = soon_days(session)
    overdue = session.scalar(select(func.count()).select_from(Task).where(overdue_clause(today)))
    soon_n = session.scalar(
        select(func.count()).select_from(Task).where(due_soon_clause(today, days))
    )
    rows = list_tasks(
        session,
        today=today,
        limit=nearest,
        filter=TaskFilter(due_from=today, due_to=today + timedelta(days=days)),
    )
    return TaskNotice(overdue or 0, soon_n or 0, days, [r for r in rows if r.due_soon])

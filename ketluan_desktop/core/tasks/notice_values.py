"""The start-up notice's values (how many tasks are overdue and due soon, the nearest deadlines),
without SQLAlchemy: the window shows the notice with its first screen, from the plain read
(``core/overview/first_screen_sql``), before the database layer is loaded. ``due_notice`` counts
the same through the ORM."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ketluan_desktop.core.tasks.task_rows import TaskRow
from ketluan_desktop.core.text.numbers import thousands

NEAREST = 5  # the next deadlines the notice lists


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
            parts.append(f"{_count(self.overdue)} nhiệm vụ quá hạn")
        if self.due_soon:
            parts.append(f"{_count(self.due_soon)} nhiệm vụ đến hạn trong {self.days} ngày tới")
        if not parts:
            return "Không có nhiệm vụ quá hạn hay sắp đến hạn."
        return "Có " + " và ".join(parts) + "."


def _count(n: int) -> str:
    """Two digits as the office writes small counts ("08"), thousands grouped as on the overview's
    cards ("33.771", not "33771")."""
    return thousands(n) if n >= 1000 else f"{n:02d}"


def fold_notice(overdue: int | None, due_soon: int | None, days: int, rows: Sequence[TaskRow]):
    """The notice from its two counts and the rows due in the window, in list order."""
    return TaskNotice(overdue or 0, due_soon or 0, days, [r for r in rows if r.due_soon])

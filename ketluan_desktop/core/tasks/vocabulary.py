"""A key task's statuses and the states users see, with their Vietnamese labels: words the
screens, the commands and the queries share, without SQLAlchemy (``models`` and ``task_states``
re-export them), so the overview's first screen can be built before the ORM is imported.

"Quá hạn" (overdue) and "sắp đến hạn" (due soon) are derived from the deadline and the ``today``
the caller passes, never stored."""

from __future__ import annotations

import enum
from datetime import date, timedelta

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.text import fold


class TaskStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DONE_LATE = "done_late"
    PAUSED = "paused"


TASK_STATUS_LABELS = {
    TaskStatus.NOT_STARTED: "Chưa thực hiện",
    TaskStatus.IN_PROGRESS: "Đang thực hiện",
    TaskStatus.DONE: "Hoàn thành",
    TaskStatus.DONE_LATE: "Hoàn thành quá hạn",
    TaskStatus.PAUSED: "Tạm dừng",
}
OVERDUE_LABEL = "Quá hạn"  # derived from the deadline and today, never stored

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

"""What the «Tổng quan» screen reads, on the runner's thread: the tasks' and procedures' grouped
scans side by side (``gather(heavy=True)``: each in a session and connection of its own, on SQLite
too), assembled into the values the screen and its charts draw."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ketluan_desktop.core.db.gathering import gather
from ketluan_desktop.core.members.overview import procedure_overview
from ketluan_desktop.core.overview.first_screen import assemble_first_screen  # noqa: F401  (re-exported)
from ketluan_desktop.core.tasks import overview as tasks
from ketluan_desktop.core.tasks.task_groups import documents_with_tasks

if TYPE_CHECKING:
    from ketluan_desktop.core.db.database import Database


def load_overview(
    db: Database, *, today: date, start: date, end: date, scope: tasks.TaskScope
) -> dict:
    """{"tasks": TaskOverview, "procedures": ProcedureOverview, "documents": [(id, label)]}: the
    same values as ``task_overview`` and ``procedure_overview`` read in one session."""

    def documents_and_oldest(s: Session):
        docs = [(d.id, d.label) for d in documents_with_tasks(s)]
        return docs, tasks.oldest_overdue(s, scope, today=today)

    (units, without, paused), months, procedures, (documents, oldest) = gather(
        db,
        lambda s: tasks.unit_status(s, scope, today=today),
        lambda s: tasks.overdue_by_month(s, today=today, document_id=scope.document_id),
        lambda s: procedure_overview(s, start, end),
        documents_and_oldest,
        heavy=True,
    )
    overview = tasks.TaskOverview(today, scope, units, without, paused, months, oldest)
    return {"tasks": overview, "procedures": procedures, "documents": documents}

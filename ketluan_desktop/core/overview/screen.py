"""What the «Tổng quan» screen reads, on the runner's thread: the tasks' and procedures' grouped
scans side by side (``gather(heavy=True)``: each in a session and connection of its own, on SQLite
too), assembled into the values the screen and its charts draw."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from ketluan_desktop.core.db.gathering import gather
from ketluan_desktop.core.members.overview import fold_procedures, procedure_overview
from ketluan_desktop.core.overview.first_screen_sql import SOON_DAYS_KEY, FirstScreenRows
from ketluan_desktop.core.periods import month_ends
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


def assemble_first_screen(rows: FirstScreenRows) -> dict:
    """``load_overview``'s values (every task, the current half-year) from what the plain
    ``sqlite3`` read found (``first_screen_sql``), folded by the ORM path's own functions."""
    from ketluan_desktop.core.org.settings import DEFAULTS
    from ketluan_desktop.core.tasks.listing import to_rows
    from ketluan_desktop.core.tasks.task_groups import document_label
    from ketluan_desktop.core.tasks.task_states import DEFAULT_SOON_DAYS

    today = rows.today
    found, without, paused = tasks.fold_unit_groups(rows.units)
    units = tasks.units_of(found, rows.unit_names)
    months = tasks.fold_overdue(rows.overdue, month_ends(today))
    stored: Any = DEFAULTS.get(SOON_DAYS_KEY) if rows.soon_days is None else rows.soon_days[0]
    try:  # as task_states.soon_days reads the setting
        soon = max(int(stored), 0)
    except (TypeError, ValueError):
        soon = DEFAULT_SOON_DAYS
    by_id = {r.id: r for r in to_rows(rows.oldest_rows, today=today, soon=soon)}
    oldest = [by_id[i] for i in rows.oldest_ids if i in by_id]
    overview = tasks.TaskOverview(today, tasks.TaskScope(), units, without, paused, months, oldest)
    return {
        "tasks": overview,
        "procedures": fold_procedures(rows.procedures, rows.start, rows.end),
        "documents": [(did, document_label(t, n, s)) for did, t, n, s, _count in rows.documents],
    }

"""The overview's first screen from what the plain ``sqlite3`` read found (``first_screen_sql``):
the values ``screen.load_overview`` gives (every task, the current half-year), folded by the ORM
path's own functions — all without SQLAlchemy, so the screen can be painted before the ORM is
imported."""

from __future__ import annotations

from ketluan_desktop.core.members.overview_values import fold_procedures
from ketluan_desktop.core.overview.first_screen_sql import FirstScreenRows, stored_soon_days
from ketluan_desktop.core.periods import month_ends
from ketluan_desktop.core.tasks import overview_values as tasks
from ketluan_desktop.core.tasks.notice_values import TaskNotice, fold_notice
from ketluan_desktop.core.tasks.task_rows import document_label, to_rows


def assemble_first_screen(rows: FirstScreenRows) -> dict:
    """``load_overview``'s values (every task, the current half-year) from what the plain
    ``sqlite3`` read found (``first_screen_sql``), folded by the ORM path's own functions."""
    today = rows.today
    found, without, paused = tasks.fold_unit_groups(rows.units)
    units = tasks.units_of(found, rows.unit_names)
    months = tasks.fold_overdue(rows.overdue, month_ends(today))
    soon = stored_soon_days(rows.soon_days)  # as task_states.soon_days reads the setting
    by_id = {r.id: r for r in to_rows(rows.oldest_rows, today=today, soon=soon)}
    oldest = [by_id[i] for i in rows.oldest_ids if i in by_id]
    overview = tasks.TaskOverview(today, tasks.TaskScope(), units, without, paused, months, oldest)
    return {
        "tasks": overview,
        "procedures": fold_procedures(rows.procedures, rows.start, rows.end),
        "documents": [(did, document_label(t, n, s)) for did, t, n, s, _count in rows.documents],
    }


def assemble_notice(rows: FirstScreenRows) -> TaskNotice | None:
    """The start-up notice (``due_notice.notice``'s value) from the same read; None: not read."""
    if rows.notice is None:
        return None
    overdue, soon_n, found = rows.notice
    days = stored_soon_days(rows.soon_days)
    return fold_notice(overdue, soon_n, days, to_rows(found, today=rows.today, soon=days))

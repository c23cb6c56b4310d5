"""The SQLAlchemy statements the overview's first screen reads, as the ORM path builds them, and
their SQLite text: what ``first_screen_sql`` keeps (compiled ahead, so the start-up read needs no
SQLAlchemy). ``tests/core/overview/test_first_screen_sql.py`` compiles these and fails when the kept text
differs; ``python -m ketluan_desktop.core.overview.first_screen_statements`` prints the text to
keep after a change.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from ketluan_desktop.core.db import sqlite_compiled
from ketluan_desktop.core.members.overview import procedure_stmt
from ketluan_desktop.core.org.models import Setting
from ketluan_desktop.core.overview.first_screen_sql import SOON_DAYS_KEY, inputs
from ketluan_desktop.core.tasks import overview as tasks
from ketluan_desktop.core.tasks.due_notice import notice_statements
from ketluan_desktop.core.tasks.listing import _row_stmt
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.tasks.task_groups import documents_with_tasks_stmt
from ketluan_desktop.core.tasks.vocabulary import DEFAULT_SOON_DAYS


def statements(today: date, ids: list[int]) -> dict[str, Any]:
    """Each query of the first screen (the default scope: every task, the current half-year), by
    the name ``first_screen_sql`` keeps it under; ``ids``: the unit or task ids listed."""
    v = inputs(today)
    scope = tasks.TaskScope()
    return {
        "units": tasks.unit_status_stmt(scope, today),
        "unit_names": tasks.unit_names_stmt(ids),
        "overdue": tasks.overdue_by_month_stmt(v["first_end"], today),
        "procedures": procedure_stmt(v["start"], v["end"], v["p_start"], v["p_end"]),
        "documents": documents_with_tasks_stmt(),
        "oldest": tasks.oldest_overdue_stmt(scope, today),
        "oldest_rows": _row_stmt(today).where(Task.id.in_(ids)),
        "soon_days": select(Setting.value).where(Setting.key == SOON_DAYS_KEY),
        **notice_statements(today, DEFAULT_SOON_DAYS),  # the window: ``$soon_end`` when read
    }


def columns(today: date) -> dict[str, int]:
    """How many columns each statement's rows have (``first_screen_sql.COLUMNS``)."""
    return {name: len(stmt.selected_columns) for name, stmt in statements(today, [-1]).items()}


def kept_form(today: date) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """(SQL by name, parameters by name): an input's value replaced by ``$name``, a listed id by
    ``$ids`` (one id compiled: the plain read widens the list to its ids)."""
    named = {v.isoformat(): f"${k}" for k, v in inputs(today).items()}
    sql, params = {}, {}
    for name, stmt in statements(today, [-1]).items():
        text, values = sqlite_compiled.named(stmt)
        sql[name] = text
        params[name] = {
            k: "$ids" if v == -1 else named.get(v, v) if isinstance(v, str) else v
            for k, v in values.items()
        }
    return sql, params


def main() -> None:
    sql, params = kept_form(date(2026, 12, 3))
    print("SQL = " + json.dumps(sql, indent=4, ensure_ascii=False))
    print("PARAMS = " + json.dumps(params, indent=4, ensure_ascii=False))
    print("COLUMNS = " + json.dumps(columns(date(2026, 12, 3)), indent=4))


if __name__ == "__main__":
    main()

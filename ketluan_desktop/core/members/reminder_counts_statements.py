"""The statements the reminders' six counters read (``reminders.counts``) for the settings an
office has not changed, as the ORM path builds them, and their SQLite text: what
``reminder_counts_sql`` keeps (compiled ahead, so the start-up count needs no SQLAlchemy).
``tests/core/members/test_reminder_counts_sql.py`` compiles these and fails when the kept text
differs; ``python -m ketluan_desktop.core.members.reminder_counts_statements`` prints the text to
keep after a change.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ketluan_desktop.core.db import sqlite_compiled
from ketluan_desktop.core.members import reminder_badges, reminders
from ketluan_desktop.core.members.reminder_counts_sql import CONFIG, inputs


def statements(today: date) -> dict[str, Any]:
    """The counting statement and the special badge candidates' three reads, by the name
    ``reminder_counts_sql`` keeps them under."""
    _prev, _nxt, windows = reminder_badges._windows(today, CONFIG)
    found, absent, awarded = reminder_badges._special_statements(windows)
    return {
        "numbers": reminders._numbers(today, CONFIG),
        "found": found,
        "absent": absent,
        "awarded": awarded,
    }


def kept_form(today: date) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """(SQL by name, parameters by name): a date computed from ``today`` replaced by ``$name``
    (the day is chosen so that no two of them are equal: each parameter says which it is)."""
    values = {k: v.isoformat() for k, v in inputs(today).items()}
    named = {v: f"${k}" for k, v in values.items()}
    assert len(named) == len(values), "two inputs share a date: choose another day"
    sql, params = {}, {}
    for name, stmt in statements(today).items():
        text, found = sqlite_compiled.named(stmt)
        sql[name] = text
        params[name] = {k: named.get(v, v) if isinstance(v, str) else v for k, v in found.items()}
    return sql, params


def main() -> None:
    sql, params = kept_form(date(2026, 12, 3))
    print("SQL = " + json.dumps(sql, indent=4, ensure_ascii=False))
    print("PARAMS = " + json.dumps(params, indent=4, ensure_ascii=False))


if __name__ == "__main__":
    main()

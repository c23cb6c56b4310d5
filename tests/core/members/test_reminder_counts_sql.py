"""The reminders' six counters read through plain ``sqlite3`` at start-up (before SQLAlchemy is
imported): the kept SQL is ``reminders.counts``' own statements compiled for SQLite, bound to the
same dates on any day, and the counts equal the ORM path's."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta

import pytest

from ketluan_desktop.core.db import sqlite_compiled
from ketluan_desktop.core.members import reminder_counts_sql as plain
from ketluan_desktop.core.members import reminder_counts_statements as statements
from ketluan_desktop.core.members import reminders
from ketluan_desktop.core.members.reminder_rules import BADGE_DUE
from ketluan_desktop.core.org import settings

from .test_reminder_counts import _badge_office

DAYS = (
    date(2026, 12, 3),
    date(2026, 11, 29),
    date(2024, 2, 29),
    date(2025, 2, 3),
    date(2025, 2, 4),
    date(2025, 11, 7),
    date(2025, 12, 31),
    date(2027, 1, 1),
)


def test_the_kept_text_is_the_generated_one():
    """After a change to a statement: ``python -m
    ketluan_desktop.core.members.reminder_counts_statements`` prints the text to keep."""
    sql, params = statements.kept_form(date(2026, 12, 3))
    assert sql == plain.SQL
    assert params == plain.PARAMS


@pytest.mark.parametrize("today", DAYS)
def test_each_kept_statement_bound_is_the_orm_statement_compiled(today):
    built = statements.statements(today)
    assert set(built) == set(plain.SQL)
    for name, stmt in built.items():
        assert plain.bound(name, plain.inputs(today)) == sqlite_compiled.named(stmt), name


def test_the_kept_settings_are_those_of_an_office_that_changed_none(tmp_path):
    from ketluan_desktop.core.db import open_database

    db = open_database(tmp_path / "trống.db", create=True)
    try:
        with db.session() as s:
            assert reminders.load_config(s) == plain.CONFIG
    finally:
        db.dispose()


def _both(db, today: date) -> tuple[dict, dict | None]:
    with db.session() as s:
        orm = reminders.counts(s, today)
    con = sqlite3.connect(f"{db.location.path.as_uri()}?mode=ro", uri=True)
    try:
        return orm, plain.read_counts(con, today)
    finally:
        con.close()


@pytest.mark.parametrize("today", DAYS)
def test_the_demo_office_counts_the_same_both_ways(tmp_path, _demo_template, today):
    from ketluan_desktop.core.db import open_database

    path = tmp_path / "Văn phòng" / "demo.db"
    path.parent.mkdir()
    shutil.copyfile(_demo_template, path)
    db = open_database(path)
    try:
        orm, read = _both(db, today)
        if today == date(2026, 11, 29):  # the demo's day: something to compare
            assert sum(orm.values()) > 0
        assert read == orm
    finally:
        db.dispose()


def test_the_badge_candidates_evaluated_in_full_count_the_same(db, orgs, office_db):
    """The re-admitted, the absent and the seriously ill beside the plain members, on the days
    either side of award occasions."""
    if db.is_server:
        pytest.skip("the plain read is for a SQLite file")
    with db.write_session() as s:
        _badge_office(s, orgs["Đảng bộ Sở Tài chính"])
    day = date(2025, 1, 25)
    while day < date(2026, 1, 10):
        orm, read = _both(db, day)
        assert read == orm, day
        day += timedelta(days=23)
    assert orm[BADGE_DUE] > 0


def test_an_office_with_its_own_settings_is_left_to_the_ordinary_count(db):
    if db.is_server:
        pytest.skip("the plain read is for a SQLite file")
    assert _both(db, date(2026, 11, 29))[1] == dict.fromkeys(reminders.RULES, 0)
    with db.write_session() as s:
        settings.set_value(s, "members.probation_warning_days", 45)
    assert _both(db, date(2026, 11, 29))[1] is None


def test_the_plain_count_imports_no_sqlalchemy(tmp_path, _demo_template):
    """It runs while SQLAlchemy is being imported: importing it there would make it wait."""
    import subprocess
    import sys

    path = tmp_path / "demo.db"
    shutil.copyfile(_demo_template, path)
    code = (
        "import sqlite3, sys\n"
        "from datetime import date\n"
        "from ketluan_desktop.core.members.reminder_counts_sql import read_counts\n"
        f"con = sqlite3.connect({path.as_uri() + '?mode=ro'!r}, uri=True)\n"
        "print(sum(read_counts(con, date(2026, 11, 29)).values()) > 0)\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert out == ["True", "False"]

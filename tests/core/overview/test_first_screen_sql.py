"""The overview's first screen read through plain ``sqlite3`` (start-up, before SQLAlchemy is
imported): its kept SQL is the ORM path's statements compiled for SQLite, and what it reads,
assembled, equals the ORM path's values."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from ketluan_desktop.core.db import migrate, open_database, sqlite_compiled
from ketluan_desktop.core.members import figures
from ketluan_desktop.core.overview import first_screen, screen
from ketluan_desktop.core.overview import first_screen_sql as plain
from ketluan_desktop.core.overview import first_screen_statements as statements
from ketluan_desktop.core.periods import current_half_year
from ketluan_desktop.core.tasks import due_notice
from ketluan_desktop.core.tasks.notice_values import TaskNotice
from ketluan_desktop.core.tasks.overview import TaskScope

TODAY = date(2026, 11, 29)
DAYS = (date(2026, 12, 3), date(2024, 2, 29), date(2025, 1, 1), date(2025, 7, 31), TODAY)


def test_the_kept_text_is_the_generated_one():
    """After a change to a statement: ``python -m
    ketluan_desktop.core.overview.first_screen_statements`` prints the text to keep."""
    sql, params = statements.kept_form(date(2026, 12, 3))
    assert sql == plain.SQL
    assert params == plain.PARAMS
    assert statements.columns(date(2026, 12, 3)) == plain.COLUMNS


def test_rows_read_in_one_step_are_unordered_statements():
    """``ONE_STEP``'s aggregate reads a subquery: nothing may depend on its rows' order."""
    for name in plain.ONE_STEP:
        assert "ORDER BY" not in plain.SQL[name], name


def test_ordered_statements_read_in_one_step_end_with_their_order():
    """``ORDERED_ONE_STEP`` numbers rows by the statement's last ORDER BY: one with a LIMIT
    after it (or any other tail) is refused, not read in a wrong order."""
    for name in plain.ORDERED_ONE_STEP:
        built = plain.ordered_one_step(plain.SQL[name], plain.COLUMNS[name])
        assert "row_number() OVER (ORDER BY " in built
    for name in ("oldest", "notice_nearest"):  # ordered, with a LIMIT
        with pytest.raises(ValueError):
            plain.ordered_one_step(plain.SQL[name], plain.COLUMNS[name])


def _copy_rows(con, table: str, where: str, **values) -> int:
    """A copy of ``table``'s row ``where`` with ``values`` changed; the new row's id."""
    names = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] != "id"]
    picked = ", ".join(f":{n}" if n in values else n for n in names)
    con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {picked} FROM {table} "
                f"WHERE {where} LIMIT 1", values)  # fmt: skip
    return con.execute("SELECT last_insert_rowid()").fetchone()[0]


def test_conclusions_read_in_one_step_keep_their_order(tmp_path, _demo_template):
    """The conclusions' list (``documents``, read in one step) in the ORM's order — newest date
    first, undated last, the same date by number from the highest — row for row as the
    statement gives them one at a time and as the ORM path's overview lists them."""
    import sqlite3

    path = tmp_path / "nhiều.db"
    shutil.copyfile(_demo_template, path)
    con = sqlite3.connect(path)
    days = ["2025-03-01", None, "2026-01-15", "2025-03-01", None, "2024-07-10", "2026-01-15"]
    for i, day in enumerate(days * 3):
        doc = _copy_rows(con, "document", "id = 1", number_symbol=f"{200 + i}-KL/ĐUK",
                         doc_date=day, subject=f"Kết luận thứ {i}")  # fmt: skip
        for _ in range(i % 4 + 1):
            _copy_rows(con, "task", "document_id = 1", document_id=doc, block_id=None)
    con.commit()
    sql, params = plain.bound("documents", plain.inputs(TODAY))
    one_by_one = con.execute(sql, params).fetchall()
    assert plain._rows(con, "documents", plain.inputs(TODAY), None) == one_by_one
    con.close()
    assert len(one_by_one) == 22 and [r[0] for r in one_by_one] != sorted(r[0] for r in one_by_one)
    db = open_database(path)
    try:
        orm = _orm(db, TODAY)
        assert [d[0] for d in orm["documents"]] == [r[0] for r in one_by_one]
        assert _plain(db, TODAY) == orm
    finally:
        db.dispose()


def _changed_copy(template, path, sql: str):
    """A copy of the demo office's file with ``sql`` run on it."""
    import sqlite3

    shutil.copyfile(template, path)
    con = sqlite3.connect(path)
    con.execute(sql)
    con.commit()
    con.close()
    return path


def test_a_part_that_fails_leaves_the_screen_to_the_ordinary_read(tmp_path, _demo_template, caplog):
    """A file at the right schema whose statements fail (a table gone): no rows, no error
    (the reminders' count, which may fail alone, says so in the log)."""

    path = _changed_copy(_demo_template, tmp_path / "thiếu bảng.db", "DROP TABLE procedure")
    assert plain._checked_uri(path) is not None  # the header and the schema's version are right
    assert plain.read_first_screen(path, TODAY, reminders=True) is None
    assert {r.getMessage() for r in caplog.records} == {"the reminders' plain count failed"}
    caplog.clear()


@pytest.mark.parametrize("today", DAYS)
@pytest.mark.parametrize("ids", [[7], [3, 9, 12], list(range(1, 11))])
def test_each_kept_statement_bound_is_the_orm_statement_compiled(today, ids):
    built = statements.statements(today, ids)
    assert set(built) == set(plain.SQL)
    for name, stmt in built.items():
        assert plain.bound(name, plain.inputs(today), ids) == sqlite_compiled.named(stmt), name


def test_the_kept_schema_is_the_newest_migration():
    assert plain.SCHEMA == migrate.SCHEMA_HEAD


def test_the_first_period_is_the_screens_first_choice():
    day = date(2024, 1, 1)
    while day < date(2026, 1, 5):
        first = figures.report_periods(day)[0]
        assert current_half_year(day) == (first.start, first.end), day
        day += timedelta(days=1)


def _orm(db, today: date) -> dict:
    start, end = current_half_year(today)
    return screen.load_overview(db, today=today, start=start, end=end, scope=TaskScope())


def _plain(db, today: date) -> dict:
    rows = plain.read_first_screen(db.location.path, today)
    assert rows is not None
    return screen.assemble_first_screen(rows)


def _same_notice(db, today: date) -> TaskNotice:
    """The start-up notice read plainly equals ``due_notice.notice`` (the counts, the window of
    the office's due-soon days, the nearest rows); the ORM's, for further checks."""
    with db.session() as s:
        orm = due_notice.notice(s, today=today)
    rows = plain.read_first_screen(db.location.path, today)
    assert rows is not None
    assert first_screen.assemble_notice(rows) == orm
    return orm


@pytest.mark.parametrize("today", [TODAY, date(2024, 12, 10), date(2025, 3, 1)])
def test_the_demo_office_reads_the_same_both_ways(tmp_path, _demo_template, today):
    path = tmp_path / "Văn phòng" / "demo.db"
    path.parent.mkdir()
    shutil.copyfile(_demo_template, path)
    db = open_database(path)
    try:
        orm = _orm(db, today)
        if today == TODAY:  # each part has something to compare
            assert orm["tasks"].units and orm["tasks"].oldest and orm["documents"]
            assert orm["procedures"].total
        assert _plain(db, today) == orm
        notice = _same_notice(db, today)
        if today == TODAY:
            assert notice.overdue and not notice.empty
    finally:
        db.dispose()


def test_an_empty_office_reads_the_same_both_ways(tmp_path):
    db = open_database(tmp_path / "trống.db", create=True)
    try:
        assert _plain(db, TODAY) == _orm(db, TODAY)
        assert _orm(db, TODAY)["tasks"].units == []
        assert _same_notice(db, TODAY).empty
    finally:
        db.dispose()


def test_edge_cases_read_the_same_both_ways(tmp_path, _demo_template, now):
    """Tasks without a unit, paused, done without a date, a unit without a short name, the
    office's own due-soon days, a procedure on the period's last day."""
    from ketluan_desktop.core.org import settings
    from ketluan_desktop.core.tasks import listing, task_states
    from ketluan_desktop.core.tasks.editing import TaskInput, create_task, set_status

    path = tmp_path / "biên.db"
    shutil.copyfile(_demo_template, path)
    db = open_database(path)
    try:
        with db.write_session() as s:
            settings.set_value(s, "tasks.due_soon_days", 30)
            create_task(s, TaskInput("Không đơn vị", deadline=date(2026, 1, 20)),
                        now=now, today=TODAY)  # fmt: skip
            create_task(s, TaskInput("Không hạn"), now=now, today=TODAY)
            create_task(s, TaskInput("Sắp đến hạn", deadline=TODAY + timedelta(days=20)),
                        now=now, today=TODAY)  # fmt: skip
            overdue = listing.list_tasks(s, today=TODAY, state=task_states.OVERDUE)
            set_status(s, overdue[0].id, "paused", expected_version=None, now=now)
            set_status(s, overdue[1].id, "done", expected_version=None, now=now,
                       completed_on=date(2026, 11, 28))  # fmt: skip
        with db.write_session() as s:
            from sqlalchemy import text

            s.execute(text("UPDATE organisation SET short_name = NULL"))
            s.execute(text("UPDATE task SET completed_on = NULL WHERE status = 'done' AND id = "
                           "(SELECT min(id) FROM task WHERE status = 'done')"))  # fmt: skip
            s.execute(text("UPDATE procedure SET counted_on = '2026-12-31' WHERE id = "
                           "(SELECT min(id) FROM procedure WHERE status = 'approved')"))  # fmt: skip
        orm = _orm(db, TODAY)
        assert orm["tasks"].without_unit and orm["tasks"].paused
        assert _plain(db, TODAY) == orm
        notice = _same_notice(db, TODAY)  # over the office's 30 days, not the default 7
        assert notice.days == 30 and notice.due_soon and notice.nearest
        assert any(r.deadline > TODAY + timedelta(days=7) for r in notice.nearest)
    finally:
        db.dispose()


def test_what_the_plain_read_leaves_to_the_ordinary_open(tmp_path, _demo_template):
    """Not a database, an older or newer schema, a missing file: None (``open_database`` refuses
    or migrates with its own messages); the checks are over (``checked``) either way."""
    import threading

    other = tmp_path / "khác.db"
    other.write_bytes(b"not a database at all" * 10)
    checked = threading.Event()
    assert plain.read_first_screen(other, TODAY, checked=checked) is None
    assert checked.is_set()
    assert plain.read_first_screen(tmp_path / "thiếu.db", TODAY) is None
    newer = _changed_copy(
        _demo_template, tmp_path / "mới.db", "UPDATE alembic_version SET version_num = '9999'"
    )
    assert plain.read_first_screen(newer, TODAY) is None

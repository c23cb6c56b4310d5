"""The Core tables the members' list and figures read (``members/tables.py``) name the models'
columns with the models' types: a column renamed or retyped in a model fails here, not in a
command on an office's data."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ketluan_desktop.core.db.base import table_of
from ketluan_desktop.core.members import figures, member_list, tables
from ketluan_desktop.core.members.models import Member, Procedure
from ketluan_desktop.core.org.models import Organisation


@pytest.mark.parametrize(
    ("core", "model"),
    [(tables.member, Member), (tables.procedure, Procedure), (tables.organisation, Organisation)],
    ids=["member", "procedure", "organisation"],
)
def test_each_core_column_is_the_models_with_its_type(core, model):
    mapped = table_of(model)
    assert core.name == mapped.name
    for col in core.columns:
        assert col.name in mapped.c, f"{core.name}.{col.name} is not a column of {model.__name__}"
        assert type(col.type) is type(mapped.c[col.name].type), f"{core.name}.{col.name}"


def test_the_list_and_the_figures_read_the_same_on_a_session_and_a_core_connection(demo_db):
    """What the window reads (ORM session) and what ``ketluan`` reads (Core connection) agree,
    dates as dates."""
    period = (date(2024, 7, 1), date(2024, 12, 31))
    with demo_db.session() as s:
        rows = member_list.list_members(s, limit=30)
        found = member_list.list_members(s, text="nguyen", limit=10)
        total = member_list.count(s)
        row_number = member_list.row_of(s, rows[5].id)
        f = figures.figures(s, *period)
    with demo_db.connection() as conn:
        assert member_list.list_members(conn, limit=30) == rows
        assert member_list.list_members(conn, text="nguyen", limit=10) == found
        assert member_list.count(conn) == total
        assert member_list.row_of(conn, rows[5].id) == row_number == 5
        assert figures.figures(conn, *period) == f
    assert total > 30 and found and f.total > 0
    assert any(isinstance(r.birth_date, date) for r in rows)
    # the rows are those of the members' own table, in the list's order
    with demo_db.session() as s:
        names = s.scalars(select(Member.full_name).where(Member.id.in_([r.id for r in rows])))
        assert sorted(names) == sorted(r.full_name for r in rows)

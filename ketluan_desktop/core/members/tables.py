"""The members', procedures' and organisations' columns that the list and the figures read, as
SQLAlchemy Core tables: those queries run on an ORM session (the window) and on a Core
connection alike (``Database.connection()``: a command that only reads never imports the ORM
nor maps a model, which costs more than the query on a big office).

The models (``members/models.py``, ``org/models.py``) are the schema; these name a subset of
their columns with the same types, and ``tests/core/members/test_member_tables.py`` fails when a
column here is not the model's. A statement never mixes these with the models' own tables in one
FROM (SQL would see the same table twice); as a subquery (``member_list.filtered``) it can."""

from __future__ import annotations

from sqlalchemy import Date, Integer, column, table

from ketluan_desktop.core.db.types import NFCText

member = table(
    "member",
    column("id", Integer),
    column("full_name", NFCText()),
    column("name_folded", NFCText()),
    column("name_sort", NFCText()),
    column("gender", NFCText()),
    column("birth_date", Date()),
    column("organisation_id", Integer),
    column("cell_id", Integer),
    column("position", NFCText()),
    column("card_number", NFCText()),
    column("admission_date", Date()),
    column("status", NFCText()),
)

procedure = table(
    "procedure",
    column("id", Integer),
    column("member_id", Integer),
    column("kind", NFCText()),
    column("status", NFCText()),
    column("counted_on", Date()),
    column("badge_years", Integer),
    column("reason", NFCText()),
)

organisation = table(
    "organisation",
    column("id", Integer),
    column("name", NFCText()),
)

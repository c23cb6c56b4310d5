"""every issued document keeps the layout it was printed with (a snapshot), even those issued
before snapshots were taken at import (the demo office's conclusion, imported documents)

An issued document without a snapshot used to print with whatever profile was the default at the
time of printing: after an office chose HD 05 as its default, its 2024 conclusion re-exported with
HD 05's ";" after each recipient. Each such document now gets a snapshot: its recorded profile if
it has one, else the guidance in force on its date (HD 36 before 27/5/2026, the date of Hướng dẫn
05-HD/VPTW), else the office's default profile. Self-contained: plain SQL over the two tables, and
HD 36's numbers from the layout_profile table (or, if it was never seeded, from the code).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

HD36_NAME = "HD 36-HD/VPTW (2018)"
HD05_FROM = date(2026, 5, 27)

_document = sa.table(
    "document",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("doc_date", sa.Date),
    sa.column("layout_profile_id", sa.Integer),
    sa.column("layout_snapshot", sa.JSON),
)
_profile = sa.table(
    "layout_profile",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("is_default", sa.Boolean),
    sa.column("data", sa.JSON),
)


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _snapshot(row) -> dict:
    data = row.data if isinstance(row.data, dict) else json.loads(row.data or "{}")
    return {**data, "name": row.name}


def upgrade() -> None:
    conn = op.get_bind()
    profiles = {r.id: r for r in conn.execute(sa.select(_profile)).all()}
    by_name = {r.name: r for r in profiles.values()}
    default = next((r for r in profiles.values() if r.is_default), None)
    hd36 = by_name.get(HD36_NAME)
    if hd36 is not None:
        hd36_pair = (hd36.id, _snapshot(hd36))
    else:
        from ketluan_desktop.core.render.profile import HD36

        hd36_pair = (None, HD36.to_dict())
    rows = conn.execute(
        sa.select(_document.c.id, _document.c.doc_date, _document.c.layout_profile_id).where(
            _document.c.status != "draft", _document.c.layout_snapshot.is_(None)
        )
    ).all()
    for doc in rows:
        recorded = profiles.get(doc.layout_profile_id)
        on = _as_date(doc.doc_date)
        if recorded is not None:
            pair = (recorded.id, _snapshot(recorded))
        elif (on is not None and on < HD05_FROM) or default is None:
            pair = hd36_pair
        else:
            pair = (default.id, _snapshot(default))
        conn.execute(
            _document.update()
            .where(_document.c.id == doc.id)
            .values(layout_profile_id=pair[0], layout_snapshot=pair[1])
        )


def downgrade() -> None:
    # The snapshots are data an older version reads the same way; nothing to undo.
    pass

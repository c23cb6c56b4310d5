"""the reminders' counts read from indexes alone (issue 14, start-up on a cold file): three
indexes widened by the columns their counts test

On the big office (100,000 members, a million procedures) with the file not yet in the OS cache,
the start-up count of the reminders spent ~330 ms reading one table row per index entry: the
travellers' procedures for their status, the badge candidates' members for their status, first
admission and illness, the card reissues for their reason. Each index keeps its columns in front
(the same seeks, the same ranges for every other read) and gains those columns behind, so no index
is added: the counts read index pages only (~30 ms cold).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# (table, the index replaced and its columns, the index replacing it and its columns)
WIDENED = [
    (
        "procedure",
        ("ix_procedure_kind_return_report_on_travel_to", ["kind", "return_report_on", "travel_to"]),
        (
            "ix_procedure_kind_return_report_on_travel_to_status_member_id",
            ["kind", "return_report_on", "travel_to", "status", "member_id"],
        ),
    ),
    (
        "procedure",
        ("ix_procedure_kind_status_member_id", ["kind", "status", "member_id"]),
        (
            "ix_procedure_kind_status_member_id_badge_years_reason",
            ["kind", "status", "member_id", "badge_years", "reason"],
        ),
    ),
    (
        "member",
        ("ix_member_admission_date", ["admission_date"]),
        (
            # named by hand: the generated name is longer than PostgreSQL's 63 characters
            "ix_member_admission_date_status_flags",
            ["admission_date", "status", "first_admission_date", "seriously_ill"],
        ),
    ),
]


def upgrade() -> None:
    for table, (old, _old_columns), (new, columns) in WIDENED:
        op.create_index(new, table, columns)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for table, (old, old_columns), (new, _columns) in reversed(WIDENED):
        op.create_index(old, table, old_columns)
        op.drop_index(new, table_name=table)

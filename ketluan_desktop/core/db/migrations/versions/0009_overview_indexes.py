"""indexes the overview reads (issue 18): the key tasks per lead unit and state, and the tasks
overdue at each month's end, are counted from an index alone

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_task_lead_unit_id_status_deadline", "task", ["lead_unit_id", "status", "deadline"]),
    ("ix_task_deadline_status_completed_on", "task", ["deadline", "status", "completed_on"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)

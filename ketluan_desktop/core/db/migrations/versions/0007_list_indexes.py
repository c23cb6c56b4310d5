"""indexes the list screens sort and page by (issue 14): the task list sorted by its text, its
priority or its latest progress update reads one page of an index instead of sorting every task

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_task_text_folded", "task", ["text_folded"]),
    ("ix_task_priority", "task", ["priority"]),
    ("ix_task_latest_update_id", "task", ["latest_update_id"]),
    ("ix_task_update_update_date", "task_update", ["update_date"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)

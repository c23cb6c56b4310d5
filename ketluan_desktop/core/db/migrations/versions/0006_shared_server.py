"""several workstations on one database: versions and who-changed-it on edited rows, change log

Every row a person edits gets a ``version`` (SQLAlchemy's version counter: a stale save is refused)
and ``changed_by``/``changed_at`` (the stale-save message names who and when). ``change_log`` holds
SQLite's change announcements (PostgreSQL uses NOTIFY). On PostgreSQL the task → latest update
foreign key, which the first migration's ``use_alter`` left out there, is added.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

STAMPED = [
    "document",
    "meeting",
    "member",
    "procedure",
    "task",
    "task_update",
    "organisation",
    "person",
    "term",
    "layout_profile",
    "setting",
]
NEW_VERSION = ["task_update", "person", "term", "layout_profile", "setting"]
LATEST_UPDATE_FK = "fk_task_latest_update_id_task_update"


def upgrade() -> None:
    for table in STAMPED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table in NEW_VERSION:
                batch_op.add_column(
                    sa.Column("version", sa.Integer(), nullable=False, server_default="1")
                )
            batch_op.add_column(sa.Column("changed_by", sa.Text(), nullable=True))
            batch_op.add_column(sa.Column("changed_at", sa.DateTime(), nullable=True))
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area", sa.Text(), nullable=False),
        sa.Column("ids", sa.JSON(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        fks = {fk["name"] for fk in sa.inspect(bind).get_foreign_keys("task")}
        if LATEST_UPDATE_FK not in fks:
            op.create_foreign_key(
                LATEST_UPDATE_FK,
                "task",
                "task_update",
                ["latest_update_id"],
                ["id"],
                ondelete="SET NULL",
            )


def downgrade() -> None:
    op.drop_table("change_log")
    for table in reversed(STAMPED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("changed_at")
            batch_op.drop_column("changed_by")
            if table in NEW_VERSION:
                batch_op.drop_column("version")

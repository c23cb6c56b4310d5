"""a draft's approval (issue 16): «Lãnh đạo Văn phòng» approves a draft or returns it with a
comment; «Văn thư» numbers and issues only an approved draft

``approval`` is None while the draft waits (written or changed since), "approved" or "returned";
who decided, when, and the comment given with a return.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = ("approval", "approval_by", "approval_at", "approval_comment")


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("approval", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("approval_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("approval_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("approval_comment", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)

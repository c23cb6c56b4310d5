"""accent-free text of each paragraph and bullet, so Tra cứu finds words inside documents

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from ketluan_desktop.core.text import fold

    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_folded", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    block = sa.table("block", sa.column("id", sa.Integer), sa.column("text", sa.Text),
                     sa.column("text_folded", sa.Text))  # fmt: skip
    rows = conn.execute(sa.select(block.c.id, block.c.text)).all()
    if rows:
        conn.execute(
            block.update().where(block.c.id == sa.bindparam("b_id")),
            [{"b_id": r.id, "text_folded": fold(r.text or "")} for r in rows],
        )


def downgrade() -> None:
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_column("text_folded")

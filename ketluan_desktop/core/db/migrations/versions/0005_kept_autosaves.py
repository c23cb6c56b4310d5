"""autosaved text kept in a document's history, and which workstation wrote an autosave

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kept_autosave",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("kept_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("workstation", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_kept_autosave_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kept_autosave")),
    )
    with op.batch_alter_table("kept_autosave", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kept_autosave_document_id"), ["document_id"], unique=False
        )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("autosave_workstation", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("autosave_workstation")
    with op.batch_alter_table("kept_autosave", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kept_autosave_document_id"))
    op.drop_table("kept_autosave")

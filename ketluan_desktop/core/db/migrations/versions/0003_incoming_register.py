"""Sổ văn bản đến: documents received from other bodies, and the tasks tracked from them

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incoming_document",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("received_date", sa.Date(), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=True),
        sa.Column("parent_issuer", sa.Text(), nullable=True),
        sa.Column("number_symbol", sa.Text(), nullable=True),
        sa.Column("type_code", sa.Text(), nullable=True),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("signer", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=True),
        sa.Column("file_sha256", sa.Text(), nullable=True),
        sa.Column("file_data", sa.LargeBinary(), nullable=True),
        sa.Column("search_folded", sa.Text(), nullable=False),
        sa.Column("received_by", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incoming_document")),
        sa.UniqueConstraint("year", "number", name=op.f("uq_incoming_document_year_number")),
    )
    with op.batch_alter_table("incoming_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incoming_document_file_sha256"), ["file_sha256"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_incoming_document_number_symbol"), ["number_symbol"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_incoming_document_received_date"), ["received_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_incoming_document_year_received_date"),
            ["year", "received_date"],
            unique=False,
        )
    op.create_table(
        "incoming_task",
        sa.Column("incoming_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incoming_id"],
            ["incoming_document.id"],
            name=op.f("fk_incoming_task_incoming_id_incoming_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_incoming_task_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("task_id", name=op.f("pk_incoming_task")),
    )
    with op.batch_alter_table("incoming_task", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incoming_task_incoming_id"), ["incoming_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("incoming_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incoming_task_incoming_id"))
    op.drop_table("incoming_task")
    with op.batch_alter_table("incoming_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incoming_document_year_received_date"))
        batch_op.drop_index(batch_op.f("ix_incoming_document_received_date"))
        batch_op.drop_index(batch_op.f("ix_incoming_document_number_symbol"))
        batch_op.drop_index(batch_op.f("ix_incoming_document_file_sha256"))
    op.drop_table("incoming_document")

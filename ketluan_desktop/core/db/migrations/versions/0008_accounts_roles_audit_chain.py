"""accounts and roles for a shared database, the audit trail chained by hashes (issue 16)

The unused ``app_user`` table gives way to ``account`` (Argon2id password hashes, lock-out). Each
``audit_entry`` gets the hash of the previous entry and its own; the entries already written are
sealed into the chain here, in id order, and ``audit_chain_head`` holds the newest link.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("app_user")
    op.create_table(
        "account",
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("password_changed_at", sa.DateTime(), nullable=True),
        sa.Column("last_sign_in", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["organisation.id"],
            name=op.f("fk_account_unit_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("username", name=op.f("uq_account_username")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_audit_entry_username_at"), ["username", "at"], unique=False
        )
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    _seal_existing_entries()


def _seal_existing_entries() -> None:
    """Chain what was written before this revision, so ``ketluan audit verify`` holds from now."""
    from ketluan_desktop.core.audit.chain import GENESIS, HEAD_ID, digest

    bind = op.get_bind()
    entry = sa.table(
        "audit_entry",
        *(
            sa.column(c)
            for c in ("id", "at", "username", "action", "entity", "entity_id", "summary")
        ),
        sa.column("changes", sa.JSON()),
        sa.column("prev_hash"),
        sa.column("entry_hash"),
    )
    rows = bind.execute(sa.select(entry).order_by(entry.c.id)).fetchall()
    prev, last_id, updates = GENESIS, None, []
    for r in rows:
        h = digest(prev, r.at, r.username, r.action, r.entity, r.entity_id, r.summary, r.changes)
        updates.append({"k": r.id, "p": prev, "h": h})
        prev, last_id = h, r.id
    if updates:
        bind.execute(
            entry.update()
            .where(entry.c.id == sa.bindparam("k"))
            .values(prev_hash=sa.bindparam("p"), entry_hash=sa.bindparam("h")),
            updates,
        )
    head = sa.table(
        "audit_chain_head", sa.column("id"), sa.column("last_id"), sa.column("last_hash")
    )
    bind.execute(head.insert().values(id=HEAD_ID, last_id=last_id, last_hash=prev))


def downgrade() -> None:
    op.drop_table("audit_chain_head")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_username_at"))
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("prev_hash")
    op.drop_table("account")
    op.create_table(
        "app_user",
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )

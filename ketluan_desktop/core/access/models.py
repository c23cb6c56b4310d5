"""Accounts of the people who sign in to a shared database (replaces the unused ``app_user``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from ketluan_desktop.core.db.base import Base, IdMixin


class Account(IdMixin, Base):
    __tablename__ = "account"

    username: Mapped[str] = mapped_column(unique=True)  # lower case, as typed at sign-in
    full_name: Mapped[str]
    role: Mapped[str]  # a Role key (permissions.py)
    # A specialist's unit: their task updates are limited to the tasks of that unit (None: all).
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), default=None
    )
    password_hash: Mapped[str]  # Argon2id, never the password
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime | None] = mapped_column(default=None)
    password_changed_at: Mapped[datetime | None] = mapped_column(default=None)
    last_sign_in: Mapped[datetime | None] = mapped_column(default=None)

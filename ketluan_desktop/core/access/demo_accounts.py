"""The demo office's accounts: one per role, every password «demo» (printed by ``ketluan demo``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access import passwords
from ketluan_desktop.core.access.models import Account
from ketluan_desktop.core.access.permissions import Role

PASSWORD = "demo"
ACCOUNTS: tuple[tuple[str, str, Role], ...] = (
    ("vanthu", "Nguyễn Thị Thu", Role.CLERK),
    ("chuyenvien", "Trần Văn Bình", Role.SPECIALIST),
    ("lanhdao", "Lê Minh Chánh", Role.CHIEF),
    ("tochuc", "Phạm Thị Dung", Role.ORGANISATION),
    ("kiemtra", "Hoàng Văn Kiên", Role.INSPECTION),
    ("quantri", "Đỗ Quang Trị", Role.ADMIN),
)


def create(session: Session, *, now: datetime) -> list[Account]:
    """Add the accounts that are missing (the demo is loaded once; this is safe to repeat)."""
    have = set(session.scalars(select(Account.username)))
    digest = passwords.hash_password(PASSWORD)  # one hash for all: the demo's only password
    made = []
    for username, full_name, role in ACCOUNTS:
        if username in have:
            continue
        acc = Account(
            username=username,
            full_name=full_name,
            role=role.value,
            password_hash=digest,
            active=True,
            failed_attempts=0,
            must_change_password=False,
            created_at=now,
            password_changed_at=now,
        )
        session.add(acc)
        made.append(acc)
    return made


def lines(role_names: dict[str, str]) -> list[str]:
    """«vanthu / demo — Văn thư (Nguyễn Thị Thu)» for each account."""
    return [
        f"  {u:<11} / {PASSWORD} — {role_names.get(r.value, r.value)} ({n})" for u, n, r in ACCOUNTS
    ]

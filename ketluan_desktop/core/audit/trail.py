"""The audit trail: who did what, when. Summaries name records, never a member's personal data."""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ketluan_desktop.core.audit.models import AuditEntry


def current_username() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service account, odd environment)
        return "không rõ"


def record(
    session: Session,
    *,
    now: datetime,
    action: str,
    entity: str,
    entity_id: int | None = None,
    summary: str | None = None,
    changes: dict[str, Any] | None = None,
    username: str | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        at=now,
        # The session's database knows who works through it (a sign-in on a shared server).
        username=username
        or getattr(session.info.get("database"), "username", None)
        or current_username(),
        action=action,
        entity=entity,
        entity_id=entity_id,
        summary=summary,
        changes=changes,
    )
    session.add(entry)
    return entry

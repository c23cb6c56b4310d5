"""The audit trail: who did what, when. Summaries name records, never a member's personal data;
before/after values of personal data are kept in ``changes`` and shown only to roles allowed to
see them (core/audit/listing.py). Every entry is chained to the previous one (chain.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import actor_of, os_username
from ketluan_desktop.core.audit import chain
from ketluan_desktop.core.audit.models import AuditEntry


def current_username() -> str:
    return os_username()


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
        # The session's actor: the signed-in person on a shared server, else the OS account.
        username=username or actor_of(session).username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        summary=summary,
        changes=changes,
    )
    return chain.append(session, entry)

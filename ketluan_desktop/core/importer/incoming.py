"""Which register an imported document belongs to, and storing it in the incoming one.

The office's own documents (its old archive) go to the outgoing side as before; a document of
another body (a central conclusion, a provincial resolution) is recorded in Sổ văn bản đến, and
the tasks the office chooses to track link back to it. One transaction, like every import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from ketluan_desktop.core.documents import incoming_register as register
from ketluan_desktop.core.documents.incoming_models import IncomingDocument
from ketluan_desktop.core.errors import NotFoundError
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.text import fold

OUTGOING = "outgoing"
INCOMING = "incoming"


@dataclass
class StoredIncoming:
    incoming: IncomingDocument
    tasks: list[Task]


def _office_names(session: Session) -> list[str]:
    from ketluan_desktop.core.org import organisations as org_service

    try:
        org = org_service.issuing_body(session)
    except NotFoundError:
        return []
    names = [org.name, *(v.name for v in getattr(org, "names", []) if getattr(v, "name", None))]
    return [fold(n) for n in names if n]


def decide_side(session: Session, parsed: dict[str, Any]) -> str:
    """``INCOMING`` when the document names an issuer that is not this office, else ``OUTGOING``
    (no office set up, no issuer found, or the office's own name)."""
    issuer = (parsed.get("document") or {}).get("issuer")
    if not issuer:
        return OUTGOING
    office = _office_names(session)
    if not office:
        return OUTGOING
    key = fold(issuer)
    if any(key == n or key in n or n in key for n in office):
        return OUTGOING
    return INCOMING


def fields_of(parsed: dict[str, Any]) -> register.IncomingFields:
    doc = parsed.get("document") or {}
    signer = parsed.get("signer") or {}
    signed = " ".join(x for x in (signer.get("title"), signer.get("name")) if x) or None
    return register.IncomingFields(
        issuer=doc.get("issuer"),
        parent_issuer=doc.get("parent_issuer"),
        number_symbol=doc.get("number_symbol"),
        doc_date=date.fromisoformat(doc["date"]) if doc.get("date") else None,
        subject=doc.get("title") or doc.get("subject"),
        type_code=doc.get("type"),
        signer=signed,
    )


def store_incoming(
    session: Session,
    parsed: dict[str, Any],
    *,
    received: date,
    now: datetime,
    source_name: str | None,
    data: bytes | None,
    track: list[register.TrackedTask] | None = None,
) -> StoredIncoming:
    """Record the document in Sổ văn bản đến; ``track``: the tasks the office will follow."""
    row = register.record(
        session, fields_of(parsed), received=received, now=now, file_name=source_name, data=data
    )
    tasks = register.track_tasks(session, row, track or [], now=now) if track else []
    return StoredIncoming(row, tasks)


def tracked_from(parsed: dict[str, Any]) -> list[register.TrackedTask]:
    """Every task the importer found, to be followed as they are."""
    return [register.TrackedTask(t["text"]) for t in parsed.get("tasks") or [] if t.get("text")]

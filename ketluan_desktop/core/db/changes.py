"""Telling other workstations what changed: each committed transaction announces its areas and ids.

A session made by ``Database`` collects, at each flush, which rows it wrote; just before the
commit it announces them in the same transaction, so an announcement exists exactly when the
change does:

- on PostgreSQL with ``NOTIFY ketluan_changes, '{"a": area, "ids": [...], "o": origin}'``
  (delivered by the server to every listening workstation at commit, never on rollback);
- on SQLite with a row in ``change_log`` that other processes read when ``PRAGMA data_version``
  says the file changed (``core.db.listening``).

Areas are the screens' own names (``AppContext.notify``): documents, tasks, meetings, members,
procedures, units, settings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, delete, func, insert, inspect, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from ketluan_desktop.core.db.base import Base, table_of

CHANNEL = "ketluan_changes"
MAX_IDS = 200  # beyond that an announcement says "many" (ids None): NOTIFY payloads stay small
KEEP_LOG_ROWS = 2000
SILENT = "ketluan_silent"  # execution option: a write nobody else needs to see (autosave)

AREA_OF_TABLE = {
    "document": "documents",
    "section": "documents",
    "block": "documents",
    "recipient": "documents",
    "citation": "documents",
    "cited_document": "documents",
    "document_figure": "documents",
    "document_signature": "documents",
    "number_sequence": "documents",
    "layout_profile": "settings",
    "task": "tasks",
    "task_update": "tasks",
    "meeting": "meetings",
    "attendance": "meetings",
    "agenda_item": "meetings",
    "member": "members",
    "member_absence": "members",
    "procedure": "procedures",
    "procedure_step": "procedures",
    "organisation": "units",
    "org_name_version": "units",
    "person": "units",
    "term": "settings",
    "setting": "settings",
    "trusted_root": "settings",
    "signing_image": "settings",
}
# The id that names the record a person sees, for rows that belong to another one.
_OWNER_ID = {
    "section": "document_id",
    "recipient": "document_id",
    "citation": "document_id",
    "document_figure": "document_id",
    "document_signature": "document_id",
    "task_update": "task_id",
    "attendance": "meeting_id",
    "agenda_item": "meeting_id",
    "member_absence": "member_id",
    "procedure_step": "procedure_id",
    "org_name_version": "organisation_id",
}


class ChangeLog(Base):
    """SQLite's announcements (PostgreSQL uses NOTIFY): the newest rows only."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    area: Mapped[str]
    ids: Mapped[list[Any] | None] = mapped_column(JSON)
    origin: Mapped[str | None]


@dataclass(frozen=True)
class Change:
    area: str
    ids: tuple[int, ...] | None  # None: many, or not known (a bulk statement)
    origin: str | None = None

    def payload(self) -> str:
        return json.dumps({"a": self.area, "ids": list(self.ids) if self.ids else None,
                           "o": self.origin}, separators=(",", ":"))  # fmt: skip

    @classmethod
    def from_payload(cls, raw: str) -> Change | None:
        try:
            data = json.loads(raw)
            ids = data.get("ids")
            return cls(str(data["a"]), tuple(int(i) for i in ids) if ids else None, data.get("o"))
        except (ValueError, KeyError, TypeError):
            return None


# -------------------------------------------------------------------------------- collecting
def _pending(session: Session) -> dict[str, set[int] | None]:
    return session.info.setdefault("ketluan_changes", {})


def _note(session: Session, area: str, ident: int | None) -> None:
    pending = _pending(session)
    ids = pending.get(area, set())
    if ids is None:
        return
    if ident is None or len(ids) >= MAX_IDS:
        pending[area] = None
        return
    ids.add(ident)
    pending[area] = ids


def _after_flush(session: Session, _ctx: Any) -> None:
    if "database" not in session.info:
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = inspect(obj).mapper.local_table.name
        area = AREA_OF_TABLE.get(table)
        if area is None:
            continue
        owner = _OWNER_ID.get(table)
        if owner is not None:
            ident = getattr(obj, owner, None)
        elif table == "block":
            ident = None if obj.section is None else obj.section.document_id
        else:
            ident = getattr(obj, "id", None)
        _note(session, area, ident if isinstance(ident, int) else None)


def _on_orm_execute(state: Any) -> None:
    """Bulk ``update()``/``delete()`` statements: the area, without ids."""
    if not (state.is_update or state.is_delete) or "database" not in state.session.info:
        return
    if state.execution_options.get(SILENT):
        return
    mapper = state.bind_mapper
    if mapper is None:
        return
    area = AREA_OF_TABLE.get(mapper.local_table.name)
    if area is not None:
        _note(state.session, area, None)


def _before_commit(session: Session) -> None:
    database = session.info.get("database")
    if database is None:
        return
    session.flush()  # the commit's own flush comes after this hook: collect its rows too
    pending = session.info.pop("ketluan_changes", None)
    if not pending:
        return
    origin = getattr(database, "origin", None)
    changes = [
        Change(area, tuple(sorted(ids)) if ids else None, origin)
        for area, ids in sorted(pending.items())
    ]
    announce(session, changes)


def announce(session: Session, changes: Iterable[Change]) -> None:
    """Announce ``changes`` inside the session's transaction (sent only if it commits)."""
    conn = session.connection()
    changes = list(changes)
    if conn.dialect.name == "postgresql":
        for c in changes:
            conn.execute(text("SELECT pg_notify(:channel, :payload)"),
                         {"channel": CHANNEL, "payload": c.payload()})  # fmt: skip
        return
    table = table_of(ChangeLog)
    conn.execute(
        insert(table),
        [{"area": c.area, "ids": list(c.ids) if c.ids else None, "origin": c.origin}
         for c in changes],
    )  # fmt: skip
    newest = conn.execute(select(func.max(table.c.id))).scalar_one()
    if newest and newest > KEEP_LOG_ROWS:
        conn.execute(delete(table).where(table.c.id <= newest - KEEP_LOG_ROWS))


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop("ketluan_changes", None)


def install_hooks() -> None:
    from sqlalchemy import event

    for name, fn in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _on_orm_execute),
        ("before_commit", _before_commit),
        ("after_rollback", _forget),
    ):
        if not event.contains(Session, name, fn):
            event.listen(Session, name, fn)


install_hooks()

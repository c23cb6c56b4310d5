"""The procedures list as the screen reads it: newest first, a ``COUNT(*)`` and pages by key.

A page seeks the primary key below the last id shown (``core.db.paging``) instead of an OFFSET
that, near the end of a million procedures, walks all of them first.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.db.paging import KeysetList, KeysetSource
from ketluan_desktop.core.members.models import Procedure
from ketluan_desktop.core.members.procedure_queries import (
    ProcedureRow,
    filtered,
    row_from,
    row_select,
    summary_of,
)


def rows_for_ids(session: Session, ids: list[int]) -> list[ProcedureRow]:
    """The list rows of these procedures, in the order of ``ids``."""
    if not ids:
        return []
    stmt = row_select().where(Procedure.id.in_(ids))
    shown = personal.allowed(session)  # the summary tells travel, reasons, card numbers
    by_id = {
        p.id: row_from(p, name, oname, summary=summary_of(p) if shown else "")
        for p, name, oname in session.execute(stmt)
    }
    return [by_id[i] for i in ids if i in by_id]


class ProcedureList(KeysetSource):
    """Count and pages of the procedures under ``filters`` (kind, status, text, member_id);
    ``session`` gives a session context (``Database.session``); both run off the UI thread."""

    def __init__(self, session, **filters) -> None:
        keyset = KeysetList(filtered(**filters), (Procedure.id,), rows_for_ids, descending=True)
        super().__init__(session, keyset, filters)

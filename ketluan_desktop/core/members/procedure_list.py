"""The procedures list as the screen reads it: newest first, a ``COUNT(*)`` and pages by key.

A page seeks the primary key below the last id shown (``core.db.paging``) instead of an OFFSET
that, near the end of a million procedures, walks all of them first.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.db.paging import KeysetList, Page
from ketluan_desktop.core.members.models import Member, Procedure
from ketluan_desktop.core.members.procedure_queries import (
    ProcedureRow,
    filtered,
    row_from,
    summary_of,
)
from ketluan_desktop.core.org.models import Organisation


def rows_for_ids(session: Session, ids: list[int]) -> list[ProcedureRow]:
    """The list rows of these procedures, in the order of ``ids``; the summary (travel, reasons,
    card numbers) only for a role that may read personal data, as in ``list_procedures``."""
    if not ids:
        return []
    shown = personal.allowed(session)
    org = aliased(Organisation)
    stmt = (
        select(Procedure, Member.full_name, org.name)
        .outerjoin(Member, Member.id == Procedure.member_id)
        .outerjoin(org, org.id == Member.organisation_id)
        .where(Procedure.id.in_(ids))
    )
    by_id = {
        p.id: row_from(p, name, oname, summary=summary_of(p) if shown else "")
        for p, name, oname in session.execute(stmt)
    }
    return [by_id[i] for i in ids if i in by_id]


class ProcedureList:
    """Count and pages of the procedures under ``filters`` (kind, status, text, member_id);
    ``session`` gives a session context (``Database.session``); both run off the UI thread."""

    def __init__(self, session, **filters) -> None:
        self._session = session
        self.filters = filters
        self._keyset = KeysetList(
            filtered(**filters), (Procedure.id,), rows_for_ids, descending=True
        )

    def count(self) -> int:
        with self._session() as s:
            return self._keyset.count(s)

    def page(self, limit: int, **where) -> Page:
        with self._session() as s:
            return self._keyset.page(s, limit, **where)

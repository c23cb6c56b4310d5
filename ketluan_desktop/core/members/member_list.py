"""The members' list: sorted the Vietnamese way, searched without accents, read a page at a time by
key; rows without personal data for roles not allowed to see it.

Written in SQLAlchemy Core over ``members/tables.py``: it runs on an ORM session or on a Core
connection (``Database.connection()``, ``ketluan members list`` on a server) alike. The count and
the first window are also kept compiled for SQLite in ``member_list_sql.py`` (``ketluan members
list`` on a file reads them through ``sqlite3`` alone); a change to ``filtered``,
``count_statement`` or ``list_statement`` fails its test until that text is compiled again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Select, func, select

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.db.paging import KeysetList, KeysetSource, Page
from ketluan_desktop.core.members.member_list_sql import MemberRow, search_of
from ketluan_desktop.core.members.tables import member, organisation

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session


# ---------------------------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------------------------
def filtered(
    *,
    text: str | None = None,
    organisation_id: int | None = None,
    cell_id: int | None = None,
    status: str | None = None,
    statuses: tuple[str, ...] | None = None,
) -> Select:
    """The ids matching the filters. A query of digits looks for a card number (its start),
    anything else for the accent-free full name ("nguyen van tuan" finds "Nguyễn Văn Tuấn")."""
    stmt = select(member.c.id)
    search = search_of(text)
    if search is not None and search[0] == "card":
        stmt = stmt.where(member.c.card_number.startswith(search[1], autoescape=True))
    elif search is not None:
        stmt = stmt.where(member.c.name_folded.contains(search[1], autoescape=True))
    if organisation_id is not None:
        stmt = stmt.where(member.c.organisation_id == organisation_id)
    if cell_id is not None:
        stmt = stmt.where(member.c.cell_id == cell_id)
    if status:
        stmt = stmt.where(member.c.status == status)
    if statuses:
        stmt = stmt.where(member.c.status.in_(statuses))
    return stmt


def _row_select() -> Select:
    """The columns of a ``MemberRow``: the member's, its grassroots organisation's and its cell's
    names (outer joins: either may be missing)."""
    org = organisation.alias("org")
    cell = organisation.alias("cell")
    return (
        select(
            member.c.id,
            member.c.full_name,
            member.c.gender,
            member.c.birth_date,
            org.c.name,
            member.c.status,
            member.c.card_number,
            member.c.admission_date,
            cell.c.name,
            member.c.position,
        )
        .outerjoin(org, org.c.id == member.c.organisation_id)
        .outerjoin(cell, cell.c.id == member.c.cell_id)
    )


@requires(Permission.READ_MEMBERS)
def list_members(
    session: Session | Connection, *, limit: int | None = None, offset: int = 0, **filters
) -> list[MemberRow]:
    """One window of the list, sorted by given name then family and middle names.

    The window's ids come from the index alone (name_sort, id, name_folded), then only those rows
    are read: opening a list of 100,000 members reads one window, not the table.
    """
    stmt = list_statement(limit=limit, offset=offset, **filters)
    rows = [MemberRow(*row) for row in session.execute(stmt)]
    return rows if personal.allowed(session) else [_public(r) for r in rows]


def list_statement(*, limit: int | None = None, offset: int = 0, **filters) -> Select:
    ids = filtered(**filters).order_by(member.c.name_sort, member.c.id).offset(offset)
    if limit:
        ids = ids.limit(limit)
    window = ids.subquery()
    return (
        _row_select()
        .join(window, window.c.id == member.c.id)
        .order_by(member.c.name_sort, member.c.id)
    )


@requires(Permission.READ_MEMBERS)
def count(session: Session | Connection, **filters) -> int:
    return session.scalar(count_statement(**filters)) or 0


def count_statement(**filters) -> Select:
    return select(func.count()).select_from(filtered(**filters).subquery())


@requires(Permission.READ_MEMBERS)
def rows_for_ids(session: Session | Connection, ids: list[int]) -> list[MemberRow]:
    """The rows of these members, in the order of ``ids``."""
    if not ids:
        return []
    stmt = _row_select().where(member.c.id.in_(ids))
    by_id = {row[0]: MemberRow(*row) for row in session.execute(stmt)}
    rows = [by_id[i] for i in ids if i in by_id]
    return rows if personal.allowed(session) else [_public(r) for r in rows]


def _public(row: MemberRow) -> MemberRow:
    """A row for a role without the personal-data permission: no sex, birth date, card number."""
    return personal.redact(row)


class MemberList(KeysetSource):
    """What the list screen reads: the count under the filters and pages of rows by key.

    The count is one ``COUNT(*)``; a page seeks the index on (name_sort, id) past the key of the
    row above it (``core.db.paging``), an accent-free search filtering that same index as it goes,
    so neither scrolling nor searching ever loads the matching ids. ``session`` is a callable
    giving a session context (``Database.session``); both methods run off the UI thread.
    """

    def __init__(self, session, **filters) -> None:
        keyset = KeysetList(filtered(**filters), (member.c.name_sort, member.c.id), rows_for_ids)
        super().__init__(session, keyset, filters)

    def window(self, offset: int, limit: int) -> list[MemberRow]:
        return self.page(limit, offset=offset).rows

    def opening(self, limit: int) -> tuple[int, Page]:
        """The count and the first page: side by side on a database server (``session`` is a
        ``Database.session``), one after the other otherwise."""
        db = getattr(self._session, "__self__", None)
        if db is None or not getattr(db, "is_server", False):
            return self.count(), self.page(limit)
        from ketluan_desktop.core.db.gathering import gather

        count, first = gather(
            db, lambda s: self._keyset.count(s), lambda s: self._keyset.page(s, limit)
        )
        return count, first


def row_of(session: Session | Connection, member_id: int, **filters) -> int | None:
    """The row number of a member in the list under ``filters`` (None when it is filtered out)."""
    m = session.execute(
        select(member.c.id, member.c.name_sort).where(member.c.id == member_id)
    ).first()
    if m is None:
        return None
    ids = filtered(**filters)
    if (
        session.scalar(
            select(func.count()).select_from(ids.where(member.c.id == member_id).subquery())
        )
        == 0
    ):
        return None
    before = ids.where(
        (member.c.name_sort < m.name_sort)
        | ((member.c.name_sort == m.name_sort) & (member.c.id < m.id))
    )
    return session.scalar(select(func.count()).select_from(before.subquery())) or 0

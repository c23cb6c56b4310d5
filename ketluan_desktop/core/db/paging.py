"""Long lists paged by key, not by OFFSET: the next page seeks past the last row it shows.

A list is a filtered ``SELECT id`` and an order whose last term is the id (so every row has a
unique key). A page is asked for after a row's key (scrolling down), before one (scrolling up),
from the end (the last page, read backwards) or, only for a jump into the middle of a list no page
of which is near, at an offset. Each is an index seek that reads one page of the index, where an
OFFSET near the end of a million rows walks all of them first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, select, tuple_

if TYPE_CHECKING:  # the ORM only for the types: a Core list (members) pages without it
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import QueryableAttribute, Session

    # a sort column: a mapped attribute (``Procedure.id``) or any column expression
    OrderTerm = ColumnElement[Any] | QueryableAttribute[Any]

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    keys: list[Key]  # each row's key, in display order

    @property
    def first_key(self) -> Key | None:
        return self.keys[0] if self.keys else None

    @property
    def last_key(self) -> Key | None:
        return self.keys[-1] if self.keys else None


class KeysetList:
    """One filtered, ordered list: its count and its pages, each by an index seek.

    ``ids`` is the filtered ``SELECT <table>.id``; ``order`` the sort columns ending with the id,
    all ascending or all descending; ``load_rows(session, ids)`` the rows of those ids in order.
    """

    def __init__(
        self,
        ids: Select,
        order: Sequence[OrderTerm],
        load_rows: Callable[[Session, list[int]], list[Any]],
        *,
        descending: bool = False,
    ) -> None:
        self._ids = ids
        self._order = list(order)
        self._load_rows = load_rows
        self._descending = descending

    def count(self, session: Session) -> int:
        """``COUNT(*)`` under the filters (never a list of ids)."""
        return session.scalar(select(func.count()).select_from(self._ids.subquery())) or 0

    def _ordered(self, stmt: Select, *, reverse: bool, limit: int, offset: int) -> Select:
        down = self._descending != reverse
        terms = [c.desc() if down else c.asc() for c in self._order]
        stmt = stmt.with_only_columns(*self._order).order_by(*terms).limit(limit)
        return stmt.offset(offset) if offset else stmt

    def page(
        self,
        session: Session,
        limit: int,
        *,
        after: Key | None = None,
        before: Key | None = None,
        last: bool = False,
        offset: int = 0,
    ) -> Page:
        """One page in display order: the first, ``after`` a key, ``before`` a key, the ``last``
        one (``limit`` rows), or at ``offset`` (a jump into the middle)."""
        stmt = self._ids
        row = tuple_(*self._order)
        forward = not self._descending
        if after is not None:
            stmt = stmt.where(row > tuple_(*after) if forward else row < tuple_(*after))
        elif before is not None:
            stmt = stmt.where(row < tuple_(*before) if forward else row > tuple_(*before))
        reverse = before is not None or last
        ordered = self._ordered(stmt, reverse=reverse, limit=limit, offset=offset)
        keys = [tuple(k) for k in session.execute(ordered)]
        if reverse:
            keys.reverse()
        rows = self._load_rows(session, [k[-1] for k in keys])
        by_id = {id_of(r): r for r in rows}
        kept = [(k, by_id[k[-1]]) for k in keys if k[-1] in by_id]  # deleted meanwhile: skipped
        return Page([r for _, r in kept], [k for k, _ in kept])


class KeysetSource:
    """A ``KeysetList`` as a list screen reads it, off the UI thread: its count and its pages,
    each in a session of its own from ``session`` (a callable giving a session context, e.g.
    ``Database.session``); ``filters`` kept to say what it lists."""

    def __init__(self, session: Callable[[], Any], keyset: KeysetList, filters: dict) -> None:
        self._session = session
        self._keyset = keyset
        self.filters = filters

    def count(self) -> int:
        with self._session() as s:
            return self._keyset.count(s)

    def page(self, limit: int, **where: Any) -> Page:
        """A page in display order: the first, ``after``/``before`` a key, ``last``, ``offset``."""
        with self._session() as s:
            return self._keyset.page(s, limit, **where)


def id_of(row: Any) -> int:
    return row.id if hasattr(row, "id") else row[0]

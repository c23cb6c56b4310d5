"""The members' list's count and first window as SQLite text, run through ``sqlite3`` alone.

``ketluan members list`` on a SQLite file reads through here (``core/db/plain_sqlite.py``) and
never imports SQLAlchemy, whose import cost several times the query on a big office (issue 14).
The text is SQLAlchemy's own: ``member_list.count_statement`` and ``member_list.list_statement``
compiled with the SQLite dialect, cut into the frame and the filters' conditions below.
``tests/core/members/test_member_list_sql.py`` compiles them again for every combination of the
filters the command offers (search by name or by card number, organisation, status, with and
without a limit) and fails when the text or the parameters here differ: a change to the
statements in ``member_list`` is a change here too.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date

from ketluan_desktop.core.members.vocabulary import status_label
from ketluan_desktop.core.text import fold


@dataclass(frozen=True)
class MemberRow:
    id: int
    full_name: str
    gender: str | None
    birth_date: date | None
    organisation: str | None
    status: str
    card_number: str | None
    admission_date: date | None
    cell: str | None = None
    position: str | None = None

    @property
    def status_label(self) -> str:
        return status_label(self.status)


_DIGITS = re.compile(r"^[0-9 .\-]+$")


def search_of(text: str | None) -> tuple[str, str] | None:
    """What a search box's text looks for: ("card", the start of a card number) for digits,
    ("name", the accent-free name) for anything else; None for no text."""
    if not text or not text.strip():
        return None
    q = text.strip()
    if _DIGITS.match(q):
        return "card", q.replace(" ", "")
    return "name", fold(q)


# ----------------------------------------------------------------------- the compiled text

_FILTERED = "SELECT member.id AS id \nFROM member{where}"
COUNT_SQL = "SELECT count(*) AS count_1 \nFROM (" + _FILTERED + ") AS anon_1"
LIST_SQL = (
    "SELECT member.id, member.full_name, member.gender, member.birth_date, org.name, "
    "member.status, member.card_number, member.admission_date, cell.name AS name_1, "
    "member.position \nFROM member LEFT OUTER JOIN organisation AS org ON org.id = "
    "member.organisation_id LEFT OUTER JOIN organisation AS cell ON cell.id = member.cell_id "
    "JOIN (" + _FILTERED + " ORDER BY member.name_sort, member.id\n LIMIT ? OFFSET ?) AS anon_1 "
    "ON anon_1.id = member.id ORDER BY member.name_sort, member.id"
)
WHERE = " \nWHERE "
CONDITIONS = {
    "name": "(member.name_folded LIKE '%' || ? || '%' ESCAPE '/')",
    "card": "(member.card_number LIKE ? || '%' ESCAPE '/')",
    "organisation_id": "member.organisation_id = ?",
    "status": "member.status = ?",
}
NO_LIMIT = -1  # SQLite's LIMIT for "all": SQLAlchemy binds it when there is an OFFSET alone


def _like_escaped(value: str) -> str:
    """As SQLAlchemy's ``autoescape=True`` with its "/" escape character."""
    return value.replace("/", "//").replace("%", "/%").replace("_", "/_")


def where(
    *, text: str | None = None, organisation_id: int | None = None, status: str | None = None
) -> tuple[str, list]:
    """The WHERE clause of ``member_list.filtered`` for these filters, and its parameters."""
    conditions: list[str] = []
    params: list = []
    search = search_of(text)
    if search is not None:
        conditions.append(CONDITIONS[search[0]])
        params.append(_like_escaped(search[1]))
    if organisation_id is not None:
        conditions.append(CONDITIONS["organisation_id"])
        params.append(organisation_id)
    if status:
        conditions.append(CONDITIONS["status"])
        params.append(status)
    return (WHERE + " AND ".join(conditions) if conditions else ""), params


def count_query(**filters) -> tuple[str, list]:
    clause, params = where(**filters)
    return COUNT_SQL.format(where=clause), params


def list_query(*, limit: int | None = None, **filters) -> tuple[str, list]:
    """The first window (``member_list.list_members`` at offset 0)."""
    clause, params = where(**filters)
    return LIST_SQL.format(where=clause), [*params, limit or NO_LIMIT, 0]


# ------------------------------------------------------------------------------- running


def _bound(params: list) -> list:
    """As the columns' type (``NFCText``) binds them: text in NFC."""
    return [unicodedata.normalize("NFC", p) if isinstance(p, str) else p for p in params]


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)  # as SQLAlchemy's SQLite DATE


def count(con: sqlite3.Connection, **filters) -> int:
    sql, params = count_query(**filters)
    return con.execute(sql, _bound(params)).fetchone()[0] or 0


def list_members(
    con: sqlite3.Connection, *, limit: int | None = None, **filters
) -> list[MemberRow]:
    """The first window of the list, every column as ``member_list.list_members`` gives it to
    a reader allowed the personal data (the office's own account on its own file)."""
    sql, params = list_query(limit=limit, **filters)
    return [
        MemberRow(i, name, gender, _date(born), org, status, card, _date(admitted), cell, pos)
        for i, name, gender, born, org, status, card, admitted, cell, pos in con.execute(
            sql, _bound(params)
        )
    ]

"""The members' list kept as SQLite text (``member_list_sql``) is SQLAlchemy's statements
compiled, and reads through ``sqlite3`` alone what the Core statements read (issue 14)."""

from __future__ import annotations

import itertools
import sqlite3
import unicodedata
from datetime import date

import pytest

from ketluan_desktop.core.db import plain_sqlite, sqlite_compiled
from ketluan_desktop.core.members import member_list, member_list_sql
from ketluan_desktop.core.members.models import Member

# Every kind of search the command's --search takes (none, blank, a name with and without marks,
# in NFD, with LIKE's own characters and the escape character, card numbers with spaces)
TEXTS = [None, "", "   ", "nguyen van", "Nguyễn", unicodedata.normalize("NFD", "Hòa"),
         "a_b", "x%y", "a/b_%", "480", "48 01", "4-8.0"]  # fmt: skip
STATUSES = [None, "full", "probationary"]
ORGS = [None, 3]
LIMITS = [None, 0, 1, 50, -5]


@pytest.mark.parametrize("text", TEXTS)
def test_the_kept_text_is_what_sqlalchemy_compiles_for_every_filter(text):
    """A change to ``member_list.filtered``/``count_statement``/``list_statement`` fails here
    until ``member_list_sql``'s text says the same again."""
    for org, status in itertools.product(ORGS, STATUSES):
        filters = {"text": text, "organisation_id": org, "status": status}
        assert member_list_sql.count_query(**filters) == sqlite_compiled.positional(
            member_list.count_statement(**filters)
        ), filters
        for limit in LIMITS:
            assert member_list_sql.list_query(limit=limit, **filters) == sqlite_compiled.positional(
                member_list.list_statement(limit=limit, **filters)
            ), (filters, limit)


@pytest.fixture
def orgs(mdb) -> dict[str, int]:
    from ketluan_desktop.core.members import records

    with mdb.session() as s:
        return {o.name: o.id for o in records.grassroots_organisations(s)}


@pytest.fixture
def edge_db(mdb, orgs):
    """The demo's members and a few whose names hold LIKE's characters, written in NFD, or
    sharing a name, one with no organisation, birth date or card number."""
    with mdb.write_session() as s:
        for name, org, card, born in [
            ("Nguyễn Văn A_B", orgs["Đảng bộ Sở Tài chính"], "48999001", date(1980, 2, 29)),
            ("Nguyễn Văn AxB", orgs["Đảng bộ Sở Tài chính"], "48999002", None),
            ("Trần Thị X%Y", None, None, date(1975, 12, 31)),
            ("Lê Văn A/B_%", orgs["Đảng bộ Sở Y tế"], "48999003", None),
            (unicodedata.normalize("NFD", "Phạm Thị Hòa"), None, None, None),
            ("Phạm Thị Hòa", orgs["Đảng bộ Sở Y tế"], "48999004", date(1990, 1, 1)),
        ]:
            m = Member(full_name=name, organisation_id=org, card_number=card, birth_date=born)
            m.derive()
            s.add(m)
    return mdb


def _plain(db, **filters) -> tuple[int, list]:
    limit = filters.pop("limit", None)
    found = plain_sqlite.read(
        db.location.path,
        lambda con: (
            member_list_sql.count(con, **filters),
            member_list_sql.list_members(con, limit=limit, **filters),
        ),
    )
    assert found is not None, "the file should have been read without SQLAlchemy"
    return found


def test_sqlite3_reads_what_the_core_statements_read(edge_db, orgs):
    org_ids = [None, orgs["Đảng bộ Sở Tài chính"], orgs["Đảng bộ Sở Y tế"]]
    seen_rows = 0
    for text, org, status, limit in itertools.product(
        [*TEXTS, "hoa", "a_b", "zzzz không có ai"], org_ids, STATUSES, [None, 7]
    ):
        filters = {"text": text, "organisation_id": org, "status": status}
        with edge_db.connection() as conn:
            expected = (
                member_list.count(conn, **filters),
                member_list.list_members(conn, limit=limit, **filters),
            )
        got = _plain(edge_db, limit=limit, **filters)
        assert got == expected, (filters, limit)
        seen_rows += len(got[1])
    assert seen_rows > 1000  # the combinations did find members
    # the edge cases themselves: LIKE's characters are taken literally, NFD finds NFC
    names = [r.full_name for r in _plain(edge_db, text="a_b")[1]]
    assert "Nguyễn Văn A_B" in names and "Nguyễn Văn AxB" not in names
    assert [r.full_name for r in _plain(edge_db, text="x%y")[1]] == ["Trần Thị X%Y"]
    hoa = _plain(edge_db, text=unicodedata.normalize("NFD", "Phạm Thị Hòa"))[1]
    assert [r.full_name for r in hoa] == ["Phạm Thị Hòa", "Phạm Thị Hòa"]
    assert all(unicodedata.is_normalized("NFC", r.full_name) for r in hoa)
    assert _plain(edge_db, text="48999")[0] == 4
    assert _plain(edge_db, text="zzzz không có ai") == (0, [])


def test_a_file_to_migrate_or_of_a_newer_version_is_left_to_the_ordinary_open(edge_db):
    path = edge_db.location.path
    con = sqlite3.connect(path)
    try:
        for revision in ("0010", "9999_newer"):
            con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
            con.commit()
            assert plain_sqlite.plain_file(path) is None
    finally:
        con.close()
    assert plain_sqlite.plain_file(path.with_name("khong-co.db")) is None
    assert plain_sqlite.plain_file(f"sqlite:///{path}") is None  # a URL: the ordinary way
    assert plain_sqlite.plain_file(path, user="van.thu") is None  # an account to sign in with

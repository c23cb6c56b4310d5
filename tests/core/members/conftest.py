"""Fixtures of the member tests: an office with its organisations, and the demo's members and
procedures (without the demo's conference, so these tests do not depend on the importer)."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

VN = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=VN)


@pytest.fixture(scope="session")
def _members_template(tmp_path_factory) -> Path:
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.demo import members, office

    path = tmp_path_factory.mktemp("members") / "members.db"
    db = open_database(path, create=True)
    with db.write_session() as s:
        units = office.build(s)
        members.build(s, units, NOW)
    db.dispose()
    return path


@pytest.fixture
def mdb(_members_template, tmp_path):
    """The demo office's members and procedures (H1 2024 adds up to the conclusion's figures)."""
    from ketluan_desktop.core.db import open_database

    target = tmp_path / "Đảng viên" / "members.db"
    target.parent.mkdir(parents=True)
    shutil.copyfile(_members_template, target)
    db = open_database(target)
    yield db
    db.dispose()


@pytest.fixture
def office_db(db):
    """An empty office: the issuing body, its grassroots organisations and cells, no member."""
    from ketluan_desktop.core.demo import office

    with db.write_session() as s:
        office.build(s)
    return db


@pytest.fixture
def orgs(office_db):
    """Grassroots organisation ids by name, and cell ids by "organisation/cell"."""
    from ketluan_desktop.core.members import records as members

    with office_db.session() as s:
        out = {}
        for o in members.grassroots_organisations(s):
            out[o.name] = o.id
            for cid, cname in o.cells:
                out[f"{o.name}/{cname}"] = cid
    return out

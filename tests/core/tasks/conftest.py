"""Fixtures of the task tracker's core tests: an office with the sample conclusion's eight tasks."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import task_office


@pytest.fixture(scope="session")
def _office_template(tmp_path_factory):
    """Built once per session (without the importer); each test gets its own copy of the file."""
    from ketluan_desktop.core.db import open_database

    path = tmp_path_factory.mktemp("office") / "office.db"
    db = open_database(path, create=True)
    with db.write_session() as s:
        office = task_office.build(s, now=task_office.NOW)
    db.dispose()
    return path, office


@pytest.fixture
def office_db(_office_template, tmp_path):
    from ketluan_desktop.core.db import open_database

    template, office = _office_template
    target = tmp_path / "Văn phòng" / "office.db"
    target.parent.mkdir(parents=True)
    shutil.copyfile(template, target)
    db = open_database(target)
    yield db, office
    db.dispose()

"""The migrations on both engines: from empty and from every earlier revision, the migrated
database is exactly the ORM's schema (alembic's ``compare_metadata`` finds no difference)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, select, text

from ketluan_desktop.core.db import migrate, open_database
from ketluan_desktop.core.db.base import Base

REVISIONS = [
    s.revision
    for s in reversed(list(ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()))
]


@pytest.fixture(params=["sqlite", "pg"])
def engine(request, tmp_path):
    """An empty database (no table at all) on each engine, as a plain SQLAlchemy engine."""
    import engines

    import ketluan_desktop.core.db.schema  # noqa: F401 - every model on Base.metadata

    if request.param == "sqlite":
        eng = create_engine(f"sqlite:///{tmp_path / 'trống.db'}")
        yield eng
        eng.dispose()
        return
    name, url = engines.new_database_url(None)
    eng = create_engine(url)
    yield eng
    eng.dispose()
    engines.server().drop_database(name)


def _upgrade(eng, target: str) -> None:
    cfg = migrate.alembic_config()
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def _downgrade(eng, target: str) -> None:
    cfg = migrate.alembic_config()
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, target)


def _diff(eng) -> list:
    with eng.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)


def test_the_revisions_are_one_line_ending_at_the_schema_head():
    assert REVISIONS[0] == "0001" and REVISIONS[-1] == migrate.SCHEMA_HEAD
    assert len(REVISIONS) == len(set(REVISIONS)) >= 3


def test_from_empty_the_migrations_build_exactly_the_orm_schema(engine):
    _upgrade(engine, "head")
    assert _diff(engine) == []


@pytest.mark.parametrize("start", REVISIONS[:-1])
def test_from_every_earlier_revision_the_upgrade_reaches_the_orm_schema(engine, start):
    _upgrade(engine, start)
    assert migrate.current_revision(engine) == start
    _upgrade(engine, "head")
    assert migrate.current_revision(engine) == migrate.SCHEMA_HEAD
    assert _diff(engine) == []


@pytest.mark.slow
def test_the_demo_office_survives_going_down_to_the_first_revision_and_back(engine):
    """Data written at the head goes down every migration and up again, rows intact."""
    from ketluan_desktop.core import demo
    from ketluan_desktop.core.documents.models import Document
    from ketluan_desktop.core.tasks.models import Task

    _upgrade(engine, "head")
    db = open_database(engine.url.render_as_string(hide_password=False))
    demo.load(db, now=datetime(2024, 7, 20, 9, 0, tzinfo=timezone(timedelta(hours=7))))
    with db.session() as s:
        before = (s.scalar(select(func.count(Document.id))), s.scalar(select(func.count(Task.id))))
    db.dispose()
    _downgrade(engine, REVISIONS[0])
    _upgrade(engine, "head")
    with engine.connect() as conn:
        after = (
            conn.execute(text("SELECT count(*) FROM document")).scalar_one(),
            conn.execute(text("SELECT count(*) FROM task")).scalar_one(),
            conn.execute(text("SELECT min(version) FROM task_update")).scalar_one(),
        )
    assert after == (*before, 1) and before[1] == 8
    assert _diff(engine) == []

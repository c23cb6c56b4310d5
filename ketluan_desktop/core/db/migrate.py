"""Alembic, driven from code: the migrations ship inside the package (and the frozen bundle)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from ketluan_desktop.core.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# The newest migration's revision, so a database already at it opens without importing Alembic
# (~150 ms of start-up). tests/core/test_database.py checks it against the migration scripts.
SCHEMA_HEAD = "0012"
_SHIPPED_DIR = MIGRATIONS_DIR


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@functools.lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    if MIGRATIONS_DIR == _SHIPPED_DIR:
        return SCHEMA_HEAD
    return alembic_head()


def alembic_head() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in _script().walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(revision: str | None, where: str) -> None:
    if revision is None or revision == head_revision():
        return
    if revision not in known_revisions():
        raise DatabaseError(
            f"Cơ sở dữ liệu {where} được tạo bởi một phiên bản KếtLuận mới hơn (lược đồ "
            f"«{revision}»), phiên bản này không đọc được. Hãy cập nhật ứng dụng lên bản mới nhất; "
            "tệp dữ liệu không bị thay đổi."
        )


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)

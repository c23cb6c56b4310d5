"""Alembic environment: the connection is handed in by ``core.db.migrate`` (never from an .ini)."""

from __future__ import annotations

from alembic import context

from ketluan_desktop.core.db.base import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic revision --autogenerate` from a maintainer's shell
        from sqlalchemy import create_engine

        url = config.get_main_option("sqlalchemy.url") or "sqlite:///autogen.db"
        with create_engine(url).connect() as conn:
            _configure_and_run(conn)
            conn.commit()
        return
    _configure_and_run(connection)


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only ALTER through table copies
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()

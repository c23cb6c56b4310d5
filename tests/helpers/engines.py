"""The database-facing tests run on both engines: SQLite and a throw-away PostgreSQL.

``tests/conftest.py`` parametrises its ``db`` and ``demo_db`` fixtures with ``ENGINES`` (ids
``sqlite`` and ``pg``). One cluster per session; each test gets a fresh database made from a
template (``CREATE DATABASE … TEMPLATE``), so migrations and the demo office are built once.

Where PostgreSQL cannot run, the ``pg`` half is deselected and the end of the run says so plainly.
A test that only makes sense on SQLite (PRAGMAs, file copies) carries ``@pytest.mark.sqlite_only``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterator
from typing import Any

import pg_cluster
import pytest

ENGINES = ["sqlite", "pg"]
EMPTY_TEMPLATE = "kl_tpl_empty"
DEMO_TEMPLATE = "kl_tpl_demo"


class _State:
    def __init__(self) -> None:
        self.reason: str | None = pg_cluster.unavailable_reason()
        self.server: pg_cluster.PgServer | None = None
        self.templates: set[str] = set()
        self.ran = 0
        self.skipped = 0
        self.to_drop: list[str] = []
        self.deselected_for_sqlite_only = 0
        self.counter = itertools.count(1)
        self.prefix = f"kl_t{os.getpid()}_"


STATE = _State()


def configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: a test about SQLite itself (files, PRAGMAs); no pg variant"
    )
    config.addinivalue_line("markers", "pg_only: a test about the PostgreSQL server itself")


def _engine_of(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return None
    for name in ("db", "demo_db", "engine"):
        if name in callspec.params:
            return callspec.params[name]
    return None


def modify_items(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep, drop = [], []
    for item in items:
        engine = _engine_of(item)
        pg = engine == "pg" or item.get_closest_marker("pg_only") is not None
        if pg and STATE.reason is not None:
            drop.append(item)
        elif engine == "pg" and item.get_closest_marker("sqlite_only") is not None:
            STATE.deselected_for_sqlite_only += 1
            drop.append(item)
        else:
            if pg:
                STATE.ran += 1
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
    if STATE.reason is not None:
        STATE.ran = 0
        STATE.skipped = sum(
            1 for i in drop if _engine_of(i) == "pg" or i.get_closest_marker("pg_only")
        )


def terminal_summary(terminalreporter) -> None:
    tr = terminalreporter
    if STATE.reason is not None:
        n = STATE.skipped
        tr.write_sep("=", "PostgreSQL half NOT RUN", yellow=True, bold=True)
        tr.write_line(
            f"The {n} PostgreSQL variants of the database tests were left out: {STATE.reason}. "
            "The database tests ran on SQLite only."
        )
        return
    if STATE.server is not None:
        where = (
            f"throw-away cluster on 127.0.0.1:{STATE.server.port}"
            if STATE.server.cluster
            else f"server {STATE.server.host}:{STATE.server.port}"
        )
        tr.write_sep("=", "PostgreSQL half ran", green=True)
        tr.write_line(
            f"{STATE.ran} tests selected on PostgreSQL {STATE.server.version.split()[0]} ({where})."
        )


def server() -> pg_cluster.PgServer:
    if STATE.reason is not None:
        pytest.skip(f"PostgreSQL not available: {STATE.reason}")
    if STATE.server is None:
        STATE.server = pg_cluster.start_server()
    return STATE.server


def shutdown() -> None:
    if STATE.server is not None:
        for name in STATE.templates:
            with contextlib.suppress(Exception):
                STATE.server.drop_database(name)
        STATE.server.drop_all()
        if STATE.server.cluster is not None:
            STATE.server.cluster.destroy()
        STATE.server = None


def _template(name: str, build: Callable[[Any], None] | None, base: str | None) -> str:
    """A database other tests copy; built the first time it is asked for."""
    srv = server()
    if name not in STATE.templates:
        from ketluan_desktop.core.db import open_database

        srv.create_database(name, template=base)
        srv._created.remove(name)
        database = open_database(srv.url(name))
        try:
            if build is not None:
                build(database)
        finally:
            database.dispose()
        STATE.templates.add(name)
    return name


def empty_template() -> str:
    return _template(EMPTY_TEMPLATE, None, None)


def demo_template(now) -> str:
    from ketluan_desktop.core import demo

    empty_template()
    # Without the demo's accounts: a server with accounts asks every command to sign in, and the
    # tests of other features run as the workstation's account (tests/core/access adds them).
    return _template(DEMO_TEMPLATE, lambda d: demo.load(d, now=now, accounts=False), EMPTY_TEMPLATE)


def new_database_url(template: str | None) -> tuple[str, str]:
    """A fresh database (its name, its URL) copied from ``template``."""
    srv = server()
    name = f"{STATE.prefix}{next(STATE.counter)}"
    return name, srv.create_database(name, template=template)


def pg_database(template: str) -> Iterator[Any]:
    """A migrated database of its own for one test, dropped afterwards."""
    from ketluan_desktop.core.db import open_database

    name, url = new_database_url(template)
    database = open_database(url)
    try:
        yield database
    finally:
        database.dispose()
        # Dropped a few tests later: a window of this test may still run a timer's query while
        # pytest-qt closes it (after this fixture's teardown).
        STATE.to_drop.append(name)
        while len(STATE.to_drop) > 3:
            with contextlib.suppress(Exception):
                server().drop_database(STATE.to_drop.pop(0))


def target_of(database) -> str:
    """What ``open_database`` (or ``--db``) takes to reach the same database from elsewhere."""
    if database.path is not None:
        return str(database.path)
    return database.location.url.render_as_string(hide_password=False)

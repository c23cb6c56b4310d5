"""The restore drill on a real PostgreSQL server: ``pg_dump -Fc`` on an exported snapshot, read
back and counted, then ``pg_restore`` in one transaction after keeping the current state.

A throw-away cluster is started for the module (as the ``postgres`` user when run as root, on its
own port, trust authentication on 127.0.0.1 only) and stopped afterwards. Skipped when the
PostgreSQL binaries or a driver are missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest

from ketluan_desktop.core.access.actor import local_actor
from ketluan_desktop.core.backup import config, container, pgtools, restore, service

pytest.importorskip("psycopg", reason="no PostgreSQL driver installed")


def _bin(tool: str) -> str:
    try:
        return pgtools.find(tool)
    except pgtools.PgToolError:
        pytest.skip(f"{tool} not installed")


def _as_owner(cmd: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *cmd] if owner else cmd


@pytest.fixture(scope="module")
def pg_url():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    owner = None
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            pytest.skip("root without runuser cannot start PostgreSQL")
        owner = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="ketluan-pg-"))
    if owner:
        shutil.chown(folder, owner)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = folder / "data"
    run = lambda *c: subprocess.run(_as_owner(list(c), owner), capture_output=True, text=True,  # noqa: E731
                                    cwd="/")  # fmt: skip
    r = run(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    if r.returncode != 0:
        pytest.skip(f"initdb failed: {r.stderr[-300:]}")
    opts = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    r = run(pg_ctl, "-D", str(data), "-o", opts, "-l", str(folder / "log"), "-w", "start")
    if r.returncode != 0:
        pytest.skip(f"PostgreSQL did not start: {r.stderr[-300:]}")
    try:
        run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "ketluan")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/ketluan"
    finally:
        run(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _rows(db) -> dict:
    from sqlalchemy import text

    with db.session() as s:
        return {
            "tasks": sorted(s.execute(text("SELECT id, text, status FROM task")).all()),
            "members": sorted(s.execute(text("SELECT id, full_name FROM member")).all()),
            "documents": sorted(s.execute(text("SELECT id, number_symbol FROM document")).all()),
        }


def test_the_restore_drill_on_postgresql(pg_url, now):
    from ketluan_desktop.core import demo
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.members.models import Member
    from ketluan_desktop.core.tasks.models import Task

    db = open_database(pg_url)
    demo.load(db, now=now)
    with db.write_session() as s:
        s.add(Task(text="Việc trước khi sao lưu"))
    result = service.make_backup(db, now=now)
    copy = result.result(config.PRIMARY).path
    header = container.read_header(copy)
    assert header.kind == "postgresql" and header.counts["task"] == 9
    expected = _rows(db)
    with db.write_session() as s:
        s.add(Task(text="Việc sau khi sao lưu"))
        s.get(Member, 1).full_name = "Tên đổi sau khi sao lưu"
    assert _rows(db) != expected
    location = db.location
    db.dispose()
    outcome = restore.restore(location, copy, by=local_actor(), now=now + timedelta(hours=1))
    assert outcome.kept_copy is not None
    assert container.read_header(outcome.kept_copy).counts["task"] == 10
    db = open_database(pg_url)
    try:
        assert _rows(db) == expected
    finally:
        db.dispose()


def test_a_damaged_dump_is_caught_by_reading_it_back(pg_url, now, monkeypatch, tmp_path):
    from ketluan_desktop.core.db import open_database

    real_write = container.write

    def bad_disk(target, *args, **kw):
        key = real_write(target, *args, **kw)
        with open(target, "r+b") as fh:
            fh.truncate(target.stat().st_size - 4000)  # the copy lost its end on the way
        return key

    target = tmp_path / "đích"
    target.mkdir()
    db = open_database(pg_url)
    try:
        monkeypatch.setattr(container, "write", bad_disk)
        result = service.make_backup(db, now=now, to=target)
    finally:
        db.dispose()
    assert not result.results[0].ok and "bị hỏng" in result.results[0].problem
    assert list(target.iterdir()) == []


def test_pg_tools_get_the_password_from_the_environment_not_the_command_line():
    from sqlalchemy.engine import make_url

    env = pgtools.environment(make_url("postgresql+psycopg://vp:bí-mật@máy-chủ:5433/ketluan"))
    assert env["PGPASSWORD"] == "bí-mật" and env["PGHOST"] == "máy-chủ" and env["PGPORT"] == "5433"

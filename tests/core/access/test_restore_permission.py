"""Putting a backup back is the administrator's (issue 16): the restore service checks the
backup permission itself, before the copy is read, so neither a screen nor a command can restore
for a role without it. Refusals on both engines; the administrator's restore on SQLite (the
PostgreSQL restore is covered in tests/core/backup/test_backup_postgres.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ketluan_desktop.core.access import accounts, demo_accounts
from ketluan_desktop.core.access.actor import AccessDeniedError
from ketluan_desktop.core.backup import config, restore, service
from ketluan_desktop.core.tasks.models import Task


def _tasks(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Task)) or 0


@pytest.fixture
def backed_up(demo_db, now):
    """The demo office with its accounts, a verified copy, and one task added after it."""
    with demo_db.write_session() as s:
        demo_accounts.create(s, now=now)
    copy = service.make_backup(demo_db, now=now).result(config.PRIMARY).path
    with demo_db.write_session() as s:
        s.add(Task(text="Việc sau khi sao lưu"))
    return demo_db, copy


@pytest.mark.parametrize("username", ["vanthu", "chuyenvien", "lanhdao", "tochuc", "kiemtra"])
def test_no_role_but_the_administrator_restores_through_the_service(backed_up, now, username):
    db, copy = backed_up
    before = _tasks(db)
    accounts.sign_in(db, username, "demo", now=now)
    with pytest.raises(AccessDeniedError) as err:
        restore.restore(db.location, copy, now=now + timedelta(hours=1), by=db)
    assert err.value.message.startswith("Không được phép: vai trò «")
    assert "không được sao lưu và khôi phục dữ liệu" in err.value.message
    assert "hỏi người quản trị" in err.value.message
    assert _tasks(db) == before  # nothing restored


def test_a_shared_database_not_signed_in_is_refused(backed_up, now):
    db, copy = backed_up
    db.sign_in_required = True
    with pytest.raises(AccessDeniedError, match="Chưa đăng nhập"):
        restore.restore(db.location, copy, now=now, by=db)


@pytest.mark.sqlite_only  # restores over the file; a server's restore: test_backup_postgres.py
def test_the_administrator_restores(backed_up, now):
    db, copy = backed_up
    before = _tasks(db)
    accounts.sign_in(db, "quantri", "demo", now=now)
    location = db.location
    db.dispose()
    outcome = restore.restore(location, copy, now=now + timedelta(hours=1), by=db)
    assert outcome.kept_copy is not None
    assert _tasks(db) == before - 1  # the task added after the copy is gone


def test_the_command_line_refuses_a_clerk_in_vietnamese(backed_up, now, capsys, monkeypatch):
    from engines import target_of

    from ketluan_desktop.cli import main

    db, copy = backed_up
    before = _tasks(db)
    path = target_of(db)
    db.dispose()
    monkeypatch.setenv("KL_TEST_PW", "demo")
    argv = ["--user", "vanthu", "--password-env", "KL_TEST_PW", "restore", str(copy), "--yes"]
    code = main([*argv, "--db", path])
    out, err = capsys.readouterr()
    assert code != 0
    assert "Không được phép: vai trò «Văn thư» không được sao lưu và khôi phục dữ liệu" in err
    assert "Bản sao lưu:" not in out  # refused before anything was shown or read
    assert _tasks(db) == before

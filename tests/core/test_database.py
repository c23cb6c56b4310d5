"""Opening the database: pragmas, Vietnamese paths, bad files refused and left untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from ketluan_desktop.core.db import database as database_mod
from ketluan_desktop.core.db import location, migrate, open_database
from ketluan_desktop.core.db.base import Base
from ketluan_desktop.core.errors import DatabaseError
from ketluan_desktop.core.members.models import Member


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.sqlite_only
def test_every_connection_gets_wal_foreign_keys_and_busy_timeout(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == database_mod.BUSY_TIMEOUT_MS


def test_path_with_vietnamese_characters_works_and_text_is_stored_nfc(tmp_path):
    path = tmp_path / "Người dùng Nguyễn" / "Dữ liệu Đảng ủy" / "ketluan.db"
    db = open_database(path, create=True)
    try:
        with db.session() as s:
            s.add(Member(full_name="Nguye\u0302\u0303n Va\u0306n Tua\u0302\u0301n"))  # NFD input
        raw = sqlite3.connect(path).execute("SELECT full_name, name_folded FROM member").fetchone()
        assert raw == ("Nguyễn Văn Tuấn", "nguyen van tuan")
        assert path.exists() and db.revision == migrate.head_revision()
    finally:
        db.dispose()


def test_the_schema_head_constant_is_the_newest_migration():
    assert migrate.alembic_head() == migrate.SCHEMA_HEAD


def test_the_migrations_build_exactly_the_orm_schema(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(tmp_path):
    bad = tmp_path / "ketluan.db"
    bad.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    before = digest(bad)
    with pytest.raises(DatabaseError) as err:
        open_database(bad)
    assert "không phải là cơ sở dữ liệu" in str(err.value) and str(bad) in str(err.value)
    assert digest(bad) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ketluan.db"]


def _filled(path: Path) -> Path:
    db = open_database(path, create=True)
    with db.session() as s:
        s.add_all(Member(full_name=f"Đảng viên số {i}") for i in range(3000))
    db.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.__setitem__(slice(16, 18), b"\x03\x00"),  # page size 768: impossible
        lambda data: data.__setitem__(slice(21, 24), b"\x00\x00\x00"),  # payload fractions
        lambda data: data.__delitem__(slice(len(data) // 2, None)),  # a copy cut short
    ],
    ids=["page-size", "header-fields", "truncated"],
)
def test_a_database_with_a_damaged_header_is_refused_at_once_and_left_unchanged(tmp_path, damage):
    path = _filled(tmp_path / "ketluan.db")
    data = bytearray(path.read_bytes())
    damage(data)
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DatabaseError) as err:
        open_database(path)
    assert "bị hỏng" in str(err.value) and str(path) in str(err.value)
    assert digest(path) == before


def test_a_database_from_a_newer_version_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "ketluan.db"
    open_database(path, create=True).dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseError) as err:
        open_database(path)
    assert "phiên bản KếtLuận mới hơn" in str(err.value)
    assert digest(path) == before


def test_a_sqlite_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="không phải của KếtLuận"):
        open_database(path)
    assert digest(path) == before


def _readonly_cli(folder: Path, db_path: Path) -> subprocess.CompletedProcess:
    """Run `ketluan init` against a folder mounted read-only (root ignores permission bits)."""
    cmd = [sys.executable, "-m", "ketluan_desktop.cli", "init", "--db", str(db_path)]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(cmd, capture_output=True, text=True)
        finally:
            folder.chmod(0o755)
    if not shutil.which("unshare"):
        pytest.skip("needs unshare(1) to mount a read-only folder as root")
    script = (
        f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" "{folder}" '
        f'&& exec "$@"'
    )
    r = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", *cmd],
        capture_output=True,
        text=True,
    )
    if "mount:" in r.stderr:
        pytest.skip(f"cannot mount read-only here: {r.stderr.strip()}")
    return r


def test_a_read_only_folder_gives_a_clear_message_and_changes_nothing(tmp_path):
    folder = tmp_path / "Chỉ đọc"
    folder.mkdir()
    path = folder / "ketluan.db"
    open_database(path, create=True).dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    for extra in folder.glob("ketluan.db-*"):
        extra.unlink()
    before = digest(path)
    r = _readonly_cli(folder, path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "chỉ cho phép đọc" in r.stderr and str(folder) in r.stderr
    assert r.stderr.count("\n") == 1  # one line
    assert digest(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["ketluan.db"]


def test_network_paths_are_recognised():
    assert location.is_network_path(Path(r"\\máy-chủ\chia sẻ\ketluan.db"))
    assert location.is_network_path(Path("//server/share/ketluan.db"))


@pytest.mark.allow_logged_errors  # the WAL-disabled warning is the point of the test
def test_a_database_on_a_network_drive_is_not_opened_in_wal_mode(tmp_path, monkeypatch):
    monkeypatch.setattr(database_mod, "is_network_path", lambda p: True)
    db = open_database(tmp_path / "share" / "ketluan.db", create=True)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert len(db.warnings) == 1
        assert "ổ mạng" in db.warnings[0] and "PostgreSQL" in db.warnings[0]
    finally:
        db.dispose()


def test_migrating_an_older_database_saves_a_backup_first(tmp_path, monkeypatch):
    path = tmp_path / "ketluan.db"
    db = open_database(path, create=True)
    with db.session() as s:
        s.add(Member(full_name="Hoàng Thanh Hải"))
    db.dispose()
    # A later release: the shipped migrations plus one more revision.
    newer = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "9999_test_column.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '9999'\ndown_revision = '{migrate.SCHEMA_HEAD}'\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    with op.batch_alter_table('member') as b:\n"
        "        b.add_column(sa.Column('nickname', sa.Text(), nullable=True))\n"
        "def downgrade():\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer)
    migrate._script.cache_clear()
    try:
        db = open_database(path)
        db.dispose()
    finally:
        migrate._script.cache_clear()
    backup = tmp_path / f"ketluan.db.bak-{migrate.SCHEMA_HEAD}"
    assert db.revision == "9999" and db.backup_path == backup
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
        migrate.SCHEMA_HEAD,
    )
    assert con.execute("SELECT full_name FROM member").fetchone() == ("Hoàng Thanh Hải",)
    con.close()
    cols = [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(member)")]
    assert "nickname" in cols


def test_migration_0002_fills_the_accent_free_text_of_existing_paragraphs(tmp_path):
    from datetime import datetime, timedelta, timezone

    from alembic import command
    from sqlalchemy import create_engine

    from ketluan_desktop.core import demo

    path = tmp_path / "ketluan.db"
    db = open_database(path, create=True)
    demo.load(db, now=datetime(2024, 7, 20, 9, 0, tzinfo=timezone(timedelta(hours=7))))
    db.dispose()
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:  # back to the first release's schema
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    engine.dispose()
    cols = [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(block)")]
    assert "text_folded" not in cols

    db = open_database(path, create=True)
    db.dispose()
    assert db.revision == migrate.SCHEMA_HEAD and db.backup_path == tmp_path / "ketluan.db.bak-0001"
    con = sqlite3.connect(path)
    empty = con.execute("SELECT count(*) FROM block WHERE text_folded = '' AND text <> ''")
    assert empty.fetchone() == (0,)
    found = con.execute("SELECT count(*) FROM block WHERE text_folded LIKE '%chinh tri tu tuong%'")
    assert found.fetchone()[0] >= 1
    con.close()


def test_ketluan_db_environment_variable_and_default_location(tmp_path, monkeypatch):
    monkeypatch.setenv("KETLUAN_DB", str(tmp_path / "từ biến môi trường.db"))
    assert location.resolve(None).path == tmp_path / "từ biến môi trường.db"
    monkeypatch.delenv("KETLUAN_DB")
    assert location.resolve(None).path.name == "ketluan.db"
    url = location.resolve("postgresql://office@server/ketluan")
    assert url.path is None and not url.is_sqlite


@pytest.mark.allow_logged_errors  # the refused write is logged as a warning: that is the point
def test_a_database_held_by_another_writer_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(database_mod, "BUSY_TIMEOUT_MS", 200)
    db = open_database(tmp_path / "ketluan.db", create=True)
    other = sqlite3.connect(tmp_path / "ketluan.db", timeout=0.1)
    other.execute("BEGIN IMMEDIATE")  # another workstation holds the write lock
    try:
        with pytest.raises(DatabaseError, match="giữ quyền ghi"), db.write_session() as s:
            s.add(Member(full_name="Lê Văn Ánh"))
    finally:
        other.rollback()
        other.close()
        db.dispose()


def test_the_model_modules_name_the_module_of_every_table():
    """A write on a database opened with few models loads the models its rows' foreign keys name
    through ``MODEL_MODULES``: every table of the schema is listed, under the module mapping it."""
    import importlib

    import ketluan_desktop.core.db.schema  # noqa: F401

    assert set(database_mod.MODEL_MODULES) == set(Base.metadata.tables)
    for name, module in database_mod.MODEL_MODULES.items():
        table = Base.metadata.tables[name]
        defined = vars(importlib.import_module(module)).values()
        assert any(o is table or getattr(o, "__table__", None) is table for o in defined), name

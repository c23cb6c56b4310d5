"""Backups and the restore drill (issue 20, «Backups»): copies in two places, verified, pruned,
encrypted on request; restore finds exactly the backed-up state, even after the file was damaged."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ketluan_desktop.core.access.actor import local_actor
from ketluan_desktop.core.backup import config, container, crypto, naming, restore, service
from ketluan_desktop.core.db import open_database
from ketluan_desktop.core.members.models import Member
from ketluan_desktop.core.tasks.models import Task

PASS = "mật khẩu sao lưu của văn phòng"


def dump(path: Path) -> list[str]:
    """Every row of every table (and the schema), for "exactly the same state"."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return sorted(con.iterdump())
    finally:
        con.close()


def add_task(db, text: str) -> None:
    with db.write_session() as s:
        s.add(Task(text=text))


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncate":
        data = data[: len(data) // 3]
    else:  # flip bytes in the b-tree pages
        for i in range(4096 * 2, min(len(data), 4096 * 40), 3):
            data[i] ^= 0xA5
    path.write_bytes(bytes(data))


@pytest.fixture
def office(demo_db, now):
    """The demo office with one change made after loading."""
    add_task(demo_db, "Việc trước khi sao lưu")
    return demo_db


@pytest.mark.sqlite_only  # the SQLite file dumped and damaged; a server: test_backup_postgres.py
@pytest.mark.parametrize("damage", ["truncate", "flip", "none"])
def test_the_restore_drill_finds_exactly_the_backed_up_state(office, now, damage):
    result = service.make_backup(office, now=now)
    assert result.result(config.PRIMARY).ok
    path = office.path
    office.dispose()
    expected = dump(path)
    # More work after the copy, then the damage.
    db = open_database(path)
    add_task(db, "Việc sau khi sao lưu")
    with db.write_session() as s:
        s.get(Member, 1).full_name = "Tên đã sửa sau khi sao lưu"
    db.dispose()
    assert dump(path) != expected
    if damage != "none":
        _damage(path, damage)
        for side in ("-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)
    copy = result.result(config.PRIMARY).path
    outcome = restore.restore(office.location, copy, by=local_actor(), now=now + timedelta(hours=1))
    assert dump(path) == expected
    if damage == "none":  # the current database was kept as a verified copy first
        assert outcome.kept_copy is not None and outcome.kept_copy.exists()
        kept = container.read_header(outcome.kept_copy)
        assert kept.counts["task"] == result.counts["task"] + 1
    else:  # the damaged file is kept, untouched, beside the restored one
        assert outcome.kept_damaged is not None and outcome.kept_damaged.exists()
    db = open_database(path)  # and the app opens it as usual
    db.dispose()


def test_each_copy_is_private_named_with_date_and_version_and_verified(office, now):
    result = service.make_backup(office, now=now)
    copy = result.result(config.PRIMARY).path
    assert copy.name == f"ketluan-2026-11-29-093000-v{container.read_header(copy).app_version}-" \
        f"{naming.database_tag(result.database_id)}.klbak"  # fmt: skip
    header = container.read_header(copy)
    assert header.counts["document"] == 1 and header.counts["task"] == 9
    assert header.counts["member"] > 500 and header.schema_revision
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert not list(copy.parent.glob("*.part")) and not list(copy.parent.glob(".snapshot-*"))


def test_a_copy_damaged_while_writing_is_not_kept(office, now, monkeypatch):
    real_write = container.write

    def bad_disk(target, *args, **kw):
        key = real_write(target, *args, **kw)
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF  # the destination changed a byte
        target.write_bytes(bytes(data))
        return key

    monkeypatch.setattr(container, "write", bad_disk)
    result = service.make_backup(office, now=now)
    primary = result.result(config.PRIMARY)
    assert not primary.ok and "bị hỏng" in primary.problem
    assert naming.copies_in(config.primary_folder()) == []
    assert config.place_state(result.database_id, config.PRIMARY).problem


def test_the_second_place_absent_is_reported_then_caught_up(office, now, tmp_path):
    usb = tmp_path / "USB" / "Sao lưu KếtLuận"
    cfg = config.BackupConfig(second_place=str(usb))
    config.save_config(cfg)
    result = service.make_backup(office, now=now)
    assert result.result(config.PRIMARY).ok
    second = result.result(config.SECOND)
    assert not second.ok and "USB chưa cắm" in second.problem
    assert not usb.exists()  # an absent drive's folder is never created
    state = config.place_state(result.database_id, config.SECOND)
    assert state.problem and state.last_ok_at is None
    usb.mkdir(parents=True)  # the drive is back
    caught = service.catch_up(result.database_id, now=now + timedelta(minutes=5))
    assert caught is not None and caught.ok
    assert caught.path.read_bytes() == result.result(config.PRIMARY).path.read_bytes()
    assert service.catch_up(result.database_id, now=now) is None  # nothing more to do
    state = config.place_state(result.database_id, config.SECOND)
    assert state.last_ok_file == caught.path.name and state.problem is None
    both = service.make_backup(office, now=now + timedelta(days=1))
    assert both.result(config.PRIMARY).ok and both.result(config.SECOND).ok


@pytest.mark.sqlite_only  # the SQLite file dumped and damaged; a server: test_backup_postgres.py
def test_encrypted_copies_need_the_passphrase_and_detect_tampering(office, now, monkeypatch):
    monkeypatch.setattr(crypto, "CHUNK", 64 * 1024)  # many chunks: streaming is exercised
    config.save_config(config.BackupConfig(key_bundle=crypto.new_key_bundle(PASS)))
    assert PASS not in config._config_path().read_text(encoding="utf-8")
    result = service.make_backup(office, now=now)
    copy = result.result(config.PRIMARY).path
    raw = copy.read_bytes()
    assert b"SQLite format 3" not in raw and "Nguyễn".encode() not in raw
    header = container.read_header(copy)  # described without the passphrase
    assert header.encrypted and header.counts["task"] == 9
    path = office.path
    office.dispose()
    expected = dump(path)
    with pytest.raises(crypto.WrongPassphraseError):
        restore.restore(
            office.location, copy, by=local_actor(), now=now, passphrase="không phải mật khẩu"
        )
    for cut in (len(raw) - 10, len(raw) - 70_000):
        bad = copy.with_name("cut.klbak")
        bad.write_bytes(raw[:cut])
        with pytest.raises(crypto.DamagedBackupError):
            restore.restore(office.location, bad, by=local_actor(), now=now, passphrase=PASS)
    flipped = bytearray(raw)
    flipped[-5000] ^= 1
    bad.write_bytes(bytes(flipped))
    with pytest.raises(crypto.DamagedBackupError):
        restore.restore(office.location, bad, by=local_actor(), now=now, passphrase=PASS)
    assert dump(path) == expected  # nothing changed by any refusal
    db = open_database(path)
    add_task(db, "Việc sau khi sao lưu")
    db.dispose()
    restore.restore(
        office.location, copy, by=local_actor(), now=now + timedelta(hours=1), passphrase=PASS
    )
    assert dump(path) == expected


@pytest.mark.sqlite_only  # the SQLite file dumped and damaged; a server: test_backup_postgres.py
def test_a_copy_from_a_newer_app_version_is_refused_and_nothing_changes(office, now, monkeypatch):
    monkeypatch.setattr(service, "__version__", "9.1.0")
    copy = service.make_backup(office, now=now).result(config.PRIMARY).path
    assert "-v9.1.0-" in copy.name
    path = office.path
    office.dispose()
    before = dump(path)
    with pytest.raises(restore.BackupTooNewError) as err:
        restore.restore(office.location, copy, by=local_actor(), now=now)
    assert "9.1.0" in err.value.message and "cập nhật" in err.value.message
    assert dump(path) == before


@pytest.mark.allow_logged_errors  # the network-drive warning: the file is made to look remote
def test_restore_keeps_a_rollback_journal_database_in_that_mode(tmp_path, now, monkeypatch):
    from ketluan_desktop.core.db import database as database_mod

    monkeypatch.setattr(database_mod, "is_network_path", lambda p: True)
    db = open_database(tmp_path / "ketluan.db", create=True)
    add_task(db, "Một việc")
    copy = service.make_backup(db, now=now).result(config.PRIMARY).path
    db.dispose()
    restore.restore(db.location, copy, by=local_actor(), now=now)
    with open(db.path, "rb") as fh:
        assert fh.read(20)[18:20] == b"\x01\x01"


def test_retention_keeps_7_daily_4_weekly_12_monthly():
    start = datetime(2025, 1, 1, 17, 0)
    copies = [
        naming.BackupName(Path(f"{i:04d}.klbak"), start + timedelta(days=i), "0.1.0", "abcd0123")
        for i in range(400)
    ] + [naming.BackupName(Path("morning.klbak"), start + timedelta(days=399, hours=-8),
                           "0.1.0", "abcd0123")]  # fmt: skip
    keep = naming.to_keep(copies)
    kept = sorted((b for b in copies if b.path in keep), key=lambda b: b.taken_at)
    days = {b.day for b in kept}
    last = copies[399].day
    assert {last - timedelta(days=d) for d in range(7)} <= days
    assert Path("morning.klbak") in keep  # the newest day keeps all its copies
    older = start + timedelta(days=398)
    assert sum(1 for b in copies if b.path in keep and b.day == older.date()) == 1
    months = {(b.day.year, b.day.month) for b in kept}
    assert len(months) == 12
    weeks = {b.day.isocalendar()[:2] for b in kept}
    assert len(weeks) >= 4
    assert len(kept) <= 7 + 4 + 12 + 1


def test_pruning_deletes_only_this_databases_old_copies(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for i in range(40):
        day = datetime(2026, 1, 1, 9) + timedelta(days=i)
        (folder / naming.file_name(day, "0.1.0", "aaaaaaaa-1")).write_bytes(b"x")
        (folder / naming.file_name(day, "0.1.0", "bbbbbbbb-2")).write_bytes(b"x")
    (folder / "ghi chú của văn phòng.txt").write_text("giữ", encoding="utf-8")
    removed = service.prune(folder, "aaaaaaaa")
    assert removed and all("-aaaaaaaa" in p.name for p in removed)
    assert len(naming.copies_in(folder, "bbbbbbbb")) == 40
    assert (folder / "ghi chú của văn phòng.txt").exists()
    assert len(naming.copies_in(folder, "aaaaaaaa")) == len(
        naming.to_keep(naming.copies_in(folder, "aaaaaaaa"))
    )

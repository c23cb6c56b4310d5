"""Putting a copy back: show what it holds, keep the current database, restore in one step.

SQLite, current file healthy: it is first saved as a verified copy (like any backup), then the
copy's snapshot is written into it with SQLite's backup API — one transaction, so another window
or the CLI sees either the old or the restored office, never half of each, and the file keeps its
journal mode. Current file damaged or missing: the damaged file (and its -wal/-shm) is renamed
aside untouched, and the restored file is renamed into place. PostgreSQL: ``pg_dump`` of the
current state first, then ``pg_restore --single-transaction --clean``. A copy made by a newer
version of the app (or holding a schema this version does not know) is refused before anything
changes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ketluan_desktop import __version__
from ketluan_desktop.core.access.actor import Actor, check
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.backup import config, container, naming, pgtools, service, snapshot
from ketluan_desktop.core.backup.container import Header
from ketluan_desktop.core.backup.crypto import DamagedBackupError
from ketluan_desktop.core.db.location import DbLocation, is_network_path
from ketluan_desktop.core.errors import KetLuanError, ValidationError

SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupTooNewError(ValidationError):
    """The copy comes from a newer app version than this one."""


@dataclass(frozen=True)
class CopyInfo:
    place: str
    path: Path
    header: Header | None
    problem: str | None = None

    @property
    def taken_at(self) -> datetime | None:
        if self.header is not None:
            return self.header.created_at
        parsed = naming.parse(self.path)
        return parsed.taken_at if parsed else None


def list_copies(database_id: str | None, cfg: config.BackupConfig | None = None) -> list[CopyInfo]:
    """Copies of this database in both places, newest first (unreadable ones say why)."""
    cfg = cfg or config.load_config()
    tag = naming.database_tag(database_id) if database_id else None
    found: list[CopyInfo] = []
    for place, folder in service.places(cfg):
        for b in naming.copies_in(folder, tag):
            try:
                found.append(CopyInfo(place, b.path, container.read_header(b.path)))
            except KetLuanError as exc:
                found.append(CopyInfo(place, b.path, None, exc.message))
    return sorted(found, key=lambda c: (c.taken_at or datetime.min, c.path.name), reverse=True)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def check_restorable(header: Header, location: DbLocation) -> None:
    from ketluan_desktop.core.db import migrate

    if _version(header.app_version) > _version(__version__) or (
        header.schema_revision
        and header.schema_revision != migrate.head_revision()
        and header.schema_revision not in migrate.known_revisions()
    ):
        raise BackupTooNewError(
            f"Bản sao lưu này do KếtLuận {header.app_version} tạo (lược đồ dữ liệu "
            f"«{header.schema_revision}»), mới hơn phiên bản đang dùng ({__version__}), nên "
            "phiên bản này không khôi phục được. Hãy cập nhật ứng dụng lên bản mới nhất rồi khôi "
            "phục lại; cơ sở dữ liệu hiện tại không bị thay đổi."
        )
    wanted = "sqlite" if location.is_sqlite else "postgresql"
    if header.kind != wanted:
        raise ValidationError(
            f"Bản sao lưu này là của một cơ sở dữ liệu {header.kind}, còn cơ sở dữ liệu đang dùng là "
            f"{wanted}: không khôi phục trực tiếp được. Hãy hỏi người quản trị."
        )


def current_state(location: DbLocation) -> tuple[dict[str, int] | None, str | None]:
    """Rows per table and the database id of the current SQLite file; (None, None) if unusable."""
    path = location.path
    if path is None or not path.exists():
        return None, None
    try:
        _revision, counts = snapshot.check_sqlite(path)
    except KetLuanError:
        return None, None
    db_id = None
    with contextlib.suppress(sqlite3.Error, ValueError):
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT value FROM setting WHERE key = ?", (service.DATABASE_ID_KEY,)
            ).fetchone()
            value = json.loads(row[0]) if row and row[0] else None
            db_id = value if isinstance(value, str) else None
        finally:
            con.close()
    return counts, db_id


def current_counts(db) -> dict[str, int] | None:
    """Rows in the tables restore shows, from the open database (None if it cannot be read)."""
    from sqlalchemy import text

    try:
        with db.session() as s:
            return {
                t: int(s.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
                for t in snapshot.SHOWN_TABLES
            }
    except Exception:  # a damaged database: the dialog shows "—"
        return None


def current_database_id(db) -> str | None:
    from ketluan_desktop.core.org import settings

    try:
        with db.session() as s:
            value = settings.get(s, service.DATABASE_ID_KEY)
    except Exception:
        return None
    return value if isinstance(value, str) else None


@dataclass
class RestoreResult:
    header: Header
    kept_copy: Path | None  # the current database saved as a backup first
    kept_damaged: Path | None  # or the damaged file, renamed aside


def may_restore(by: object) -> Actor:
    """The check at this service's boundary: only a role with the backup permission puts a copy
    back. ``by`` is whoever asks — the ``Database`` they work through (its signed-in actor; the
    operating-system account on a workstation's own file) or an ``Actor``. Raises
    ``AccessDeniedError`` with the reason in Vietnamese."""
    return check(by, Permission.BACKUP)


def restore(
    location: DbLocation,
    copy: Path,
    *,
    now: datetime,
    by: object,
    passphrase: str | None = None,
) -> RestoreResult:
    """Restore ``copy`` over the database at ``location`` (close every connection of this process
    to it first; other processes may stay, they see the change as one commit), for ``by`` (see
    ``may_restore``): refused before the copy is even read unless they hold the permission."""
    may_restore(by)
    header = container.read_header(copy)
    check_restorable(header, location)
    if not location.is_sqlite:
        return _restore_server(location, copy, header, now=now, passphrase=passphrase)
    assert location.path is not None
    path = location.path
    with tempfile.TemporaryDirectory(prefix=".khoi-phuc-", dir=path.parent) as tmp:
        restored = Path(tmp) / "restored.db"
        _extract_checked(copy, restored, header, passphrase)
        counts, _id = current_state(location)
        if counts is not None:
            kept = _keep_current(location, now)
            _write_into_live(restored, path)
            return RestoreResult(header, kept, None)
        damaged = _move_aside(path, now)
        _place_file(restored, path)
        return RestoreResult(header, None, damaged)


def _extract_checked(copy: Path, out: Path, header: Header, passphrase: str | None) -> None:
    container.extract(copy, out, passphrase=passphrase)
    check = snapshot.check_sqlite if header.kind == "sqlite" else snapshot.check_pg_dump
    revision, counts = check(out)
    if revision != header.schema_revision or any(
        counts.get(t, 0) != n for t, n in header.counts.items()
    ):
        raise DamagedBackupError(
            f"Bản sao lưu {copy.name} không khớp với phần mô tả của nó (số bản ghi khác). Hãy dùng "
            "một bản sao khác; cơ sở dữ liệu hiện tại không bị thay đổi."
        )


def _keep_current(location: DbLocation, now: datetime) -> Path:
    from ketluan_desktop.core.db import open_database

    db = open_database(location.path, migrate_schema=False)
    try:
        result = service.make_backup(db, now=now)
    finally:
        db.dispose()
    kept = result.result(config.PRIMARY)
    if kept is None or not kept.ok:
        raise KetLuanError(
            "Chưa khôi phục: không lưu được cơ sở dữ liệu hiện tại thành bản sao trước khi khôi phục "
            f"({kept.problem if kept else 'không rõ lý do'}). Không có gì bị thay đổi."
        )
    assert kept.path is not None
    return kept.path


def _write_into_live(restored: Path, path: Path) -> None:
    src = sqlite3.connect(restored.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(path, timeout=30)
        try:
            src.backup(dst)  # one write transaction on the live file
        finally:
            dst.close()
    finally:
        src.close()


def _move_aside(path: Path, now: datetime) -> Path | None:
    if not path.exists():
        return None
    stamp = now.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.hong-{stamp}")
    os.replace(path, aside)
    for suffix in SIDE_FILES:
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(aside) + suffix))
    return aside


def _place_file(restored: Path, path: Path) -> None:
    mode = "DELETE" if is_network_path(path) else "WAL"
    con = sqlite3.connect(restored)
    try:
        con.execute(f"PRAGMA journal_mode = {mode}")
    finally:
        con.close()
    os.replace(restored, path)


def _restore_server(
    location: DbLocation, copy: Path, header: Header, *, now: datetime, passphrase: str | None
) -> RestoreResult:
    from ketluan_desktop.core.db import open_database

    work = config.primary_folder()
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".khoi-phuc-", dir=work) as tmp:
        dump = Path(tmp) / "restored.dump"
        _extract_checked(copy, dump, header, passphrase)
        db = open_database(location.url.render_as_string(hide_password=False), migrate_schema=False)
        try:
            result = service.make_backup(db, now=now)
        finally:
            db.dispose()
        kept = result.result(config.PRIMARY)
        if kept is None or not kept.ok:
            raise KetLuanError(
                "Chưa khôi phục: không sao lưu được cơ sở dữ liệu hiện tại trước khi khôi phục. "
                "Không có gì bị thay đổi."
            )
        pgtools.run(
            "pg_restore", location.url, "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", "--exit-on-error", "-d", str(location.url.database), str(dump),
            extra_env={"PGOPTIONS": "-c lock_timeout=30s"},  # other workstations: fail, not hang
        )  # fmt: skip
        return RestoreResult(header, kept.path, None)

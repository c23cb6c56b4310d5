"""Making copies: snapshot once, write it to each place, read each copy back, keep the right ones.

A copy is renamed to its final ``.klbak`` name only after it was read back from where it was
written and proved whole: the payload's SHA-256, a full ``integrity_check`` of the database it
holds, and the same schema revision and row count in every table as the snapshot. Places are
independent: a missing USB drive does not stop the copy in the data folder; it is recorded, shown
on the status bar, and caught up (``catch_up``) when the drive is back.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ketluan_desktop import APP_NAME, __version__
from ketluan_desktop.core.backup import config, container, naming, snapshot
from ketluan_desktop.core.backup.crypto import DamagedBackupError
from ketluan_desktop.core.db import Database
from ketluan_desktop.core.diskspace import describe_os_error
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.private_files import make_private_dirs

log = logging.getLogger(__name__)

DATABASE_ID_KEY = "backup.database_id"
TO = "to"  # a folder given for one manual copy (``ketluan backup --to``)


@dataclass
class PlaceResult:
    place: str
    folder: Path
    path: Path | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.path is not None and self.problem is None


@dataclass
class BackupResult:
    taken_at: datetime
    database_id: str
    counts: dict[str, int]
    results: list[PlaceResult] = field(default_factory=list)

    @property
    def any_ok(self) -> bool:
        return any(r.ok for r in self.results)

    def result(self, place: str) -> PlaceResult | None:
        return next((r for r in self.results if r.place == place), None)


def ensure_database_id(db: Database) -> str:
    """The id tying copies to their database (a settings row, made on the first copy)."""
    from ketluan_desktop.core.org import settings

    with db.session() as s:
        value = settings.get(s, DATABASE_ID_KEY)
    if isinstance(value, str) and value:
        return value
    with db.write_session() as s:
        value = settings.get(s, DATABASE_ID_KEY)
        if not value:
            value = str(uuid.uuid4())
            settings.set_value(s, DATABASE_ID_KEY, value)
    return value


def folder_problem(folder: Path, place: str) -> str | None:
    """Why copies cannot go to ``folder`` now (an absent USB drive, a share that is offline)."""
    if place == config.PRIMARY:
        try:
            make_private_dirs(folder)
        except OSError as exc:
            return describe_os_error(exc, folder, "bản sao lưu")
    if not folder.is_dir():
        return (
            f"Không thấy thư mục {folder} (ổ USB chưa cắm, ổ mạng chưa kết nối hoặc thư mục đã bị "
            "đổi tên). Bản sao sẽ được chép bù khi thư mục có lại."
        )
    if not os.access(folder, os.W_OK):
        return (
            f"Không có quyền ghi vào {folder}. Hãy cấp quyền ghi hoặc chọn nơi khác trong Cài đặt."
        )
    return None


def places(cfg: config.BackupConfig) -> list[tuple[str, Path]]:
    out = [(config.PRIMARY, config.primary_folder())]
    if cfg.second_place:
        out.append((config.SECOND, Path(cfg.second_place)))
    return out


def make_backup(
    db: Database, *, now: datetime, to: Path | None = None, cfg: config.BackupConfig | None = None
) -> BackupResult:
    """One consistent snapshot, written and verified in each place (or only ``to``)."""
    cfg = cfg or config.load_config()
    db_id = ensure_database_id(db)
    work_root = config.primary_folder()
    make_private_dirs(work_root)
    with tempfile.TemporaryDirectory(prefix=".snapshot-", dir=work_root) as tmp:
        payload = Path(tmp) / "snapshot"
        revision, counts = _snapshot(db, payload)
        meta = {
            "app": APP_NAME,
            "app_version": __version__,
            "created_at": now.isoformat(),
            "kind": "sqlite" if db.location.is_sqlite else "postgresql",
            "database_id": db_id,
            "schema_revision": revision,
            "counts": counts,
            "source": db.location.display,
        }
        result = BackupResult(now, db_id, counts)
        targets = [(TO, Path(to))] if to is not None else places(cfg)
        for place, folder in targets:
            outcome = _write_place(place, folder, payload, meta, cfg.key_bundle, Path(tmp))
            result.results.append(outcome)
            if place != TO:
                _record(db_id, outcome, now)
                if outcome.ok:
                    prune(folder, naming.database_tag(db_id))
    return result


def _snapshot(db: Database, payload: Path) -> tuple[str | None, dict[str, int]]:
    if db.location.is_sqlite:
        assert db.path is not None
        try:
            snapshot.sqlite_snapshot(db.path, payload)
        except Exception as exc:
            err = db.classify(exc)
            if err is None:
                raise
            raise err from exc
        return snapshot.check_sqlite(payload)
    return snapshot.pg_snapshot(db.engine, db.location.url, payload)


def _write_place(
    place: str, folder: Path, payload: Path, meta: dict, bundle: dict | None, work: Path
) -> PlaceResult:
    problem = folder_problem(folder, place)
    if problem is not None:
        return PlaceResult(place, folder, problem=problem)
    taken = datetime.fromisoformat(meta["created_at"]).replace(tzinfo=None)
    final = naming.free_name(folder, taken, meta["app_version"], meta["database_id"])
    part = final.with_name(final.name + naming.PART_SUFFIX)
    try:
        key = container.write(part, payload, meta, bundle)
        verify(part, meta, work, data_key=key)
        os.replace(part, final)
        _sync_folder(folder)
    except OSError as exc:
        return PlaceResult(place, folder, problem=describe_os_error(exc, folder, "bản sao lưu"))
    except KetLuanError as exc:
        return PlaceResult(place, folder, problem=exc.message)
    finally:
        with contextlib.suppress(OSError):
            part.unlink()
    log.info("backup written and verified: %s", final)
    return PlaceResult(place, folder, path=final)


def verify(path: Path, meta: dict, work: Path, *, data_key: bytes | None = None) -> None:
    """Read the copy back: payload hash, full integrity check, schema and rows as the snapshot."""
    out = work / "verify"
    try:
        container.extract(path, out, data_key=data_key)
        if meta["kind"] == "sqlite":
            revision, counts = snapshot.check_sqlite(out)
        else:
            revision, counts = snapshot.check_pg_dump(out)
    finally:
        with contextlib.suppress(OSError):
            out.unlink()
    expected = meta["counts"]
    if revision != meta["schema_revision"] or any(
        counts.get(t, 0) != n for t, n in expected.items()
    ):
        raise DamagedBackupError(
            f"Bản sao {path.name} đọc lại không khớp với dữ liệu đã chụp (số bản ghi khác). Bản "
            "sao này không được giữ lại; hãy kiểm tra ổ đĩa đích."
        )


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _record(db_id: str, outcome: PlaceResult, now: datetime) -> None:
    state = config.place_state(db_id, outcome.place)
    if outcome.ok:
        assert outcome.path is not None
        state = config.PlaceState(now, outcome.path.name, None, None)
    else:
        state.problem, state.problem_at = outcome.problem, now
    with contextlib.suppress(KetLuanError, OSError):
        config.record(db_id, outcome.place, state)


def prune(folder: Path, tag: str) -> list[Path]:
    """Delete this database's copies beyond 7 daily, 4 weekly, 12 monthly; return them."""
    copies = naming.copies_in(folder, tag)
    keep = naming.to_keep(copies)
    removed = []
    for b in copies:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    if removed:
        log.info("removed %d old backup(s) from %s", len(removed), folder)
    return removed


def has_copy_on(db_id: str, day: date) -> bool:
    tag = naming.database_tag(db_id)
    return any(b.day == day for b in naming.copies_in(config.primary_folder(), tag))


def catch_up(db_id: str, *, now: datetime, cfg: config.BackupConfig | None = None):
    """Copy the newest copy of the data folder to the second place if that one is behind.

    Returns the ``PlaceResult`` of a copy made (or a problem), None when nothing was needed."""
    cfg = cfg or config.load_config()
    if not cfg.second_place:
        return None
    tag, second = naming.database_tag(db_id), Path(cfg.second_place)
    mine = naming.copies_in(config.primary_folder(), tag)
    if not mine:
        return None
    newest = mine[-1]
    problem = folder_problem(second, config.SECOND)
    if problem is not None:
        return PlaceResult(config.SECOND, second, problem=problem)
    theirs = naming.copies_in(second, tag)
    if theirs and theirs[-1].taken_at >= newest.taken_at:
        return None
    outcome = _copy_file(newest.path, second)
    _record(db_id, outcome, now)
    if outcome.ok:
        prune(second, tag)
    return outcome


def _copy_file(src: Path, folder: Path) -> PlaceResult:
    """A verified copy of a verified copy: same bytes, checked by SHA-256 after writing."""
    final = folder / src.name
    part = final.with_name(final.name + naming.PART_SUFFIX)
    try:
        shutil.copyfile(src, part)
        with open(part, "rb+") as fh:
            os.fsync(fh.fileno())
        if container.digest_file(part) != container.digest_file(src):
            raise DamagedBackupError(f"Bản chép {part} không giống bản gốc; chưa được giữ lại.")
        os.replace(part, final)
        _sync_folder(folder)
    except OSError as exc:
        return PlaceResult(config.SECOND, folder, problem=describe_os_error(exc, folder, "bản sao"))
    except KetLuanError as exc:
        return PlaceResult(config.SECOND, folder, problem=exc.message)
    finally:
        with contextlib.suppress(OSError):
            part.unlink()
    return PlaceResult(config.SECOND, folder, path=final)

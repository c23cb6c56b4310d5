"""Checks made before SQLAlchemy touches a SQLite file, so a bad file is refused, never changed.

Opening checks what is cheap (the header, the schema, the revision); the full-file check is here
too but runs only where ``core/db/integrity.py`` sends it (after an unclean shutdown, weekly in the
background, before a backup or a migration), never between a user and their data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ketluan_desktop.core.db import file_guard
from ketluan_desktop.core.db.errors import CorruptDatabaseError, classify, corrupt_message
from ketluan_desktop.core.diskspace import describe_os_error
from ketluan_desktop.core.errors import DatabaseError, KetLuanError
from ketluan_desktop.core.private_files import make_private_dirs

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


def folder_is_writable(folder: Path) -> bool:
    """Try it: permission bits lie on Windows, for root, and on read-only mounts."""
    probe = folder / f".ketluan-write-test-{uuid.uuid4().hex}"
    try:
        with open(probe, "xb"):
            pass
    except OSError:
        return False
    with contextlib.suppress(OSError):
        probe.unlink()
    return True


def check_folder(path: Path) -> None:
    folder = path.parent
    blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise DatabaseError(
            f"Không dùng được {path}: {blocker} là một tệp chứ không phải thư mục, nên không thể "
            "đặt cơ sở dữ liệu trong đó. Hãy kiểm tra lại đường dẫn (--db, biến KETLUAN_DB hoặc "
            "Cài đặt)."
        )
    if not folder.exists():
        try:
            make_private_dirs(folder)
        except OSError as exc:
            raise DatabaseError(
                f"Không tạo được thư mục dữ liệu {folder}: {describe_os_error(exc, folder, 'thư mục')} "
                "Hãy chọn một thư mục khác bằng --db hoặc trong Cài đặt."
            ) from exc
    if not folder_is_writable(folder):
        raise DatabaseError(
            f"Thư mục {folder} chỉ cho phép đọc, nên không thể mở cơ sở dữ liệu {path.name} "
            "(SQLite cần ghi nhật ký và tệp khóa bên cạnh tệp dữ liệu). Hãy sao chép tệp sang "
            "một thư mục bạn có quyền ghi, hoặc nhờ quản trị máy cấp quyền ghi, rồi mở lại. "
            "Tệp chưa bị thay đổi."
        )


def check_file_is_sqlite(path: Path) -> bool:
    """True if the file exists with content; raises for anything that is not a SQLite database."""
    if not path.exists():
        return False
    if not path.is_file():
        raise DatabaseError(f"{path} không phải là một tệp. Hãy chỉ đến tệp cơ sở dữ liệu .db.")
    if path.stat().st_size == 0:
        return False
    if file_guard.is_live(path):
        return True  # open through SQLite here already; reading it with open() would drop its locks
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(
            f"Không đọc được tệp {path} ({exc.strerror or exc}). Hãy kiểm tra quyền truy cập tệp."
        ) from exc
    if header != SQLITE_HEADER:
        raise DatabaseError(
            f"Tệp {path} không phải là cơ sở dữ liệu KếtLuận (không phải tệp SQLite). "
            "Có thể đã chọn nhầm tệp. Hãy chọn đúng tệp ketluan.db hoặc khôi phục từ bản sao lưu; "
            "tệp này không bị thay đổi."
        )
    return True


def _readonly_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def check_header(path: Path) -> None:
    """The 100-byte header describes a possible database and the file is as long as it says.

    Cheap (one read of 100 bytes): a damaged header or a truncated copy is refused at once, before
    SQLite or the user meets it. Damage deeper in the file is for the full check (below). A file
    this process already has open through SQLite was checked then, and is not read with ``open()``
    again (``file_guard``: that would drop SQLite's POSIX locks).
    """
    if file_guard.is_live(path):
        return
    with open(path, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100:
        raise corrupt_error(path, "phần đầu tệp bị cắt cụt")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1) or header[21:24] != b"\x40\x20\x20":
        raise corrupt_error(path, "phần đầu tệp bị hỏng")
    change_counter, pages = header[24:28], int.from_bytes(header[28:32], "big")
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        return  # a checkpoint cut short leaves the file shorter than its header: the WAL has it
    if header[92:96] == change_counter and pages and path.stat().st_size < pages * page_size:
        raise corrupt_error(path, "tệp bị cắt cụt: thiếu trang dữ liệu")


def inspect_existing(path: Path) -> tuple[str | None, set[str]]:
    """Read-only and quick: return (alembic revision or None, table names).

    Checks the header and reads the schema, which refuses a file that is not a database or whose
    header or schema is damaged. The full-file check (``full_check``) does not run here: it reads
    the whole file, seconds on a large one; ``core/db/integrity.py`` decides when it runs.
    """
    check_header(path)
    try:
        con = sqlite3.connect(_readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise _open_error(path, exc) from exc
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return revision, tables
    except sqlite3.DatabaseError as exc:
        raise _open_error(path, exc) from exc
    finally:
        con.close()


T = TypeVar("T")


def read_app_table(path: Path, table: str, query: Callable[[sqlite3.Connection], T]) -> T | None:
    """``query`` run on a KếtLuận SQLite file opened read-only, without the database layer, when
    the file is KếtLuận's, migrated and holds ``table``; None for anything else (not a KếtLuận
    file, damaged, not yet holding the table, an SQL error): the caller then goes the ordinary way.
    """
    try:
        if not check_file_is_sqlite(path):
            return None
        revision, tables = inspect_existing(path)
    except KetLuanError:
        return None
    if revision is None or table not in tables:
        return None
    con = sqlite3.connect(_readonly_uri(path), uri=True)
    try:
        return query(con)
    except sqlite3.Error:
        return None
    finally:
        con.close()


@dataclass(frozen=True)
class CheckResult:
    """What ``PRAGMA quick_check`` found: ``ok`` None when it was stopped before the end."""

    ok: bool | None
    detail: str = ""
    seconds: float = 0.0


def full_check(path: Path, *, should_stop: Callable[[], bool] | None = None) -> CheckResult:
    """``PRAGMA quick_check`` over the whole file, read-only; ``should_stop`` can interrupt it.

    Every b-tree page is read: about a second per 500 MB in the OS cache, ten when the file is
    cold. Never called on open; see ``core/db/integrity.py`` for when it runs.
    """
    log.info("full integrity check of %s", path.name)
    start = time.perf_counter()
    try:
        con = sqlite3.connect(_readonly_uri(path), uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        return CheckResult(False, str(exc), time.perf_counter() - start)
    try:
        if should_stop is not None:
            con.set_progress_handler(lambda: 1 if should_stop() else 0, 20_000)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        except sqlite3.OperationalError as exc:
            if should_stop is not None and should_stop():
                return CheckResult(None, "", time.perf_counter() - start)
            return CheckResult(False, str(exc), time.perf_counter() - start)
        except sqlite3.DatabaseError as exc:
            return CheckResult(False, str(exc), time.perf_counter() - start)
    finally:
        con.close()
    found = [str(r[0]) for r in rows]
    seconds = time.perf_counter() - start
    if found == ["ok"]:
        return CheckResult(True, "", seconds)
    return CheckResult(False, "; ".join(found[:3]), seconds)


def require_intact(path: Path) -> None:
    """The full check, refusing with the damaged-file message (before a backup or a migration)."""
    result = full_check(path)
    if not result.ok:
        raise corrupt_error(path, result.detail)


def corrupt_error(path: Path, detail: str) -> DatabaseError:
    """Today's message for a damaged file (the open refusal and the full check alike)."""
    return CorruptDatabaseError(corrupt_message(str(path), detail), detail=detail)


def _open_error(path: Path, exc: sqlite3.Error) -> DatabaseError:
    """A full disk, a read-only drive or a lock is not a damaged file (issue 20 item 2)."""
    return classify(exc, path=path) or corrupt_error(path, str(exc))


def backup_copy(path: Path, revision: str) -> Path:
    """A consistent copy beside the file (SQLite's backup API sees what the WAL holds too), made
    only after the full check found the file intact."""
    require_intact(path)  # a copy of a damaged file is no backup
    target = path.with_name(f"{path.name}.bak-{revision}")
    tmp = target.with_name(target.name + ".tmp")
    src = sqlite3.connect(_readonly_uri(path), uri=True)
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(tmp, target)
    return target

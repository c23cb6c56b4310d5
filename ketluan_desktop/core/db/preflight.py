"""Checks made before SQLAlchemy touches a SQLite file, so a bad file is refused, never changed."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from pathlib import Path

from ketluan_desktop.core.errors import DatabaseError

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
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Không tạo được thư mục dữ liệu {folder} ({exc.strerror or exc}). "
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


def inspect_existing(path: Path) -> tuple[str | None, set[str]]:
    """Run ``PRAGMA quick_check`` read-only; return (alembic revision or None, table names)."""
    try:
        con = sqlite3.connect(_readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise _corrupt(path, str(exc)) from exc
    try:
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise _corrupt(path, str(exc)) from exc
        if [r[0] for r in rows] != ["ok"]:
            raise _corrupt(path, "; ".join(str(r[0]) for r in rows[:3]))
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return revision, tables
    finally:
        con.close()


def _corrupt(path: Path, detail: str) -> DatabaseError:
    return DatabaseError(
        f"Tệp cơ sở dữ liệu {path} bị hỏng hoặc không đọc được ({detail}). Ứng dụng không sửa "
        "tệp này. Hãy khôi phục từ bản sao lưu gần nhất (các tệp ketluan.db.bak-… cạnh tệp dữ "
        "liệu) hoặc liên hệ người quản trị.",
        detail=detail,
    )


def backup_copy(path: Path, revision: str) -> Path:
    """A consistent copy beside the file (SQLite's backup API sees what the WAL holds too)."""
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

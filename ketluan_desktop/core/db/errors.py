"""What a failed database operation really means: disk full, read-only, locked, I/O or corrupt.

SQLite says "database or disk is full", "disk I/O error", "database is locked" in English, and a full
disk read as "corrupt" sends the clerk to restore last night's backup and lose the day. Every write
path (``Database`` sessions, opening, the CLI's and the GUI's last-resort handlers, backups) turns
driver errors into one of these, from the driver's error *code*, never its text. Errors that are
none of these (a missing table, a constraint) are bugs and stay what they are.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ketluan_desktop.core import diskspace
from ketluan_desktop.core.errors import DatabaseError

# SQLite primary result codes (https://sqlite.org/rescode.html); the extended code's low byte.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)

# PostgreSQL SQLSTATEs.
PG_DISK_FULL = {"53100"}
PG_READ_ONLY = {"25006"}
PG_LOCKED = {"55P03", "40P01", "55006"}
PG_CORRUPT = {"XX001", "XX002"}


class DiskFullError(DatabaseError):
    """No room left on the disk (or the user's quota): nothing is damaged."""


class ReadOnlyDatabaseError(DatabaseError):
    """The file, its folder or its drive cannot be written."""


class DatabaseLockedError(DatabaseError):
    """Another process holds the write lock longer than the busy timeout."""


class DiskIOError(DatabaseError):
    """The drive failed to read or write (unplugged USB, network gone, failing disk)."""


class CorruptDatabaseError(DatabaseError):
    """The file's content is damaged: only here is restoring a backup the right advice."""


class MissingDatabaseError(DatabaseError):
    """The file named does not exist; nothing was created (a typo must not make a new office)."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


def _blocking_file(path: Path) -> Path | None:
    """A regular file standing where a folder of ``path`` should be."""
    for p in path.parents:
        if p.exists():
            return p if not p.is_dir() else None
    return None


def _nearby_databases(folder: Path) -> list[str]:
    try:
        names = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in (".db", ".sqlite"))
    except OSError:
        return []
    return names[:5]


def missing_database(path: Path, source: str = "") -> MissingDatabaseError:
    """``source``: "--db", "KETLUAN_DB" or "" (the default file in the data folder)."""
    given = {
        "--db": " (đường dẫn ghi sau --db)",
        "KETLUAN_DB": " (theo biến môi trường KETLUAN_DB)",
    }
    text = (
        f"Không có cơ sở dữ liệu KếtLuận tại {path}{given.get(source, '')}; không có gì được tạo."
    )
    blocker = _blocking_file(path)
    if blocker is not None:
        text += f" {blocker} là một tệp chứ không phải thư mục."
    elif not path.parent.is_dir():
        text += f" Thư mục {path.parent} cũng không tồn tại."
    else:
        near = _nearby_databases(path.parent)
        if near:
            text += f" Trong thư mục đó có: {', '.join(near)}."
    text += (
        " Nếu gõ nhầm đường dẫn, hãy sửa lại. Nếu thật sự muốn lập một văn phòng mới ở đó, hãy "
        f'chạy «ketluan init --db "{path}"» (hoặc chọn «Tạo văn phòng mới» trong ứng dụng).'
    )
    return MissingDatabaseError(text, path)


def _driver_error(exc: BaseException) -> BaseException | None:
    """The DB-API exception inside SQLAlchemy's wrapper or an exception chain."""
    seen = 0
    cur: BaseException | None = exc
    while cur is not None and seen < 6:
        orig = getattr(cur, "orig", None)
        if isinstance(orig, BaseException):
            return orig
        if isinstance(cur, sqlite3.Error) or hasattr(cur, "sqlstate") or hasattr(cur, "pgcode"):
            return cur
        cur = cur.__cause__ or cur.__context__
        seen += 1
    return None


def sqlite_code(exc: BaseException) -> int | None:
    err = _driver_error(exc)
    code = getattr(err, "sqlite_errorcode", None) if isinstance(err, sqlite3.Error) else None
    return code if isinstance(code, int) else None


def _pg_state(exc: BaseException) -> str | None:
    err = _driver_error(exc)
    state = getattr(err, "sqlstate", None) or getattr(err, "pgcode", None)
    return state if isinstance(state, str) else None


def locked_message(display: str, *, network: bool = False, wal: bool = False) -> str:
    if network and wal:
        return (
            f"Cơ sở dữ liệu {display} nằm trên ổ mạng nhưng đang ở chế độ WAL: chế độ này chỉ "
            "an toàn khi mọi chương trình dùng tệp chạy trên cùng một máy, nên máy này không "
            "giành được quyền ghi và đợi thêm cũng không khỏi. Hãy đóng KếtLuận trên mọi máy "
            "đang dùng tệp này rồi mở lại (ứng dụng sẽ tự chuyển tệp sang chế độ dùng qua mạng); "
            "để nhiều máy dùng chung, hãy dùng máy chủ PostgreSQL."
        )
    return (
        f"Cơ sở dữ liệu {display} đang bị một chương trình khác giữ quyền ghi quá lâu (một cửa "
        "sổ KếtLuận khác, một lệnh ketluan đang chạy, hoặc một máy khác dùng chung tệp). Thao tác "
        "vừa rồi chưa được lưu. Nếu chương trình kia đang làm một việc dài (nhập, xuất, sao lưu), "
        "hãy đợi nó xong rồi làm lại; nếu không, hãy đóng KếtLuận ở các cửa sổ và máy khác."
    )


def corrupt_message(display: str, detail: str) -> str:
    return (
        f"Tệp cơ sở dữ liệu {display} bị hỏng ({detail}): nội dung tệp không còn đúng cấu trúc. "
        "Ứng dụng không sửa tệp này. Hãy khôi phục từ bản sao lưu gần nhất (Công cụ → Sao lưu & "
        "khôi phục, hoặc lệnh «ketluan restore»), hoặc liên hệ người quản trị."
    )


def _where(path: Path | None, display: str | None) -> tuple[Path | None, str]:
    if path is None and display is None:
        from ketluan_desktop.core.db import file_guard

        live = file_guard.live_paths()
        path = live[0] if len(live) == 1 else None
    return path, display or (str(path) if path is not None else "cơ sở dữ liệu")


def classify(
    exc: BaseException,
    *,
    path: Path | None = None,
    display: str | None = None,
    network: bool = False,
    wal: bool = False,
) -> DatabaseError | None:
    """The user-facing error for ``exc``, or None when it is not a storage fault (a bug)."""
    if isinstance(exc, DatabaseError):
        return exc
    path, display = _where(path, display)
    detail = str(_driver_error(exc) or exc)
    code = sqlite_code(exc)
    if code is not None:
        return _classify_sqlite(code, path, display, detail, network=network, wal=wal)
    state = _pg_state(exc)
    if state is not None:
        return _classify_pg(state, display, detail)
    if isinstance(exc, OSError) and path is not None and exc.errno is not None:
        msg = diskspace.describe_os_error(exc, path, "cơ sở dữ liệu")
        full = exc.errno in diskspace.DISK_FULL_ERRNOS
        return DiskFullError(msg, detail=detail) if full else DatabaseError(msg, detail=detail)
    return None


def _classify_sqlite(
    code: int, path: Path | None, display: str, detail: str, *, network: bool, wal: bool
) -> DatabaseError | None:
    primary = code & 0xFF
    target = path or Path(display)
    if primary == SQLITE_FULL:
        return DiskFullError(diskspace.disk_full_message(target, "cơ sở dữ liệu"), detail=detail)
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseLockedError(locked_message(display, network=network, wal=wal), detail=detail)
    if code == SQLITE_READONLY_DBMOVED:
        return ReadOnlyDatabaseError(
            f"Tệp cơ sở dữ liệu {display} đã bị chuyển đi, đổi tên hoặc xóa trong khi ứng dụng "
            "đang dùng. Hãy đóng ứng dụng, đặt tệp về chỗ cũ (hoặc mở đúng tệp mới), rồi mở lại.",
            detail=detail,
        )
    if primary == SQLITE_READONLY:
        return ReadOnlyDatabaseError(
            diskspace.read_only_message(target, "cơ sở dữ liệu"), detail=detail
        )
    if primary == SQLITE_IOERR:
        free = diskspace.free_bytes(target)
        if free is not None and free < diskspace.space_needed(target):
            return DiskFullError(
                diskspace.disk_full_message(target, "cơ sở dữ liệu"), detail=detail
            )
        return DiskIOError(
            f"Lỗi đọc/ghi của ổ đĩa khi dùng cơ sở dữ liệu {display} (ổ đĩa lỗi, USB bị rút hoặc "
            "mạng bị ngắt). Tệp dữ liệu chưa chắc đã hỏng: hãy kiểm tra ổ đĩa rồi mở lại ứng dụng; "
            "chỉ khôi phục bản sao lưu khi ứng dụng báo tệp bị hỏng.",
            detail=detail,
        )
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return CorruptDatabaseError(corrupt_message(display, detail), detail=detail)
    if primary == SQLITE_CANTOPEN:
        return DatabaseError(
            f"Không mở được tệp cơ sở dữ liệu {display}: thư mục của nó không còn, không có quyền "
            "ghi ở đó, hoặc ổ đĩa không có mặt. Hãy kiểm tra đường dẫn và quyền rồi mở lại.",
            detail=detail,
        )
    return None


def _classify_pg(state: str, display: str, detail: str) -> DatabaseError | None:
    if state in PG_DISK_FULL:
        return DiskFullError(
            f"Ổ đĩa của máy chủ cơ sở dữ liệu {display} đã đầy. Thao tác vừa rồi chưa được lưu; dữ "
            "liệu đã lưu không bị hỏng. Hãy báo người quản trị máy chủ giải phóng dung lượng.",
            detail=detail,
        )
    if state in PG_READ_ONLY:
        return ReadOnlyDatabaseError(
            f"Máy chủ cơ sở dữ liệu {display} đang ở chế độ chỉ đọc (máy dự phòng hoặc đang bảo "
            "trì). Thao tác vừa rồi chưa được lưu; hãy hỏi người quản trị.",
            detail=detail,
        )
    if state in PG_LOCKED:
        return DatabaseLockedError(
            f"Dữ liệu trên máy chủ {display} đang bị một máy khác giữ để ghi. Thao tác vừa rồi chưa "
            "được lưu; hãy đợi một lát rồi làm lại.",
            detail=detail,
        )
    if state in PG_CORRUPT:
        return CorruptDatabaseError(corrupt_message(display, detail), detail=detail)
    return None

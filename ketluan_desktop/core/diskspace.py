"""Free space and operating-system write errors, said in Vietnamese.

``OSError.strerror`` is the C library's English ("No space left on device"); a clerk needs to read
what happened and what to do, and a full disk must never read like a damaged file.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
from pathlib import Path

# Room kept for SQLite's journal or WAL, the -shm file and a day's growth.
MIN_FREE_BYTES = 20 * 1024 * 1024
DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def human_size(n: int) -> str:
    """1536 → "1,5 KB" (Vietnamese decimal comma)."""
    value = float(n)
    for unit in ("byte", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            if unit == "byte":
                return f"{int(value)} byte"
            text = f"{value:.1f}".rstrip("0").rstrip(".")
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    return f"{n} byte"  # pragma: no cover


def existing_folder(path: Path) -> Path | None:
    """The nearest folder that exists at or above ``path`` (where the bytes would go)."""
    for p in (path, *path.parents):
        try:
            if p.is_dir():
                return p
        except OSError:
            continue
    return None


def free_bytes(path: Path) -> int | None:
    folder = existing_folder(path)
    if folder is None:
        return None
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def space_needed(path: Path, extra: int = 0) -> int:
    """What a safe write to ``path`` needs: a journal as big as the file (rollback mode copies the
    pages it changes), the WAL already there, and a margin."""
    size = 0
    for p in (path, path.with_name(path.name + "-wal")):
        with contextlib.suppress(OSError):
            size += p.stat().st_size
    return max(MIN_FREE_BYTES, size) + extra


def disk_full_message(path: Path, what: str, *, extra: int = 0) -> str:
    """``what`` names the thing that could not be written ("cơ sở dữ liệu", "bản sao lưu"…)."""
    free = free_bytes(path)
    need = space_needed(path, extra)
    folder = existing_folder(path) or path.parent
    if free is None:
        where = f"Ổ đĩa chứa {folder} đã đầy"
    elif free >= need:
        where = (
            f"Không ghi thêm được vào {folder}: ổ đĩa báo đầy (còn trống {human_size(free)}, có "
            "thể đã hết hạn mức dung lượng của người dùng hoặc tệp đã đạt giới hạn kích thước)"
        )
    else:
        where = (
            f"Ổ đĩa chứa {folder} đã đầy: còn trống {human_size(free)}, cần ít nhất "
            f"{human_size(need)} để ghi {what} an toàn (thiếu {human_size(need - free)})"
        )
    return (
        f"{where}. Thao tác vừa rồi chưa được lưu, nhưng dữ liệu đã lưu trước đó KHÔNG bị hỏng: "
        "đừng khôi phục từ bản sao lưu. Hãy xóa bớt hoặc chuyển bớt tệp không cần khỏi ổ đĩa "
        "này (ví dụ dọn Thùng rác, thư mục Tải về), rồi làm lại."
    )


def read_only_message(path: Path, what: str) -> str:
    return (
        f"Không ghi được {what} vào {path}: ổ đĩa hoặc thư mục này chỉ cho phép đọc (ổ được gắn "
        "chỉ đọc, thẻ nhớ/USB bị gạt khóa, hoặc thiếu quyền ghi). Dữ liệu đã lưu không bị hỏng. "
        "Hãy cấp quyền ghi hoặc chọn nơi khác, rồi làm lại."
    )


def describe_os_error(exc: OSError, path: Path, what: str = "tệp") -> str:
    """A Vietnamese sentence for the common write failures; the errno name for the rest."""
    code = exc.errno
    if code in DISK_FULL_ERRNOS:
        return disk_full_message(path, what)
    if code == errno.EROFS:
        return read_only_message(path, what)
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return (
            f"Không có quyền ghi {what} vào {path}. Có thể tệp đang mở trong chương trình khác "
            "hoặc tài khoản này không có quyền ghi ở đó: hãy đóng chương trình kia hoặc chọn nơi "
            "khác."
        )
    if code in (errno.ENOENT,) or isinstance(exc, FileNotFoundError):
        return f"Không tìm thấy {path}. Hãy kiểm tra đường dẫn, ổ đĩa hoặc ổ USB còn cắm."
    if code in (errno.ENOTDIR,) or isinstance(exc, NotADirectoryError):
        return f"Một phần của đường dẫn {path} là một tệp chứ không phải thư mục."
    if code == errno.EIO:
        return (
            f"Lỗi đọc/ghi của ổ đĩa khi ghi {what} vào {path} (ổ hỏng, USB bị rút hoặc mạng bị "
            "ngắt). Hãy kiểm tra ổ đĩa rồi làm lại."
        )
    name = errno.errorcode.get(code or 0, "?")
    return (
        f"Không ghi được {what} vào {path} (lỗi hệ thống {name}). Hãy kiểm tra ổ đĩa rồi làm lại."
    )

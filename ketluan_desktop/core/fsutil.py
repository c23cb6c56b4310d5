"""Files written safely: a temporary name in the same folder, then an atomic rename; and the small
JSON files the application keeps for itself read back forgivingly."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ketluan_desktop.core.errors import FileWriteError

# Windows refuses paths over 260 characters unless long paths are enabled machine-wide.
MAX_WINDOWS_PATH = 259


def check_path_length(path: Path) -> None:
    if os.name == "nt" and len(str(path.resolve())) > MAX_WINDOWS_PATH:
        raise FileWriteError(
            f"Đường dẫn quá dài ({len(str(path))} ký tự, Windows cho phép tối đa 260): {path}. "
            "Hãy chọn thư mục ngắn hơn, ví dụ ngay trong ổ D:\\."
        )


def _replace_with_retry(src: str, dst: Path, attempts: int = 10) -> None:
    # Antivirus and indexers briefly lock freshly written files on Windows.
    for i in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if i == attempts - 1:
                raise
            time.sleep(0.1 * (i + 1))


def _is_special_file(target: Path) -> bool:
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[io.BufferedWriter]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on error it vanishes."""
    # Imported here: reading a kept file (``read_json_object``, at every start) needs neither.
    import tempfile

    from ketluan_desktop.core.diskspace import DISK_FULL_ERRNOS, describe_os_error

    target = Path(path)
    if _is_special_file(target):
        # /dev/null, a named pipe, a console: renaming onto it would replace the device itself
        # with a regular file (seen once, as root, for `-o /dev/null`). Write through it instead.
        with open(target, "wb") as fh:
            yield fh
        return
    check_path_length(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileWriteError(f"Thư mục không tồn tại: {folder}. Hãy chọn một thư mục có sẵn.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, folder, target.name)) from exc
    ok = False
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:  # a full or read-only disk, said in Vietnamese (not strerror)
            if exc.errno not in DISK_FULL_ERRNOS | {errno.EROFS}:
                raise
            raise FileWriteError(describe_os_error(exc, target, target.name)) from exc
        try:
            _replace_with_retry(tmp, target)
        except OSError as exc:
            raise FileWriteError(
                f"Không thay được tệp {target}: {describe_os_error(exc, target, target.name)}"
            ) from exc
        ok = True
    finally:
        if not ok:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    with atomic_writer(path) as fh:
        fh.write(data)
    return Path(path)


def write_atomic_with(
    path: str | os.PathLike[str], writer: Callable[[io.BufferedWriter], None]
) -> Path:
    """Let ``writer`` fill the file object; the target appears only if it returns normally."""
    with atomic_writer(path) as fh:
        writer(fh)
    return Path(path)


def read_json_object(path: str | os.PathLike[str]) -> dict:
    """A small JSON file the application keeps for itself (settings, a cache): its object, or an
    empty one when the file is missing, unreadable, damaged or not an object — the caller's
    defaults apply and the next write replaces it whole."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}

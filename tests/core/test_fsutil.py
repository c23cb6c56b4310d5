"""Files written atomically, and the devices that must never be replaced by a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ketluan_desktop.core.errors import FileWriteError
from ketluan_desktop.core.fsutil import atomic_writer, write_bytes_atomic


def test_a_file_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "báo cáo.pdf"
    write_bytes_atomic(target, b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write(b"half of the new")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["báo cáo.pdf"]  # no temp file left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_named_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_bytes_atomic(fifo, b"%PDF-1.7")
        assert os.read(reader, 100) == b"%PDF-1.7"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="POSIX /dev/null")
def test_dev_null_stays_a_device() -> None:
    write_bytes_atomic("/dev/null", b"discarded")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match="không tồn tại"):
        write_bytes_atomic(tmp_path / "không có" / "x.pdf", b"x")


def test_a_kept_json_file_reads_back_forgivingly(tmp_path: Path) -> None:
    """Settings and caches the application keeps (backup.json, the holiday cache): a missing,
    damaged or non-object file reads as empty, so the caller's defaults apply."""
    from ketluan_desktop.core.fsutil import read_json_object

    kept = tmp_path / "nơi lưu.json"
    assert read_json_object(kept) == {}
    write_bytes_atomic(kept, '{"nơi": "D:\\\\Sao lưu", "số": 2}'.encode())
    assert read_json_object(kept) == {"nơi": "D:\\Sao lưu", "số": 2}
    kept.write_text("{hỏng", encoding="utf-8")
    assert read_json_object(kept) == {}
    kept.write_text("[1, 2]", encoding="utf-8")
    assert read_json_object(kept) == {}
    kept.write_bytes(b"\xff\xfe")  # not UTF-8
    assert read_json_object(kept) == {}

"""``ketluan backup``, ``backup list``, ``backup config`` and ``restore`` as a clerk runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, data: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "KETLUAN_DATA_DIR": str(data), **(env or {})},
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def office(tmp_path) -> tuple[Path, Path]:
    data = tmp_path / "dữ liệu"
    db = tmp_path / "Văn phòng" / "ketluan.db"
    assert run("demo", "--db", str(db), data=data).returncode == 0
    return db, data


def tasks(db: Path, data: Path) -> int:
    r = run("tasks", "list", "--db", str(db), "--json", data=data)
    return len(json.loads(r.stdout)["tasks"] if r.stdout.startswith("{") else json.loads(r.stdout))


def test_backup_list_and_restore_after_damage(office, tmp_path):
    db, data = office
    usb = tmp_path / "USB"
    usb.mkdir()
    r = run("backup", "config", "--second-place", str(usb), "--db", str(db), data=data)
    assert r.returncode == 0 and str(usb) in r.stdout
    r = run("backup", "--db", str(db), data=data)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Đã sao lưu và kiểm tra") == 2 and "nhiệm vụ 8" in r.stdout
    names = sorted(p.name for p in (data / "backups").glob("*.klbak"))
    assert names == sorted(p.name for p in usb.glob("*.klbak")) and len(names) == 1
    r = run("backup", "list", "--db", str(db), data=data)
    assert "lần sao lưu tốt gần nhất" in r.stdout and names[0] in r.stdout
    assert run("tasks", "add", "Việc sau khi sao lưu", "--db", str(db), data=data).returncode == 0
    assert tasks(db, data) == 9
    db.write_bytes(db.read_bytes()[:50_000])  # truncated
    r = run("restore", names[0], "--db", str(db), data=data)
    assert r.returncode == 1 and "--yes" in r.stderr  # no keyboard: it must be confirmed
    r = run("restore", str(usb / names[0]), "--db", str(db), "--yes", data=data)
    assert r.returncode == 0, r.stderr
    assert "Nhiệm vụ" in r.stdout and "hỏng" in r.stdout and "Đã khôi phục" in r.stdout
    assert tasks(db, data) == 8
    assert list(db.parent.glob("ketluan.db.hong-*"))


def test_backup_to_a_folder_and_an_encrypted_restore(office, tmp_path):
    db, data = office
    env = {"MAT_KHAU": "cụm mật khẩu dài đủ"}
    r = run("backup", "config", "--passphrase-env", "MAT_KHAU", "--db", str(db), data=data,
            env=env)  # fmt: skip
    assert r.returncode == 0 and "Mã hóa bản sao lưu mới: có" in r.stdout
    out = tmp_path / "Đĩa ngoài"
    out.mkdir()
    r = run("backup", "--to", str(out), "--db", str(db), data=data)
    assert r.returncode == 0, r.stderr
    (copy,) = out.glob("*.klbak")
    assert not (data / "backups").exists() or not list((data / "backups").glob("*.klbak"))
    run("tasks", "add", "Việc sau khi sao lưu", "--db", str(db), data=data)
    r = run("restore", str(copy), "--db", str(db), "--yes", "--passphrase-env", "SAI", data=data,
            env={"SAI": "không đúng mật khẩu"})  # fmt: skip
    assert r.returncode == 1 and "Cụm mật khẩu không đúng" in r.stderr
    assert tasks(db, data) == 9
    r = run("restore", str(copy), "--db", str(db), "--yes", "--passphrase-env", "MAT_KHAU",
            data=data, env=env)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Đã giữ cơ sở dữ liệu trước khi khôi phục" in r.stdout
    assert tasks(db, data) == 8


def test_a_copy_from_a_newer_version_is_refused_by_the_cli(office, tmp_path):
    import struct

    from ketluan_desktop.core.backup import container

    db, data = office
    r = run("backup", "--db", str(db), data=data)
    (copy,) = (data / "backups").glob("*.klbak")
    header = container.read_header(copy)
    newer = dict(header.data, app_version="2.0.0", schema_revision="0099_from_the_future")
    raw = json.dumps(newer).encode()
    body = copy.read_bytes()[header.payload_offset :]
    future = tmp_path / "ketluan-tuong-lai.klbak"
    future.write_bytes(container.MAGIC + struct.pack(">I", len(raw)) + raw + body)
    before = db.read_bytes()
    r = run("restore", str(future), "--db", str(db), "--yes", data=data)
    assert r.returncode == 1 and "KếtLuận 2.0.0" in r.stderr and "mới hơn" in r.stderr
    assert db.read_bytes() == before

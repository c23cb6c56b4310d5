"""Issue 20 item 1: a mistyped database path never creates a new, empty office.

Only ``ketluan init``, the demo, the first start on the default file and an explicit «Tạo văn phòng
mới» create a database; ``--db``, ``KETLUAN_DB`` and the default file on the command line refuse a
missing file, name it in Vietnamese and exit 1, creating nothing (not even the folder).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, env: dict | None = None, module: str = "ketluan_desktop.cli"):
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("office") / "Văn phòng"
    r = run("init", "--db", str(folder / "ketluan.db"))
    assert r.returncode == 0, r.stderr
    return folder


def test_a_mistyped_folder_with_db_is_refused_and_nothing_is_created(office):
    typo = office.parent / "Văn phòngg" / "ketluan.db"
    r = run("documents", "list", "--db", str(typo))
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stdout == "" and r.stderr.count("\n") == 1
    assert r.stderr.startswith("Lỗi: Không có cơ sở dữ liệu KếtLuận tại ") and str(typo) in r.stderr
    assert "ketluan init" in r.stderr and "không có gì được tạo" in r.stderr
    assert not typo.parent.exists()


def test_a_mistyped_file_name_in_ketluan_db_is_refused_and_the_right_file_is_suggested(office):
    typo = office / "ketluan.bd"
    r = run("members", "list", env={"KETLUAN_DB": str(typo)})
    assert r.returncode == 1, r.stdout + r.stderr
    assert str(typo) in r.stderr and "KETLUAN_DB" in r.stderr
    assert "Trong thư mục đó có: ketluan.db" in r.stderr
    assert sorted(p.name for p in office.iterdir()) == ["ketluan.db"]


def test_the_default_file_is_not_created_by_an_ordinary_command(tmp_path):
    data = tmp_path / "dữ liệu mới"
    r = run("tasks", "list", env={"KETLUAN_DATA_DIR": str(data)})
    assert r.returncode == 1 and str(data / "ketluan.db") in r.stderr
    assert not (data / "ketluan.db").exists()


def test_init_and_demo_create_the_database_readable_by_the_user_only(tmp_path):
    new = tmp_path / "Mới" / "ketluan.db"
    r = run("init", "--db", str(new))
    assert r.returncode == 0 and "Đã tạo cơ sở dữ liệu mới" in r.stderr
    demo = tmp_path / "Mẫu" / "ketluan.db"
    assert run("demo", "--db", str(demo)).returncode == 0
    if os.name == "posix":  # Windows: the profile's folder is private already
        for path in (new, demo):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = run("init", "--db", str(new))
    assert again.returncode == 0 and "Đã tạo" not in again.stderr


def test_a_path_under_a_regular_file_is_called_a_file_not_a_read_only_folder(tmp_path):
    blocker = tmp_path / "ghi-chu.txt"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    for cmd in ("init", "info"):
        r = run(cmd, "--db", str(blocker / "ketluan.db"))
        assert r.returncode == 1, r.stderr
        assert f"{blocker} là một tệp chứ không phải thư mục" in r.stderr
        assert "chỉ cho phép đọc" not in r.stderr
    assert blocker.read_text(encoding="utf-8") == "không phải thư mục"


def test_the_window_refuses_a_missing_db_and_exits_1(tmp_path):
    missing = tmp_path / "không có" / "ketluan.db"
    env = {"QT_QPA_PLATFORM": "offscreen", "KETLUAN_DATA_DIR": str(tmp_path / "data")}
    r = run("--db", str(missing), "--screenshot", str(tmp_path / "ảnh"), env=env,
            module="ketluan_desktop")  # fmt: skip
    assert r.returncode == 1 and str(missing) in r.stderr
    assert not missing.parent.exists()


def test_the_readme_demo_command_works_on_a_fresh_machine(tmp_path):
    data = tmp_path / "AppData" / "KetLuan"
    env = {"QT_QPA_PLATFORM": "offscreen", "KETLUAN_DATA_DIR": str(data)}
    r = run("--demo", "--startup-probe", str(tmp_path / "probe.txt"), env=env,
            module="ketluan_desktop")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert (data / "ketluan.db").stat().st_size > 100_000


def test_the_window_asks_before_creating_and_no_is_the_default(tmp_path, monkeypatch, qapp):
    from ketluan_desktop.core.db.errors import MissingDatabaseError
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.database_start import open_for_window

    missing = tmp_path / "gõ nhầm" / "ketluan.db"
    asked: list[str] = []

    def answer(value):
        def ask(_parent, message, _title=None):
            asked.append(message)
            return value

        return ask

    monkeypatch.setattr(dialogs, "ask_yes_no", answer(False))
    with pytest.raises(MissingDatabaseError):
        open_for_window(None, str(missing), False)
    assert str(missing) in asked[0] and not missing.exists()
    monkeypatch.setattr(dialogs, "ask_yes_no", answer(True))
    db = open_for_window(None, str(missing), False)
    try:
        assert db.created and missing.exists()
    finally:
        db.dispose()

"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and database."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")

VN = timezone(timedelta(hours=7))
FIXED_NOW = datetime(2026, 11, 29, 9, 30, tzinfo=VN)
REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"


@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt's QApplication, with every event the UI thread handles timed (the stall guard)."""
    from ketluan_desktop.ui.stall_guard import GuardedApplication

    return GuardedApplication


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    data = tmp_path / "dữ liệu"
    monkeypatch.setenv("KETLUAN_DATA_DIR", str(data))
    monkeypatch.delenv("KETLUAN_DB", raising=False)
    return data


@pytest.fixture
def now() -> datetime:
    return FIXED_NOW


@pytest.fixture
def db(tmp_path):
    from ketluan_desktop.core.db import open_database

    database = open_database(tmp_path / "Nguyễn" / "ketluan.db")
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    """The demo office built once per session; each test gets its own copy of the file."""
    from ketluan_desktop.core import demo
    from ketluan_desktop.core.db import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    demo.load(database, now=FIXED_NOW)
    database.dispose()  # the last connection closing checkpoints the WAL into the file
    return path


@pytest.fixture
def demo_db(_demo_template, tmp_path):
    from ketluan_desktop.core.db import open_database

    target = tmp_path / "Văn phòng" / "demo.db"
    target.parent.mkdir(parents=True)
    shutil.copyfile(_demo_template, target)
    database = open_database(target)
    yield database
    database.dispose()

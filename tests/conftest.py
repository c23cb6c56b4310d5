"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and database."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")

VN = timezone(timedelta(hours=7))
FIXED_NOW = datetime(2026, 11, 29, 9, 30, tzinfo=VN)
REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
import engines  # noqa: E402 - the PostgreSQL half of the database tests (tests/helpers/engines.py)


def pytest_configure(config):
    engines.configure(config)


def pytest_collection_modifyitems(config, items):
    engines.modify_items(config, items)


def pytest_terminal_summary(terminalreporter):
    engines.terminal_summary(terminalreporter)


def pytest_unconfigure(config):
    engines.shutdown()  # after the terminal summary, which reports on the server


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


@pytest.fixture(autouse=True)
def _fail_on_logged_warnings(request, caplog):
    """A warning or error the app logs during a test fails it, as a Qt or Python warning does
    (qutebrowser's rule): the log is where real users' problems show up. A test that provokes one
    on purpose checks it and then calls ``caplog.clear()``, or is marked ``allow_logged_errors``."""
    yield
    if request.node.get_closest_marker("allow_logged_errors"):
        return
    bad = [
        r
        for r in caplog.get_records("call")
        if r.levelno >= logging.WARNING
        and r.name.startswith("ketluan_desktop")
        and r.name != "ketluan_desktop.qt"  # Qt's own messages: pytest-qt judges those
    ]
    if bad:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in bad[:5])
        pytest.fail(f"the app logged {len(bad)} warning(s)/error(s):\n{lines}", pytrace=False)


@pytest.fixture(autouse=True)
def _no_window_left_unanswered(request):
    """Qt tests: a modal window left open past two minutes is closed and fails the test
    (tests/helpers/stuck_windows.py) instead of hanging the whole run."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("qapp")
    from stuck_windows import StuckWindows

    watchdog = StuckWindows()
    yield
    watchdog.stop()
    assert not watchdog.stuck, f"left open with nobody to answer: {watchdog.stuck}"


@pytest.fixture(autouse=True)
def _dev_null_stays_a_device():
    """Tests run as root in CI: code that renames onto, or unlinks, /dev/null would replace the
    machine's device with a regular file (it happened: a signing sweep unlinked a "note" path
    that was os.devnull). Fail the test that does it."""
    yield
    if os.name == "posix":
        import stat

        assert stat.S_ISCHR(os.stat("/dev/null").st_mode), "this test replaced /dev/null"


@pytest.fixture
def now() -> datetime:
    return FIXED_NOW


@pytest.fixture(params=engines.ENGINES)
def db(request, tmp_path):
    from ketluan_desktop.core.db import open_database

    if request.param == "pg":
        yield from engines.pg_database(engines.empty_template())
        return
    database = open_database(tmp_path / "Nguyễn" / "ketluan.db", create=True)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    """The demo office built once per session; each test gets its own copy of the file."""
    from ketluan_desktop.core import demo
    from ketluan_desktop.core.db import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path, create=True)
    demo.load(database, now=FIXED_NOW)
    database.dispose()  # the last connection closing checkpoints the WAL into the file
    return path


@pytest.fixture(params=engines.ENGINES)
def demo_db(request, tmp_path):
    from ketluan_desktop.core.db import open_database

    if request.param == "pg":
        yield from engines.pg_database(engines.demo_template(FIXED_NOW))
        return
    _demo_template = request.getfixturevalue("_demo_template")
    target = tmp_path / "Văn phòng" / "demo.db"
    target.parent.mkdir(parents=True)
    shutil.copyfile(_demo_template, target)
    database = open_database(target)
    yield database
    database.dispose()

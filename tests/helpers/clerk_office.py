"""The clerk's office for tests/e2e/test_clerk_week.py: the window started as the app starts it,
the message boxes and file pickers answered (and recorded), the week's clock, screenshots."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from gui_hands import Hands, key, type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

VN = timezone(timedelta(hours=7))
MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=VN)  # the week after the demo office's "today"
PASSWORD = "Mật khẩu thử 2026"


@dataclass
class Week:
    """The clerk's office for the test: the window, its context, the clock, what was asked."""

    window: object
    hands: Hands
    folder: Path
    clock: list[datetime]
    asked: list[tuple[str, str]] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    found: dict[str, object] = field(default_factory=dict)

    @property
    def ctx(self):
        return self.window.ctx

    @property
    def db(self):
        return self.window.ctx.db

    def day(self, n: int, hour: int = 8) -> None:
        """The clock moves to day ``n`` of the week (0: Monday)."""
        self.clock[0] = MONDAY + timedelta(days=n, hours=hour - 8)

    def idle(self) -> bool:
        return not self.ctx.runner.busy

    def wait_idle(self, qtbot) -> None:
        qtbot.waitUntil(self.idle, timeout=20_000)


@pytest.fixture
def clerk_week(qtbot, tmp_path, monkeypatch, _demo_template):
    """The app's start-up (``ui/app.py``, ``ui/startup.py``) on a copy of the demo office."""
    from ketluan_desktop.core import clock as office_clock
    from ketluan_desktop.ui import dialogs, startup
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.main_window import MainWindow

    target = tmp_path / "Văn phòng" / "ketluan.db"
    target.parent.mkdir()
    shutil.copyfile(_demo_template, target)
    now = [MONDAY]
    monkeypatch.setattr(office_clock, "office_now", lambda: now[0])
    asked: list[tuple[str, str]] = []
    _answer_message_boxes(monkeypatch, dialogs, asked)

    app = create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    hands = Hands(qtbot)
    args = startup.parse_args([]) if hasattr(startup, "parse_args") else None
    from ketluan_desktop.ui.app import parse_args

    args = parse_args(["--db", str(target)])
    state: dict = {}
    startup._open(app, window, args, state, 0.0, None, create=False)
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=30_000)
    w = Week(window, hands, tmp_path / "Tài liệu", now, asked)
    w.folder.mkdir()
    w.wait_idle(qtbot)
    yield w
    hands.stop()
    for editor in list(window.meetings.editors.values()):
        editor.lifecycle.stack.setClean()
        editor.close()
    window.close()
    window.ctx.runner.wait(10_000)
    state["db"].dispose()


def _answer_message_boxes(monkeypatch, dialogs, asked) -> None:
    """Message boxes and file pickers are the OS's or Qt's own: answered here, and recorded."""

    def error(_parent, message, _title=None):
        asked.append(("error", message))

    monkeypatch.setattr(dialogs, "show_error", error)
    monkeypatch.setattr(dialogs, "show_info", lambda _p, m, _t=None: asked.append(("info", m)))
    monkeypatch.setattr(
        dialogs, "ask_yes_no", lambda _p, m, _t=None: asked.append(("yes", m)) or True
    )
    monkeypatch.setattr(
        dialogs,
        "ask_choice",
        lambda _p, m, _t, _c, default: asked.append(("choice", m)) or default,
    )
    monkeypatch.setattr(
        dialogs, "ask_save_discard_cancel", lambda _p, m: asked.append(("close", m)) or "save"
    )


def pick_file(monkeypatch, path: Path) -> None:
    """The next file picker (open or save) answers ``path``."""
    from ketluan_desktop.ui import dialogs

    monkeypatch.setattr(dialogs, "get_open_file", lambda *_a, **_k: str(path))
    monkeypatch.setattr(dialogs, "get_save_file", lambda *_a, **_k: str(path))


def snap(name: str) -> None:
    """With KETLUAN_WEEK_SHOTS=DIR (on a real X display, a window manager running): the whole
    screen as the clerk sees it, to DIR/<name>.png, for a person to look at."""
    folder = os.environ.get("KETLUAN_WEEK_SHOTS")
    if not folder:
        return
    for _ in range(5):
        QApplication.processEvents()
        QTest.qWait(40)
    screen = QApplication.primaryScreen()
    Path(folder).mkdir(parents=True, exist_ok=True)
    screen.grabWindow(0).save(str(Path(folder) / f"{name}.png"))


def no_errors(week: Week) -> None:
    errors = [m for kind, m in week.asked if kind == "error"]
    assert not errors, errors


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return re.sub(r"\s+", " ", out.stdout)


def password_prompt(dialog: QInputDialog) -> None:
    """The password box: typed, Enter."""
    edit = dialog.findChild(QLineEdit)
    edit.setFocus()
    type_text(edit, PASSWORD)
    key(edit, Qt.Key.Key_Return)

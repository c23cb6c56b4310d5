"""Editor fixtures: an office database, an app context with the fixed clock, editors that render
their preview inline and are closed without questions at the end."""

from __future__ import annotations

import pytest

from ketluan_desktop.ui import dialogs as _dialogs
from ketluan_desktop.ui.documents import issue_check as _issue_check
from ketluan_desktop.ui.documents import recovery_dialog as _recovery_dialog

# The real dialog doors, kept before any fixture replaces them (``real_dialogs`` puts them back for
# tests that answer a real dialog with real key or mouse events).
_REAL_DIALOGS = {
    (module, name): getattr(module, name)
    for module in (_dialogs, _recovery_dialog, _issue_check)
    for name, value in list(vars(module).items())
    if callable(value) and not name.startswith("_")
}


@pytest.fixture(autouse=True)
def _answers(monkeypatch):
    """Closing questions answered "discard", recovery "restore", unless a test says otherwise."""
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.documents import recovery_dialog

    answers = {"close": "discard", "yes_no": True, "recovery": "restore"}
    asked: list[str] = []

    def ask_close(parent, message):
        asked.append(message)
        return answers["close"]

    def ask_yes_no(parent, message, title=None):
        asked.append(message)
        return answers["yes_no"]

    def ask_recovery(parent, drafts, *, at_startup=True):
        from ketluan_desktop.ui.documents.recovery_dialog import RecoveryChoice

        asked.append(
            "khôi phục: " + "; ".join(f"{d.label} ({d.change.describe()})" for d in drafts)
        )
        answers.setdefault("recoverable", []).append(drafts)
        return RecoveryChoice(**{answers["recovery"]: [d.doc_id for d in drafts]})

    monkeypatch.setattr(dialogs, "ask_save_discard_cancel", ask_close)
    monkeypatch.setattr(dialogs, "ask_yes_no", ask_yes_no)
    monkeypatch.setattr(recovery_dialog, "ask_recovery", ask_recovery)
    answers["asked"] = asked
    return answers


@pytest.fixture
def real_dialogs(monkeypatch):
    """``real_dialogs("exec_dialog", …)``: those dialogs open for real in this test."""

    def restore(*names: str) -> None:
        for (module, name), real in _REAL_DIALOGS.items():
            if name in names:
                monkeypatch.setattr(module, name, real)

    return restore


@pytest.fixture
def typing_clock(monkeypatch):
    """Typing at a steady 50 ms a key unless the test pauses."""
    from ketluan_desktop.ui.documents import commands

    now = [1000.0]

    def tick() -> float:
        now[0] += 0.05
        return now[0]

    monkeypatch.setattr(commands, "clock", tick, raising=False)
    return now


@pytest.fixture
def office_db(db):
    from ketluan_desktop.core.demo import office as demo_office

    with db.write_session() as s:
        demo_office.build(s)
    return db


@pytest.fixture
def ctx_for(qtbot, now):
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.context import AppContext

    create_application()
    made = []

    def make(database):
        ctx = AppContext(database, clock=lambda: now)
        made.append(ctx)
        return ctx

    yield make


@pytest.fixture
def show_editor(qtbot):
    editors = []

    def show(editor):
        editor.preview.synchronous = True
        qtbot.addWidget(editor)
        with qtbot.waitExposed(editor):
            editor.show()
        editors.append(editor)
        return editor

    yield show
    from shiboken6 import Shiboken

    for e in editors:
        if not Shiboken.isValid(e):  # the test closed and deleted it
            continue
        e.stack.setClean()
        e.lifecycle.recovered = False
        e.lifecycle.created_here = False
        e.shutdown()


def type_text(widget, text: str) -> None:
    """Type any text, Vietnamese included (QTest.keyClicks only knows ASCII keys)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


@pytest.fixture
def typer():
    return type_text

"""Windows open no larger than the screen: on a 1366×768 laptop the editor (1480×920) and the
signature check (1200×820) had their bottom edge below the screen."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget


class _Screen:
    def __init__(self, w: int, h: int) -> None:
        self._room = QRect(0, 0, w, h)

    def availableGeometry(self) -> QRect:  # Qt's name
        return self._room


def test_a_window_asks_for_its_size_and_gets_at_most_the_screen(qtbot, monkeypatch):
    from ketluan_desktop.ui import screen_fit

    w = QWidget()
    qtbot.addWidget(w)
    w.setMinimumSize(980, 620)
    monkeypatch.setattr(w, "screen", lambda: _Screen(1366, 728))  # 768 less the task bar
    screen_fit.fit_to_screen(w, 1480, 920)
    assert (w.width(), w.height()) == (1325, 669)
    monkeypatch.setattr(w, "screen", lambda: _Screen(1920, 1040))
    screen_fit.fit_to_screen(w, 1480, 920)
    assert (w.width(), w.height()) == (1480, 920)  # room enough: the size asked for
    monkeypatch.setattr(w, "screen", lambda: _Screen(800, 560))
    screen_fit.fit_to_screen(w, 1480, 920)
    assert (w.width(), w.height()) == (980, 620)  # never below the minimum


def test_the_editor_and_the_signature_check_fit_the_screen(make_window, demo_db, qtbot):
    from ketluan_desktop.ui.documents.opening import open_document

    w = make_window(demo_db)
    room = w.screen().availableGeometry()
    editor = open_document(w.ctx, 1, w)
    qtbot.addWidget(editor)
    verify = w.signing._verify()
    for window in (w, editor, verify):
        least = window.minimumSize()
        assert window.width() <= max(room.width(), least.width()), window
        assert window.height() <= max(room.height(), least.height()), window
    editor.lifecycle.shutdown()

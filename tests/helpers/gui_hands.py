"""A clerk's hands for end-to-end GUI tests: real key and mouse events, Vietnamese typed the two
ways it reaches an application (a key event carrying the letter, as Unikey sends it on Windows, or
an input method's commit, as IBus does on Linux), and plans for the windows that open in a nested
event loop (modal dialogs, menus, the password prompt): each plan runs when its window shows and
drives it with the same real events.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QMenu, QWidget

LEFT = Qt.MouseButton.LeftButton
_SEEN = "_hands_seen"


def pause() -> None:
    """What happens between two of a person's keys or clicks: the event loop turns (queued
    signals, widgets shown later, timers due)."""
    QApplication.processEvents()


def to_front(widget: QWidget) -> None:
    """The widget's window becomes the active one, as a click on it or a key typed into it
    implies (window shortcuts work only in the active window)."""
    window = widget.window()
    if not window.isActiveWindow() and window.windowType() != Qt.WindowType.Popup:
        window.activateWindow()
        for _ in range(50):
            pause()
            if window.isActiveWindow():
                break
            QTest.qWait(10)


def click(widget: QWidget, pos: QPoint | None = None) -> None:
    """A left click (press and release) where a user would click: the middle, or ``pos``."""
    to_front(widget)
    assert widget.isVisible() and widget.isEnabled(), f"{widget!r} cannot be clicked"
    QTest.mouseClick(widget, LEFT, Qt.KeyboardModifier.NoModifier, pos or widget.rect().center())
    pause()


def key(widget: QWidget, k: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    to_front(widget)
    QTest.keyClick(widget, k, modifiers)
    pause()


def type_text(widget: QWidget, text: str, *, ime: bool = False) -> None:
    """Type ``text`` into the focused ``widget``. ASCII goes through QTest's key clicks; every other
    letter arrives as a key event carrying it (Unikey on Windows) or, with ``ime``, as the commit of
    an input method composing it (IBus and Fcitx on Linux)."""
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in " ./-,;:()%"):
            QTest.keyClick(widget, ch)
        elif ime:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget,
                    QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch),
                )
        pause()


def replace_text(widget: QWidget, text: str) -> None:
    """Select what the field holds (Ctrl+A) and type over it."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(widget, text)


def choose(combo: QComboBox, text: str) -> None:
    """Pick the item reading ``text`` the way a keyboard user does: arrow keys on the closed box
    (each emits ``activated``, as a choice made in the list does)."""
    target = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert target >= 0, f"«{text}» is not among {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setFocus()
    step = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        QTest.keyClick(combo, step)
    assert combo.currentIndex() == target


def menu_pick(menu: QMenu, text: str) -> None:
    """Click the entry of an open menu whose text (without its mnemonic) starts with ``text``."""
    for act in menu.actions():
        if act.text().replace("&", "").startswith(text):
            QTest.mouseClick(menu, LEFT, pos=menu.actionGeometry(act).center())
            return
    raise AssertionError(f"no «{text}» in {[a.text() for a in menu.actions()]}")


@dataclass
class _Plan:
    kind: type
    act: Callable[[QWidget], None]
    what: str
    done: bool = False


@dataclass
class Hands:
    """Plans for nested-loop windows. ``expect(QMenu, fn)`` before the click that opens one;
    ``settle()`` after: every plan ran, none failed, no window was left without a plan."""

    qtbot: object
    plans: list[_Plan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.timer = self._looking()

    def _looking(self) -> QTimer:
        timer = QTimer()
        timer.setInterval(15)
        timer.timeout.connect(self._look)
        timer.start()
        return timer

    def expect(self, kind: type, act: Callable[[QWidget], None], what: str = "") -> None:
        self.plans.append(_Plan(kind, act, what or kind.__name__))

    def _look(self) -> None:
        window = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        # The mark lives on the window itself: a Python id() is reused once the previous dialog
        # is gone, and a second dialog taken for the first was never driven (the run hung in CI).
        if window is None or window.property(_SEEN) or not window.isVisible():
            return
        window.setProperty(_SEEN, True)
        pending = [p for p in self.plans if not p.done]
        if not pending or not isinstance(window, pending[0].kind):
            self.errors.append(f"unexpected window {type(window).__name__}: {_title(window)}")
            window.close()
            return
        plan = pending[0]
        plan.done = True
        # A plan may open the next window (a dialog's button asks for a password): Qt does not
        # re-enter a timer's slot, so a timer of its own looks for windows while this plan acts.
        outer, self.timer = self.timer, self._looking()
        try:
            plan.act(window)
        except BaseException:  # reported by settle(); the window must not hang
            self.errors.append(f"{plan.what}:\n{traceback.format_exc()}")
            if window.isVisible():
                window.close()
        finally:
            self.timer.stop()
            self.timer.deleteLater()
            self.timer = outer

    def settle(self, timeout: int = 20_000) -> None:
        self.qtbot.waitUntil(
            lambda: all(p.done for p in self.plans) or bool(self.errors), timeout=timeout
        )
        errors, self.errors = self.errors, []
        left = [p.what for p in self.plans if not p.done]
        self.plans = []
        assert not errors, "\n".join(errors)
        assert not left, f"these windows never opened: {left}"

    def stop(self) -> None:
        self.timer.stop()


def _title(window: QWidget) -> str:
    return window.windowTitle() or ", ".join(
        b.text() for b in window.findChildren(QAbstractButton)[:4]
    )

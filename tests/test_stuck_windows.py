"""The watchdog that keeps an unanswered modal window from hanging the test run."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from stuck_windows import StuckWindows

# the offscreen platform says so of every message box
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_an_unanswered_message_box_is_closed_and_named(qtbot):
    watchdog = StuckWindows(limit_s=0.5)
    box = QMessageBox(QMessageBox.Icon.Question, "Câu hỏi không ai trả lời", "…")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setEscapeButton(None)  # close() alone would not end its loop
    qtbot.addWidget(box)
    QTimer.singleShot(10_000, box.accept)  # if the watchdog failed, the test ends anyway
    box.exec()
    watchdog.stop()
    assert watchdog.stuck == ["QMessageBox «Câu hỏi không ai trả lời»"]


def test_two_dialogs_one_after_the_other_are_two_windows(qtbot):
    """A second dialog is never taken for the first (Python ids are reused)."""
    watchdog = StuckWindows(limit_s=60)
    for _ in range(2):
        box = QMessageBox(QMessageBox.Icon.Information, "Thông báo", "…")
        QTimer.singleShot(1500, box.accept)
        box.exec()
        box.deleteLater()
    watchdog.stop()
    assert watchdog.stuck == []

"""A modal dialog or menu that nobody answers holds the test in Qt's nested event loop forever
(it held a CI run to its limit once). This watchdog, on the UI thread's own timer, closes one that
has stayed open past its limit and fails the test by name, so the run goes on."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

LIMIT_S = 120.0


class StuckWindows:
    def __init__(self, limit_s: float = LIMIT_S) -> None:
        self.limit_s = limit_s
        self.stuck: list[str] = []
        self._since: dict[int, tuple[QWidget, float]] = {}
        self.timer = QTimer()
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        window = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if window is None or not window.isVisible():
            self._since.clear()
            return
        # the widget itself is kept (not only its id): a new dialog is never taken for an old one
        seen = self._since.get(id(window))
        if seen is None or seen[0] is not window:
            self._since = {id(window): (window, time.monotonic())}
            return
        if time.monotonic() - seen[1] > self.limit_s:
            self.stuck.append(f"{type(window).__name__} «{window.windowTitle()}»")
            self._since.clear()
            if isinstance(window, QDialog):
                window.done(
                    QDialog.DialogCode.Rejected
                )  # a message box without Esc ignores close()
            else:
                window.close()

    def stop(self) -> None:
        self.timer.stop()

"""The idle lock: after some minutes without a key or a click the window's content is blurred
(QGraphicsBlurEffect) and the signed-in person's password is asked before work goes on.

Only for a signed-in account (a shared database): on a workstation's own file the operating
system's screen lock does this job and there is no app password to ask.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsBlurEffect

from ketluan_desktop.core.access.actor import actor_of

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}
BLUR_RADIUS = 24


class IdleLock(QObject):
    def __init__(self, window, minutes: float) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.dialog = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.lock)
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def eventFilter(self, obj, event) -> bool:
        if not self.locked and event.type() in ACTIVITY:
            self.timer.start()  # restart the countdown
        return False

    def lock(self) -> None:
        from ketluan_desktop.ui.access.sign_in_dialog import SignInDialog

        if self.locked:
            return
        self.locked = True
        self.timer.stop()
        blur = QGraphicsBlurEffect(self.window)
        blur.setBlurRadius(BLUR_RADIUS)
        self.window.centralWidget().setGraphicsEffect(blur)
        self.window.menuBar().setEnabled(False)
        self.dialog = SignInDialog(
            self.window.ctx, self.window, username=actor_of(self.window.ctx.db).username
        )
        self.dialog.accepted.connect(self.unlock)
        self.dialog.open()  # window-modal, without a nested event loop

    def unlock(self) -> None:
        self.window.centralWidget().setGraphicsEffect(None)
        self.window.menuBar().setEnabled(True)
        self.locked = False
        self.dialog = None
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

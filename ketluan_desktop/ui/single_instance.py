"""One window per database on a workstation: a second start brings the first window forward.

Two windows on the same file worked, silently, and each showed a stale picture of the other's
work (issue 13 item 9). The first window listens on a local socket named after the database (and
the user); a later start for the same database connects, asks it to come forward, and exits 0 with
a line saying so. A different database opens its own window as before. After a crash the socket
name is stale: nobody answers, so the new start removes it and becomes the listener.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MESSAGE = b"show\n"
REPLY = b"ok\n"
SECOND_START = {
    "forwarded": "KếtLuận đã mở cơ sở dữ liệu này trong một cửa sổ khác; cửa sổ đó đã được đưa "
    "lên trước. Không mở thêm cửa sổ thứ hai cho cùng một tệp.",
    "busy": "KếtLuận đang mở cơ sở dữ liệu này trong một cửa sổ khác nhưng cửa sổ đó chưa trả "
    "lời (có thể đang mở dữ liệu). Hãy đợi cửa sổ đó hiện ra; không mở thêm cửa sổ thứ hai.",
}


def database_key(db_arg: str | None) -> str:
    """The database a start would open, as a stable string, without loading SQLAlchemy."""
    raw = db_arg if db_arg is not None else os.environ.get("KETLUAN_DB") or None
    if raw is None:
        from ketluan_desktop.core.paths import default_db_path

        raw = str(default_db_path())
    if "://" in raw and not (len(raw) > 2 and raw[1] == ":"):
        return raw
    return os.path.normcase(os.path.realpath(Path(raw).expanduser()))


def server_name(key: str) -> str:
    uid = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    user = os.environ.get("USER") or uid
    digest = hashlib.sha256(f"{user}\0{key}".encode()).hexdigest()[:24]
    return f"ketluan-{digest}"


def forward_to_running(key: str, connect_ms: int = 1500, answer_ms: int = 15_000) -> str:
    """ "forwarded": a window has this database open and came forward; "busy": a window has it
    open but did not answer (still opening a large database); "none": no window has it."""
    if sys.platform == "win32":  # pragma: no cover - lets the first window take the foreground
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
    sock = QLocalSocket()
    sock.connectToServer(server_name(key))
    if not sock.waitForConnected(connect_ms):
        return "none"  # nobody listens (a crashed window's name is taken over by ``listen``)
    sock.write(MESSAGE)
    sock.flush()
    answered = sock.waitForReadyRead(answer_ms) and sock.readAll().data() == REPLY
    sock.disconnectFromServer()
    return "forwarded" if answered else "busy"


class InstanceServer(QObject):
    """Listens for later starts on the same database; ``activated`` asks the window forward."""

    activated = Signal()

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(key)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)

    def listen(self) -> bool:
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)  # left behind by a window that crashed
        ok = self._server.listen(self.name)
        if not ok:
            log.warning("single-instance server not started: %s", self._server.errorString())
        return ok

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._on_message(s))
            sock.disconnected.connect(sock.deleteLater)

    def _on_message(self, sock: QLocalSocket) -> None:
        if sock.readAll().data() == MESSAGE:
            sock.write(REPLY)
            sock.flush()
            log.info("another start on the same database: bringing this window forward")
            self.activated.emit()


def bring_forward(window) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    window.statusBar().showMessage(
        window.tr("KếtLuận đã mở sẵn cơ sở dữ liệu này trong cửa sổ này."), 8000
    )

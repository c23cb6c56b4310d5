"""Other workstations' changes reach this one's screens within a second or two.

One ``ChangeWatcher`` per main window runs a ``core.db.listening.ChangeListener`` on a thread of
its own (LISTEN on PostgreSQL, ``PRAGMA data_version`` on SQLite) and turns what it hears into the
app's usual ``AppContext.notify(area)`` on the GUI thread, coalesced over a quarter of a second so
a burst reloads each list once. A lost server connection is shown in the status bar and retried
every few seconds; when it is back every screen reloads (announcements sent meanwhile are lost).
Open document editors are told when their document changed elsewhere (``ui.document_notice``).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from ketluan_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

POLL_S = 1.0
RETRY_S = 3.0
COALESCE_MS = 250


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ChangeWatcher", text)


class _Relay(QObject):
    """Lives in the GUI thread; the listening thread emits, Qt queues to the GUI thread."""

    heard = Signal(str, object)
    lost = Signal(str)
    restored = Signal()


class ChangeWatcher(QObject):
    remote_change = Signal(str, object)  # area, ids (tuple, or None for "many")
    connection_lost = Signal(str)
    connection_restored = Signal()
    autostart = True  # the GUI tests switch it off unless a test is about it

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.online = True
        self._thread: threading.Thread | None = None
        self._stopping: list[threading.Thread] = []
        self._stop = threading.Event()
        self._pending: set[str] = set()
        self._relay = _Relay(self)
        self._relay.heard.connect(self._on_heard)
        self._relay.lost.connect(self._on_lost)
        self._relay.restored.connect(self._on_restored)
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(COALESCE_MS)
        self._flush.timeout.connect(self._notify_pending)
        ctx.database_replaced.connect(self.restart)

    # ------------------------------------------------------------------------------ thread
    def start(self) -> None:
        if self._thread is not None:
            return
        from ketluan_desktop.core.db.listening import ChangeListener

        db = self.ctx.db
        listener = ChangeListener(db.location, own_origin=db.origin)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._loop, args=(listener, self._stop, self._relay), daemon=True,
            name="ketluan-change-watcher",
        )  # fmt: skip
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():  # told, not yet ended: ``wait_stopped`` finds it
                self._stopping.append(self._thread)
        self._thread = None

    def wait_stopped(self, timeout: float = 3.0) -> None:
        """At the process's end: its SQLite connection must be closed before the file is, or
        the last connection's checkpoint of the write-ahead log does not happen."""
        for thread in self._stopping:
            thread.join(timeout)
        self._stopping = [t for t in self._stopping if t.is_alive()]

    def restart(self) -> None:
        self.stop()
        self.online = True
        self.start()

    @staticmethod
    def _loop(listener, stop: threading.Event, relay: _Relay) -> None:
        from ketluan_desktop.core.db.listening import ListenerLost

        lost = False
        try:
            while not stop.is_set():
                try:
                    if not listener.is_open:
                        listener.open()
                        if lost:
                            lost = False
                            relay.restored.emit()
                    for change in listener.poll(POLL_S):
                        if stop.is_set():
                            break  # stopped while polling: nothing more for its window
                        relay.heard.emit(change.area, change.ids)
                except ListenerLost as exc:
                    if not lost:
                        lost = True
                        relay.lost.emit(str(exc))
                    stop.wait(RETRY_S)
        except RuntimeError:  # the window (and its relay) went away while we were emitting
            pass
        except Exception:
            log.exception("change watcher stopped")
        finally:
            listener.close()

    # ------------------------------------------------------------------------------ GUI side
    @Slot(str, object)
    def _on_heard(self, area: str, ids: object) -> None:
        self.remote_change.emit(area, ids)
        self._pending.add(area)
        if not self._flush.isActive():
            self._flush.start()

    def _notify_pending(self) -> None:
        areas, self._pending = sorted(self._pending), set()
        self.ctx.notify(*areas)

    @Slot(str)
    def _on_lost(self, reason: str) -> None:
        log.warning("lost the database connection: %s", reason)
        self.online = False
        self.connection_lost.emit(reason)

    @Slot()
    def _on_restored(self) -> None:
        log.info("database connection back")
        self.online = True
        self.ctx.db.engine.dispose()  # connections from before the outage are dead: renew them
        self.connection_restored.emit()
        self.ctx.notify("*")


class _StopOnClose(QObject):
    def __init__(self, watcher: ChangeWatcher, window: QMainWindow) -> None:
        super().__init__(window)
        self.watcher = watcher

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            # Told, not waited for: its poll sleeps up to a second, and joining it held the
            # closing window 0.2–0.5 s. It ends on its own and closes its connection.
            self.watcher.stop(timeout=0)
        return False


def install(window: QMainWindow) -> ChangeWatcher:
    """Watch the window's database; say in the status bar when the server is away."""
    ctx: AppContext = window.ctx  # type: ignore[attr-defined]
    watcher = ChangeWatcher(ctx, window)
    ctx.watcher = watcher  # type: ignore[attr-defined] - editors look for it
    banner = QLabel()
    banner.setObjectName("connectionBanner")
    banner.setStyleSheet("QLabel#connectionBanner { color: #a4262c; font-weight: 600; }")
    banner.hide()
    window.statusBar().addWidget(banner)

    def lost(_reason: str) -> None:
        banner.setText(
            _t(
                "Mất kết nối tới máy chủ cơ sở dữ liệu — đang thử kết nối lại… Những gì bạn đang "
                "nhập vẫn được giữ trên máy này."
            )
        )
        banner.show()

    def restored() -> None:
        banner.hide()
        window.statusBar().showMessage(_t("Đã kết nối lại máy chủ cơ sở dữ liệu."), 8000)

    watcher.connection_lost.connect(lost)
    watcher.connection_restored.connect(restored)
    watcher.remote_change.connect(_tell_editors)
    window.installEventFilter(_StopOnClose(watcher, window))
    if ChangeWatcher.autostart:
        watcher.start()
    return watcher


def _tell_editors(area: str, ids: object) -> None:
    if area != "documents":
        return
    from ketluan_desktop.ui.document_notice import document_changed_elsewhere

    document_changed_elsewhere(ids)

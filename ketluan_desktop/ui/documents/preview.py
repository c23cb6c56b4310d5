"""A live preview of the page: rendered off the GUI thread shortly after typing stops, in QPdfView.

Only the newest request is drawn: a render that finishes after a newer one was asked for is
dropped. The renderer is the same one that exports, so what the preview shows is what prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ketluan_desktop.core.documents.content import DocumentContent
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.render.profile import LayoutProfile
from ketluan_desktop.ui.widgets.pdf_view import fit_width_page_view

DEBOUNCE_MS = 350


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Preview", text)


def render_bytes(content: DocumentContent, profile: LayoutProfile) -> tuple[bytes, int]:
    from ketluan_desktop.core.render.pdf import render_pdf

    out = render_pdf(content, profile)
    return out.data, out.page_count


class _Relay(QObject):
    done = Signal(int, bytes, int, float)
    failed = Signal(int, str)


class _RenderJob(QRunnable):
    def __init__(self, generation: int, content, profile, relay: _Relay) -> None:
        super().__init__()
        self.generation, self.content, self.profile, self.relay = (
            generation,
            content,
            profile,
            relay,
        )

    def run(self) -> None:
        start = time.perf_counter()
        try:
            data, pages = render_bytes(self.content, self.profile)
        except KetLuanError as exc:
            self.relay.failed.emit(self.generation, exc.message)
        except Exception as exc:  # a renderer bug must not take the editor down
            self.relay.failed.emit(self.generation, f"{type(exc).__name__}: {exc}")
        else:
            self.relay.done.emit(self.generation, data, pages, time.perf_counter() - start)


class PreviewPane(QWidget):
    """``schedule()`` after each edit; the pane asks ``source()`` for the content when it renders."""

    rendered = Signal(int, float)  # pages, seconds spent rendering

    def __init__(
        self,
        source: Callable[[], tuple[DocumentContent, LayoutProfile]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.synchronous = False  # tests and screenshots render inline
        self.page_count = 0
        self.last_seconds = 0.0
        self._generation = 0
        self._shown = 0
        self._buffer: QBuffer | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)

        self.document = QPdfDocument(self)
        self.view = fit_width_page_view(page_spacing=12)
        self.view.setDocument(self.document)
        self.view.setAccessibleName(_t("Xem trước bản in"))
        self.status = QLabel(_t("Đang dựng bản xem trước…"))
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

    def schedule(self) -> None:
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive() or self._shown != self._generation

    def render_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        try:
            content, profile = self.source()
        except KetLuanError as exc:
            self._on_failed(self._generation, exc.message)
            return
        if self.synchronous:
            from ketluan_desktop.ui import stall_guard

            start = time.perf_counter()
            try:
                with stall_guard.excluded():  # the render thread's work, done inline for tests
                    data, pages = render_bytes(content, profile)
            except KetLuanError as exc:
                self._on_failed(self._generation, exc.message)
                return
            self._on_done(self._generation, data, pages, time.perf_counter() - start)
        else:
            self._pool.start(_RenderJob(self._generation, content, profile, self._relay))

    def _on_done(self, generation: int, data: bytes, pages: int, seconds: float) -> None:
        if generation != self._generation:
            return  # a newer render is on its way
        old = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        self._buffer = buffer
        if old is not None:
            old.close()
            old.deleteLater()
        self._shown = generation
        self.page_count, self.last_seconds = pages, seconds
        self.status.setText(
            _t("{pages} trang · cập nhật sau {ms} ms").format(pages=pages, ms=round(seconds * 1000))
        )
        self.rendered.emit(pages, seconds)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._shown = generation
        self.status.setText(_t("Chưa dựng được bản xem trước: {message}").format(message=message))

    def wait(self, msecs: int = 10_000) -> bool:
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        self._timer.stop()
        self._generation += 1  # whatever is still rendering is dropped
        self._pool.clear()
        self._pool.waitForDone(10_000)

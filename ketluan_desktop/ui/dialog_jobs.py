"""Dialogs that read and write through the window's runner (issue 14, «the UI thread only paints»).

A dialog opens at once with its fields off; what it shows is read on the runner's thread and fills
them when it arrives (``read``). Its OK writes on the runner's thread with the buttons off — a
double click writes once, Esc does not close it under a write on its way — and accepts once it is
written; a refusal is said in the dialog and nothing typed is lost (``write``). A dialog closed
before an answer arrives is not filled: the answer is dropped (a write's notification still goes
out, the data being written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtWidgets import QDialog, QWidget

from ketluan_desktop.core.errors import KetLuanError


class RunnerDialog(QDialog):
    writing = False  # a write is on the runner: the buttons stay off, Esc does not close
    loaded = False  # what the dialog shows has arrived

    def reject(self) -> None:
        if self.writing:
            return  # closing would not stop the write on its way: wait for its answer
        super().reject()

    def read(
        self,
        work: Callable[[], Any],
        fill: Callable[[Any], None],
        controls: Iterable[QWidget],
        *,
        key: str = "read",
    ) -> None:
        """``work()`` on the runner's thread, ``controls`` off until ``fill(answer)`` runs. A
        newer read of the same ``key`` drops this one's answer. A failure (the record deleted
        meanwhile …) is said over the dialog's parent and the dialog closes."""
        controls = list(controls)
        for c in controls:
            c.setEnabled(False)
        self.loaded = False

        def arrived(answer: Any) -> None:
            if not shiboken6.isValid(self):
                return
            for c in controls:  # before ``fill``, which may turn some off again (a choice …)
                if shiboken6.isValid(c):
                    c.setEnabled(True)
            fill(answer)
            self.loaded = True

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            if not shiboken6.isValid(self):
                report_exception(exc, tb)
                return
            report_exception(exc, tb, self.parentWidget() or self)
            QDialog.reject(self)

        self.ctx.runner.query((key, id(self)), work, arrived, failed)  # type: ignore[attr-defined]

    def write(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        refused: Callable[[KetLuanError], None],
        controls: Iterable[QWidget],
        *,
        notify: tuple[str, ...] = (),
    ) -> None:
        """``work()`` (a write) on the runner's thread with ``controls`` off; then
        ``ctx.notify(*notify)`` and ``done(result)`` (not when the dialog is gone), or
        ``refused(error)`` with the controls back (a bug: the crash dialog)."""
        controls = list(controls)
        ctx = self.ctx  # type: ignore[attr-defined]

        def over() -> bool:
            alive = shiboken6.isValid(self)
            if alive:
                self.writing = False
                for c in controls:
                    if shiboken6.isValid(c):
                        c.setEnabled(True)
            return alive

        def written(result: Any) -> None:
            if notify:
                ctx.notify(*notify)
            if over():
                done(result)

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            if not over():
                report_exception(exc, tb)
            elif isinstance(exc, KetLuanError):
                refused(exc)
            else:
                report_exception(exc, tb, self)

        self.writing = True
        for c in controls:
            c.setEnabled(False)
        ctx.runner.run(work, written, failed)

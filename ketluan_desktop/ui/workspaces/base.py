"""A workspace: one area of the app behind one entry of the navigation rail."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ketluan_desktop.ui.context import AppContext


class Workspace(QWidget):
    key = ""  # file name of its screenshot, stable identifier
    areas: tuple[str, ...] = ()  # change areas that make it reload

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded = False
        ctx.changed.connect(self._on_changed)
        ctx.database_replaced.connect(self.refresh)

    def title(self) -> str:
        raise NotImplementedError

    def _on_changed(self, area: str) -> None:
        if area in self.areas or area == "*":
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        """Reload from the database (synchronously: the queries behind each screen are small)."""

"""A workspace: one area of the app behind one entry of the navigation rail."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ketluan_desktop.ui.context import AppContext


def _one_session(refresh):
    """A workspace's reload reads through one database session (``Database.reading``)."""

    @functools.wraps(refresh)
    def wrapper(self, *args, **kwargs):
        with self.ctx.db.reading():
            return refresh(self, *args, **kwargs)

    return wrapper


class Workspace(QWidget):
    key = ""  # file name of its screenshot, stable identifier
    areas: tuple[str, ...] = ()  # change areas that make it reload

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "refresh" in cls.__dict__:
            cls.refresh = _one_session(cls.__dict__["refresh"])

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
            from ketluan_desktop.ui.workspaces import ahead

            ahead.start(self.window())  # the others built on idle, after the first screen

    def load_ahead(self) -> None:
        """Read the data now, in the background, as a first show would (built ahead: the first
        switch then only paints)."""
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def ahead_steps(self) -> list[Callable[[], None]]:
        """What a first show or a first click on a tab would build, one small step each, built
        ahead on idle (``ahead.py``); a step finds its page built and does nothing."""
        return []

    def refresh(self) -> None:
        """Reload from the database (synchronously: the queries behind each screen are small)."""

"""«Tổng quan»: the workspace the window opens on — the overview page and its links."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ketluan_desktop.ui.overview.page import OverviewPage
from ketluan_desktop.ui.workspaces.base import Workspace


class OverviewWorkspace(Workspace):
    key = "overview"
    areas = ("tasks", "members", "procedures", "documents", "settings")

    def title(self) -> str:
        return self.tr("Tổng quan")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.page = OverviewPage(ctx)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)

    def refresh(self) -> None:
        self.page.reload_all()

    def set_period(self, start, end) -> None:
        self.page.set_period(start, end)

    def show_latest_data(self) -> None:
        """The last half-year in which procedures counted (a screenshot of the demo office)."""
        db, today = self.ctx.db, self.ctx.today()

        def work():
            from ketluan_desktop.core.members.overview import latest_half_year

            with db.session() as s:
                return latest_half_year(s, today)

        def done(period) -> None:
            if period is not None:
                self.page.set_period(*period)

        self.ctx.runner.query(("overview-latest", id(self)), work, done)

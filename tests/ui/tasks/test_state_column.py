"""Issue 13 item 11: the task list's state column showed "Chưa thực hi…"; it is as wide as the
longest state in the view's bold font, at any font size."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle

from ketluan_desktop.core.tasks.task_states import STATES, state_label
from ketluan_desktop.ui.models.task_list_model import COL

from .test_task_list import BEFORE


def test_every_state_label_fits_its_column_unelided(window_at, demo_db):
    w = window_at(demo_db, BEFORE)  # before the deadlines: the tasks are "Chưa thực hiện"
    ws = w.tasks
    ws.show()
    view = ws.view.view
    shown = {view.model().index(r, COL["state"]).data() for r in range(view.model().rowCount())}
    assert "Chưa thực hiện" in shown
    bold = QFont(view.font())
    bold.setBold(True)
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    need = max(QFontMetrics(bold).horizontalAdvance(state_label(s)) for s in STATES) + margin
    assert view.columnWidth(COL["state"]) >= need

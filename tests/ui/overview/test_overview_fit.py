"""The overview read on a small or scaled screen: nothing cut off, every month labelled."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QGraphicsItem, QScrollArea

from tests.ui.overview.test_overview_ui import drawn, window  # noqa: F401 - the fixture


@pytest.mark.parametrize("width", [1440, 1066, 900])
def test_the_heading_filters_and_counters_fit_the_width(window, qtbot, width):  # noqa: F811
    # 1600×1000 pixels at 150 % leave about 1066×640 for the window; 900 is a window not
    # maximised on that screen.
    window.resize(width, 640)
    page = window.overview.page
    drawn(qtbot, page)
    QApplication.processEvents()
    assert page.as_of.text().startswith("Tổng quan — tính đến ngày ")
    for widget in (page.as_of, page.in_period, page.report_button, page.period):
        assert widget.width() >= widget.sizeHint().width(), widget  # nothing cut off
    scroll = page.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()  # no sideways scrolling
    rows = {c.geometry().top() for c in page.cards.values()}
    assert len(rows) == (1 if width >= 1440 else 2)  # six in a row, or two rows of three


def test_every_month_of_the_overdue_line_has_its_label(window, qtbot):  # noqa: F811
    view = window.overview.page.views["overdue"].view
    qtbot.waitUntil(lambda: view.built)
    QApplication.processEvents()
    plot = view.chart().plotArea()
    # QtCharts' label items are private classes (plain QGraphicsItem to Python): the month
    # labels are the visible ones under the plot area, between its edges.
    labels = [
        item
        for item in view.scene().items()
        if type(item) is QGraphicsItem
        and item.isVisible()
        and item.sceneBoundingRect().top() >= plot.bottom() - 1
        and plot.left() < item.sceneBoundingRect().center().x() < plot.right()
    ]
    assert len(view.spec.categories) == 12
    assert len(labels) == 12  # slanted, the first and the last month lost theirs

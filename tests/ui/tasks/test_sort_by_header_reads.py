"""A click on a column header re-reads only the list in its new order (issue 14): the state
counts above the list and the setting read with them serve again — a sort changes no count —
the rows arrive from the runner's thread, and nothing is read on the UI thread. A state choice
counts nothing again either (the counts are of the filter without it); another filter, or a
re-read of the screen, counts anew."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from ketluan_desktop.core.tasks import task_window
from ketluan_desktop.core.text import fold
from ketluan_desktop.ui.models.task_list_model import COL


def _click_header(qtbot, view, column: int) -> None:
    header = view.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def _rows(ws):
    return [ws.model.row_at(i) for i in range(ws.model.rowCount())]


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_a_header_click_reads_the_rows_in_the_new_order_and_keeps_the_counts(
    real_runner, make_window, demo_db, qtbot, ui_thread_reads, monkeypatch
):
    seen, watching = ui_thread_reads
    censuses: list[object] = []
    census = task_window.census
    monkeypatch.setattr(
        task_window, "census", lambda *a, **k: censuses.append(a) or census(*a, **k)
    )
    w = make_window(demo_db)
    ws = w.show_workspace("tasks")
    runner = w.ctx.runner
    qtbot.waitUntil(lambda: ws.model.rowCount() > 0 and not runner.busy, timeout=10_000)
    counts, total = ws.model.state_counts(), ws.total_chip.text()
    read_before = len(censuses)
    assert read_before >= 1

    watching["on"] = True
    _click_header(qtbot, ws.view, COL["lead_unit"])
    qtbot.waitUntil(lambda: ws.model.sort_spec.key == "lead_unit" and not runner.busy)
    units = [r.lead_unit for r in _rows(ws)]
    assert units == sorted(units, key=fold) and units[0] == "Ban Tổ chức"
    _click_header(qtbot, ws.view, COL["lead_unit"])  # again: the other way
    qtbot.waitUntil(lambda: ws.model.sort_spec.descending and not runner.busy)
    descending = [r.lead_unit for r in _rows(ws)]
    assert descending == sorted(units, key=fold, reverse=True)
    watching["on"] = False
    assert seen == []  # read on the runner's thread
    assert len(censuses) == read_before  # a sort counts nothing again
    assert ws.model.state_counts() == counts and ws.total_chip.text() == total

    # A state choice: the counts are of the filter without it, they serve again too.
    state = max(counts, key=lambda k: counts[k])  # the state with most tasks
    ws.state_filter.setCurrentIndex(ws.state_filter.findData(state))
    qtbot.waitUntil(lambda: ws.model.filter.state == state and not runner.busy)
    assert len(censuses) == read_before
    assert ws.model.rowCount() == counts[state] > 0
    assert {r.state for r in _rows(ws)} == {state}
    assert ws.model.state_counts() == counts and ws.total_chip.text() == total
    ws.state_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: ws.model.filter.state is None and not runner.busy)
    assert len(censuses) == read_before and ws.model.rowCount() == sum(counts.values())

    # Another filter counts anew; so does a re-read of the screen, whatever it changes next.
    ws.search.setText("a")
    qtbot.waitUntil(lambda: ws.model.filter.text == "a" and not runner.busy)
    assert len(censuses) == read_before + 1
    ws.search.clear()
    qtbot.waitUntil(lambda: ws.model.filter.text is None and not runner.busy)
    assert len(censuses) == read_before + 2
    ws.refresh()
    qtbot.waitUntil(lambda: len(censuses) == read_before + 3 and not runner.busy)
    ws.state_filter.setCurrentIndex(ws.state_filter.findData(state))
    qtbot.waitUntil(lambda: ws.model.filter.state == state and not runner.busy)
    assert len(censuses) == read_before + 3  # the refresh's own census serves the choice
    ws.model.counts_changed()  # the screen re-reads (an edit elsewhere): whatever changes next
    ws.state_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: ws.model.filter.state is None and not runner.busy)
    assert len(censuses) == read_before + 4

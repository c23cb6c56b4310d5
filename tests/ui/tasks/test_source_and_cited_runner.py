"""The task panel's source document and the cited-document filter with the runner's real thread
(issue 14, «the UI thread only paints»): the document is read on the runner and shown in its
window when it arrives, the chip's name likewise; no SQL on the UI thread."""

from __future__ import annotations

import pytest

from .conftest import BEFORE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.parametrize("demo_db", ["sqlite"], indirect=True)
def test_the_source_document_and_the_cited_filter_read_off_the_ui_thread(
    real_runner, allow_ui_stall, window_at, demo_db, qtbot, ui_thread_reads
):
    """allow_ui_stall: the stall budget of real deliveries is bench_gui_scale's (as in
    tests/ui/test_real_runner.py); what this test checks is where the SQL runs."""
    seen, watching = ui_thread_reads
    w = window_at(demo_db, BEFORE)
    runner = w.ctx.runner
    ws = w.tasks
    qtbot.waitUntil(lambda: not runner.busy and ws.model.rowCount() == 8)
    target = next(
        i
        for i in range(ws.model.rowCount())
        if (x := ws.model.row_at(i)).latest_update_date
        and x.latest_update_date.isoformat() == "2024-11-05"
    )
    ws.view.setCurrentIndex(ws.model.index(target, 0))
    p = ws.panel
    qtbot.waitUntil(lambda: not runner.busy and p.detail is not None)
    watching["on"] = True

    p.open_document(p.detail.document_id)
    qtbot.waitUntil(lambda: bool(p._viewers) and p._viewers[-1].isVisible())
    viewer = p._viewers[-1]
    assert "105-KL/ĐUK" in viewer.windowTitle()
    assert 'name="task"' in viewer.browser.toHtml()
    viewer.close()

    cited = next(c for c in p.detail.cited if c.number_symbol == "34-CT/TU")
    p.cited_requested.emit(cited.id)
    qtbot.waitUntil(lambda: ws.cited_chip.isVisible() and not runner.busy)
    assert "34-CT/TU" in ws.cited_chip.text()
    qtbot.waitUntil(lambda: 1 <= ws.model.rowCount() < 8)
    assert all("34-CT/TU" in ws.model.row_at(i).text for i in range(ws.model.rowCount()))
    ws.cited_chip.click()
    qtbot.waitUntil(lambda: not runner.busy and ws.model.rowCount() == 8)
    watching["on"] = False
    assert seen == []  # the document, the chip's name and the lists: read on the runner

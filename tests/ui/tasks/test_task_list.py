"""The tasks screen driven through its widgets: filters, search, states, colours, groups, sorting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ketluan_desktop.core.text import fold
from ketluan_desktop.ui.models.task_list_model import AMBER_BG, COL, RED_BG, TASK_ID_ROLE

from .conftest import AFTER, BEFORE, DUE_WEEK


def rows(ws):
    return [ws.model.row_at(i) for i in range(ws.model.rowCount())]


def chip_counts(ws) -> dict[str, int]:
    out = {k: int(c.text().rsplit(": ", 1)[1].replace(".", "")) for k, c in ws.chips.items()}
    out["total"] = int(ws.total_chip.text().rsplit(": ", 1)[1].replace(".", ""))
    return out


def test_the_strips_counts_are_written_as_the_office_writes_them(window_at, demo_db, monkeypatch):
    """«Quá hạn: 33.775», as the notice above it and the list's footer write the same count."""
    from ketluan_desktop.core.tasks import listing

    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    monkeypatch.setattr(ws.model, "state_counts", lambda: {"overdue": 33775, "done": 7})
    ws._update_strip(listing.TaskFilter())
    assert ws.chips["overdue"].text().endswith(": 33.775")
    assert ws.total_chip.text() == "Tổng số: 33.782"


def test_the_demo_office_shows_eight_tasks_with_lead_units_due_end_2024(window_at, demo_db):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    r = rows(ws)
    assert len(r) == 8
    assert {x.lead_unit for x in r} == {
        "Văn phòng",
        "Ban Tuyên giáo và Dân vận",
        "Ban Tổ chức",
        "Ủy ban Kiểm tra",
    }
    assert {x.deadline.isoformat() for x in r} == {"2024-12-31"}
    assert {x.number_symbol for x in r} == {"105-KL/ĐUK"}
    assert chip_counts(ws) == {
        "overdue": 0,
        "not_started": 4,
        "in_progress": 4,
        "done": 0,
        "done_late": 0,
        "paused": 0,
        "total": 8,
    }
    idx = ws.model.index(0, COL["deadline"])
    assert idx.data() == "31/12/2024"
    assert "6 tháng cuối năm 2024" in idx.data(Qt.ItemDataRole.ToolTipRole)
    assert not w.task_notice.isVisible()  # nothing late or due this week on 1/12/2024


def test_with_the_clock_in_2025_they_are_overdue_and_red(window_at, demo_db):
    w = window_at(demo_db, AFTER)
    ws = w.tasks
    assert {x.state_label for x in rows(ws)} == {"Quá hạn"}
    assert chip_counts(ws)["overdue"] == 8
    idx = ws.model.index(0, 0)
    assert idx.data(Qt.ItemDataRole.BackgroundRole).color() == RED_BG
    assert "Đã quá hạn 15 ngày" in ws.model.index(0, COL["deadline"]).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert w.task_notice.isVisible()
    assert w.task_notice.label.text() == "Có 08 nhiệm vụ quá hạn."


def test_tasks_due_within_seven_days_are_amber_and_announced(window_at, demo_db):
    w = window_at(demo_db, DUE_WEEK)
    ws = w.tasks
    bg = ws.model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert bg.color() == AMBER_BG
    assert w.task_notice.isVisible() and "08 nhiệm vụ đến hạn trong 7 ngày tới" in (
        w.task_notice.label.text()
    )
    w.task_notice.soon_btn.click()
    assert ws.due_filter.currentData() == "soon" and ws.model.rowCount() == 8
    w.task_notice.dismiss()
    assert not w.task_notice.isVisible()


def test_filter_by_unit_and_status_and_the_counts_follow(window_at, demo_db):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    ws.unit_filter.setCurrentIndex(ws.unit_filter.findText("Ban Tổ chức"))
    assert [x.lead_unit for x in rows(ws)] == ["Ban Tổ chức"] * 3
    assert chip_counts(ws)["total"] == 3  # the strip counts what the filters show
    ws.state_filter.setCurrentIndex(ws.state_filter.findData("in_progress"))
    assert [x.status for x in rows(ws)] == ["in_progress"] * 2
    assert chip_counts(ws)["total"] == 3 and ws.chips["in_progress"].isChecked()
    ws.chips["not_started"].click()
    assert ws.state_filter.currentData() == "not_started" and len(rows(ws)) == 1
    ws.total_chip.click()
    assert ws.state_filter.currentData() is None and len(rows(ws)) == 3
    ws.clear_filters()
    assert ws.model.rowCount() == 8 and "8 nhiệm vụ" in ws.footer.text()


def test_search_without_accents(window_at, demo_db, typing_paused):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    ws.search.setText("chinh tri tu tuong")
    typing_paused()
    assert ws.model.rowCount() == 1
    assert "chính trị tư tưởng" in ws.model.row_at(0).text
    ws.search.setText("chinh tri")
    typing_paused()
    found = rows(ws)
    assert len(found) >= 3 and all("chinh tri" in fold(x.text) for x in found)
    assert any("Bộ Chính trị" in x.text for x in found)
    ws.search.setText("DANG UY KHOI")
    typing_paused()
    assert ws.model.rowCount() >= 1
    ws.search.setText("không có việc này")
    typing_paused()
    assert ws.model.rowCount() == 0 and ws.panel.task_id is not None  # the panel keeps its task


def test_deadline_range_and_document_filters(qtbot, window_at, demo_db):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    ws.due_filter.setCurrentIndex(ws.due_filter.findData("month"))  # December 2024
    assert ws.model.rowCount() == 8
    ws.due_filter.setCurrentIndex(ws.due_filter.findData("custom"))
    ws.due_from.selectAll()
    qtbot.keyClicks(ws.due_from, ws.due_from.text()[:6] + str(int(ws.due_from.text()[6:]) + 1))
    assert ws.model.rowCount() == 0
    ws.clear_filters()
    assert ws.doc_filter.count() == 2 and "105-KL/ĐUK" in ws.doc_filter.itemText(1)
    ws.doc_filter.setCurrentIndex(1)
    assert ws.model.rowCount() == 8


def test_sorting_by_clicking_the_header_is_done_by_the_database(window_at, demo_db, qtbot):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    header = ws.view.header()
    header.setSortIndicator(COL["lead_unit"], Qt.SortOrder.AscendingOrder)
    assert ws.model.sort_spec.key == "lead_unit"
    units = [x.lead_unit for x in rows(ws)]
    assert units == sorted(units, key=fold) and units[0] == "Ban Tổ chức"
    header.setSortIndicator(COL["latest_update"], Qt.SortOrder.DescendingOrder)
    assert rows(ws)[0].latest_update_date.isoformat() == "2024-11-05"
    header.setSortIndicator(COL["state"], Qt.SortOrder.AscendingOrder)
    assert [x.status for x in rows(ws)][:4] == ["not_started"] * 4


def test_grouping_by_document_and_by_unit(window_at, demo_db, qtmodeltester):
    w = window_at(demo_db, AFTER)
    ws = w.tasks
    ws.group_by.setCurrentIndex(ws.group_by.findData("unit"))
    m = ws.model
    assert m.rowCount() == 4 and ws.view.is_tree()
    labels = [m.index(i, 0).data() for i in range(4)]
    assert labels[1] == "Ban Tổ chức  (3 nhiệm vụ, 3 quá hạn)"
    g = m.index(1, 0)
    assert m.rowCount(g) == 3 and ws.view.tree.isFirstColumnSpanned(1, QModelIndex())
    assert ws.view.tree.isExpanded(g)
    child = m.index(0, COL["lead_unit"], g)
    assert child.data() == "Ban Tổ chức" and child.parent() == g
    assert isinstance(m.index(0, 0, g).data(TASK_ID_ROLE), int)
    qtmodeltester.check(m, force_py=True)  # and it keeps watching the resets that follow
    ws.group_by.setCurrentIndex(ws.group_by.findData("document"))
    assert m.rowCount() == 1 and m.rowCount(m.index(0, 0)) == 8
    assert m.index(0, 0).data().startswith("Kết luận số 105-KL/ĐUK")
    ws.group_by.setCurrentIndex(0)
    assert m.rowCount() == 8 and not ws.view.is_tree() and ws.view.tree.model() is None


def test_every_task_model_passes_the_model_tester(window_at, demo_db, qtmodeltester, typing_paused):
    w = window_at(demo_db, AFTER)
    ws = w.tasks
    ws.search.setText("chinh tri")
    typing_paused()
    qtmodeltester.check(ws.model, force_py=True)
    ws.tabs.setCurrentWidget(ws.unit_view)
    qtmodeltester.check(ws.unit_view.units_model, force_py=True)
    qtmodeltester.check(ws.unit_view.model, force_py=True)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_selecting_a_row_shows_the_task_with_its_history_and_links(window_at, demo_db):
    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    target = next(
        i
        for i, x in enumerate(rows(ws))
        if x.latest_update_date and x.latest_update_date.isoformat() == "2024-11-05"
    )
    ws.view.setCurrentIndex(ws.model.index(target, 0))
    p = ws.panel
    assert p.title.text() == f"Nhiệm vụ số {p.task_id}" and p.state.text() == "Đang thực hiện"
    html = p.facts.toHtml()
    assert "105-KL/ĐUK" in html and "34-CT/TU" in html and "Ban Tổ chức" in html
    history = [p.history.item(i).text() for i in range(p.history.count())]
    assert history[0].startswith("05/11/2024 · Ban Tổ chức · 70%")
    assert "78/96 tổ chức cơ sở đảng" in history[0] and history[1].startswith("15/08/2024")
    # The source document opens on the task's paragraph; a cited document filters the list.
    p.open_document(p.detail.document_id)
    viewer = p._viewers[-1]
    assert viewer.isVisible() and "105-KL/ĐUK" in viewer.windowTitle()
    assert '<a name="task">' in viewer.browser.toHtml() or 'name="task"' in viewer.browser.toHtml()
    viewer.close()
    cited = next(c for c in p.detail.cited if c.number_symbol == "34-CT/TU")
    p.cited_requested.emit(cited.id)
    assert ws.cited_chip.isVisible() and "34-CT/TU" in ws.cited_chip.text()
    assert 1 <= ws.model.rowCount() < 8
    assert all("34-CT/TU" in x.text for x in rows(ws))
    ws.cited_chip.click()
    assert ws.model.rowCount() == 8


def test_search_results_open_the_task(window_at, demo_db):
    w = window_at(demo_db, BEFORE)
    task_id = rows(w.tasks)[5].id
    w.open_hit("tasks", task_id)
    assert w.rail.currentRow() == 1 and w.tasks.panel.task_id == task_id


def test_a_repaint_of_the_list_asks_python_no_flags(window_at, demo_db, qtbot):
    """Painting a cell asks the model for its index, its parent and its roles (one call for all
    of them, ``multiData``); Qt answers the flags itself (the model's Python ``flags`` took two calls a cell,
    each combining enum flags: with the runner's thread busy in Python, each call waits for its
    lock). Every row stays enabled and selectable, and a click still selects it."""
    import sys
    from collections import Counter

    w = window_at(demo_db, BEFORE)
    ws = w.tasks
    table = ws.view.table
    qtbot.waitUntil(lambda: ws.model.rowCount() == 8)
    calls: Counter[str] = Counter()

    def count(frame, event, _arg) -> None:
        if event == "call" and frame.f_code.co_filename.endswith("task_list_model.py"):
            calls[frame.f_code.co_name] += 1

    sys.setprofile(count)
    try:
        table.viewport().repaint()
    finally:
        sys.setprofile(None)
    cells = calls["multiData"]  # one per cell painted
    assert cells >= 8
    assert calls["flags"] == 0
    assert calls["index"] + calls["parent"] + calls["flags"] <= 3 * cells
    idx = ws.model.index(2, 0)
    assert ws.model.flags(idx) & Qt.ItemFlag.ItemIsSelectable
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(idx).center()
    )
    assert table.currentIndex().row() == 2

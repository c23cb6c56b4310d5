"""«Tổng quan» on the demo office: shown first, its charts' numbers those of the services, a click
on a bar opens the list that counts the same records, counters open their reminders, exports."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QPointF, Qt

from ketluan_desktop.core.members import figures
from ketluan_desktop.core.members import reminders as member_rules
from ketluan_desktop.core.tasks import task_states
from ketluan_desktop.core.tasks.overview import TaskScope, task_overview

H2_2024 = (date(2024, 7, 1), date(2024, 12, 31))


def drawn(qtbot, page) -> None:
    """Wait for the charts (each built on its own turn of the event loop) and the counters
    (recounted once the charts' data has come)."""
    qtbot.waitUntil(lambda: all(p.view.built for p in page.views.values()), timeout=5000)
    qtbot.waitUntil(lambda: all(c.number.text() != "…" for c in page.cards.values()), timeout=5000)


@pytest.fixture
def window(make_window, demo_db, overview_at_start, qtbot):
    w = make_window(demo_db)
    # The lists a click opens are built beforehand: a workspace's first build (its imports) is
    # start-up work that bench_startup.py measures, not what these tests are about.
    for ws in (w.tasks, w.members):
        ws.refresh()
    w.members.procedure_page  # noqa: B018
    w.show_workspace("overview")
    drawn(qtbot, w.overview.page)
    return w


def _click_bar(qtbot, panel, value: float, category: int) -> None:
    """A real mouse click in the middle of a bar segment."""
    view = panel.view
    chart = view.chart()
    series = chart.series()[0]
    n = len(panel.spec.categories)
    if panel.spec.horizontal:
        point = chart.mapToPosition(QPointF(value, n - 1 - category), series)
    else:
        point = chart.mapToPosition(QPointF(category, value), series)
    pos = view.mapFromScene(point)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_the_window_opens_on_the_overview_with_the_services_numbers(window, demo_db, now, qtbot):
    assert window.rail.currentRow() == 4 and window.stack.currentWidget().key == "overview"
    page = window.overview.page
    today = now.date()
    with demo_db.session() as s:
        o = task_overview(s, TaskScope(), today=today)
        counts = member_rules.counts(s, today)
    units = page.views["units"].spec
    assert units.categories == tuple(u.unit for u in o.units)
    overdue = next(x for x in units.bars if x.key == task_states.OVERDUE)
    assert sum(overdue.values) == 8
    assert page.views["overdue"].spec.lines[0].values[-1] == 8
    assert page.oldest.rowCount() == 8
    assert {r: int(c.number.text()) for r, c in page.cards.items()} == counts
    # The Qt chart draws those values.
    bar_sets = page.views["units"].view.chart().series()[0].barSets()
    drawn = next(b for b in bar_sets if b.label() == "Quá hạn")
    assert sorted(drawn.at(i) for i in range(drawn.count())) == sorted(overdue.values)


def test_choosing_a_period_redraws_the_procedure_charts(window, demo_db, qtbot):
    page = window.overview.page
    page.set_period(*H2_2024)
    drawn(qtbot, page)
    with demo_db.session() as s:
        now_f = figures.figures(s, *H2_2024)
    kinds = page.views["kinds"].spec
    assert kinds.bars[0].values[kinds.category_keys.index("political_standard")] == 150
    assert sum(sum(x.values) for x in page.views["months"].spec.bars) == 206 == now_f.total
    assert page.views["months"].spec.categories[0] == "07/2024"
    assert "206 trong kỳ, 160 cùng kỳ năm trước" in page.kinds_title.text()


def test_choosing_a_conclusion_narrows_the_task_charts_and_keeps_the_choice(
    window, demo_db, now, qtbot
):
    from ketluan_desktop.core.tasks.task_groups import documents_with_tasks

    page = window.overview.page
    with demo_db.session() as s:
        docs = documents_with_tasks(s)
    assert [page.document.itemText(i) for i in range(1, page.document.count())] == [
        d.label for d in docs
    ]
    chosen = docs[-1]
    page.document.setCurrentIndex(len(docs))
    drawn(qtbot, page)
    assert page.scope() == TaskScope(document_id=chosen.id)
    with demo_db.session() as s:
        expected = task_overview(s, TaskScope(document_id=chosen.id), today=now.date())
    assert page.data["tasks"] == expected
    assert sum(sum(b.values) for b in page.views["units"].spec.bars) == sum(
        u.total for u in expected.units
    )
    page.reload_all()  # the same documents again: the choice stays
    drawn(qtbot, page)
    assert page.document_id() == chosen.id and page.document.currentText() == chosen.label


def test_a_click_on_a_unit_bar_opens_the_tasks_it_counts(window, qtbot):
    panel = window.overview.page.views["units"]
    spec = panel.spec
    i = 0
    value = next(x for x in spec.bars if x.key == task_states.OVERDUE).values[i]
    _click_bar(qtbot, panel, value / 2, i)
    assert window.stack.currentWidget().key == "tasks"
    tasks = window.tasks
    assert tasks.unit_filter.currentData() == spec.category_keys[i]
    assert tasks.state_filter.currentData() == task_states.OVERDUE
    assert tasks.model.task_count() == value


def test_a_switch_away_leaves_the_charts_alone_and_a_bar_click_still_works(window, qtbot):
    """Hiding the overview does not deactivate the charts' scenes (every chart item updated for
    a chart nobody sees, 40–50 ms at office scale); back on it, a bar still opens its tasks."""
    panels = window.overview.page.views
    changes: list[int] = []
    for p in panels.values():
        p.view.scene().changed.connect(lambda rects: changes.append(len(rects)))
    window.show_workspace("search")
    qtbot.wait(50)
    assert changes == []
    window.show_workspace("overview")
    qtbot.wait(50)
    panel = panels["units"]
    value = next(x for x in panel.spec.bars if x.key == task_states.OVERDUE).values[0]
    _click_bar(qtbot, panel, value / 2, 0)
    assert window.stack.currentWidget().key == "tasks"
    assert window.tasks.state_filter.currentData() == task_states.OVERDUE


def test_a_click_on_a_month_opens_the_procedures_counted_in_it(window, qtbot):
    page = window.overview.page
    page.set_period(*H2_2024)
    drawn(qtbot, page)
    panel = page.views["months"]
    spec = panel.spec
    k = max(range(len(spec.bars)), key=lambda j: sum(spec.bars[j].values))
    first = spec.bars[k]  # the kind with most procedures, stacked over the kinds before it
    month = next(i for i, v in enumerate(first.values) if v)
    below = sum(spec.bars[j].values[month] for j in range(k))
    _click_bar(qtbot, panel, below + first.values[month] / 2, month)
    assert window.stack.currentWidget().key == "members"
    procs = window.members.procedure_page
    assert procs.kind_filter.currentData() == first.key
    assert procs.filters()["counted_from"] == date(2024, 7 + month, 1)
    qtbot.waitUntil(lambda: procs.model.rowCount() == first.values[month])
    assert procs.counted_chip.isVisible()
    procs.counted_chip.click()
    assert procs.filters()["counted_from"] is None


def test_a_reminder_counter_opens_its_list(window, qtbot):
    card = window.overview.page.cards[member_rules.LOST_CARD]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget().key == "members"
    dash = window.members.dashboard
    assert dash.selected == member_rules.LOST_CARD
    assert dash.model.rowCount() == int(card.number.text()) == 2


def test_each_chart_exports_png_svg_and_excel(window, tmp_path):
    from PySide6.QtGui import QImage

    from ketluan_desktop.ui.overview.chart_export import save_png, save_svg

    page = window.overview.page
    panel = page.views["overdue"]
    png = save_png(panel, tmp_path / "quá hạn.png")
    img = QImage(str(png))
    assert img.width() >= 2 * panel.view.width() - 2
    svg = save_svg(panel, tmp_path / "qua-han.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and "Quá hạn" in svg
    page.export_excel("overdue", str(tmp_path / "qua-han.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "qua-han.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == panel.spec.title
    data = [r for r in rows if r[0] and "/" in str(r[0]) and isinstance(r[1], int)]
    assert [r[1] for r in data] == list(panel.spec.lines[0].values)


def test_the_start_workspace_is_a_preference(make_window, demo_db, overview_at_start):
    from ketluan_desktop.ui.preferences import set_start_workspace, start_workspace

    assert start_workspace() == "overview"
    set_start_workspace("tasks")
    w = make_window(demo_db)
    assert w.stack.currentWidget().key == "tasks"


def test_the_six_month_report_dialog_writes_the_pdf(window, tmp_path, qtbot):
    from ketluan_desktop.ui.overview.report_dialog import ask_and_export

    dlg = ask_and_export(window, *H2_2024)
    out = tmp_path / "bao-cao.pdf"
    dlg.export(".pdf", str(out))
    assert dlg.written == out and out.read_bytes().startswith(b"%PDF")
    assert "Đã ghi báo cáo" in dlg.status.text()

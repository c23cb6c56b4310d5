"""The lazy list's cells: formatted once per row while its page is here, so a repaint (a scroll
back, a switch back, a result arriving beside it) formats nothing again; a reload shows the new
values; the view's own index and flags answers (no call into Python per cell for them)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from ketluan_desktop.core.db.paging import Page
from ketluan_desktop.ui.models.lazy_table import LazyTableModel
from ketluan_desktop.ui.models.rows_model import Column
from ketluan_desktop.ui.workers import TaskRunner


@dataclass(frozen=True)
class Row:
    id: int
    name: str


class Source:
    """``count`` rows named by ``names``, paged by OFFSET (what the model asks for suffices)."""

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def count(self) -> int:
        return len(self.names)

    def page(self, limit: int, **where) -> Page:
        start = int(where.get("offset", 0))
        if "after" in where:
            start = where["after"] + 1
        rows = [Row(i, self.names[i]) for i in range(start, min(start + limit, len(self.names)))]
        return Page(rows, [r.id for r in rows])


def _table(qtbot, names: list[str], formatted: list[int]):
    source = Source(names)

    def name(r: Row) -> str:
        formatted.append(r.id)
        return r.name

    model = LazyTableModel(
        [Column("Tên", name, tooltip=lambda r: f"số {r.id}"), Column("Số", lambda r: r.id)],
        lambda: source,
        TaskRunner(),
        page_size=20,
    )
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == len(names))
    qtbot.waitUntil(lambda: bool(formatted))  # painted
    return source, model, view


def test_a_repaint_formats_no_row_again(qtbot):
    formatted: list[int] = []
    _source, model, view = _table(qtbot, [f"người {i}" for i in range(100)], formatted)
    shown = sorted(set(formatted))
    assert shown and shown[0] == 0 and len(shown) < 40  # only the rows on screen
    formatted.clear()
    view.viewport().repaint()
    view.scrollTo(model.index(60, 0))
    qtbot.waitUntil(lambda: 60 in formatted)  # its page arrived and was painted
    view.scrollToTop()
    view.viewport().repaint()
    assert 60 in formatted and 0 not in formatted  # the rows seen before: not formatted again
    idx = model.index(3, 0)
    assert idx.data() == "người 3"
    assert idx.data(Qt.ItemDataRole.ToolTipRole) == "số 3"
    assert model.index(3, 1).data() == "3"
    cell = view.visualRect(idx).center()
    assert view.indexAt(cell) == idx


def test_a_reload_shows_the_new_values(qtbot):
    formatted: list[int] = []
    source, model, view = _table(qtbot, [f"người {i}" for i in range(50)], formatted)
    assert model.index(0, 0).data() == "người 0"
    source.names = ["đổi tên", *source.names[1:30]]
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 30)
    qtbot.wait(20)
    assert model.index(0, 0).data() == "đổi tên"
    assert view.model().index(0, 0).data(Qt.ItemDataRole.DisplayRole) == "đổi tên"
    assert not model.index(30, 0).isValid() and not model.index(0, 2).isValid()
    assert not model.index(0, 0, model.index(0, 0)).isValid()
    flags = model.flags(model.index(0, 0))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_a_short_list_answers_its_indexes_and_a_click_selects(qtbot, qtmodeltester):
    from ketluan_desktop.ui.models.rows_model import RowsModel

    model = RowsModel([Column("Tên", lambda r: r.name), Column("Số", lambda r: r.id)])
    model.set_rows([Row(i, f"người {i}") for i in range(5)])
    qtmodeltester.check(model, force_py=True)
    assert model.index(4, 1).data() == "4"
    assert not model.index(5, 0).isValid() and not model.index(0, 2).isValid()
    assert not model.index(0, 0, model.index(0, 0)).isValid()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    target = model.index(3, 0)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(target).center()
    )
    assert view.currentIndex() == target

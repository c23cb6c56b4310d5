"""The task list as a lazy Qt model: counts from SQL, rows fetched by window as the view shows them.

Flat, every task is a top-level row. Grouped (by source document or by lead unit), the top level
holds the groups and each group's tasks are its children, each group paging on its own. The
database filters and sorts (``core.tasks.listing.TaskWindow``); the model keeps the counts and a
bounded cache of the pages the view asked for, so 50,000 tasks cost what one screen of them costs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ketluan_desktop.core.db import Database
from ketluan_desktop.core.tasks import listing as ts
from ketluan_desktop.core.text.dates import format_date

Index = QModelIndex | QPersistentModelIndex

PAGE = 100
MAX_PAGES = 60  # pages kept in memory (6,000 rows), least recently used dropped first

RED = QColor("#b3261e")
RED_BG = QColor("#fde8e7")
AMBER_BG = QColor("#fff4d6")
GROUP_BG = QColor("#eef0f4")
STATE_COLORS = {
    ts.OVERDUE: QColor("#b3261e"),
    "not_started": QColor("#5b6370"),
    "in_progress": QColor("#1f5fa8"),
    "done": QColor("#2e7d32"),
    "done_late": QColor("#8a6d00"),
    "paused": QColor("#6d4c9f"),
}
STATE_HEX = {k: v.name() for k, v in STATE_COLORS.items()}

# (sort key, header) in column order
COLUMNS: list[tuple[str, str]] = [
    ("text", "Nội dung nhiệm vụ"),
    ("document", "Văn bản"),
    ("lead_unit", "Chủ trì"),
    ("deadline", "Thời hạn"),
    ("state", "Trạng thái"),
    ("priority", "Ưu tiên"),
    ("latest_update", "Cập nhật gần nhất"),
]
COL = {key: i for i, (key, _) in enumerate(COLUMNS)}
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
IS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 2
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
FLAT = -1  # window key of the ungrouped list


def _d(value: date | None) -> str:
    return format_date(value)


class TaskListModel(QAbstractItemModel):
    """Tasks of a filter, sorted, optionally grouped; ``query_changed`` after each new query."""

    query_changed = Signal()

    def __init__(self, db: Database | Callable[[], Database], *, today: date, parent=None) -> None:
        super().__init__(parent)
        self._db = db if callable(db) else (lambda: db)
        self.today = today
        self.filter = ts.TaskFilter()
        self.sort_spec = ts.TaskSort()
        self.group: str | None = None
        self.soon = ts.DEFAULT_SOON_DAYS
        self._census = ts.StateCensus({})
        self._flat = ts.TaskWindow(self.filter, self.sort_spec, today)
        self._groups: list[ts.TaskGroup] = []
        self._group_windows: dict[int, ts.TaskWindow] = {}
        self._pages: OrderedDict[tuple[int, int], list[ts.TaskRow | None]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)
        self._red, self._red_bg, self._amber_bg = QBrush(RED), QBrush(RED_BG), QBrush(AMBER_BG)
        self._state_brush = {k: QBrush(v) for k, v in STATE_COLORS.items()}
        self._last_page: tuple[int, int] | None = None

    # -- queries ------------------------------------------------------------------------------
    @property
    def db(self) -> Database:
        return self._db()

    def set_query(
        self,
        filter: ts.TaskFilter,
        sort: ts.TaskSort | None = None,
        group: str | None = None,
        *,
        today: date | None = None,
    ) -> None:
        """Run a new query: counts now, rows when the view asks for them."""
        self.beginResetModel()
        try:
            self.filter = filter
            self.sort_spec = sort or self.sort_spec
            self.group = group
            if today is not None:
                self.today = today
            self._pages.clear()
            self._last_page = None
            self._group_windows.clear()
            with self.db.session() as s:
                self.soon = ts.soon_days(s)
                self._census = ts.census(s, filter, today=self.today)
                self._flat = ts.TaskWindow(filter, self.sort_spec, self.today)
                if group is None:
                    self._flat.load(s, self._census)
                    self._groups = []
                else:
                    self._groups = ts.groups(s, filter, group, today=self.today)
                    self._flat.counts = [sum(g.count for g in self._groups)]
        finally:
            self.endResetModel()
        self.query_changed.emit()

    def refresh(self, *, today: date | None = None) -> None:
        """The same query again (after an edit here or elsewhere)."""
        self.set_query(self.filter, self.sort_spec, self.group, today=today)

    def state_counts(self) -> dict[str, int]:
        """Tasks per shown state under the filter (its own state choice aside): the header strip."""
        return self._census.counts()

    def task_count(self) -> int:
        return self._flat.total

    @property
    def groups(self) -> list[ts.TaskGroup]:
        return list(self._groups)

    # -- rows ---------------------------------------------------------------------------------
    def _window(self, key: int) -> ts.TaskWindow:
        if key == FLAT:
            return self._flat
        window = self._group_windows.get(key)
        if window is None:
            g = self._groups[key]
            window = ts.TaskWindow(self.filter, self.sort_spec, self.today, self.group, g.key)
            with self.db.session() as s:
                window.load(s)
            self._group_windows[key] = window
        return window

    def _entry(self, key: int, row: int) -> tuple[ts.TaskRow, list[dict[int, Any]]] | None:
        """The row and its cells (every role of every column, computed once per fetch)."""
        page_no = row // PAGE
        page_key = (key, page_no)
        page = self._pages.get(page_key)
        if page is None:
            window = self._window(key)
            start = page_no * PAGE
            stop = min(start + PAGE, window.total)
            with self.db.session() as s:
                ids = window.ids(s, start, stop)
                found = ts.rows_for(s, ids, today=self.today, soon=self.soon)
            page = [
                (r, self._cells(r)) if r is not None else None for r in (found.get(i) for i in ids)
            ]
            self._pages[page_key] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        elif page_key != self._last_page:
            self._pages.move_to_end(page_key)
        self._last_page = page_key
        i = row - page_no * PAGE
        return page[i] if i < len(page) else None  # a task deleted meanwhile: an empty row

    def _row(self, key: int, row: int) -> ts.TaskRow | None:
        entry = self._entry(key, row)
        return entry[0] if entry is not None else None

    def _key_of(self, index: Index) -> int:
        return FLAT if self.group is None else int(index.internalId()) - 1

    def row_at(self, row: int, parent: Index = QModelIndex()) -> ts.TaskRow | None:  # noqa: B008
        """The task at ``row`` (of the group ``parent``, when grouped)."""
        if self.group is None:
            return self._row(FLAT, row) if 0 <= row < self._flat.total else None
        if not parent.isValid():
            return None
        g = parent.row()
        return self._row(g, row) if 0 <= row < self._groups[g].count else None

    def task_at(self, index: Index) -> ts.TaskRow | None:
        if not index.isValid() or self.is_group(index):
            return None
        if self.group is None:
            return self._row(FLAT, index.row())
        return self._row(self._key_of(index), index.row())

    def is_group(self, index: Index) -> bool:
        return self.group is not None and index.isValid() and index.internalId() == 0

    def loaded_index_of(self, task_id: int) -> QModelIndex:
        """Where a task is, if its page is loaded (to keep the selection after a refresh)."""
        for (key, page_no), page in self._pages.items():
            for i, entry in enumerate(page):
                if entry is not None and entry[0].id == task_id:
                    row = page_no * PAGE + i
                    if key == FLAT:
                        return self.index(row, 0)
                    return self.index(row, 0, self.index(key, 0))
        return QModelIndex()

    # -- Qt model -----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if self.group is None:
            if parent.isValid() or row >= self._flat.total:
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._groups):
            return QModelIndex()
        if row >= self._groups[parent.row()].count:
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or self.group is None or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if self.group is None:
            return 0 if parent.isValid() else self._flat.total
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return self._groups[parent.row()].count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every cell painted: one lookup in cells computed at fetch time.
        if not index.isValid():
            return None
        if self.group is None:
            entry = self._entry(FLAT, index.row())
        else:
            parent = int(index.internalId())
            if parent == 0:
                return self._group_data(index, role)
            entry = self._entry(parent - 1, index.row())
        if entry is None:
            return None
        return entry[1][index.column()].get(role)

    def _cells(self, r: ts.TaskRow) -> list[dict[int, Any]]:
        display, bg, fg = (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.BackgroundRole,
            (Qt.ItemDataRole.ForegroundRole),
        )
        font, align, tip = (
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.TextAlignmentRole,
            (Qt.ItemDataRole.ToolTipRole),
        )
        background = (
            self._red_bg if r.state == ts.OVERDUE else self._amber_bg if r.due_soon else None
        )
        cells: list[dict[int, Any]] = []
        for col, (key, _) in enumerate(COLUMNS):
            c: dict[int, Any] = {
                display: self._display(r, col),
                TASK_ID_ROLE: r.id,
                IS_GROUP_ROLE: False,
                align: _CENTER if key in ("deadline", "state", "priority", "document") else _LEFT,
            }
            if background is not None:
                c[bg] = background
            if key == "state":
                c[fg] = self._state_brush.get(r.state, self._red)
                c[font] = self._bold
            elif key == "deadline" and r.state == ts.OVERDUE:
                c[fg] = self._red
            elif key == "priority" and r.priority == 1:
                c[font] = self._bold
            text = self._tooltip(r, col)
            if text:
                c[tip] = text
            cells.append(c)
        return cells

    def _display(self, r: ts.TaskRow, col: int) -> str:
        key = COLUMNS[col][0]
        if key == "text":
            return r.text
        if key == "document":
            return r.number_symbol or "—"
        if key == "lead_unit":
            return r.lead_unit or "Chưa giao"
        if key == "deadline":
            if r.deadline is not None:
                return _d(r.deadline)
            return "Thường xuyên" if r.reporting_cycle else (r.deadline_text or "—")
        if key == "state":
            return r.state_label
        if key == "priority":
            return "" if r.priority == 2 else r.priority_label  # only the exceptions stand out
        if r.latest_update:
            pct = f" ({r.latest_percent}%)" if r.latest_percent is not None else ""
            return f"{_d(r.latest_update_date)}: {r.latest_update}{pct}"
        return ""

    def _tooltip(self, r: ts.TaskRow, col: int) -> str | None:
        key = COLUMNS[col][0]
        if key == "text":
            return r.text
        if key == "deadline":
            tip = r.deadline_display
            if r.state == ts.OVERDUE:
                tip += f"\nĐã quá hạn {(self.today - r.deadline).days} ngày"  # type: ignore[operator]
            elif r.due_soon:
                tip += f"\nCòn {(r.deadline - self.today).days} ngày"  # type: ignore[operator]
            return tip
        if key == "latest_update":
            return self._display(r, col) or "Chưa có báo cáo tiến độ"
        if key == "state" and r.completed_on:
            return f"Hoàn thành ngày {_d(r.completed_on)}"
        if key == "priority":
            return f"Ưu tiên: {r.priority_label}"
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        g = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() != 0:
                return ""
            late = f", {g.overdue} quá hạn" if g.overdue else ""
            return f"{g.label}  ({g.count} nhiệm vụ{late})"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(GROUP_BG)
        if role == Qt.ItemDataRole.ForegroundRole and g.overdue and index.column() == 0:
            return QBrush(RED)
        if role == IS_GROUP_ROLE:
            return True
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return g.label
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        spec = ts.TaskSort(COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        if spec != self.sort_spec:
            self.set_query(self.filter, spec, self.group)

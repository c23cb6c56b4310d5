"""The task list as a lazy Qt model: counts from SQL, rows fetched by window as the view shows them.

Flat, every task is a top-level row. Grouped (by source document or by lead unit), the top level
holds the groups and each group's tasks are its children, each group paging on its own. The
database filters and sorts (``core.tasks.listing.TaskWindow``); the model keeps the counts and a
bounded cache of the pages the view asked for, so 50,000 tasks cost what one screen of them costs.

Every query goes through the background runner: ``set_query`` shows the new counts and first page
together when they arrive (a newer query supersedes it), and a page the view paints that is not
here yet is asked for and shown when it arrives. Without a runner (a benchmark of the queries) the
jobs run at once.
"""

from __future__ import annotations

import itertools
import traceback
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ketluan_desktop.core.db import Database
from ketluan_desktop.core.db.gathering import gather
from ketluan_desktop.core.tasks import listing as ts
from ketluan_desktop.core.tasks import task_groups, task_states, task_window
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui.models.rows_model import fill_roles

Index = QModelIndex | QPersistentModelIndex

PAGE = 50  # rows per read: a screen and a half (fewer rows built, less of the interpreter taken)
MAX_PAGES = 120  # pages kept in memory (6,000 rows), least recently used dropped first

RED = QColor("#b3261e")
RED_BG = QColor("#fde8e7")
AMBER_BG = QColor("#fff4d6")
GROUP_BG = QColor("#eef0f4")
STATE_COLORS = {
    task_states.OVERDUE: QColor("#b3261e"),
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
_NO_INDEX = QModelIndex()


def _d(value: date | None) -> str:
    return format_date(value)


_uids = itertools.count(1)


class InlineRunner:
    """Runs each job at once (a model used without a window: the query benchmark)."""

    def query(self, key: Hashable, fn, on_done, on_error=None) -> None:
        try:
            result = fn()
        except BaseException as exc:
            if on_error is None:
                raise
            on_error(exc, traceback.format_exc())
        else:
            on_done(result)

    def cancel(self, key: Hashable) -> None:
        pass


class TaskListModel(QAbstractItemModel):
    """Tasks of a filter, sorted, optionally grouped; ``query_changed`` after each new query."""

    query_changed = Signal()
    page_arrived = Signal()  # a page read in the background is shown (not one read inline)

    def __init__(
        self,
        db: Database | Callable[[], Database],
        *,
        today: date,
        runner=None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._db = db if callable(db) else (lambda: db)
        self._runner = runner if runner is not None else InlineRunner()
        self._uid = next(_uids)
        self._generation = 0
        self._pending: set[tuple[int, int]] = set()
        self.loading = False
        self._recount = False  # counts_changed: the next query counts anew
        self.today = today
        self.filter = ts.TaskFilter()
        self.sort_spec = ts.TaskSort()
        self.group: str | None = None
        self.soon = task_states.DEFAULT_SOON_DAYS
        self._census = task_window.StateCensus({})
        self._flat = task_window.TaskWindow(self.filter, self.sort_spec, today)
        self._total = 0  # the flat list's length (``index`` and ``rowCount`` ask it per cell)
        self._groups: list[task_groups.TaskGroup] = []
        self._group_windows: dict[int, task_window.TaskWindow] = {}
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
        then: Callable[[], None] | None = None,
        same_counts: bool = False,
    ) -> None:
        """Run a new query in the background: counts and the first page, shown together when they
        arrive (the rows shown until then stay); ``then()`` after that. ``same_counts``: only
        the order changes (a click on a header): the census and the setting read for the rows
        shown serve again, only the first page in the new order is read. So they do when only
        the state choice changes (the census counts the filter without it: a 50,000-task scan
        of ~25 ms a choice of «Quá hạn» no longer waits for); ``refresh`` counts anew."""
        sort = sort or self.sort_spec
        day = today if today is not None else self.today
        same = self._counts_serve(filter, group, day, same_counts)
        self._recount = False  # this query's counts are read now (or still current)
        self._generation += 1
        generation = self._generation
        self._cancel_pages()
        db = self.db
        self.loading = True
        known = (self.soon, self._census) if same and self._census.by_status else None

        def work():
            # The census, the setting, the first page's rows (one read per segment of the order)
            # and, unless the census gives them, the counts: side by side on a server
            # (core/db/gathering.py), one round trip.
            flat = task_window.TaskWindow(filter, sort, day)
            first: tuple[list[int], dict] | None = None
            groups: list[task_groups.TaskGroup] = []
            if group is None:
                pages = task_window.first_page_reads(flat, PAGE)
                # By deadline the census counts the rows; another order counts its segments.
                counts = [] if sort.key == "deadline" else flat.count_statements()
                count_reads = [lambda s, stmt=stmt: s.scalar(stmt) or 0 for stmt in counts]
                if known is not None:
                    soon, census = known
                    found = gather(db, *pages, *count_reads)
                else:
                    soon, census, *found = gather(
                        db,
                        task_states.soon_days,
                        lambda s: task_window.census(s, filter, today=day),
                        *pages,
                        *count_reads,
                    )
                if not flat.load_from(census):
                    flat.counts = found[len(pages) :]
                if flat.total:
                    first = task_window.first_page(flat, found[: len(pages)], limit=PAGE, soon=soon)
            else:
                soon, census, groups = gather(
                    db,
                    task_states.soon_days,
                    lambda s: task_window.census(s, filter, today=day),
                    lambda s: task_groups.groups(s, filter, group, today=day),
                )
                flat.counts = [sum(g.count for g in groups)]
            return soon, census, flat, groups, first

        def done(result) -> None:
            if generation != self._generation:
                return
            self._show(filter, sort, group, day, result)
            self.query_changed.emit()
            if then is not None:
                then()

        self._runner.query(("tasks", self._uid), work, done, self._failed)

    def _counts_serve(self, filter: ts.TaskFilter, group, day: date, same_counts: bool) -> bool:
        """Whether the census of the rows shown serves a new query: the same filter but its state
        choice, a flat list, the same day; not when a query is still on its way (a refresh
        after an edit) nor after ``counts_changed``."""
        return (
            not self.loading
            and not self._recount
            and group is None
            and day == self.today
            and filter.without_state() == self.filter.without_state()
            and (same_counts or filter.state != self.filter.state)
        )

    def _show(self, filter: ts.TaskFilter, sort: ts.TaskSort, group, day: date, result) -> None:
        """A query's result on screen: the counts and the first page, in one model reset."""
        soon, census, flat, groups, first = result
        self.beginResetModel()
        self.filter, self.sort_spec, self.group, self.today = filter, sort, group, day
        self.soon, self._census, self._flat, self._groups = soon, census, flat, groups
        self._total = flat.total
        self._pages.clear()
        self._last_page = None
        self._group_windows.clear()
        if first is not None:
            self._pages[(FLAT, 0)] = self._page_entries(*first)
        self.endResetModel()
        self.loading = False

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        self.loading = False
        report_exception(exc, tb)

    def _cancel_pages(self) -> None:
        for page_key in list(self._pending):
            self._runner.cancel(("task-page", self._uid, page_key))
        self._pending.clear()

    def _page_entries(self, ids: list[int], found: dict) -> list:
        return [(r, self._cells(r)) if r is not None else None for r in (found.get(i) for i in ids)]

    def counts_changed(self) -> None:
        """The tasks may have changed (the screen re-reads after an edit elsewhere): the next
        query counts anew, whatever it changes."""
        self._recount = True

    def refresh(self, *, today: date | None = None, then: Callable[[], None] | None = None) -> None:
        """The same query again (after an edit here or elsewhere)."""
        self.set_query(self.filter, self.sort_spec, self.group, today=today, then=then)

    def state_counts(self) -> dict[str, int]:
        """Tasks per shown state under the filter (its own state choice aside): the header strip."""
        return self._census.counts()

    def task_count(self) -> int:
        return self._flat.total

    @property
    def groups(self) -> list[task_groups.TaskGroup]:
        return list(self._groups)

    # -- rows ---------------------------------------------------------------------------------
    def _entry(self, key: int, row: int) -> tuple[ts.TaskRow, list[dict[int, Any]]] | None:
        """The row and its cells (every role of every column, computed once per fetch); None while
        its page is on its way (asked for here)."""
        page_no = row // PAGE
        page_key = (key, page_no)
        page = self._pages.get(page_key)
        if page is None:
            self._request(key, page_no)
            page = self._pages.get(page_key)  # the inline runner answered at once
            if page is None:
                return None
        elif page_key != self._last_page:
            self._pages.move_to_end(page_key)
        self._last_page = page_key
        i = row - page_no * PAGE
        return page[i] if i < len(page) else None  # a task deleted meanwhile: an empty row

    def _request(self, key: int, page_no: int) -> None:
        page_key = (key, page_no)
        if page_key in self._pending:
            return
        generation, db, day, soon = self._generation, self.db, self.today, self.soon
        window = self._flat if key == FLAT else self._group_windows.get(key)
        if window is None:
            g = self._groups[key]
            window = task_window.TaskWindow(self.filter, self.sort_spec, day, self.group, g.key)
        start = page_no * PAGE
        self._pending.add(page_key)

        def work():
            with db.session() as s:
                if not window.counts:
                    window.load(s)
                ids = window.ids(s, start, min(start + PAGE, window.total))
                return ids, ts.rows_for(s, ids, today=day, soon=soon)

        def arrived(result) -> None:
            self._pending.discard(page_key)
            if generation != self._generation:
                return
            if key != FLAT:
                self._group_windows[key] = window
            self._pages[page_key] = self._page_entries(*result)
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
            if not inline[0]:
                parent = QModelIndex() if key == FLAT else self.index(key, 0)
                last = min(start + PAGE, self.rowCount(parent)) - 1
                if last >= start:
                    self.dataChanged.emit(
                        self.index(start, 0, parent), self.index(last, len(COLUMNS) - 1, parent)
                    )
                self.page_arrived.emit()

        inline = [True]
        self._runner.query(("task-page", self._uid, page_key), work, arrived, self._failed)
        inline[0] = False

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
            if row >= self._total or parent.isValid():
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
        if self.group is None or not index.isValid() or index.internalId() == 0:
            return _NO_INDEX
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if self.group is None:
            return 0 if parent.isValid() else self._total
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return self._groups[parent.row()].count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    # No ``flags`` here: Qt's own answers "enabled, selectable" for every valid index, which is
    # what every row and group is, without a call into Python for each cell painted (two per
    # cell, each combining flags through Python's enum: a third of a repaint's Python calls).

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

    def multiData(self, index: Index, roleDataSpan) -> None:  # Qt API name
        # Every role a painted cell asks for, in one call (see ``rows_model.fill_roles``).
        if not index.isValid():
            fill_roles(roleDataSpan, lambda _role: None)
            return
        if self.group is None:
            entry = self._entry(FLAT, index.row())
        else:
            parent = int(index.internalId())
            if parent == 0:
                fill_roles(roleDataSpan, lambda role: self._group_data(index, role))
                return
            entry = self._entry(parent - 1, index.row())
        cells = entry[1][index.column()] if entry is not None else {}
        fill_roles(roleDataSpan, cells.get)

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
            self._red_bg
            if r.state == task_states.OVERDUE
            else self._amber_bg
            if r.due_soon
            else None
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
            elif key == "deadline" and r.state == task_states.OVERDUE:
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
            if r.state == task_states.OVERDUE:
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
            self.set_query(self.filter, spec, self.group, same_counts=True)

"""A read-only table model over a query too large to load: rows are read one window at a time.

The model knows the row count (one COUNT query) and asks for a window of rows (LIMIT/OFFSET over an
index that already sorts them) only when the view paints a row of it; a few windows stay cached.
Opening a list of 100,000 members reads the count and the first window, nothing else.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ketluan_desktop.ui.models.rows_model import Column, column_header

Index = QModelIndex | QPersistentModelIndex


class LazyTableModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column],
        count: Callable[[], int],
        window: Callable[[int, int], Sequence[Any]],
        *,
        page_size: int = 200,
        cached_pages: int = 12,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._count_fn = count
        self._window_fn = window
        self.page_size = page_size
        self._max_pages = cached_pages
        self._count = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self.pages_read = 0  # for tests and the benchmark: how many windows were fetched

    # -- loading ------------------------------------------------------------------------------
    def set_source(
        self, count: Callable[[], int], window: Callable[[int, int], Sequence[Any]]
    ) -> None:
        self._count_fn, self._window_fn = count, window
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._count = max(int(self._count_fn()), 0)
        self.endResetModel()

    def _page(self, number: int) -> list[Any]:
        page = self._pages.get(number)
        if page is None:
            page = list(self._window_fn(number * self.page_size, self.page_size))
            self.pages_read += 1
            self._pages[number] = page
            while len(self._pages) > self._max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def row_at(self, row: int) -> Any:
        """The row object, or None past the end (the data changed since the count)."""
        if not 0 <= row < self._count:
            return None
        page = self._page(row // self.page_size)
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    def find_cached(self, predicate: Callable[[Any], bool]) -> int:
        """The row number of a cached row matching ``predicate``, or -1."""
        for number, page in self._pages.items():
            for i, r in enumerate(page):
                if predicate(r):
                    return number * self.page_size + i
        return -1

    # -- Qt -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._columns):
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.TextAlignmentRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        return self._columns[index.column()].data(row, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self._columns, section, orientation, role)

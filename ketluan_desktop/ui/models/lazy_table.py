"""A read-only table model over a list too large to load, filled from the background runner.

``reload`` asks the runner for the count (``COUNT(*)``) and the first page; the rows shown stay
until both arrive, then the model resets at once. A page the view paints that is not here yet is
asked for — after the page above it, before the page below it, or from the end (``core.db.paging``:
by key, not OFFSET) — and its rows show blank until it arrives a few milliseconds later. A newer
``reload`` supersedes an older one (the runner drops the stale result); a few pages stay cached.
Nothing here touches the database on the UI thread.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ketluan_desktop.ui.models.rows_model import Column, column_header, fill_roles

Index = QModelIndex | QPersistentModelIndex
_ids = itertools.count(1)
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


_NO_INDEX = QModelIndex()


def _nothing(_role: int) -> None:
    return None


class ListSource(Protocol):
    """What a list screen reads, called off the UI thread (``core`` lists implement it)."""

    def count(self) -> int: ...

    def page(self, limit: int, **where: Any) -> Any: ...  # a ``core.db.paging.Page``


class LazyTableModel(QAbstractTableModel):
    loaded = Signal(int)  # a reload's count arrived (the rows with it)

    def __init__(
        self,
        columns: Sequence[Column],
        source: Callable[[], ListSource],
        runner,
        *,
        page_size: int = 50,
        cached_pages: int = 24,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._make_source = source
        self._runner = runner
        self.page_size = page_size
        self._max_pages = cached_pages
        self._uid = next(_ids)
        self._source: ListSource | None = None
        self._generation = 0
        self._count = 0
        self._pages: OrderedDict[int, Any] = OrderedDict()
        # Each shown row's cells (every role of every column), computed when first painted and
        # kept with its page: a repaint (a scroll, a switch back, a result arriving beside it)
        # formats nothing again.
        self._cells: dict[int, list[list[dict[int, Any]] | None]] = {}
        self._pending: set[int] = set()
        self._inline = False
        self.pages_read = 0  # for tests and the benchmark: how many pages were fetched
        self.loading = False

    # -- loading ------------------------------------------------------------------------------
    def reload(self, after: Callable[[int], None] | None = None) -> None:
        """Count and first page in the background; ``after(count)`` once they are shown."""
        self._generation += 1
        generation = self._generation
        self._cancel_pages()
        source = self._make_source()
        size = self.page_size
        self.loading = True

        def work():
            opening = getattr(source, "opening", None)  # count and page side by side, if it can
            if opening is not None:
                return opening(size)
            return source.count(), source.page(size)

        def done(result) -> None:
            if generation != self._generation:
                return
            count, first = result
            self.beginResetModel()
            self._source = source
            self._count = max(int(count), 0)
            self._pages.clear()
            self._cells.clear()
            self._pages[0] = first
            self.pages_read += 1
            self.endResetModel()
            self.loading = False
            self.loaded.emit(self._count)
            if after is not None:
                after(self._count)

        self._runner.query(("list", self._uid), work, done, self._failed)

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        self.loading = False
        report_exception(exc, tb)

    def _cancel_pages(self, keep: range | None = None) -> None:
        for number in list(self._pending):
            if keep is None or number not in keep:
                self._runner.cancel(("page", self._uid, number))
                self._pending.discard(number)

    def _request(self, number: int) -> None:
        """Ask for page ``number`` the cheapest way the cached pages allow."""
        source, size = self._source, self.page_size
        if source is None or number in self._pending:
            return
        self._cancel_pages(keep=range(number - 2, number + 3))  # pages scrolled past
        where: dict[str, Any] = {}
        limit = size
        above, below = self._pages.get(number - 1), self._pages.get(number + 1)
        last_number = (self._count - 1) // size
        if number and above is not None and above.last_key is not None:
            where["after"] = above.last_key
        elif below is not None and below.first_key is not None:
            where["before"] = below.first_key
        elif number == last_number and number:
            where["last"] = True
            limit = self._count - number * size
        elif number:
            where["offset"] = number * size  # a jump into the middle: no neighbour to seek from
        generation = self._generation
        self._pending.add(number)

        def arrived(page) -> None:
            self._pending.discard(number)
            if generation != self._generation:
                return
            self._store(number, page)
            if not self._inline:
                first = number * size
                last = min(first + size, self._count) - 1
                if last >= first:
                    self.dataChanged.emit(
                        self.index(first, 0), self.index(last, len(self._columns) - 1)
                    )

        self._inline = True
        try:
            self._runner.query(
                ("page", self._uid, number),
                lambda: source.page(limit, **where),
                arrived,
                self._failed,
            )
        finally:
            self._inline = False

    def _store(self, number: int, page) -> None:
        self.pages_read += 1
        self._pages[number] = page
        self._cells.pop(number, None)
        while len(self._pages) > self._max_pages:
            dropped, _page = self._pages.popitem(last=False)
            self._cells.pop(dropped, None)

    def row_at(self, row: int) -> Any:
        """The row object if its page is here; None past the end or while its page is on its way."""
        if not 0 <= row < self._count:
            return None
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            self._request(number)
            page = self._pages.get(number)  # the synchronous runner (tests) answered at once
            if page is None:
                return None
        else:
            self._pages.move_to_end(number)
        offset = row % self.page_size
        return page.rows[offset] if offset < len(page.rows) else None

    def find_cached(self, predicate: Callable[[Any], bool]) -> int:
        """The row number of a cached row matching ``predicate``, or -1."""
        for number, page in self._pages.items():
            for i, r in enumerate(page.rows):
                if predicate(r):
                    return number * self.page_size + i
        return -1

    # -- Qt -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every cell painted (seven per cell): the roles no column
        # answers leave at once.
        if role not in _ROLES or not index.isValid():
            return None
        column = index.column()
        if not 0 <= column < len(self._columns):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        return self._columns[column].data(row, role)

    def multiData(self, index: Index, roleDataSpan) -> None:  # Qt API name
        cells = self._row_cells(index.row()) if index.isValid() else None
        column = index.column()
        if cells is None or not 0 <= column < len(cells):
            fill_roles(roleDataSpan, _nothing)
            return
        fill_roles(roleDataSpan, cells[column].get)

    def _row_cells(self, row: int) -> list[dict[int, Any]] | None:
        """Every role of every column of ``row``, computed once while its page is here; None
        while the page is on its way."""
        item = self.row_at(row)
        if item is None:
            return None
        number, offset = divmod(row, self.page_size)
        shown = self._cells.get(number)
        if shown is None:
            page = self._pages.get(number)
            shown = self._cells[number] = [None] * (len(page.rows) if page is not None else 0)
        cells = shown[offset] if offset < len(shown) else None
        if cells is None:
            cells = [
                {role: v for role in _ROLES if (v := col.data(item, role)) is not None}
                for col in self._columns
            ]
            if offset < len(shown):
                shown[offset] = cells
        return cells

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's own asks ``rowCount`` and ``columnCount`` (two calls into Python) for each cell.
        if 0 <= row < self._count and 0 <= column < len(self._columns) and not parent.isValid():
            return self.createIndex(row, column)
        return _NO_INDEX

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self._columns, section, orientation, role)

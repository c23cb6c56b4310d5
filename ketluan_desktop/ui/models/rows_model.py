"""A read-only table model over a list of plain rows, described by columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    align: Qt.AlignmentFlag | None = None
    foreground: Callable[[Any], Any] | None = None
    background: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str | None] | None = None

    def data(self, row: Any, role: int) -> Any:
        """What a model returns for this column of ``row`` in ``role``."""
        if role == Qt.ItemDataRole.DisplayRole:
            v = self.value(row)
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.align is not None:
            return int(self.align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.foreground is not None:
            return self.foreground(row)
        if role == Qt.ItemDataRole.BackgroundRole and self.background is not None:
            return self.background(row)
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltip is not None:
            return self.tooltip(row)
        return None


def fill_roles(span, value_of: Callable[[int], Any]) -> None:
    """Answer a view's ``multiData`` request: each role of ``span`` set from ``value_of(role)``.
    A view asks for seven roles of each cell it paints; answered in one call instead of seven,
    the UI thread takes Python's lock once per cell — while the runner's thread is busy in
    Python, each take can wait for it."""
    for item in span:
        value = value_of(item.role())
        if value is None:
            item.clearData()
        else:
            item.setData(value)


def column_header(
    columns: Sequence[Column], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    if (
        orientation == Qt.Orientation.Horizontal
        and role == Qt.ItemDataRole.DisplayRole
        and 0 <= section < len(columns)
    ):
        return columns[section].header
    return None


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's own asks ``rowCount`` and ``columnCount`` (two calls into Python) for each cell.
        if 0 <= row < len(self._rows) and 0 <= column < len(self._columns) and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        return self._columns[index.column()].data(row, role)

    def multiData(self, index: Index, roleDataSpan) -> None:  # Qt API name
        if not index.isValid() or index.row() >= len(self._rows):
            fill_roles(roleDataSpan, lambda _role: None)
            return
        row, column = self._rows[index.row()], self._columns[index.column()]
        fill_roles(roleDataSpan, lambda role: column.data(row, role))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self._columns, section, orientation, role)


class LoadedRowsModel(RowsModel):
    """A short list (a register, the documents: a few thousand rows at most) read whole in the
    background; it reloads and finds rows as a ``LazyTableModel`` does, so a list page treats
    both alike. ``read`` is called on the UI thread at each reload (it takes the filters) and
    gives the work the runner runs: the rows, in order."""

    loaded = Signal(int)  # a reload's rows arrived (their count)
    complete = True  # every row is here: a row is found without asking the database

    def __init__(
        self,
        columns: Sequence[Column],
        read: Callable[[], Callable[[], Sequence[Any]]],
        runner,
        *,
        parent=None,
    ) -> None:
        super().__init__(columns, parent)
        self._read = read
        self._runner = runner
        self.loading = False

    def reload(self, after: Callable[[int], None] | None = None) -> None:
        """The rows in the background (a newer reload supersedes this one); ``after(count)``
        once they are shown."""
        self.loading = True

        def done(rows: Sequence[Any]) -> None:
            self.set_rows(rows)
            self.loading = False
            self.loaded.emit(len(self._rows))
            if after is not None:
                after(len(self._rows))

        self._runner.query(("list", id(self)), self._read(), done, self._failed)

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        self.loading = False
        report_exception(exc, tb)

    def find_cached(self, predicate: Callable[[Any], bool]) -> int:
        """The row number of the first row matching ``predicate``, or -1."""
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def first(self, predicate: Callable[[Any], bool]) -> Any | None:
        """The first row matching ``predicate``, or None."""
        return next((r for r in self._rows if predicate(r)), None)

"""The view the task lists use: a table when flat, a tree when grouped, over one lazy model.

A ``QTreeView`` lays out every top-level row when its model resets (it asks each row for its index,
flags and children: 50,000 Python calls for 50,000 tasks, about two seconds); a ``QTableView`` only
asks for the rows on screen. So the flat list is shown in a table, and the tree is used only when
the list is grouped, where the top level holds a few groups and children are laid out as a group is
opened. Only the view in use holds the model.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QTableView,
    QTreeView,
    QWidget,
)

from ketluan_desktop.ui.models.task_list_model import COL, COLUMNS, TaskListModel
from ketluan_desktop.ui.vietnamese_marks import row_height

WIDTHS = {
    "document": 84,
    "lead_unit": 130,
    "deadline": 82,
    "state": 106,
    "priority": 64,
    "latest_update": 150,
}
MIN_TEXT = 220
EXPAND_UP_TO = 400  # groups are opened when the whole list is at most this long
ROW_HEIGHT = 26


def _common(view: QAbstractItemView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)


def _fitting_width(view: QAbstractItemView, key: str) -> int:
    """Room for the longest state ("Chưa thực hiện", in bold) or a date, in this view's font."""
    from PySide6.QtGui import QFont, QFontMetrics

    from ketluan_desktop.core.tasks.task_states import STATES, state_label

    texts = {"state": [state_label(s) for s in STATES], "deadline": ["00/00/0000"]}.get(key)
    if not texts:
        return 0
    font = QFont(view.font())
    font.setBold(True)
    fm = QFontMetrics(font)
    return max(fm.horizontalAdvance(t) for t in texts) + 18


class TaskListView(QStackedWidget):
    """One list of tasks; ``current_changed`` and ``double_clicked`` whichever view is in use."""

    current_changed = Signal(QModelIndex)
    double_clicked = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableView()
        _common(self.table)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(max(ROW_HEIGHT, row_height(self.font())))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setShowGrid(False)
        self.table.setCornerButtonEnabled(False)
        self.tree = QTreeView()
        _common(self.tree)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        for v in (self.table, self.tree):
            header = v.horizontalHeader() if isinstance(v, QTableView) else v.header()
            header.setSortIndicator(COL["deadline"], Qt.SortOrder.AscendingOrder)
            header.setSortIndicatorShown(True)
            header.setSectionsClickable(True)
            header.setHighlightSections(False)
            v.setSortingEnabled(True)
            v.doubleClicked.connect(self.double_clicked.emit)
        self.addWidget(self.table)
        self.addWidget(self.tree)
        self._model: TaskListModel | None = None
        self._query: tuple | None = None  # the query whose rows are shown (``_sync``)

    # -- model --------------------------------------------------------------------------------
    def setModel(self, model: TaskListModel) -> None:
        if self._model is not None:
            self._model.query_changed.disconnect(self._sync)
        self._model = model
        model.query_changed.connect(self._sync)
        self._sync()

    def model(self) -> TaskListModel | None:
        return self._model

    @property
    def view(self) -> QAbstractItemView:
        return self.currentWidget()  # type: ignore[return-value]

    def header(self) -> QHeaderView:
        v = self.view
        return v.horizontalHeader() if isinstance(v, QTableView) else v.header()

    def _sync(self) -> None:
        model = self._model
        if model is None:
            return
        grouped = model.group is not None
        active, idle = (self.tree, self.table) if grouped else (self.table, self.tree)
        if idle.model() is not None:
            idle.selectionModel().currentRowChanged.disconnect(self._current)
            idle.setModel(None)
        if active.model() is not model:
            header = active.horizontalHeader() if active is self.table else active.header()
            spec = model.sort_spec
            col = next((i for i, (k, _) in enumerate(COLUMNS) if k == spec.key), COL["deadline"])
            order = Qt.SortOrder.DescendingOrder if spec.descending else Qt.SortOrder.AscendingOrder
            header.blockSignals(True)
            header.setSortIndicator(col, order)  # so that attaching the model sorts nothing anew
            header.blockSignals(False)
            active.setModel(model)
            active.selectionModel().currentRowChanged.connect(self._current)
            header.setStretchLastSection(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            for key, width in WIDTHS.items():
                active.setColumnWidth(COL[key], max(width, _fitting_width(active, key)))
        self.setCurrentWidget(active)
        self._fit_text_column()
        # Lay the rows out now rather than on Qt's deferred timer, which would paint twice.
        active.doItemsLayout()
        query = (model.filter, model.sort_spec, model.group)
        if query != self._query:
            # Another order, filter or grouping: the kept task where it now is, else the first
            # rows — not wherever the old list was scrolled to (a deep page of the new order,
            # read for nothing). The same query read again (a refresh) keeps the place.
            current = active.currentIndex()
            if current.isValid():
                active.scrollTo(current)
            else:
                active.scrollToTop()
        self._query = query
        if grouped:
            root = QModelIndex()
            for row in range(model.rowCount(root)):
                self.tree.setFirstColumnSpanned(row, root, True)
            if model.task_count() <= EXPAND_UP_TO:
                self.tree.expandAll()

    def _current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(current)

    # -- what the workspace and tests use -------------------------------------------------------
    def selectionModel(self):
        return self.view.selectionModel()

    def currentIndex(self) -> QModelIndex:
        return self.view.currentIndex()

    def setCurrentIndex(self, index: QModelIndex) -> None:
        self.view.setCurrentIndex(index)

    def scrollTo(self, index: QModelIndex) -> None:
        self.view.scrollTo(index)

    def scrollToBottom(self) -> None:
        self.view.scrollToBottom()

    def is_tree(self) -> bool:
        return self.view is self.tree

    # -- sizing -------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_text_column()

    def _fit_text_column(self) -> None:
        """The task's text takes what the other columns leave (scrolling sideways below a minimum)."""
        v = self.view
        if v.model() is None:
            return
        others = sum(v.columnWidth(c) for c in range(1, len(COLUMNS)) if not v.isColumnHidden(c))
        v.setColumnWidth(COL["text"], max(MIN_TEXT, v.viewport().width() - others - 2))


def make_task_view(parent: QWidget | None = None) -> TaskListView:
    return TaskListView(parent)

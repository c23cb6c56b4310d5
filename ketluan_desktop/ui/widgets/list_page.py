"""A filtered list beside the detail of its current row (issue 19: one way to do each thing).

The members' and the procedures' pages are built the same way: a search box and filter boxes
above a lazy table (``LazyTableModel``) that reads pages in the background, the detail of the
current row on the right. This base holds what they share: the layout, reloading under the
filters with the selection kept, finding a row by its id (the filters cleared when they hide it),
and following the current row.

A subclass builds its parts and says how to read them:

* ``_build_bars(v)`` adds the search box (``self.search``), the filters and ``self.count_label``;
* ``_build_table(ctx)`` sets ``self.model`` and ``self.view``; ``_build_detail_pane()`` returns
  the right-hand widget;
* ``_filter_combos()`` names the combo boxes that filter (reloaded on change, cleared to find a
  row); ``filters()`` gives the keyword filters; ``row_of(session, id, **filters)`` the row
  number of an item under them;
* ``_show(item_id)`` shows an item's detail (None: nothing chosen); ``_count_text(n)`` the count.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.models.lazy_table import LazyTableModel
from ketluan_desktop.ui.widgets.common import follow_search, reset_filters, show_row


class FilteredListPage(QWidget):
    view: QTableView
    model: LazyTableModel
    search: QLineEdit

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        self._selections = 0  # select_row calls: a reload reselects only if none came since
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self._build_bars(v)

        split = QSplitter(Qt.Orientation.Horizontal)
        self._build_table(ctx)
        split.addWidget(self.view)

        right = self._build_detail_pane()
        split.addWidget(right)
        split.setSizes([880, 400])
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        v.addWidget(split, 1)

        self._pause = follow_search(self.search, self.reload)
        for combo in self._filter_combos():
            combo.currentIndexChanged.connect(self.reload)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self._show(None)

    # -- what a page gives ---------------------------------------------------------------------
    def _build_bars(self, v: QVBoxLayout) -> None:
        raise NotImplementedError

    def _build_table(self, ctx: AppContext) -> None:
        raise NotImplementedError

    def _build_detail_pane(self) -> QWidget:
        raise NotImplementedError

    def _filter_combos(self) -> Sequence[QComboBox]:
        raise NotImplementedError

    def filters(self) -> dict:
        raise NotImplementedError

    def row_of(self, session, item_id: int, **filters) -> int | None:
        raise NotImplementedError

    def _show(self, item_id: int | None) -> None:
        raise NotImplementedError

    def _count_text(self, n: int) -> str:
        raise NotImplementedError

    def _nothing_kept(self) -> None:
        """After a reload with no row chosen before it (a page may clear its detail)."""

    # -- the list ------------------------------------------------------------------------------
    def _search_field(self, placeholder: str) -> QLineEdit:
        search = QLineEdit()
        search.setPlaceholderText(placeholder)
        search.setClearButtonEnabled(True)
        return search

    def reload(self) -> None:
        """The list under the filters, from the background; the selection kept if still listed."""
        self._pause.stop()
        keep, asked = self.current_id, self._selections

        def shown(n: int) -> None:
            self.count_label.setText(self._count_text(n))
            if keep is not None and asked == self._selections:  # none asked for meanwhile
                self.select_row(keep, clear_filters=False)
            elif keep is None:
                self._nothing_kept()

        self.model.reload(shown)

    def select_row(self, item_id: int, *, clear_filters: bool = True) -> None:
        """Show ``item_id`` in the list (its row found in the background); with
        ``clear_filters``, the filters are cleared when they hide it."""
        self._selections += 1
        db, filters, row_of = self.ctx.db, self.filters(), self.row_of

        def work():
            with db.session() as s:
                return row_of(s, item_id, **filters)

        def found(row: int | None) -> None:
            if row is not None:
                show_row(self.view, row)
                self._show(item_id)
            elif clear_filters:
                reset_filters(self.search, tuple(self._filter_combos()))
                self.model.reload(lambda _n: self.select_row(item_id, clear_filters=False))
            else:
                self._show(None)

        self.ctx.runner.query(("select", id(self)), work, found)

    def _show_current(self) -> None:
        idx = self.view.currentIndex()
        r = self.model.row_at(idx.row()) if idx.isValid() else None
        if r is not None and r.id != self.current_id:
            self._show(r.id)
        elif r is None and not idx.isValid():
            self._show(None)

"""A filtered list beside the detail of its current row (issue 19: one way to do each thing).

The members', procedures', documents' and both registers' pages are built the same way: a
search box and filter boxes above a table read in the background — a ``LazyTableModel`` reading
pages by key where the list is long (members, procedures), a ``LoadedRowsModel`` reading it whole
where it is short (documents, the outgoing and incoming registers) — and the detail of the current
row beside or below it.
This base holds what they share: the layout, the search followed once typing pauses, reloading
under the filters with the selection kept, finding a row by its id (the filters cleared when they
hide it), following the current row, refilling a filter box, exporting to a chosen file, and
writing a change in the background with its buttons off until it is over.

A subclass builds its parts and says how to read them:

* ``_build_bars(v)`` adds the search box (``self.search``), the filters and, if it counts,
  ``self.count_label``;
* ``_build_table(ctx)`` sets ``self.model`` and ``self.view``; ``_build_detail_pane()`` returns
  the widget beside the list (``split``: how they share the page), or ``_arrange(v)`` lays the
  list and its detail out another way;
* ``_filter_combos()`` names the combo boxes that filter (reloaded on change, cleared to find a
  row); ``filters()`` gives the keyword filters; ``row_of(session, id, **filters)`` the row
  number of an item under them (a long list: a short one finds it among its rows);
* ``_show(item_id)`` shows an item's detail (None: nothing chosen); ``_count_text(n)`` the count;
  ``_id_of(row)`` a row's id when it is not ``row.id``; ``_enable_actions()`` sets the buttons
  as the chosen row allows, ``self.writing`` keeping the writing ones off.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.models.lazy_table import LazyTableModel
from ketluan_desktop.ui.models.rows_model import LoadedRowsModel
from ketluan_desktop.ui.widgets.common import (
    follow_search,
    refill_filter,
    reset_filters,
    show_row,
    steady_size,
)
from ketluan_desktop.ui.workers import run_from


class FilteredListPage(QWidget):
    view: QTableView
    model: LazyTableModel | LoadedRowsModel
    search: QLineEdit
    count_label: QLabel | None = None
    # (orientation, sizes, stretch factors or None) of the list and the detail pane
    split: tuple[Qt.Orientation, tuple[int, int], tuple[int, int] | None] = (
        Qt.Orientation.Horizontal,
        (880, 400),
        (3, 1),
    )
    follows_selection = False  # True: a row unselected (Ctrl+click) empties the detail too
    writing = False  # a change made from the page is being written (``write``)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        self._selections = 0  # select_row calls: a reload reselects only if none came since
        self._query: dict | None = None  # the filters of the list shown (``_reload``)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self._build_bars(v)
        if self.count_label is not None:
            steady_size(self.count_label, self._count_text(10_000_000))
        self._build_table(ctx)
        self._arrange(v)

        self._pause = follow_search(self.search, self.reload)
        for combo in self._filter_combos():
            combo.currentIndexChanged.connect(self.reload)
        selection = self.view.selectionModel()
        selection.currentRowChanged.connect(lambda *_: self._show_current())
        if self.follows_selection:
            selection.selectionChanged.connect(lambda *_: self._show_selected())
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

    def _id_of(self, row: Any) -> int:
        return row.id

    def _nothing_kept(self) -> None:
        """After a reload with no row chosen before it (a page may clear its detail)."""

    def _kept_row_gone(self) -> None:
        """After a reload that no longer lists the row chosen before it."""
        self._show(None)

    # -- the layout ----------------------------------------------------------------------------
    def _arrange(self, v: QVBoxLayout) -> None:
        """The list and the detail pane in a splitter (``split``)."""
        orientation, sizes, stretch = self.split
        splitter = QSplitter(orientation)
        splitter.addWidget(self.view)
        splitter.addWidget(self._build_detail_pane())
        splitter.setSizes(list(sizes))
        if stretch is not None:
            splitter.setStretchFactor(0, stretch[0])
            splitter.setStretchFactor(1, stretch[1])
        v.addWidget(splitter, 1)

    def _search_field(self, placeholder: str) -> QLineEdit:
        search = QLineEdit()
        search.setPlaceholderText(placeholder)
        search.setClearButtonEnabled(True)
        return search

    refill = staticmethod(refill_filter)

    # -- the list ------------------------------------------------------------------------------
    def reload(self) -> None:
        """The list under the filters, from the background; the selection kept if still listed."""
        self._reload(self.current_id, clear_filters=False)

    def reload_choosing(self, item_id: int) -> None:
        """The list read afresh, then ``item_id`` chosen in it (the filters cleared when they
        hide it): a page opened on one item that may have just been added."""
        self._selections += 1  # a choice made before the list arrives outdates this one
        self._reload(item_id, clear_filters=True)

    def _reload(self, keep: int | None, *, clear_filters: bool) -> None:
        self._pause.stop()
        asked = self._selections
        query = self.filters()
        # Another search or filter: the new list from its top (the kept row, when found, is
        # then scrolled to), not a page as deep as the old list was scrolled, read for nothing.
        # The same list read again (after an edit) keeps the place.
        new_query, self._query = query != self._query, query

        def shown(n: int) -> None:
            if self.count_label is not None:
                self.count_label.setText(self._count_text(n))
            if new_query:
                self.view.scrollToTop()
            if keep is not None and asked == self._selections:  # none asked for meanwhile
                self.select_row(keep, clear_filters=clear_filters)
            elif keep is None:
                self._nothing_kept()

        self.model.reload(shown)

    def select_row(self, item_id: int, *, clear_filters: bool = True) -> None:
        """Show ``item_id`` in the list (its row found in the background); with
        ``clear_filters``, the filters are cleared when they hide it."""
        self._selections += 1

        def found(row: int | None) -> None:
            if row is not None:
                show_row(self.view, row)
                self._show(item_id)
            elif clear_filters:
                reset_filters(self.search, tuple(self._filter_combos()))
                self._reload(item_id, clear_filters=False)  # the count said anew too
            else:
                self._kept_row_gone()

        if isinstance(self.model, LoadedRowsModel):  # every row is here
            row = self.model.find_cached(lambda r: self._id_of(r) == item_id)
            found(row if row >= 0 else None)
            return
        db, filters, row_of = self.ctx.db, self.filters(), self.row_of

        def work():
            with db.session() as s:
                return row_of(s, item_id, **filters)

        self.ctx.runner.query(("select", id(self)), work, found)

    def _show_current(self) -> None:
        idx = self.view.currentIndex()
        r = self.model.row_at(idx.row()) if idx.isValid() else None
        if r is not None and self._id_of(r) != self.current_id:
            self._show(self._id_of(r))
        elif r is None and not idx.isValid():
            self._show(None)

    def selected_id(self) -> int | None:
        """The id of the selected row (None: none selected)."""
        rows = self.view.selectionModel().selectedRows()
        r = self.model.row_at(rows[0].row()) if rows else None
        return self._id_of(r) if r is not None else None

    def _show_selected(self) -> None:
        item_id = self.selected_id()
        if item_id != self.current_id:
            self._show(item_id)

    # -- export --------------------------------------------------------------------------------
    def export_to(
        self,
        controls: Sequence[Any],
        ask: tuple[str, str, str, str, str],
        work: Callable[[Path], Any],
        done: Callable[[Path, Any], None],
        started: Callable[[Path], None] | None = None,
    ) -> None:
        """Ask where to write (``ask``: the save dialog's title, remembered folder, file name,
        filter and suffix), then write in the background, ``controls`` off meanwhile (one export
        per click); an error said as the rest of the application says it."""
        chosen = dialogs.save_file(self, *ask)
        if not chosen:
            return
        path = Path(chosen)
        if started is not None:
            started(path)
        run_from(
            self.ctx.runner, controls, lambda: work(path), lambda r: done(path, r), self._failed
        )

    # -- writing -------------------------------------------------------------------------------
    def write(
        self, controls: Sequence[Any], work: Callable[[], Any], done: Callable[[Any], None]
    ) -> None:
        """A change the page's buttons make (save, duplicate, delete), written by the runner
        (never on the UI thread): ``controls`` off until it is over, and kept off meanwhile by
        ``_enable_actions`` (``self.writing``) when another row is chosen — a second click
        cannot write twice. ``done(result)`` then, typically a reload; an error said as the
        rest of the application says it."""
        import shiboken6

        self.writing = True

        def over() -> bool:
            self.writing = False
            alive = shiboken6.isValid(self)
            if alive:
                self._enable_actions()
            return alive

        def finished(result: Any) -> None:
            if over():
                done(result)

        def failed(exc: BaseException, tb: str) -> None:
            if over():
                self._failed(exc, tb)
            else:
                from ketluan_desktop.ui.errors import report_exception

                report_exception(exc, tb)

        run_from(self.ctx.runner, controls, work, finished, failed)

    def _enable_actions(self) -> None:
        """The page's buttons as the chosen row allows (and ``self.writing``)."""

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        report_exception(exc, tb, self)

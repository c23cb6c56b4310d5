"""Small shared widgets: empty states, section titles, count chips, table defaults."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.ui.style import bold_header, set_text_role
from ketluan_desktop.ui.vietnamese_marks import row_height


class EmptyState(QWidget):
    """ "Chưa có dữ liệu" with the actions that fill the screen."""

    def __init__(
        self,
        title: str,
        text: str,
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        t = QLabel(title)
        set_text_role(t, "emptyTitle")
        t.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(t)
        body = QLabel(text)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_text_role(body, "emptyText")
        layout.addWidget(body)
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: list[QPushButton] = []
        for label, callback in actions:
            b = QPushButton(label)
            b.clicked.connect(callback)
            row.addWidget(b)
            self.buttons.append(b)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


def steady_size(label: QLabel, widest: str) -> None:
    """A label whose text changes often (a list's count) keeps one size, that of ``widest``:
    a new width would lay the page out again and repaint all of it (bench_gui_scale: a filter's
    new count repainted the whole window, twice the UI thread's time of the list alone)."""
    label.setFixedWidth(label.fontMetrics().horizontalAdvance(widest) + 8)
    label.setFixedHeight(label.sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def loose_width(label: QLabel) -> None:
    """A label whose text changes with the chosen row (a detail's title) takes the width it is
    given instead of asking for its text's: a long name elides nothing, it is cut at the pane's
    edge, and the page is not laid out again for it (``steady_size``)."""
    label.setSizePolicy(QSizePolicy.Policy.Ignored, label.sizePolicy().verticalPolicy())
    label.setMinimumWidth(1)
    label.setFixedHeight(label.sizeHint().height())


def heading(text: str) -> QLabel:
    label = QLabel(text)
    set_text_role(label, "heading")
    return label


def setup_table(view: QTableView, *, stretch_column: int | None = None) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(max(26, row_height(view.font())))
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(stretch_column is None)
    if stretch_column is not None:
        view.horizontalHeader().setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    bold_header(view)


def chip(text: str, color: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("chip")
    label.setStyleSheet(
        f"QLabel#chip {{ border: 1px solid {color}; color: {color}; border-radius: 10px;"
        " padding: 2px 10px; font-weight: 600; }"
    )
    return label


def reset_filters(search, combos) -> None:
    """Empty the search box and put each filter back on its first entry («Tất cả…»), quietly:
    the caller reloads once afterwards."""
    widgets = (search, *combos)
    for w in widgets:
        w.blockSignals(True)
    search.clear()
    for c in combos:
        c.setCurrentIndex(0)
    for w in widgets:
        w.blockSignals(False)


def refill_filter(combo, all_label: str, items: Sequence[tuple[Any, str]]) -> None:
    """A filter box's choices anew («all» first, then ``(value, label)``), its choice kept if
    still offered, quietly: the caller reloads once afterwards."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_label, None)
    for value, label in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def show_row(view: QTableView, row: int) -> None:
    """Make ``row`` current and bring it to the middle of the view."""
    idx = view.model().index(row, 0)
    view.setCurrentIndex(idx)
    view.scrollTo(idx, QTableView.ScrollHint.PositionAtCenter)


SEARCH_PAUSE_MS = 150  # a search box queries when typing pauses this long, not on every key


def follow_search(box, slot: Callable[[], None], msecs: int = SEARCH_PAUSE_MS):
    """Run ``slot`` once typing in ``box`` pauses (at once when the box is emptied: nothing more
    is coming); the pause timer, for ``slot`` to stop when it runs."""
    timer = debounced(box, slot, msecs)

    def changed(text: str) -> None:
        if text.strip():
            timer.start()
        else:
            timer.stop()
            slot()

    box.textChanged.connect(changed)
    return timer


def debounced(parent, slot: Callable[[], None], msecs: int = SEARCH_PAUSE_MS):
    """A single-shot timer that calls ``slot`` once typing pauses: connect ``textChanged`` to its
    ``start``. (Named "debounce" so the benchmark and tests can wait for it.)"""
    from PySide6.QtCore import QTimer

    timer = QTimer(parent)
    timer.setObjectName("debounce")
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(slot)
    return timer

"""Tra cứu: search documents, meetings, tasks, members and cited documents at once."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ketluan_desktop.core import search as search_service
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui.style import bold_header
from ketluan_desktop.ui.widgets.common import debounced, heading
from ketluan_desktop.ui.workspaces.base import Workspace


class SearchWorkspace(Workspace):
    key = "search"
    areas = ("documents", "tasks", "members", "meetings")
    open_requested = Signal(str, int)

    def title(self) -> str:
        return self.tr("Tra cứu")

    def area_labels(self) -> dict[str, str]:
        return {area: self.tr(label) for area, label in search_service.AREA_LABELS.items()}

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        v = QVBoxLayout(self)
        v.addWidget(heading(self.tr("Tra cứu")))
        self.box = QLineEdit()
        self.box.setPlaceholderText(
            self.tr("Gõ từ cần tìm, có dấu hay không dấu: «chinh tri», «28-NQ/TU», «nguyen van»…")
        )
        self.box.setClearButtonEnabled(True)
        self._timer = debounced(self, self.refresh, 200)
        self.box.textChanged.connect(self._timer.start)
        v.addWidget(self.box)
        self.summary = QLabel(self.tr("Kết quả tìm kiếm sẽ hiện ở đây."))
        v.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Kết quả"), self.tr("Chi tiết")])
        self.tree.setColumnWidth(0, 620)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        bold_header(self.tree)
        self.tree.itemActivated.connect(self._activated)
        v.addWidget(self.tree)

    def set_query(self, text: str) -> None:
        self.box.setText(text)
        self.refresh()

    def refresh(self) -> None:
        """The hits for the box's text, searched in the background (a newer text wins)."""
        self._timer.stop()
        text = self.box.text().strip()
        if len(text) < 2:
            self.ctx.runner.cancel(("search", id(self)))
            self.tree.clear()
            self.summary.setText(self.tr("Gõ ít nhất 2 ký tự để tìm."))
            return
        db = self.ctx.db

        def work():
            with db.session() as s:
                return search_service.search(s, text)

        self.ctx.runner.query(("search", id(self)), work, self._show)

    def _show(self, hits) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        labels = self.area_labels()
        for h in hits:
            parent = groups.get(h.area)
            if parent is None:
                parent = QTreeWidgetItem([labels[h.area], ""])
                self.tree.addTopLevelItem(parent)
                groups[h.area] = parent
            item = QTreeWidgetItem([h.title, h.detail])
            item.setData(0, 256, (h.area, h.id))
            parent.addChild(item)
        for item in groups.values():
            item.setText(0, f"{item.text(0)} ({item.childCount()})")
            item.setExpanded(True)
        self.summary.setText(
            self.tr("Tìm thấy {n} kết quả.").format(n=thousands(len(hits)))
            if hits
            else self.tr("Không tìm thấy kết quả nào.")
        )

    def _activated(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, 256)
        if data:
            self.open_requested.emit(*data)

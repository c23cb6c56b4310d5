"""Nhiệm vụ: every key task, its unit, deadline and state; overdue in red, due soon in amber."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.models.tasks import TASK_STATUS_LABELS, TaskStatus
from ketluan_desktop.core.services import org as org_service
from ketluan_desktop.core.services import tasks as task_service
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.widgets.common import EmptyState, chip, heading, setup_table
from ketluan_desktop.ui.workspaces.base import Workspace

RED = QColor("#b3261e")
AMBER_BG = QColor("#fff4d6")
RED_BG = QColor("#fde8e7")
STATE_COLORS = {
    task_service.OVERDUE: "#b3261e",
    TaskStatus.NOT_STARTED.value: "#5b6370",
    TaskStatus.IN_PROGRESS.value: "#1f5fa8",
    TaskStatus.DONE.value: "#2e7d32",
    TaskStatus.DONE_LATE.value: "#8a6d00",
    TaskStatus.PAUSED.value: "#6d4c9f",
}


class TasksWorkspace(Workspace):
    key = "tasks"
    areas = ("tasks", "documents")

    def title(self) -> str:
        return self.tr("Nhiệm vụ")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.stack = QStackedWidget()
        self.stack.addWidget(
            EmptyState(
                self.tr("Chưa có nhiệm vụ"),
                self.tr(
                    "Nhiệm vụ được tạo từ các gạch đầu dòng «nhiệm vụ trọng tâm» của văn bản kết "
                    "luận. Hãy nhập hoặc soạn một kết luận trong «Hội nghị & văn bản»."
                ),
            )
        )
        content = QWidget()
        v = QVBoxLayout(content)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(heading(self.tr("Theo dõi nhiệm vụ")))
        self.strip = QHBoxLayout()
        v.addLayout(self.strip)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm nội dung nhiệm vụ (không cần dấu)…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._reload)
        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName(self.tr("Lọc theo trạng thái"))
        self.state_filter.addItem(self.tr("Mọi trạng thái"), None)
        self.state_filter.addItem(task_service.state_label(task_service.OVERDUE), task_service.OVERDUE)
        for st, label in TASK_STATUS_LABELS.items():
            self.state_filter.addItem(label, st.value)
        self.state_filter.currentIndexChanged.connect(self._reload)
        self.unit_filter = QComboBox()
        self.unit_filter.setAccessibleName(self.tr("Lọc theo đơn vị chủ trì"))
        self.unit_filter.currentIndexChanged.connect(self._reload)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.unit_filter, 1)
        v.addLayout(filters)

        def bg(r):
            if r.state == task_service.OVERDUE:
                return QBrush(RED_BG)
            if (
                r.status in task_service.OPEN_STATES
                and r.deadline
                and r.deadline <= self.ctx.today() + timedelta(days=7)
            ):
                return QBrush(AMBER_BG)
            return None

        def fg(r):
            return QBrush(RED) if r.state == task_service.OVERDUE else None

        self.model = RowsModel(
            [
                Column(self.tr("Nội dung nhiệm vụ"), lambda r: r.text, tooltip=lambda r: r.text,
                       background=bg),
                Column(self.tr("Văn bản"), lambda r: r.number_symbol or "", background=bg),
                Column(self.tr("Chủ trì"), lambda r: r.lead_unit or "", background=bg),
                Column(
                    self.tr("Thời hạn"),
                    lambda r: r.deadline.strftime("%d/%m/%Y") if r.deadline else (r.deadline_text or ""),
                    Qt.AlignmentFlag.AlignCenter, background=bg, foreground=fg,
                ),
                Column(self.tr("Trạng thái"), lambda r: r.state_label, background=bg, foreground=fg),
                Column(self.tr("Cập nhật gần nhất"), lambda r: r.latest_update or "",
                       tooltip=lambda r: r.latest_update, background=bg),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view, stretch_column=0)
        for col, w in ((1, 110), (2, 190), (3, 95), (4, 120), (5, 260)):
            self.view.setColumnWidth(col, w)
        v.addWidget(self.view)
        self.stack.addWidget(content)
        QVBoxLayout(self).addWidget(self.stack)

    def refresh(self) -> None:
        today = self.ctx.today()
        with self.ctx.db.session() as s:
            counts = task_service.counts_by_state(s, today=today)
            units = [(u.id, u.short_name or u.name) for u in org_service.units(s)]
        total = sum(counts.values())
        self.stack.setCurrentIndex(1 if total else 0)
        while self.strip.count():
            item = self.strip.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.strip.addWidget(chip(self.tr("Tổng số: {n}").format(n=total), "#2b2f36"))
        for state in (task_service.OVERDUE, *[s.value for s in TaskStatus]):
            self.strip.addWidget(
                chip(f"{task_service.state_label(state)}: {counts.get(state, 0)}", STATE_COLORS[state])
            )
        self.strip.addStretch(1)
        current = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("Mọi đơn vị chủ trì"), None)
        for uid, name in units:
            self.unit_filter.addItem(name, uid)
        self.unit_filter.setCurrentIndex(max(self.unit_filter.findData(current), 0))
        self.unit_filter.blockSignals(False)
        self._reload()

    def _reload(self) -> None:
        with self.ctx.db.session() as s:
            rows = task_service.list_tasks(
                s,
                today=self.ctx.today(),
                text=self.search.text() or None,
                state=self.state_filter.currentData(),
                unit_id=self.unit_filter.currentData(),
            )
        self.model.set_rows(rows)

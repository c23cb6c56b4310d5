"""Theo đơn vị: what each unit owes — the units with their counts, and the tasks of the one chosen."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.tasks import listing as ts
from ketluan_desktop.core.tasks import task_groups
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.models.task_list_model import TASK_ID_ROLE, TaskListModel
from ketluan_desktop.ui.style import set_text_role
from ketluan_desktop.ui.tasks.task_view import TaskListView
from ketluan_desktop.ui.widgets.common import setup_table

RED = QColor("#b3261e")
AMBER = QColor("#8a6d00")
ROLES = (("any", "Chủ trì hoặc phối hợp"), ("lead", "Chủ trì"), ("co", "Phối hợp"))


def _n(value: int) -> str:
    return str(value) if value else ""


class UnitView(QWidget):
    task_selected = Signal(object)  # task id or None

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.only_busy = QCheckBox(self.tr("Chỉ hiện đơn vị có nhiệm vụ"))
        self.only_busy.setChecked(True)
        self.only_busy.toggled.connect(lambda _on: self.refresh())
        self._build_units_table()

        self._build_task_list(ctx)

        self._lay_out()
        self.unit_id: int | None = None

    def _build_units_table(self) -> None:
        red = lambda r: QBrush(RED) if r.overdue else None  # noqa: E731
        self.units_model = RowsModel(
            [
                Column(
                    self.tr("Đơn vị"),
                    lambda r: "    " * r.depth + r.name,
                    tooltip=lambda r: f"{r.name} — {r.kind_label}",
                ),
                Column(
                    self.tr("Chủ trì"), lambda r: _n(r.lead_total), Qt.AlignmentFlag.AlignCenter
                ),
                Column(
                    self.tr("Chưa xong"), lambda r: _n(r.lead_open), Qt.AlignmentFlag.AlignCenter
                ),
                Column(
                    self.tr("Quá hạn"),
                    lambda r: _n(r.overdue),
                    Qt.AlignmentFlag.AlignCenter,
                    foreground=red,
                ),
                Column(
                    self.tr("Sắp đến hạn"),
                    lambda r: _n(r.due_soon),
                    Qt.AlignmentFlag.AlignCenter,
                    foreground=lambda r: QBrush(AMBER) if r.due_soon else None,
                ),
                Column(
                    self.tr("Hoàn thành"),
                    lambda r: _n(r.done + r.done_late),
                    Qt.AlignmentFlag.AlignCenter,
                ),
                Column(self.tr("Phối hợp"), lambda r: _n(r.co_total), Qt.AlignmentFlag.AlignCenter),
            ],
            self,
        )
        self.units_view = QTableView()
        self.units_view.setModel(self.units_model)
        setup_table(self.units_view, stretch_column=0)
        for col in range(1, 7):
            self.units_view.setColumnWidth(col, 100)
        self.units_view.selectionModel().selectionChanged.connect(self._unit_chosen)

    def _build_task_list(self, ctx) -> None:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        set_text_role(self.summary, "heading")
        self.role = QComboBox()
        for value, label in ROLES:
            self.role.addItem(self.tr(label), value)
        self.role.currentIndexChanged.connect(self._load_tasks)
        self.model = TaskListModel(
            lambda: self.ctx.db, today=ctx.today(), runner=ctx.runner, parent=self
        )
        self.view = TaskListView()
        self.view.setModel(self.model)
        self.view.current_changed.connect(self._task_chosen)

    def _lay_out(self) -> None:
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(self.only_busy)
        tv.addWidget(self.units_view)
        bottom = QWidget()
        bv = QVBoxLayout(bottom)
        bv.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.role)
        bv.addLayout(row)
        bv.addWidget(self.view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([300, 360])
        QVBoxLayout(self).addWidget(split)

    def refresh(self, then=None) -> None:
        """Each unit's load, from the background; ``then()`` once shown."""
        db, today, busy = self.ctx.db, self.ctx.today(), self.only_busy.isChecked()

        def work():
            with db.session() as s:
                return task_groups.unit_loads(s, today=today, include_empty=not busy)

        def arrived(loads) -> None:
            keep = self.unit_id
            self.units_model.set_rows(loads)
            row = next((i for i, r in enumerate(loads) if r.unit_id == keep), None)
            if row is None and loads:
                row = 0
            if row is not None:
                self.units_view.selectRow(row)
            else:
                self.unit_id = None
                self._load_tasks()
            if then is not None:
                then()

        self.ctx.runner.query(("unit-loads", id(self)), work, arrived)

    def select_unit(self, unit_id: int) -> bool:
        """Select ``unit_id``, listing every unit when the busy ones hide it; False when the unit
        is not listed (yet: with the background runner the wider list is on its way)."""

        def find() -> int | None:
            rows = self.units_model.rows()
            return next((i for i, r in enumerate(rows) if r.unit_id == unit_id), None)

        def select() -> None:
            row = find()
            if row is not None:
                self.units_view.selectRow(row)

        if find() is None and self.only_busy.isChecked():
            self.only_busy.blockSignals(True)
            self.only_busy.setChecked(False)
            self.only_busy.blockSignals(False)
            self.refresh(select)
            return find() is not None
        select()
        return find() is not None

    def _unit_chosen(self) -> None:
        idx = self.units_view.selectionModel().selectedRows()
        load = self.units_model.row_at(idx[0].row()) if idx else None
        self.unit_id = load.unit_id if load else None
        if load is None:
            self.summary.setText("")
        else:
            parts = [self.tr("chủ trì {n} nhiệm vụ").format(n=thousands(load.lead_total))]
            if load.overdue:
                parts.append(self.tr("{n} quá hạn").format(n=thousands(load.overdue)))
            if load.due_soon:
                parts.append(self.tr("{n} sắp đến hạn").format(n=thousands(load.due_soon)))
            parts.append(self.tr("phối hợp {n}").format(n=load.co_total))
            self.summary.setText(f"{load.name}: " + ", ".join(parts))
        self._load_tasks()

    def _load_tasks(self) -> None:
        if self.unit_id is None:
            f = ts.TaskFilter(unit_id=-(10**9))  # nobody: an empty list
        else:
            f = ts.TaskFilter(unit_id=self.unit_id, unit_role=self.role.currentData())
        self.model.set_query(f, today=self.ctx.today())

    def _task_chosen(self, current: QModelIndex) -> None:
        self.task_selected.emit(current.data(TASK_ID_ROLE) if current.isValid() else None)

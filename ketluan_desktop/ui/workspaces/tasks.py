"""Nhiệm vụ: every key task with filters, sorting and groups; what each unit owes; the task panel.

Overdue rows are red and those due within the office's "soon" days (7) amber; the strip above
counts the tasks per state under the current filters and filters by a state when clicked. The
list is a lazy model over SQL, so it stays fluid with tens of thousands of tasks.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.db.gathering import gather
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.org import units
from ketluan_desktop.core.tasks import listing as ts
from ketluan_desktop.core.tasks import task_detail, task_groups, task_states, task_window
from ketluan_desktop.core.tasks.deadlines import end_of_month, end_of_quarter
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.models.task_list_model import STATE_HEX, TASK_ID_ROLE, TaskListModel
from ketluan_desktop.ui.tasks import common
from ketluan_desktop.ui.tasks.common import count_chip
from ketluan_desktop.ui.tasks.panel import TaskPanel
from ketluan_desktop.ui.tasks.task_view import TaskListView
from ketluan_desktop.ui.tasks.unit_view import UnitView
from ketluan_desktop.ui.widgets.common import EmptyState, follow_search, heading, refill_filter
from ketluan_desktop.ui.widgets.date_field import DateField
from ketluan_desktop.ui.workspaces.base import Workspace

TAB_LIST, TAB_UNITS = range(2)  # «Theo đơn vị» is built when first shown
STRIP_STATES = (task_states.OVERDUE, "not_started", "in_progress", "done", "done_late", "paused")
DUE_RANGES = (
    ("any", "Mọi thời hạn"),
    ("soon", "Đến hạn trong 7 ngày tới"),
    ("month", "Đến hạn trong tháng này"),
    ("quarter", "Đến hạn trong quý này"),
    ("year", "Đến hạn trong năm nay"),
    ("custom", "Thời hạn trong khoảng…"),
)
GROUPS = (
    (None, "Không nhóm"),
    ("document", "Nhóm theo văn bản"),
    ("unit", "Nhóm theo đơn vị chủ trì"),
)


class TasksWorkspace(Workspace):
    key = "tasks"
    areas = ("tasks", "documents", "units", "settings")

    def title(self) -> str:
        return self.tr("Nhiệm vụ")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self._cited_id: int | None = None
        self._filling = False
        self._wanted: ts.TaskFilter | None = None  # a filter asked for before the choices came
        self.last_message = ""
        self.stack = QStackedWidget()
        self.empty = EmptyState(
            self.tr("Chưa có nhiệm vụ"),
            self.tr(
                "Nhiệm vụ được giao từ các gạch đầu dòng «nhiệm vụ trọng tâm» của văn bản kết luận, "
                "hoặc thêm trực tiếp. Hãy nhập một kết luận trong «Hội nghị & văn bản», rồi giao "
                "nhiệm vụ từ văn bản."
            ),
            [
                (self.tr("Giao nhiệm vụ từ văn bản…"), self.from_document),
                (self.tr("Thêm nhiệm vụ…"), self.add_task),
            ],
        )
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build())
        QVBoxLayout(self).addWidget(self.stack)

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> QWidget:
        content = QWidget()
        v = QVBoxLayout(content)
        v.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Theo dõi nhiệm vụ")))
        top.addStretch(1)
        self.add_btn = QPushButton(self.tr("Thêm nhiệm vụ…"))
        self.add_btn.clicked.connect(self.add_task)
        self.from_doc_btn = QPushButton(self.tr("Giao từ văn bản…"))
        self.from_doc_btn.clicked.connect(self.from_document)
        self.report_btn = QPushButton(self.tr("Báo cáo…"))
        self.report_btn.clicked.connect(lambda: self.open_report())
        for b in (self.add_btn, self.from_doc_btn, self.report_btn):
            top.addWidget(b)
        v.addLayout(top)

        self.strip = QHBoxLayout()
        self.total_chip = count_chip("", "#2b2f36")
        self.total_chip.clicked.connect(lambda: self.set_state(None))
        self.strip.addWidget(self.total_chip)
        self.chips: dict[str, QPushButton] = {}
        for state in STRIP_STATES:
            chip = count_chip("", STATE_HEX[state])
            chip.clicked.connect(lambda _=False, st=state: self.set_state(st))
            self.chips[state] = chip
            self.strip.addWidget(chip)
        self.strip.addStretch(1)
        v.addLayout(self.strip)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_list(), self.tr("Danh sách nhiệm vụ"))
        self._unit_view: UnitView | None = None  # built when its tab is first shown
        self.tabs.addTab(QWidget(), self.tr("Theo đơn vị"))
        self.tabs.currentChanged.connect(self._tab_changed)

        # The task panel is built when first needed (``panel``): a step of its own when the
        # workspace is built ahead (ahead.py), each step a small group of widgets.
        self._panel: TaskPanel | None = None
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(QWidget())
        self._split = split
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([960, 380])
        v.addWidget(split, 1)
        return content

    @property
    def panel(self) -> TaskPanel:
        """The chosen task's panel beside the list, built when first needed."""
        if self._panel is None:
            panel = TaskPanel(self.ctx)
            panel.cited_requested.connect(self.filter_by_cited)
            panel.edit_requested.connect(self.edit_task)
            panel.update_requested.connect(self.update_task)
            self._panel = panel
            self._split.replaceWidget(1, panel).deleteLater()
        return self._panel

    @property
    def unit_view(self) -> UnitView:
        """«Theo đơn vị», built when its tab is first shown or it is asked for."""
        if self._unit_view is None:
            view = UnitView(self.ctx)
            view.task_selected.connect(self._show_selected)
            self._unit_view = view
            current = self.tabs.currentIndex()
            placeholder = self.tabs.widget(TAB_UNITS)
            self.tabs.blockSignals(True)
            self.tabs.removeTab(TAB_UNITS)
            self.tabs.insertTab(TAB_UNITS, view, self.tr("Theo đơn vị"))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            placeholder.deleteLater()
        return self._unit_view

    def ahead_steps(self) -> list:
        """The task panel and «Theo đơn vị», built ahead (``ahead.py``); it reads its data when shown, as before."""
        return [lambda: self.panel, lambda: self.unit_view]

    def _build_list(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(4, 6, 4, 4)
        row1 = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm nội dung nhiệm vụ (không cần dấu)…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Tìm nhiệm vụ"))
        self._pause = follow_search(self.search, self._apply)
        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName(self.tr("Lọc theo trạng thái"))
        self.state_filter.addItem(self.tr("Mọi trạng thái"), None)
        self.state_filter.addItem(task_states.state_label(task_states.OPEN), task_states.OPEN)
        for st in STRIP_STATES:
            self.state_filter.addItem(task_states.state_label(st), st)
        self.unit_filter = QComboBox()
        self.unit_filter.setAccessibleName(self.tr("Lọc theo đơn vị chủ trì"))
        self.unit_filter.setMinimumContentsLength(18)
        self.doc_filter = QComboBox()
        self.doc_filter.setAccessibleName(self.tr("Lọc theo văn bản nguồn"))
        self.doc_filter.setMinimumContentsLength(18)
        row1.addWidget(self.search, 3)
        row1.addWidget(self.state_filter, 1)
        row1.addWidget(self.unit_filter, 2)
        row1.addWidget(self.doc_filter, 2)
        v.addLayout(row1)

        row2 = QHBoxLayout()
        self.due_filter = QComboBox()
        self.due_filter.setAccessibleName(self.tr("Lọc theo thời hạn"))
        for value, label in DUE_RANGES:
            self.due_filter.addItem(self.tr(label), value)
        today = self.ctx.today()
        self.due_from = DateField(today, what="Hạn từ ngày", today=today)
        self.due_to = DateField(today + timedelta(days=30), what="Hạn đến ngày", today=today)
        for w in (self.due_from, self.due_to):
            w.setVisible(False)
            w.valueChanged.connect(self._apply)
        self.group_by = QComboBox()
        self.group_by.setAccessibleName(self.tr("Nhóm danh sách"))
        for value, label in GROUPS:
            self.group_by.addItem(self.tr(label), value)
        self.cited_chip = QPushButton()
        self.cited_chip.setVisible(False)
        self.cited_chip.setToolTip(self.tr("Bỏ lọc theo văn bản thực hiện"))
        self.cited_chip.clicked.connect(lambda: self.filter_by_cited(None))
        self.clear_btn = QPushButton(self.tr("Xóa lọc"))
        self.clear_btn.clicked.connect(self.clear_filters)
        row2.addWidget(self.due_filter)
        row2.addWidget(self.due_from)
        row2.addWidget(self.due_to)
        row2.addWidget(self.group_by)
        row2.addWidget(self.cited_chip)
        row2.addStretch(1)
        row2.addWidget(self.clear_btn)
        v.addLayout(row2)
        for combo in (
            self.state_filter,
            self.unit_filter,
            self.doc_filter,
            self.due_filter,
            self.group_by,
        ):
            combo.currentIndexChanged.connect(self._apply)

        self.model = TaskListModel(
            lambda: self.ctx.db, today=today, runner=self.ctx.runner, parent=self
        )
        self.view = TaskListView()
        self.model.query_changed.connect(self._keep_selection)  # before the view's (``_sync``)
        self.model.page_arrived.connect(self._select_when_read)
        self.view.setModel(self.model)
        self.view.current_changed.connect(self._current_changed)
        self.view.double_clicked.connect(self._double_clicked)
        v.addWidget(self.view, 1)
        self.footer = QLabel()
        self.footer.setStyleSheet("color: #5b6370;")
        v.addWidget(self.footer)
        return page

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The filters' choices and the record of the task shown, from the background (side by
        side on a server), then the list under the filters."""
        db, today = self.ctx.db, self.ctx.today()
        shown = self.panel.task_id

        def work():
            return tuple(
                gather(
                    db,
                    lambda s: task_window.count(s, today=today),
                    lambda s: units.choices(s, include_inactive=True),
                    task_groups.documents_with_tasks,
                    task_groups.has_manual_tasks,
                    lambda s: (
                        task_detail.detail_if_any(s, shown, today=today)
                        if shown is not None
                        else None
                    ),
                )
            )

        self.ctx.runner.query(
            ("tasks-choices", id(self)), work, lambda found: self._fill(found, shown)
        )

    def _fill(self, found, shown: int | None) -> None:
        total, unit_choices, docs, manual, record = found
        self.model.counts_changed()  # a re-read: the list under the filters counts anew
        self.stack.setCurrentIndex(1 if total else 0)
        self._filling = True
        try:
            self._refill(self.unit_filter, self.tr("Mọi đơn vị chủ trì"), unit_choices)
            doc_items = [(d.id, f"{d.label} ({d.task_count})") for d in docs]
            if manual:
                doc_items.append((ts.NO_DOCUMENT, self.tr("Giao trực tiếp (không gắn văn bản)")))
            self._refill(self.doc_filter, self.tr("Mọi văn bản"), doc_items)
        finally:
            self._filling = False
        if self._wanted is not None:
            self._take_wanted()
        else:
            self._apply()
        if self.tabs.currentIndex() == TAB_UNITS:
            self.unit_view.refresh()
        if shown is not None:
            self.panel.show_record(shown, record)  # ignored if another task was chosen meanwhile
        elif self.panel.task_id is None:
            self.panel.show_task(None)

    @staticmethod
    def _refill(combo: QComboBox, all_label: str, items: list[tuple[int, str]]) -> None:
        refill_filter(combo, all_label, items)
        combo.setToolTip(combo.currentText())

    def current_filter(self) -> ts.TaskFilter:
        today = self.ctx.today()
        due_from = due_to = None
        kind = self.due_filter.currentData()
        custom = kind == "custom"
        self.due_from.setVisible(custom)
        self.due_to.setVisible(custom)
        if kind == "soon":
            due_from, due_to = today, today + timedelta(days=self.model.soon)
        elif kind == "month":
            due_from, due_to = (
                date(today.year, today.month, 1),
                end_of_month(today.year, today.month),
            )
        elif kind == "quarter":
            q = (today.month - 1) // 3 + 1
            due_from, due_to = date(today.year, 3 * q - 2, 1), end_of_quarter(today.year, q)
        elif kind == "year":
            due_from, due_to = date(today.year, 1, 1), date(today.year, 12, 31)
        elif custom:
            due_from, due_to = self.due_from.understood(), self.due_to.understood()
        return ts.TaskFilter(
            unit_id=self.unit_filter.currentData(),
            state=self.state_filter.currentData(),
            document_id=self.doc_filter.currentData(),
            text=self.search.text().strip() or None,
            due_from=due_from,
            due_to=due_to,
            cited_id=self._cited_id,
        )

    def _apply(self) -> None:
        """The list under the filters, from the background; the selection kept where it can be."""
        if self._filling:
            return
        self._pause.stop()
        f = self.current_filter()

        def shown() -> None:
            self._update_strip(f)
            self._keep_selection()  # again: a change of grouping has changed the view since
            if self.panel.task_id is None and self.model.group is None and self.model.task_count():
                self.view.setCurrentIndex(
                    self.model.index(0, 0)
                )  # the panel is never empty for nothing

        self.model.set_query(
            f, group=self.group_by.currentData(), today=self.ctx.today(), then=shown
        )

    def _update_strip(self, f: ts.TaskFilter) -> None:
        counts = self.model.state_counts()
        self.total_chip.setText(self.tr("Tổng số: {n}").format(n=thousands(sum(counts.values()))))
        self.total_chip.setChecked(f.state is None)
        for state, chip in self.chips.items():
            chip.setText(f"{task_states.state_label(state)}: {thousands(counts.get(state, 0))}")
            chip.setChecked(f.state == state)
        shown = self.model.task_count()
        text = self.tr("Đang hiển thị {n} nhiệm vụ").format(n=thousands(shown))
        if self.model.group is not None:
            text += self.tr(" trong {g} nhóm").format(g=len(self.model.groups))
        self.footer.setText(text)

    def set_state(self, state: str | None) -> None:
        self.state_filter.setCurrentIndex(max(self.state_filter.findData(state), 0))
        self._update_strip(self.current_filter())  # a click on the chip already shown keeps it lit

    def clear_filters(self) -> None:
        self._filling = True
        try:
            self.search.clear()
            for combo in (self.state_filter, self.unit_filter, self.doc_filter, self.due_filter):
                combo.setCurrentIndex(0)
            self._cited_id = None
            self.cited_chip.setVisible(False)
        finally:
            self._filling = False
        self._apply()

    def show_filter(self, f: ts.TaskFilter) -> None:
        """The list under a filter made elsewhere (a bar of the overview's charts): the same
        tasks that bar counts. Applied once the filters' choices are there."""
        self.tabs.setCurrentIndex(0)
        self._wanted = f
        if self.unit_filter.count() > 1 or self.doc_filter.count() > 1:
            self._take_wanted()

    def _take_wanted(self) -> None:
        f, self._wanted = self._wanted, None
        if f is None:
            return
        self._filling = True
        try:
            self.search.clear()
            self._cited_id = None
            self.cited_chip.setVisible(False)
            for combo, value in (
                (self.state_filter, f.state),
                (self.unit_filter, f.unit_id),
                (self.doc_filter, f.document_id),
            ):
                combo.setCurrentIndex(max(combo.findData(value), 0))
            custom = f.due_from is not None or f.due_to is not None
            self.due_filter.setCurrentIndex(self.due_filter.findData("custom") if custom else 0)
            self.due_from.set_value(f.due_from)
            self.due_to.set_value(f.due_to)
        finally:
            self._filling = False
        self._apply()

    def show_overdue(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.clear_filters()
        self.set_state(task_states.OVERDUE)

    def show_due_soon(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.clear_filters()
        self._filling = True
        self.state_filter.setCurrentIndex(self.state_filter.findData(task_states.OPEN))
        self._filling = False
        self.due_filter.setCurrentIndex(self.due_filter.findData("soon"))

    def show_unit(self, unit_id: int) -> None:
        """The per-unit view on one unit: "what does Ban Tổ chức owe?"."""
        self.tabs.setCurrentWidget(self.unit_view)
        self.unit_view.select_unit(unit_id)

    def filter_by_cited(self, cited_id: int | None) -> None:
        """The list filtered at once; the chip's label (the cited document's name) read on the
        runner and shown when it arrives, unless another choice came meanwhile."""
        from ketluan_desktop.ui.workers import answer_to, said_to

        self._cited_id = cited_id
        if cited_id is None:
            self.cited_chip.setVisible(False)
            self._apply()
            return
        self.tabs.setCurrentIndex(0)
        self._apply()
        db = self.ctx.db

        def work() -> str:
            with db.session() as s:
                return task_detail.cited_view(s, cited_id).label

        def arrived(label: str) -> None:
            if self._cited_id != cited_id:
                return
            short = label if len(label) < 48 else label[:45] + "…"
            self.cited_chip.setText(self.tr("Thực hiện: {doc}  ✕").format(doc=short))
            self.cited_chip.setToolTip(label)
            self.cited_chip.setVisible(True)

        self.ctx.runner.run(work, answer_to(self, arrived), said_to(self))

    def _tab_changed(self, index: int) -> None:
        if index == TAB_UNITS:
            self.unit_view.refresh()

    # -- selection ----------------------------------------------------------------------------
    def _keep_selection(self) -> None:
        """After every query (a filter, a header clicked, a refresh): the task in the panel stays
        selected where the rows read have it (the view scrolls to it after a new query)."""
        keep = self._panel.task_id if self._panel is not None else None
        idx = self.model.loaded_index_of(keep) if keep is not None else QModelIndex()
        shaped = (self.model.group is not None) == self.view.is_tree()  # else ``shown`` does it
        if idx.isValid() and shaped:
            self.view.selectionModel().blockSignals(True)
            self.view.setCurrentIndex(idx)
            self.view.selectionModel().blockSignals(False)

    def _select_when_read(self) -> None:
        """A page read as the list scrolls, or where a refresh kept the place: the task in the
        panel selected again once its row is there (a refresh reads the first page only)."""
        if not self.view.currentIndex().isValid():
            self._keep_selection()

    def _current_changed(self, current: QModelIndex) -> None:
        self._show_selected(current.data(TASK_ID_ROLE) if current.isValid() else None)

    def _show_selected(self, task_id: int | None) -> None:
        if task_id is not None:
            self.panel.show_task(task_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        task_id = index.data(TASK_ID_ROLE)
        if task_id is not None:
            self.update_task(task_id)

    def show_task(self, task_id: int) -> None:
        """Open one task (from search, or after it was created)."""
        self.panel.show_task(task_id)
        idx = self.model.loaded_index_of(task_id)
        if idx.isValid():
            self.view.setCurrentIndex(idx)
            self.view.scrollTo(idx)

    # -- actions ------------------------------------------------------------------------------
    def add_task(self) -> None:
        from ketluan_desktop.ui.tasks.dialogs import TaskDialog

        doc = self.doc_filter.currentData()
        dlg = TaskDialog(
            self.ctx,
            None,
            self,
            document_id=doc if doc and doc > 0 else None,
            unit_id=self.unit_filter.currentData(),
        )
        dialogs.exec_dialog(dlg)
        if dlg.saved_id is not None:
            self.show_task(dlg.saved_id)

    def from_document(self) -> None:
        from ketluan_desktop.ui.tasks.dialogs import FromDocumentDialog

        doc = self.doc_filter.currentData()
        # No document yet: the dialog says so and closes when its list arrives (issue 14).
        dlg = FromDocumentDialog(self.ctx, self, document_id=doc if doc and doc > 0 else None)
        dialogs.exec_dialog(dlg)

    def edit_task(self, task_id: int) -> None:
        from ketluan_desktop.ui.tasks.dialogs import TaskDialog

        try:
            dlg = TaskDialog(self.ctx, task_id, self)
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        dialogs.exec_dialog(dlg)

    def update_task(self, task_id: int) -> None:
        from ketluan_desktop.ui.tasks.dialogs import UpdateDialog

        try:
            dlg = UpdateDialog(self.ctx, task_id, self)
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        dialogs.exec_dialog(dlg)

    def open_report(self, document_id: int | None = None) -> None:
        from ketluan_desktop.ui.tasks.report_dialog import ReportDialog

        if document_id is None:
            doc = self.doc_filter.currentData()
            document_id = doc if doc and doc > 0 else None
        dlg = ReportDialog(self.ctx, self, document_id=document_id)
        dialogs.exec_dialog(dlg)
        if dlg.request is not None:
            self.run_report(dlg.request)

    def run_report(self, request) -> None:
        from ketluan_desktop.ui.tasks.report_dialog import run_report

        self._message(self.tr("Đang lập báo cáo…"), 0)
        self.report_btn.setEnabled(False)

        def done(path: Path) -> None:
            self.report_btn.setEnabled(True)
            self._message(self.tr("Đã xuất báo cáo: {path}").format(path=path))
            if request.open_after:
                common.open_or_say(self, path)

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            self.report_btn.setEnabled(True)
            self._message("")
            report_exception(exc, tb, self)

        run_report(self.ctx, request, done, failed)

    def _message(self, text: str, msecs: int = 10_000) -> None:
        self.footer.setToolTip(text)
        window = self.window()
        if isinstance(window, QMainWindow):
            if text:
                window.statusBar().showMessage(text, msecs)
            else:
                window.statusBar().clearMessage()
        self.last_message = text

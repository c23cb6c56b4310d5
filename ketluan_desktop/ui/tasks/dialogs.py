"""Task dialogs: a task by hand or edited, a progress report, tasks from a document's bullets, a report.

Each dialog writes through the services in ``save()`` (tests fill the widgets and call it; no modal
``exec``) and then announces ``ctx.notify("tasks")`` so every screen redraws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.org import units
from ketluan_desktop.core.tasks import editing as task_edit
from ketluan_desktop.core.tasks import task_detail
from ketluan_desktop.core.tasks.deadlines import describe, parse_deadline
from ketluan_desktop.core.tasks.models import TASK_STATUS_LABELS, TaskStatus
from ketluan_desktop.core.tasks.task_states import PRIORITY_LABELS
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.dialog_jobs import RunnerDialog
from ketluan_desktop.ui.tasks.common import ok_cancel_buttons, vn
from ketluan_desktop.ui.widgets.date_field import DateField


def _checked_ids(widget: QListWidget) -> list[int]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def _check_item(widget: QListWidget, text: str, value: int, checked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text, widget)
    item.setData(Qt.ItemDataRole.UserRole, value)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


class DeadlineEdit(QWidget):
    """A deadline typed as the documents write it, with what it means shown live underneath."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(
            self.tr("31/12/2024, 6 tháng cuối năm 2024, quý III/2024, thường xuyên…")
        )
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.edit)
        v.addWidget(self.hint)
        self.edit.textChanged.connect(self._update)
        self._update()

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def _update(self) -> None:
        try:
            d = parse_deadline(self.edit.text(), today=self.today)
        except KetLuanError as exc:
            self.hint.setText(exc.message)
            self.hint.setStyleSheet("color: #b3261e;")
            return
        self.hint.setStyleSheet("color: #5b6370;")
        if d.date is None and d.cycle is None:
            self.hint.setText(self.tr("Không có thời hạn."))
        else:
            self.hint.setText("→ " + describe(d.date, d.text, d.cycle))


# ------------------------------------------------------------------------------- task by hand/edit
class TaskDialog(RunnerDialog):
    """A task by hand (``task_id`` None) or the editing of one."""

    def __init__(
        self,
        ctx,
        task_id: int | None = None,
        parent: QWidget | None = None,
        *,
        document_id: int | None = None,
        unit_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task_id = task_id
        self.saved_id: int | None = None
        self._version: int | None = None
        self.setWindowTitle(
            self.tr("Sửa nhiệm vụ số {n}").format(n=task_id)
            if task_id
            else self.tr("Thêm nhiệm vụ")
        )
        self.setMinimumWidth(720)
        form = QFormLayout()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Nội dung nhiệm vụ như văn bản giao…"))
        self.text.setMinimumHeight(110)
        self.document = QComboBox()
        self.document.setMinimumContentsLength(40)
        self.section = QComboBox()
        self.lead = QComboBox()
        self.co_units = QListWidget()
        self.co_units.setMaximumHeight(120)
        self.cited = QListWidget()
        self.cited.setMaximumHeight(110)
        self.deadline = DeadlineEdit(ctx.today())
        self.priority = QComboBox()
        for value, label in PRIORITY_LABELS.items():
            self.priority.addItem(label, value)
        form.addRow(self.tr("Nội dung:"), self.text)
        form.addRow(self.tr("Văn bản nguồn:"), self.document)
        form.addRow(self.tr("Mục:"), self.section)
        form.addRow(self.tr("Văn bản thực hiện:"), self.cited)
        form.addRow(self.tr("Đơn vị chủ trì:"), self.lead)
        form.addRow(self.tr("Đơn vị phối hợp:"), self.co_units)
        form.addRow(self.tr("Thời hạn:"), self.deadline)
        form.addRow(self.tr("Ưu tiên:"), self.priority)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.box = ok_cancel_buttons(self, self.tr("Lưu"))
        self.ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.box.accepted.connect(self.save)
        layout.addWidget(self.box)
        self._load(document_id, unit_id)
        self.document.currentIndexChanged.connect(self._document_changed)

    def _load(self, document_id: int | None, unit_id: int | None) -> None:
        """The task (when edited), the documents, the units and the chosen document's sections
        and citations, read on the runner's thread; the form off until they are there."""
        db, task_id, today = self.ctx.db, self.task_id, self.ctx.today()
        inactive = self.tr("(ngừng hoạt động)")

        def work() -> _TaskRead:
            with db.session() as s:
                detail = task_detail.detail(s, task_id, today=today) if task_id else None
                docs = doc_service.list_documents(s)
                choices = units.choices(s)
                known = {uid for uid, _ in choices}
                if detail is not None:  # a unit since made inactive still shows on its old tasks
                    for uid, name in [(detail.lead_unit_id, detail.lead_unit), *detail.co_units]:
                        if uid is not None and uid not in known:
                            choices.append((uid, f"{name} {inactive}"))
                doc_id = detail.document_id if detail is not None else document_id
                keep = {c.id for c in detail.cited} if detail is not None else set()
                parts = _document_parts(s, doc_id, keep)
            return _TaskRead(detail, docs, choices, parts)

        self.read(
            work, lambda found: self._show(found, document_id, unit_id), self._form_controls()
        )

    def _form_controls(self) -> list[QWidget]:
        return [self.text, self.document, self.section, self.lead, self.co_units, self.cited,
                self.deadline, self.priority, self.ok]  # fmt: skip

    def _show(self, found: _TaskRead, document_id: int | None, unit_id: int | None) -> None:
        detail = found.detail
        if detail is not None:
            self._version = detail.version
        self.document.blockSignals(True)  # its sections and citations came with the answer
        self.document.addItem(self.tr("(Giao trực tiếp, không gắn văn bản)"), None)
        for d in found.docs:
            head = d.number_symbol or self.tr("(dự thảo)")
            self.document.addItem(f"{d.type_name} {head} — {d.subject or ''}", d.id)
        self.lead.addItem(self.tr("(chưa giao)"), None)
        for uid, label in found.choices:
            self.lead.addItem(label, uid)
            _check_item(self.co_units, label.strip(), uid, False)
        if detail is not None:
            self.text.setPlainText(detail.text)
            document_id = detail.document_id
            unit_id = detail.lead_unit_id
            co = {u for u, _ in detail.co_units}
            for i in range(self.co_units.count()):
                item = self.co_units.item(i)
                if item.data(Qt.ItemDataRole.UserRole) in co:
                    item.setCheckState(Qt.CheckState.Checked)
            if detail.deadline_text:
                self.deadline.setText(detail.deadline_text)
            elif detail.deadline:
                self.deadline.setText(vn(detail.deadline))
            elif detail.reporting_cycle:
                self.deadline.setText(describe(None, None, detail.reporting_cycle))
            self.priority.setCurrentIndex(max(self.priority.findData(detail.priority), 0))
        self.document.setCurrentIndex(max(self.document.findData(document_id), 0))
        self.document.blockSignals(False)
        self.lead.setCurrentIndex(max(self.lead.findData(unit_id), 0))
        keep = {c.id for c in detail.cited} if detail is not None else set()
        self._show_document(found.parts, keep)
        if detail is not None and detail.section_id is not None:
            self.section.setCurrentIndex(max(self.section.findData(detail.section_id), 0))

    def _document_changed(self) -> None:
        """Another document chosen: its sections and citations read on the runner's thread (the
        citations ticked so far stay ticked); a later choice drops this answer."""
        db, doc_id, keep = self.ctx.db, self.document.currentData(), set(_checked_ids(self.cited))

        def work() -> _DocumentParts:
            with db.session() as s:
                return _document_parts(s, doc_id, keep)

        self.read(
            work,
            lambda parts: self._show_document(parts, keep),
            [self.section, self.cited, self.ok],
            key="document",
        )

    def _show_document(self, parts: _DocumentParts, keep_cited: set[int]) -> None:
        self.section.clear()
        self.cited.clear()
        self.section.addItem(self.tr("(không chọn mục)"), None)
        for sid, label in parts.sections:
            self.section.addItem(label, sid)
        for c in parts.cited:
            _check_item(self.cited, c.label, c.id, c.id in keep_cited)
        self.section.setEnabled(self.document.currentData() is not None)

    def task_input(self) -> task_edit.TaskInput:
        return task_edit.TaskInput(
            text=self.text.toPlainText(),
            document_id=self.document.currentData(),
            section_id=self.section.currentData(),
            lead_unit_id=self.lead.currentData(),
            co_unit_ids=_checked_ids(self.co_units),
            cited_ids=_checked_ids(self.cited),
            deadline_text=self.deadline.text(),
            priority=self.priority.currentData(),
        )

    def save(self) -> None:
        """Written on the runner's thread (the buttons off meanwhile); the dialog accepts once
        it is written, a refusal (a task changed elsewhere meanwhile …) is said and the dialog
        stays as typed."""
        data, db, task_id, version = self.task_input(), self.ctx.db, self.task_id, self._version
        now, today = self.ctx.now(), self.ctx.today()

        def work() -> int:
            with db.write_session() as s:
                if task_id is None:
                    return task_edit.create_task(s, data, now=now, today=today).id
                return task_edit.update_task(
                    s, task_id, data, expected_version=version, now=now, today=today
                ).id

        def done(saved_id: int) -> None:
            self.saved_id = saved_id
            self.accept()

        self.write(work, done, self._refused, [self.box], notify=("tasks",))

    def _refused(self, exc: KetLuanError) -> None:
        dialogs.show_error(self, exc.message)


@dataclass
class _DocumentParts:
    sections: list[tuple[int, str]]
    cited: list[task_detail.CitedView]


@dataclass
class _TaskRead:
    detail: task_detail.TaskDetail | None
    docs: list
    choices: list[tuple[int, str]]
    parts: _DocumentParts


def _document_parts(s, doc_id: int | None, keep_cited: set[int]) -> _DocumentParts:
    """A document's sections and the documents it cites, with the citations ``keep_cited``."""
    sections: list[tuple[int, str]] = []
    cited: list[task_detail.CitedView] = []
    if doc_id is not None:
        sections = task_detail.sections_of(s, doc_id)
        cited = [task_detail.cited_view(s, c.id) for c in task_edit.document_citations(s, doc_id)]
    have = {c.id for c in cited}
    cited += [task_detail.cited_view(s, cid) for cid in keep_cited - have]
    return _DocumentParts(sections, cited)


# ----------------------------------------------------------------------------- progress update
class UpdateDialog(RunnerDialog):
    """A unit's progress report on a task: date, unit, text, percentage, files, and the new state."""

    KEEP = "keep"

    def __init__(self, ctx, task_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: task_detail.TaskDetail | None = None  # the task, once read
        self.setWindowTitle(self.tr("Cập nhật tiến độ nhiệm vụ số {n}").format(n=task_id))
        self.setMinimumWidth(640)
        self.summary = QLabel(self.tr("Đang đọc nhiệm vụ…"))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #39404a;")
        form = QFormLayout()
        self.day = DateField(ctx.today(), what="Ngày cập nhật", optional=False, today=ctx.today())
        self.day.set_range(maximum=ctx.today())
        self.unit = QComboBox()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Kết quả đơn vị báo cáo…"))
        self.text.setMinimumHeight(100)
        self.percent = QSpinBox()
        self.percent.setRange(-1, 100)
        self.percent.setSpecialValueText(self.tr("Không ghi"))
        self.percent.setSuffix(" %")
        self.percent.setValue(-1)
        self.files = QListWidget()
        self.files.setMaximumHeight(90)
        files_row = QHBoxLayout()
        add_file = QPushButton(self.tr("Thêm tệp…"))
        add_file.clicked.connect(self.pick_file)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("hoặc số văn bản, ví dụ 12-BC/BTC"))
        add_ref = QPushButton(self.tr("Thêm"))
        add_ref.clicked.connect(self.add_reference)
        remove = QPushButton(self.tr("Bỏ"))
        remove.clicked.connect(lambda: self.files.takeItem(self.files.currentRow()))
        files_row.addWidget(add_file)
        files_row.addWidget(self.reference, 1)
        files_row.addWidget(add_ref)
        files_row.addWidget(remove)
        self.status = QComboBox()
        form.addRow(self.tr("Ngày báo cáo:"), self.day)
        form.addRow(self.tr("Đơn vị báo cáo:"), self.unit)
        form.addRow(self.tr("Nội dung:"), self.text)
        form.addRow(self.tr("Tỷ lệ hoàn thành:"), self.percent)
        form.addRow(self.tr("Tệp, văn bản kèm:"), self.files)
        form.addRow("", files_row)
        form.addRow(self.tr("Trạng thái sau báo cáo:"), self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        self.box = ok_cancel_buttons(self, self.tr("Ghi nhận"))
        self.box.accepted.connect(self.save)
        layout.addWidget(self.box)
        db, today = ctx.db, ctx.today()

        def work():
            with db.session() as s:
                return task_detail.detail(s, task_id, today=today), units.choices(s)

        ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.read(work, self._show, [self.unit, self.status, ok])

    def _show(self, found) -> None:
        d, choices = found
        self.detail = d
        self.summary.setText(d.text if len(d.text) < 300 else d.text[:297] + "…")
        for uid, label in choices:
            self.unit.addItem(label, uid)
        if d.lead_unit_id is not None and self.unit.findData(d.lead_unit_id) < 0:
            self.unit.addItem(d.lead_unit or "", d.lead_unit_id)
        self.unit.setCurrentIndex(max(self.unit.findData(d.lead_unit_id), 0))
        self.status.addItem(self.tr("Giữ nguyên ({state})").format(state=d.state_label), self.KEEP)
        for st in (TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.PAUSED):
            if st.value != d.status:
                self.status.addItem(TASK_STATUS_LABELS[st], st.value)

    def pick_file(self) -> None:
        path = dialogs.open_file(
            self, self.tr("Chọn tệp kèm theo"), "attachments", self.tr("Mọi tệp (*)")
        )
        if path:
            self.files.addItem(path)

    def add_reference(self) -> None:
        text = self.reference.text().strip()
        if text:
            self.files.addItem(text)
            self.reference.clear()

    def update_input(self) -> task_edit.UpdateInput:
        status = self.status.currentData()
        return task_edit.UpdateInput(
            update_date=self.day.value(),
            text=self.text.toPlainText(),
            unit_id=self.unit.currentData(),
            percent=None if self.percent.value() < 0 else self.percent.value(),
            attachments=[self.files.item(i).text() for i in range(self.files.count())],
            status=None if status == self.KEEP else status,
        )

    def save(self) -> None:
        """Written on the runner's thread (the buttons off meanwhile); accepted once written."""
        d = self.detail
        if d is None:
            return  # not read yet: OK is off until then
        try:
            data = self.update_input()
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        # A report only adds; it must not be refused because someone else reported meanwhile.
        # Changing the state with it does check that nobody changed the task since it was opened.
        version = d.version if data.status is not None else None
        db, task_id, now = self.ctx.db, d.id, self.ctx.now()

        def work() -> None:
            with db.write_session() as s:
                task_edit.add_update(s, task_id, data, now=now, expected_version=version)

        self.write(
            work,
            lambda _r: self.accept(),
            lambda exc: dialogs.show_error(self, exc.message),
            [self.box],
            notify=("tasks",),
        )


# ---------------------------------------------------------------------- tasks from a document
class FromDocumentDialog(RunnerDialog):
    """Mark paragraphs or bullets of a document as tasks, with a lead unit and a deadline."""

    def __init__(
        self, ctx, parent: QWidget | None = None, *, document_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: list[int] = []
        self.setWindowTitle(self.tr("Giao nhiệm vụ từ văn bản"))
        self.resize(860, 640)
        self.document = QComboBox()
        self.blocks = QListWidget()
        self.blocks.setWordWrap(True)
        self.blocks.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lead = QComboBox()
        self.deadline = DeadlineEdit(ctx.today())
        self.priority = QComboBox()
        for value, label in PRIORITY_LABELS.items():
            self.priority.addItem(label, value)
        self.priority.setCurrentIndex(1)
        bullets = QPushButton(self.tr("Chọn mọi gạch đầu dòng"))
        bullets.clicked.connect(self.check_bullets)
        none = QPushButton(self.tr("Bỏ chọn hết"))
        none.clicked.connect(lambda: self._check_all(False))
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(self.tr("Văn bản:"), self.document)
        layout.addLayout(top)
        note = QLabel(self.tr("Đánh dấu các đoạn là nhiệm vụ (đoạn đã là nhiệm vụ được làm mờ):"))
        layout.addWidget(note)
        layout.addWidget(self.blocks, 1)
        row = QHBoxLayout()
        row.addWidget(bullets)
        row.addWidget(none)
        row.addStretch(1)
        layout.addLayout(row)
        form = QFormLayout()
        form.addRow(self.tr("Đơn vị chủ trì:"), self.lead)
        form.addRow(self.tr("Thời hạn:"), self.deadline)
        form.addRow(self.tr("Ưu tiên:"), self.priority)
        layout.addLayout(form)
        self.box = ok_cancel_buttons(self, self.tr("Tạo nhiệm vụ"))
        self.box.accepted.connect(self.save)
        layout.addWidget(self.box)
        db = ctx.db

        def work():
            with db.session() as s:
                docs = doc_service.list_documents(s)
                ids = [d.id for d in docs]
                chosen = document_id if document_id in ids else (ids[0] if ids else None)
                blocks = task_edit.document_blocks(s, chosen) if chosen is not None else []
                return docs, units.choices(s), chosen, blocks

        ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.read(work, self._show, [self.document, self.lead, self.blocks, ok])

    def _show(self, found) -> None:
        docs, choices, chosen, blocks = found
        if not docs:
            dialogs.show_info(
                self.parentWidget() or self,
                self.tr(
                    "Chưa có văn bản nào. Hãy nhập văn bản kết luận (Tệp → Nhập văn bản) trước."
                ),
            )
            QDialog.reject(self)
            return
        for d in docs:
            self.document.addItem(
                f"{d.type_name} {d.number_symbol or self.tr('(dự thảo)')} — {d.subject or ''}", d.id
            )
        self.lead.addItem(self.tr("(chưa giao — giao sau cho từng nhiệm vụ)"), None)
        for uid, label in choices:
            self.lead.addItem(label, uid)
        self.document.setCurrentIndex(max(self.document.findData(chosen), 0))
        if self.document.currentData() == chosen:
            self._show_blocks(blocks)
        else:
            self._load_blocks()
        self.document.currentIndexChanged.connect(self._load_blocks)

    def _load_blocks(self) -> None:
        """The chosen document's paragraphs, read on the runner's thread (a later choice wins)."""
        self.blocks.clear()
        doc_id, db = self.document.currentData(), self.ctx.db
        if doc_id is None:
            return

        def work():
            with db.session() as s:
                return task_edit.document_blocks(s, doc_id)

        ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.read(work, self._show_blocks, [self.blocks, ok], key="blocks")

    def _show_blocks(self, blocks) -> None:
        self.blocks.clear()
        heading = None
        for b in blocks:
            if b.section_label != heading:
                heading = b.section_label
                h = QListWidgetItem(heading, self.blocks)
                h.setFlags(Qt.ItemFlag.NoItemFlags)
                font = h.font()
                font.setBold(True)
                h.setFont(font)
            prefix = "- " if b.kind == "bullet" else ""
            item = QListWidgetItem(prefix + b.text, self.blocks)
            item.setData(Qt.ItemDataRole.UserRole, b.block_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, b.kind)
            if b.task_id is not None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(self.tr("Đã là nhiệm vụ số {n}").format(n=b.task_id))
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)

    def _check_all(self, on: bool, kind: str | None = None) -> None:
        for i in range(self.blocks.count()):
            item = self.blocks.item(i)
            if not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            if kind is None or item.data(Qt.ItemDataRole.UserRole + 1) == kind:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def check_bullets(self) -> None:
        self._check_all(True, "bullet")

    def save(self) -> None:
        """Written on the runner's thread (the buttons off meanwhile); accepted once written."""
        doc_id, chosen = self.document.currentData(), _checked_ids(self.blocks)
        lead, deadline = self.lead.currentData(), self.deadline.text()
        priority, db, now, today = (
            self.priority.currentData(),
            self.ctx.db,
            self.ctx.now(),
            self.ctx.today(),
        )

        def work() -> list[int]:
            with db.write_session() as s:
                made = task_edit.create_from_blocks(
                    s, doc_id, chosen, lead_unit_id=lead, deadline_text=deadline,
                    priority=priority, now=now, today=today,
                )  # fmt: skip
                return [t.id for t in made]

        def done(created: list[int]) -> None:
            self.created = created
            self.accept()

        self.write(
            work, done, lambda exc: dialogs.show_error(self, exc.message), [self.box],
            notify=("tasks",),
        )  # fmt: skip

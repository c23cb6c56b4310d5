"""The task panel: what the task says, where it comes from, who does it, and its history of reports."""

from __future__ import annotations

import html
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import ConflictError, KetLuanError
from ketluan_desktop.core.tasks import editing as task_edit
from ketluan_desktop.core.tasks import task_detail
from ketluan_desktop.core.tasks.deadlines import describe
from ketluan_desktop.core.tasks.models import TaskStatus
from ketluan_desktop.core.tasks.task_states import DONE_STATES, OVERDUE, PRIORITY_LABELS
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.models.task_list_model import STATE_HEX
from ketluan_desktop.ui.style import set_text_role
from ketluan_desktop.ui.tasks import common
from ketluan_desktop.ui.tasks.common import vn
from ketluan_desktop.ui.workers import answer_to, said_to


class TaskPanel(QWidget):
    """Shows one task; its buttons write through the services and announce ``ctx.notify("tasks")``."""

    cited_requested = Signal(int)  # show the tasks that carry out this cited document
    edit_requested = Signal(int)
    update_requested = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: task_detail.TaskDetail | None = None
        self._wanted: int | None = None  # the task shown, or asked for and on its way
        self._viewers: list = []
        self._writing = False  # a change is on the runner: the buttons stay off meanwhile
        self.stack = QStackedWidget()
        empty = QLabel(
            self.tr("Chọn một nhiệm vụ trong danh sách để xem chi tiết và lịch sử báo cáo.")
        )
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_text_role(empty, "emptyText")
        self.stack.addWidget(empty)

        body = QWidget()
        v = QVBoxLayout(body)
        v.setContentsMargins(0, 0, 0, 0)
        self._build_title_and_buttons(v)

        split = self._build_facts_and_history()
        v.addWidget(split, 1)
        self.stack.addWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.setMinimumWidth(340)

    def _build_title_and_buttons(self, v: QVBoxLayout) -> None:
        top = QHBoxLayout()
        self.title = QLabel()
        set_text_role(self.title, "heading")
        self.state = QLabel()
        self.state.setObjectName("taskState")
        top.addWidget(self.title, 1)
        top.addWidget(self.state)
        v.addLayout(top)

        buttons = QHBoxLayout()
        self.update_btn = QPushButton(self.tr("Cập nhật tiến độ…"))
        self.update_btn.clicked.connect(self._request_update)
        self.done_btn = QPushButton(self.tr("Đánh dấu hoàn thành"))
        self.done_btn.clicked.connect(self.mark_done)
        self.pause_btn = QPushButton(self.tr("Tạm dừng"))
        self.pause_btn.clicked.connect(self.toggle_pause)
        self.edit_btn = QPushButton(self.tr("Sửa…"))
        self.edit_btn.clicked.connect(self._request_edit)
        self.delete_btn = QPushButton(self.tr("Xóa"))
        self.delete_btn.clicked.connect(self.delete)
        buttons.addWidget(self.update_btn)
        buttons.addWidget(self.done_btn)
        buttons.addStretch(1)
        more = QHBoxLayout()
        for b in (self.pause_btn, self.edit_btn):
            more.addWidget(b)
        more.addStretch(1)
        more.addWidget(self.delete_btn)
        v.addLayout(buttons)
        v.addLayout(more)

    def _build_facts_and_history(self) -> QSplitter:
        split = QSplitter(Qt.Orientation.Vertical)
        self.facts = QTextBrowser()
        self.facts.setOpenLinks(False)
        self.facts.anchorClicked.connect(self._link)
        split.addWidget(self.facts)
        hist = QWidget()
        hv = QVBoxLayout(hist)
        hv.setContentsMargins(0, 4, 0, 0)
        self.history_label = QLabel(self.tr("Lịch sử báo cáo tiến độ"))
        set_text_role(self.history_label, "heading")
        hv.addWidget(self.history_label)
        self.history = QListWidget()  # newest first; each report wraps to the panel's width
        self.history.setWordWrap(True)
        self.history.setAlternatingRowColors(True)
        self.history.setResizeMode(QListView.ResizeMode.Adjust)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.history.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        self.history.itemDoubleClicked.connect(self._open_attachments)
        hv.addWidget(self.history)
        hist_buttons = QHBoxLayout()
        hist_buttons.addStretch(1)
        self.delete_update_btn = QPushButton(self.tr("Xóa báo cáo đã chọn"))
        self.delete_update_btn.clicked.connect(self.delete_selected_update)
        hist_buttons.addWidget(self.delete_update_btn)
        hv.addLayout(hist_buttons)
        split.addWidget(hist)
        split.setSizes([430, 190])
        return split

    # -- showing ------------------------------------------------------------------------------
    @property
    def task_id(self) -> int | None:
        return self._wanted

    def show_task(self, task_id: int | None) -> None:
        """The task's record, read in the background (a newer choice wins)."""
        self._wanted = task_id
        if task_id is None:
            self.ctx.runner.cancel(("task-detail", id(self)))
            self.detail = None
            self.stack.setCurrentIndex(0)
            return
        db, today = self.ctx.db, self.ctx.today()

        def work():
            with db.session() as s:
                return task_detail.detail_if_any(s, task_id, today=today)

        self.ctx.runner.query(
            ("task-detail", id(self)), work, lambda detail: self.show_record(task_id, detail)
        )

    def show_record(self, task_id: int, detail) -> None:
        """A task's record read already (with the screen's other reads; None: deleted)."""
        if self._wanted != task_id:
            return
        self.ctx.runner.cancel(("task-detail", id(self)))  # an older read of it, if any
        self.detail = detail
        if detail is None:
            self._wanted = None
            self.stack.setCurrentIndex(0)
            return
        self._fill()
        self.stack.setCurrentIndex(1)

    def reload(self) -> None:
        self.show_task(self.task_id)

    def _fill(self) -> None:
        d = self.detail
        assert d is not None
        e = html.escape
        self.title.setText(self.tr("Nhiệm vụ số {n}").format(n=d.id))
        color = STATE_HEX.get(d.state, "#5b6370")
        self.state.setText(d.state_label)
        self.state.setStyleSheet(
            f"QLabel#taskState {{ border: 1px solid {color}; color: {color}; border-radius: 10px;"
            " padding: 2px 10px; font-weight: 600; }"
        )
        rows = self._fact_rows(d, e)
        table = "".join(
            f"<tr><td style='color:#5b6370; padding:2px 10px 2px 0' valign='top' nowrap>{k}</td>"
            f"<td style='padding:2px 0'>{v}</td></tr>"
            for k, v in rows
        )
        self.facts.setHtml(
            f"<p style='font-size:10.5pt; margin-bottom:8px'>{e(d.text)}</p><table>{table}</table>"
        )
        self._fill_history(d)
        self.history_label.setText(
            self.tr("Lịch sử báo cáo tiến độ ({n})").format(n=len(d.updates))
            if d.updates
            else self.tr("Chưa có báo cáo tiến độ")
        )
        done = d.status in DONE_STATES
        self._enable_buttons()
        paused = d.status == TaskStatus.PAUSED.value
        self.pause_btn.setText(
            self.tr("Tiếp tục thực hiện") if paused or done else self.tr("Tạm dừng")
        )

    def _fact_rows(self, d: task_detail.TaskDetail, e) -> list[tuple[str, str]]:
        rows = []
        if d.document_id:
            rows.append(
                (
                    self.tr("Văn bản nguồn"),
                    f"<a href='doc:{d.document_id}'>{e(d.document_label or '')}</a>",
                )
            )
            if d.section_label:
                rows.append((self.tr("Mục"), e(d.section_label)))
        else:
            rows.append((self.tr("Văn bản nguồn"), self.tr("Giao trực tiếp (không gắn văn bản)")))
        if d.cited:
            links = []
            for c in d.cited:
                item = f"<a href='cited:{c.id}'>{e(c.label)}</a>"
                if c.document_id:
                    item += f" — <a href='doc:{c.document_id}'>{self.tr('mở văn bản')}</a>"
                links.append(item)
            rows.append((self.tr("Văn bản thực hiện"), "<br/>".join(links)))
        rows.append((self.tr("Đơn vị chủ trì"), e(d.lead_unit or self.tr("Chưa giao"))))
        if d.co_units:
            rows.append((self.tr("Đơn vị phối hợp"), e(", ".join(n for _, n in d.co_units))))
        deadline = e(describe(d.deadline, d.deadline_text, d.reporting_cycle))
        if d.state == OVERDUE and d.deadline:
            late = (self.ctx.today() - d.deadline).days
            deadline += f" — <b style='color:#b3261e'>{self.tr('quá hạn {n} ngày').format(n=thousands(late))}</b>"
        rows.append((self.tr("Thời hạn"), deadline))
        rows.append((self.tr("Ưu tiên"), e(PRIORITY_LABELS.get(d.priority, str(d.priority)))))
        if d.completed_on:
            rows.append((self.tr("Ngày hoàn thành"), vn(d.completed_on)))
        return rows

    def _fill_history(self, d: task_detail.TaskDetail) -> None:
        self.history.clear()
        for u in d.updates:
            head = " · ".join(
                x
                for x in (
                    vn(u.update_date),
                    u.unit,
                    f"{u.percent}%" if u.percent is not None else None,
                )
                if x
            )
            lines = [head, u.text]
            if u.attachments:
                names = [task_detail.attachment_name(a) for a in u.attachments]
                lines.append(self.tr("Kèm theo: {files}").format(files="; ".join(names)))
            item = QListWidgetItem("\n".join(lines), self.history)
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, list(u.attachments))
            tip = [self.tr("Ghi nhận bởi {who}").format(who=u.created_by)] if u.created_by else []
            tip += u.attachments
            item.setToolTip("\n".join(tip))

    # -- actions ------------------------------------------------------------------------------
    def _fail(self, exc: KetLuanError) -> None:
        dialogs.show_error(self, exc.message)
        if isinstance(exc, ConflictError):
            self.reload()

    def _changed(self) -> None:
        self.ctx.notify("tasks")
        self.reload()

    def _request_update(self) -> None:
        if self.task_id is not None:
            self.update_requested.emit(self.task_id)

    def _request_edit(self) -> None:
        if self.task_id is not None:
            self.edit_requested.emit(self.task_id)

    def mark_done(self) -> None:
        d = self.detail
        if d is None:
            return
        today = self.ctx.today()
        late = d.deadline is not None and today > d.deadline
        msg = self.tr("Đánh dấu nhiệm vụ số {n} đã hoàn thành ngày {day}?").format(
            n=d.id, day=vn(today)
        )
        if late:
            msg += " " + self.tr(
                "Vì đã quá thời hạn {deadline}, trạng thái sẽ là «Hoàn thành quá hạn»."
            ).format(deadline=vn(d.deadline))
        if not dialogs.ask_yes_no(self, msg):
            return
        self._set_status(TaskStatus.DONE.value)

    def toggle_pause(self) -> None:
        d = self.detail
        if d is None:
            return
        if d.status == TaskStatus.PAUSED.value or d.status in DONE_STATES:
            target = TaskStatus.IN_PROGRESS.value
        else:
            target = TaskStatus.PAUSED.value
        self._set_status(target)

    def _set_status(self, status: str) -> None:
        d = self.detail
        assert d is not None
        task_id, version, now = d.id, d.version, self.ctx.now()
        self._write(
            lambda s: task_edit.set_status(s, task_id, status, expected_version=version, now=now),
            self._changed,
        )

    def _write(self, fn, then) -> None:
        """``fn(session)`` written on the runner's thread, the panel's buttons off until it is
        over (a double click writes once); then ``then()``. A refusal is said (a task changed
        elsewhere: the panel reloads as it now is)."""
        ctx = self.ctx

        def work() -> None:
            with ctx.db.write_session() as s:
                fn(s)

        def over() -> bool:
            alive = shiboken6.isValid(self)
            if alive:
                self._writing = False
                self._enable_buttons()
            return alive

        def done(_result) -> None:
            if over():
                then()
            else:
                ctx.notify("tasks")

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            if not over():
                report_exception(exc, tb)
            elif isinstance(exc, KetLuanError):
                self._fail(exc)
            else:
                report_exception(exc, tb, self)

        self._writing = True
        self._enable_buttons()
        ctx.runner.run(work, done, failed)

    def _enable_buttons(self) -> None:
        """As the task shown allows; every one off while a change is written."""
        d, free = self.detail, not self._writing
        for b in (self.update_btn, self.pause_btn, self.edit_btn, self.delete_btn):
            b.setEnabled(free)
        self.done_btn.setEnabled(free and d is not None and d.status not in DONE_STATES)
        self.delete_update_btn.setEnabled(free and d is not None and bool(d.updates))

    def delete(self) -> None:
        d = self.detail
        if d is None:
            return
        if not dialogs.ask_yes_no(
            self,
            self.tr("Xóa nhiệm vụ số {n} cùng {k} báo cáo tiến độ? Không hoàn tác được.").format(
                n=d.id, k=len(d.updates)
            ),
        ):
            return
        task_id, version, now = d.id, d.version, self.ctx.now()

        def deleted() -> None:
            if self._wanted == task_id:
                self.detail = self._wanted = None
                self.stack.setCurrentIndex(0)
            self.ctx.notify("tasks")

        self._write(
            lambda s: task_edit.delete_task(s, task_id, expected_version=version, now=now),
            deleted,
        )

    def delete_selected_update(self) -> None:
        item = self.history.currentItem()
        if item is None or self.detail is None:
            dialogs.show_info(self, self.tr("Hãy chọn một báo cáo trong lịch sử trước."))
            return
        if not dialogs.ask_yes_no(
            self, self.tr("Xóa báo cáo tiến độ «{head}»?").format(head=item.text().splitlines()[0])
        ):
            return
        update_id, now = item.data(Qt.ItemDataRole.UserRole), self.ctx.now()
        self._write(lambda s: task_edit.delete_update(s, update_id, now=now), self._changed)

    def _open_attachments(self, item: QListWidgetItem) -> None:
        files = item.data(Qt.ItemDataRole.UserRole + 1) or []
        missing = []
        for f in files:
            if not task_detail.is_file_reference(f):
                continue  # a document number: nothing to open
            if Path(f).is_file():
                common.open_or_say(self, f)
            else:
                missing.append(f)
        if missing:
            dialogs.show_info(
                self,
                self.tr(
                    "Không tìm thấy tệp trên máy này:\n{files}\nCó thể tệp nằm ở máy khác hoặc "
                    "đã được chuyển đi."
                ).format(files="\n".join(missing)),
            )

    def _link(self, url: QUrl) -> None:
        scheme, _, value = url.toString().partition(":")
        if scheme == "doc" and value.isdigit():
            self.open_document(int(value))
        elif scheme == "cited" and value.isdigit():
            self.cited_requested.emit(int(value))

    def open_document(self, document_id: int) -> None:
        """The source document read on the runner, then shown in a window of its own."""
        from ketluan_desktop.ui.tasks.viewer import DocumentViewer

        block = (
            self.detail.block_id if self.detail and self.detail.document_id == document_id else None
        )
        db = self.ctx.db

        def work() -> task_detail.ReadingDocument:
            with db.session() as s:
                return task_detail.reading(s, document_id)

        def arrived(document: task_detail.ReadingDocument) -> None:
            viewer = DocumentViewer(document, block, self.window())
            self._viewers = [v for v in self._viewers if v.isVisible()] + [viewer]
            viewer.show()

        self.ctx.runner.run(work, answer_to(self, arrived), said_to(self))

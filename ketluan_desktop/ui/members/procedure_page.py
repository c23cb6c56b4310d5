"""Thủ tục: every procedure, newest first, filtered by kind, step and name; the selected one's
fields and dated steps beside it, with the buttons of its next steps."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import NotFoundError
from ketluan_desktop.core.members import procedure_queries
from ketluan_desktop.core.members import procedures as proc_service
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.models import PROCEDURE_STATUS_LABELS, ProcedureStatus
from ketluan_desktop.core.members.procedure_kinds import KINDS
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.models.lazy_table import LazyTableModel
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.widgets.common import (
    heading,
    loose_width,
    setup_table,
)
from ketluan_desktop.ui.widgets.list_page import FilteredListPage

_fmt = member_service.fmt_date
STEP_BUTTONS = {
    ProcedureStatus.PROCESSING.value: "Chuyển xử lý…",
    ProcedureStatus.APPROVED.value: "Duyệt…",
    ProcedureStatus.REJECTED.value: "Không duyệt…",
    ProcedureStatus.COMPLETED.value: "Hoàn thành…",
}


def _value_text(f, value) -> str:
    if value in (None, "", []):
        return ""
    if f.type == "date":
        return _fmt(value)
    if f.type == "bool":
        return "Có" if value else ""
    if f.type == "years":
        return f"{value} năm"
    if f.type == "countries":
        return ", ".join(value)
    return str(value)


class ProcedurePage(FilteredListPage):
    open_member = Signal(int)

    current = None

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (self.kind_filter, self.status_filter)

    def _build_bars(self, v: QVBoxLayout) -> None:
        bar = QHBoxLayout()
        self.search = self._search_field(self.tr("Tìm theo họ tên đảng viên (không cần dấu)…"))
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Lọc theo loại thủ tục"))
        self.kind_filter.addItem(self.tr("Mọi loại thủ tục"), None)
        for k, ks in KINDS.items():
            self.kind_filter.addItem(ks.label, k)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Lọc theo bước"))
        self.status_filter.addItem(self.tr("Mọi bước"), None)
        self.status_filter.addItem(self.tr("Đang giải quyết"), procedure_queries.OPEN)
        for st, label in PROCEDURE_STATUS_LABELS.items():
            self.status_filter.addItem(label, st.value)
        self.new_button = QPushButton(self.tr("Thủ tục mới…"))
        self.new_button.clicked.connect(lambda: self.new_procedure())
        bar.addWidget(self.search, 2)
        bar.addWidget(self.kind_filter, 1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.new_button)
        v.addLayout(bar)
        counted_row = QHBoxLayout()
        self.count_label = QLabel()
        counted_row.addWidget(self.count_label)
        self._counted: tuple | None = None  # (from, to): the procedures a period's figures count
        self.counted_chip = QPushButton()
        self.counted_chip.setVisible(False)
        self.counted_chip.setToolTip(self.tr("Bỏ lọc theo kỳ tính số liệu"))
        self.counted_chip.clicked.connect(lambda: self.show_counted(None, None, None))
        counted_row.addWidget(self.counted_chip)
        counted_row.addStretch(1)
        v.addLayout(counted_row)

    def _build_table(self, ctx: AppContext) -> None:
        self.model = LazyTableModel(
            [
                Column(self.tr("Mã"), lambda r: r.id, Qt.AlignmentFlag.AlignRight),
                Column(
                    self.tr("Loại thủ tục"), lambda r: r.kind_label, tooltip=lambda r: r.kind_label
                ),
                Column(self.tr("Họ và tên"), lambda r: r.member_name or ""),
                Column(self.tr("Nội dung"), lambda r: r.summary, tooltip=lambda r: r.summary),
                Column(
                    self.tr("Tiếp nhận"),
                    lambda r: _fmt(r.received_on),
                    Qt.AlignmentFlag.AlignCenter,
                ),
                Column(self.tr("Bước"), lambda r: r.status_label),
            ],
            self._source,
            ctx.runner,
            parent=self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_table(self.view, stretch_column=3)
        for col, width in ((0, 55), (1, 150), (2, 170), (4, 85), (5, 90)):
            self.view.setColumnWidth(col, width)
        self.view.doubleClicked.connect(lambda _i: self.edit_procedure())

    def _build_detail_pane(self) -> QWidget:
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(8, 0, 0, 0)
        self.title = heading(self.tr("Thủ tục"))
        loose_width(self.title)
        rv.addWidget(self.title)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        rv.addWidget(self.detail, 2)
        self.step_row = QHBoxLayout()
        self.step_buttons: dict[str, QPushButton] = {}
        for status, text in STEP_BUTTONS.items():
            b = QPushButton(self.tr(text))
            b.clicked.connect(lambda _=False, st=status: self.advance(st))
            self.step_buttons[status] = b
            self.step_row.addWidget(b)
        self.step_row.addStretch(1)
        rv.addLayout(self.step_row)
        row = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Sửa…"))
        self.edit_button.clicked.connect(self.edit_procedure)
        self.member_button = QPushButton(self.tr("Mở hồ sơ"))
        self.member_button.clicked.connect(
            lambda: (
                self.current
                and self.current.member_id
                and self.open_member.emit(self.current.member_id)
            )
        )
        self.delete_button = QPushButton(self.tr("Xóa"))
        self.delete_button.clicked.connect(self.delete_procedure)
        for b in (self.edit_button, self.member_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        rv.addLayout(row)
        rv.addWidget(QLabel(self.tr("Các bước:")))
        self.steps = RowsModel(
            [
                Column(self.tr("Bước"), lambda st: st.status_label),
                Column(self.tr("Ngày"), lambda st: _fmt(st.on_date), Qt.AlignmentFlag.AlignCenter),
                Column(self.tr("Người ghi"), lambda st: st.by_user or ""),
                Column(self.tr("Ghi chú"), lambda st: st.note or ""),
            ],
            self,
        )
        self.steps_view = QTableView()
        self.steps_view.setModel(self.steps)
        setup_table(self.steps_view, stretch_column=3)
        for col, width in ((0, 92), (1, 80), (2, 76)):  # «Ghi chú» keeps room in a narrow pane
            self.steps_view.setColumnWidth(col, width)
        right.setMinimumWidth(350)  # the steps' four columns; the list beside it scrolls
        rv.addWidget(self.steps_view, 1)
        return right

    # -- the list ------------------------------------------------------------------------------
    def filters(self) -> dict:
        return {
            "text": self.search.text().strip() or None,
            "kind": self.kind_filter.currentData(),
            "status": self.status_filter.currentData(),
            "counted_from": self._counted[0] if self._counted else None,
            "counted_to": self._counted[1] if self._counted else None,
        }

    def show_counted(self, kind: str | None, start, end) -> None:
        """The procedures of ``kind`` (None: every kind) a period's figures count — what a bar of
        the overview counts; ``start`` None clears that filter."""
        self._counted = (start, end) if start is not None else None
        if self._counted:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            for combo, value in ((self.kind_filter, kind), (self.status_filter, None)):
                combo.blockSignals(True)
                combo.setCurrentIndex(max(combo.findData(value), 0))
                combo.blockSignals(False)
            self.counted_chip.setText(
                self.tr("Tính vào số liệu từ {a} đến {b}  ✕").format(a=_fmt(start), b=_fmt(end))
            )
        self.counted_chip.setVisible(self._counted is not None)
        self.reload()

    def _source(self):
        from ketluan_desktop.core.members.procedure_list import ProcedureList

        return ProcedureList(self.ctx.db.session, **self.filters())

    def refresh(self) -> None:
        self.reload()

    def _count_text(self, n: int) -> str:
        return self.tr("{n} thủ tục").format(n=thousands(n))

    def _nothing_kept(self) -> None:
        self._show(None)

    row_of = staticmethod(procedure_queries.row_of)
    select_procedure = FilteredListPage.select_row

    def _show(self, procedure_id: int | None) -> None:
        self.current_id = procedure_id
        if procedure_id is None:
            self.ctx.runner.cancel(("detail", id(self)))
            self._display(None)
            return
        db = self.ctx.db

        def work():
            with db.session() as s:
                try:
                    return procedure_queries.detail(s, procedure_id)
                except NotFoundError:
                    return None

        def arrived(d) -> None:
            if d is None:
                self.current_id = None
            elif d.id != self.current_id:
                return
            self._display(d)

        self.ctx.runner.query(("detail", id(self)), work, arrived)

    def _display(self, d) -> None:
        self.current = d
        d = self.current
        for status, b in self.step_buttons.items():
            b.setVisible(d is not None and status in d.next_statuses)
        for b in (self.edit_button, self.member_button):
            b.setEnabled(d is not None)
        self.delete_button.setEnabled(
            d is not None
            and d.status in (ProcedureStatus.RECEIVED.value, ProcedureStatus.PROCESSING.value)
        )
        if d is None:
            self.title.setText(self.tr("Thủ tục"))
            self.detail.setHtml(
                "<p style='color:#5b6370'>"
                + html.escape(self.tr("Chọn một thủ tục để xem nội dung và các bước."))
                + "</p>"
            )
            self.steps.set_rows([])
            return
        self.title.setText(f"{d.kind_label} — {d.status_label}")
        ks = KINDS[d.kind]
        rows = [
            (self.tr("Mã thủ tục"), str(d.id)),
            (self.tr("Họ và tên"), d.member_name),
            (
                self.tr("Tình trạng hồ sơ"),
                member_service.status_label(d.member_status) if d.member_status else "",
            ),
            (self.tr("Tổ chức cơ sở đảng"), d.organisation),
            (self.tr("Ngày tiếp nhận"), _fmt(d.received_on)),
        ]
        rows += [(f.label, _value_text(f, d.values.get(f.key))) for f in ks.fields]
        if d.document_label:
            rows.append((self.tr("Văn bản trong cơ sở dữ liệu"), d.document_label))
        if d.counted_on:
            rows.append((self.tr("Tính vào số liệu ngày"), _fmt(d.counted_on)))
        rows.append((self.tr("Ghi chú"), d.notes))
        body = "".join(
            f"<tr><td style='color:#5b6370;padding-right:12px'>{html.escape(k)}</td>"
            f"<td>{html.escape(v)}</td></tr>"
            for k, v in rows
            if v
        )
        self.detail.setHtml(f"<table cellspacing='2'>{body}</table>")
        self.steps.set_rows(d.steps)

    # -- actions ------------------------------------------------------------------------------
    def new_procedure(self, member_id: int | None = None, kind: str | None = None) -> int | None:
        from ketluan_desktop.ui.members.procedure_dialogs import ProcedureDialog

        dlg = ProcedureDialog(self.ctx, member_id=member_id, kind=kind, parent=self)
        if dialogs.exec_dialog(dlg) and dlg.saved_id is not None:
            self.select_procedure(dlg.saved_id)
            return dlg.saved_id
        return None

    def edit_procedure(self) -> None:
        from ketluan_desktop.ui.members.procedure_dialogs import ProcedureDialog

        if self.current_id is None:
            return
        dlg = ProcedureDialog(self.ctx, procedure_id=self.current_id, parent=self)
        if dialogs.exec_dialog(dlg) and dlg.saved_id is not None:
            self.select_procedure(dlg.saved_id)

    def advance(self, to_status: str) -> None:
        from ketluan_desktop.ui.members.procedure_dialogs import StepDialog

        if self.current_id is None:
            return
        pid = self.current_id
        dlg = StepDialog(self.ctx, pid, to_status, self)
        if dialogs.exec_dialog(dlg):
            self.select_procedure(pid)

    def delete_procedure(self) -> None:
        d = self.current
        if d is None:
            return
        if not dialogs.ask_yes_no(
            self,
            self.tr("Xóa thủ tục mã {id} ({kind}) ghi nhầm?").format(id=d.id, kind=d.kind_label),
        ):
            return
        from ketluan_desktop.ui.workers import answer_to, run_from, said_to

        db, now = self.ctx.db, self.ctx.now()

        def work() -> None:
            with db.write_session() as s:
                proc_service.delete(s, d.id, expected_version=d.version, now=now)

        def done(_result) -> None:
            self.current_id = None
            self.ctx.notify("procedures", "members")

        # «Xóa» off while it is written: a double click deletes once; a refusal is said
        run_from(self.ctx.runner, [self.delete_button], work, answer_to(self, done), said_to(self))

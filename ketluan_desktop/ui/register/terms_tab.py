"""Cài đặt → Nhiệm kỳ: the committee's terms (khóa), which Party numbering restarts with; read and
written on the runner (issue 14: the UI thread only paints)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.org import terms
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.widgets.common import setup_table
from ketluan_desktop.ui.widgets.date_field import DateField
from ketluan_desktop.ui.workers import answer_to, run_from, said_to


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("TermsTab", text)


class TermsTab(QWidget):
    """Saves each change itself (not with the dialog's «Lưu»)."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            _t(
                "Số văn bản của Đảng được đánh từ 01 cho mỗi loại trong một nhiệm kỳ (khóa) của "
                "cấp ủy, không đánh lại vào ngày 1 tháng 1. Nhiệm kỳ tính từ ngày sau khi bế mạc "
                "đại hội đến ngày bế mạc đại hội khóa sau."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)
        self.model = RowsModel(
            [
                Column(_t("Khóa"), lambda r: r.label),
                Column(_t("Từ ngày"), lambda r: format_date(r.start_date)),
                Column(_t("Đến ngày"), lambda r: format_date(r.end_date) if r.end_date else ""),
                Column(_t("Văn bản đã ban hành"), lambda r: r.documents),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_t("Các nhiệm kỳ"))
        setup_table(self.view, stretch_column=3)
        layout.addWidget(self.view, 1)
        form = QFormLayout()
        self.label = QLineEdit()
        self.label.setPlaceholderText(_t("Ví dụ: IX"))
        self.start = DateField(what=_t("Ngày bắt đầu nhiệm kỳ"), optional=False, today=ctx.today())
        self.end = DateField(what=_t("Ngày kết thúc nhiệm kỳ"), today=ctx.today())
        self.open_ended = QCheckBox(_t("Chưa kết thúc"))
        end_row = QHBoxLayout()
        end_row.addWidget(self.end, 1)
        end_row.addWidget(self.open_ended)
        form.addRow(_t("&Khóa:"), self.label)
        form.addRow(_t("&Từ ngày:"), self.start)
        form.addRow(_t("Đế&n ngày:"), end_row)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(_t("Nhiệm kỳ mới"))
        self.save_button = QPushButton(_t("Lưu nhiệm kỳ"))
        self.delete_button = QPushButton(_t("Xóa nhiệm kỳ"))
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.open_ended.toggled.connect(lambda on: self.end.setEnabled(not on))
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.new_term)
        self.save_button.clicked.connect(self.save_term)
        self.delete_button.clicked.connect(self.delete_term)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """The terms read on the runner; ``select_id`` chosen when they arrive (else the first;
        none: a new term's form)."""
        db = self.ctx.db

        def work() -> list[terms.TermRow]:
            with db.session() as s:
                return terms.list_terms(s)

        def arrived(rows: list[terms.TermRow]) -> None:
            self.model.set_rows(rows)
            target = next((i for i, r in enumerate(rows) if r.id == select_id), 0 if rows else None)
            if target is None:
                self.new_term()
            else:
                self.view.selectRow(target)

        self.ctx.runner.query(("terms", id(self)), work, answer_to(self, arrived), said_to(self))

    def _selected(self) -> None:
        idx = self.view.selectionModel().selectedRows()
        if not idx:
            return
        row = self.model.row_at(idx[0].row())
        self.current_id = row.id
        self.label.setText(row.label)
        self.start.set_value(row.start_date)
        self.open_ended.setChecked(row.end_date is None)
        self.end.set_value(row.end_date)
        self.end.natural = row.start_date.replace(year=row.start_date.year + 5)
        self.delete_button.setEnabled(row.documents == 0)

    def new_term(self) -> None:
        self.view.clearSelection()
        self.current_id = None
        self.label.clear()
        today = self.ctx.today()
        self.start.set_value(today)
        self.end.set_value(None)
        self.end.natural = today.replace(year=today.year + 5)
        self.open_ended.setChecked(True)
        self.delete_button.setEnabled(False)
        self.label.setFocus()

    def _write(self, work, then, areas: tuple[str, ...] = ("settings",)) -> None:
        """``work`` on the runner with the editing buttons off until it is over (a double click
        writes once); a refusal is shown and the form kept as typed."""

        def done(result) -> None:
            self._deletable()
            self.ctx.notify(*areas)
            then(result)

        def failed(exc: BaseException, tb: str) -> None:
            self._deletable()
            said(exc, tb)

        said = said_to(self)
        buttons = [self.new_button, self.save_button, self.delete_button]
        run_from(self.ctx.runner, buttons, work, answer_to(self, done), answer_to(self, failed))

    def _deletable(self) -> None:
        """«Xóa nhiệm kỳ» only for a stored term no document was issued in."""
        row = next((r for r in self.model.rows() if r.id == self.current_id), None)
        self.delete_button.setEnabled(row is not None and row.documents == 0)

    def save_term(self) -> None:
        db, term_id, now = self.ctx.db, self.current_id, self.ctx.now()
        try:
            label = self.label.text()
            start = self.start.value()
            end = None if self.open_ended.isChecked() else self.end.value()
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return

        def work() -> int:
            with db.write_session() as s:
                term = terms.save_term(
                    s, term_id, label=label, start_date=start, end_date=end, now=now
                )
                return term.id

        self._write(work, self.reload, ("settings", "documents"))

    def delete_term(self) -> None:
        if self.current_id is None or not dialogs.ask_yes_no(self, _t("Xóa nhiệm kỳ này?")):
            return
        db, term_id, now = self.ctx.db, self.current_id, self.ctx.now()

        def work() -> None:
            with db.write_session() as s:
                terms.delete_term(s, term_id, now=now)

        self._write(work, lambda _r: self.reload())

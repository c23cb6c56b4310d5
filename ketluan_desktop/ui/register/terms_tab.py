"""Cài đặt → Nhiệm kỳ: the committee's terms (khóa), which Party numbering restarts with."""

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
        with self.ctx.db.session() as s:
            rows = terms.list_terms(s)
        self.model.set_rows(rows)
        target = next((i for i, r in enumerate(rows) if r.id == select_id), 0 if rows else None)
        if target is None:
            self.new_term()
        else:
            self.view.selectRow(target)

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

    def save_term(self) -> bool:
        try:
            with self.ctx.db.write_session() as s:
                term = terms.save_term(
                    s,
                    self.current_id,
                    label=self.label.text(),
                    start_date=self.start.value(),
                    end_date=None if self.open_ended.isChecked() else self.end.value(),
                    now=self.ctx.now(),
                )
                term_id = term.id
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return False
        self.ctx.notify("settings", "documents")
        self.reload(term_id)
        return True

    def delete_term(self) -> None:
        if self.current_id is None or not dialogs.ask_yes_no(self, _t("Xóa nhiệm kỳ này?")):
            return
        try:
            with self.ctx.db.write_session() as s:
                terms.delete_term(s, self.current_id, now=self.ctx.now())
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        self.ctx.notify("settings")
        self.reload()

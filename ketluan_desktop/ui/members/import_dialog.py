"""Nhập đảng viên từ Excel — xem trước: every row's problems, and nothing imported until the user
accepts (the button stays disabled while the sheet has errors)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.members.member_import import ImportPreview
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.widgets.common import setup_table

RED = QBrush(QColor("#b3261e"))
AMBER = QBrush(QColor("#8a6d00"))


class ImportPreviewDialog(QDialog):
    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(
            self.tr("Nhập đảng viên từ Excel — {name}").format(name=preview.path.name)
        )
        self.resize(920, 600)
        v = QVBoxLayout(self)
        info = QLabel(
            self.tr("Trang «{sheet}», dòng tiêu đề số {row}.").format(
                sheet=preview.sheet, row=preview.header_row
            )
        )
        v.addWidget(info)
        self.summary = QLabel(preview.summary())
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(
            "font-weight: 600; color: %s;" % ("#b3261e" if preview.errors else "#2e7d32")
        )
        v.addWidget(self.summary)
        if preview.ignored_columns:
            ignored = QLabel(
                self.tr("Các cột không dùng đến: {cols}.").format(
                    cols=", ".join(preview.ignored_columns)
                )
            )
            ignored.setWordWrap(True)
            ignored.setStyleSheet("color: #5b6370;")
            v.addWidget(ignored)
        problems = sorted(
            [(p, True) for p in preview.errors] + [(p, False) for p in preview.warnings],
            key=lambda t: (t[0].row, not t[1]),
        )
        self.model = RowsModel(
            [
                Column(self.tr("Dòng"), lambda t: t[0].row, Qt.AlignmentFlag.AlignRight),
                Column(
                    self.tr("Mức"),
                    lambda t: self.tr("Lỗi") if t[1] else self.tr("Lưu ý"),
                    foreground=lambda t: RED if t[1] else AMBER,
                ),
                Column(self.tr("Cột"), lambda t: t[0].column),
                Column(self.tr("Vấn đề"), lambda t: t[0].message),
            ],
            self,
        )
        self.model.set_rows(problems)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table, stretch_column=3)
        self.table.setColumnWidth(0, 60)
        self.table.setColumnWidth(1, 60)
        self.table.setColumnWidth(2, 160)
        self.table.setVisible(bool(problems))
        v.addWidget(self.table, 1)
        if not problems:
            v.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            self.tr("Nhập {n} đảng viên").format(n=thousands(len(preview.rows))),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.import_button.setEnabled(preview.can_import)
        close = self.buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(not preview.can_import)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        v.addWidget(self.buttons)

    def accept(self) -> None:
        if not self.preview.can_import:
            return
        super().accept()

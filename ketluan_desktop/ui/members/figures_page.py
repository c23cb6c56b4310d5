"""Số liệu & sổ: the figures of a period, the report sentence, and the registers behind them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.members import figures as stats
from ketluan_desktop.core.members import member_registers as registers
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.members.period_dialog import PeriodPicker
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.widgets.common import setup_table
from ketluan_desktop.ui.workers import run_from


class FiguresPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: stats.Figures | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.picker = PeriodPicker(ctx.today())
        self.picker.changed.connect(self.reload)
        v.addWidget(self.picker)
        row = QHBoxLayout()
        box = QGroupBox(self.tr("Số thủ tục đã duyệt hoặc hoàn thành trong kỳ"))
        bv = QVBoxLayout(box)
        self.model = RowsModel(
            [
                Column(self.tr("Thủ tục"), lambda t: t[0]),
                Column(self.tr("Số lượng"), lambda t: t[1], Qt.AlignmentFlag.AlignRight),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table, stretch_column=0)
        self.table.setColumnWidth(1, 90)
        bv.addWidget(self.table)
        row.addWidget(box, 2)

        right = QVBoxLayout()
        sbox = QGroupBox(self.tr("Câu văn cho báo cáo"))
        sv = QVBoxLayout(sbox)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sentence.setStyleSheet(
            "font-family: 'Times New Roman', Tinos, 'Liberation Serif', serif; font-size: 13pt;"
            " padding: 6px;"
        )
        sv.addWidget(self.sentence, 1)
        self.copy_button = QPushButton(self.tr("Sao chép câu văn"))
        self.copy_button.clicked.connect(self.copy_sentence)
        sv.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignRight)
        right.addWidget(sbox, 2)

        rbox = QGroupBox(self.tr("Sổ theo dõi của kỳ"))
        rlay = QVBoxLayout(rbox)
        self.register_kind = QComboBox()
        self.register_kind.setAccessibleName(self.tr("Loại sổ"))
        for key, kind in registers.REGISTERS.items():
            self.register_kind.addItem(kind.label, key)
        rlay.addWidget(self.register_kind)
        buttons = QHBoxLayout()
        self.excel_button = QPushButton(self.tr("Xuất Excel…"))
        self.excel_button.clicked.connect(lambda: self.export_register(".xlsx"))
        self.pdf_button = QPushButton(self.tr("Xuất PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export_register(".pdf"))
        buttons.addWidget(self.excel_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        rlay.addLayout(buttons)
        note = QLabel(self.tr("Sổ liệt kê đúng các trường hợp được tính trong số liệu của kỳ."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5b6370;")
        rlay.addWidget(note)
        right.addWidget(rbox)
        row.addLayout(right, 3)
        v.addLayout(row, 1)

    def refresh(self) -> None:
        if self.picker.today != self.ctx.today():
            self.picker.fill(self.ctx.today())
        self.reload()

    def set_period(self, start: date, end: date) -> None:
        self.picker.set_period(start, end)
        self.reload()

    def reload(self) -> None:
        period = self.picker.period()
        if period is None or period[1] < period[0]:
            self.figures = None
            self.model.set_rows([])
            self.sentence.setText(
                self.tr("Hãy chọn ngày bắt đầu và ngày kết thúc (sau ngày bắt đầu).")
            )
            self._enable(False)
            return
        db = self.ctx.db

        def work():
            with db.session() as s:
                return stats.figures(s, *period)

        self.ctx.runner.query(("figures", id(self)), work, self._arrived)

    def _arrived(self, figures: stats.Figures) -> None:
        self.figures = figures
        self.model.set_rows(self.figures.lines())
        text = stats.sentence(self.figures)
        self.sentence.setText(
            text or self.tr("Không có thủ tục nào được duyệt hoặc hoàn thành trong kỳ.")
        )
        self._enable(bool(text))

    def _enable(self, on: bool) -> None:
        self.copy_button.setEnabled(on)
        self.excel_button.setEnabled(self.figures is not None)
        self.pdf_button.setEnabled(self.figures is not None)

    def sentence_text(self) -> str:
        return stats.sentence(self.figures) if self.figures else ""

    def copy_sentence(self) -> None:
        text = self.sentence_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def export_register(self, suffix: str) -> None:
        period = self.picker.period()
        if period is None:
            return
        key = self.register_kind.currentData()
        kind = registers.REGISTERS[key]
        if not dialogs.ask_yes_no(
            self,
            self.tr(
                "Sổ «{label}» có họ tên, ngày sinh và đơn vị của đảng viên — là dữ liệu cá nhân. "
                "Việc xuất sẽ được ghi vào nhật ký hệ thống. Tiếp tục?"
            ).format(label=kind.label),
            self.tr("Xuất dữ liệu cá nhân"),
        ):
            return
        start, end = period
        name = f"{kind.label} {start:%d-%m-%Y} đến {end:%d-%m-%Y}{suffix}"
        filters = (
            self.tr("Tệp PDF (*.pdf)") if suffix == ".pdf" else self.tr("Bảng tính Excel (*.xlsx)")
        )
        path = dialogs.save_file(self, self.tr("Xuất sổ"), "registers", name, filters, suffix)
        if not path:
            return
        db, now = self.ctx.db, self.ctx.now()

        def work():
            with db.write_session() as s:
                return len(registers.export(s, key, start, end, path, now=now).rows)

        def done(n: int) -> None:
            dialogs.show_info(
                self, self.tr("Đã ghi sổ ({n} dòng) vào {path}.").format(n=thousands(n), path=path)
            )

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            if isinstance(exc, KetLuanError):
                dialogs.show_error(self, exc.message)
            else:
                report_exception(exc, tb, self)

        run_from(self.ctx.runner, [self.excel_button, self.pdf_button], work, done, failed)

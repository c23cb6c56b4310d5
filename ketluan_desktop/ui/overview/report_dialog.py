"""«Báo cáo sáu tháng…»: choose the period, then write the report as PDF or Word in the background
(the same service as ``ketluan report six-month``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ketluan_desktop.core.render.naming import ascii_fold
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.members.period_dialog import PeriodPicker

FILTERS = {".pdf": "Tệp PDF (*.pdf)", ".docx": "Tài liệu Word (*.docx)"}


class SixMonthDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Báo cáo số liệu sáu tháng"))
        self.setMinimumWidth(520)
        v = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Câu văn số liệu thủ tục đảng viên, bảng thủ tục theo loại so với cùng kỳ năm "
                "trước, bảng nhiệm vụ trọng tâm theo đơn vị chủ trì và hai biểu đồ, theo mẫu "
                "trình bày mặc định của cơ quan."
            )
        )
        note.setWordWrap(True)
        v.addWidget(note)
        self.picker = PeriodPicker(ctx.today())
        v.addWidget(self.picker)
        self.status = QLabel()
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("Xuất PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.docx_button = QPushButton(self.tr("Xuất Word…"))
        self.docx_button.clicked.connect(lambda: self.export(".docx"))
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.reject)
        row.addWidget(self.pdf_button)
        row.addWidget(self.docx_button)
        row.addStretch(1)
        row.addWidget(close)
        v.addLayout(row)

    def export(self, suffix: str, path: str | None = None) -> None:
        period = self.picker.period()
        if period is None:
            dialogs.show_error(
                self, self.tr("Hãy ghi đủ ngày đầu kỳ và ngày cuối kỳ (dd/mm/yyyy).")
            )
            return
        start, end = period
        if path is None:
            name = "-".join(ascii_fold(f"Bao cao so lieu {self.picker.label()}").lower().split())
            path = dialogs.save_file(
                self,
                self.tr("Lưu báo cáo"),
                "export",
                name + suffix,
                self.tr(FILTERS[suffix]),
                suffix,
            )
            if not path:
                return
        self.write(start, end, path)

    def write(self, start: date, end: date, path: str) -> None:
        from ketluan_desktop.core.overview import six_month
        from ketluan_desktop.ui.workers import answer_to, run_from

        db, now = self.ctx.db, self.ctx.now()
        self.status.setText(self.tr("Đang viết báo cáo…"))

        def work() -> Path:
            with db.session() as s:
                return six_month.export(s, start, end, path, now=now)

        def done(written: Path) -> None:
            self.written = written
            self.status.setText(self.tr("Đã ghi báo cáo: {p}").format(p=written))

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.core.errors import KetLuanError
            from ketluan_desktop.ui.errors import report_exception

            self.status.setText("")
            if isinstance(exc, KetLuanError):
                dialogs.show_error(self, exc.message)
            else:
                report_exception(exc, tb, self)

        # A dialog closed before the report is written: the file is written, nothing is shown.
        run_from(
            self.ctx.runner,
            [self.pdf_button, self.docx_button],
            work,
            answer_to(self, done),
            answer_to(self, failed),
        )


def ask_and_export(window, start: date | None = None, end: date | None = None) -> SixMonthDialog:
    dlg = SixMonthDialog(window.ctx, window)
    if start is not None and end is not None:
        dlg.picker.set_period(start, end)
    dialogs.exec_dialog(dlg)
    return dlg

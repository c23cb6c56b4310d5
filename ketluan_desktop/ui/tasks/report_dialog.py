"""The task report dialog (which report, for what, in which format) and running the report on
the background runner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.org import units
from ketluan_desktop.core.tasks import task_groups
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.dialog_jobs import RunnerDialog
from ketluan_desktop.ui.tasks.common import ok_cancel_buttons
from ketluan_desktop.ui.widgets.date_field import DateField


@dataclass(frozen=True)
class ReportRequest:
    kind: str  # "document" | "period"
    document_id: int | None
    start: date | None
    end: date | None
    unit_id: int | None
    number: int | None
    path: Path
    open_after: bool


class ReportDialog(RunnerDialog):
    """Which report, for what, in which format: the workspace runs it in the background."""

    def __init__(
        self, ctx, parent: QWidget | None = None, *, document_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.request: ReportRequest | None = None
        self.setWindowTitle(self.tr("Báo cáo tình hình thực hiện nhiệm vụ"))
        self.setMinimumWidth(620)
        today = ctx.today()
        self._make_fields(today)
        self._lay_out()

        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.year.valueChanged.connect(self._apply_preset)
        self.by_document.toggled.connect(self._mode)
        self.by_period.setChecked(True)
        month = today.month
        self.preset.setCurrentIndex(0 if month <= 6 else 1)
        self._apply_preset()
        db = ctx.db

        def work():
            with db.session() as s:
                return task_groups.documents_with_tasks(s), units.choices(s)

        # The documents and units read on the runner's thread; «Xuất báo cáo…» off until then.
        self.by_document.setEnabled(False)
        self.read(work, lambda found: self._show(found, document_id), [self.ok])

    def _show(self, found, document_id: int | None) -> None:
        docs, choices = found
        for d in docs:
            self.document.addItem(f"{d.label} ({d.task_count} nhiệm vụ)", d.id)
        self.unit.addItem(self.tr("Mọi đơn vị chủ trì"), None)
        for uid, label in choices:
            self.unit.addItem(label, uid)
        self.by_document.setEnabled(bool(docs))
        if docs:
            self.by_document.setChecked(True)
        if document_id is not None:
            self.document.setCurrentIndex(max(self.document.findData(document_id), 0))
        self._mode()

    def _make_fields(self, today: date) -> None:
        self.by_document = QRadioButton(self.tr("Báo cáo thực hiện một văn bản (kết luận)"))
        self.by_period = QRadioButton(self.tr("Báo cáo định kỳ theo kỳ, mọi văn bản"))
        group = QButtonGroup(self)
        group.addButton(self.by_document)
        group.addButton(self.by_period)
        self.document = QComboBox()
        self.preset = QComboBox()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.start = DateField(date(today.year, 1, 1), what="Từ ngày", optional=False, today=today)
        self.end = DateField(today, what="Đến ngày", optional=False, today=today)
        self.unit = QComboBox()
        self.number = QSpinBox()
        self.number.setRange(0, 9999)
        self.number.setSpecialValueText(self.tr("chưa có số (dự thảo)"))
        self.format = QComboBox()
        self.format.addItem(self.tr("PDF theo thể thức văn bản của Đảng"), "pdf")
        self.format.addItem(self.tr("Bảng tính Excel (.xlsx)"), "xlsx")
        self.open_after = QCheckBox(self.tr("Mở tệp sau khi xuất"))
        self.open_after.setChecked(True)
        for label, value in (
            ("6 tháng đầu năm", "h1"),
            ("6 tháng cuối năm", "h2"),
            ("Cả năm", "year"),
            ("Quý I", "q1"),
            ("Quý II", "q2"),
            ("Quý III", "q3"),
            ("Quý IV", "q4"),
            ("Tùy chọn", "custom"),
        ):
            self.preset.addItem(self.tr(label), value)

    def _lay_out(self) -> None:
        doc_box = QGroupBox()
        dl = QFormLayout(doc_box)
        dl.addRow(self.by_document)
        dl.addRow(self.tr("Văn bản:"), self.document)
        period_box = QGroupBox()
        pl = QFormLayout(period_box)
        pl.addRow(self.by_period)
        row = QHBoxLayout()
        row.addWidget(self.preset)
        row.addWidget(QLabel(self.tr("năm")))
        row.addWidget(self.year)
        row.addStretch(1)
        pl.addRow(self.tr("Kỳ báo cáo:"), row)
        span = QHBoxLayout()
        span.addWidget(QLabel(self.tr("từ")))
        span.addWidget(self.start)
        span.addWidget(QLabel(self.tr("đến")))
        span.addWidget(self.end)
        span.addStretch(1)
        pl.addRow("", span)
        pl.addRow(self.tr("Đơn vị chủ trì:"), self.unit)
        out = QFormLayout()
        out.addRow(self.tr("Số báo cáo:"), self.number)
        out.addRow(self.tr("Định dạng:"), self.format)
        out.addRow("", self.open_after)
        layout = QVBoxLayout(self)
        layout.addWidget(doc_box)
        layout.addWidget(period_box)
        layout.addLayout(out)
        box = ok_cancel_buttons(self, self.tr("Xuất báo cáo…"))
        self.ok = box.button(QDialogButtonBox.StandardButton.Ok)
        box.accepted.connect(self.choose_file)
        layout.addWidget(box)

    def _mode(self) -> None:
        doc = self.by_document.isChecked()
        self.document.setEnabled(doc)
        for w in (self.preset, self.year, self.unit):
            w.setEnabled(not doc)
        custom = self.preset.currentData() == "custom"
        self.start.setEnabled(not doc and custom)
        self.end.setEnabled(not doc and custom)

    def _apply_preset(self) -> None:
        y = self.year.value()
        spans = {
            "h1": (date(y, 1, 1), date(y, 6, 30)),
            "h2": (date(y, 7, 1), date(y, 12, 31)),
            "year": (date(y, 1, 1), date(y, 12, 31)),
            "q1": (date(y, 1, 1), date(y, 3, 31)),
            "q2": (date(y, 4, 1), date(y, 6, 30)),
            "q3": (date(y, 7, 1), date(y, 9, 30)),
            "q4": (date(y, 10, 1), date(y, 12, 31)),
        }
        span = spans.get(self.preset.currentData())
        if span is not None:
            self.start.set_value(span[0])
            self.end.set_value(span[1])
        self._mode()

    def default_name(self) -> str:
        ext = self.format.currentData()
        if self.by_document.isChecked():
            label = self.document.currentText().split(" — ")[0].replace("/", "-")
            return f"Báo cáo thực hiện {label}.{ext}"
        start, end = self.start.understood(), self.end.understood()
        if start is None or end is None:
            return f"Báo cáo thực hiện nhiệm vụ.{ext}"
        return f"Báo cáo thực hiện nhiệm vụ {start:%d-%m-%Y} đến {end:%d-%m-%Y}.{ext}"

    def build_request(self, path: str | Path) -> ReportRequest:
        doc = self.by_document.isChecked()
        return ReportRequest(
            kind="document" if doc else "period",
            document_id=self.document.currentData() if doc else None,
            start=None if doc else self.start.value(),
            end=None if doc else self.end.value(),
            unit_id=None if doc else self.unit.currentData(),
            number=self.number.value() or None,
            path=Path(path),
            open_after=self.open_after.isChecked(),
        )

    def choose_file(self) -> None:
        if not self.by_document.isChecked():
            try:
                self.start.value(), self.end.value()
            except KetLuanError as exc:
                dialogs.show_error(self, exc.message)
                return
        filters = (
            self.tr("PDF (*.pdf)")
            if self.format.currentData() == "pdf"
            else self.tr("Bảng tính Excel (*.xlsx)")
        )
        ext = "." + self.format.currentData()
        path = dialogs.save_file(
            self, self.tr("Lưu báo cáo"), "reports", self.default_name(), filters, ext
        )
        if not path:
            return
        self.request = self.build_request(path)
        self.accept()


def run_report(ctx, request: ReportRequest, on_done, on_error) -> int:
    """Build and write the report on the background runner (database work off the GUI thread)."""
    from ketluan_desktop.core.tasks import report as task_report
    from ketluan_desktop.core.tasks import report_export as task_export

    today, now = ctx.today(), ctx.now()

    def work() -> Path:
        with ctx.db.session() as s:
            if request.kind == "document":
                report = task_report.document_report(
                    s, request.document_id, today=today, number=request.number
                )
            else:
                report = task_report.period_report(
                    s,
                    request.start,
                    request.end,
                    today=today,
                    unit_id=request.unit_id,
                    number=request.number,
                )
            profile = task_export.office_profile(s)
        return task_export.export_report(report, request.path, profile=profile, now=now)

    return ctx.runner.run(work, on_done, on_error)

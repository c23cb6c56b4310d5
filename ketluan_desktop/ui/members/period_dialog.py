"""Choosing a reporting period: a small reusable dialog.

The editor's «Chèn số liệu thủ tục» uses it:

    from ketluan_desktop.ui.members.period_dialog import ask_procedure_sentence
    ask_procedure_sentence(ctx, parent, lambda text: text and cursor.insertText(text))

``PeriodPicker`` is the same choice as a widget (the figures page embeds it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.members import figures as stats
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.widgets.date_field import DateField
from ketluan_desktop.ui.workers import answer_to

CUSTOM = "custom"


class PeriodPicker(QWidget):
    """A preset ("6 tháng đầu năm 2024", "Năm 2024", "Quý III năm 2024" …) or any two dates."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("Kỳ báo cáo"))
        self.start = DateField(None, what=self.tr("Ngày đầu kỳ"), today=today)
        self.end = DateField(None, what=self.tr("Ngày cuối kỳ"), today=today)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("Từ ngày")))
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("đến ngày")))
        dates.addWidget(self.end)
        dates.addStretch(1)
        form.addRow(self.tr("Kỳ báo cáo:"), self.preset)
        form.addRow("", dates)
        self.fill(today)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.start.valueChanged.connect(self._dates_edited)
        self.end.valueChanged.connect(self._dates_edited)

    def fill(self, today: date) -> None:
        self.today = today
        self.preset.blockSignals(True)
        self.preset.clear()
        for p in stats.report_periods(today):
            self.preset.addItem(p.label, (p.start, p.end))
        self.preset.addItem(self.tr("Khoảng ngày khác…"), CUSTOM)
        self.preset.setCurrentIndex(0)
        self.preset.blockSignals(False)
        self._preset_chosen()

    def _preset_chosen(self) -> None:
        data = self.preset.currentData()
        if isinstance(data, tuple):
            for w, d in zip((self.start, self.end), data, strict=True):
                w.blockSignals(True)
                w.set_value(d)
                w.blockSignals(False)
        self.changed.emit()

    def _index_of(self, period: tuple[date, date] | None) -> int:
        for i in range(self.preset.count()):
            if period is not None and self.preset.itemData(i) == period:
                return i
        return -1

    def _dates_edited(self) -> None:
        idx = self._index_of(self.period())
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(idx if idx >= 0 else self.preset.count() - 1)
        self.preset.blockSignals(False)
        self.changed.emit()

    def set_period(self, start: date, end: date) -> None:
        for w, d in ((self.start, start), (self.end, end)):
            w.blockSignals(True)
            w.set_value(d)
            w.blockSignals(False)
        self._dates_edited()

    def period(self) -> tuple[date, date] | None:
        start, end = self.start.understood(), self.end.understood()
        if start is None or end is None:
            return None
        return start, end

    def label(self) -> str:
        data = self.preset.currentData()
        if isinstance(data, tuple):
            return self.preset.currentText()
        period = self.period()
        return stats.period_text(*period) if period else ""


class PeriodDialog(QDialog):
    def __init__(
        self, today: date, parent: QWidget | None = None, title: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Chọn kỳ báo cáo"))
        self.setMinimumWidth(460)
        v = QVBoxLayout(self)
        self.picker = PeriodPicker(today)
        v.addWidget(self.picker)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        v.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Chọn"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)

    def period(self) -> tuple[date, date] | None:
        return self.picker.period()

    def accept(self) -> None:
        period = self.period()
        if period is None:
            self.error.setText(self.tr("Hãy chọn đủ ngày bắt đầu và ngày kết thúc."))
            self.error.show()
            return
        if period[1] < period[0]:
            self.error.setText(self.tr("Ngày kết thúc phải sau ngày bắt đầu."))
            self.error.show()
            return
        super().accept()


def pick_period(today: date, parent: QWidget | None = None, title: str | None = None):
    """(start, end) chosen by the user, or None when cancelled."""
    dlg = PeriodDialog(today, parent, title)
    if not dialogs.exec_dialog(dlg):
        return None
    return dlg.period()


def ask_procedure_sentence(ctx, parent: QWidget | None, then: Callable[[str], None]) -> bool:
    """Ask for a period, then give ``then`` the report sentence of its member procedures, read
    on the runner's thread (the UI thread only paints).

    False when cancelled (``then`` is not called); the sentence is "" when nothing was approved
    or completed in the period (the caller may say so). It comes from the procedure records
    (``stats.procedure_sentence``).
    """
    title = QCoreApplication.translate("PeriodDialog", "Chèn số liệu thủ tục đảng viên")
    period = pick_period(ctx.today(), parent, title)
    if period is None:
        return False
    db = ctx.db

    def work() -> str:
        with db.session() as s:
            return stats.procedure_sentence(s, *period)

    ctx.runner.run(work, answer_to(parent, then) if parent is not None else then)
    return True

"""A small dialog to choose the period of the procedure figures ("6 tháng đầu năm 2024")."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.ui.widgets.date_field import DateField


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("PeriodDialog", text)


def presets(today: date) -> list[tuple[str, date, date]]:
    y = today.year
    out = []
    for year in (y, y - 1):
        out += [
            (_t("6 tháng đầu năm {y}").format(y=year), date(year, 1, 1), date(year, 6, 30)),
            (_t("6 tháng cuối năm {y}").format(y=year), date(year, 7, 1), date(year, 12, 31)),
            (_t("Cả năm {y}").format(y=year), date(year, 1, 1), date(year, 12, 31)),
        ]
    return out


class PeriodDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Chèn số liệu thủ tục đảng viên"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _t(
                "Chèn câu tổng hợp số liệu thủ tục đảng viên (kết luận tiêu chuẩn chính trị, kết "
                "nạp, chuyển đảng chính thức, huy hiệu, thẻ đảng viên, đi nước ngoài) của khoảng "
                "thời gian đã chọn vào vị trí con trỏ."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.preset = QComboBox()
        self._presets = presets(today)
        for label, _a, _b in self._presets:
            self.preset.addItem(label)
        self.preset.addItem(_t("Khoảng khác"))
        self.start = DateField(what=_t("Từ ngày"), optional=False, today=today)
        self.end = DateField(what=_t("Đến ngày"), optional=False, today=today)
        form.addRow(_t("&Kỳ:"), self.preset)
        form.addRow(_t("&Từ ngày:"), self.start)
        form.addRow(_t("Đế&n ngày:"), self.end)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_t("Chèn"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        first_half = 0 if today.month > 6 else 5
        self.preset.setCurrentIndex(first_half)
        self._preset_chosen(first_half)

    def _preset_chosen(self, index: int) -> None:
        if 0 <= index < len(self._presets):
            _label, a, b = self._presets[index]
            self.start.set_value(a)
            self.end.set_value(b)

    def period(self) -> tuple[date, date]:
        return self.start.value(), self.end.value()  # type: ignore[return-value]

    def accept(self) -> None:
        """Both dates must be dates before the sentence is inserted."""
        from ketluan_desktop.core.errors import KetLuanError
        from ketluan_desktop.ui import dialogs

        try:
            self.period()
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        super().accept()

"""Cài đặt quy định thủ tục đảng viên: every period and milestone the reminders use.

The rules were revised in 2025 (Quy định 294-QĐ/TW, Hướng dẫn 06-HD/TW): each number is a setting
with the 2021 rules' value as default, shared by every workstation using the database.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import KetLuanError, ValidationError
from ketluan_desktop.core.members import procedure_checks
from ketluan_desktop.core.org import settings
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.dialog_jobs import RunnerDialog

NUMBERS = [
    ("members.probation_months", "Thời gian dự bị (tháng)", 1, 60),
    ("members.probation_warning_days", "Nhắc trước khi hết dự bị (ngày)", 1, 180),
    (
        "members.conversion_working_days",
        "Hạn xét chuyển chính thức sau dự bị (ngày làm việc)",
        1,
        180,
    ),
    ("members.ceremony_working_days", "Hạn tổ chức lễ kết nạp (ngày làm việc)", 1, 180),
    (
        "members.return_report_working_days",
        "Hạn báo cáo sau chuyến đi nước ngoài (ngày làm việc)",
        1,
        90,
    ),
    ("members.badge_early_months", "Tặng Huy hiệu sớm cho người ốm nặng (tháng)", 0, 60),
    ("members.badge_early_long_from_years", "… từ mốc Huy hiệu (năm) được sớm hơn", 30, 100),
    ("members.badge_early_long_months", "… khi đó sớm tối đa (tháng)", 0, 60),
]


class RuleSettingsDialog(RunnerDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Quy định về thủ tục đảng viên"))
        self.setMinimumWidth(620)
        values: dict = {}  # filled when the settings arrive (``_show``)
        v = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Các mốc thời gian dưới đây dùng để nhắc việc. Mặc định theo quy định năm 2021; "
                "khi quy định mới (năm 2025) thay đổi con số, hãy sửa tại đây. Ngày làm việc không "
                "tính thứ Bảy, Chủ nhật và các ngày nghỉ lễ, Tết."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5b6370;")
        v.addWidget(note)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for key, label, lo, hi in NUMBERS:
            spin = QSpinBox()
            spin.setRange(lo, hi)
            spin.setValue(int(values.get(key) or settings.DEFAULTS[key]))
            spin.setAccessibleName(label)
            self.spins[key] = spin
            form.addRow(label + ":", spin)
        self.milestones = QLineEdit(
            ", ".join(str(x) for x in values.get("members.badge_milestones") or [])
        )
        self.milestones.setToolTip(
            self.tr("Các mốc Huy hiệu (năm tuổi Đảng), ngăn cách bằng dấu phẩy.")
        )
        form.addRow(self.tr("Các mốc Huy hiệu (năm):"), self.milestones)
        self.occasions = QLineEdit(", ".join(values.get("members.award_occasions") or []))
        self.occasions.setToolTip(self.tr("Các ngày trao Huy hiệu trong năm, dạng ngày/tháng."))
        form.addRow(self.tr("Ngày trao Huy hiệu:"), self.occasions)
        self.card_pattern = QLineEdit(values.get("members.card_number_pattern") or "")
        self.card_pattern.setPlaceholderText(self.tr("Để trống: không kiểm tra. Ví dụ: \\d{8}"))
        form.addRow(self.tr("Mẫu số thẻ đảng viên:"), self.card_pattern)
        v.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        v.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        defaults = QPushButton(self.tr("Trả về mặc định"))
        defaults.clicked.connect(self.restore_defaults)
        buttons.addButton(defaults, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.buttons = buttons
        db = ctx.db

        def work() -> dict:
            with db.session() as s:
                return settings.all_values(s)

        # The settings read on the runner's thread; the form and Lưu off until they are there.
        self.read(work, self._show, [*self.spins.values(), self.milestones, self.occasions,
                                     self.card_pattern, buttons])  # fmt: skip

    def _show(self, values: dict) -> None:
        for key, spin in self.spins.items():
            spin.setValue(int(values.get(key) or settings.DEFAULTS[key]))
        self.milestones.setText(
            ", ".join(str(x) for x in values.get("members.badge_milestones") or [])
        )
        self.occasions.setText(", ".join(values.get("members.award_occasions") or []))
        self.card_pattern.setText(values.get("members.card_number_pattern") or "")

    def restore_defaults(self) -> None:
        for key, spin in self.spins.items():
            spin.setValue(int(settings.DEFAULTS[key]))
        self.milestones.setText(
            ", ".join(str(x) for x in settings.DEFAULTS["members.badge_milestones"])
        )
        self.occasions.setText(", ".join(settings.DEFAULTS["members.award_occasions"]))
        self.card_pattern.clear()

    def _parsed(self) -> dict:
        out: dict = {key: spin.value() for key, spin in self.spins.items()}
        try:
            years = sorted({int(x) for x in re.split(r"[,;\s]+", self.milestones.text()) if x})
        except ValueError:
            raise ValidationError(
                "Các mốc Huy hiệu phải là số năm, ví dụ: 30, 40, 45, 50."
            ) from None
        if not years or any(y < 1 or y > 120 for y in years):
            raise ValidationError("Các mốc Huy hiệu phải là số năm từ 1 đến 120.")
        out["members.badge_milestones"] = years
        occasions = []
        for item in re.split(r"[,;\s]+", self.occasions.text()):
            if not item:
                continue
            m = re.fullmatch(r"(\d{1,2})/(\d{1,2})", item)
            if not m or not (1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12):
                raise ValidationError(
                    f"Ngày trao Huy hiệu «{item}» phải viết dạng ngày/tháng, ví dụ 19/5."
                )
            day, month = int(m.group(1)), int(m.group(2))
            if not procedure_checks.occurs_every_year(month, day):
                raise ValidationError(
                    f"Ngày trao Huy hiệu «{item}» không có trong mọi năm (tháng {month} không có "
                    f"ngày {day} hằng năm). Hãy chọn một ngày có trong mọi năm, ví dụ 19/5."
                )
            occasions.append(f"{day:02d}/{month:02d}")
        if not occasions:
            raise ValidationError("Cần ít nhất một ngày trao Huy hiệu.")
        out["members.award_occasions"] = occasions
        pattern = self.card_pattern.text().strip() or None
        if pattern:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValidationError(f"Mẫu số thẻ «{pattern}» không hợp lệ: {exc}.") from None
        out["members.card_number_pattern"] = pattern
        return out

    def accept(self) -> None:
        """Written on the runner's thread (the buttons off meanwhile), with its audit entry;
        accepted once written. A refusal is said in the dialog, which stays open as typed."""
        try:
            values = self._parsed()
        except KetLuanError as exc:
            self._refused(exc)
            return
        db, now = self.ctx.db, self.ctx.now()

        def work() -> None:
            with db.write_session() as s:
                changed = [k for k, val in values.items() if settings.get(s, k) != val]
                for key in changed:
                    settings.set_value(s, key, values[key])
                if changed:
                    audit.record(
                        s,
                        now=now,
                        action="update",
                        entity="setting",
                        summary="Sửa quy định thủ tục đảng viên",
                        changes={"keys": changed},
                    )

        self.write(
            work,
            lambda _r: QDialog.accept(self),
            self._refused,
            [self.buttons],
            notify=("members", "procedures"),
        )

    def _refused(self, exc: KetLuanError) -> None:
        self.error.setText(exc.message)
        self.error.show()

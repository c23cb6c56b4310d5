"""Cài đặt → Nơi nhận: the office's usual distribution list and the file-copy line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents import templates
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.org import settings
from ketluan_desktop.ui import dialogs


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("RecipientsTab", text)


class RecipientsTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        intro = QLabel(
            _t(
                "Danh sách nơi nhận thường dùng, mỗi dòng một nơi nhận (không cần gạch đầu dòng và "
                "dấu câu cuối dòng: trang văn bản tự thêm). Văn bản mới lấy sáu dòng đầu; các dòng "
                "khác chọn bằng «Thêm từ danh sách». Dòng lưu bản luôn ở cuối."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)
        self.lines = QPlainTextEdit()
        self.lines.setAccessibleName(_t("Nơi nhận thường dùng"))
        layout.addWidget(self.lines, 1)
        form = QFormLayout()
        self.file_copy = QLineEdit()
        self.file_copy.setAccessibleName(_t("Dòng lưu bản"))
        form.addRow(_t("Dòng lưu bản:"), self.file_copy)
        layout.addLayout(form)
        self.save_button = QPushButton(_t("Lưu danh sách"))
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.save_button)
        with ctx.db.session() as s:
            self.lines.setPlainText("\n".join(templates.usual_recipients(s)))
            self.file_copy.setText(templates.file_copy_line(s))

    def save(self) -> bool:
        names = self.lines.toPlainText().splitlines()
        copy = self.file_copy.text().strip()
        try:
            with self.ctx.db.write_session() as s:
                templates.set_usual_recipients(s, names)
                settings.set_value(s, templates.FILE_COPY_KEY, copy or None)
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return False
        self.ctx.notify("settings")
        return True

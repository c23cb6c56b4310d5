"""Cài đặt → Nơi nhận: the office's usual distribution list and the file-copy line, read and
written on the runner (issue 14: the UI thread only paints)."""

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
from ketluan_desktop.core.org import settings
from ketluan_desktop.ui.workers import answer_to, run_from, said_to


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
        self.reload()

    def reload(self) -> None:
        """The list read on the runner; the tab stays off until it has arrived."""
        db = self.ctx.db

        def work() -> tuple[list[str], str]:
            with db.session() as s:
                return templates.usual_recipients(s), templates.file_copy_line(s)

        self.setEnabled(False)
        self.ctx.runner.query(
            ("recipients", id(self)), work, answer_to(self, self._fill), said_to(self)
        )

    def _fill(self, found: tuple[list[str], str]) -> None:
        names, copy = found
        self.lines.setPlainText("\n".join(names))
        self.file_copy.setText(copy)
        self.setEnabled(True)

    def save(self) -> None:
        """Written on the runner, «Lưu danh sách» off meanwhile (a double click saves once)."""
        names = self.lines.toPlainText().splitlines()
        copy = self.file_copy.text().strip()
        db = self.ctx.db

        def work() -> None:
            with db.write_session() as s:
                templates.set_usual_recipients(s, names)
                settings.set_value(s, templates.FILE_COPY_KEY, copy or None)

        def done(_result) -> None:
            self.ctx.notify("settings")
            self.reload()  # as stored: blank lines and trailing marks dropped

        run_from(self.ctx.runner, [self.save_button], work, answer_to(self, done), said_to(self))

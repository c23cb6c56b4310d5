"""User errors become a plain dialog; bugs a crash dialog with details and the log file's path."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.logsetup import log_file_path
from ketluan_desktop.ui import dialogs

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("CrashDialog", text)


class CrashDialog(QDialog):
    def __init__(self, message: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Lỗi không mong đợi"))
        self.details = details
        layout = QVBoxLayout(self)
        intro = QLabel(
            _t(
                "Đã xảy ra lỗi chương trình. Dữ liệu đã lưu không bị ảnh hưởng. Hãy gửi nội dung "
                "dưới đây cho người hỗ trợ kỹ thuật.\n\nTệp nhật ký: {path}"
            ).format(path=log_file_path())
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(
            intro.textInteractionFlags() | intro.textInteractionFlags().TextSelectableByMouse
        )
        layout.addWidget(intro)
        msg = QLabel(message)
        msg.setWordWrap(True)
        layout.addWidget(msg)
        text = QPlainTextEdit(details)
        text.setReadOnly(True)
        text.setMinimumSize(560, 220)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(_t("Sao chép chi tiết"))
        copy.clicked.connect(self.copy_details)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)


def report_exception(
    exc: BaseException, tb: str | None = None, parent: QWidget | None = None
) -> None:
    if isinstance(exc, KetLuanError):
        dialogs.show_error(parent, exc.message)
        return
    storage = _storage_error(exc)
    if storage is not None:  # disk full, read-only, locked, corrupt: said plainly, not a crash
        log.warning("storage error: %s (%s)", type(storage).__name__, storage.detail)
        dialogs.show_error(parent, storage.message)
        return
    tb = tb or "".join(traceback.format_exception(exc))
    log.error("unhandled error: %s\n%s", exc, tb)
    dialogs.exec_dialog(CrashDialog(f"{type(exc).__name__}: {exc}", tb, parent))


def _storage_error(exc: BaseException):
    if "ketluan_desktop.core.db.errors" not in sys.modules and "sqlite3" not in sys.modules:
        return None  # nothing has touched a database yet
    from ketluan_desktop.core.db.errors import classify

    return classify(exc)


def install_excepthook() -> None:
    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report_exception(exc, "".join(traceback.format_exception(exc_type, exc, tb)))

    sys.excepthook = hook

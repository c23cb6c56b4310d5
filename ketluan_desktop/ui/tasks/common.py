"""Small helpers shared by the task screens: dates, opening files, clickable count chips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from ketluan_desktop.core.text.dates import format_date


def vn(d: date | None) -> str:
    return format_date(d)


def open_path(path: str | Path) -> bool:
    """Open a file with its program (an exported report, an attachment). Tests replace this."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_or_say(parent: QWidget | None, path: str | Path) -> bool:
    """Open the file with its program; when the system has none for it, say so in Vietnamese
    (openUrl only returns False: without this the click did nothing, silently)."""
    if open_path(path):
        return True
    from ketluan_desktop.ui import dialogs

    p = Path(path)
    dialogs.show_error(
        parent,
        "Không mở được tệp «{name}»: máy này chưa có chương trình mở tệp {ext}. Tệp đã được lưu "
        "trong thư mục {folder} — hãy mở tệp bằng chương trình phù hợp (trình đọc PDF, Excel…) "
        "hoặc nhờ bộ phận kỹ thuật cài chương trình đó.".format(
            name=p.name, ext=p.suffix.lstrip(".").upper() or "này", folder=p.parent
        ),
        "Không mở được tệp",
    )
    return False


def count_chip(text: str, color: str, parent: QWidget | None = None) -> QPushButton:
    """A count in the header strip that filters the list when clicked."""
    b = QPushButton(text, parent)
    b.setCheckable(True)
    b.setObjectName("countChip")
    b.setStyleSheet(
        f"QPushButton#countChip {{ border: 1px solid {color}; color: {color}; border-radius: 11px;"
        " padding: 2px 12px; font-weight: 600; background: white; }"
        f"QPushButton#countChip:checked {{ background: {color}; color: white; }}"
        f"QPushButton#countChip:hover:!checked {{ background: #f4f5f7; }}"
    )
    return b


def ok_cancel_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """OK (named ``ok_text``) and Hủy; Hủy rejects the dialog, OK is the caller's to connect."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Hủy"))
    box.rejected.connect(dialog.reject)
    return box

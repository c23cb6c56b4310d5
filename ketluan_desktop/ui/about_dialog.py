"""Giới thiệu: version, database, and the licences of the libraries the app is built on."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ketluan_desktop import APP_DISPLAY_NAME, __version__
from ketluan_desktop.core.info import LIBRARIES, library_versions


class AboutDialog(QDialog):
    def __init__(self, db_display: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Giới thiệu {app}").format(app=APP_DISPLAY_NAME))
        self.setMinimumWidth(560)
        v = QVBoxLayout(self)
        title = QLabel(f"<h2>{APP_DISPLAY_NAME} {__version__}</h2>")
        v.addWidget(title)
        text = QLabel(
            self.tr(
                "Phần mềm quản lý hội nghị, văn bản kết luận, nhiệm vụ và thủ tục đảng viên cho "
                "Văn phòng Đảng ủy Khối. Chạy không cần Internet.<br/><br/>"
                "Cơ sở dữ liệu: <b>{db}</b>"
            ).format(db=db_display)
        )
        text.setWordWrap(True)
        v.addWidget(text)
        versions = library_versions()
        table = QTableWidget(len(LIBRARIES), 3)
        table.setHorizontalHeaderLabels(
            [self.tr("Thư viện"), self.tr("Phiên bản"), self.tr("Giấy phép")]
        )
        for row, (name, licence) in enumerate(LIBRARIES):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(versions.get(name) or "—"))
            table.setItem(row, 2, QTableWidgetItem(licence))
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.setColumnWidth(0, 200)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        v.addWidget(table)
        qt_note = QLabel(self.tr("Giao diện dùng Qt for Python (PySide6) theo giấy phép LGPL-3.0."))
        qt_note.setWordWrap(True)
        v.addWidget(qt_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)

"""Cài đặt → «Sao lưu»: both places, the last good copy in each, and encryption.

Saved as soon as something changes (like the other self-saving tabs), in this workstation's
``backup.json``: the second place is a drive or share of this machine.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.backup import config
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.backup.confirm import when
from ketluan_desktop.ui.context import AppContext


class BackupSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cfg = config.load_config()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        primary_row = QHBoxLayout()
        self.primary = QLabel(str(config.primary_folder()))
        self.primary.setWordWrap(True)
        open_primary = QPushButton(self.tr("Mở thư mục"))
        open_primary.clicked.connect(self._open_primary)
        primary_row.addWidget(self.primary, 1)
        primary_row.addWidget(open_primary)
        form.addRow(self.tr("Thư mục sao lưu:"), primary_row)
        self.primary_state = QLabel()
        self.primary_state.setWordWrap(True)
        form.addRow("", self.primary_state)
        second_row = QHBoxLayout()
        self.second = QLineEdit()
        self.second.setReadOnly(True)
        self.second.setPlaceholderText(self.tr("Ổ khác, ổ USB hoặc thư mục chia sẻ trên mạng"))
        self.choose = QPushButton(self.tr("Chọn…"))
        self.clear = QPushButton(self.tr("Bỏ"))
        self.choose.clicked.connect(self.choose_second)
        self.clear.clicked.connect(self.clear_second)
        second_row.addWidget(self.second, 1)
        second_row.addWidget(self.choose)
        second_row.addWidget(self.clear)
        form.addRow(self.tr("Nơi sao lưu thứ hai:"), second_row)
        self.second_state = QLabel()
        self.second_state.setWordWrap(True)
        form.addRow("", self.second_state)
        self.encrypt = QCheckBox(
            self.tr("Mã hóa bản sao lưu bằng cụm mật khẩu (dữ liệu đảng viên)")
        )
        self.encrypt.toggled.connect(self._toggle_encryption)
        form.addRow("", self.encrypt)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Ứng dụng tự sao lưu sau lần thay đổi đầu tiên mỗi ngày và khi đóng cửa sổ, vào cả "
                "hai nơi; giữ 7 bản hằng ngày, 4 bản hằng tuần, 12 bản hằng tháng. Cụm mật khẩu "
                "không được lưu ở đâu: hãy ghi ra giấy và cất nơi an toàn."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5b6370;")
        layout.addWidget(note)
        layout.addStretch(1)
        self._load()

    def _database_id(self) -> str | None:
        from ketluan_desktop.core.backup.restore import current_database_id

        return current_database_id(self.ctx.db)

    def _load(self) -> None:
        self.second.setText(self.cfg.second_place or "")
        self.clear.setEnabled(bool(self.cfg.second_place))
        self.encrypt.blockSignals(True)
        self.encrypt.setChecked(self.cfg.encrypted)
        self.encrypt.blockSignals(False)
        db_id = self._database_id()
        for label, place in (
            (self.primary_state, config.PRIMARY),
            (self.second_state, config.SECOND),
        ):
            if place == config.SECOND and not self.cfg.second_place:
                label.setText(self.tr("Chưa chọn: nên chọn một ổ khác với ổ chứa dữ liệu."))
                continue
            st = config.place_state(db_id, place) if db_id else config.PlaceState()
            text = self.tr("Lần sao lưu tốt gần nhất: {at}").format(at=when(st.last_ok_at))
            if st.last_ok_file:
                text += f" ({st.last_ok_file})"
            if st.problem and (
                not st.last_ok_at or (st.problem_at or st.last_ok_at) > st.last_ok_at
            ):
                text += "\n" + self.tr("Lần gần nhất chưa được: {why}").format(why=st.problem)
            label.setText(text)

    def _save(self) -> None:
        try:
            config.save_config(self.cfg)
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
        self._load()

    def _open_primary(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(config.primary_folder())))

    def choose_second(self) -> None:
        folder = dialogs.get_folder(
            self, self.tr("Chọn nơi sao lưu thứ hai"), self.cfg.second_place or ""
        )
        if folder:
            self.cfg.second_place = folder
            self._save()

    def clear_second(self) -> None:
        self.cfg.second_place = None
        self._save()

    def _toggle_encryption(self, on: bool) -> None:
        from ketluan_desktop.core.backup import crypto

        if not on:
            self.cfg.key_bundle = None
            self._save()
            return
        first = dialogs.get_secret(self, self.tr("Cụm mật khẩu sao lưu"), self.tr("Cụm mật khẩu:"))
        second = (
            dialogs.get_secret(self, self.tr("Cụm mật khẩu sao lưu"), self.tr("Nhập lại:"))
            if first
            else None
        )
        if not first or first != second:
            if first:
                dialogs.show_error(self, self.tr("Hai lần nhập không giống nhau; chưa bật mã hóa."))
            self._load()
            return
        from ketluan_desktop.ui.workers import run_from

        def made(bundle) -> None:
            self.cfg.key_bundle = bundle
            self._save()

        def failed(exc: BaseException, tb: str) -> None:
            if not isinstance(exc, KetLuanError):
                from ketluan_desktop.ui.errors import report_exception

                report_exception(exc, tb, self)
            else:
                dialogs.show_error(self, exc.message)
            self._load()

        # Deriving the key from the passphrase (scrypt) is slow on purpose: off the UI thread.
        run_from(self.ctx.runner, [self.encrypt], lambda: crypto.new_key_bundle(first),
                 made, failed)  # fmt: skip

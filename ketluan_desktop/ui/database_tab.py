"""Settings → «Cơ sở dữ liệu»: a file on this machine, or the office's shared server.

«Kiểm tra kết nối» tries the server (in the background) and says what is there; «Dùng cơ sở dữ
liệu này» opens it, keeps the choice for this workstation (``core.db.connection``: no password in
any file; the password goes to the operating system's credential store) and switches the open
window to it. The same as ``ketluan db connect``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext


class DatabaseTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.local = QRadioButton(self.tr("Tệp trên máy này"))
        self.server = QRadioButton(self.tr("Máy chủ dùng chung (PostgreSQL trong mạng văn phòng)"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)

        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Tệp cơ sở dữ liệu"))
        browse = QPushButton(self.tr("Chọn tệp…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)

        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("ketluan")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("lưu trong kho mật khẩu của Windows"))
        self.tls = QCheckBox(self.tr("Bắt buộc mã hóa kết nối (TLS, sslmode=require)"))
        self.server_form = QWidget()
        form = QFormLayout(self.server_form)
        form.addRow(self.tr("Máy chủ:"), self.host)
        form.addRow(self.tr("Cổng:"), self.port)
        form.addRow(self.tr("Cơ sở dữ liệu:"), self.database)
        form.addRow(self.tr("Tên đăng nhập:"), self.user)
        form.addRow(self.tr("Mật khẩu:"), self.password)
        form.addRow("", self.tls)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Kiểm tra kết nối"))
        self.apply_button = QPushButton(self.tr("Dùng cơ sở dữ liệu này"))
        self.check_button.clicked.connect(self.check)
        self.apply_button.clicked.connect(self.apply)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)

        layout.addWidget(self.local)
        layout.addLayout(file_row)
        layout.addWidget(self.server)
        layout.addWidget(self.server_form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        note = QLabel(
            self.tr(
                "Nhiều máy dùng chung dữ liệu: dùng máy chủ PostgreSQL của văn phòng (hướng dẫn "
                "cài đặt cho cán bộ kỹ thuật: docs/may-chu-postgresql.md). Không đặt tệp dữ liệu "
                "trên ổ mạng."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5b6370;")
        layout.addWidget(note)
        layout.addStretch(1)
        self.local.toggled.connect(self._mode_changed)
        self._load()

    # ------------------------------------------------------------------------------ state
    def _load(self) -> None:
        from ketluan_desktop.core.db.connection import ServerConnection

        loc = self.ctx.db.location
        if loc.is_sqlite:
            self.local.setChecked(True)
            self.path.setText(str(loc.path or ""))
        else:
            self.server.setChecked(True)
            current = ServerConnection.from_url(loc.url)
            self.host.setText(current.host)
            self.port.setValue(current.port)
            self.database.setText(current.database)
            self.user.setText(current.user)
            self.tls.setChecked(current.sslmode in ("require", "verify-full"))
        self._mode_changed()

    def _mode_changed(self) -> None:
        server = self.server.isChecked()
        self.server_form.setEnabled(server)
        self.path.setEnabled(not server)
        self.check_button.setEnabled(server)

    def _browse(self) -> None:
        chosen = dialogs.get_save_file(
            self, self.tr("Tệp cơ sở dữ liệu"), self.path.text(), "KếtLuận (*.db)"
        )
        if chosen:
            self.path.setText(chosen)

    def server_connection(self):
        from ketluan_desktop.core.db.connection import ServerConnection

        return ServerConnection(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            sslmode="require" if self.tls.isChecked() else "prefer",
        )

    def _show(self, text: str, ok: bool) -> None:
        self.status.setStyleSheet("color: #107c10;" if ok else "color: #a4262c;")
        self.status.setText(text)

    def _failed(self, exc: BaseException, tb: str) -> None:
        if isinstance(exc, KetLuanError):
            self._show(exc.message, False)
        else:
            from ketluan_desktop.ui.errors import report_exception

            report_exception(exc, tb, self)

    # ------------------------------------------------------------------------------ actions
    def check(self) -> None:
        from ketluan_desktop.core.db import connection

        try:
            server = self.server_connection()
        except KetLuanError as exc:
            self._show(exc.message, False)
            return
        password = self.password.text() or connection.get_password(server)
        self._show(self.tr("Đang kiểm tra kết nối…"), True)
        self.ctx.runner.run(
            lambda: connection.check_connection(server.url(password)),
            lambda check: self._show(check.describe(), True),
            self._failed,
        )

    def apply(self) -> None:
        from pathlib import Path

        from ketluan_desktop.core.db import connection, open_database

        try:
            if self.server.isChecked():
                server = self.server_connection()
                password = self.password.text() or connection.get_password(server)
                target = server.url(password).render_as_string(hide_password=False)
                choice = connection.Choice(server=server)
            else:
                text = self.path.text().strip()
                target = str(Path(text).expanduser().absolute()) if text else None
                choice = connection.Choice(path=Path(target) if target else None)
                password = None
        except KetLuanError as exc:
            self._show(exc.message, False)
            return

        def work(create: bool = False):
            if self.server.isChecked():
                connection.check_connection(choice.server.url(password))
            return open_database(target, create=create)

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.core.db.errors import MissingDatabaseError
            from ketluan_desktop.ui.database_start import ask_to_create

            if isinstance(exc, MissingDatabaseError) and ask_to_create(self, exc):
                self.ctx.runner.run(lambda: work(create=True), done, self._failed)
                return
            self._failed(exc, tb)

        def done(db) -> None:
            try:
                if choice.server is not None and password:
                    connection.set_password(choice.server, password)
                connection.save_choice(choice)
            except KetLuanError as exc:
                db.dispose()
                self._show(exc.message, False)
                return
            self.password.clear()
            self.ctx.replace_database(db)
            self.ctx.notify("*")
            self._show(
                self.tr("Đang dùng {where} (lược đồ {rev}).").format(
                    where=db.location.display, rev=db.revision
                ),
                True,
            )

        self._show(self.tr("Đang mở cơ sở dữ liệu…"), True)
        self.ctx.runner.run(work, done, failed)

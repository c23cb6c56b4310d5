"""Đăng nhập on a shared database, and «Mở khóa» after the idle lock: the password is checked on
the runner's thread (Argon2 takes a moment, and the server is a network away)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ketluan_desktop import APP_DISPLAY_NAME
from ketluan_desktop.ui.style import set_text_role


class SignInDialog(QDialog):
    """``username`` given: the lock's form (the name fixed, only the password asked)."""

    def __init__(self, ctx, parent=None, *, username: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome = None
        self.locking = username is not None
        self.setWindowTitle(
            self.tr("Mở khóa — {app}") if self.locking else self.tr("Đăng nhập — {app}")
        )
        self.setWindowTitle(self.windowTitle().format(app=APP_DISPLAY_NAME))
        self.setMinimumWidth(440)
        where = ctx.db.location.display
        intro = QLabel(
            self.tr(
                "Màn hình đã khóa vì lâu không dùng. Nhập mật khẩu của «{u}» để tiếp tục."
            ).format(u=username)
            if self.locking
            else self.tr(
                "Cơ sở dữ liệu dùng chung {where}: mỗi người đăng nhập bằng tài khoản của mình."
            ).format(where=where)
        )
        intro.setWordWrap(True)
        self.username = QLineEdit(username or "")
        self.username.setObjectName("signInUser")
        self.username.setReadOnly(self.locking)
        self.password = QLineEdit()
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_text_role(self.message, "errorText")
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(
            self.tr("Mở khóa") if self.locking else self.tr("Đăng nhập"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok.setObjectName("signInButton")
        self.ok.setDefault(True)
        if not self.locking:
            self.buttons.addButton(self.tr("Thoát"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_sign_in)
        self.password.returnPressed.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        (self.password if self.locking or username else self.username).setFocus()

    def keyPressEvent(self, event) -> None:
        if self.locking and event.key() == Qt.Key.Key_Escape:
            return  # the lock is not dismissed without the password
        super().keyPressEvent(event)

    def try_sign_in(self) -> None:
        from ketluan_desktop.core.access import accounts

        if not self.ok.isEnabled():  # a check is already under way (Return pressed twice)
            return
        user, password = self.username.text().strip(), self.password.text()
        if not user or not password:
            self._show(self.tr("Hãy nhập tên đăng nhập và mật khẩu."))
            return
        self.ok.setEnabled(False)
        db, now = self.ctx.db, self.ctx.now()
        self.ctx.runner.run(
            lambda: accounts.sign_in(db, user, password, now=now), self._done, self._failed
        )

    def _done(self, outcome) -> None:
        self.outcome = outcome
        self.accept()

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.core.errors import KetLuanError

        self.ok.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, KetLuanError):
            self._show(exc.message)
            return
        from ketluan_desktop.ui.errors import report_exception

        report_exception(exc, tb, self)

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.adjustSize()  # room for the message: the form's labels are never squeezed

"""Công cụ → «Tài khoản và vai trò» (the administrator): accounts, their roles and state, a new
account, a password reset, the office's names for the roles, the idle-lock time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ketluan_desktop.core.access.permissions import DEFAULT_ROLE_NAMES, Role
from ketluan_desktop.core.text.dates import format_moment
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.style import bold_header
from ketluan_desktop.ui.workers import answer_to, run_from

COLUMNS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị", "Trạng thái", "Đăng nhập gần nhất")
EVERY_UNIT = "(mọi đơn vị)"
UNIT_TIP = (
    "Chuyên viên chỉ cập nhật được nhiệm vụ của đơn vị mình; «(mọi đơn vị)»: nhiệm vụ của mọi "
    "đơn vị."
)


def fill_units(box: QComboBox, units: list[tuple[int, str]]) -> None:
    """«(mọi đơn vị)» then the organisation's units, indented as in its tree."""
    box.clear()
    box.addItem(EVERY_UNIT, None)
    for unit_id, label in units:
        box.addItem(label, unit_id)
    box.setToolTip(UNIT_TIP)


class NewAccountDialog(QDialog):
    def __init__(
        self, role_names: dict[str, str], units: list[tuple[int, str]] | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thêm tài khoản"))
        self.username = QLineEdit()
        self.username.setPlaceholderText("vd. vanthu2")
        self.full_name = QLineEdit()
        self.role = QComboBox()
        for key, name in role_names.items():
            self.role.addItem(name, key)
        self.unit = QComboBox()
        fill_units(self.unit, units or [])
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Họ và tên"), self.full_name)
        form.addRow(self.tr("Vai trò"), self.role)
        form.addRow(self.tr("Đơn vị (chuyên viên)"), self.unit)
        form.addRow(self.tr("Mật khẩu ban đầu"), self.password)
        note = QLabel(self.tr("Người dùng sẽ phải đổi mật khẩu khi đăng nhập lần đầu."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AccountsDialog(QDialog):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list = []
        self.units: list[tuple[int, str]] = []
        self.names: dict[str, str] = {r.value: n for r, n in DEFAULT_ROLE_NAMES.items()}
        self.setWindowTitle(self.tr("Tài khoản và vai trò"))
        self.resize(980, 620)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("accountsTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        bold_header(self.table)
        self.add_button = QPushButton(self.tr("Thêm tài khoản…"))
        self.reset_button = QPushButton(self.tr("Đặt lại mật khẩu…"))
        self.toggle_button = QPushButton(self.tr("Khóa / mở tài khoản"))
        self.role_box = QComboBox()
        self.role_button = QPushButton(self.tr("Đổi vai trò"))
        self.unit_box = QComboBox()
        self.unit_box.setMinimumContentsLength(24)
        self.unit_button = QPushButton(self.tr("Đổi đơn vị"))
        self.unit_button.setToolTip(self.tr(UNIT_TIP))
        actions = QHBoxLayout()
        for w in (self.add_button, self.reset_button, self.toggle_button):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(QLabel(self.tr("Vai trò:")))
        actions.addWidget(self.role_box)
        actions.addWidget(self.role_button)
        actions.addWidget(QLabel(self.tr("Đơn vị:")))
        actions.addWidget(self.unit_box)
        actions.addWidget(self.unit_button)

        roles = QGroupBox(self.tr("Tên các vai trò trong văn phòng"))
        grid = QFormLayout(roles)
        self.name_edits: dict[str, QLineEdit] = {}
        for role in Role:
            edit = QLineEdit(self.names[role.value])
            self.name_edits[role.value] = edit
            grid.addRow(f"{DEFAULT_ROLE_NAMES[role]} ({role.value})", edit)
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setSuffix(self.tr(" phút"))
        grid.addRow(self.tr("Tự khóa màn hình sau"), self.idle)
        self.save_names = QPushButton(self.tr("Lưu tên vai trò và thời gian tự khóa"))
        grid.addRow(self.save_names)
        self.status = QLabel()
        close = QPushButton(self.tr("Đóng"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(actions)
        lay.addWidget(roles)
        lay.addLayout(bottom)
        self.add_button.clicked.connect(self.add_account)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.role_button.clicked.connect(self.change_role)
        self.unit_button.clicked.connect(self.change_unit)
        self.table.currentCellChanged.connect(lambda *_: self._show_current())
        self.save_names.clicked.connect(self.save_settings)
        close.clicked.connect(self.accept)
        self.reload()

    def reload(self) -> None:
        from ketluan_desktop.core.access import accounts
        from ketluan_desktop.core.org import units

        db = self.ctx.db

        def work():
            with db.session() as s:
                return (
                    accounts.list_accounts(s),
                    accounts.role_names(s),
                    accounts.idle_lock_minutes(s),
                    units.choices(s),
                )

        self.ctx.runner.query(
            ("accounts", id(self)),
            work,
            answer_to(self, self._arrived),
            answer_to(self, self._failed),
        )

    def _arrived(self, answer) -> None:
        from ketluan_desktop.core.clock import VN_TZ

        self.rows, self.names, minutes, self.units = answer
        now = self.ctx.now()
        self.table.setRowCount(len(self.rows))
        for i, a in enumerate(self.rows):
            state = self.tr("Đang dùng")
            if not a.active:
                state = self.tr("Đã khóa hẳn")
            elif a.locked_until is not None and a.locked_until > now:
                state = self.tr("Tạm khóa (nhập sai mật khẩu)")
            elif a.must_change_password:
                state = self.tr("Chờ đổi mật khẩu")
            last = format_moment(a.last_sign_in.astimezone(VN_TZ)) if a.last_sign_in else ""
            unit = a.unit_name or ""
            for j, v in enumerate((a.username, a.full_name, a.role_name, unit, state, last)):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.role_box.clear()
        for key, name in self.names.items():
            self.role_box.addItem(name, key)
            self.name_edits[key].setText(name)
        fill_units(self.unit_box, self.units)
        self.idle.setValue(minutes)
        self._show_current()
        self.status.setText(self.tr("{n} tài khoản").format(n=len(self.rows)))

    def _show_current(self) -> None:
        """The selected account's role and unit in the boxes beside their buttons."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        a = self.rows[row]
        self.role_box.setCurrentIndex(max(0, self.role_box.findData(a.role)))
        self.unit_box.setCurrentIndex(max(0, self.unit_box.findData(a.unit_id)))

    def _selected(self):
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            return self.rows[row]
        dialogs.show_info(self, self.tr("Hãy chọn một tài khoản trong danh sách."))
        return None

    def _write(self, work, message: str) -> None:
        """On the runner, every action button off until it is over (a double click acts once)."""
        db, now = self.ctx.db, self.ctx.now()

        def run():
            with db.write_session() as s:
                work(s, now)

        def done(_=None) -> None:
            self.status.setText(message)
            self.reload()

        buttons = [
            self.add_button,
            self.reset_button,
            self.toggle_button,
            self.role_button,
            self.unit_button,
            self.save_names,
        ]
        run_from(
            self.ctx.runner, buttons, run, answer_to(self, done), answer_to(self, self._failed)
        )

    def add_account(self) -> None:
        from ketluan_desktop.core.access import accounts

        dlg = NewAccountDialog(self.names, self.units, self)
        if not dialogs.exec_dialog(dlg):
            return
        u, n, r, p, unit = (
            dlg.username.text(),
            dlg.full_name.text(),
            dlg.role.currentData(),
            dlg.password.text(),
            dlg.unit.currentData(),
        )
        self._write(
            lambda s, now: accounts.create_account(s, u, n, r, p, now=now, unit_id=unit),
            self.tr("Đã tạo tài khoản «{u}».").format(u=u.strip().lower()),
        )

    def reset_password(self) -> None:
        from ketluan_desktop.core.access import accounts

        a = self._selected()
        if a is None:
            return
        p = dialogs.get_secret(
            self,
            self.tr("Đặt lại mật khẩu"),
            self.tr("Mật khẩu tạm thời cho «{u}»:").format(u=a.username),
        )
        if not p:
            return
        self._write(
            lambda s, now: accounts.reset_password(s, a.id, p, now=now),
            self.tr("Đã đặt lại mật khẩu và mở khóa «{u}».").format(u=a.username),
        )

    def toggle_active(self) -> None:
        from ketluan_desktop.core.access import accounts

        a = self._selected()
        if a is None:
            return
        self._write(
            lambda s, now: accounts.update_account(s, a.id, active=not a.active, now=now),
            self.tr("Đã cập nhật tài khoản «{u}».").format(u=a.username),
        )

    def change_role(self) -> None:
        from ketluan_desktop.core.access import accounts

        a = self._selected()
        if a is None:
            return
        role = self.role_box.currentData()
        self._write(
            lambda s, now: accounts.update_account(s, a.id, role=role, now=now),
            self.tr("Đã đổi vai trò của «{u}».").format(u=a.username),
        )

    def change_unit(self) -> None:
        from ketluan_desktop.core.access import accounts

        a = self._selected()
        if a is None:
            return
        unit = self.unit_box.currentData()
        self._write(
            lambda s, now: accounts.set_unit(s, a.id, unit, now=now),
            self.tr("Đã đổi đơn vị của «{u}» thành «{n}».").format(
                u=a.username, n=self.unit_box.currentText().strip()
            ),
        )

    def save_settings(self) -> None:
        from ketluan_desktop.core.access import accounts

        names = {k: e.text() for k, e in self.name_edits.items()}
        minutes = self.idle.value()

        def work(s, now):
            accounts.set_role_names(s, names, now=now)
            accounts.set_idle_lock_minutes(s, minutes, now=now)

        self._write(work, self.tr("Đã lưu tên vai trò và thời gian tự khóa."))

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.core.errors import KetLuanError

        if isinstance(exc, KetLuanError):
            dialogs.show_error(self, exc.message)
            return
        from ketluan_desktop.ui.errors import report_exception

        report_exception(exc, tb, self)

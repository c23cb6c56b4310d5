"""The question before a restore, and the restore itself as a background job."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.text.dates import format_moment
from ketluan_desktop.ui.context import AppContext

SHOWN = (("document", "Văn bản"), ("task", "Nhiệm vụ"), ("member", "Đảng viên"),
         ("meeting", "Hội nghị"))  # fmt: skip


def when(dt: datetime | None) -> str:
    return format_moment(dt) if dt else "—"


class RestoreConfirmDialog(QDialog):
    def __init__(self, path: Path, header, counts, current_id, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Khôi phục bản sao lưu"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Bản sao lưu lúc {at} (KếtLuận {version}) sẽ thay toàn bộ dữ liệu hiện tại. Dữ liệu "
                "hiện tại được giữ lại thành một bản sao trước khi khôi phục."
            ).format(at=when(header.created_at), version=header.app_version)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(SHOWN), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Bản sao lưu"), self.tr("Hiện tại")])
        self.table.setVerticalHeaderLabels([self.tr(label) for _t, label in SHOWN])
        for row, (table, _label) in enumerate(SHOWN):
            self.table.setItem(row, 0, QTableWidgetItem(str(header.counts.get(table, 0))))
            now_n = "—" if counts is None else str(counts.get(table, 0))
            self.table.setItem(row, 1, QTableWidgetItem(now_n))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().length()
            + 2 * self.table.frameWidth()
        )
        layout.addWidget(self.table)
        if current_id and header.database_id and current_id != header.database_id:
            warn = QLabel(self.tr("Lưu ý: bản sao này là của một cơ sở dữ liệu KHÁC."))
            warn.setStyleSheet("color: #a33;")
            layout.addWidget(warn)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        if header.encrypted:
            form = QFormLayout()
            form.addRow(self.tr("Cụm mật khẩu sao lưu:"), self.secret)
            layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Khôi phục"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)  # Enter never replaces the office's data
        self.ok.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.encrypted = header.encrypted

    def passphrase(self) -> str | None:
        return self.secret.text() if self.encrypted else None


def restore_job(ctx: AppContext, path: Path, passphrase: str | None):
    """A job for ``ctx.runner``: close this window's connections, restore, reopen.

    Returns (result, error, reopened database); the database is reopened even when the restore
    was refused, so the window always has one."""
    from ketluan_desktop.core.access.actor import actor_of
    from ketluan_desktop.core.backup import restore
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.errors import KetLuanError

    location, now, actor = ctx.db.location, ctx.now(), actor_of(ctx.db)
    target = (
        str(location.path)
        if location.path is not None
        else location.url.render_as_string(hide_password=False)
    )

    def job():
        ctx.db.dispose()
        result, error = None, None
        try:
            result = restore.restore(location, path, now=now, by=actor, passphrase=passphrase)
        except KetLuanError as exc:
            error = exc
        return result, error, open_database(target)

    return job

"""Công cụ → «Sao lưu & khôi phục»: the copies in both places, «Sao lưu ngay», and restore.

Restoring first shows what the copy holds against the current database (date; documents, tasks,
members, meetings), says that the current database will be kept as a copy, asks for the
passphrase of an encrypted copy, and defaults to «Hủy». The work runs in the background; the
window then reopens the restored database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.backup.confirm import RestoreConfirmDialog, when
from ketluan_desktop.ui.context import AppContext

COLUMNS = ("Ngày giờ", "Nơi", "Phiên bản", "Mã hóa", "Văn bản", "Nhiệm vụ", "Đảng viên", "Tệp")


class BackupDialog(QDialog):
    def __init__(self, ctx: AppContext, scheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.scheduler = ctx, scheduler
        self.setWindowTitle(self.tr("Sao lưu & khôi phục"))
        self.resize(980, 520)
        layout = QVBoxLayout(self)
        self.places_label = QLabel()
        self.places_label.setWordWrap(True)
        self.places_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.places_label)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.tree, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Sao lưu ngay"))
        self.restore_button = QPushButton(self.tr("Khôi phục bản đã chọn…"))
        self.file_button = QPushButton(self.tr("Khôi phục từ tệp…"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_from_file)
        for b in (self.backup_button, self.restore_button, self.file_button):
            row.addWidget(b)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.copies: list = []
        self._update_buttons()
        self.refresh()

    # -- the list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        from ketluan_desktop.core.backup import config, restore, service

        db = self.ctx.db

        def load():
            db_id = service.ensure_database_id(db)
            cfg = config.load_config()
            states = {p: config.place_state(db_id, p) for p, _f in service.places(cfg)}
            return db_id, cfg, states, restore.list_copies(db_id, cfg)

        self.status.setText(self.tr("Đang đọc danh sách bản sao lưu…"))
        self.scheduler.runner.run(load, self._show, self._failed)

    def _show(self, loaded) -> None:
        from ketluan_desktop.core.backup import config, service

        _db_id, cfg, states, copies = loaded
        lines = []
        for place, folder in service.places(cfg):
            st = states[place]
            line = self.tr("{label}: {folder} — lần sao lưu tốt gần nhất: {at}").format(
                label=self.tr(config.PLACE_LABELS[place]), folder=folder, at=when(st.last_ok_at)
            )
            if st.problem and (
                not st.last_ok_at or (st.problem_at or st.last_ok_at) > st.last_ok_at
            ):
                line += self.tr(" (lần gần nhất chưa được: {why})").format(why=st.problem)
            lines.append(line)
        if not cfg.second_place:
            lines.append(self.tr("Chưa chọn nơi sao lưu thứ hai (Công cụ → Cài đặt → Sao lưu)."))
        self.places_label.setText("\n".join(lines))
        self.copies = copies
        self.tree.clear()
        for c in copies:
            h = c.header
            cells = [
                when(c.taken_at),
                self.tr("thư mục dữ liệu") if c.place == config.PRIMARY else self.tr("nơi thứ hai"),
                h.app_version if h else "—",
                (self.tr("có") if h.encrypted else self.tr("không")) if h else "—",
                *(str(h.counts.get(t, 0)) if h else "—" for t in ("document", "task", "member")),
                c.path.name
                if h
                else self.tr("{name} — HỎNG: {why}").format(name=c.path.name, why=c.problem),
            ]
            item = QTreeWidgetItem(cells)
            item.setToolTip(len(cells) - 1, str(c.path))
            self.tree.addTopLevelItem(item)
        for i in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(i)
        if copies:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.status.setText(
            self.tr("{n} bản sao lưu.").format(n=len(copies)) if copies
            else self.tr("Chưa có bản sao lưu nào của cơ sở dữ liệu này.")
        )  # fmt: skip
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = (
            self.tree.indexOfTopLevelItem(self.tree.currentItem())
            if self.tree.currentItem()
            else -1
        )
        usable = 0 <= row < len(self.copies) and self.copies[row].header is not None
        self.restore_button.setEnabled(usable)

    # -- actions -------------------------------------------------------------------------------
    def backup_now(self) -> None:
        self.backup_button.setEnabled(False)
        self.status.setText(self.tr("Đang sao lưu…"))

        def done(result) -> None:
            self.backup_button.setEnabled(True)
            if result is not None:
                self.status.setText(self.scheduler.describe(result))
            self.refresh()

        self.scheduler.backup_now(on_done=done)

    def restore_selected(self) -> None:
        row = self.tree.indexOfTopLevelItem(self.tree.currentItem())
        if 0 <= row < len(self.copies):
            self.restore_file(self.copies[row].path)

    def restore_from_file(self) -> None:
        from ketluan_desktop.core.backup import config

        path = dialogs.open_file(
            self, self.tr("Chọn bản sao lưu"), "backup",
            self.tr("Bản sao lưu KếtLuận (*.klbak)"), first=str(config.primary_folder()),
        )  # fmt: skip
        if path:
            self.restore_file(Path(path))

    def restore_file(self, path: Path) -> None:
        from ketluan_desktop.core.backup import container, restore

        location = self.ctx.db.location
        db = self.ctx.db

        def inspect():
            header = container.read_header(path)
            restore.check_restorable(header, location)
            return header, restore.current_counts(db), restore.current_database_id(db)

        def confirm(found) -> None:
            header, counts, current_id = found
            dialog = RestoreConfirmDialog(path, header, counts, current_id, self)
            if dialogs.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
                self.status.setText(self.tr("Đã hủy khôi phục; không có gì thay đổi."))
                return
            self._run_restore(path, dialog.passphrase())

        self.ctx.runner.run(inspect, confirm, self._failed)

    def _run_restore(self, path: Path, passphrase: str | None) -> None:
        from ketluan_desktop.ui.backup.confirm import restore_job

        self.status.setText(self.tr("Đang khôi phục…"))
        self.setEnabled(False)
        job = restore_job(self.ctx, path, passphrase)

        def done(outcome) -> None:
            result, error, new_db = outcome
            self.ctx.replace_database(new_db)
            self.ctx.notify("*")
            self.setEnabled(True)
            if error is not None:
                self._failed(error, "")
                return
            kept = result.kept_copy or result.kept_damaged
            dialogs.show_info(
                self,
                self.tr(
                    "Đã khôi phục dữ liệu về bản sao lưu lúc {at}.\n\nDữ liệu ngay trước khi khôi "
                    "phục được giữ tại:\n{kept}"
                ).format(at=when(result.header.created_at), kept=kept or "—"),
                self.tr("Khôi phục xong"),
            )
            self.refresh()

        self.ctx.runner.run(job, done, self._failed)

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        self.setEnabled(True)
        self.status.setText("")
        report_exception(exc, tb or None, self)

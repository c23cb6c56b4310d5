"""Cài đặt: the issuing body, its parent, the place name, the default signer, where data lives;
read and written on the runner (issue 14: the UI thread only paints)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core import paths
from ketluan_desktop.core.errors import NotFoundError
from ketluan_desktop.core.org import organisations as org_service
from ketluan_desktop.core.org import settings
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.workers import answer_to, run_from, said_to


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Cài đặt"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        self.tabs = self._build_tabs(self._build_form(ctx))
        layout.addWidget(self.tabs)
        layout.addWidget(self._build_buttons())
        self._load()

    def _build_form(self, ctx: AppContext) -> QFormLayout:
        """The «Cơ quan» tab's fields: the issuing body, the start screen, where data lives."""
        form = QFormLayout()
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText(self.tr("Ví dụ: Đảng ủy Khối các cơ quan tỉnh"))
        self.symbol = QLineEdit()
        self.symbol.setPlaceholderText(self.tr("Ví dụ: ĐUK"))
        self.symbol.setMaximumWidth(140)
        self.parent_body = QLineEdit()
        self.parent_body.setPlaceholderText(self.tr("Ví dụ: Đảng bộ tỉnh Thái Nguyên"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Ví dụ: Thái Nguyên"))
        self.signer = QComboBox()
        form.addRow(self.tr("Tên cơ quan ban hành:"), self.issuer)
        form.addRow(self.tr("Ký hiệu cơ quan:"), self.symbol)
        form.addRow(self.tr("Cơ quan cấp trên:"), self.parent_body)
        form.addRow(self.tr("Địa danh ghi ngày tháng:"), self.place)
        form.addRow(self.tr("Người ký mặc định:"), self.signer)
        self.start_workspace = QComboBox()  # this workstation's, kept in its preferences
        self.start_workspace.setAccessibleName(self.tr("Màn hình khi mở chương trình"))
        for key, label in (
            ("overview", self.tr("Tổng quan")),
            ("meetings", self.tr("Hội nghị & văn bản")),
            ("tasks", self.tr("Nhiệm vụ")),
            ("members", self.tr("Đảng viên & thủ tục")),
            ("search", self.tr("Tra cứu")),
            ("last", self.tr("Màn hình đang xem khi đóng lần trước")),
        ):
            self.start_workspace.addItem(label, key)
        form.addRow(self.tr("Màn hình khi mở chương trình:"), self.start_workspace)
        data_row = QHBoxLayout()
        self.data_dir = QLabel(str(paths.data_dir()))
        self.data_dir.setWordWrap(True)
        open_btn = QPushButton(self.tr("Mở thư mục"))
        open_btn.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))
        )
        data_row.addWidget(self.data_dir, 1)
        data_row.addWidget(open_btn)
        form.addRow(self.tr("Thư mục dữ liệu:"), data_row)
        db_label = QLabel(ctx.db.location.display)
        db_label.setWordWrap(True)
        form.addRow(self.tr("Cơ sở dữ liệu:"), db_label)
        return form

    def _build_tabs(self, form: QFormLayout) -> QTabWidget:
        ctx = self.ctx
        tabs = QTabWidget()
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Tên cơ quan được ghi trên văn bản từ nay về sau; văn bản đã ban hành giữ nguyên tên "
                "tại thời điểm ban hành."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5b6370;")
        general_layout.addWidget(note)
        general_layout.addStretch(1)
        from ketluan_desktop.ui.signing.settings_tab import SigningSettingsTab

        self.signing_tab = SigningSettingsTab(ctx, self)
        tabs.addTab(general, self.tr("Cơ quan"))
        tabs.addTab(self.signing_tab, self.tr("Chữ ký số"))
        from ketluan_desktop.ui.tasks.units_tab import UnitsTab

        self.units_tab = UnitsTab(ctx, self)  # saves each change itself, not with «Lưu»
        tabs.addTab(self.units_tab, self.tr("Đơn vị"))
        self._add_document_tabs(tabs)
        from ketluan_desktop.ui.database_tab import DatabaseTab

        self.database_tab = DatabaseTab(ctx, self)  # applies itself, not with «Lưu»
        tabs.addTab(self.database_tab, self.tr("Cơ sở dữ liệu"))

        from ketluan_desktop.ui.backup.settings_tab import BackupSettingsTab

        self.backup_tab = BackupSettingsTab(ctx, self)  # saves each change itself
        tabs.addTab(self.backup_tab, self.tr("Sao lưu"))
        return tabs

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    def _add_document_tabs(self, tabs: QTabWidget) -> None:
        """Terms, layout profiles, usual recipients: each saves its own changes."""
        from ketluan_desktop.ui.documents.profiles_tab import ProfilesTab
        from ketluan_desktop.ui.documents.recipients_tab import RecipientsTab
        from ketluan_desktop.ui.register.terms_tab import TermsTab

        self.terms_tab = TermsTab(self.ctx, self)
        self.profiles_tab = ProfilesTab(self.ctx, self)
        self.recipients_tab = RecipientsTab(self.ctx, self)
        tabs.addTab(self.terms_tab, self.tr("Nhiệm kỳ"))
        tabs.addTab(self.profiles_tab, self.tr("Mẫu trình bày"))
        tabs.addTab(self.recipients_tab, self.tr("Nơi nhận"))
        self.resize(900, 680)  # the layout profile form needs the room

    def _load(self) -> None:
        """The issuing body and the signers read on the runner; «Lưu» off until they arrive
        (saving blank fields read as nothing would overwrite the stored names)."""
        from ketluan_desktop.ui.preferences import start_workspace

        self.start_workspace.setCurrentIndex(
            max(self.start_workspace.findData(start_workspace()), 0)
        )
        db, today = self.ctx.db, self.ctx.today()

        def work():
            with db.session() as s:
                try:
                    names = org_service.names_on(s, org_service.issuing_body(s), today)
                except NotFoundError:
                    names = None
                signers = [
                    (p.id, f"{p.full_name} — {p.position or ''}") for p in org_service.signers(s)
                ]
                return names, signers, settings.get(s, "office.default_signer_id")

        self.save_button.setEnabled(False)
        self.ctx.runner.query(
            ("settings-office", id(self)), work, answer_to(self, self._fill), said_to(self)
        )

    def _fill(self, found) -> None:
        names, signers, current = found
        if names is not None:
            self.issuer.setText(names.name)
            self.symbol.setText(names.symbol_code)
            self.parent_body.setText(names.parent_name or "")
            self.place.setText(names.place_name or "")
        self.signer.clear()
        self.signer.addItem(self.tr("(chưa chọn)"), None)
        for signer_id, label in signers:
            self.signer.addItem(label, signer_id)
        self.signer.setCurrentIndex(max(self.signer.findData(current), 0))
        self.save_button.setEnabled(True)

    def save(self) -> None:
        """Written in one transaction on the runner, «Lưu» off meanwhile (a double click saves
        once); the dialog closes when it is stored, stays open with the reason when refused."""
        from ketluan_desktop.core.signing import signing_settings

        db = self.ctx.db
        body = {
            "name": self.issuer.text().strip(),
            "symbol_code": self.symbol.text().strip(),
            "parent_name": self.parent_body.text().strip() or None,
            "place_name": self.place.text().strip() or None,
        }
        signer, place = self.signer.currentData(), self.place.text().strip() or None
        signing = self.signing_tab.values_to_save()
        start = self.start_workspace.currentData()

        def work() -> None:
            with db.write_session() as s:
                org_service.set_issuing_body(s, **body)
                settings.set_value(s, "office.default_signer_id", signer)
                settings.set_value(s, "office.default_place", place)
                if signing is not None:
                    signing_settings.set_signing_settings(s, **signing)

        def done(_result) -> None:
            from ketluan_desktop.ui.preferences import set_start_workspace

            set_start_workspace(start)
            self.ctx.notify("settings")
            self.accept()

        run_from(self.ctx.runner, [self.save_button], work, answer_to(self, done), said_to(self))

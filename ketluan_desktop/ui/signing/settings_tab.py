"""Cài đặt → Chữ ký số: the PKCS#11 module, the timestamp server, the trusted roots, the images.

The module path and the server are saved with the dialog's "Lưu"; adding or removing a trusted
root or an image takes effect at once (each is its own small transaction, with an audit entry).
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.signing.common import (
    pick_file,
    pick_image,
    pick_pkcs11_module,
)
from ketluan_desktop.ui.widgets.common import setup_table
from ketluan_desktop.ui.workers import answer_to, run_from


def _d(moment) -> str:
    from ketluan_desktop.core.signing._common import VN_TZ

    return format_date(moment.astimezone(VN_TZ)) if moment else ""


class SigningSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False  # the stored settings have arrived in the fields
        self._names: dict[str, str | None] = {}  # suggested image names, once read
        layout = QVBoxLayout(self)

        self._build_token_and_tsa(layout)
        self._build_roots_box(layout)
        self._build_images_box(layout)

        self._build_trial_row(layout)
        layout.addStretch(1)
        self.load()

    def _build_token_and_tsa(self, layout: QVBoxLayout) -> None:
        form = QFormLayout()
        self.module_path = QLineEdit()
        self.module_path.setPlaceholderText(
            self.tr("Tệp .dll do phần mềm của USB token cài (thường trong C:\\Windows\\System32)")
        )
        browse = QPushButton(self.tr("Chọn…"))
        browse.clicked.connect(self.choose_module)
        row = QHBoxLayout()
        row.addWidget(self.module_path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Thư viện PKCS#11 (USB token):"), row)
        self.tsa_url = QLineEdit()
        self.tsa_url.setPlaceholderText(
            self.tr("Để trống: ký ngoại tuyến (mặc định). Hoặc http://… của máy chủ trong mạng")
        )
        form.addRow(self.tr("Máy chủ dấu thời gian:"), self.tsa_url)
        layout.addLayout(form)

    def _build_roots_box(self, layout: QVBoxLayout) -> None:
        roots_box = QGroupBox(self.tr("Chứng thư gốc tin cậy (dùng khi kiểm tra chữ ký)"))
        rv = QVBoxLayout(roots_box)
        self.roots_model = RowsModel(
            [
                Column(
                    self.tr("Chứng thư gốc"),
                    lambda r: r.subject + (self.tr(" [KIỂM THỬ]") if r.test_certificate else ""),
                ),
                Column(self.tr("Tổ chức"), lambda r: r.organisation or ""),
                Column(self.tr("Hiệu lực đến"), lambda r: _d(r.not_after)),
                Column(self.tr("SHA-256"), lambda r: r.sha256[:16] + "…"),
            ],
            self,
        )
        self.roots_view = QTableView()
        self.roots_view.setModel(self.roots_model)
        setup_table(self.roots_view, stretch_column=0)
        self.roots_view.setMinimumHeight(110)
        rv.addWidget(self.roots_view)
        rb = QHBoxLayout()
        self.add_root_button = QPushButton(self.tr("Thêm chứng thư gốc…"))
        self.add_root_button.clicked.connect(self.add_root)
        self.remove_root_button = QPushButton(self.tr("Bỏ khỏi danh sách"))
        self.remove_root_button.clicked.connect(self.remove_root)
        rb.addWidget(self.add_root_button)
        rb.addWidget(self.remove_root_button)
        rb.addStretch(1)
        rv.addLayout(rb)
        layout.addWidget(roots_box)

    def _build_images_box(self, layout: QVBoxLayout) -> None:
        images_box = QGroupBox(self.tr("Ảnh chữ ký và con dấu (PNG nền trong suốt)"))
        iv = QHBoxLayout(images_box)
        left = QVBoxLayout()
        self.images_model = RowsModel(
            [
                Column(self.tr("Loại"), lambda r: r.kind_label.capitalize()),
                Column(self.tr("Của"), lambda r: r.name),
                Column(self.tr("Kích thước"), lambda r: f"{r.width}×{r.height}"),
            ],
            self,
        )
        self.images_view = QTableView()
        self.images_view.setModel(self.images_model)
        setup_table(self.images_view, stretch_column=1)
        self.images_view.setMinimumHeight(110)
        self.images_view.selectionModel().selectionChanged.connect(self._image_selected)
        left.addWidget(self.images_view)
        ib = QHBoxLayout()
        self.image_kind = QComboBox()
        self.image_kind.addItem(self.tr("Ảnh chữ ký"), "signature")
        self.image_kind.addItem(self.tr("Ảnh con dấu"), "seal")
        self.image_kind.currentIndexChanged.connect(self._suggest_name)
        self.image_name = QLineEdit()
        self.image_name.setPlaceholderText(self.tr("Họ tên người ký / tên cơ quan"))
        self.add_image_button = QPushButton(self.tr("Nạp ảnh…"))
        self.add_image_button.clicked.connect(self.add_image)
        self.remove_image_button = QPushButton(self.tr("Xóa"))
        self.remove_image_button.clicked.connect(self.remove_image)
        ib.addWidget(self.image_kind)
        ib.addWidget(self.image_name, 1)
        ib.addWidget(self.add_image_button)
        ib.addWidget(self.remove_image_button)
        left.addLayout(ib)
        iv.addLayout(left, 1)
        self.image_preview = QLabel()
        self.image_preview.setFixedSize(150, 150)
        self.image_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_preview.setStyleSheet("background: white; border: 1px solid #dadde3;")
        iv.addWidget(self.image_preview)
        layout.addWidget(images_box)

    def _build_trial_row(self, layout: QVBoxLayout) -> None:
        trial = QHBoxLayout()
        note = QLabel(
            self.tr(
                "Chưa có chứng thư thật? Tạo chứng thư thử (KIỂM THỬ — không có giá trị pháp lý) "
                "để tập huấn."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5b6370;")
        self.make_test_button = QPushButton(self.tr("Tạo chứng thư thử…"))
        self.make_test_button.clicked.connect(self.make_test_certificate)
        trial.addWidget(note, 1)
        trial.addWidget(self.make_test_button)
        layout.addLayout(trial)

    # -- data -----------------------------------------------------------------------------------
    def load(self) -> None:
        """The settings, roots, images and suggested names read on the runner's thread; the
        fields off until they are there."""
        from ketluan_desktop.core.org import settings
        from ketluan_desktop.core.signing import signed_documents as signing
        from ketluan_desktop.core.signing import trusted_roots as trust

        db, today = self.ctx.db, self.ctx.today()

        def work():
            with db.session() as s:
                return (
                    settings.get(s, "signing.pkcs11_module") or "",
                    settings.get(s, "signing.tsa_url") or "",
                    trust.list_roots(s),
                    signing.list_images(s),
                    signing.default_image_names(s, today),
                )

        def arrived(found) -> None:
            module, tsa, roots, images, self._names = found
            self.module_path.setText(module)
            self.tsa_url.setText(tsa)
            self._show_lists((roots, images))
            self._suggest_name()
            self.loaded = True
            self.setEnabled(True)

        self.loaded = False
        self.setEnabled(False)
        self.ctx.runner.query(("signing-settings", id(self)), work, answer_to(self, arrived))

    def _reload_lists(self) -> None:
        from ketluan_desktop.core.signing import signed_documents as signing
        from ketluan_desktop.core.signing import trusted_roots as trust

        db = self.ctx.db

        def work():
            with db.session() as s:
                return trust.list_roots(s), signing.list_images(s)

        self.ctx.runner.query(("signing-lists", id(self)), work, answer_to(self, self._show_lists))

    def _show_lists(self, lists) -> None:
        roots, images = lists
        self.roots_model.set_rows(roots)
        self.images_model.set_rows(images)
        self._image_selected()

    def values_to_save(self) -> dict[str, str] | None:
        """What the settings dialog's transaction writes (``set_signing_settings``'s keywords),
        taken on the UI thread; None while the stored values have not arrived in the fields, so
        that they stay as they are."""
        if not self.loaded:
            return None
        return {"pkcs11_module": self.module_path.text(), "tsa": self.tsa_url.text()}

    def _write(self, fn, then, controls) -> None:
        """``fn(session)`` written on the runner's thread with ``controls`` off (one write per
        click); then ``then(result)`` and the lists read again. A refusal is said."""
        db = self.ctx.db

        def work():
            with db.write_session() as s:
                return fn(s)

        def done(result) -> None:
            if shiboken6.isValid(self):
                self._reload_lists()
                then(result)

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            report_exception(exc, tb, self if shiboken6.isValid(self) else None)

        run_from(self.ctx.runner, controls, work, done, failed)

    @property
    def _root_buttons(self) -> list[QPushButton]:
        return [self.add_root_button, self.remove_root_button]

    @property
    def _image_buttons(self) -> list[QPushButton]:
        return [self.add_image_button, self.remove_image_button]

    def _suggest_name(self) -> None:
        kind = self.image_kind.currentData()
        self.image_name.setText(self._names.get(kind) or "")

    # -- module ---------------------------------------------------------------------------------
    def choose_module(self) -> None:
        path = pick_pkcs11_module(self)
        if path:
            self.module_path.setText(path)

    # -- trusted roots --------------------------------------------------------------------------
    def add_root(self) -> None:
        from ketluan_desktop.core.signing import trusted_roots as trust

        path = pick_file(
            self,
            self.tr("Chọn chứng thư gốc"),
            "root_folder",
            self.tr("Chứng thư (*.cer *.crt *.pem *.der);;Tất cả tệp (*)"),
        )
        if not path:
            return
        now = self.ctx.now()

        def work(s) -> list[str]:
            return [r.subject for r in trust.add_root_file(s, path, now=now)]

        def added(names: list[str]) -> None:
            dialogs.show_info(
                self,
                self.tr("Đã thêm vào danh sách tin cậy: {names}.").format(names=", ".join(names)),
            )

        self._write(work, added, self._root_buttons)

    def remove_root(self) -> None:
        from ketluan_desktop.core.signing import trusted_roots as trust

        rows = self.roots_view.selectionModel().selectedRows()
        if not rows:
            dialogs.show_error(self, self.tr("Hãy chọn một chứng thư gốc trong danh sách."))
            return
        root = self.roots_model.row_at(rows[0].row())
        if not dialogs.ask_yes_no(
            self,
            self.tr(
                "Bỏ «{name}» khỏi danh sách tin cậy? Chữ ký do chứng thư này cấp sẽ được báo là "
                "chưa tin cậy."
            ).format(name=root.subject),
        ):
            return
        root_id, now = root.id, self.ctx.now()
        self._write(
            lambda s: trust.remove_root(s, root_id, now=now), lambda _r: None, self._root_buttons
        )

    # -- images ---------------------------------------------------------------------------------
    def add_image(self) -> None:
        from ketluan_desktop.core.signing import signed_documents as signing

        path = pick_image(self)
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            dialogs.show_error(
                self, self.tr("Không đọc được tệp ảnh {path}.").format(path=path) + f" ({exc})"
            )
            return
        kind, name, now = self.image_kind.currentData(), self.image_name.text(), self.ctx.now()

        def work(s) -> bool:
            return signing.set_image(s, kind, name, data, now=now)[1]

        def stored(cleared: bool) -> None:
            if cleared:
                dialogs.show_info(
                    self,
                    self.tr(
                        "Ảnh không có nền trong suốt: phần nền trắng đã được làm trong suốt. Hãy "
                        "xem lại ảnh ở khung bên phải."
                    ),
                )

        self._write(work, stored, self._image_buttons)

    def remove_image(self) -> None:
        from ketluan_desktop.core.signing import signed_documents as signing

        rows = self.images_view.selectionModel().selectedRows()
        if not rows:
            dialogs.show_error(self, self.tr("Hãy chọn một ảnh trong danh sách."))
            return
        img = self.images_model.row_at(rows[0].row())
        if not dialogs.ask_yes_no(
            self,
            self.tr("Xóa {what} của {name}?").format(what=img.kind_label, name=img.name),
        ):
            return
        image_id, now = img.id, self.ctx.now()
        self._write(
            lambda s: signing.remove_image(s, image_id, now=now),
            lambda _r: None,
            self._image_buttons,
        )

    def _image_selected(self) -> None:
        from ketluan_desktop.core.signing import signed_documents as signing

        rows = self.images_view.selectionModel().selectedRows()
        if not rows:
            self.image_preview.clear()
            return
        db, image_id = self.ctx.db, self.images_model.row_at(rows[0].row()).id

        def work() -> bytes:
            with db.session() as s:
                return signing.image_bytes(s, image_id)

        self.ctx.runner.query(("signing-image", id(self)), work, answer_to(self, self._show_image))

    def _show_image(self, data: bytes) -> None:
        pix = QPixmap()
        pix.loadFromData(QByteArray(data))
        self.image_preview.setPixmap(
            pix.scaled(
                146,
                146,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    # -- test certificates ----------------------------------------------------------------------
    def make_test_certificate(self) -> None:
        from ketluan_desktop.ui.signing.test_cert_dialog import TestCertificateDialog

        dialog = TestCertificateDialog(self.ctx, self)
        dialogs.exec_dialog(dialog)
        if dialog.created is not None:
            self._reload_lists()

"""Tạo chứng thư thử: a test CA and a signer certificate marked "KIỂM THỬ — không có giá trị
pháp lý", for training and demos (the GUI face of ``ketluan cert make-test``)."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError, ValidationError
from ketluan_desktop.core.render.naming import ascii_fold
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.preferences import last_folder, remember_folder
from ketluan_desktop.ui.workers import answer_to


class TestCertificateDialog(QDialog):
    __test__ = False  # not a pytest class, whatever its name says

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ketluan_desktop.core.signing.certs import TEST_MARK
        from ketluan_desktop.core.signing.signed_documents import default_image_names

        self.ctx = ctx
        self.created = None
        self.setWindowTitle(self.tr("Tạo chứng thư thử"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        warn = QLabel(
            self.tr(
                "Chứng thư thử chỉ để tập huấn và trình diễn: trên chứng thư ghi «{mark}». Không "
                "dùng để ký văn bản thật."
            ).format(mark=TEST_MARK)
        )
        warn.setWordWrap(True)
        warn.setStyleSheet("color: #7a1015; font-weight: 600;")
        layout.addWidget(warn)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Ví dụ: Hoàng Thanh Hải"))
        self.org = QLineEdit()
        self.org.setPlaceholderText(self.tr("Ví dụ: Đảng ủy Khối các cơ quan tỉnh"))
        self.output = QLineEdit()
        self.name.textChanged.connect(self._suggest_path)
        browse = QPushButton(self.tr("Chọn…"))
        browse.clicked.connect(self.choose_output)
        row = QHBoxLayout()
        row.addWidget(self.output, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Họ tên người ký:"), self.name)
        form.addRow(self.tr("Cơ quan:"), self.org)
        form.addRow(self.tr("Lưu tệp .p12 vào:"), row)
        layout.addLayout(form)
        self.load_images = QCheckBox(
            self.tr(
                "Nạp ảnh chữ ký thử và ảnh con dấu thử (ghi KIỂM THỬ) vào Cài đặt, nếu chưa có ảnh"
            )
        )
        self.load_images.setChecked(True)
        self.trust_ca = QCheckBox(
            self.tr("Tin cậy chứng thư gốc thử khi kiểm tra chữ ký (chỉ dùng khi tập huấn)")
        )
        layout.addWidget(self.load_images)
        layout.addWidget(self.trust_ca)
        self.progress = QLabel()
        layout.addWidget(self.progress)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Tạo"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._suggest_path()
        db, today = ctx.db, ctx.today()

        def work() -> dict[str, str | None]:
            with db.session() as s:
                return default_image_names(s, today)

        def arrived(names: dict[str, str | None]) -> None:
            # The suggested names fill the fields the user has not typed in meanwhile.
            if not self.name.text():
                self.name.setText(names.get("signature") or "")
            if not self.org.text():
                self.org.setText(names.get("seal") or "")
            self.create_button.setEnabled(True)

        # The suggested names read on the runner's thread; «Tạo» off until then.
        self.create_button.setEnabled(False)
        ctx.runner.query(("test-cert-names", id(self)), work, answer_to(self, arrived))

    def _suggest_path(self) -> None:
        slug = "-".join(ascii_fold(self.name.text()).lower().split()) or "chung-thu"
        self.output.setText(str(Path(last_folder("p12_folder")) / f"thu-{slug}.p12"))

    def choose_output(self) -> None:
        path = dialogs.get_save_file(
            self,
            self.tr("Lưu chứng thư thử"),
            self.output.text(),
            self.tr("Chứng thư số (*.p12)"),
        )
        if path:
            if not path.lower().endswith((".p12", ".pfx")):
                path += ".p12"
            self.output.setText(path)

    def create(self) -> None:
        from ketluan_desktop.core.signing import signed_documents as signing
        from ketluan_desktop.core.signing import trusted_roots as trust
        from ketluan_desktop.core.signing.certs import (
            make_test_certificates,
            make_test_seal_image,
            make_test_signature_image,
        )

        name, org = self.name.text().strip(), self.org.text().strip()
        try:
            if not name or not org:
                raise ValidationError("Cần nhập họ tên người ký và tên cơ quan.")
            if not self.output.text().strip():
                raise ValidationError("Hãy chọn nơi lưu tệp .p12.")
            out = signing.check_output_path(self.output.text().strip())
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        first = dialogs.get_secret(
            self, self.tr("Mật khẩu"), self.tr("Đặt mật khẩu cho tệp chứng thư thử:")
        )
        if first is None:
            return
        if not first.strip():
            dialogs.show_error(
                self,
                self.tr(
                    "Mật khẩu không được để trống: ai có tệp .p12 không mật khẩu đều ký được thay "
                    "người ký. Hãy đặt một mật khẩu."
                ),
            )
            return
        again = dialogs.get_secret(self, self.tr("Mật khẩu"), self.tr("Nhập lại mật khẩu:"))
        if again is None:
            return
        if first != again:
            dialogs.show_error(self, self.tr("Hai lần nhập mật khẩu không giống nhau."))
            return
        now = self.ctx.now()
        load_images, trust_ca = self.load_images.isChecked(), self.trust_ca.isChecked()
        db = self.ctx.db
        secret = [first]
        del first, again

        def job():
            made = make_test_certificates(name, org, out, secret.pop(), now)
            if load_images or trust_ca:
                with db.write_session() as s:
                    # Never over an image already there: it may be the real, scanned one.
                    if load_images and not signing.has_image(s, "signature", name):
                        signing.set_image(
                            s, "signature", name, make_test_signature_image(name), now=now
                        )
                    if load_images and not signing.has_image(s, "seal", org):
                        signing.set_image(s, "seal", org, make_test_seal_image(org), now=now)
                    if trust_ca:
                        trust.add_roots(
                            s, made.ca_pem_path.read_bytes(), now=now, source=made.ca_pem_path.name
                        )
            return made

        self.create_button.setEnabled(False)
        self.progress.setText(self.tr("Đang tạo khóa và chứng thư…"))
        self.ctx.runner.run(job, self._created, self._failed)

    def _created(self, made) -> None:
        remember_folder("p12_folder", made.p12_path)
        if not shiboken6.isValid(self):
            return  # closed meanwhile: the files are made, nothing to show
        self.created = made
        self.progress.setText("")
        dialogs.show_info(
            self,
            self.tr(
                "Đã tạo chứng thư thử.\nTệp khóa và chứng thư: {p12}\nChứng thư gốc thử: {ca}"
            ).format(p12=made.p12_path, ca=made.ca_pem_path),
        )
        self.accept()

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        if not shiboken6.isValid(self):
            report_exception(exc, tb)
            return
        self.create_button.setEnabled(True)
        self.progress.setText("")
        if isinstance(exc, KetLuanError):
            dialogs.show_error(self, exc.message)
        else:
            report_exception(exc, tb, self)

"""Ký số…: sign an issued document with a .p12 file or a USB token, or add the office's seal.

The password or PIN is asked through ``dialogs.get_secret`` at the moment of signing and handed
to the background job; it is never stored, shown or logged. The signed PDF is written (to a
temporary name, then renamed) inside the transaction that records the signature, so a failure
leaves neither a file nor a database row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError, SignerMismatchError, ValidationError
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.preferences import last_folder, remember_folder
from ketluan_desktop.ui.signing.common import (
    pick_file,
    pick_image,
    pick_pkcs11_module,
)

if TYPE_CHECKING:
    from ketluan_desktop.core.documents.content import DocumentContent

NO_IMAGE = "none"
PICK_FILE = "file"


@dataclass
class SignRead:
    """What the signing dialog shows, read on the runner's thread (``read_for_signing``)."""

    content: DocumentContent
    version: int
    number_symbol: str | None
    doc_signer: str | None
    issuer_name: str | None
    allowed: list[str]
    existing: list
    images: list
    module: Path | None
    tsa: str | None


def read_for_signing(s, doc_id: int, kind: str) -> SignRead:
    """The document and the signing settings; a document that cannot take ``kind`` (a draft …)
    is refused with its reason (a ``KetLuanError``)."""
    from ketluan_desktop.core.documents import records as doc_service
    from ketluan_desktop.core.signing import signed_documents as signing
    from ketluan_desktop.core.signing import signing_settings

    doc = doc_service.get(s, doc_id, full=True)
    signing._check_can_sign(doc, kind)  # type: ignore[arg-type]
    return SignRead(
        content=doc_service.content_of(doc),
        version=doc.version,
        number_symbol=doc.number_symbol,
        doc_signer=doc.signer_name,
        issuer_name=doc.issuer_name,
        allowed=signing.signable_kinds(s, doc_id),
        existing=signing.signatures(s, doc_id),
        images=signing.list_images(s),
        module=signing_settings.pkcs11_module_path(s),
        tsa=signing_settings.tsa_url(s),
    )


class SignDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        doc_id: int,
        kind: str | None,
        parent: QWidget | None = None,
        *,
        found: SignRead,
    ) -> None:
        """``found``: read beforehand on the runner's thread (``read_for_signing``)."""
        super().__init__(parent)
        from ketluan_desktop.core.render.naming import default_file_name

        self.ctx = ctx
        self.doc_id = doc_id
        self.signed = None  # the DocumentSignature row's summary once done
        self.setWindowTitle(self.tr("Ký số văn bản"))
        self.setMinimumWidth(680)
        content, allowed, existing, module = (
            found.content,
            found.allowed,
            found.existing,
            found.module,
        )
        self.version = found.version
        self.number_symbol = found.number_symbol
        self.doc_signer = found.doc_signer
        self.issuer_name = found.issuer_name
        self.images = found.images
        self.tsa = found.tsa
        self.allowed = allowed
        stem = Path(default_file_name(content, "pdf")).stem
        self.default_name = f"{stem}_da-ky.pdf"

        layout = QVBoxLayout(self)
        self._build_heading(content, layout, existing)
        self._build_kind_box(allowed, kind, layout)
        self._build_key_box(module, layout)
        self._build_appearance_box(layout)
        self._build_output_row(layout)

        self._build_buttons(layout)
        self.kind_signer.toggled.connect(self._kind_changed)
        self._kind_changed()
        self._source_changed()
        if not allowed:
            self.sign_button.setEnabled(False)
            self.progress.setText(self.tr("Văn bản này không ký thêm được."))

    def _build_heading(self, content: DocumentContent, layout: QVBoxLayout, existing: list) -> None:
        title = QLabel(
            f"<b>{content.type.name} số {self.number_symbol or ''}</b><br/>"
            f"{_esc(content.subject or '')}"
        )
        title.setWordWrap(True)
        layout.addWidget(title)
        state = (
            self.tr("Đã có: ") + "; ".join(f"{r.kind_label} — {r.signer_name}" for r in existing)
            if existing
            else self.tr("Chưa có chữ ký số nào.")
        )
        self.state_label = QLabel(state)
        self.state_label.setWordWrap(True)
        self.state_label.setStyleSheet("color: #5b6370;")
        layout.addWidget(self.state_label)

    def _build_kind_box(self, allowed: list[str], kind: str | None, layout: QVBoxLayout) -> None:
        kind_box = QGroupBox(self.tr("Loại chữ ký"))
        kv = QVBoxLayout(kind_box)
        self.kind_signer = QRadioButton(
            self.tr("Người có thẩm quyền ký ({name})").format(name=self.doc_signer or "—")
        )
        self.kind_seal = QRadioButton(self.tr("Văn thư ký số của cơ quan (kèm con dấu)"))
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.kind_signer)
        self.kind_group.addButton(self.kind_seal)
        kv.addWidget(self.kind_signer)
        kv.addWidget(self.kind_seal)
        self.kind_signer.setEnabled("signer" in allowed)
        self.kind_seal.setEnabled("seal" in allowed)
        wanted = kind if kind in allowed else (allowed[0] if allowed else None)
        (self.kind_seal if wanted == "seal" else self.kind_signer).setChecked(True)
        layout.addWidget(kind_box)

    def _build_key_box(self, module: Path | None, layout: QVBoxLayout) -> None:
        key_box = QGroupBox(self.tr("Khóa ký"))
        kf = QFormLayout(key_box)
        self.use_p12 = QRadioButton(self.tr("Tệp chứng thư số (.p12/.pfx)"))
        self.use_token = QRadioButton(self.tr("Thiết bị ký số (USB token, PKCS#11)"))
        self.source_group = QButtonGroup(self)
        self.source_group.addButton(self.use_p12)
        self.source_group.addButton(self.use_token)
        self.p12_path = QLineEdit()
        self.p12_path.setPlaceholderText(self.tr("Đường dẫn tệp .p12 hoặc .pfx"))
        p12_browse = QPushButton(self.tr("Chọn…"))
        p12_browse.clicked.connect(self.choose_p12)
        row = QHBoxLayout()
        row.addWidget(self.p12_path, 1)
        row.addWidget(p12_browse)
        kf.addRow(self.use_p12)
        kf.addRow(self.tr("Tệp:"), row)
        kf.addRow(self.use_token)
        self.module_path = QLineEdit(str(module) if module else "")
        self.module_path.setPlaceholderText(
            self.tr("Thư viện PKCS#11 của token (đặt một lần trong Cài đặt → Chữ ký số)")
        )
        module_browse = QPushButton(self.tr("Chọn…"))
        module_browse.clicked.connect(self.choose_module)
        mrow = QHBoxLayout()
        mrow.addWidget(self.module_path, 1)
        mrow.addWidget(module_browse)
        kf.addRow(self.tr("Thư viện:"), mrow)
        self.token_combo = QComboBox()
        self.token_combo.currentIndexChanged.connect(self._token_changed)
        self.refresh_button = QPushButton(self.tr("Tìm thiết bị"))
        self.refresh_button.clicked.connect(self.refresh_tokens)
        trow = QHBoxLayout()
        trow.addWidget(self.token_combo, 1)
        trow.addWidget(self.refresh_button)
        kf.addRow(self.tr("Thiết bị:"), trow)
        self.key_combo = QComboBox()
        kf.addRow(self.tr("Khóa:"), self.key_combo)
        self.use_p12.setChecked(True)
        self.use_token.toggled.connect(self._source_changed)
        layout.addWidget(key_box)
        self._token_keys: dict[str, list] = {}

    def _build_appearance_box(self, layout: QVBoxLayout) -> None:
        look = QGroupBox(self.tr("Hình thức hiển thị"))
        lf = QFormLayout(look)
        self.signature_image = self._image_combo("signature", self.doc_signer)
        self.seal_image = self._image_combo("seal", self.issuer_name)
        self.signature_row_label = QLabel(self.tr("Ảnh chữ ký:"))
        self.seal_row_label = QLabel(self.tr("Ảnh con dấu:"))
        lf.addRow(self.signature_row_label, self.signature_image)
        lf.addRow(self.seal_row_label, self.seal_image)
        self._picked: dict[str, bytes] = {}
        self.timestamp = QCheckBox(
            self.tr("Lấy dấu thời gian từ máy chủ {url} (PAdES B-T)").format(url=self.tsa)
            if self.tsa
            else self.tr("Ký ngoại tuyến: chưa đặt máy chủ dấu thời gian (PAdES B-B)")
        )
        self.timestamp.setChecked(bool(self.tsa))
        self.timestamp.setEnabled(bool(self.tsa))
        lf.addRow(self.timestamp)
        layout.addWidget(look)

    def _build_output_row(self, layout: QVBoxLayout) -> None:
        out_row = QHBoxLayout()
        self.output = QLineEdit(str(Path(last_folder("sign_folder")) / self.default_name))
        out_browse = QPushButton(self.tr("Chọn…"))
        out_browse.clicked.connect(self.choose_output)
        out_row.addWidget(self.output, 1)
        out_row.addWidget(out_browse)
        of = QFormLayout()
        of.addRow(self.tr("Lưu bản đã ký vào:"), out_row)
        layout.addLayout(of)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        self.progress = QLabel()
        self.progress.setStyleSheet("color: #7a1015; font-weight: 600;")
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_button.setText(self.tr("Ký số"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # -- widgets ------------------------------------------------------------------------------
    def _image_combo(self, kind: str, preferred: str | None) -> QComboBox:
        from ketluan_desktop.core.text import fold

        combo = QComboBox()
        combo.addItem(self.tr("(không dùng ảnh)"), NO_IMAGE)
        chosen = 0
        for img in self.images:
            if img.kind != kind:
                continue
            combo.addItem(img.name, img.id)
            if preferred and fold(img.name) == fold(preferred):
                chosen = combo.count() - 1
        if chosen == 0 and kind == "seal" and combo.count() == 2:
            chosen = 1
        combo.addItem(self.tr("Chọn tệp ảnh…"), PICK_FILE)
        combo.setCurrentIndex(chosen)
        combo.activated.connect(lambda _i, c=combo, k=kind: self._image_picked(c, k))
        return combo

    def _image_picked(self, combo: QComboBox, kind: str) -> None:
        if combo.currentData() != PICK_FILE:
            return
        path = pick_image(self)
        if not path:
            combo.setCurrentIndex(0)
            return
        from ketluan_desktop.core.signing.signed_documents import prepare_image

        try:
            data = prepare_image(
                Path(path).read_bytes(), self.tr("Ảnh {name}").format(name=Path(path).name)
            )[0]
        except (KetLuanError, OSError) as exc:
            dialogs.show_error(self, getattr(exc, "message", None) or str(exc))
            combo.setCurrentIndex(0)
            return
        self._picked[kind] = data
        combo.setItemText(combo.count() - 1, Path(path).name)

    def _kind_changed(self) -> None:
        signer = self.kind_signer.isChecked()
        for w in (self.signature_image, self.signature_row_label):
            w.setVisible(signer)
        for w in (self.seal_image, self.seal_row_label):
            w.setVisible(not signer)

    def _source_changed(self) -> None:
        token = self.use_token.isChecked()
        self.p12_path.setEnabled(not token)
        for w in (self.module_path, self.token_combo, self.key_combo, self.refresh_button):
            w.setEnabled(token)
        if token and self.token_combo.count() == 0 and self.module_path.text().strip():
            self.refresh_tokens()

    def choose_p12(self) -> None:
        path = pick_file(
            self,
            self.tr("Chọn tệp chứng thư số"),
            "p12_folder",
            self.tr("Chứng thư số (*.p12 *.pfx);;Tất cả tệp (*)"),
        )
        if path:
            self.p12_path.setText(path)

    def choose_module(self) -> None:
        path = pick_pkcs11_module(self)
        if path:
            self.module_path.setText(path)
            self.refresh_tokens()

    def choose_output(self) -> None:
        path = dialogs.get_save_file(
            self,
            self.tr("Lưu bản PDF đã ký"),
            self.output.text() or str(Path(last_folder("sign_folder")) / self.default_name),
            self.tr("Tệp PDF (*.pdf)"),
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.output.setText(path)

    # -- tokens -------------------------------------------------------------------------------
    def refresh_tokens(self) -> None:
        module = self.module_path.text().strip()
        if not module:
            dialogs.show_error(
                self,
                self.tr(
                    "Chưa có thư viện PKCS#11. Hãy chọn tệp thư viện của USB token (hoặc đặt một "
                    "lần trong Cài đặt → Chữ ký số)."
                ),
            )
            return

        def job():
            from ketluan_desktop.core.signing.keys import open_pkcs11_module

            lib = open_pkcs11_module(module)
            found = []
            for t in lib.tokens():
                keys = [] if t.pin_locked else lib.keys(t.label)
                found.append((t, keys))
            return found

        self.refresh_button.setEnabled(False)
        self.progress.setText(self.tr("Đang tìm thiết bị ký số…"))
        self.ctx.runner.run(job, self._tokens_found, self._failed)

    def _tokens_found(self, found) -> None:
        self.refresh_button.setEnabled(self.use_token.isChecked())
        self.progress.setText("" if found else self.tr("Không thấy thiết bị ký số nào đang cắm."))
        self._token_keys = {t.label: keys for t, keys in found}
        self.token_combo.blockSignals(True)
        self.token_combo.clear()
        for t, _keys in found:
            text = t.label + (self.tr(" — ĐÃ KHÓA") if t.pin_locked else "")
            self.token_combo.addItem(text, t.label)
        self.token_combo.blockSignals(False)
        self._token_changed()

    def _token_changed(self) -> None:
        self.key_combo.clear()
        for k in self._token_keys.get(self.token_combo.currentData(), []):
            cert = k.certificate
            extra = ""
            if cert is not None:
                from ketluan_desktop.core.signing._common import vn_date

                extra = self.tr(" (hiệu lực đến {date})").format(
                    date=vn_date(cert.not_valid_after_utc)[:10]
                )
            self.key_combo.addItem(k.label + extra, k.label)

    # -- signing ------------------------------------------------------------------------------
    def kind(self) -> str:
        return "seal" if self.kind_seal.isChecked() else "signer"

    def key_source(self):
        from ketluan_desktop.core.signing.signed_documents import KeySource

        if self.use_p12.isChecked():
            text = self.p12_path.text().strip()
            if not text:
                raise ValidationError("Hãy chọn tệp chứng thư số (.p12/.pfx).")
            return KeySource(p12_path=Path(text))
        module = self.module_path.text().strip()
        if not module:
            raise ValidationError("Hãy chọn thư viện PKCS#11 của USB token.")
        if self.token_combo.currentData() is None or self.key_combo.currentData() is None:
            raise ValidationError("Hãy bấm «Tìm thiết bị», rồi chọn thiết bị và khóa ký.")
        return KeySource(
            pkcs11_module=Path(module),
            token_label=self.token_combo.currentData(),
            key_label=self.key_combo.currentData(),
        )

    def _image_choice(self, combo: QComboBox, kind: str) -> bytes | int | None:
        data = combo.currentData()
        if data == NO_IMAGE:
            return b""
        if data == PICK_FILE:
            return self._picked.get(kind, b"")
        return int(data)

    def sign(self, *, allow_other_signer: bool = False) -> None:
        from ketluan_desktop.core.signing import signed_documents as signing

        try:
            source = self.key_source()
            target = self.output.text().strip()
            if not target:
                raise ValidationError("Hãy chọn nơi lưu bản PDF đã ký.")
            out = signing.check_output_path(target)
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        if source.is_token:
            prompt = self.tr("Nhập mã PIN của thiết bị ký số «{token}»:").format(
                token=source.token_label
            )
        else:
            prompt = self.tr("Nhập mật khẩu của tệp chứng thư {name}:").format(
                name=source.p12_path.name
            )
        secret = dialogs.get_secret(self, self.tr("Ký số"), prompt)
        if secret is None:
            self.progress.setText(self.tr("Đã hủy; chưa ký."))
            return
        kind = self.kind()
        signature_choice = self._image_choice(self.signature_image, "signature")
        seal_choice = self._image_choice(self.seal_image, "seal")
        tsa = self.tsa if self.timestamp.isChecked() else None
        now = self.ctx.now()
        version = self.version
        db = self.ctx.db
        doc_id = self.doc_id
        box = [secret]
        del secret

        def image(session, choice):
            if isinstance(choice, int):
                return signing.image_bytes(session, choice)
            return choice

        def job():
            from ketluan_desktop.core.signing.signed_output import sign_to_file

            signing.quiet_library_logs()
            key = signing.open_key(source, box.pop())
            with key:
                # The file appears under its name only once the signature is committed.
                sig = sign_to_file(
                    db,
                    out,
                    lambda s: signing.sign_document(
                        s,
                        doc_id,
                        key,
                        kind=kind,
                        now=now,
                        signature_image=image(s, signature_choice),
                        seal_image=image(s, seal_choice),
                        tsa_url=tsa,
                        expected_version=version,
                        allow_other_signer=allow_other_signer,
                    ),
                )
            return sig.signer_name, sig.sha256, out

        self._busy(True)
        self.ctx.runner.run(job, self._signed, self._failed)

    def _busy(self, busy: bool) -> None:
        # Both buttons: closing the dialog would not stop a signature already on its way.
        self.buttons.setEnabled(not busy)
        self.sign_button.setEnabled(not busy)
        self.progress.setText(self.tr("Đang ký số…") if busy else "")
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _signed(self, result) -> None:
        name, _digest, out = result
        self._busy(False)
        self.signed = result
        remember_folder("sign_folder", out)
        self.ctx.notify("documents")
        parent = self.parentWidget()
        status = getattr(parent, "statusBar", None)
        message = self.tr("Đã ký số văn bản {number} ({name}); tệp: {path}").format(
            number=self.number_symbol, name=name, path=out
        )
        if callable(status):
            status().showMessage(message, 10000)
        self.accept()

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        self._busy(False)
        self.refresh_button.setEnabled(self.use_token.isChecked())
        if isinstance(exc, SignerMismatchError):
            self.progress.setText(self.tr("Chưa ký; không có gì được ghi."))
            question = (
                exc.message
                + "\n\n"
                + self.tr("Vẫn ký với chứng thư này? (Sẽ phải nhập lại mật khẩu/PIN.)")
            )
            if dialogs.ask_yes_no(self, question, self.tr("Chứng thư khác tên người ký")):
                self.sign(allow_other_signer=True)
        elif isinstance(exc, KetLuanError):
            self.progress.setText(self.tr("Chưa ký; không có gì được ghi."))
            dialogs.show_error(self, exc.message)
        else:
            report_exception(exc, tb, self)


def _esc(text: str) -> str:
    import html

    return html.escape(text)

"""Ký số in the GUI: the menus, the signing dialog (p12 and token), the verification window,
the settings tab and the test-certificate dialog, driven through their widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from signing_ui_support import NOW, ORG, PASSWORD, SIGNER, signatures

from ketluan_desktop.core.signing.verify import VERDICT_VALID, verify_pdf


def _sign_via_service(db, p12, kind="signer"):
    from sqlalchemy import select

    from ketluan_desktop.core.documents.models import Document
    from ketluan_desktop.core.signing import signed_documents as signing
    from ketluan_desktop.core.signing.keys import load_pkcs12

    with db.write_session() as s:
        doc_id = s.scalar(select(Document.id).where(Document.number_symbol == "105-KL/ĐUK"))
        sig = signing.sign_document(s, doc_id, load_pkcs12(p12, PASSWORD), kind=kind, now=NOW)
        return doc_id, bytes(sig.pdf)


def _store_images(db):
    from ketluan_desktop.core.signing import signed_documents as signing
    from ketluan_desktop.core.signing.certs import make_test_seal_image, make_test_signature_image

    with db.write_session() as s:
        signing.set_image(s, "signature", SIGNER, make_test_signature_image(SIGNER), now=NOW)
        signing.set_image(s, "seal", ORG, make_test_seal_image(ORG), now=NOW)


# --- menus ----------------------------------------------------------------------------------


def test_signing_is_offered_in_its_menu_tools_and_the_documents_list(make_window, demo_db):
    w = make_window(demo_db)
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["&Tệp", "&Sửa", "&Xem", "&Ký số", "&Công cụ", "Trợ &giúp"]
    tools = w.menuBar().actions()[4].menu()
    assert tools.actions()[0] is w.signing.act_verify
    assert w.act_settings in tools.actions()
    sign_menu = w.menuBar().actions()[3].menu()
    assert [a.text() for a in sign_menu.actions() if not a.isSeparator()] == [
        "&Ký số văn bản…",
        "Văn thư ký số của &cơ quan (đóng dấu)…",
        "&Lưu bản đã ký…",
        "Kiểm tra chữ ký của &văn bản",
        "Kiểm tra chữ &ký…",
        "Tạo chứng thư &thử…",
    ]
    view = w.meetings.doc_view
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert w.signing.act_sign in view.actions() and w.signing.act_sign.isEnabled()
    view.clearSelection()
    assert not w.signing.act_sign.isEnabled()
    panel = getattr(w.meetings, "documents_panel", None)
    if panel is not None:  # the list of all documents offers the same actions
        assert w.signing.act_sign in panel.view.actions()
        w.meetings.tabs.setCurrentWidget(panel)
        panel.view.selectRow(0)
        assert w.signing.act_sign.isEnabled() and w.signing.selected_document() is not None


# --- signing --------------------------------------------------------------------------------


def _open_sign_dialog(w, shown, kind="signer"):
    (w.signing.act_seal if kind == "seal" else w.signing.act_sign).trigger()
    assert ("dialog", "SignDialog") in shown
    return w.signing.sign_dialog


def test_sign_with_a_p12_file(make_window, demo_db, pki, secrets, shown_dialogs, tmp_path, qtbot):
    _store_images(demo_db)
    w = make_window(demo_db)
    d = _open_sign_dialog(w, shown_dialogs)
    assert d.kind_signer.isChecked() and not d.kind_seal.isEnabled()
    assert d.signature_image.currentText() == SIGNER  # the stored image of the document's signer
    assert d.output.text().endswith("105-KL-DUK_2024-07-10_da-ky.pdf")
    assert not d.timestamp.isEnabled()  # offline by default
    d.p12_path.setText(str(pki.signer_p12))
    out = tmp_path / "đã ký.pdf"
    d.output.setText(str(out))
    answers, prompts = secrets
    answers.append(PASSWORD)
    qtbot.mouseClick(d.sign_button, Qt.MouseButton.LeftButton)
    assert prompts == ["Nhập mật khẩu của tệp chứng thư hai.p12:"]
    assert d.result() == QDialog.DialogCode.Accepted
    assert signatures(demo_db) == [("signer", SIGNER)]
    report = verify_pdf(out.read_bytes(), [pki.signer_ca.read_bytes()], NOW)
    assert report.verdict == VERDICT_VALID
    assert w.meetings.doc_model.row_at(0).status_label == "Đã ký"
    assert "Đã ký số văn bản 105-KL/ĐUK" in w.statusBar().currentMessage()
    assert [m for kind, m in shown_dialogs if kind == "error"] == []


def test_a_certificate_in_another_name_asks_before_signing(
    make_window, demo_db, pki, secrets, shown_dialogs, tmp_path, monkeypatch
):
    from ketluan_desktop.ui import dialogs

    questions: list[str] = []
    replies = [False, True]
    monkeypatch.setattr(
        dialogs, "ask_yes_no", lambda _p, m, _t=None: questions.append(m) or replies.pop(0)
    )
    w = make_window(demo_db)
    d = _open_sign_dialog(w, shown_dialogs)
    d.p12_path.setText(str(pki.org_p12))  # the office's certificate, not the signer's
    out = tmp_path / "khac-ten.pdf"
    d.output.setText(str(out))
    answers, prompts = secrets
    answers.append(PASSWORD)
    d.sign()  # declined
    assert "nhưng người ký in trên văn bản 105-KL/ĐUK là «Hoàng Thanh Hải»" in questions[0]
    assert not out.exists() and signatures(demo_db) == []
    assert d.progress.text() == "Chưa ký; không có gì được ghi."
    answers.append(PASSWORD)
    answers.append(PASSWORD)
    d.sign()  # confirmed: the password is asked again and the signature made
    assert len(prompts) == 3 and len(questions) == 2
    assert signatures(demo_db) == [("signer", ORG)] and out.exists()


def test_a_wrong_password_keeps_the_dialog_open_and_writes_nothing(
    make_window, demo_db, pki, secrets, shown_dialogs, tmp_path
):
    w = make_window(demo_db)
    d = _open_sign_dialog(w, shown_dialogs)
    d.p12_path.setText(str(pki.signer_p12))
    out = tmp_path / "a.pdf"
    d.output.setText(str(out))
    answers, _prompts = secrets
    answers.append("sai mật khẩu")
    d.sign()
    errors = [m for kind, m in shown_dialogs if kind == "error"]
    assert len(errors) == 1 and "Mật khẩu của tệp chứng thư số hai.p12 không đúng" in errors[0]
    assert d.result() != QDialog.DialogCode.Accepted and d.sign_button.isEnabled()
    assert d.progress.text() == "Chưa ký; không có gì được ghi."
    assert not out.exists() and signatures(demo_db) == []

    d.sign()  # the user cancels the password prompt this time
    assert d.progress.text() == "Đã hủy; chưa ký." and signatures(demo_db) == []


def test_missing_inputs_are_named_before_the_password_is_asked(
    make_window, demo_db, pki, secrets, shown_dialogs, tmp_path
):
    w = make_window(demo_db)
    d = _open_sign_dialog(w, shown_dialogs)
    d.sign()
    d.p12_path.setText(str(pki.signer_p12))
    d.output.setText(str(tmp_path / "không có" / "a.pdf"))
    d.sign()
    d.use_token.setChecked(True)
    d.sign()
    errors = [m for kind, m in shown_dialogs if kind == "error"]
    assert errors[0] == "Hãy chọn tệp chứng thư số (.p12/.pfx)."
    assert errors[1].startswith("Thư mục không tồn tại")
    assert errors[2] == "Hãy chọn thư viện PKCS#11 của USB token."
    assert secrets[1] == []  # no prompt was shown


def test_a_draft_is_refused_with_its_reason(make_window, demo_db, shown_dialogs):
    from ketluan_desktop.core.documents import records as documents
    from ketluan_desktop.core.documents.content import DocumentContent

    with demo_db.write_session() as s:
        draft_id = documents.create(s, DocumentContent(type_code="TB", subject="x"), now=NOW).id
    w = make_window(demo_db)
    w.signing.selected_document = lambda: draft_id
    w.signing.act_sign.trigger()
    assert ("dialog", "SignDialog") not in shown_dialogs
    (error,) = [m for kind, m in shown_dialogs if kind == "error"]
    assert "còn là dự thảo (chưa có số)" in error


def test_the_office_adds_its_seal(make_window, demo_db, pki, secrets, shown_dialogs, tmp_path):
    _store_images(demo_db)
    _sign_via_service(demo_db, pki.signer_p12)
    w = make_window(demo_db)
    w.signing.act_sign.trigger()  # signing twice is explained, not offered
    assert "không ký lại được" in shown_dialogs[-1][1]
    d = _open_sign_dialog(w, shown_dialogs, "seal")
    assert d.kind_seal.isChecked() and not d.kind_signer.isEnabled()
    assert d.seal_image.currentText() == ORG and d.seal_image.isVisibleTo(d)
    assert not d.signature_image.isVisibleTo(d)
    assert "chữ ký người ký — Hoàng Thanh Hải" in d.state_label.text()
    d.p12_path.setText(str(pki.org_p12))
    out = tmp_path / "dong-dau.pdf"
    d.output.setText(str(out))
    secrets[0].append(PASSWORD)
    d.sign()
    assert d.result() == QDialog.DialogCode.Accepted
    assert signatures(demo_db) == [("signer", SIGNER), ("seal", ORG)]
    roots = [pki.signer_ca.read_bytes(), pki.org_ca.read_bytes()]
    report = verify_pdf(out.read_bytes(), roots, NOW)
    assert report.verdict == VERDICT_VALID and len(report.signatures) == 2


class _FakeModule:
    """Stands in for a token's PKCS#11 library: SoftHSM2 is configured once per process, and
    the core tests own that; the token flow through pyHanko is covered there and in the CLI
    tests. Here the dialog's side of it: listing, choosing, the PIN prompt, its errors."""

    def __init__(self, p12):
        from ketluan_desktop.core.signing.keys import load_pkcs12

        self.p12 = p12
        self.cert = load_pkcs12(p12, PASSWORD).certificate

    def tokens(self):
        from ketluan_desktop.core.signing.keys import TokenInfo

        return [TokenInfo("USB Token Văn phòng", "0012", "VGCA", "Token", True, False, False)]

    def keys(self, label, pin=None):
        from ketluan_desktop.core.signing.keys import TokenKeyInfo

        return [TokenKeyInfo(SIGNER, "a1", None, self.cert)]

    def open_signer(self, token, key, pin):
        from ketluan_desktop.core.errors import SigningError
        from ketluan_desktop.core.signing.keys import load_pkcs12

        assert (token, key) == ("USB Token Văn phòng", SIGNER)
        if pin != "123456":
            raise SigningError(f"Mã PIN của thiết bị ký số «{token}» không đúng.")
        return load_pkcs12(self.p12, PASSWORD)


def test_sign_with_a_token_chosen_from_the_list(
    make_window, demo_db, pki, secrets, shown_dialogs, tmp_path, monkeypatch
):
    from ketluan_desktop.core.signing import keys, signing_settings

    module = tmp_path / "vgca_csp11.dll"
    module.write_bytes(b"library")
    with demo_db.write_session() as s:
        signing_settings.set_signing_settings(s, pkcs11_module=str(module), tsa=None)
    fake = _FakeModule(pki.signer_p12)
    opened = []
    monkeypatch.setattr(keys, "open_pkcs11_module", lambda p: opened.append(Path(p)) or fake)
    w = make_window(demo_db)
    d = _open_sign_dialog(w, shown_dialogs)
    assert d.module_path.text() == str(module)  # configured once in Settings
    d.use_token.setChecked(True)  # lists the tokens at once
    assert d.token_combo.currentData() == "USB Token Văn phòng"
    assert d.key_combo.currentData() == SIGNER and "hiệu lực đến" in d.key_combo.currentText()
    out = tmp_path / "token.pdf"
    d.output.setText(str(out))
    answers, prompts = secrets
    answers += ["000000", "123456"]
    d.sign()
    assert "Mã PIN của thiết bị ký số «USB Token Văn phòng» không đúng" in shown_dialogs[-1][1]
    assert not out.exists()
    d.sign()
    assert prompts == ["Nhập mã PIN của thiết bị ký số «USB Token Văn phòng»:"] * 2
    assert d.result() == QDialog.DialogCode.Accepted and out.exists()
    assert opened == [module] * 3 and signatures(demo_db) == [("signer", SIGNER)]


def test_a_missing_token_library_is_named(make_window, demo_db, shown_dialogs, tmp_path):
    w = make_window(demo_db)
    d = _open_sign_dialog(w, shown_dialogs)
    d.module_path.setText(str(tmp_path / "vgca.dll"))
    d.use_token.setChecked(True)
    assert "Không tìm thấy tệp thư viện PKCS#11" in shown_dialogs[-1][1]
    assert d.token_combo.count() == 0 and d.refresh_button.isEnabled()
    d.module_path.setText("")
    d.refresh_tokens()
    assert "Chưa có thư viện PKCS#11" in shown_dialogs[-1][1]


# --- verification window --------------------------------------------------------------------


def _verify_window(w):
    w.signing.act_verify.trigger()
    return w.signing.verify_window


def test_the_verification_window_shows_verdict_details_and_page(
    make_window, demo_db, pki, tmp_path, qtmodeltester
):
    _store_images(demo_db)
    _sign_via_service(demo_db, pki.signer_p12)
    _doc, sealed = _sign_via_service(demo_db, pki.org_p12, "seal")
    path = tmp_path / "đã đóng dấu.pdf"
    path.write_bytes(sealed)
    w = make_window(demo_db)
    v = _verify_window(w)
    assert v.isVisible() and v.verdict.text() == "Chưa có tệp"
    v.open_file(path)
    assert v.verdict.text() == "Hợp lệ nhưng chứng thư chưa được tin cậy"
    assert "#d97706" in v.verdict.styleSheet()
    assert "2 chữ ký." in v.verdict_note.text() and "KIỂM THỬ" in v.verdict_note.text()
    assert v.model.rowCount() == 2
    qtmodeltester.check(v.model, force_py=True)
    assert [v.model.index(r, 1).data() for r in range(2)] == ["Người ký", "Cơ quan (dấu)"]
    assert v.model.index(0, 2).data() == SIGNER
    assert v.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == ORG
    assert v.selected_signature().field_name == "ChuKyCoQuan"  # the last one, shown first
    details = v.details.toPlainText()
    for text in ("Tổ chức cấp chứng thư", "Số hiệu chứng thư", "Hiệu lực chứng thư", "SHA-256",
                 "Nguyên vẹn", "Chữ ký bao trùm toàn bộ tệp.", "không xác minh được"):  # fmt: skip
        assert text in details, text
    assert "+07:00" in v.model.index(0, 3).data()
    assert not v.preview.pixmap().isNull()
    assert v.page_label.text() == "Trang 4/4"
    v.table.selectRow(0)
    assert "thêm chữ ký số khác" in v.details.toPlainText()
    v.show_page(0)
    assert v.page_label.text() == "Trang 1/4" and not v.prev_button.isEnabled()
    v.grab().save(str(tmp_path / "kiem-tra.png"))

    from ketluan_desktop.core.signing import trusted_roots as trust

    with demo_db.write_session() as s:
        trust.add_root_file(s, pki.signer_ca, now=NOW)
        trust.add_root_file(s, pki.org_ca, now=NOW)
    v.open_file(path)
    assert v.verdict.text() == "Hợp lệ" and "#16a34a" in v.verdict.styleSheet()


def test_altered_unsigned_and_unreadable_files(make_window, demo_db, pki, tmp_path, shown_dialogs):
    _doc, signed = _sign_via_service(demo_db, pki.signer_p12)
    data = bytearray(signed)
    data[signed.index(b"stream\n", 200) + 30] ^= 0x20
    altered = tmp_path / "bi-sua.pdf"
    altered.write_bytes(bytes(data))
    w = make_window(demo_db)
    v = _verify_window(w)
    v.open_file(altered)
    assert v.verdict.text() == "ĐÃ BỊ THAY ĐỔI SAU KHI KÝ" and "#dc2626" in v.verdict.styleSheet()
    assert "KHÔNG KHỚP" in v.details.toPlainText()

    from reportlab.pdfgen.canvas import Canvas

    unsigned = tmp_path / "chua-ky.pdf"
    c = Canvas(str(unsigned))
    c.drawString(100, 700, "Văn bản chưa ký")
    c.save()
    v.open_file(unsigned)
    assert v.verdict.text() == "Không có chữ ký" and v.model.rowCount() == 0
    assert not v.preview.pixmap().isNull()

    junk = tmp_path / "khong-phai.pdf"
    junk.write_bytes(b"PK\x03\x04 not a pdf")
    v.open_file(junk)
    assert "không phải tệp PDF" in shown_dialogs[-1][1]
    assert v.open_button.isEnabled()


def test_checking_a_signed_document_and_saving_its_pdf(
    make_window, demo_db, pki, tmp_path, shown_dialogs, monkeypatch
):
    from ketluan_desktop.ui import dialogs

    w = make_window(demo_db)
    w.signing.act_check_document.trigger()
    assert "chưa được ký số" in shown_dialogs[-1][1]
    _doc, signed = _sign_via_service(demo_db, pki.signer_p12)
    w.signing.act_check_document.trigger()
    v = w.signing.verify_window
    assert "105-KL/ĐUK" in v.file_label.text() and v.model.rowCount() == 1
    target = tmp_path / "ban-da-ky"
    monkeypatch.setattr(dialogs, "get_save_file", lambda *a: str(target))
    w.signing.act_save_signed.trigger()
    assert Path(f"{target}.pdf").read_bytes() == signed


# --- settings -------------------------------------------------------------------------------


def test_the_signing_settings_tab(make_window, demo_db, pki, tmp_path, shown_dialogs, monkeypatch,
                                  qtmodeltester):  # fmt: skip
    from ketluan_desktop.core.org import settings
    from ketluan_desktop.core.signing.certs import make_test_seal_image
    from ketluan_desktop.ui import dialogs
    from ketluan_desktop.ui.settings_dialog import SettingsDialog

    w = make_window(demo_db)
    dlg = SettingsDialog(w.ctx, w)
    tabs = [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]
    assert tabs[:2] == ["Cơ quan", "Chữ ký số"]  # other areas add their own tabs after these
    tab = dlg.signing_tab
    picks = [str(pki.signer_ca), str(pki.signer_ca), str(pki.signer_p12)]
    monkeypatch.setattr(dialogs, "get_open_file", lambda *a: picks.pop(0))
    tab.add_root()
    assert tab.roots_model.rowCount() == 1 and "Đã thêm" in shown_dialogs[-1][1]
    tab.add_root()
    assert "đã có trong danh sách" in shown_dialogs[-1][1]
    tab.add_root()
    assert "không phải chứng thư số" in shown_dialogs[-1][1]
    qtmodeltester.check(tab.roots_model, force_py=True)
    tab.roots_view.selectRow(0)
    tab.remove_root()
    assert tab.roots_model.rowCount() == 0

    seal = tmp_path / "con-dau.png"
    seal.write_bytes(make_test_seal_image(ORG))
    monkeypatch.setattr(dialogs, "get_open_file", lambda *a: str(seal))
    tab.image_kind.setCurrentIndex(1)
    assert tab.image_name.text() == ORG  # the issuing body's name, suggested
    tab.add_image()
    assert tab.images_model.rowCount() == 1
    qtmodeltester.check(tab.images_model, force_py=True)
    tab.images_view.selectRow(0)
    assert not tab.image_preview.pixmap().isNull()
    dlg.grab().save(str(tmp_path / "cai-dat.png"))

    tab.tsa_url.setText("tsa.khong-co-giao-thuc")
    dlg.save()
    assert "http://" in shown_dialogs[-1][1] and dlg.result() != QDialog.DialogCode.Accepted
    module = tmp_path / "token.dll"
    module.write_bytes(b"x")
    tab.tsa_url.setText("http://tsa.local")
    tab.module_path.setText(str(module))
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted
    with demo_db.session() as s:
        assert settings.get(s, "signing.tsa_url") == "http://tsa.local"
        assert settings.get(s, "signing.pkcs11_module") == str(module)

    tab.images_view.selectRow(0)
    tab.remove_image()
    assert tab.images_model.rowCount() == 0


@pytest.mark.parametrize("trust_it", [False, True])
def test_the_test_certificate_dialog(make_window, demo_db, tmp_path, secrets, shown_dialogs,
                                     trust_it):  # fmt: skip
    from cryptography.hazmat.primitives.serialization import pkcs12

    from ketluan_desktop.core.signing import signed_documents as signing
    from ketluan_desktop.core.signing import trusted_roots as trust
    from ketluan_desktop.core.signing.certs import make_test_signature_image
    from ketluan_desktop.ui.signing.test_cert_dialog import TestCertificateDialog

    real_scan = make_test_signature_image("Nguyễn Văn A (bản quét thật)")
    with demo_db.write_session() as s:
        signing.set_image(s, "signature", "Nguyễn Văn A", real_scan, now=NOW)
    w = make_window(demo_db)
    d = TestCertificateDialog(w.ctx, w)
    assert (d.name.text(), d.org.text()) == (SIGNER, ORG)  # the latest document's signer
    d.name.setText("Nguyễn Văn A")
    assert d.output.text().endswith("thu-nguyen-van-a.p12")
    out = tmp_path / "thu.p12"
    d.output.setText(str(out))
    d.trust_ca.setChecked(trust_it)
    answers, _prompts = secrets
    answers += ["một", "hai"]
    d.create()
    assert "không giống nhau" in shown_dialogs[-1][1] and not out.exists()
    answers += [PASSWORD, PASSWORD]
    d.create()
    assert d.result() == QDialog.DialogCode.Accepted
    _key, cert, _cas = pkcs12.load_key_and_certificates(out.read_bytes(), PASSWORD.encode())
    assert "Nguyễn Văn A" in cert.subject.rfc4514_string()
    assert (tmp_path / "thu-ca.pem").exists()
    with demo_db.session() as s:
        images = signing.list_images(s)
        assert sorted(r.name for r in images) == ["Nguyễn Văn A", ORG]
        (mine,) = [r for r in images if r.kind == "signature"]
        assert signing.image_bytes(s, mine.id) == real_scan  # a real scan is never replaced
        assert len(trust.list_roots(s)) == (1 if trust_it else 0)

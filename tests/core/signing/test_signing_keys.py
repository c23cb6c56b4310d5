"""Keys from .p12 files and from a PKCS#11 token (SoftHSM2), and their Vietnamese errors."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from signing_support import (
    KEY_LABEL,
    NOW,
    ORG,
    SIGNER,
    SIGNER_BOX,
    TOKEN_LABEL,
    run_pdfsig,
)

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.signing.keys import load_pkcs12, open_pkcs11_module
from ketluan_desktop.core.signing.sign import sign_pdf
from ketluan_desktop.core.signing.verify import VERDICT_VALID, verify_pdf

# --- PKCS#12 ------------------------------------------------------------------------------------


def test_p12_loads_with_its_password(pki):
    with load_pkcs12(pki.signer_p12, pki.signer_password) as key:
        assert key.source == "pkcs12"
        assert SIGNER in key.certificate.subject.rfc4514_string()
        assert len(key.chain) == 1  # the test CA travels in the .p12


def test_p12_wrong_password(pki):
    with pytest.raises(SigningError, match=r"Mật khẩu của tệp chứng thư số test\.p12 không đúng"):
        load_pkcs12(pki.signer_p12, "sai mật khẩu")
    with pytest.raises(SigningError, match="không đúng"):
        load_pkcs12(pki.signer_p12, "")


def test_p12_missing_file(tmp_path):
    with pytest.raises(SigningError, match="Không tìm thấy tệp chứng thư số"):
        load_pkcs12(tmp_path / "không-có.p12", "x")


def test_p12_folder_instead_of_file(tmp_path):
    with pytest.raises(SigningError, match="là một thư mục"):
        load_pkcs12(tmp_path, "x")


def test_p12_unreadable_file(pki, monkeypatch):
    def refuse(self):
        raise PermissionError(13, "Permission denied")

    # chmod 000 does not stop root, who runs CI here: simulate the OS refusing instead.
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(SigningError, match="Không đọc được tệp chứng thư số"):
        load_pkcs12(pki.signer_p12, "x")


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7 not a key store", b"\x30\x03\x02\x01\x05"])
def test_p12_not_a_key_store(tmp_path, content):
    path = tmp_path / "hỏng.p12"
    path.write_bytes(content)
    with pytest.raises(SigningError, match=r"không phải tệp chứng thư số PKCS#12 \(\.p12/\.pfx\)"):
        load_pkcs12(path, "x")


def test_p12_without_private_key(tmp_path, signer_key):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    data = pkcs12.serialize_key_and_certificates(
        name=b"only cert",
        key=None,
        cert=signer_key.certificate,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(b"abc"),
    )
    path = tmp_path / "chi-chung-thu.p12"
    path.write_bytes(data)
    with pytest.raises(SigningError, match="không có khóa bí mật"):
        load_pkcs12(path, "abc")


def test_p12_without_password(tmp_path):
    # Some .p12 files come unprotected from elsewhere; they open with an empty password.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    from ketluan_desktop.core.signing.certs import make_test_certificates

    made = make_test_certificates(SIGNER, ORG, tmp_path / "p.p12", "x", NOW)
    key, cert, cas = pkcs12.load_key_and_certificates(made.p12_path.read_bytes(), b"x")
    opened = tmp_path / "open.p12"
    opened.write_bytes(
        pkcs12.serialize_key_and_certificates(b"x", key, cert, cas, serialization.NoEncryption())
    )
    with load_pkcs12(opened, "") as key:
        assert key.certificate == made.certificate


@pytest.mark.parametrize("password", ["", "   "])
def test_a_test_certificate_needs_a_password(tmp_path, password):
    from ketluan_desktop.core.signing.certs import make_test_certificates

    with pytest.raises(SigningError, match="không được để trống"):
        make_test_certificates(SIGNER, ORG, tmp_path / "t.p12", password, NOW)
    assert list(tmp_path.iterdir()) == []


# --- PKCS#11 module errors (no token needed) ---------------------------------------------------


def test_pkcs11_missing_module(tmp_path):
    with pytest.raises(SigningError, match="Không tìm thấy tệp thư viện PKCS#11"):
        open_pkcs11_module(tmp_path / "vgca_csp11.dll")


def test_pkcs11_wrong_module_file(tmp_path):
    fake = tmp_path / "khong-phai-thu-vien.so"
    fake.write_text("đây không phải thư viện")
    with pytest.raises(SigningError, match="không phải thư viện PKCS#11 dùng được"):
        open_pkcs11_module(fake)


# --- PKCS#11 through SoftHSM2 -------------------------------------------------------------------


@pytest.mark.softhsm
def test_token_listing(softhsm):
    module = open_pkcs11_module(softhsm.module)
    tokens = {t.label: t for t in module.tokens()}
    assert TOKEN_LABEL in tokens
    token = tokens[TOKEN_LABEL]
    assert token.login_required and not token.pin_locked and token.serial


@pytest.mark.softhsm
def test_keys_listing_without_and_with_pin(softhsm):
    module = open_pkcs11_module(softhsm.module)
    public = module.keys(TOKEN_LABEL)
    assert [k.label for k in public] == [KEY_LABEL]  # the CA certificate is not offered
    assert public[0].has_private_key is None and public[0].certificate is not None
    logged_in = module.keys(TOKEN_LABEL, softhsm.pin)
    assert [(k.label, k.key_id, k.has_private_key) for k in logged_in] == [(KEY_LABEL, "a1", True)]


@pytest.mark.softhsm
def test_sign_with_token_checked_by_pyhanko_and_pdfsig(softhsm, vn_pdf, tmp_path):
    module = open_pkcs11_module(softhsm.module)
    with module.open_signer(TOKEN_LABEL, KEY_LABEL, softhsm.pin) as key:
        assert key.source == "pkcs11" and len(key.chain) == 1
        out = sign_pdf(
            vn_pdf, key, box=SIGNER_BOX, name=SIGNER, organisation=ORG, now=NOW + timedelta(hours=1)
        )
    report = verify_pdf(out, softhsm.roots, NOW + timedelta(hours=2))
    assert report.verdict == VERDICT_VALID and report.ok
    assert report.signatures[0].signer_name == KEY_LABEL
    (poppler,) = run_pdfsig(out, tmp_path)
    assert poppler.valid and poppler.total, poppler.text


@pytest.mark.softhsm
def test_token_wrong_pin(softhsm):
    module = open_pkcs11_module(softhsm.module)
    with pytest.raises(SigningError, match=f"Mã PIN của thiết bị ký số «{TOKEN_LABEL}» không đúng"):
        module.open_signer(TOKEN_LABEL, KEY_LABEL, "000000")
    with pytest.raises(SigningError, match="không đúng"):
        module.keys(TOKEN_LABEL, "000000")


@pytest.mark.softhsm
def test_token_needs_a_pin(softhsm):
    module = open_pkcs11_module(softhsm.module)
    with pytest.raises(SigningError, match="Hãy nhập mã PIN"):
        module.open_signer(TOKEN_LABEL, KEY_LABEL, "")


@pytest.mark.softhsm
def test_token_not_found(softhsm):
    module = open_pkcs11_module(softhsm.module)
    with pytest.raises(
        SigningError, match=f"Không tìm thấy thiết bị ký số «Token khác».*{TOKEN_LABEL}"
    ):
        module.open_signer("Token khác", KEY_LABEL, softhsm.pin)


@pytest.mark.softhsm
def test_key_not_found(softhsm):
    module = open_pkcs11_module(softhsm.module)
    with pytest.raises(SigningError, match=f"Không tìm thấy khóa «Trần Thị B».*«{KEY_LABEL}»"):
        module.open_signer(TOKEN_LABEL, "Trần Thị B", softhsm.pin)


@pytest.mark.softhsm
def test_locked_token_by_flag(softhsm, monkeypatch):
    # SoftHSM2 never locks a PIN, so the token's flags are made to say what a real token says.
    import pkcs11

    module = open_pkcs11_module(softhsm.module)
    real_tokens = module._tokens

    class LockedToken:
        def __init__(self, token):
            self._t = token
            self.label = token.label
            self.flags = token.flags | pkcs11.TokenFlag.USER_PIN_LOCKED

        def __getattr__(self, name):
            return getattr(self._t, name)

        def open(self, **kw):  # pragma: no cover - must not be reached
            raise AssertionError("a locked token must not be asked for its PIN")

    monkeypatch.setattr(module, "_tokens", lambda: [LockedToken(t) for t in real_tokens()])
    with pytest.raises(SigningError, match="đã bị khóa do nhập sai mã PIN"):
        module.open_signer(TOKEN_LABEL, KEY_LABEL, softhsm.pin)
    assert module.tokens()[0].pin_locked


@pytest.mark.softhsm
def test_locked_token_reported_by_login(softhsm, monkeypatch):
    import pkcs11

    module = open_pkcs11_module(softhsm.module)
    real_tokens = module._tokens

    class LocksOnLogin:
        def __init__(self, token):
            self.label = token.label
            self.flags = token.flags

        def open(self, **kw):
            raise pkcs11.exceptions.PinLocked()

    monkeypatch.setattr(module, "_tokens", lambda: [LocksOnLogin(t) for t in real_tokens()])
    with pytest.raises(SigningError, match=f"«{TOKEN_LABEL}» đã bị khóa"):
        module.open_signer(TOKEN_LABEL, KEY_LABEL, softhsm.pin)


def test_ecdsa_key_signs_through_the_cached_key_path(vn_pdf, tmp_path):
    """The in-memory signer has its own RSA and ECDSA paths; the ECDSA one is checked here."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from ketluan_desktop.core.signing.keys import signing_key_from_objects

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SIGNER)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    out = sign_pdf(
        vn_pdf,
        signing_key_from_objects(key, cert),
        box=None,
        name=SIGNER,
        organisation=ORG,
        now=NOW,
    )
    root = cert.public_bytes(serialization.Encoding.PEM)
    report = verify_pdf(out, [root], NOW)
    assert report.signatures[0].intact and report.signatures[0].signature_valid
    (poppler,) = run_pdfsig(out, tmp_path)
    assert poppler.valid, poppler.text

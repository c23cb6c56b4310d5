"""Certificate checks before signing, and test certificates for trying the app without a real token.

The checks run before pyHanko sees the key, so that the user reads "the certificate expired on …"
instead of a chain-validation error after typing a PIN.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.fsutil import write_bytes_atomic
from ketluan_desktop.core.signing._common import cert_label, nfc, require_aware, vn_date
from ketluan_desktop.core.signing.sample_images import (
    make_test_seal_image,
    make_test_signature_image,
)

if TYPE_CHECKING:
    from cryptography import x509

__all__ = [
    "TEST_MARK",
    "GeneratedCertificates",
    "check_signing_certificate",
    "is_test_certificate",
    "key_usage_problems",
    "load_certificates",
    "load_revocation_lists",
    "make_test_certificates",
    "make_test_seal_image",
    "make_test_signature_image",
]

TEST_MARK = "KIỂM THỬ — không có giá trị pháp lý"

# Either usage makes a certificate fit for document signatures (RFC 5280 §4.2.1.3; pyHanko agrees).
SIGNING_USAGES = ("digital_signature", "content_commitment")

_USAGE_NAMES = {
    "digital_signature": "ký số (digitalSignature)",
    "content_commitment": "chống chối bỏ (nonRepudiation)",
    "key_encipherment": "mã hóa khóa (keyEncipherment)",
    "data_encipherment": "mã hóa dữ liệu (dataEncipherment)",
    "key_agreement": "thỏa thuận khóa (keyAgreement)",
    "key_cert_sign": "ký chứng thư (keyCertSign)",
    "crl_sign": "ký danh sách thu hồi (cRLSign)",
}


def _usages(cert: x509.Certificate) -> list[str] | None:
    """Key usages the certificate allows, or ``None`` when it sets no limit (extension absent)."""
    from cryptography import x509

    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None
    found = []
    for attr in _USAGE_NAMES:
        try:
            if getattr(ku, attr):
                found.append(attr)
        except ValueError:  # encipher_only/decipher_only style accessors that may refuse
            continue
    return found


def key_usage_problems(cert: x509.Certificate) -> list[str]:
    """Vietnamese descriptions of why the certificate may not sign documents; empty when fine."""
    usages = _usages(cert)
    if usages is None or any(u in usages for u in SIGNING_USAGES):
        return []
    listed = ", ".join(_USAGE_NAMES[u] for u in usages) or "không có mục đích nào"
    return [
        "Chứng thư số không cho phép ký văn bản: thiếu mục đích ký số (digitalSignature) "
        f"và chống chối bỏ (nonRepudiation); chứng thư chỉ cho phép: {listed}."
    ]


def check_signing_certificate(cert: x509.Certificate, now: datetime) -> None:
    """Raise ``SigningError`` if ``cert`` is outside its validity at ``now`` or may not sign."""
    require_aware(now)
    who = cert_label(cert)
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    period = f"hiệu lực từ {vn_date(start)} đến {vn_date(end)}"
    if now < start:
        raise SigningError(
            f"Chứng thư số của {who} chưa đến thời hạn sử dụng ({period}). "
            "Hãy kiểm tra đồng hồ của máy tính hoặc dùng chứng thư khác."
        )
    if now > end:
        raise SigningError(
            f"Chứng thư số của {who} đã hết hạn ngày {vn_date(end)} ({period}). "
            "Hãy gia hạn chứng thư với nhà cung cấp hoặc dùng chứng thư khác."
        )
    problems = key_usage_problems(cert)
    if problems:
        raise SigningError(f"{problems[0]} Chứng thư của {who} không dùng được để ký văn bản.")


def is_test_certificate(cert: x509.Certificate) -> bool:
    return TEST_MARK in cert.subject.rfc4514_string() or TEST_MARK in cert.issuer.rfc4514_string()


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle, or the one DER certificate."""
    from cryptography import x509

    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise SigningError(
            "Tệp chứng thư gốc không đọc được (cần định dạng PEM hoặc DER).", detail=repr(exc)
        ) from exc


def load_revocation_lists(data: bytes) -> list[bytes]:
    """The CRLs in a PEM bundle, or the one DER CRL, as DER."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        if b"-----BEGIN" in data:
            blocks = [b for b in data.split(b"-----END X509 CRL-----") if b"-----BEGIN" in b]
            crls = [x509.load_pem_x509_crl(b + b"-----END X509 CRL-----\n") for b in blocks]
        else:
            crls = [x509.load_der_x509_crl(data)]
    except ValueError as exc:
        raise SigningError(
            "Tệp danh sách thu hồi chứng thư (CRL) không đọc được (cần định dạng DER hoặc PEM).",
            detail=repr(exc),
        ) from exc
    return [crl.public_bytes(serialization.Encoding.DER) for crl in crls]


# Test certificates point to a revocation list at a name that can never resolve (RFC 2606), so
# verifying them says honestly that revocation was not checked online; the list itself is
# written beside the CA, for signing with embedded validation data (PAdES B-LT) offline.
TEST_CRL_URL = "http://crl.kiem-thu.invalid/ca.crl"


@dataclass(frozen=True)
class GeneratedCertificates:
    p12_path: Path
    ca_pem_path: Path
    certificate: x509.Certificate
    ca_certificate: x509.Certificate
    crl_path: Path | None = None


def _name(common_name: str, organisation: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TEST_MARK),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(enabled: tuple[str, ...]):
    from cryptography import x509

    flags = dict.fromkeys(
        (*_USAGE_NAMES, "encipher_only", "decipher_only"),
        False,
    )
    for usage in enabled:
        flags[usage] = True
    return x509.KeyUsage(**flags)


def make_test_certificates(
    name: str,
    org: str,
    out_p12: str | Path,
    password: str,
    now: datetime,
    *,
    key_usage: tuple[str, ...] = SIGNING_USAGES,
    valid_days: int = 730,
) -> GeneratedCertificates:
    """A test CA and a signer certificate (RSA 2048, SHA-256) for ``name`` at ``org``.

    Writes ``out_p12`` (key, certificate and CA, protected by ``password``) and the CA certificate
    beside it as ``<stem>-ca.pem``, both atomically. Both subjects carry ``TEST_MARK``.
    ``key_usage`` exists so tests can make a certificate that must be refused.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    require_aware(now)
    name, org = nfc(name), nfc(org)
    if not name or not org:
        raise SigningError("Cần nhập họ tên người ký và tên cơ quan để tạo chứng thư thử.")
    if not (password or "").strip():
        raise SigningError(
            "Mật khẩu của tệp chứng thư không được để trống: ai có tệp .p12 không mật khẩu đều ký "
            "được thay người ký. Hãy đặt một mật khẩu. Chưa có tệp nào được ghi."
        )
    out_p12 = Path(out_p12)
    ca_path = out_p12.with_name(f"{out_p12.stem}-ca.pem")

    ca_key, ca_cert, ca_ski = _make_test_ca(name, org, now, valid_days + 365)
    key, cert = _make_test_signer(ca_key, ca_cert, ca_ski, name, org, now, valid_days, key_usage)
    crl = _test_crl(ca_key, ca_cert, ca_ski, now, cert.not_valid_after_utc)

    encryption = serialization.BestAvailableEncryption(password.encode("utf-8"))
    p12 = pkcs12.serialize_key_and_certificates(
        name=name.encode("utf-8"),
        key=key,
        cert=cert,
        cas=[ca_cert],
        encryption_algorithm=encryption,
    )
    crl_path = out_p12.with_name(f"{out_p12.stem}-ca.crl")
    write_bytes_atomic(out_p12, p12)
    write_bytes_atomic(ca_path, ca_cert.public_bytes(serialization.Encoding.PEM))
    write_bytes_atomic(crl_path, crl.public_bytes(serialization.Encoding.DER))
    return GeneratedCertificates(
        p12_path=out_p12,
        ca_pem_path=ca_path,
        certificate=cert,
        ca_certificate=ca_cert,
        crl_path=crl_path,
    )


def _make_test_ca(name: str, org: str, now: datetime, valid_days: int):
    """A self-signed test CA: (its key, its certificate, its subject key identifier)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    # The holder in the CA name keeps two trainees' test CAs from sharing one issuer name.
    holder = org if name == org else f"{org} — {name}"
    ca_subject = _name(f"CA {TEST_MARK}", f"KếtLuận Desktop — {holder}")
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_subject)
        .issuer_name(ca_subject)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(("key_cert_sign", "crl_sign")), critical=True)
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return ca_key, ca_cert, ca_ski


def _make_test_signer(
    ca_key,
    ca_cert,
    ca_ski,
    name: str,
    org: str,
    now: datetime,
    valid_days: int,
    key_usage: tuple[str, ...],
):
    """The signer's key and certificate, issued by the test CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name, org))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        # an hour of slack so a machine whose clock lags a little can still sign right away
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(key_usage), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .add_extension(_crl_pointer(), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _crl_pointer():
    from cryptography import x509

    point = x509.DistributionPoint([x509.UniformResourceIdentifier(TEST_CRL_URL)], None, None, None)
    return x509.CRLDistributionPoints([point])


def _test_crl(ca_key, ca_cert, ca_ski, now: datetime, until: datetime):
    """The test CA's revocation list (nothing revoked), valid while its certificate is."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    return (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - timedelta(hours=1))
        .next_update(until)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False
        )
        .add_extension(x509.CRLNumber(1), critical=False)
        .sign(ca_key, hashes.SHA256())
    )

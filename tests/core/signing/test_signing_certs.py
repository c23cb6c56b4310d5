"""Test certificates, the checks made before signing, and the stand-in seal and signature images."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from signing_support import NOW, ORG, SIGNER

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.signing.certs import (
    TEST_MARK,
    check_signing_certificate,
    is_test_certificate,
    key_usage_problems,
    load_certificates,
    make_test_certificates,
    make_test_seal_image,
    make_test_signature_image,
)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    d = tmp_path_factory.mktemp("certs")
    return make_test_certificates(SIGNER, ORG, d / "test.p12", "mật khẩu", NOW)


def test_files_written_beside_each_other(made):
    assert made.p12_path.name == "test.p12"
    assert made.ca_pem_path.name == "test-ca.pem"  # what the CLI promises for -o test.p12
    assert made.ca_pem_path.parent == made.p12_path.parent
    assert sorted(p.name for p in made.p12_path.parent.iterdir()) == [
        "test-ca.crl",  # the test CA's revocation list, for signing with it embedded (B-LT)
        "test-ca.pem",
        "test.p12",
    ]
    (ca,) = load_certificates(made.ca_pem_path.read_bytes())
    assert ca == made.ca_certificate


def test_certificates_are_rsa2048_sha256_and_marked_as_tests(made):
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import rsa

    cert, ca = made.certificate, made.ca_certificate
    for c in (cert, ca):
        assert isinstance(c.public_key(), rsa.RSAPublicKey) and c.public_key().key_size == 2048
        assert c.signature_hash_algorithm.name == "sha256"
        assert TEST_MARK in c.subject.rfc4514_string()
    assert TEST_MARK in ca.subject.rfc4514_string() and "CA" in ca.subject.rfc4514_string()
    assert cert.issuer == ca.subject
    assert is_test_certificate(cert)
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.digital_signature and ku.content_commitment
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    # valid around `now`, so the freshly made certificate signs straight away
    assert cert.not_valid_before_utc <= NOW <= cert.not_valid_after_utc


def test_needs_name_and_organisation(tmp_path):
    with pytest.raises(SigningError, match="Cần nhập họ tên"):
        make_test_certificates(" ", ORG, tmp_path / "a.p12", "x", NOW)
    assert not list(tmp_path.iterdir())


def test_certificate_not_yet_valid(made):
    with pytest.raises(SigningError, match="chưa đến thời hạn sử dụng") as err:
        check_signing_certificate(made.certificate, NOW - timedelta(days=2))
    assert SIGNER in str(err.value)
    assert "hiệu lực từ 10/07/2024 14:32:05 đến 10/07/2026 15:32:05" in str(err.value)


def test_certificate_expired(made):
    with pytest.raises(SigningError, match="đã hết hạn ngày 10/07/2026 15:32:05"):
        check_signing_certificate(made.certificate, NOW + timedelta(days=800))


def test_certificate_without_signing_usage(tmp_path):
    enc = make_test_certificates(
        SIGNER, ORG, tmp_path / "enc.p12", "x", NOW, key_usage=("key_encipherment",)
    )
    with pytest.raises(SigningError) as err:
        check_signing_certificate(enc.certificate, NOW)
    message = str(err.value)
    assert "thiếu mục đích ký số (digitalSignature)" in message
    assert "chống chối bỏ (nonRepudiation)" in message
    assert "chỉ cho phép: mã hóa khóa (keyEncipherment)" in message
    assert key_usage_problems(enc.certificate)


def test_either_signing_usage_is_enough(tmp_path):
    only_nr = make_test_certificates(
        SIGNER, ORG, tmp_path / "nr.p12", "x", NOW, key_usage=("content_commitment",)
    )
    check_signing_certificate(only_nr.certificate, NOW)


def test_naive_now_is_refused(made):
    with pytest.raises(SigningError, match="múi giờ"):
        check_signing_certificate(made.certificate, NOW.replace(tzinfo=None))


def test_trust_root_files_in_pem_or_der(made):
    from cryptography.hazmat.primitives import serialization

    der = made.ca_certificate.public_bytes(serialization.Encoding.DER)
    assert load_certificates(der) == [made.ca_certificate]
    with pytest.raises(SigningError, match="chứng thư gốc không đọc được"):
        load_certificates(b"rubbish")


def _rgba(png: bytes):
    from PIL import Image

    img = Image.open(BytesIO(png))
    assert img.format == "PNG"
    return img.convert("RGBA"), img.info.get("dpi")


def _pixels(img) -> list[tuple[int, int, int, int]]:
    raw = img.tobytes()
    return [tuple(raw[i : i + 4]) for i in range(0, len(raw), 4)]


def test_seal_image_is_red_round_and_transparent():
    img, dpi = _rgba(make_test_seal_image(ORG))
    assert dpi and round(dpi[0]) == 300
    w, h = img.size
    assert w == h and abs(w / 300 * 25.4 - 35) < 0.5  # 35 mm across at its DPI
    assert img.getpixel((0, 0))[3] == 0 and img.getpixel((w - 1, h - 1))[3] == 0
    inked = [p for p in _pixels(img) if p[3] > 200]
    assert len(inked) > w * h * 0.05
    assert all(r > 150 and g < 120 and b < 120 for r, g, b, _a in inked)  # red only
    # The rim is a circle: a point on it at the left and the right middle is inked.
    rim = round(w * 0.035 + w * 0.005)
    assert img.getpixel((rim, h // 2))[3] > 0 and img.getpixel((w - 1 - rim, h // 2))[3] > 0


def test_signature_image_is_blue_and_transparent():
    img, _dpi = _rgba(make_test_signature_image(SIGNER))
    assert img.getpixel((0, 0))[3] == 0
    inked = [p for p in _pixels(img) if p[3] > 200]
    assert inked and all(b > r and b > g for r, g, b, _a in inked)

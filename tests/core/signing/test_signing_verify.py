"""Verification of any PDF: verdicts, trust, key usage, broken signatures, timestamps (B-T)."""

from __future__ import annotations

import json
import re
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from signing_support import NOW, ORG, SIGNER, SIGNER_BOX, build_vietnamese_pdf, run_pdfsig

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.signing import sign as sign_module
from ketluan_desktop.core.signing.certs import make_test_certificates
from ketluan_desktop.core.signing.keys import load_pkcs12
from ketluan_desktop.core.signing.sign import sign_pdf
from ketluan_desktop.core.signing.verify import (
    VERDICT_ALTERED,
    VERDICT_UNSIGNED,
    VERDICT_UNTRUSTED,
    VERDICT_VALID,
    verify_pdf,
)


@pytest.fixture(scope="module")
def signed(vn_pdf, signer_key) -> bytes:
    return sign_pdf(vn_pdf, signer_key, box=SIGNER_BOX, name=SIGNER, organisation=ORG, now=NOW)


def test_unsigned_pdf(vn_pdf, pki):
    report = verify_pdf(vn_pdf, pki.roots)
    assert report.verdict == VERDICT_UNSIGNED and not report.ok
    assert report.to_json_dict() == {
        "verdict": "Không có chữ ký",
        "verdict_text": "Không có chữ ký",
        "revocation_checked": False,
        "ok": False,
        "signature_count": 0,
        "signatures": [],
    }


def test_report_fields_and_json(signed, pki):
    report = verify_pdf(signed, pki.roots, NOW)
    data = json.loads(json.dumps(report.to_json_dict(), ensure_ascii=False))
    assert data["verdict"] == "Hợp lệ" and data["ok"] is True
    (sig,) = data["signatures"]
    assert sig["signer_name"] == SIGNER and sig["signer_organisation"] == ORG
    assert sig["issuer"].startswith("CA KIỂM THỬ")
    assert re.fullmatch(r"[0-9A-F]+", sig["serial"])
    assert sig["signing_time"] == "2024-07-10T08:32:05+00:00"
    assert sig["valid_from"] < sig["signing_time"] < sig["valid_to"]
    assert sig["hash_algorithm"] == "sha256"
    assert sig["covers_whole_file"] is True and sig["changes_after"] == []
    assert sig["changes_text"] == "Chữ ký bao trùm toàn bộ tệp."
    assert sig["test_certificate"] is True and sig["key_usage_problems"] == []


def test_untrusted_root(signed):
    report = verify_pdf(signed, [], NOW)
    assert report.verdict == VERDICT_UNTRUSTED and not report.ok
    (sig,) = report.signatures
    assert sig.intact and not sig.trusted and not sig.altered
    assert "không xác minh được tới một chứng thư gốc tin cậy" in sig.trust_problems[0]
    assert "KIỂM THỬ" in sig.trust_problems[-1]


def test_issuer_named_like_a_trusted_root_but_signed_by_another_key(signed, tmp_path):
    # A second test CA for the same holder and organisation has exactly the same name.
    twin = make_test_certificates(SIGNER, ORG, tmp_path / "twin.p12", "x", NOW)
    report = verify_pdf(signed, [twin.ca_pem_path.read_bytes()], NOW)
    (sig,) = report.signatures
    assert report.verdict == VERDICT_UNTRUSTED and sig.intact and not sig.trusted
    assert "trùng tên một chứng thư gốc tin cậy" in sig.trust_problems[0]
    assert "khác khóa" in sig.trust_problems[0]


def test_test_cas_of_different_holders_have_different_names(tmp_path):
    from cryptography import x509

    a = make_test_certificates("Nguyễn Văn An", ORG, tmp_path / "a.p12", "x", NOW)
    b = make_test_certificates("Trần Thị Bình", ORG, tmp_path / "b.p12", "x", NOW)
    name_a, name_b = (
        x509.load_pem_x509_certificate(m.ca_pem_path.read_bytes()).subject for m in (a, b)
    )
    assert name_a != name_b


def test_trust_root_as_der(signed, pki):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    der = [
        x509.load_pem_x509_certificate(p).public_bytes(serialization.Encoding.DER)
        for p in pki.roots
    ]
    assert verify_pdf(signed, der, NOW).verdict == VERDICT_VALID


def test_certificate_expired_when_checked(signed, pki):
    report = verify_pdf(signed, pki.roots, NOW + timedelta(days=3 * 365))
    assert report.verdict == VERDICT_UNTRUSTED
    assert "không có hiệu lực tại thời điểm kiểm tra" in report.signatures[0].trust_problems[0]


def test_key_usage_problem_is_reported(vn_pdf, tmp_path, monkeypatch):
    made = make_test_certificates(
        SIGNER, ORG, tmp_path / "enc.p12", "x", NOW, key_usage=("key_encipherment",)
    )
    # sign_pdf refuses such a certificate; documents signed elsewhere may still carry one.
    monkeypatch.setattr(sign_module, "check_signing_certificate", lambda cert, now: None)
    with load_pkcs12(made.p12_path, "x") as key:
        out = sign_pdf(vn_pdf, key, box=None, name=SIGNER, organisation=ORG, now=NOW)
    report = verify_pdf(out, [made.ca_pem_path.read_bytes()], NOW)
    (sig,) = report.signatures
    assert sig.intact and not sig.altered
    assert "thiếu mục đích ký số (digitalSignature)" in sig.key_usage_problems[0]
    assert report.verdict == VERDICT_UNTRUSTED and not report.ok


def test_damaged_signature_value(signed, pki, tmp_path):
    # Overwrite the start of the CMS blob in /Contents: the signature can no longer be parsed.
    m = re.search(rb"/Contents <([0-9a-fA-F]+)>", signed)
    start = m.start(1)
    damaged = signed[:start] + b"0" * 64 + signed[start + 64 :]
    report = verify_pdf(damaged, pki.roots, NOW)
    assert report.verdict == VERDICT_ALTERED and not report.ok
    assert "Không kiểm tra được chữ ký này" in report.signatures[0].error
    assert not run_pdfsig(damaged, tmp_path)[0].valid


def _xref_flips_that_break_the_structure(pdf: bytes):
    """Byte flips inside the cross-reference tables after which the PDF no longer parses."""
    from ketluan_desktop.core.signing._common import PdfStructureError, open_reader

    for m in re.finditer(rb"\nxref\n", pdf):
        for i in range(m.end(), m.end() + 400):
            if not pdf[i : i + 1].isdigit():
                continue
            flipped = bytearray(pdf)
            flipped[i] ^= 0x01
            try:
                open_reader(bytes(flipped))
            except PdfStructureError:
                yield bytes(flipped)


def test_a_flip_in_the_cross_references_of_a_signed_file_is_an_alteration(signed, pki):
    # Issue 20, item 9: the file no longer parses, but what the office must hear is that the
    # signed bytes changed (exit 3), not "PDF hỏng" (exit 1).
    broken = next(_xref_flips_that_break_the_structure(signed))
    report = verify_pdf(broken, pki.roots, NOW)
    assert report.verdict == VERDICT_ALTERED and not report.ok
    (sig,) = report.signatures
    assert sig.signer_name == SIGNER and not sig.intact
    assert "KHÔNG còn khớp" in sig.error


def test_a_broken_file_whose_signed_bytes_still_match_stays_damaged(vn_pdf, pki):
    # Unsigned: no signature to speak for the bytes, so "damaged" is the honest answer.
    broken = next(_xref_flips_that_break_the_structure(vn_pdf))
    with pytest.raises(SigningError, match="bị hỏng"):
        verify_pdf(broken, pki.roots, NOW)


def test_unsupported_signature_format_is_listed_not_skipped(signed, pki):
    # pyHanko's own list silently drops such signatures; "Không có chữ ký" would be a lie.
    legacy = signed.replace(b"/ETSI.CAdES.detached", b"/adbe.x509.rsa_sha1 ")
    report = verify_pdf(legacy, pki.roots, NOW)
    (sig,) = report.signatures
    assert sig.field_name == "ChuKyNguoiKy" and "định dạng không" in sig.error
    assert report.verdict == VERDICT_ALTERED and not report.ok


def test_refuses_non_pdf_and_encrypted(pki):
    with pytest.raises(SigningError, match="không phải tệp PDF"):
        verify_pdf(b"GIF89a", pki.roots)
    with pytest.raises(SigningError, match="đặt mật khẩu hoặc mã hóa"):
        verify_pdf(build_vietnamese_pdf(1, encrypt="abc"), pki.roots)


def test_refuses_unreadable_trust_root(signed):
    with pytest.raises(SigningError, match="chứng thư gốc không đọc được"):
        verify_pdf(signed, [b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n"])


# --- B-T: a timestamp from a TSA (a local one, built on pyHanko's test stamper) -----------------


def _tsa_material():
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("TSA CA kiểm thử"))
        .issuer_name(name("TSA CA kiểm thử"))
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(NOW - timedelta(days=10))
        .not_valid_after(NOW + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("Máy chủ dấu thời gian kiểm thử"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(NOW - timedelta(days=10))
        .not_valid_after(NOW + timedelta(days=3650))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return ca.public_bytes(serialization.Encoding.PEM), cert, key


@pytest.fixture(scope="module")
def tsa():
    from asn1crypto import cms, tsp
    from pyhanko.keys.internal import (
        translate_pyca_cryptography_cert_to_asn1,
        translate_pyca_cryptography_key_to_asn1,
    )
    from pyhanko.sign.timestamps import DummyTimeStamper

    # asn1crypto builds a name->OID map on first use; if that happened before asn1crypto.tsp was
    # imported, 'tst_info' is missing from it and pyHanko's test stamper cannot encode its answer.
    if cms.ContentType._reverse_map is not None:
        cms.ContentType._reverse_map.setdefault("tst_info", "1.2.840.113549.1.9.16.1.4")
    ca_pem, cert, key = _tsa_material()
    stamper = DummyTimeStamper(
        tsa_cert=translate_pyca_cryptography_cert_to_asn1(cert),
        tsa_key=translate_pyca_cryptography_key_to_asn1(key),
        fixed_dt=NOW + timedelta(seconds=2),
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            req = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(req).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")  # no keep-alive: each request stands alone
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", ca_pem
    finally:
        server.shutdown()
        server.server_close()


def test_signature_with_timestamp_is_b_t(vn_pdf, signer_key, pki, tsa, tmp_path):
    url, tsa_root = tsa
    out = sign_pdf(
        vn_pdf, signer_key, box=SIGNER_BOX, name=SIGNER, organisation=ORG, now=NOW, tsa_url=url
    )
    report = verify_pdf(out, [*pki.roots, tsa_root], NOW + timedelta(minutes=1))
    assert report.verdict == VERDICT_VALID
    (sig,) = report.signatures
    assert sig.timestamp_time == NOW + timedelta(seconds=2)
    (poppler,) = run_pdfsig(out, tmp_path)
    assert poppler.valid and poppler.total, poppler.text


def test_unreachable_timestamp_server(vn_pdf, signer_key):
    with pytest.raises(SigningError, match="Không lấy được dấu thời gian từ máy chủ"):
        sign_pdf(
            vn_pdf,
            signer_key,
            box=None,
            name=SIGNER,
            organisation=ORG,
            now=NOW,
            tsa_url="http://127.0.0.1:9/",
        )


# --- what a verdict rests on (issue 20, item 8) -------------------------------------------------


def test_valid_offline_says_revocation_was_not_checked(signed, pki):
    report = verify_pdf(signed, pki.roots, NOW)
    assert report.verdict == VERDICT_VALID and report.ok  # exit 0 still
    assert report.verdict_text == "Hợp lệ (chưa kiểm tra thu hồi chứng thư)"
    (sig,) = report.signatures
    assert not sig.revocation_checked
    # the test certificates name a revocation list (at a name that never resolves)
    assert sig.revocation_note.startswith("chưa kiểm tra thu hồi: không có mạng")
    assert sig.basis.startswith("kiểm tra tại thời điểm hiện tại")
    assert report.to_json_dict()["revocation_checked"] is False


@pytest.fixture(scope="module")
def short_lived(tmp_path_factory):
    """A certificate valid for one day from NOW, its CA and the CA's revocation list."""
    made = make_test_certificates(
        SIGNER, ORG, tmp_path_factory.mktemp("ngan-han") / "mot-ngay.p12", "x", NOW, valid_days=1
    )
    return made, load_pkcs12(made.p12_path, "x")


LATER = NOW + timedelta(days=90)  # long after the certificate expired


def test_b_lt_stays_valid_offline_after_the_certificate_expires(vn_pdf, short_lived, tmp_path):
    from ketluan_desktop.core.signing.sign import ValidationData

    made, key = short_lived
    out = sign_pdf(
        vn_pdf,
        key,
        box=SIGNER_BOX,
        name=SIGNER,
        organisation=ORG,
        now=NOW,
        validation=ValidationData(crls=(made.crl_path.read_bytes(),)),
    )
    assert b"/DSS" in out and b"/CRLs" in out  # the CA's list, embedded (PAdES B-LT)
    report = verify_pdf(out, [made.ca_pem_path.read_bytes()], LATER)
    (sig,) = report.signatures
    assert report.verdict == VERDICT_VALID and report.ok, sig.trust_problems
    assert report.verdict_text == VERDICT_VALID  # nothing left unchecked
    assert sig.revocation_checked and sig.revocation_note.startswith("đã kiểm tra thu hồi")
    assert "thời điểm ký" in sig.basis and "dữ liệu kiểm tra chữ ký kèm trong tệp" in sig.basis
    assert sig.validated_at == NOW and sig.changes_after == ["validation_data"]
    (poppler,) = run_pdfsig(out, tmp_path)
    assert poppler.valid, poppler.text


def test_without_proof_of_time_an_expired_certificate_says_what_the_verdict_rests_on(
    vn_pdf, short_lived
):
    _made, key = short_lived
    out = sign_pdf(vn_pdf, key, box=SIGNER_BOX, name=SIGNER, organisation=ORG, now=NOW)
    report = verify_pdf(out, [short_lived[0].ca_pem_path.read_bytes()], LATER)
    (sig,) = report.signatures
    assert report.verdict == VERDICT_UNTRUSTED
    assert sig.basis.startswith("kiểm tra tại thời điểm hiện tại")
    plain = " ".join(sig.trust_problems)
    assert "khi chứng thư còn hiệu lực" in plain and "không chứng minh được thời điểm đó" in plain


def test_b_t_stays_valid_after_the_certificate_expires(vn_pdf, short_lived, tsa):
    url, tsa_root = tsa
    made, key = short_lived
    out = sign_pdf(vn_pdf, key, box=SIGNER_BOX, name=SIGNER, organisation=ORG, now=NOW, tsa_url=url)
    report = verify_pdf(out, [made.ca_pem_path.read_bytes(), tsa_root], LATER)
    (sig,) = report.signatures
    assert report.verdict == VERDICT_VALID and report.ok, sig.trust_problems
    assert sig.basis.startswith("kiểm tra tại thời điểm của dấu thời gian tin cậy")
    assert sig.validated_at == NOW + timedelta(seconds=2)


def test_a_revocation_list_that_does_not_hold_refuses_to_sign(vn_pdf, short_lived, pki):
    from ketluan_desktop.core.signing.sign import ValidationData

    _made, key = short_lived
    other_ca_list = pki.signer_p12.with_name(f"{pki.signer_p12.stem}-ca.crl").read_bytes()
    with pytest.raises(SigningError, match="Không gắn được dữ liệu kiểm tra chữ ký"):
        sign_pdf(
            vn_pdf,
            key,
            box=None,
            name=SIGNER,
            organisation=ORG,
            now=NOW,
            validation=ValidationData(crls=(other_ca_list,)),
        )

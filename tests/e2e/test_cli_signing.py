"""``ketluan sign``, ``verify``, ``cert``, ``trust`` and ``signing-image`` as users and scripts run
them. The real flows run the command as a separate process (and SoftHSM2 stands in for a USB
token there, so its configuration never mixes with other tests' tokens in this process); the many
refusals run ``main()`` in process, each checking that nothing was written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest

ORG = "Đảng ủy Khối các cơ quan tỉnh"
SIGNER = "Hoàng Thanh Hải"
PASSWORD = "mật khẩu thử 123"
TEST_MARK = "KIỂM THỬ — không có giá trị pháp lý"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "KETLUAN_PW": PASSWORD, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ketluan_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )


def pdfsig(pdf: Path) -> list[tuple[bool, bool, str]]:
    """(valid, covers the whole file, text) per signature; pdfsig exits 0 even on a mismatch."""
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils (pdfsig) is not installed")
    out = subprocess.run(
        ["pdfsig", "-nocert", str(pdf)], capture_output=True, text=True, check=False
    ).stdout
    return [
        (
            "Signature Validation: Signature is Valid." in b,
            "- Total document signed" in b,
            b,
        )
        for b in re.split(r"^Signature #\d+:\n", out, flags=re.M)[1:]
    ]


@pytest.fixture(scope="module")
def certs(tmp_path_factory) -> Path:
    """``ketluan cert make-test`` for the signer and for the office, as a trainer would."""
    d = tmp_path_factory.mktemp("chung-thu thu")
    r = run("cert", "make-test", "--name", SIGNER, "--org", ORG, "-o", str(d / "test.p12"),
            "--password-env", "KETLUAN_PW", "--images")  # fmt: skip
    assert r.returncode == 0, r.stderr
    r = run("cert", "make-test", "--name", ORG, "--org", ORG, "-o", str(d / "van-thu.p12"),
            "--password-env", "KETLUAN_PW")  # fmt: skip
    assert r.returncode == 0, r.stderr
    return d


@pytest.fixture
def office(demo_db) -> str:
    """The demo office's database (a file, or a PostgreSQL URL) as ``--db`` takes it."""
    from engines import target_of

    target = target_of(demo_db)
    demo_db.dispose()
    return target


def _status(db: str) -> tuple[str, int]:
    from sqlalchemy import create_engine, text

    from ketluan_desktop.core.db.location import resolve

    engine = create_engine(resolve(db).url)
    try:
        with engine.connect() as con:
            status = con.execute(
                text("select status from document where number_symbol = '105-KL/ĐUK'")
            ).scalar_one()
            count = con.execute(text("select count(*) from document_signature")).scalar_one()
            return status, count
    finally:
        engine.dispose()


# --- the real flows, as separate processes ------------------------------------------------------


def test_make_test_writes_a_marked_certificate_its_ca_and_images(certs):
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import pkcs12

    assert sorted(p.name for p in certs.iterdir()) == [
        "test-ca.crl",
        "test-ca.pem",
        "test-chu-ky.png",
        "test-con-dau.png",
        "test.p12",
        "van-thu-ca.crl",
        "van-thu-ca.pem",
        "van-thu.p12",
    ]
    key, cert, cas = pkcs12.load_key_and_certificates(
        (certs / "test.p12").read_bytes(), PASSWORD.encode()
    )
    assert key is not None and TEST_MARK in cert.subject.rfc4514_string()
    assert SIGNER in cert.subject.rfc4514_string()
    ca = x509.load_pem_x509_certificate((certs / "test-ca.pem").read_bytes())
    assert cas[0] == ca and TEST_MARK in ca.subject.rfc4514_string()


def test_sign_then_seal_then_verify(office, certs, tmp_path, cli):
    signed = tmp_path / "đã ký" / "105-KL-DUK.pdf"
    signed.parent.mkdir()
    r = run("sign", "1", "--db", str(office), "--p12", str(certs / "test.p12"),
            "--password-env", "KETLUAN_PW", "-o", str(signed), "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["kind"] == "signer" and result["signer"] == SIGNER
    assert result["number_symbol"] == "105-KL/ĐUK" and result["timestamp_server"] is None
    assert _status(office) == ("signed", 1)
    assert sorted(p.name for p in signed.parent.iterdir()) == ["105-KL-DUK.pdf"]  # no temp left
    ((valid, total, text),) = pdfsig(signed)
    assert valid and total, text

    r = run("verify", str(signed), "--db", str(office), "--trust", str(certs / "test-ca.pem"))
    assert r.returncode == 0, r.stdout + r.stderr
    # valid, and saying what it rests on: offline, revocation was not checked
    assert "Kết luận: Hợp lệ (chưa kiểm tra thu hồi chứng thư)\n" in r.stdout, r.stdout
    assert f"Người ký: {SIGNER}" in r.stdout
    assert "Thu hồi: chưa kiểm tra thu hồi: không có mạng" in r.stdout
    assert "Thuật toán băm: SHA-256" in r.stdout and "Dữ liệu đã ký: nguyên vẹn" in r.stdout
    assert r.stderr == ""  # pyHanko's own warnings stay out of the user's way
    r = run("verify", str(signed), "--no-db", "--json")
    assert r.returncode == 4
    report = json.loads(r.stdout)
    assert report["verdict"] == "Hợp lệ nhưng chứng thư chưa được tin cậy"
    assert report["signatures"][0]["intact"] and not report["signatures"][0]["trusted"]

    # The office: its seal image in Settings, its own key, on top of the signer's signature.
    # (Bookkeeping commands run in process: the real work is in the separate processes.)
    code, _out, err = cli("signing-image", "add", "seal", ORG, str(certs / "test-con-dau.png"),
                          "--db", str(office))  # fmt: skip
    assert code == 0, err
    sealed = tmp_path / "đã ký" / "105-KL-DUK-dong-dau.pdf"
    r = run("sign", "1", "--db", str(office), "--p12", str(certs / "van-thu.p12"), "--seal",
            "--password-env", "KETLUAN_PW", "-o", str(sealed))  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Đã đóng dấu số của cơ quan" in r.stdout
    assert sealed.read_bytes().startswith(signed.read_bytes())
    assert _status(office) == ("signed", 2)
    (a_valid, a_total, a_text), (b_valid, b_total, b_text) = pdfsig(sealed)
    assert a_valid and not a_total, a_text
    assert b_valid and b_total, b_text

    for ca in ("test-ca.pem", "van-thu-ca.pem"):
        assert cli("trust", "add", str(certs / ca), "--db", str(office))[0] == 0
    r = run("verify", str(sealed), "--db", str(office), "--json")
    assert r.returncode == 0, r.stdout
    report = json.loads(r.stdout)
    assert report["verdict"] == "Hợp lệ" and report["signature_count"] == 2
    first, second = report["signatures"]
    assert first["changes_after"] == ["signature"] and second["covers_whole_file"]

    exported = tmp_path / "xuat.pdf"
    assert cli("export-signed", "1", "--db", str(office), "-o", str(exported))[0] == 0
    assert exported.read_bytes() == sealed.read_bytes()


def _flip(pdf: bytes) -> bytes:
    data = bytearray(pdf)
    data[pdf.index(b"stream\n", 200) + 30] ^= 0x20  # inside page 1's content: signed bytes
    return bytes(data)


def _append_change(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(BytesIO(pdf))
    ref = w.add_object(generic.StreamObject(stream_data=b"0 0 0 rg 100 100 200 50 re f"))
    w.add_stream_to_page(0, ref)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def test_verify_reports_flipped_bytes_and_unsigned_changes(office, certs, tmp_path):
    signed = tmp_path / "ky.pdf"
    r = run("sign", "1", "--db", str(office), "--p12", str(certs / "test.p12"),
            "--password-env", "KETLUAN_PW", "-o", str(signed))  # fmt: skip
    assert r.returncode == 0, r.stderr
    flipped = tmp_path / "sua-byte.pdf"
    flipped.write_bytes(_flip(signed.read_bytes()))
    changed = tmp_path / "them-noi-dung.pdf"
    changed.write_bytes(_append_change(signed.read_bytes()))

    r = run("verify", str(flipped), "--trust", str(certs / "test-ca.pem"), "--no-db")
    assert r.returncode == 3, r.stdout
    assert "Kết luận: ĐÃ BỊ THAY ĐỔI SAU KHI KÝ" in r.stdout and "KHÔNG KHỚP" in r.stdout
    ((valid, _total, text),) = pdfsig(flipped)
    assert not valid and "Digest Mismatch" in text

    r = run("verify", str(changed), "--trust", str(certs / "test-ca.pem"), "--no-db")
    assert r.returncode == 3, r.stdout
    assert "ĐÃ BỊ THAY ĐỔI SAU KHI KÝ" in r.stdout and "thay đổi nội dung văn bản" in r.stdout
    ((valid, total, text),) = pdfsig(changed)
    assert valid and not total, text  # pdfsig agrees the signature no longer covers the file


def test_sign_with_the_cas_revocation_list_embeds_it(office, certs, tmp_path):
    signed = tmp_path / "ky-lt.pdf"
    r = run("sign", "1", "--db", str(office), "--p12", str(certs / "test.p12"),
            "--password-env", "KETLUAN_PW", "--crl", str(certs / "test-ca.crl"),
            "-o", str(signed), "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["validation_data_embedded"] is True
    r = run("verify", str(signed), "--trust", str(certs / "test-ca.pem"), "--no-db")
    assert r.returncode == 0, r.stdout
    assert "Kết luận: Hợp lệ\n" in r.stdout  # nothing left unchecked
    assert "Thu hồi: đã kiểm tra thu hồi với dữ liệu kèm trong tệp" in r.stdout
    assert "Căn cứ: kiểm tra tại thời điểm ký" in r.stdout

    bad = tmp_path / "khong-phai.crl"
    bad.write_bytes(b"not a CRL")
    r = run("sign", "1", "--db", str(office), "--p12", str(certs / "test.p12"),
            "--password-env", "KETLUAN_PW", "--crl", str(bad), "-o", str(tmp_path / "x.pdf"))  # fmt: skip
    assert r.returncode == 1 and "danh sách thu hồi" in r.stderr, r.stderr


def test_a_flip_that_breaks_the_cross_references_exits_3(office, certs, tmp_path):
    from ketluan_desktop.core.signing._common import PdfStructureError, open_reader

    signed = tmp_path / "ky.pdf"
    r = run("sign", "1", "--db", str(office), "--p12", str(certs / "test.p12"),
            "--password-env", "KETLUAN_PW", "-o", str(signed))  # fmt: skip
    assert r.returncode == 0, r.stderr
    data = signed.read_bytes()
    start = data.index(b"\nxref\n")
    for i in range(start + 6, start + 600):
        flipped = bytearray(data)
        flipped[i] ^= 0x01
        try:
            open_reader(bytes(flipped))
        except PdfStructureError:
            break
    else:
        pytest.fail("no flip in the cross-references broke the file")
    broken = tmp_path / "hong-xref.pdf"
    broken.write_bytes(bytes(flipped))
    r = run("verify", str(broken), "--trust", str(certs / "test-ca.pem"), "--no-db")
    assert r.returncode == 3, (r.stdout, r.stderr)
    assert "Kết luận: ĐÃ BỊ THAY ĐỔI SAU KHI KÝ" in r.stdout and "KHÔNG còn khớp" in r.stdout


# --- a USB token: SoftHSM2, configured only for the child processes -----------------------------

TOKEN = "USB Token Văn phòng"
PIN = "246810"


@pytest.fixture(scope="module")
def token(tmp_path_factory, certs) -> dict:
    from ketluan_desktop.core.signing.tokens import find_softhsm_module

    module = find_softhsm_module()
    if module is None or not (shutil.which("softhsm2-util") and shutil.which("pkcs11-tool")):
        pytest.skip("SoftHSM2 is not installed (apt-get install softhsm2 opensc)")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    d = tmp_path_factory.mktemp("token")
    (d / "tokens").mkdir()
    conf = d / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {d / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    key, cert, _cas = pkcs12.load_key_and_certificates(
        (certs / "test.p12").read_bytes(), PASSWORD.encode()
    )
    (d / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (d / "cert.der").write_bytes(cert.public_bytes(serialization.Encoding.DER))

    def tool(*args: str) -> None:
        subprocess.run(args, check=True, capture_output=True, env=env)

    tool("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN,
         "--so-pin", "13572468")  # fmt: skip
    tool("softhsm2-util", "--import", str(d / "key.pem"), "--token", TOKEN, "--label", SIGNER,
         "--id", "b2", "--pin", PIN)  # fmt: skip
    tool("pkcs11-tool", "--module", str(module), "--token-label", TOKEN, "--login", "--pin", PIN,
         "--write-object", str(d / "cert.der"), "--type", "cert", "--id", "b2",
         "--label", SIGNER)  # fmt: skip
    return {"module": str(module), "env": {"SOFTHSM2_CONF": str(conf), "KETLUAN_PIN": PIN}}


@pytest.mark.softhsm
def test_sign_with_a_token(office, certs, token, tmp_path):
    r = run("cert", "tokens", "--pkcs11", token["module"], "--json", env=token["env"])
    assert r.returncode == 0, r.stderr
    (listed,) = json.loads(r.stdout)
    assert listed["label"] == TOKEN and listed["keys"][0]["label"] == SIGNER

    out = tmp_path / "token.pdf"
    base = ("sign", "1", "--db", str(office), "--pkcs11", token["module"], "--token", TOKEN,
            "--key", SIGNER, "-o", str(out))  # fmt: skip
    r = run(*base, "--pin-env", "SAI_PIN", env={**token["env"], "SAI_PIN": "000000"})
    assert r.returncode == 1
    assert f"Mã PIN của thiết bị ký số «{TOKEN}» không đúng" in r.stderr
    assert not out.exists() and _status(office) == ("issued", 0)

    r = run(*base[:-2], "--key", "Trần Thị B", "-o", str(out), "--pin-env", "KETLUAN_PIN",
            env=token["env"])  # fmt: skip
    assert r.returncode == 1 and "Không tìm thấy khóa «Trần Thị B»" in r.stderr
    assert not out.exists()

    r = run(*base, "--pin-env", "KETLUAN_PIN", env=token["env"])
    assert r.returncode == 0, r.stderr
    assert _status(office) == ("signed", 1)
    ((valid, total, text),) = pdfsig(out)
    assert valid and total, text
    r = run("verify", str(out), "--no-db", "--trust", str(certs / "test-ca.pem"))
    assert r.returncode == 0 and "Kết luận: Hợp lệ" in r.stdout, r.stdout


# --- refusals, run in process: each leaves no file and no database change ----------------------


@pytest.fixture
def cli(office, monkeypatch, capsys):
    from ketluan_desktop.cli import main

    monkeypatch.setenv("KETLUAN_PW", PASSWORD)

    def call(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def _sign_args(office: Path, p12: Path, out: Path, *extra: str) -> list[str]:
    return ["sign", "1", "--db", str(office), "--p12", str(p12), "--password-env", "KETLUAN_PW",
            "-o", str(out), *extra]  # fmt: skip


def _refused(cli, office, out, args, message):
    code, _stdout, err = cli(*args)
    assert code == 1, err
    assert err.startswith("Lỗi: ") and message in err, err
    assert not out.exists() and not any(out.parent.glob(f".{out.name}.*"))
    assert _status(office) == ("issued", 0)
    return err


def test_wrong_password(cli, office, certs, tmp_path, monkeypatch):
    monkeypatch.setenv("SAI", "sai mật khẩu")
    out = tmp_path / "a.pdf"
    args = ["sign", "1", "--db", str(office), "--p12", str(certs / "test.p12"),
            "--password-env", "SAI", "-o", str(out)]  # fmt: skip
    err = _refused(cli, office, out, args, "Mật khẩu của tệp chứng thư số test.p12 không đúng")
    assert "sai mật khẩu" not in err


def test_no_password_variable_and_no_keyboard(cli, office, certs, tmp_path, monkeypatch):
    out = tmp_path / "a.pdf"
    monkeypatch.delenv("CHUA_DAT", raising=False)
    args = _sign_args(office, certs / "test.p12", out)
    args[args.index("KETLUAN_PW")] = "CHUA_DAT"
    _refused(cli, office, out, args, "Biến môi trường CHUA_DAT chưa được đặt")
    args = ["sign", "1", "--db", str(office), "--p12", str(certs / "test.p12"), "-o", str(out)]
    _refused(cli, office, out, args, "Không có bàn phím để nhập mật khẩu/PIN")


def test_a_certificate_in_another_name_needs_allow_other_signer(cli, office, certs, tmp_path):
    out = tmp_path / "a.pdf"
    args = _sign_args(office, certs / "van-thu.p12", out)
    _refused(cli, office, out, args, "người ký in trên văn bản 105-KL/ĐUK là «Hoàng Thanh Hải»")
    code, _out, err = cli(*args, "--allow-other-signer")
    assert code == 0, err
    assert out.exists() and _status(office)[0] == "signed"


@pytest.mark.parametrize("option", ["--password", "--pin"])
def test_a_password_is_never_a_command_line_value(cli, office, certs, tmp_path, option):
    out = tmp_path / "a.pdf"
    args = [*_sign_args(office, certs / "test.p12", out), option, "bí-mật-123"]
    err = _refused(cli, office, out, args, "Không ghi mật khẩu/PIN trên dòng lệnh")
    assert "bí-mật-123" not in err


def test_p12_without_private_key_and_missing_p12(cli, office, certs, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    _key, cert, _cas = pkcs12.load_key_and_certificates(
        (certs / "test.p12").read_bytes(), PASSWORD.encode()
    )
    only_cert = tmp_path / "chi-chung-thu.p12"
    only_cert.write_bytes(
        pkcs12.serialize_key_and_certificates(
            name=b"x",
            key=None,
            cert=cert,
            cas=None,
            encryption_algorithm=serialization.BestAvailableEncryption(PASSWORD.encode()),
        )
    )
    out = tmp_path / "a.pdf"
    _refused(cli, office, out, _sign_args(office, only_cert, out), "không có khóa bí mật")
    _refused(
        cli, office, out, _sign_args(office, tmp_path / "khong.p12", out), "Không tìm thấy tệp"
    )


def test_a_document_not_yet_issued(cli, office, certs, tmp_path):
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.documents import records as documents
    from ketluan_desktop.core.documents.content import DocumentContent

    db = open_database(office)
    with db.write_session() as s:
        draft_id = documents.create(
            s,
            DocumentContent(type_code="TB", subject="Dự thảo thông báo"),
            now=datetime.now().astimezone(),
        ).id
    db.dispose()
    out = tmp_path / "a.pdf"
    args = _sign_args(office, certs / "test.p12", out)
    args[1] = str(draft_id)
    _refused(cli, office, out, args, "còn là dự thảo (chưa có số)")
    args[1] = "9999"
    _refused(cli, office, out, args, "Không có văn bản mã số 9999")


def test_output_that_cannot_be_written(cli, office, certs, tmp_path):
    missing = tmp_path / "không có" / "a.pdf"
    _refused(
        cli,
        office,
        missing,
        _sign_args(office, certs / "test.p12", missing),
        "Thư mục không tồn tại",
    )
    folder = tmp_path / "thư mục.pdf"
    folder.mkdir()
    code, _out, err = cli(*_sign_args(office, certs / "test.p12", folder))
    assert code == 1 and "là một thư mục" in err and _status(office) == ("issued", 0)


def test_a_bad_pkcs11_module(cli, office, tmp_path):
    out = tmp_path / "a.pdf"
    base = ["sign", "1", "--db", str(office), "--pin-env", "KETLUAN_PW", "-o", str(out)]
    _refused(
        cli,
        office,
        out,
        [*base, "--pkcs11", str(tmp_path / "vgca.dll"), "--token", "T", "--key", "K"],
        "Không tìm thấy tệp thư viện PKCS#11",
    )
    fake = tmp_path / "khong-phai.so"
    fake.write_text("không phải thư viện")
    _refused(
        cli,
        office,
        out,
        [*base, "--pkcs11", str(fake), "--token", "T", "--key", "K"],
        "không phải thư viện PKCS#11 dùng được",
    )
    _refused(cli, office, out, [*base, "--pkcs11", str(fake)], "cần cả --token")
    _refused(cli, office, out, [*base, "--pkcs11"], "Chưa có đường dẫn thư viện PKCS#11")


@pytest.mark.parametrize(
    ("days_ago", "days", "usage", "message"),
    [
        (40, 30, None, "đã hết hạn"),
        (-3, 30, None, "chưa đến thời hạn"),
        (1, 30, ("key_encipherment",), "thiếu mục đích ký số (digitalSignature)"),
    ],
    ids=["expired", "not-yet-valid", "no-digital-signature-usage"],
)
def test_unusable_certificates(cli, office, tmp_path, days_ago, days, usage, message):
    from ketluan_desktop.core.signing.certs import make_test_certificates

    made = make_test_certificates(
        SIGNER,
        ORG,
        tmp_path / "c.p12",
        PASSWORD,
        datetime.now().astimezone() - timedelta(days=days_ago),
        valid_days=days,
        **({"key_usage": usage} if usage else {}),
    )
    out = tmp_path / "a.pdf"
    _refused(cli, office, out, _sign_args(office, made.p12_path, out), message)


def test_make_test_refuses_an_empty_password(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("RONG", "")
    out = tmp_path / "chung-thu" / "t.p12"
    out.parent.mkdir()
    code, _out, err = cli("cert", "make-test", "--name", SIGNER, "--org", ORG, "-o", str(out),
                          "--password-env", "RONG")  # fmt: skip
    assert code == 1 and err.startswith("Lỗi: ") and "không được để trống" in err, err
    assert list(out.parent.iterdir()) == []


def test_verify_refuses_what_is_not_a_readable_pdf(cli, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    not_pdf = tmp_path / "bao-cao.pdf"
    not_pdf.write_bytes(b"PK\x03\x04 a .docx renamed")
    code, _out, err = cli("verify", str(not_pdf), "--no-db")
    assert code == 1 and "không phải tệp PDF" in err

    buf = BytesIO()
    c = Canvas(buf, encrypt="mật khẩu")
    c.drawString(100, 700, "Bí mật")
    c.save()
    encrypted = tmp_path / "ma-hoa.pdf"
    encrypted.write_bytes(buf.getvalue())
    code, _out, err = cli("verify", str(encrypted), "--no-db")
    assert code == 1 and "đặt mật khẩu hoặc mã hóa" in err

    code, _out, err = cli("verify", str(tmp_path / "khong-co.pdf"), "--no-db")
    assert code == 1 and "Không tìm thấy tệp" in err

    plain = BytesIO()
    c = Canvas(plain)
    c.drawString(100, 700, "Chưa ký")
    c.save()
    unsigned = tmp_path / "chua-ky.pdf"
    unsigned.write_bytes(plain.getvalue())
    code, out, _err = cli("verify", str(unsigned), "--no-db")
    assert code == 5 and "Kết luận: Không có chữ ký" in out

    bad_trust = tmp_path / "goc.pem"
    bad_trust.write_text("không phải chứng thư")
    code, _out, err = cli("verify", str(unsigned), "--no-db", "--trust", str(bad_trust))
    assert code == 1 and "goc.pem không phải chứng thư số" in err


def test_verify_does_not_create_a_database(cli, tmp_path, monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "x.pdf"
    c = Canvas(str(pdf))
    c.drawString(100, 700, "x")
    c.save()
    target = tmp_path / "chưa có" / "ketluan.db"
    code, _out, _err = cli("verify", str(pdf), "--db", str(target))
    assert code == 5 and not target.exists()


def test_trust_and_image_commands(cli, office, certs, tmp_path):
    code, out, _ = cli("trust", "list", "--db", str(office))
    assert code == 0 and "Chưa có chứng thư gốc" in out
    code, out, _ = cli("trust", "add", str(certs / "test-ca.pem"), "--db", str(office))
    assert code == 0 and "Đã thêm chứng thư gốc tin cậy: CA KIỂM THỬ" in out
    code, _out, err = cli("trust", "add", str(certs / "test-ca.pem"), "--db", str(office))
    assert code == 1 and "đã có trong danh sách tin cậy" in err
    code, _out, err = cli("trust", "add", str(certs / "test.p12"), "--db", str(office))
    assert code == 1 and "không phải chứng thư số" in err
    code, out, _ = cli("trust", "list", "--db", str(office), "--json")
    (root,) = json.loads(out)
    assert root["test_certificate"]
    code, out, _ = cli("trust", "remove", str(root["id"]), "--db", str(office))
    assert code == 0 and "Đã bỏ" in out

    code, out, _ = cli(
        "signing-image", "add", "signature", SIGNER, str(certs / "test-chu-ky.png"),
        "--db", str(office),
    )  # fmt: skip
    assert code == 0 and f"Đã nạp ảnh chữ ký của {SIGNER}" in out
    code, out, _ = cli("signing-image", "list", "--db", str(office))
    assert code == 0 and SIGNER in out
    code, _out, err = cli(
        "signing-image", "add", "seal", ORG, str(certs / "test.p12"), "--db", str(office)
    )
    assert code == 1 and "không đọc được" in err

"""Helpers and fixtures for the signing tests: our own Vietnamese PDF, test certificates, pdfsig
and SoftHSM2.

The Party-format renderer is written elsewhere; these tests draw their own small document.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest

from ketluan_desktop.core.signing.certs import make_test_certificates
from ketluan_desktop.core.signing.keys import SigningKey, load_pkcs12

NOW = datetime(2024, 7, 10, 8, 32, 5, tzinfo=UTC)  # 15:32:05 in Hà Nội
SIGNER = "Nguyễn Văn Tuấn"
ORG = "Đảng ủy Khối các cơ quan tỉnh"
# The signer block's blank area on page 3 of the sample: between "BÍ THƯ" and the printed name.
SIGNER_BOX = (2, 300.0, 160.0, 540.0, 240.0)
BODY = (
    "Ngày 10 tháng 7 năm 2024, Ban Thường vụ Đảng ủy Khối họp phiên thường kỳ dưới sự chủ trì "
    "của đồng chí Bí thư. Hội nghị thống nhất: tiếp tục đổi mới phương thức lãnh đạo; nâng cao "
    "chất lượng sinh hoạt chi bộ; kiểm tra, giám sát việc thực hiện nhiệm vụ trọng tâm."
)


def build_vietnamese_pdf(pages: int = 3, *, encrypt: str | None = None) -> bytes:
    """A small conclusion-like document; the last page ends with a signer block."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from ketluan_desktop.core.render.fonts import register_reportlab, resolve_family

    font = register_reportlab(resolve_family("Times New Roman"))
    buf = BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    for p in range(pages):
        c.setFont(f"{font}-Bold", 14)
        c.drawCentredString(297, 780, "KẾT LUẬN CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI")
        c.setFont(font, 14)
        y = 740
        last = p == pages - 1
        for _para in range(3 if last else 8):
            for line in simpleSplit(BODY, font, 14, 450):
                c.drawString(72, y, line)
                y -= 20
            y -= 8
        if last:
            c.setFont(f"{font}-Bold", 14)
            c.drawCentredString(420, 260, "T/M BAN THƯỜNG VỤ")
            c.drawCentredString(420, 244, "BÍ THƯ")
            c.drawCentredString(420, 140, SIGNER)
        c.drawCentredString(297, 40, str(p + 1))
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="session")
def vn_pdf() -> bytes:
    return build_vietnamese_pdf()


@dataclass(frozen=True)
class Pki:
    signer_p12: Path
    signer_password: str
    org_p12: Path
    org_password: str
    roots: list[bytes]  # both test CAs, PEM


@pytest.fixture(scope="session")
def pki(tmp_path_factory) -> Pki:
    d = tmp_path_factory.mktemp("pki")
    a = make_test_certificates(SIGNER, ORG, d / "test.p12", "mật khẩu 123", NOW - timedelta(days=1))
    b = make_test_certificates(ORG, ORG, d / "org.p12", "văn thư", NOW - timedelta(days=1))
    return Pki(
        a.p12_path,
        "mật khẩu 123",
        b.p12_path,
        "văn thư",
        [a.ca_pem_path.read_bytes(), b.ca_pem_path.read_bytes()],
    )


@pytest.fixture(scope="session")
def signer_key(pki) -> SigningKey:
    return load_pkcs12(pki.signer_p12, pki.signer_password)


@pytest.fixture(scope="session")
def org_key(pki) -> SigningKey:
    return load_pkcs12(pki.org_p12, pki.org_password)


# --- poppler's pdfsig: an independent implementation to check ours against ---------------------


@dataclass(frozen=True)
class PdfsigSignature:
    field: str
    valid: bool
    total: bool
    text: str


def run_pdfsig(pdf: bytes, tmp_path: Path) -> list[PdfsigSignature]:
    """Parse pdfsig's text. It exits 0 even on "Digest Mismatch", so the text is all we have."""
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils (pdfsig) is not installed")
    path = tmp_path / "pdfsig-input.pdf"
    path.write_bytes(pdf)
    # -nocert: certificate trust is pyHanko's job here; pdfsig checks digests and signatures.
    out = subprocess.run(
        ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False
    ).stdout
    blocks = re.split(r"^Signature #\d+:\n", out, flags=re.M)[1:]
    result = []
    for block in blocks:
        m = re.search(r"Signature Field Name: (.*)", block)
        result.append(
            PdfsigSignature(
                field=m.group(1).strip() if m else "",
                valid="Signature Validation: Signature is Valid." in block,
                total="- Total document signed" in block,
                text=block,
            )
        )
    return result


# --- SoftHSM2: a software token standing in for a USB token ------------------------------------

TOKEN_LABEL = "USB Token Văn phòng"
TOKEN_PIN = "123456"
SO_PIN = "87654321"
KEY_LABEL = SIGNER


def softhsm_module() -> Path | None:
    from ketluan_desktop.core.signing.tokens import find_softhsm_module

    return find_softhsm_module()


@dataclass(frozen=True)
class SoftHsm:
    module: Path
    token_label: str
    pin: str
    key_label: str
    roots: list[bytes]


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory) -> SoftHsm:
    module = softhsm_module()
    tools = shutil.which("softhsm2-util") and shutil.which("pkcs11-tool")
    if module is None or not tools:
        pytest.skip("SoftHSM2 is not installed (apt-get install softhsm2 opensc)")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    d = tmp_path_factory.mktemp("softhsm")
    (d / "tokens").mkdir()
    conf = d / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {d / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    # Set for the whole session: SoftHSM reads it once, when the module is first initialised.
    os.environ["SOFTHSM2_CONF"] = str(conf)

    certs = make_test_certificates(KEY_LABEL, ORG, d / "token.p12", "x", NOW - timedelta(days=1))
    key, cert, _cas = pkcs12.load_key_and_certificates(certs.p12_path.read_bytes(), b"x")
    (d / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (d / "cert.der").write_bytes(cert.public_bytes(serialization.Encoding.DER))
    (d / "ca.der").write_bytes(certs.ca_certificate.public_bytes(serialization.Encoding.DER))

    def run(*args: str) -> None:
        subprocess.run(args, check=True, capture_output=True, env=os.environ.copy())

    run("softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL,
        "--pin", TOKEN_PIN, "--so-pin", SO_PIN)  # fmt: skip
    run("softhsm2-util", "--import", str(d / "key.pem"), "--token", TOKEN_LABEL,
        "--label", KEY_LABEL, "--id", "a1", "--pin", TOKEN_PIN)  # fmt: skip
    p11 = ("pkcs11-tool", "--module", str(module), "--token-label", TOKEN_LABEL,
           "--login", "--pin", TOKEN_PIN)  # fmt: skip
    run(*p11, "--write-object", str(d / "cert.der"), "--type", "cert", "--id", "a1",
        "--label", KEY_LABEL)  # fmt: skip
    # The issuing CA sits on the token too, as on real tokens; it must not be offered as a key.
    run(*p11, "--write-object", str(d / "ca.der"), "--type", "cert", "--id", "c0",
        "--label", "CA kiểm thử")  # fmt: skip
    return SoftHsm(module, TOKEN_LABEL, TOKEN_PIN, KEY_LABEL, [certs.ca_pem_path.read_bytes()])

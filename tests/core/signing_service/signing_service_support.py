"""Helpers and fixtures for the signing and trust services: test certificates and images made once, the
demo office's issued conclusion, and poppler's pdfsig as an independent check."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

VN = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=VN)  # tests/conftest.py's FIXED_NOW
SIGNER = "Hoàng Thanh Hải"  # who signs the demo conclusion 105-KL/ĐUK
ORG = "Đảng ủy Khối các cơ quan tỉnh"


@dataclass(frozen=True)
class Pki:
    signer_p12: Path
    org_p12: Path
    password: str
    signer_ca: bytes
    org_ca: bytes
    folder: Path

    @property
    def roots(self) -> list[bytes]:
        return [self.signer_ca, self.org_ca]

    def signer_key(self):
        from ketluan_desktop.core.signing.keys import load_pkcs12

        return load_pkcs12(self.signer_p12, self.password)

    def org_key(self):
        from ketluan_desktop.core.signing.keys import load_pkcs12

        return load_pkcs12(self.org_p12, self.password)


@pytest.fixture(scope="session")
def pki(tmp_path_factory) -> Pki:
    from ketluan_desktop.core.signing.certs import make_test_certificates

    d = tmp_path_factory.mktemp("pki-service")
    made_at = NOW - timedelta(days=1)
    a = make_test_certificates(SIGNER, ORG, d / "hai.p12", "mật khẩu", made_at)
    b = make_test_certificates(ORG, ORG, d / "van-thu.p12", "mật khẩu", made_at)
    return Pki(
        a.p12_path,
        b.p12_path,
        "mật khẩu",
        a.ca_pem_path.read_bytes(),
        b.ca_pem_path.read_bytes(),
        d,
    )


@pytest.fixture(scope="session")
def images() -> dict[str, bytes]:
    from ketluan_desktop.core.signing.certs import make_test_seal_image, make_test_signature_image

    return {"signature": make_test_signature_image(SIGNER), "seal": make_test_seal_image(ORG)}


@pytest.fixture
def doc_id(demo_db) -> int:
    from sqlalchemy import select

    from ketluan_desktop.core.documents.models import Document

    with demo_db.session() as s:
        return s.scalar(select(Document.id).where(Document.number_symbol == "105-KL/ĐUK"))


@dataclass(frozen=True)
class PdfsigSignature:
    field: str
    valid: bool
    total: bool
    text: str


@pytest.fixture
def pdfsig(tmp_path):
    """``pdfsig(pdf_bytes)`` → one entry per signature, parsed from poppler's text output (it
    exits 0 even on a digest mismatch, so the text is all there is)."""
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils (pdfsig) is not installed")

    def run(pdf: bytes) -> list[PdfsigSignature]:
        path = tmp_path / "pdfsig-input.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False
        ).stdout
        found = []
        for block in re.split(r"^Signature #\d+:\n", out, flags=re.M)[1:]:
            m = re.search(r"Signature Field Name: (.*)", block)
            found.append(
                PdfsigSignature(
                    field=m.group(1).strip() if m else "",
                    valid="Signature Validation: Signature is Valid." in block,
                    total="- Total document signed" in block,
                    text=block,
                )
            )
        return found

    return run

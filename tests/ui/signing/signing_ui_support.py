"""Helpers for the signing GUI tests (a module name of its own, importable from the tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

VN = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=VN)  # the make_window clock (tests/conftest.py)
SIGNER = "Hoàng Thanh Hải"
ORG = "Đảng ủy Khối các cơ quan tỉnh"
PASSWORD = "mật khẩu"


@dataclass(frozen=True)
class Pki:
    signer_p12: Path
    org_p12: Path
    signer_ca: Path
    org_ca: Path


@pytest.fixture(scope="session")
def pki(tmp_path_factory) -> Pki:
    from ketluan_desktop.core.signing.certs import make_test_certificates

    d = tmp_path_factory.mktemp("pki-ui")
    made_at = NOW - timedelta(days=1)
    a = make_test_certificates(SIGNER, ORG, d / "hai.p12", PASSWORD, made_at)
    b = make_test_certificates(ORG, ORG, d / "van-thu.p12", PASSWORD, made_at)
    return Pki(a.p12_path, b.p12_path, a.ca_pem_path, b.ca_pem_path)


@pytest.fixture
def secrets(monkeypatch):
    """Answers for ``dialogs.get_secret``, in order; records the prompts it was asked."""
    from ketluan_desktop.ui import dialogs

    answers: list[str | None] = []
    prompts: list[str] = []

    def ask(_parent, _caption, label):
        prompts.append(label)
        return answers.pop(0) if answers else None

    monkeypatch.setattr(dialogs, "get_secret", ask)
    return answers, prompts


def signatures(db) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from ketluan_desktop.core.documents.models import DocumentSignature

    with db.session() as s:
        return [(r.kind, r.signer_name) for r in s.scalars(select(DocumentSignature))]

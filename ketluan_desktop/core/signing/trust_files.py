"""Trusted roots read without the database layer: certificate files, and the office's list
straight from a SQLite file.

``ketluan verify`` reads a PDF and a few certificates; loading SQLAlchemy and the ORM for one
``SELECT der FROM trusted_root`` would cost more than the verification itself. So a healthy
KếtLuận SQLite file is read here through ``sqlite3``, read-only; anything else (a server, a file
that is not KếtLuận's) goes the ordinary way (``trusted_roots.root_certificates``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ketluan_desktop.core.errors import ValidationError

if TYPE_CHECKING:
    from cryptography import x509

# A root certificate is a few kilobytes; a bundle of a hundred is still far below this.
MAX_FILE_BYTES = 2_000_000


def parse_certificates(data: bytes, source: str = "tệp") -> list[x509.Certificate]:
    """Every certificate in ``data`` (PEM, possibly several, or one DER); a clear error otherwise."""
    from cryptography import x509

    if not data or not data.strip():
        raise ValidationError(f"{source} rỗng, không có chứng thư nào.")
    try:
        if b"-----BEGIN" in data:
            if b"-----BEGIN CERTIFICATE-----" not in data:
                raise ValueError("no CERTIFICATE block")
            certs = x509.load_pem_x509_certificates(data)
        else:
            certs = [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise ValidationError(
            f"{source} không phải chứng thư số (cần tệp .cer, .crt hoặc .pem chứa chứng thư X.509; "
            "tệp .p12/.pfx chứa khóa bí mật thì không dùng làm chứng thư gốc).",
            detail=repr(exc),
        ) from exc
    return certs


def read_certificate_file(path: str | os.PathLike[str]) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise ValidationError(f"{p} là một thư mục, không phải tệp chứng thư.")
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                f"Tệp {p.name} quá lớn ({size // 1024} KB) để là tệp chứng thư số."
            )
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise ValidationError(f"Không tìm thấy tệp chứng thư: {p}.") from exc
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp chứng thư {p} ({exc.strerror or exc}).") from exc


def roots_from_files(files: list[str | os.PathLike[str]]) -> list[bytes]:
    """The certificates in ``files`` (``ketluan verify --trust``), each checked before use."""
    roots = []
    for f in files:
        p = Path(f)
        data = read_certificate_file(p)
        parse_certificates(data, f"Tệp {p.name}")  # a clear error before the verifier sees it
        roots.append(data)
    return roots


def office_roots_in_sqlite(path: Path) -> list[bytes] | None:
    """The office's trusted roots read from a KếtLuận SQLite file, or None when this file needs
    the ordinary way (not KếtLuận's, damaged, not yet migrated to hold the list)."""
    from ketluan_desktop.core.db import preflight

    return preflight.read_app_table(
        path,
        "trusted_root",
        lambda con: [bytes(r[0]) for r in con.execute("SELECT der FROM trusted_root ORDER BY id")],
    )

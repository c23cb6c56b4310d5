"""The office's list of trusted root certificates (Settings → Chữ ký số; ``ketluan trust``).

Verification trusts a signature when its certificate chains to one of these roots (for Party and
State bodies: the root of the Government Cipher Committee's CA), plus any ``--trust`` files given
on the command line. Certificates are kept as DER; PEM, DER and Windows ``.cer`` files import.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.signing.models import TrustedRoot
from ketluan_desktop.core.signing.trust_files import (  # noqa: F401 (also imported from here)
    MAX_FILE_BYTES,
    parse_certificates,
    read_certificate_file,
    roots_from_files,
)

if TYPE_CHECKING:
    from cryptography import x509


@dataclass(frozen=True)
class RootRow:
    id: int
    subject: str  # the common name, or the whole subject when it has none
    organisation: str | None
    sha256: str
    not_after: datetime | None
    added_at: datetime
    test_certificate: bool

    def expired(self, now: datetime) -> bool:
        return self.not_after is not None and self.not_after < now

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "subject": self.subject,
            "organisation": self.organisation,
            "sha256": self.sha256,
            "not_after": self.not_after.isoformat() if self.not_after else None,
            "added_at": self.added_at.isoformat(),
            "test_certificate": self.test_certificate,
        }


def _is_ca(cert: x509.Certificate) -> bool:
    from cryptography import x509

    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        # Old (version 1) roots carry no extensions; a self-issued one is still a root.
        return cert.subject == cert.issuer
    except ValueError:
        return False


def _subject(cert: x509.Certificate) -> tuple[str, str | None]:
    from ketluan_desktop.core.signing._common import name_attribute

    cn = name_attribute(cert.subject, "COMMON_NAME") or cert.subject.rfc4514_string()
    return cn, name_attribute(cert.subject, "ORGANIZATION_NAME")


def fingerprint(cert: x509.Certificate) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding

    return hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()


def _row(root: TrustedRoot) -> RootRow:
    from cryptography import x509

    from ketluan_desktop.core.signing.certs import is_test_certificate

    cert = x509.load_der_x509_certificate(root.der)
    _cn, org = _subject(cert)
    return RootRow(
        id=root.id,
        subject=root.subject,
        organisation=org,
        sha256=root.sha256,
        not_after=root.not_after,
        added_at=root.added_at,
        test_certificate=is_test_certificate(cert),
    )


def list_roots(session: Session) -> list[RootRow]:
    return [_row(r) for r in session.scalars(select(TrustedRoot).order_by(TrustedRoot.id))]


def root_certificates(session: Session) -> list[bytes]:
    """The trusted roots as DER blobs, ready for ``verify_pdf``."""
    return [bytes(der) for der in session.scalars(select(TrustedRoot.der).order_by(TrustedRoot.id))]


@requires(Permission.EDIT_SETTINGS)
def add_roots(
    session: Session,
    data: bytes,
    *,
    now: datetime,
    source: str = "Tệp",
    username: str | None = None,
) -> list[RootRow]:
    """Trust every certificate in ``data``. All or nothing: any problem leaves the list unchanged."""
    from cryptography.hazmat.primitives.serialization import Encoding

    certs = parse_certificates(data, source)
    seen: set[str] = set()
    prepared: list[TrustedRoot] = []
    for cert in certs:
        cn, _org = _subject(cert)
        if not _is_ca(cert):
            raise ValidationError(
                f"Chứng thư «{cn}» là chứng thư của người ký, không phải chứng thư gốc của tổ chức "
                "cấp chứng thư (CA). Hãy nạp chứng thư gốc do nhà cung cấp công bố (ví dụ chứng thư "
                "gốc của Ban Cơ yếu Chính phủ)."
            )
        digest = fingerprint(cert)
        if digest in seen:
            continue
        seen.add(digest)
        existing = session.scalar(select(TrustedRoot).where(TrustedRoot.sha256 == digest))
        if existing is not None:
            raise ConflictError(f"Chứng thư gốc «{cn}» đã có trong danh sách tin cậy.")
        prepared.append(
            TrustedRoot(
                subject=cn,
                sha256=digest,
                der=cert.public_bytes(Encoding.DER),
                not_after=cert.not_valid_after_utc,
                added_at=now,
            )
        )
    for root in prepared:
        session.add(root)
    session.flush()
    for root in prepared:
        audit.record(
            session,
            now=now,
            action="create",
            entity="trusted_root",
            entity_id=root.id,
            summary=f"Tin cậy chứng thư gốc {root.subject}",
            changes={"sha256": root.sha256},
            username=username,
        )
    return [_row(r) for r in prepared]


def add_root_file(
    session: Session, path: str | os.PathLike[str], *, now: datetime, username: str | None = None
) -> list[RootRow]:
    p = Path(path)
    return add_roots(
        session, read_certificate_file(p), now=now, source=f"Tệp {p.name}", username=username
    )


@requires(Permission.EDIT_SETTINGS)
def remove_root(
    session: Session, root_id: int, *, now: datetime, username: str | None = None
) -> None:
    root = session.get(TrustedRoot, root_id)
    if root is None:
        raise NotFoundError(f"Không có chứng thư gốc mã số {root_id} trong danh sách tin cậy.")
    subject, digest = root.subject, root.sha256
    session.delete(root)
    session.flush()
    audit.record(
        session,
        now=now,
        action="delete",
        entity="trusted_root",
        entity_id=root_id,
        summary=f"Thôi tin cậy chứng thư gốc {subject}",
        changes={"sha256": digest},
        username=username,
    )


def trust_roots_with(
    session: Session | None, extra_files: list[str | os.PathLike[str]]
) -> list[bytes]:
    """The office's roots plus the certificates in ``extra_files`` (``ketluan verify --trust``)."""
    roots = root_certificates(session) if session is not None else []
    return roots + roots_from_files(extra_files)

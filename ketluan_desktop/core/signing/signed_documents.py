"""Signing issued documents and keeping what was signed (issue 5), for the GUI and the CLI alike.

Decree 30's order: the competent person signs first (``kind="signer"``), then the office adds the
organisation's signature with the seal (``kind="seal"``) on top of that signed PDF, both staying
valid. Each step stores the whole signed PDF and its SHA-256 against the document; after the
signer's signature the document is "Đã ký" and read-only (a correction is a new document).

Keys come from ``open_key`` (a .p12 file or a PKCS#11 token) with a password or PIN the caller
asked for just now; it is neither stored nor logged. The signature and seal images shown on the
page are kept in the database (``SigningImage``), managed in Settings.

Nothing here imports Qt; pyHanko is imported only when a signature is made or read.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.content import DocumentStatus
from ketluan_desktop.core.documents.models import Document, DocumentSignature
from ketluan_desktop.core.errors import (
    ConflictError,
    DocumentStateError,
    NotFoundError,
    ValidationError,
)
from ketluan_desktop.core.signing._common import (  # noqa: F401 (also imported from here)
    hash_label,
    quiet_library_logs,
)
from ketluan_desktop.core.signing.signature_fields import signer_box_in
from ketluan_desktop.core.signing.signing_images import (  # noqa: F401 - callers use signing.*
    IMAGE_KIND_LABELS,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_SIDE,
    WHITE_THRESHOLD,
    ImageKind,
    ImageRow,
    find_image,
    has_image,
    image_bytes,
    list_images,
    prepare_image,
    remove_image,
    set_image,
)
from ketluan_desktop.core.signing.signing_rules import (  # noqa: F401 - callers use signing.*
    KIND_LABELS,
    KeySource,
    Kind,
    audit_changes,
    audit_summary,
    changed_message,
    check_can_sign,
    check_output_path,
    check_signer_matches,
    document_label,
    open_key,
    render_issued,
    sha256_hex,
    sign_issued,
    stored_pdf,
    wording_and_images,
)
from ketluan_desktop.core.signing.signing_rules import cert_fields as _cert_fields
from ketluan_desktop.core.signing.signing_rules import check_can_sign as _check_can_sign
from ketluan_desktop.core.signing.signing_rules import stored_pdf as _stored_pdf

if TYPE_CHECKING:
    from ketluan_desktop.core.render.profile import LayoutProfile
    from ketluan_desktop.core.signing.keys import SigningKey
    from ketluan_desktop.core.signing.verify import VerificationReport

# --------------------------------------------------------------------------------- signing


def profile_for(session: Session, doc: Document) -> LayoutProfile:
    """The layout the document prints with, as exports use it: its snapshot frozen at issue, else
    its chosen profile, else the office's default (the built-in HD 36 unless changed)."""
    from ketluan_desktop.core.documents import layout_profiles

    return layout_profiles.for_document(session, doc)[1]


def render_for_signing(session: Session, doc: Document) -> tuple[bytes, tuple | None]:
    """The issued document as a PDF, and the signer block's blank area ``(page, x0, y0, x1, y1)``."""
    return render_issued(doc, profile_for(session, doc))


@requires(Permission.SIGN_DOCUMENTS)
def sign_document(
    session: Session,
    doc_id: int,
    key: SigningKey,
    *,
    kind: Kind,
    now: datetime,
    signature_image: bytes | None = None,
    seal_image: bytes | None = None,
    tsa_url: str | None = None,
    expected_version: int | None = None,
    username: str | None = None,
    allow_other_signer: bool = False,
    crls: tuple[bytes, ...] = (),
) -> DocumentSignature:
    """Add the signer's (``"signer"``) or the office's (``"seal"``) signature to an issued document.

    The PDF signed is the last signed one when there is one (the seal goes on top of the signer's
    signature), else a fresh render of the stored content. Images: ``None`` uses the image
    stored in Settings for this signer / organisation (if any), ``b""`` none at all.
    ``expected_version`` is the document's version the user saw: if someone changed it since,
    ``ConflictError``. A certificate whose holder is not the signer printed on the document
    raises ``SignerMismatchError`` unless ``allow_other_signer``. ``crls``: the CA's revocation
    lists the office has at signing time; they are checked and embedded (PAdES B-LT) so the
    signature can be verified offline after the certificate expires. Nothing is written when
    anything fails.
    """
    doc = _document_to_sign(session, doc_id, key, kind=kind, now=now, version=expected_version)

    cn, org, subject, serial = _cert_fields(key)
    if kind == "signer" and not allow_other_signer:
        check_signer_matches(doc, cn)
    base, box = _pdf_to_sign(session, doc)

    signed, name = sign_issued(
        base, box, key, functools.partial(find_image, session), doc, kind, cn, org,
        images=(signature_image, seal_image), now=now, tsa_url=tsa_url,
        validation=_validation_data(session, crls),
    )  # fmt: skip
    sig = DocumentSignature(
        kind=kind,
        signer_name=cn or name or None,
        certificate_subject=subject,
        certificate_serial=serial,
        signed_at=now,
        pdf=signed,
        sha256=sha256_hex(signed),
    )
    _store_signature(session, doc, sig, now)
    _audit_signing(
        session,
        doc,
        sig,
        key,
        now=now,
        tsa_url=tsa_url,
        embedded=bool(crls),
        visible=box is not None,
        username=username,
    )
    return sig


def _document_to_sign(
    session: Session,
    doc_id: int,
    key: SigningKey,
    *,
    kind: Kind,
    now: datetime,
    version: int | None,
) -> Document:
    """The document, once the kind, its state, its version and the certificate allow signing."""
    from ketluan_desktop.core.signing._common import require_aware
    from ketluan_desktop.core.signing.certs import check_signing_certificate

    require_aware(now)
    if kind not in KIND_LABELS:
        raise ValidationError(f"Loại chữ ký không hợp lệ: {kind!r} (chỉ 'signer' hoặc 'seal').")
    doc = doc_service.get(session, doc_id, full=True)
    if version is not None and doc.version != version:
        raise ConflictError(changed_message(doc))
    _check_can_sign(doc, kind)
    check_signing_certificate(key.certificate, now)
    return doc


def _pdf_to_sign(session: Session, doc: Document) -> tuple[bytes, tuple | None]:
    """The last signed PDF (the seal goes on top of the signer's signature), else a fresh render;
    with the signer block's box in it, when there is one."""
    if doc.signatures:
        base = _stored_pdf(doc.signatures[-1])
        return base, signer_box_in(base)
    return render_for_signing(session, doc)


def _store_signature(
    session: Session, doc: Document, sig: DocumentSignature, now: datetime
) -> None:
    doc.signatures.append(sig)
    if sig.kind == "signer":
        doc.status = DocumentStatus.SIGNED.value
    doc.updated_at = now
    flag_modified(doc, "updated_at")  # always an UPDATE, so the version moves and a concurrent
    conflict = changed_message(doc)  # worded now: after a failed flush the row is unreadable
    try:  # signature on another workstation fails here instead of overwriting
        session.flush()
    except StaleDataError as exc:
        raise ConflictError(conflict) from exc


def _audit_signing(
    session: Session,
    doc: Document,
    sig: DocumentSignature,
    key: SigningKey,
    *,
    now: datetime,
    tsa_url: str | None,
    embedded: bool,
    visible: bool,
    username: str | None,
) -> None:
    audit.record(
        session,
        now=now,
        action="sign",
        entity="document",
        entity_id=doc.id,
        summary=audit_summary(sig.kind, doc.number_symbol, sig.signer_name),
        changes=audit_changes(
            kind=sig.kind,
            subject=sig.certificate_subject,
            serial=sig.certificate_serial,
            key=key,
            sha256=sig.sha256,
            tsa_url=tsa_url,
            embedded=embedded,
            visible=visible,
        ),
        username=username,
    )


def _validation_data(session: Session, crls: tuple[bytes, ...]):
    from ketluan_desktop.core.signing import trusted_roots as trust
    from ketluan_desktop.core.signing.sign import ValidationData

    if not crls:
        return None
    return ValidationData(crls=tuple(crls), roots=tuple(trust.root_certificates(session)))


# ------------------------------------------------------------------- reading what was signed


@dataclass(frozen=True)
class SignatureRow:
    id: int
    kind: str
    signer_name: str | None
    certificate_serial: str | None
    signed_at: datetime
    sha256: str
    size: int

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def signatures(session: Session, doc_id: int) -> list[SignatureRow]:
    doc = doc_service.get(session, doc_id)
    return [
        SignatureRow(
            s.id, s.kind, s.signer_name, s.certificate_serial, s.signed_at, s.sha256, len(s.pdf)
        )
        for s in doc.signatures
    ]


def signed_pdf(session: Session, doc_id: int) -> bytes:
    """The latest signed PDF of the document (checked against its stored SHA-256)."""
    doc = doc_service.get(session, doc_id)
    if not doc.signatures:
        raise DocumentStateError(
            f"Văn bản {document_label(doc)} chưa được ký số nên chưa có bản PDF đã ký."
        )
    return _stored_pdf(doc.signatures[-1])


def export_signed(session: Session, doc_id: int, path: str | os.PathLike[str]) -> Path:
    from ketluan_desktop.core.signing.sign import write_signed_pdf

    data = signed_pdf(session, doc_id)
    write_signed_pdf(path, data)
    return Path(path)


def verify_document(
    session: Session,
    doc_id: int,
    *,
    now: datetime | None = None,
    extra_roots: Sequence[bytes] = (),
) -> VerificationReport:
    """Check the stored signed PDF of a document against the office's trusted roots."""
    from ketluan_desktop.core.signing import trusted_roots as trust
    from ketluan_desktop.core.signing.verify import verify_pdf

    data = signed_pdf(session, doc_id)
    return verify_pdf(data, [*trust.root_certificates(session), *extra_roots], now)


def document_version(session: Session, doc_id: int) -> int:
    return doc_service.get(session, doc_id).version


def signable_kinds(session: Session, doc_id: int) -> list[Kind]:
    """What may be added to the document now: [] for drafts and finished documents."""
    doc = session.get(Document, doc_id)
    if doc is None:
        return []
    out: list[Kind] = []
    for kind in ("signer", "seal"):
        try:
            _check_can_sign(doc, kind)  # type: ignore[arg-type]
        except DocumentStateError:
            continue
        out.append(kind)  # type: ignore[arg-type]
    return out


def default_image_names(session: Session, today: date) -> dict[str, str | None]:
    """The default signer's name and the issuing body's name, to prefill the names of a new
    signature image and seal image."""
    from ketluan_desktop.core.org import organisations as org_service
    from ketluan_desktop.core.org import settings
    from ketluan_desktop.core.org.models import Person

    names: dict[str, str | None] = {"signature": None, "seal": None}
    signer_id = settings.get(session, "office.default_signer_id")
    if signer_id:
        person = session.get(Person, signer_id)
        names["signature"] = person.full_name if person else None
    if not names["signature"]:  # no default signer set: whoever signed the latest document
        from sqlalchemy import select

        from ketluan_desktop.core.documents.models import Document

        names["signature"] = session.scalar(
            select(Document.signer_name)
            .where(Document.signer_name.is_not(None))
            .order_by(Document.id.desc())
            .limit(1)
        )
    try:
        body = org_service.issuing_body(session)
        names["seal"] = org_service.names_on(session, body, today).name
    except NotFoundError:
        pass
    return names

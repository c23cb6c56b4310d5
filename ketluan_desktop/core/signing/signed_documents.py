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

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

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
    SignerMismatchError,
    SigningError,
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
from ketluan_desktop.core.text import fold

if TYPE_CHECKING:
    from ketluan_desktop.core.render.profile import LayoutProfile
    from ketluan_desktop.core.signing.keys import SigningKey
    from ketluan_desktop.core.signing.verify import VerificationReport

Kind = Literal["signer", "seal"]

KIND_LABELS = {"signer": "chữ ký người ký", "seal": "chữ ký số cơ quan (con dấu)"}


# ------------------------------------------------------------------------------------ keys


@dataclass(frozen=True)
class KeySource:
    """Where the key is: a .p12/.pfx file, or a key on a token behind a PKCS#11 module."""

    p12_path: Path | None = None
    pkcs11_module: Path | None = None
    token_label: str | None = None
    key_label: str | None = None

    def __post_init__(self) -> None:
        if (self.p12_path is None) == (self.pkcs11_module is None):
            raise ValidationError(
                "Hãy chọn một nguồn khóa ký: tệp chứng thư .p12/.pfx hoặc thiết bị ký số (PKCS#11)."
            )
        if self.pkcs11_module is not None and not (self.token_label and self.key_label):
            raise ValidationError("Hãy chọn thiết bị ký số (token) và khóa ký trên thiết bị.")

    @property
    def is_token(self) -> bool:
        return self.pkcs11_module is not None

    @property
    def secret_name(self) -> str:
        return "mã PIN" if self.is_token else "mật khẩu"

    def describe(self) -> str:
        if self.p12_path is not None:
            return f"tệp {self.p12_path.name}"
        return f"khóa «{self.key_label}» trên thiết bị «{self.token_label}»"


def open_key(source: KeySource, secret: str | None) -> SigningKey:
    """Open the key with the password or PIN given now (never kept). Close it after use."""
    from ketluan_desktop.core.signing.keys import load_pkcs12, open_pkcs11_module

    if source.p12_path is not None:
        return load_pkcs12(source.p12_path, secret or "")
    # __post_init__ made sure a token source has all three
    assert source.pkcs11_module and source.token_label and source.key_label
    module = open_pkcs11_module(source.pkcs11_module)
    return module.open_signer(source.token_label, source.key_label, secret)


# --------------------------------------------------------------------------------- signing


def profile_for(session: Session, doc: Document) -> LayoutProfile:
    """The layout the document prints with, as exports use it: its snapshot frozen at issue, else
    its chosen profile, else the office's default (the built-in HD 36 unless changed)."""
    from ketluan_desktop.core.documents import layout_profiles

    return layout_profiles.for_document(session, doc)[1]


def render_for_signing(session: Session, doc: Document) -> tuple[bytes, tuple | None]:
    """The issued document as a PDF, and the signer block's blank area ``(page, x0, y0, x1, y1)``."""
    from ketluan_desktop.core.render.pdf import PdfMetadata, default_metadata, render_pdf

    content = doc_service.content_of(doc)
    meta = PdfMetadata(
        **{**default_metadata(content).__dict__, "creation_date": doc.issued_at or None}
    )
    rendered = render_pdf(content, profile_for(session, doc), metadata=meta)
    b = rendered.signer_box
    box = (b.page_index, b.x0, b.y0, b.x1, b.y1) if b is not None else None
    return rendered.data, box


def document_label(doc: Document) -> str:
    """How messages name a document: its number-symbol, or "mã số 12" for a draft."""
    return doc.number_symbol or f"mã số {doc.id}"


def _check_can_sign(doc: Document, kind: Kind) -> None:
    label = document_label(doc)
    if doc.status == DocumentStatus.DRAFT.value or not doc.number_symbol:
        raise DocumentStateError(
            f"Văn bản {label} còn là dự thảo (chưa có số) nên chưa ký số được. Hãy ban hành văn "
            "bản (cấp số) trước, rồi mới ký."
        )
    if doc.status == DocumentStatus.REPLACED.value:
        raise DocumentStateError(
            f"Văn bản {label} đã được thay thế bằng văn bản khác nên không ký được nữa. Hãy ký "
            "văn bản thay thế."
        )
    kinds = [s.kind for s in doc.signatures]
    if kind == "signer":
        if "signer" in kinds or doc.status == DocumentStatus.SIGNED.value:
            raise DocumentStateError(
                f"Văn bản {label} đã được người có thẩm quyền ký; không ký lại được. Muốn sửa "
                "sai sót, hãy tạo văn bản thay thế."
            )
    else:
        if "signer" not in kinds:
            raise DocumentStateError(
                f"Văn bản {label} chưa có chữ ký số của người có thẩm quyền. Theo Nghị định "
                "30/2020, văn thư chỉ ký số của cơ quan (đóng dấu) sau khi người có thẩm quyền "
                "đã ký."
            )
        if "seal" in kinds:
            raise DocumentStateError(
                f"Văn bản {label} đã có chữ ký số của cơ quan (con dấu); không đóng dấu lại."
            )


def check_signer_matches(doc: Document, certificate_holder: str | None) -> None:
    """The usual slip at signing time is the wrong token in the USB port: catch it before the
    PDF says one name and the signature another. Case and diacritics are ignored, since some
    certificates spell names in capitals or without marks."""
    printed = doc.signer_name
    if not printed or not certificate_holder or fold(printed) == fold(certificate_holder):
        return
    raise SignerMismatchError(
        f"Chứng thư số đang dùng là của «{certificate_holder}», nhưng người ký in trên văn bản "
        f"{document_label(doc)} là «{printed}». Hãy dùng đúng thiết bị ký số hoặc tệp chứng "
        "thư của người ký. Nếu đúng là người này ký, hãy xác nhận ký với chứng thư khác tên."
    )


def _cert_fields(key: SigningKey) -> tuple[str | None, str | None, str, str]:
    from ketluan_desktop.core.signing._common import name_attribute

    cert = key.certificate
    return (
        name_attribute(cert.subject, "COMMON_NAME"),
        name_attribute(cert.subject, "ORGANIZATION_NAME"),
        cert.subject.rfc4514_string(),
        format(cert.serial_number, "X"),
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stored_pdf(sig: DocumentSignature) -> bytes:
    data = bytes(sig.pdf)
    if sha256_hex(data) != sig.sha256:
        raise SigningError(
            "Bản PDF đã ký lưu trong cơ sở dữ liệu không khớp mã băm SHA-256 đã ghi: dữ liệu có "
            "thể đã bị sửa ngoài chương trình. Hãy khôi phục từ bản sao lưu và báo người quản trị."
        )
    return data


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
    from ketluan_desktop.core.signing.sign import sign_pdf

    doc = _document_to_sign(session, doc_id, key, kind=kind, now=now, version=expected_version)

    cn, org, subject, serial = _cert_fields(key)
    if kind == "signer" and not allow_other_signer:
        check_signer_matches(doc, cn)
    base, box = _pdf_to_sign(session, doc)

    name, organisation, reason, signature_image, seal_image = _wording_and_images(
        session, doc, kind, cn, org, visible=box is not None, images=(signature_image, seal_image)
    )

    signed = sign_pdf(
        base,
        key,
        box=box,
        kind=kind,
        name=name,
        organisation=organisation,
        reason=reason,
        location=doc.place,
        now=now,
        signature_image=signature_image or None,
        seal_image=seal_image or None,
        tsa_url=tsa_url or None,
        validation=_validation_data(session, crls),
    )
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
        raise ConflictError(_changed_message(doc))
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
    conflict = _changed_message(doc)  # worded now: after a failed flush the row is unreadable
    try:  # signature on another workstation fails here instead of overwriting
        session.flush()
    except StaleDataError as exc:
        raise ConflictError(conflict) from exc


def _wording_and_images(
    session: Session,
    doc: Document,
    kind: Kind,
    cn: str | None,
    org: str | None,
    *,
    visible: bool,
    images: tuple[bytes | None, bytes | None],
) -> tuple[str, str, str, bytes | None, bytes | None]:
    """(name, organisation, reason, signature image, seal image) of a signing: the names the
    stamp shows, the reason written in the signature, and the stored images when none is given."""
    signature_image, seal_image = images
    label = doc.number_symbol
    if kind == "signer":
        name = cn or doc.signer_name or ""
        organisation = org or doc.issuer_name or ""
        if signature_image is None:
            signature_image = find_image(session, "signature", cn, doc.signer_name)
        reason = f"Ký ban hành văn bản số {label}"
    else:
        name = cn or ""
        organisation = doc.issuer_name or org or cn or ""
        if seal_image is None:
            seal_image = find_image(session, "seal", doc.issuer_name, org, cn)
        if visible and not seal_image:
            raise SigningError(
                "Chưa có ảnh con dấu của cơ quan. Hãy nạp ảnh con dấu (PNG nền trong suốt) trong "
                "Cài đặt → Chữ ký số, hoặc chỉ định tệp ảnh khi ký."
            )
        reason = f"Văn thư ký số của cơ quan (đóng dấu) văn bản số {label}"
    return name, organisation, reason, signature_image, seal_image


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
        summary=f"Ký số ({KIND_LABELS[sig.kind]}) văn bản {doc.number_symbol} — {sig.signer_name or ''}",
        changes={
            "kind": sig.kind,
            "certificate_subject": sig.certificate_subject,
            "certificate_serial": sig.certificate_serial,
            "key_source": key.source,
            "token": key.token_label,
            "sha256": sig.sha256,
            "timestamp_server": tsa_url or None,
            "validation_data_embedded": embedded,
            "visible": visible,
        },
        username=username,
    )


def _validation_data(session: Session, crls: tuple[bytes, ...]):
    from ketluan_desktop.core.signing import trusted_roots as trust
    from ketluan_desktop.core.signing.sign import ValidationData

    if not crls:
        return None
    return ValidationData(crls=tuple(crls), roots=tuple(trust.root_certificates(session)))


def _changed_message(doc: Document) -> str:
    return (
        f"Văn bản {document_label(doc)} vừa được thay đổi (có thể đã được ký ở máy khác) "
        "trong lúc bạn thao tác. Chưa có gì được ghi; hãy làm mới danh sách rồi thử lại."
    )


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


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """Fail before signing when the output cannot be written (no folder, no permission)."""
    import tempfile

    from ketluan_desktop.core.errors import FileWriteError
    from ketluan_desktop.core.fsutil import check_path_length

    p = Path(path)
    check_path_length(p)
    folder = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise FileWriteError(f"{p} là một thư mục. Hãy chọn tên tệp PDF để lưu bản đã ký.")
    if not folder.is_dir():
        raise FileWriteError(f"Thư mục không tồn tại: {folder}. Hãy chọn một thư mục có sẵn.")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise FileWriteError(
            f"Không ghi được vào thư mục {folder} ({exc.strerror or exc}). Hãy chọn thư mục khác "
            "mà bạn có quyền ghi."
        ) from exc
    if p.exists() and not os.access(p, os.W_OK):
        raise FileWriteError(
            f"Tệp {p} đang được bảo vệ chống ghi. Hãy chọn tên khác hoặc bỏ thuộc tính chỉ đọc."
        )
    return p


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

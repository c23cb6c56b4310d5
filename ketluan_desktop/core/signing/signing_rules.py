"""What signing decides without a database session: where the key is, whether a document may be
signed now, the wording and images of a signature, the checks on what was stored.

Split from ``signed_documents`` (which re-exports these names) so that the signing of a SQLite
file through the standard ``sqlite3`` module (``plain_signing``) shares every rule and message
with the ORM path without importing SQLAlchemy (issue 14). ``doc`` is anything with the
document's columns and its ``signatures`` (the ORM's ``Document`` or ``plain_signing``'s row).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ketluan_desktop.core.documents.content import DocumentStatus
from ketluan_desktop.core.errors import (
    DocumentStateError,
    SignerMismatchError,
    SigningError,
    ValidationError,
)
from ketluan_desktop.core.text import fold

if TYPE_CHECKING:
    from ketluan_desktop.core.signing.keys import SigningKey

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


def cert_fields(key: SigningKey) -> tuple[str | None, str | None, str, str]:
    """(common name, organisation, subject as RFC 4514 text, serial in hexadecimal)."""
    from ketluan_desktop.core.signing._common import name_attribute

    cert = key.certificate
    return (
        name_attribute(cert.subject, "COMMON_NAME"),
        name_attribute(cert.subject, "ORGANIZATION_NAME"),
        cert.subject.rfc4514_string(),
        format(cert.serial_number, "X"),
    )


# --------------------------------------------------------------------------- the document


def document_label(doc: Any) -> str:
    """How messages name a document: its number-symbol, or "mã số 12" for a draft."""
    return doc.number_symbol or f"mã số {doc.id}"


def check_can_sign(doc: Any, kind: Kind) -> None:
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


def check_signer_matches(doc: Any, certificate_holder: str | None) -> None:
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


def changed_message(doc: Any) -> str:
    return (
        f"Văn bản {document_label(doc)} vừa được thay đổi (có thể đã được ký ở máy khác) "
        "trong lúc bạn thao tác. Chưa có gì được ghi; hãy làm mới danh sách rồi thử lại."
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_pdf(sig: Any) -> bytes:
    """A stored signature's PDF, checked against its stored SHA-256."""
    data = bytes(sig.pdf)
    if sha256_hex(data) != sig.sha256:
        raise SigningError(
            "Bản PDF đã ký lưu trong cơ sở dữ liệu không khớp mã băm SHA-256 đã ghi: dữ liệu có "
            "thể đã bị sửa ngoài chương trình. Hãy khôi phục từ bản sao lưu và báo người quản trị."
        )
    return data


def render_issued(doc: Any, profile: Any) -> tuple[bytes, tuple | None]:
    """The issued document as a PDF with ``profile`` (its layout), and the signer block's blank
    area ``(page, x0, y0, x1, y1)``."""
    from ketluan_desktop.core.documents.content import content_from_row
    from ketluan_desktop.core.render.pdf import PdfMetadata, default_metadata, render_pdf

    content = content_from_row(doc)
    meta = PdfMetadata(
        **{**default_metadata(content).__dict__, "creation_date": doc.issued_at or None}
    )
    rendered = render_pdf(content, profile, metadata=meta)
    b = rendered.signer_box
    box = (b.page_index, b.x0, b.y0, b.x1, b.y1) if b is not None else None
    return rendered.data, box


# ------------------------------------------------------------------- wording and images


def image_by_name(rows: list[tuple[str, bytes]], kind: str, *names: str | None) -> bytes | None:
    """Of the stored images of ``kind`` as (name, png), the one for the first of ``names`` that
    has one (accents and case ignored); for the seal, the only one stored when no name matches."""
    by_name = {fold(name): png for name, png in rows}
    for n in names:
        if n and fold(n) in by_name:
            return bytes(by_name[fold(n)])
    if kind == "seal" and len(rows) == 1:
        return bytes(rows[0][1])
    return None


def wording_and_images(
    find_image: Callable[..., bytes | None],
    doc: Any,
    kind: Kind,
    cn: str | None,
    org: str | None,
    *,
    visible: bool,
    images: tuple[bytes | None, bytes | None],
) -> tuple[str, str, str, bytes | None, bytes | None]:
    """(name, organisation, reason, signature image, seal image) of a signing: the names the
    stamp shows, the reason written in the signature, and the stored images when none is given
    (``find_image(kind, *names)``)."""
    signature_image, seal_image = images
    label = doc.number_symbol
    if kind == "signer":
        name = cn or doc.signer_name or ""
        organisation = org or doc.issuer_name or ""
        if signature_image is None:
            signature_image = find_image("signature", cn, doc.signer_name)
        reason = f"Ký ban hành văn bản số {label}"
    else:
        name = cn or ""
        organisation = doc.issuer_name or org or cn or ""
        if seal_image is None:
            seal_image = find_image("seal", doc.issuer_name, org, cn)
        if visible and not seal_image:
            raise SigningError(
                "Chưa có ảnh con dấu của cơ quan. Hãy nạp ảnh con dấu (PNG nền trong suốt) trong "
                "Cài đặt → Chữ ký số, hoặc chỉ định tệp ảnh khi ký."
            )
        reason = f"Văn thư ký số của cơ quan (đóng dấu) văn bản số {label}"
    return name, organisation, reason, signature_image, seal_image


def sign_issued(
    base: bytes,
    box: Any,
    key: SigningKey,
    find_image: Callable[..., bytes | None],
    doc: Any,
    kind: Kind,
    cn: str | None,
    org: str | None,
    *,
    images: tuple[bytes | None, bytes | None],
    now: Any,
    tsa_url: str | None,
    validation: Any,
) -> tuple[bytes, str]:
    """(the signed PDF, the name its stamp shows): the one signing step of both paths (the ORM's
    and ``plain_signing``), so they pass pyHanko the same wording, images and options."""
    from ketluan_desktop.core.signing.sign import sign_pdf

    name, organisation, reason, signature_image, seal_image = wording_and_images(
        find_image, doc, kind, cn, org, visible=box is not None, images=images
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
        validation=validation,
    )
    return signed, name


def audit_summary(kind: str, number_symbol: str | None, signer_name: str | None) -> str:
    return f"Ký số ({KIND_LABELS[kind]}) văn bản {number_symbol} — {signer_name or ''}"


def audit_changes(
    *,
    kind: str,
    subject: str | None,
    serial: str | None,
    key: SigningKey,
    sha256: str,
    tsa_url: str | None,
    embedded: bool,
    visible: bool,
) -> dict[str, Any]:
    """What the audit entry of a signing records."""
    return {
        "kind": kind,
        "certificate_subject": subject,
        "certificate_serial": serial,
        "key_source": key.source,
        "token": key.token_label,
        "sha256": sha256,
        "timestamp_server": tsa_url or None,
        "validation_data_embedded": embedded,
        "visible": visible,
    }


# ------------------------------------------------------------------------------- output


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

"""Signing a PDF: PAdES baseline B-B (SHA-256) as an incremental update; B-T with a TSA.

Each signature is appended after the bytes already signed, so the signer's signature stays valid
when the office later adds the organisation's seal signature (Decree 30: signer first, then
the office).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any, Literal, cast

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.fsutil import write_bytes_atomic
from ketluan_desktop.core.signing._common import check_pdf_bytes, nfc, open_reader, require_aware
from ketluan_desktop.core.signing.appearance import (
    mark_in_appearance,
    seal_appearance_pdf,
    seal_diameter_pt,
    seal_geometry,
    signer_appearance_pdf,
)
from ketluan_desktop.core.signing.certs import check_signing_certificate
from ketluan_desktop.core.signing.keys import SigningKey

Box = tuple[int, float, float, float, float]


@dataclass(frozen=True)
class ValidationData:
    """What the signer has at signing time to embed with the signature (PAdES B-LT): the CA's
    revocation lists or OCSP answers (DER or PEM) and the office's trusted roots. With it, the
    signature can still be checked offline, at its signing time, after the certificate expires."""

    crls: tuple[bytes, ...] = ()
    ocsps: tuple[bytes, ...] = ()
    roots: tuple[bytes, ...] = ()

    @property
    def wanted(self) -> bool:
        return bool(self.crls or self.ocsps)


Kind = Literal["signer", "seal"]

# ASCII field names: some viewers show non-ASCII field names badly in their signature panels.
FIELD_BASE = {"signer": "ChuKyNguoiKy", "seal": "ChuKyCoQuan"}
TSA_TIMEOUT_S = 15


@functools.cache
def _classes():
    """pyHanko subclasses, built on first use so that importing this module stays cheap."""
    from pyhanko.pdf_utils import content, generic, layout
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.signers import PdfSigner

    class PdfPageBytes(content.PdfContent):
        """Page 0 of an in-memory PDF as a form XObject (pyHanko's own class wants a file name)."""

        def __init__(self, data: bytes) -> None:
            super().__init__()
            self._data = data

        def render(self) -> bytes:
            writer = self._ensure_writer
            xobj = writer.import_page_as_xobject(PdfFileReader(BytesIO(self._data)), page_ix=0)
            name = "/KLAppearance"
            self.resources.xobject[name] = xobj
            form = xobj.get_object()
            assert isinstance(form, generic.StreamObject)  # a form XObject
            x1, y1, x2, y2 = form["/BBox"]
            self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return name.encode("ascii") + b" Do"

    class ClockedPdfSigner(PdfSigner):
        """A PdfSigner whose signing time is the caller's ``now``, not the system clock."""

        def __init__(self, *args, signing_time: datetime, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._signing_time = signing_time

        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = self._signing_time
            return session

    return PdfPageBytes, ClockedPdfSigner


def _field_name(reader, kind: Kind) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _value, _ref in enumerate_sig_fields(reader)}
    base = FIELD_BASE[kind]
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


def _page_box(reader, box: Box) -> tuple[int, tuple[float, float, float, float], float, float]:
    """Check ``box`` against the document: page index, rectangle, the page's left and right."""
    try:
        page_ix, x0, y0, x1, y1 = box
    except (TypeError, ValueError) as exc:
        raise SigningError("Vị trí chữ ký không hợp lệ (cần trang, x0, y0, x1, y1).") from exc
    count = int(reader.root["/Pages"]["/Count"])
    if not 0 <= int(page_ix) < count:
        raise SigningError(
            f"Vị trí chữ ký ở trang {int(page_ix) + 1} nhưng văn bản chỉ có {count} trang."
        )
    if not (x1 - x0 >= 20 and y1 - y0 >= 10):
        raise SigningError("Khung chữ ký quá nhỏ hoặc bị ngược (cần rộng ≥ 20 và cao ≥ 10 điểm).")
    page_ref, _resources = reader.find_page_for_modification(int(page_ix))
    px0, py0, px1, py1 = _media_box(page_ref.get_object())
    if x0 < px0 - 1 or y0 < py0 - 1 or x1 > px1 + 1 or y1 > py1 + 1:
        raise SigningError("Khung chữ ký nằm ngoài trang văn bản.")
    return int(page_ix), (float(x0), float(y0), float(x1), float(y1)), px0, px1


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def signature_mark(reader, page_ix: int, box) -> tuple[float, float, float, float] | None:
    """Where the signer's signature was drawn inside ``box`` on page ``page_ix``, in page points:
    read from the invisible path our signer appearance writes around its image (or text).
    ``None`` for a signature made elsewhere, or invisible."""
    from pyhanko.sign.fields import enumerate_sig_fields

    page_ref, _res = reader.find_page_for_modification(page_ix)
    for _name, _value, ref in enumerate_sig_fields(reader, filled_status=True):
        try:
            found = _mark_of_field(ref.get_object(), page_ref, box)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # a field we cannot read is simply not ours
        if found is not None:
            return found
    return None


def _mark_of_field(field, page_ref, box):
    widget = field if "/Rect" in field else field["/Kids"][0].get_object()
    if "/P" in widget and widget.get_value_as_reference("/P").idnum != page_ref.idnum:
        return None
    rect = [float(v) for v in widget["/Rect"]]
    rect = [
        min(rect[0], rect[2]),
        min(rect[1], rect[3]),
        max(rect[0], rect[2]),
        max(rect[1], rect[3]),
    ]
    if _overlap(rect, box) <= 0:
        return None
    outer = widget["/AP"]["/N"].get_object()
    inner = outer["/Resources"]["/XObject"]["/KLAppearance"].get_object()
    mark = mark_in_appearance(inner.data)
    if mark is None:
        return None
    # The outer stream places the inner page with "a 0 0 d e f cm"; the outer BBox maps to /Rect.
    m = re.search(rb"(\S+) 0 0 (\S+) (\S+) (\S+) cm\s*/KLAppearance Do", outer.data)
    a, d, e, f = (float(v) for v in m.groups()) if m else (1.0, 1.0, 0.0, 0.0)
    bx = [float(v) for v in outer["/BBox"]]
    bx0, by0, bx1, by1 = min(bx[0], bx[2]), min(bx[1], bx[3]), max(bx[0], bx[2]), max(bx[1], bx[3])
    sx = (rect[2] - rect[0]) / (bx1 - bx0) if bx1 > bx0 else 1.0
    sy = (rect[3] - rect[1]) / (by1 - by0) if by1 > by0 else 1.0
    x0, y0, x1, y1 = mark
    return (
        rect[0] + (a * x0 + e - bx0) * sx,
        rect[1] + (d * y0 + f - by0) * sy,
        rect[0] + (a * x1 + e - bx0) * sx,
        rect[1] + (d * y1 + f - by0) * sy,
    )


def _media_box(page) -> tuple[float, float, float, float]:
    node = page
    for _depth in range(32):  # /MediaBox may be inherited from the page tree; bounded walk
        if "/MediaBox" in node:
            x0, y0, x1, y1 = (float(v) for v in node["/MediaBox"])
            return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
        if "/Parent" not in node:
            break
        node = node["/Parent"]
    return 0.0, 0.0, 612.0, 792.0  # the PDF default (US Letter) when nothing is declared


def _stamp_style(appearance_pdf: bytes):
    from pyhanko.pdf_utils import layout
    from pyhanko.stamp import StaticStampStyle

    page_cls, _signer_cls = _classes()
    return StaticStampStyle(
        background=page_cls(appearance_pdf),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
        ),
    )


def sign_pdf(
    pdf: bytes,
    signer: SigningKey,
    *,
    box: Box | None,
    kind: Kind = "signer",
    name: str,
    organisation: str,
    reason: str | None = None,
    location: str | None = None,
    now: datetime,
    signature_image: bytes | None = None,
    seal_image: bytes | None = None,
    tsa_url: str | None = None,
    validation: ValidationData | None = None,
) -> bytes:
    """Return ``pdf`` with one more signature, appended as an incremental update.

    ``box`` is the signer block's blank area ``(page_index, x0, y0, x1, y1)`` in PDF points, or
    ``None`` for an invisible signature. For ``kind="seal"`` the seal is placed over the left third
    of the signature drawn in that same box, with the organisation's name and ISO time beside it.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    require_aware(now)
    if kind not in FIELD_BASE:
        raise SigningError(f"Loại chữ ký không hợp lệ: {kind!r} (chỉ 'signer' hoặc 'seal').")
    name, organisation = nfc(name), nfc(organisation)
    if not organisation or (kind == "signer" and not name):
        raise SigningError("Cần có họ tên người ký và tên cơ quan để hiển thị trên chữ ký.")
    if kind == "seal" and box is not None and not seal_image:
        raise SigningError("Chữ ký số của cơ quan cần ảnh con dấu (PNG nền trong suốt).")
    check_signing_certificate(signer.certificate, now)
    reader = open_reader(pdf)

    field_name = _field_name(reader, kind)
    field_spec, style = _field_and_stamp(
        reader,
        field_name,
        box,
        kind=kind,
        name=name,
        organisation=organisation,
        now=now,
        signature_image=signature_image,
        seal_image=seal_image,
    )

    embed = validation is not None and validation.wanted
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=nfc(reason) or None,
        location=nfc(location) or None,
        name=(name or organisation),
        embed_validation_info=embed,
        validation_context=(
            _embedding_context(signer, validation, now)
            if validation is not None and embed
            else None
        ),
    )
    timestamper = _timestamper(tsa_url)
    _page_cls, signer_cls = _classes()
    pdf_signer = signer_cls(
        meta,
        signer.pyhanko_signer,
        timestamper=timestamper,
        stamp_style=style,
        new_field_spec=field_spec,
        signing_time=now,
    )
    writer = IncrementalPdfFileWriter.from_reader(reader)
    try:
        out = pdf_signer.sign_pdf(writer)
    except Exception as exc:  # pyHanko, PKCS#11 and network errors all end up here
        raise _signing_failure(exc, tsa_url, signer) from exc
    return out.getvalue()


def _timestamper(tsa_url: str | None) -> Any:
    """The TSA client when a time-stamp server is set (PAdES B-T), else None (B-B)."""
    timestamper = None
    if tsa_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT_S)
    return timestamper


def _field_and_stamp(
    reader: Any,
    field_name: str,
    box: Box | None,
    *,
    kind: Kind,
    name: str,
    organisation: str,
    now: datetime,
    signature_image: bytes | None,
    seal_image: bytes | None,
) -> tuple[Any, Any]:
    """The signature field (visible in ``box``, if any) and the stamp drawn in it."""
    from pyhanko.sign import fields

    field_spec = fields.SigFieldSpec(sig_field_name=field_name)
    style = None
    if box is not None:
        page_ix, rect, page_left, page_right = _page_box(reader, box)
        if kind == "seal":
            assert seal_image is not None  # refused above without one
            geometry = seal_geometry(
                rect,
                seal_diameter_pt(seal_image),
                page_left,
                mark=signature_mark(reader, page_ix, rect),
                page_right=page_right,
            )
            rect = geometry.rect
            appearance = seal_appearance_pdf(
                geometry, organisation=organisation, signed_at=now, seal_image=seal_image
            )
        else:
            appearance = signer_appearance_pdf(
                rect[2] - rect[0],
                rect[3] - rect[1],
                name=name,
                organisation=organisation,
                signed_at=now,
                signature_image=signature_image,
            )
        field_spec = fields.SigFieldSpec(
            sig_field_name=field_name,
            on_page=page_ix,
            # PDF coordinates are reals; pyHanko's annotation says int
            box=cast("tuple[int, int, int, int]", tuple(round(v, 2) for v in rect)),
        )
        style = _stamp_style(appearance)
    return field_spec, style


def _embedding_context(signer: SigningKey, validation: ValidationData, now: datetime):
    """The chain and revocation data pyHanko checks, then embeds, at signing time (offline).

    The self-signed certificates that came with the key count as roots here: embedding only
    gathers evidence; whoever verifies decides what to trust."""
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1
    from pyhanko_certvalidator import ValidationContext

    from ketluan_desktop.core.signing.certs import load_certificates, load_revocation_lists

    roots = [c for blob in validation.roots for c in load_certificates(blob)]
    roots += [c for c in signer.chain if c.issuer == c.subject]
    others = [c for c in signer.chain if c.issuer != c.subject]
    asn1 = translate_pyca_cryptography_cert_to_asn1
    return ValidationContext(
        trust_roots=[asn1(c) for c in roots],
        other_certs=[asn1(c) for c in others],
        crls=[der for blob in validation.crls for der in load_revocation_lists(blob)],
        ocsps=list(validation.ocsps),
        allow_fetching=False,
        moment=now,
        revocation_mode="hard-fail",  # what is embedded must hold at signing time
    )


def _signing_failure(exc: Exception, tsa_url: str | None, signer: SigningKey) -> SigningError:
    from pyhanko.sign.general import SigningError as PyHankoSigningError
    from pyhanko.sign.timestamps import TimestampRequestError

    if isinstance(exc, SigningError):
        return exc
    text = str(exc)
    if tsa_url and isinstance(exc, TimestampRequestError | OSError | TimeoutError):
        return SigningError(
            f"Không lấy được dấu thời gian từ máy chủ {tsa_url}. Hãy kiểm tra kết nối mạng và "
            "địa chỉ máy chủ, hoặc ký không kèm dấu thời gian.",
            detail=repr(exc),
        )
    if "validat" in text.lower() or "revo" in text.lower():
        return SigningError(
            "Không gắn được dữ liệu kiểm tra chữ ký (PAdES B-LT): chứng thư của người ký không "
            "xác minh được với danh sách thu hồi đã đưa (sai danh sách, danh sách hết hạn, hoặc "
            "chứng thư đã bị thu hồi). Chưa có tệp nào được ghi.",
            detail=repr(exc),
        )
    if type(exc).__module__.startswith("pkcs11"):
        from ketluan_desktop.core.signing.tokens import _pin_error

        return _pin_error(exc, signer.token_label or "USB token")
    if isinstance(exc, PyHankoSigningError) and ("DocMDP" in text or "certif" in text.lower()):
        return SigningError(
            "Văn bản đã được chứng thực (khóa) bởi một chữ ký không cho phép thay đổi thêm, "
            "nên không thể ký tiếp.",
            detail=text,
        )
    return SigningError(
        f"Không ký được văn bản ({type(exc).__name__}). Chưa có tệp nào được ghi.", detail=repr(exc)
    )


def write_signed_pdf(path: str | os.PathLike[str], data: bytes) -> None:
    """Write signed bytes atomically: the old file stays whole until the new one is complete."""
    check_pdf_bytes(data)
    write_bytes_atomic(path, data)

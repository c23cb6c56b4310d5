"""Small helpers shared by the signing modules: time formats, certificate names, PDF input checks.

Nothing here imports pyHanko, so the package stays cheap to import.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ketluan_desktop.core.clock import VN_TZ
from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.text.dates import format_moment

if TYPE_CHECKING:
    from cryptography import x509

# A PDF header may follow some junk; readers look in the first kilobyte.
_HEADER_WINDOW = 1024


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def require_aware(now: datetime, what: str = "now") -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        # A programming error, not a user one; still a clear message if it ever reaches the UI.
        raise SigningError(f"Thời điểm ({what}) phải kèm múi giờ.")
    return now


def vn_display_time(moment: datetime) -> str:
    """``10/07/2024 15:32:05 +07:00``: a person's signing time as the document writes dates
    (day/month/year), with the time and Vietnam's offset; one style on the stamp and in reports."""
    local = require_aware(moment).astimezone(VN_TZ)
    return format_moment(local, seconds=True) + " " + _offset(local)


def vn_iso_time(moment: datetime) -> str:
    """``2024-07-10T15:32:05+07:00``: Decree 30's form for the organisation's signature."""
    local = require_aware(moment).astimezone(VN_TZ)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + _offset(local)


def vn_date(moment: datetime) -> str:
    return format_moment(moment.astimezone(VN_TZ), seconds=True)


def _offset(moment: datetime) -> str:
    delta = moment.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def name_attribute(name: x509.Name, oid_name: str) -> str | None:
    from cryptography.x509.oid import NameOID

    oid = getattr(NameOID, oid_name)
    values = name.get_attributes_for_oid(oid)
    if not values:
        return None
    value = values[0].value
    return nfc(value if isinstance(value, str) else value.decode("utf-8", "replace"))


def cert_label(cert: x509.Certificate) -> str:
    """How a certificate is named in messages: «Nguyễn Văn Tuấn (Đảng ủy Khối …)»."""
    cn = name_attribute(cert.subject, "COMMON_NAME") or cert.subject.rfc4514_string()
    org = name_attribute(cert.subject, "ORGANIZATION_NAME")
    return f"{cn} ({org})" if org else cn


def check_pdf_bytes(data: bytes) -> None:
    """Refuse what is not a PDF before pyHanko produces an English parse error about it."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise SigningError("Dữ liệu đưa vào không phải nội dung tệp PDF.")
    head = bytes(data[:_HEADER_WINDOW])
    if not data:
        raise SigningError("Tệp rỗng: không có nội dung PDF để ký hay kiểm tra.")
    if b"%PDF-" not in head:
        raise SigningError(
            "Tệp này không phải tệp PDF (không có phần đầu %PDF). Hãy chọn đúng tệp văn bản PDF."
        )


class PdfStructureError(SigningError):
    """The bytes start as a PDF but their structure (trailer, cross-references) does not parse."""


def open_reader(data: bytes):
    """A pyHanko reader over ``data``; encrypted or unreadable PDFs become Vietnamese errors."""
    from io import BytesIO

    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    check_pdf_bytes(data)
    try:
        reader = PdfFileReader(BytesIO(bytes(data)), strict=False)
        encrypted = reader.encrypted
        if not encrypted:
            reader.root  # noqa: B018 - forces the trailer and catalog to be parsed now
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise PdfStructureError(
            "Tệp PDF bị hỏng hoặc không đọc được cấu trúc. Hãy xuất lại tệp PDF từ bản gốc.",
            detail=repr(exc),
        ) from exc
    if encrypted:
        raise SigningError(
            "Tệp PDF đã được đặt mật khẩu hoặc mã hóa, không thể ký hay kiểm tra chữ ký. "
            "Hãy dùng bản PDF không mã hóa."
        )
    return reader


def hash_label(algorithm: str | None) -> str:
    """``sha256`` → ``SHA-256``, as certificates and viewers write it."""
    if not algorithm:
        return "—"
    a = algorithm.upper().replace("_", "-")
    return f"SHA-{a[3:]}" if a.startswith("SHA") and a[3:].isdigit() else a


def quiet_library_logs() -> None:
    """pyHanko logs an untrusted certificate as a warning with a traceback; with no handler
    anywhere Python prints it on stderr, burying the verdict. A null handler on its loggers stops
    that last-resort printing while records still reach any handler configured above them."""
    import logging

    for name in ("pyhanko", "pyhanko_certvalidator"):
        lib = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in lib.handlers):
            lib.addHandler(logging.NullHandler())

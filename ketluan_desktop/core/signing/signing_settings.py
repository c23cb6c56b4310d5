"""This office's signing setup kept in the database: the USB token's PKCS#11 library and the
timestamp server (none by default: signing works offline)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.org import settings as settings_service
from ketluan_desktop.core.text import nfc


def pkcs11_module_path(session: Session) -> Path | None:
    value = settings_service.get(session, "signing.pkcs11_module")
    return Path(value) if value else None


def tsa_url(session: Session) -> str | None:
    return settings_service.get(session, "signing.tsa_url") or None


@requires(Permission.EDIT_SETTINGS)
def set_signing_settings(session: Session, *, pkcs11_module: str | None, tsa: str | None) -> None:
    """Save the PKCS#11 module path and the timestamp server (empty = offline, the default)."""
    module = nfc((pkcs11_module or "").strip()) or None
    url = (tsa or "").strip() or None
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise ValidationError(
            f"Địa chỉ máy chủ dấu thời gian «{url}» không hợp lệ: cần bắt đầu bằng http:// hoặc "
            "https://. Để trống nếu không dùng (ký ngoại tuyến)."
        )
    if module is not None and not Path(module).is_file():
        raise ValidationError(
            f"Không tìm thấy tệp thư viện PKCS#11: {module}. Hãy chọn tệp .dll do phần mềm của "
            "USB token cài đặt (thường trong C:\\Windows\\System32)."
        )
    settings_service.set_value(session, "signing.pkcs11_module", module)
    settings_service.set_value(session, "signing.tsa_url", url)

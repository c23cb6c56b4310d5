"""USB tokens through a PKCS#11 module (the vendor's .dll/.so, path chosen by the user).

python-pkcs11 reports problems as exception classes with empty messages; every one that a user can
cause is turned into a Vietnamese ``SigningError`` here.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.signing.signing_key import SigningKey

if TYPE_CHECKING:
    from cryptography import x509


@dataclass(frozen=True)
class TokenInfo:
    label: str
    serial: str
    manufacturer: str
    model: str
    login_required: bool
    pin_locked: bool
    pin_pad: bool  # the token asks for its PIN itself (PROTECTED_AUTHENTICATION_PATH)


@dataclass(frozen=True)
class TokenKeyInfo:
    """A key or certificate on a token. ``has_private_key`` is ``None`` when not logged in (keys
    are private objects, invisible until the PIN is given)."""

    label: str
    key_id: str  # hex of CKA_ID, how tokens pair a key with its certificate
    has_private_key: bool | None
    certificate: x509.Certificate | None


def _clean(label: str) -> str:
    return unicodedata.normalize("NFC", label or "").strip()


def _pin_error(exc: Exception, token_label: str) -> SigningError:
    from pkcs11 import exceptions as p11

    where = f"thiết bị ký số «{token_label}»"
    if isinstance(exc, p11.PinIncorrect):
        return SigningError(
            f"Mã PIN của {where} không đúng. Hãy nhập lại; nhập sai nhiều lần liên tiếp sẽ khóa "
            "thiết bị."
        )
    if isinstance(exc, p11.PinLocked):
        return _locked_error(token_label)
    if isinstance(exc, p11.PinLenRange | p11.PinInvalid):
        return SigningError(f"Mã PIN của {where} không hợp lệ (sai độ dài hoặc có ký tự lạ).")
    if isinstance(exc, p11.PinExpired):
        return SigningError(
            f"Mã PIN của {where} đã hết hạn. Hãy đổi PIN bằng phần mềm của thiết bị rồi ký lại."
        )
    if isinstance(exc, p11.TokenNotPresent | p11.DeviceRemoved):
        return SigningError(f"Không thấy {where}: thiết bị đã bị rút ra. Hãy cắm lại rồi thử lại.")
    if isinstance(exc, p11.UserAlreadyLoggedIn):
        return SigningError(
            f"{where.capitalize()} đang được chương trình khác sử dụng. Hãy đóng chương trình đó."
        )
    return SigningError(
        f"Lỗi khi làm việc với {where} ({type(exc).__name__}). Hãy rút ra, cắm lại và thử lại.",
        detail=repr(exc),
    )


def _locked_error(token_label: str) -> SigningError:
    return SigningError(
        f"Thiết bị ký số «{token_label}» đã bị khóa do nhập sai mã PIN quá số lần cho phép. "
        "Hãy liên hệ nhà cung cấp chứng thư số (hoặc người quản trị) để mở khóa."
    )


class Pkcs11Module:
    """An opened PKCS#11 library. Obtain it with ``open_pkcs11_module``."""

    def __init__(self, path: Path, lib: Any) -> None:
        self.path = path
        self._lib = lib

    def _tokens(self) -> list[Any]:
        from pkcs11 import PKCS11Error, TokenFlag

        found = []
        try:
            slots = self._lib.get_slots(token_present=True)
        except PKCS11Error as exc:
            raise SigningError(
                f"Thư viện PKCS#11 {self.path.name} không liệt kê được thiết bị "
                f"({type(exc).__name__}).",
                detail=repr(exc),
            ) from exc
        for slot in slots:
            try:
                token = slot.get_token()
            except PKCS11Error:
                continue  # a reader with a card being removed, or a broken slot: skip it
            if token.flags & TokenFlag.TOKEN_INITIALIZED:
                found.append(token)
        return found

    def tokens(self) -> list[TokenInfo]:
        """The initialised tokens plugged in now."""
        from pkcs11 import TokenFlag

        out = []
        for t in self._tokens():
            serial = (
                t.serial.decode("ascii", "replace") if isinstance(t.serial, bytes) else t.serial
            )
            out.append(
                TokenInfo(
                    label=_clean(t.label),
                    serial=str(serial).strip(),
                    manufacturer=_clean(t.manufacturer_id),
                    model=_clean(t.model),
                    login_required=bool(t.flags & TokenFlag.LOGIN_REQUIRED),
                    pin_locked=bool(t.flags & TokenFlag.USER_PIN_LOCKED),
                    pin_pad=bool(t.flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH),
                )
            )
        return out

    def _token(self, token_label: str) -> Any:
        wanted = _clean(token_label)
        tokens = self._tokens()
        for t in tokens:
            if _clean(t.label) == wanted:
                return t
        present = ", ".join(f"«{_clean(t.label)}»" for t in tokens) or "không có thiết bị nào"
        raise SigningError(
            f"Không tìm thấy thiết bị ký số «{wanted}». Hiện đang cắm: {present}. "
            "Hãy cắm đúng USB token hoặc chọn lại thiết bị."
        )

    def _open_session(self, token: Any, pin: str | None) -> Any:
        from pkcs11 import PROTECTED_AUTH, PKCS11Error, TokenFlag

        label = _clean(token.label)
        if token.flags & TokenFlag.USER_PIN_LOCKED:
            raise _locked_error(label)
        user_pin: object = pin  # the PIN typed, or PROTECTED_AUTH: typed on the token's reader
        if pin is None or pin == "":
            if token.flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH:
                user_pin = PROTECTED_AUTH
            elif token.flags & TokenFlag.LOGIN_REQUIRED:
                raise SigningError(f"Hãy nhập mã PIN của thiết bị ký số «{label}».")
            else:
                user_pin = None
        try:
            return token.open(user_pin=user_pin) if user_pin is not None else token.open()
        except PKCS11Error as exc:
            raise _pin_error(exc, label) from exc

    def keys(self, token_label: str, pin: str | None = None) -> list[TokenKeyInfo]:
        """Certificates on the token and, once logged in with ``pin``, the private keys.

        Without a PIN only certificates are visible; ``has_private_key`` is then ``None``.
        CA certificates stored beside the user's are left out.
        """
        token = self._token(token_label)
        logged_in = pin is not None and pin != ""
        session = self._open_session(token, pin) if logged_in else self._open_session_public(token)
        try:
            certs, keys = _read_objects(session, with_keys=logged_in)
        finally:
            session.close()
        entries: list[TokenKeyInfo] = []
        paired: set[int] = set()
        for key_label, key_id in keys:
            cert_idx = _match_cert(certs, key_label, key_id)
            cert = None
            if cert_idx is not None:
                paired.add(cert_idx)
                cert = certs[cert_idx][2]
            # Some tokens leave the key's label empty: show the certificate's, or the ID.
            shown = (
                key_label or (certs[cert_idx][0] if cert_idx is not None else "") or key_id.hex()
            )
            entries.append(TokenKeyInfo(shown, key_id.hex(), True, cert))
        for i, (label, cid, cert) in enumerate(certs):
            if i in paired or _is_ca(cert):
                continue
            entries.append(TokenKeyInfo(label, cid.hex(), False if logged_in else None, cert))
        return entries

    def _open_session_public(self, token: Any) -> Any:
        from pkcs11 import PKCS11Error

        try:
            return token.open()
        except PKCS11Error as exc:
            raise _pin_error(exc, _clean(token.label)) from exc

    def open_signer(self, token_label: str, key_label: str, pin: str | None) -> SigningKey:
        """Log in to the token and prepare its key ``key_label`` for signing.

        The returned key keeps the session open (and logged in) until it is closed.
        """
        from pkcs11 import PKCS11Error

        token = self._token(token_label)
        session = self._open_session(token, pin)
        try:
            return self._signer_in(session, _clean(token.label), _clean(key_label))
        except BaseException:
            with contextlib.suppress(PKCS11Error):
                session.close()
            raise

    def _signer_in(self, session: Any, token_label: str, key_label: str) -> SigningKey:
        from pkcs11 import PKCS11Error
        from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1
        from pyhanko.sign.pkcs11 import PKCS11Signer

        try:
            certs, keys = _read_objects(session, with_keys=True)
        except PKCS11Error as exc:
            raise _pin_error(exc, token_label) from exc
        key_id = None
        for label, kid in keys:
            # The label as ``keys()`` showed it: the key's own, or its ID when it has none.
            if label == key_label or (not label and kid.hex() == key_label):
                key_id = kid
                break
        if key_id is None:
            # The user may have picked the certificate's label; find the key through its ID.
            idx = _match_cert(certs, key_label, None)
            if idx is not None and any(kid == certs[idx][1] for _l, kid in keys):
                key_id = certs[idx][1]
                key_label = next(lbl for lbl, kid in keys if kid == key_id)
        if key_id is None:
            names = ", ".join(f"«{lbl or kid.hex()}»" for lbl, kid in keys) or "không có khóa nào"
            raise SigningError(
                f"Không tìm thấy khóa «{key_label}» trên thiết bị ký số «{token_label}». "
                f"Các khóa có trên thiết bị: {names}."
            )
        idx = _match_cert(certs, key_label, key_id)
        if idx is None:
            raise SigningError(
                f"Khóa «{key_label}» trên thiết bị «{token_label}» không có chứng thư số đi kèm. "
                "Hãy nạp chứng thư vào thiết bị bằng phần mềm của nhà cung cấp."
            )
        cert = certs[idx][2]
        chain = tuple(c for i, (_l, _id, c) in enumerate(certs) if i != idx and _is_ca(c))
        signer = PKCS11Signer(
            session,
            signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
            ca_chain=[translate_pyca_cryptography_cert_to_asn1(c) for c in chain],
            # One of them identifies the key; an ID is unambiguous when labels repeat.
            key_id=key_id or None,
            key_label=None if key_id else key_label,
        )
        return SigningKey(signer, cert, chain, "pkcs11", token_label, _closer=session.close)


def _read_objects(session: Any, *, with_keys: bool):
    """``([(label, id, certificate)], [(label, id)])`` for certificates and (if asked) keys."""
    from cryptography import x509
    from pkcs11 import Attribute, ObjectClass

    certs = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            cert = x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))
        except ValueError:
            continue  # a certificate the token stores but that is not X.509: not ours to sign with
        certs.append((_clean(obj[Attribute.LABEL]), bytes(obj[Attribute.ID] or b""), cert))
    keys = []
    if with_keys:
        for obj in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}):
            keys.append((_clean(obj[Attribute.LABEL]), bytes(obj[Attribute.ID] or b"")))
    return certs, keys


def _match_cert(certs: list, label: str, key_id: bytes | None) -> int | None:
    if key_id:
        for i, (_l, cid, _c) in enumerate(certs):
            if cid == key_id:
                return i
    for i, (clabel, _id, _c) in enumerate(certs):
        if clabel == label:
            return i
    return None


def _is_ca(cert: x509.Certificate) -> bool:
    from cryptography import x509

    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def open_pkcs11_module(path: str | os.PathLike[str]) -> Pkcs11Module:
    """Load the PKCS#11 library at ``path`` (e.g. the token vendor's ``.dll``)."""
    import pkcs11

    p = Path(path)
    if not p.is_file():
        raise SigningError(
            f"Không tìm thấy tệp thư viện PKCS#11: {p}. Hãy cài phần mềm của USB token và chọn "
            "đúng tệp thư viện (.dll trên Windows) do nhà cung cấp cài đặt."
        )
    try:
        lib = pkcs11.lib(str(p))
    except (pkcs11.PKCS11Error, OSError, RuntimeError) as exc:
        raise SigningError(
            f"Tệp {p.name} không phải thư viện PKCS#11 dùng được trên máy này. Hãy chọn đúng tệp "
            "thư viện của USB token (đúng phiên bản 64-bit nếu máy chạy Windows 64-bit).",
            detail=repr(exc),
        ) from exc
    return Pkcs11Module(p, lib)


# Where SoftHSM2 (a software token for tests and trials) is installed on Debian-like systems.
SOFTHSM_MODULE_PATHS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


def find_softhsm_module() -> Path | None:
    for candidate in SOFTHSM_MODULE_PATHS:
        if Path(candidate).is_file():
            return Path(candidate)
    return None

"""Where signing keys come from: a PKCS#12 file (.p12/.pfx) or a USB token through PKCS#11.

Passwords and PINs are taken from the caller for each use and never kept: a ``SigningKey`` from a
token holds a logged-in session instead, until ``close()``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.signing.signing_key import SigningKey
from ketluan_desktop.core.signing.tokens import (
    Pkcs11Module,
    TokenInfo,
    TokenKeyInfo,
    open_pkcs11_module,
)

if TYPE_CHECKING:
    from cryptography import x509

__all__ = [
    "Pkcs11Module",
    "SigningKey",
    "TokenInfo",
    "TokenKeyInfo",
    "load_pkcs12",
    "open_pkcs11_module",
]


@functools.cache
def _memory_signer_class():
    """pyHanko's SimpleSigner, keeping the parsed key instead of re-parsing it for every signature.

    SimpleSigner reloads the key from DER on each use, and OpenSSL 3 re-validates an RSA key on
    load (~40 ms for 2048 bits, twice per signature counting the size estimate): half the cost of
    signing a document. Mechanisms other than plain RSA and ECDSA go through pyHanko unchanged.
    """
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class MemorySigner(SimpleSigner):
        def __init__(self, *args, pyca_key, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pyca_key = pyca_key

        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
            key = self._pyca_key
            if dry_run and isinstance(key, rsa.RSAPrivateKey):
                return bytes(key.key_size // 8)  # only the size matters for the estimate
            return self.sign_raw(data, digest_algorithm)

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:
                algo = mechanism.signature_algo
            except ValueError:
                algo = mechanism["algorithm"].native
            key = self._pyca_key
            hash_algo = get_pyca_cryptography_hash(digest_algorithm)
            if algo == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
                return key.sign(data, padding.PKCS1v15(), hash_algo)
            if algo == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
                return key.sign(data, ec.ECDSA(hash_algo))
            return super().sign_raw(data, digest_algorithm)

    return MemorySigner


def signing_key_from_objects(
    private_key: Any, certificate: x509.Certificate, chain: list[x509.Certificate] | tuple = ()
) -> SigningKey:
    """Wrap in-memory ``cryptography`` objects (a loaded .p12, or a test key) for pyHanko."""
    from pyhanko.keys.internal import (
        translate_pyca_cryptography_cert_to_asn1,
        translate_pyca_cryptography_key_to_asn1,
    )
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    asn1_cert = translate_pyca_cryptography_cert_to_asn1(certificate)
    store = SimpleCertificateStore.from_certs(
        [asn1_cert, *(translate_pyca_cryptography_cert_to_asn1(c) for c in chain)]
    )
    signer = _memory_signer_class()(
        signing_cert=asn1_cert,
        signing_key=translate_pyca_cryptography_key_to_asn1(private_key),
        cert_registry=store,
        pyca_key=private_key,
    )
    return SigningKey(signer, certificate, tuple(chain), "pkcs12")


def _looks_like_pkcs12(data: bytes) -> bool:
    # Parse only the outer structure: a failure here means "not a .p12", while a failure to decrypt
    # later means "wrong password" (cryptography reports both as the same ValueError).
    from asn1crypto import pkcs12

    try:
        pfx = pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in (
            "data",
            "signed_data",
        )
    except (ValueError, TypeError, KeyError):
        return False


def load_pkcs12(path: str | Path, password: str) -> SigningKey:
    """Open a .p12/.pfx file with ``password``; errors are ``SigningError`` in Vietnamese."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise SigningError(f"Không tìm thấy tệp chứng thư số: {p}.") from exc
    except IsADirectoryError as exc:
        raise SigningError(f"{p} là một thư mục, không phải tệp chứng thư số .p12/.pfx.") from exc
    except OSError as exc:
        raise SigningError(
            f"Không đọc được tệp chứng thư số {p} ({exc.strerror or exc}). "
            "Hãy kiểm tra quyền truy cập tệp."
        ) from exc
    if not _looks_like_pkcs12(data):
        raise SigningError(
            f"Tệp {p.name} không phải tệp chứng thư số PKCS#12 (.p12/.pfx) hoặc đã bị hỏng."
        )
    attempts = [password.encode("utf-8")] if password else [None, b""]
    loaded = None
    for secret in attempts:
        try:
            loaded = pkcs12.load_key_and_certificates(data, secret)
            break
        except ValueError:
            continue
    if loaded is None:
        raise SigningError(
            f"Mật khẩu của tệp chứng thư số {p.name} không đúng. Hãy nhập lại "
            "(phân biệt chữ hoa, chữ thường và bộ gõ tiếng Việt)."
        )
    key, cert, others = loaded
    if key is None:
        raise SigningError(
            f"Tệp {p.name} chỉ chứa chứng thư, không có khóa bí mật nên không dùng để ký được. "
            "Hãy xuất lại tệp .p12/.pfx kèm khóa bí mật."
        )
    if cert is None:
        raise SigningError(f"Tệp {p.name} có khóa bí mật nhưng không có chứng thư số đi kèm.")
    return signing_key_from_objects(key, cert, list(others))

"""A key ready to sign with, whichever way it was opened (a .p12 file or a token)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography import x509


@dataclass
class SigningKey:
    """A key ready to sign with, its certificate and the CA certificates that came with it.

    ``pyhanko_signer`` is the pyHanko ``Signer``. Use as a context manager, or call ``close()``.
    """

    pyhanko_signer: Any
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    source: str = "pkcs12"  # "pkcs12" | "pkcs11"
    token_label: str | None = None
    _closer: Any = field(default=None, repr=False)

    def close(self) -> None:
        closer, self._closer = self._closer, None
        if closer is not None:
            closer()

    def __enter__(self) -> SigningKey:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""Password hashes: Argon2id (argon2-cffi) with its recommended parameters; the hash string keeps
them, so a later change of parameters still verifies older hashes (and rehashes at sign-in)."""

from __future__ import annotations

import functools
import unicodedata

MIN_LENGTH = 4  # the demo's «demo»; the office sets its own rules for real accounts


@functools.cache
def _hasher():
    from argon2 import PasswordHasher  # ~30 ms: only when someone signs in

    return PasswordHasher()  # Argon2id, RFC 9106 "low memory" profile


def _norm(password: str) -> str:
    # The same password typed with composed or decomposed marks must match.
    return unicodedata.normalize("NFC", password)


def hash_password(password: str) -> str:
    return _hasher().hash(_norm(password))


def verify_password(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored, _norm(password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher().check_needs_rehash(stored)

"""Encryption of backups with a passphrase the app never stores.

Automatic copies are made without asking anyone, so the key that encrypts them must be at hand
while the passphrase must not be: each office has an X25519 key pair; the public half (in
``backup.json``) encrypts, and the private half is kept only wrapped with a key derived from the
passphrase (scrypt, AES-GCM). Every copy carries that wrapped private key in its header, so the
passphrase alone restores it on any machine. Per copy: an ephemeral X25519 key, HKDF-SHA256 to a
256-bit data key, and AES-GCM over 1 MiB chunks whose nonce counts the chunks and whose associated
data binds the header and marks the last chunk (no reordering, no truncation). All primitives are
``cryptography``'s.
"""

from __future__ import annotations

import base64
import hashlib
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ketluan_desktop.core.errors import KetLuanError, ValidationError

SCHEME = "x25519-hkdf-sha256-aes256gcm-v1"
CHUNK = 1 << 20
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
MIN_PASSPHRASE = 8
_WRAP_AAD = b"ketluan-backup-private-key"
_HKDF_INFO = b"ketluan-backup-data-key"


class WrongPassphraseError(KetLuanError):
    """The passphrase does not open this copy's key."""


class DamagedBackupError(KetLuanError):
    """An encrypted copy whose bytes were changed or cut short."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            f"Cụm mật khẩu sao lưu cần ít nhất {MIN_PASSPHRASE} ký tự. Hãy chọn một câu dễ nhớ "
            "với bạn, khó đoán với người khác, và cất một bản giấy ở nơi an toàn: mất cụm mật "
            "khẩu là không khôi phục được các bản sao lưu đã mã hóa."
        )


def new_key_bundle(passphrase: str) -> dict:
    """A fresh key pair, its private half wrapped with the passphrase (what backup.json keeps)."""
    check_passphrase(passphrase)
    private = X25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(_kek(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(
        nonce, raw, _WRAP_AAD
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return {
        "scheme": SCHEME,
        "public": _b64(public),
        "wrapped_private": {
            "kdf": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "data": _b64(wrapped),
        },
    }


def unwrap_private(bundle: dict, passphrase: str) -> X25519PrivateKey:
    w = bundle["wrapped_private"]
    kek = _kek(passphrase, _unb64(w["salt"]), int(w["n"]), int(w["r"]), int(w["p"]))
    try:
        raw = AESGCM(kek).decrypt(_unb64(w["nonce"]), _unb64(w["data"]), _WRAP_AAD)
    except InvalidTag as exc:
        raise WrongPassphraseError(
            "Cụm mật khẩu không đúng với bản sao lưu này (có thể bản sao được mã hóa bằng cụm "
            "mật khẩu cũ). Hãy nhập lại cho đúng."
        ) from exc
    return X25519PrivateKey.from_private_bytes(raw)


@dataclass
class Sealing:
    """What the header records for one encrypted copy, and the data key kept in memory to verify."""

    header: dict
    data_key: bytes


def seal_for(bundle: dict) -> Sealing:
    """Start encrypting one copy to the office's public key."""
    recipient = X25519PublicKey.from_public_bytes(_unb64(bundle["public"]))
    ephemeral = X25519PrivateKey.generate()
    eph_pub = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    key = _data_key(ephemeral.exchange(recipient), eph_pub, _unb64(bundle["public"]))
    header = {
        "scheme": SCHEME,
        "chunk": CHUNK,
        "ephemeral": _b64(eph_pub),
        "recipient": bundle["public"],
        "nonce_prefix": _b64(os.urandom(4)),
        "wrapped_private": bundle["wrapped_private"],
    }
    return Sealing(header, key)


def _data_key(shared: bytes, eph_pub: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=eph_pub + recipient, info=_HKDF_INFO
    ).derive(shared)


def data_key_for(enc: dict, passphrase: str) -> bytes:
    private = unwrap_private(enc, passphrase)
    eph = _unb64(enc["ephemeral"])
    return _data_key(
        private.exchange(X25519PublicKey.from_public_bytes(eph)), eph, _unb64(enc["recipient"])
    )


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">Q", index)


def _aad(header_digest: bytes, last: bool) -> bytes:
    return header_digest + (b"\x01" if last else b"\x00")


def encrypt_stream(
    src: BinaryIO, dst: BinaryIO, key: bytes, enc: dict, header_bytes: bytes
) -> None:
    """Chunks of ``src`` to ``dst``: [u32 length][ciphertext+tag] each, the last one flagged."""
    aes, prefix = AESGCM(key), _unb64(enc["nonce_prefix"])
    digest = hashlib.sha256(header_bytes).digest()
    size = int(enc["chunk"])
    index, block = 0, src.read(size)
    while True:
        following = src.read(size)
        last = not following
        sealed = aes.encrypt(_nonce(prefix, index), block, _aad(digest, last))
        dst.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        index, block = index + 1, following


def decrypt_chunks(src: BinaryIO, key: bytes, enc: dict, header_bytes: bytes) -> Iterator[bytes]:
    aes, prefix = AESGCM(key), _unb64(enc["nonce_prefix"])
    digest = hashlib.sha256(header_bytes).digest()
    index = 0
    damaged = DamagedBackupError(
        "Bản sao lưu đã mã hóa này bị hỏng hoặc bị cắt cụt (nội dung không khớp mã xác thực). "
        "Hãy dùng một bản sao khác."
    )
    while True:
        head = src.read(4)
        if len(head) < 4:
            raise damaged  # the last chunk never came: cut short
        (length,) = struct.unpack(">I", head)
        if length > int(enc["chunk"]) + 64:
            raise damaged
        sealed = src.read(length)
        if len(sealed) < length:
            raise damaged
        for last in (False, True):
            try:
                plain = aes.decrypt(_nonce(prefix, index), sealed, _aad(digest, last))
            except InvalidTag:
                continue
            break
        else:
            raise damaged
        yield plain
        if last:
            if src.read(1):
                raise damaged  # bytes after the last chunk
            return
        index += 1

"""The ``.klbak`` file: what a copy holds, readable without the passphrase, then the snapshot.

Layout: 8 magic bytes, a 4-byte big-endian header length, the header (UTF-8 JSON: format, app
version, date, database kind and id, schema revision, row counts, payload size and SHA-256, and the
encryption parameters if any), then the payload — the snapshot's bytes, or their AES-GCM chunks.
Counts are not personal data, so a copy can be described and compared before any passphrase is
asked for; the payload's hash catches a copy damaged on a USB stick.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ketluan_desktop.core.backup import crypto
from ketluan_desktop.core.errors import ValidationError

MAGIC = b"KLBAK\x00\x01\n"
FORMAT = 1
MAX_HEADER = 1 << 20
COPY_BLOCK = 1 << 20


@dataclass(frozen=True)
class Header:
    data: dict
    raw: bytes  # the exact bytes, bound into every encrypted chunk
    payload_offset: int

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.data["created_at"])

    @property
    def app_version(self) -> str:
        return str(self.data.get("app_version", "?"))

    @property
    def schema_revision(self) -> str | None:
        return self.data.get("schema_revision")

    @property
    def kind(self) -> str:
        return str(self.data.get("kind", "sqlite"))

    @property
    def database_id(self) -> str | None:
        return self.data.get("database_id")

    @property
    def counts(self) -> dict[str, int]:
        return {k: int(v) for k, v in (self.data.get("counts") or {}).items()}

    @property
    def encrypted(self) -> bool:
        return bool(self.data.get("encryption"))


def not_a_backup(path: Path, why: str) -> ValidationError:
    return ValidationError(
        f"Tệp {path} không phải là bản sao lưu KếtLuận dùng được ({why}). Hãy chọn tệp .klbak do "
        "ứng dụng tạo ra."
    )


def digest_file(path: Path) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while block := fh.read(COPY_BLOCK):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def write(target: Path, payload: Path, meta: dict, key_bundle: dict | None) -> bytes | None:
    """Write the copy to ``target`` (the caller renames it into place once verified).

    Returns the data key of an encrypted copy, kept in memory only to verify what was written."""
    sha, size = digest_file(payload)
    sealing = crypto.seal_for(key_bundle) if key_bundle else None
    header = {
        **meta,
        "format": FORMAT,
        "payload_size": size,
        "payload_sha256": sha,
        "encryption": sealing.header if sealing else None,
    }
    raw = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, open(payload, "rb") as src:
        out.write(MAGIC + struct.pack(">I", len(raw)) + raw)
        if sealing is None:
            shutil.copyfileobj(src, out, COPY_BLOCK)
        else:
            crypto.encrypt_stream(src, out, sealing.data_key, sealing.header, raw)
        out.flush()
        os.fsync(out.fileno())
    return sealing.data_key if sealing else None


def read_header(path: Path) -> Header:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(MAGIC) + 4)
            if len(head) < len(MAGIC) + 4 or head[: len(MAGIC)] != MAGIC:
                raise not_a_backup(path, "không có dấu hiệu của bản sao lưu")
            (length,) = struct.unpack(">I", head[len(MAGIC) :])
            if length > MAX_HEADER:
                raise not_a_backup(path, "phần mô tả hỏng")
            raw = fh.read(length)
    except OSError as exc:
        from ketluan_desktop.core.diskspace import describe_os_error

        raise ValidationError(
            f"Không đọc được bản sao lưu {path}: {describe_os_error(exc, path, 'tệp')}"
        ) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise not_a_backup(path, "phần mô tả hỏng") from exc
    if not isinstance(data, dict) or "created_at" not in data:
        raise not_a_backup(path, "phần mô tả thiếu")
    return Header(data, raw, len(MAGIC) + 4 + length)


def _data_key(enc: dict, passphrase: str | None, data_key: bytes | None) -> bytes:
    """The key that opens an encrypted snapshot: the one given, or derived from the passphrase."""
    if data_key is not None:
        return data_key
    if not passphrase:
        from ketluan_desktop.core.errors import KetLuanError

        raise KetLuanError(
            "Bản sao lưu này đã được mã hóa: hãy nhập cụm mật khẩu sao lưu để mở nó."
        )
    return crypto.data_key_for(enc, passphrase)


def extract(
    path: Path,
    out: Path,
    *,
    passphrase: str | None = None,
    data_key: bytes | None = None,
) -> Header:
    """Write the snapshot held in ``path`` to ``out`` and check its size and SHA-256."""
    header = read_header(path)
    enc = header.data.get("encryption")
    key = _data_key(enc, passphrase, data_key) if enc else b""  # before ``out`` is created
    h, size = hashlib.sha256(), 0
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as dst, open(path, "rb") as src:
        src.seek(header.payload_offset)
        blocks = (
            crypto.decrypt_chunks(src, key, enc, header.raw)
            if enc
            else iter(lambda: src.read(COPY_BLOCK), b"")
        )
        for block in blocks:
            h.update(block)
            size += len(block)
            dst.write(block)
    if size != header.data.get("payload_size") or h.hexdigest() != header.data.get(
        "payload_sha256"
    ):
        raise crypto.DamagedBackupError(
            f"Bản sao lưu {path.name} bị hỏng: nội dung không khớp với phần mô tả (kích thước hoặc "
            "mã băm khác). Hãy dùng một bản sao khác."
        )
    return header

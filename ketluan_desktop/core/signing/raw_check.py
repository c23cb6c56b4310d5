"""Checking the signed bytes of a PDF whose structure no longer parses.

A byte changed in a cross-reference table can make the file unreadable as a PDF while its
signatures are still there, byte for byte. "The PDF is damaged" would then hide what matters to
the office: the file is not what was signed. Each signature dictionary is found by its
``/ByteRange`` alone, the CMS in the gap it leaves is read, and the digest of the ranges is compared
with the one the signer signed. A mismatch means the file was altered after signing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_MAX_SIGNATURES = 64


@dataclass(frozen=True)
class RawSignature:
    byte_range: tuple[int, int, int, int]
    digest_matches: bool | None  # None: the CMS could not be read
    certificate: object | None  # asn1crypto's certificate of the signer, when readable


def _cms_of(data: bytes, start: int, end: int):
    from asn1crypto import cms

    gap = data[start:end].strip()
    if not (gap.startswith(b"<") and gap.endswith(b">")):
        return None
    try:
        der = bytes.fromhex(gap[1:-1].decode("ascii"))
        # Not rstrip(b"\0"): the padding after the DER may be cut only by its own length (which
        # a non-strict load reads), as a signature may itself end in zero bytes (1 key in 256).
        return cms.ContentInfo.load(der, strict=False)
    except (ValueError, UnicodeDecodeError):
        return None


def _check(data: bytes, byte_range: tuple[int, int, int, int]) -> RawSignature:
    a, b, c, d = byte_range
    if a != 0 or a + b > c or c + d > len(data):
        return RawSignature(byte_range, False, None)
    info = _cms_of(data, a + b, c)
    if info is None:
        return RawSignature(byte_range, None, None)
    try:
        signed = info["content"]
        signer = signed["signer_infos"][0]
        algorithm = signer["digest_algorithm"]["algorithm"].native
        wanted = None
        for attr in signer["signed_attrs"]:
            if attr["type"].native == "message_digest":
                wanted = attr["values"][0].native
        certs = [cert.chosen for cert in signed["certificates"]]
        sid = signer["sid"].chosen
        cert = next((x for x in certs if x.serial_number == sid["serial_number"].native), None)
        digest = hashlib.new(algorithm, data[a : a + b] + data[c : c + d]).digest()
    except Exception:  # any unreadable CMS is simply "could not be read"
        return RawSignature(byte_range, None, None)
    return RawSignature(byte_range, wanted == digest if wanted else None, cert)


def raw_signatures(data: bytes) -> list[RawSignature]:
    """Every signature found by its ``/ByteRange`` in ``data``, checked against its digest."""
    found: list[RawSignature] = []
    seen: set[tuple[int, int, int, int]] = set()
    for m in _BYTE_RANGE.finditer(data):
        a, b, c, d = (int(v) for v in m.groups())
        byte_range = (a, b, c, d)
        if byte_range in seen:
            continue
        seen.add(byte_range)
        found.append(_check(data, byte_range))
        if len(found) >= _MAX_SIGNATURES:
            break
    return found

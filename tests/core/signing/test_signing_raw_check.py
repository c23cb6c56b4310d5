"""The raw digest check of a PDF too damaged to parse (core/signing/raw_check.py)."""

from __future__ import annotations

from asn1crypto import cms, core

from ketluan_desktop.core.signing.raw_check import _cms_of


def _gap(der: bytes, reserved: int) -> bytes:
    # How a signer writes /Contents: the DER in hex, padded with zeros to the reserved size.
    return b"<" + (der + b"\x00" * (reserved - len(der))).hex().encode("ascii") + b">"


def test_a_cms_that_ends_in_zero_bytes_is_read_whole():
    # A signature value ends in 0x00 for about 1 key in 256; cutting the padding by stripping
    # zeros cut the signature too, and an altered file was then called merely "damaged".
    der = cms.ContentInfo(
        {"content_type": "data", "content": core.OctetString(b"chu ky\x00\x00")}
    ).dump()
    assert der.endswith(b"\x00\x00")
    data = b"%PDF-1.7\n" + _gap(der, 64) + b"\n"
    info = _cms_of(data, len(b"%PDF-1.7\n"), len(data) - 1)
    assert info is not None
    assert info.dump() == der
    assert info["content"].native == b"chu ky\x00\x00"


def test_a_gap_that_is_not_hex_is_unreadable():
    data = b"<not hex at all>"
    assert _cms_of(data, 0, len(data)) is None

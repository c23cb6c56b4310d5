"""Paths and helpers for the importer tests (imported by name: pytest puts this folder on the path)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ketluan_desktop.core.errors import ImportError_
from ketluan_desktop.core.importer import ImportResult, InternalParseError, parse_bytes, parse_text

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"
REAL = ROOT / "tests" / "data" / "real"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: the letter (with its hat or horn) plus a combining tone mark.

    Python's cp1258 codec knows only that decomposed form, which is also what Vietnamese Windows
    programs wrote.
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def parse_or_import_error(data: str | bytes, name: str = "van-ban.txt") -> ImportResult | None:
    """Parse; ``None`` for an ``ImportError_`` the user caused. A bug (``InternalParseError``) is
    re-raised as an assertion so the traceback shows."""
    try:
        return parse_text(data) if isinstance(data, str) else parse_bytes(data, name)
    except InternalParseError as exc:
        raise AssertionError(exc.detail or str(exc)) from exc
    except ImportError_:
        return None

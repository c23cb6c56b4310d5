"""Default file names for exported documents: ASCII only, so any disk, e-mail or USB stick keeps
them.

``105-KL/ĐUK`` of 10/7/2024 becomes ``105-KL-DUK_2024-07-10.pdf``; a draft has no number yet and
becomes ``du-thao-KL_2024-07-10.pdf``.
"""

from __future__ import annotations

import re
import unicodedata

from ketluan_desktop.core.documents.content import DocumentContent

_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def ascii_fold(text: str) -> str:
    """Strip Vietnamese marks, keeping case: "ĐUK" -> "DUK", "QĐ" -> "QD"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _slug(text: str) -> str:
    return _UNSAFE.sub("-", ascii_fold(text)).strip("-")


def default_file_name(content: DocumentContent, fmt: str = "pdf") -> str:
    ext = fmt.lower().lstrip(".")
    if content.is_draft or not (content.number_symbol or "").strip():
        stem = f"du-thao-{_slug(content.type_code) or 'van-ban'}"
    else:
        stem = _slug(content.number_symbol or "")
    if content.doc_date is not None:
        stem += f"_{content.doc_date.isoformat()}"
    return f"{stem}.{ext}"

"""Exporting a document to a file: check the font first, render, then write atomically.

Checking first means a missing glyph is reported before anything is written: the user never finds a
half-written file or a PDF with empty boxes where letters should be.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Literal

from ketluan_desktop.core.documents.content import DocumentContent
from ketluan_desktop.core.errors import RenderError
from ketluan_desktop.core.fsutil import write_bytes_atomic
from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.layout import build_layout
from ketluan_desktop.core.render.metrics import metrics_for
from ketluan_desktop.core.render.pdf import PdfMetadata, default_metadata, render_pdf
from ketluan_desktop.core.render.profile import LayoutProfile

Format = Literal["pdf", "docx"]


def check_document_fonts(content: DocumentContent, profile: LayoutProfile) -> None:
    """RenderError naming the characters the installed font cannot draw, if any."""
    layout = build_layout(content, profile)
    fonts.check_coverage(layout.all_text(), metrics_for(profile.font_family).family)


def export(
    content: DocumentContent,
    profile: LayoutProfile,
    fmt: Format,
    path: str | os.PathLike[str],
    *,
    now: datetime | None = None,
) -> Path:
    """Write ``content`` as PDF or Word to ``path``; ``now`` dates the file (services pass it)."""
    if fmt not in ("pdf", "docx"):
        raise RenderError(f"Không xuất được định dạng «{fmt}»: chỉ hỗ trợ PDF và Word (.docx).")
    check_document_fonts(content, profile)
    if fmt == "pdf":
        meta = PdfMetadata(**{**default_metadata(content).__dict__, "creation_date": now})
        data = render_pdf(content, profile, metadata=meta).data
    else:
        from ketluan_desktop.core.render.docx import render_docx  # python-docx: Word only

        data = render_docx(content, profile, now=now)
    return write_bytes_atomic(path, data)

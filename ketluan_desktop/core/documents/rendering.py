"""A stored document on paper: its content with the profile that renders it, exported to a file."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents import layout_profiles
from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.content import DocumentContent, DocumentStatus
from ketluan_desktop.core.render.profile import LayoutProfile

FORMATS = ("pdf", "docx")


def content_and_profile(session: Session, doc_id: int) -> tuple[DocumentContent, LayoutProfile]:
    """What the page shows and with which numbers (the frozen snapshot once issued)."""
    doc = doc_service.get(session, doc_id, full=True)
    _, profile = layout_profiles.for_document(session, doc)
    return doc_service.content_of(doc), profile


def export_document(
    session: Session,
    doc_id: int,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    now: datetime,
    username: str | None = None,
) -> Path:
    from ketluan_desktop.core.render.export import export

    content, profile = content_and_profile(session, doc_id)
    doc = doc_service.get(session, doc_id)
    # An issued document never changes: dated by its issue, a re-export years later is the same
    # file byte for byte (a draft is dated now).
    dated = doc.issued_at if doc.status != DocumentStatus.DRAFT.value and doc.issued_at else now
    out = export(content, profile, fmt, path, now=dated)  # type: ignore[arg-type]
    audit.record(
        session,
        now=now,
        action="export",
        entity="document",
        entity_id=doc_id,
        summary=f"Xuất {fmt.upper()}: {Path(path).name}",
        username=username,
    )
    return out


def sample_content() -> DocumentContent:
    """The demo office's conclusion (Kết luận số 105-KL/ĐUK of 10/7/2024) read from the sample."""
    from ketluan_desktop.core.documents.sample import sample_content as read_sample

    return read_sample()

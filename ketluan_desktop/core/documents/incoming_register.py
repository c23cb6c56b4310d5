"""Sổ văn bản đến: recording a received document, listing and finding it, tracking its tasks.

A document of another body (a central conclusion, a provincial resolution) is not the office's
own: it gets the register's running number for the year it was received ("số đến" 12/2026), its
file is kept as it came, and the tasks the office decides to follow link back to it. The office's
own documents stay in the outgoing register.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents.incoming_models import IncomingDocument
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.text import fold
from ketluan_desktop.core.text.dates import format_date


@dataclass(frozen=True)
class IncomingFields:
    """What the register keeps of a received document (from the importer or typed by the clerk)."""

    issuer: str | None
    number_symbol: str | None
    doc_date: date | None
    subject: str | None
    type_code: str | None = None
    parent_issuer: str | None = None
    signer: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class TrackedTask:
    text: str
    lead_unit_id: int | None = None
    deadline: date | None = None
    deadline_text: str | None = None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def next_number(session: Session, year: int) -> int:
    current = session.scalar(
        select(func.max(IncomingDocument.number)).where(IncomingDocument.year == year)
    )
    return (current or 0) + 1


def find_by_file(session: Session, digest: str) -> IncomingDocument | None:
    return session.scalars(
        select(IncomingDocument).where(IncomingDocument.file_sha256 == digest)
    ).first()


@requires(Permission.REGISTER_INCOMING)
def record(
    session: Session,
    fields: IncomingFields,
    *,
    received: date,
    now: datetime,
    file_name: str | None = None,
    data: bytes | None = None,
) -> IncomingDocument:
    """Enter a received document in the register with the next number of ``received``'s year."""
    if not (fields.issuer or fields.number_symbol or fields.subject):
        raise ValidationError(
            "Văn bản đến cần có ít nhất cơ quan ban hành, số ký hiệu hoặc trích yếu; hãy điền rồi "
            "lưu lại."
        )
    if fields.doc_date and fields.doc_date > received:
        raise ValidationError(
            f"Ngày nhận ({format_date(received)}) không thể trước ngày của văn bản "
            f"({format_date(fields.doc_date)}); hãy sửa lại ngày nhận."
        )
    digest = sha256_of(data) if data is not None else None
    if digest:
        previous = find_by_file(session, digest)
        if previous is not None:
            raise ConflictError(
                f"Tệp «{file_name}» đã được vào sổ văn bản đến, số đến {previous.register_label} "
                f"({previous.number_symbol or previous.subject or ''}). Không vào sổ lại."
            )
    row = IncomingDocument(
        year=received.year,
        number=next_number(session, received.year),
        received_date=received,
        issuer=fields.issuer,
        parent_issuer=fields.parent_issuer,
        number_symbol=fields.number_symbol,
        type_code=fields.type_code,
        doc_date=fields.doc_date,
        subject=fields.subject,
        signer=fields.signer,
        notes=fields.notes,
        file_name=file_name,
        file_sha256=digest,
        file_data=data,
        received_by=audit.current_username(),
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        now=now,
        action="receive",
        entity="incoming_document",
        entity_id=row.id,
        summary=f"Vào sổ văn bản đến số {row.register_label}: {row.number_symbol or row.subject}",
    )
    return row


@requires(Permission.REGISTER_INCOMING)
def track_tasks(
    session: Session, incoming: IncomingDocument, tasks: list[TrackedTask], *, now: datetime
) -> list[Task]:
    """Tasks the office will follow because of ``incoming``; each links back to it."""
    start = len(incoming.tasks)
    made = []
    for k, item in enumerate(tasks):
        text = (item.text or "").strip()
        if not text:
            continue
        task = Task(
            document_id=None,
            position=start + k,
            text=text,
            lead_unit_id=item.lead_unit_id,
            deadline=item.deadline,
            deadline_text=item.deadline_text,
            created_at=now,
            updated_at=now,
        )
        session.add(task)
        made.append(task)
    incoming.tasks.extend(made)
    session.flush()
    if made:
        audit.record(
            session,
            now=now,
            action="track",
            entity="incoming_document",
            entity_id=incoming.id,
            summary=f"Theo dõi {len(made)} nhiệm vụ từ văn bản đến số {incoming.register_label}",
        )
    return made


def get(session: Session, incoming_id: int) -> IncomingDocument:
    row = session.get(IncomingDocument, incoming_id)
    if row is None:
        raise NotFoundError(
            f"Không có văn bản đến mã {incoming_id}. Có thể văn bản đã bị xóa; hãy tải lại danh sách.",
            cli_hint="Hãy xem danh sách bằng «ketluan incoming list».",
        )
    return row


@dataclass(frozen=True)
class IncomingRow:
    """A line of the register as the screen lists it (plain data, read in the background)."""

    id: int
    label: str  # "12/2026"
    received: date
    number_symbol: str
    doc_date: date | None
    issuer: str
    subject: str
    file_name: str
    has_file: bool  # the file as it came is kept
    tasks: tuple[str, ...]  # the tracked tasks' text


def rows(
    session: Session, *, year: int | None = None, text: str | None = None
) -> list[IncomingRow]:
    """The register under a year and a search (accents not needed), newest first, with each
    entry's tracked tasks read in the same round trip."""
    from sqlalchemy.orm import selectinload

    found = session.scalars(_listing(year, text).options(selectinload(IncomingDocument.tasks)))
    return [
        IncomingRow(
            r.id,
            r.register_label,
            r.received_date,
            r.number_symbol or "",
            r.doc_date,
            r.issuer or "",
            r.subject or "",
            r.file_name or "",
            r.file_sha256 is not None,
            tuple(t.text for t in r.tasks),
        )
        for r in found
    ]


def original_file(session: Session, incoming_id: int) -> bytes:
    """The file of a received document as it came."""
    row = get(session, incoming_id)
    data = row.file_data
    if data is None:
        raise NotFoundError(
            f"Văn bản đến số {row.register_label} được vào sổ không kèm tệp gốc, nên không có gì "
            "để lưu ra; hãy xin lại bản gốc từ cơ quan ban hành."
        )
    return data


def listing(
    session: Session, *, year: int | None = None, text: str | None = None
) -> list[IncomingDocument]:
    return list(session.scalars(_listing(year, text)))


def _listing(year: int | None, text: str | None):
    stmt = select(IncomingDocument)
    if year is not None:
        stmt = stmt.where(IncomingDocument.year == year)
    key = fold(text or "")
    if key:
        stmt = stmt.where(
            or_(
                IncomingDocument.search_folded.contains(key, autoescape=True),
                IncomingDocument.number_symbol.contains((text or "").strip(), autoescape=True),
            )
        )
    return stmt.order_by(IncomingDocument.year.desc(), IncomingDocument.number.desc())


def years(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(IncomingDocument.year).distinct().order_by(IncomingDocument.year.desc())
        )
    )


def incoming_of_task(session: Session, task_id: int) -> IncomingDocument | None:
    from ketluan_desktop.core.documents.incoming_models import incoming_task

    return session.scalars(
        select(IncomingDocument)
        .join(incoming_task, incoming_task.c.incoming_id == IncomingDocument.id)
        .where(incoming_task.c.task_id == task_id)
    ).first()

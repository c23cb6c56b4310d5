"""Documents: listing, converting between stored rows and ``DocumentContent``, the lifecycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from ketluan_desktop.core import domain
from ketluan_desktop.core.domain import DocumentContent, DocumentStatus
from ketluan_desktop.core.errors import DocumentStateError, NotFoundError
from ketluan_desktop.core.models import Block, Document, Recipient, Section
from ketluan_desktop.core.services import audit, numbering
from ketluan_desktop.core.services import org as org_service
from ketluan_desktop.core.text import fold


@dataclass(frozen=True)
class DocumentRow:
    id: int
    type_code: str
    type_name: str
    number_symbol: str | None
    doc_date: date | None
    subject: str | None
    status: str
    status_label: str
    meeting_id: int | None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "type": self.type_code,
            "number_symbol": self.number_symbol,
            "date": self.doc_date.isoformat() if self.doc_date else None,
            "subject": self.subject,
            "status": self.status,
        }


def _row(d: Document) -> DocumentRow:
    t = domain.DOCUMENT_TYPES.get(d.type_code)
    status = DocumentStatus(d.status)
    return DocumentRow(
        id=d.id,
        type_code=d.type_code,
        type_name=t.name if t else d.type_code,
        number_symbol=d.number_symbol,
        doc_date=d.doc_date,
        subject=d.subject,
        status=d.status,
        status_label=domain.DOCUMENT_STATUS_LABELS[status],
        meeting_id=d.meeting_id,
    )


def query(
    *,
    type_code: str | None = None,
    status: str | None = None,
    year: int | None = None,
    text: str | None = None,
    meeting_id: int | None = None,
) -> Select:
    stmt = select(Document)
    if type_code:
        stmt = stmt.where(Document.type_code == type_code)
    if status:
        stmt = stmt.where(Document.status == status)
    if year:
        stmt = stmt.where(
            Document.doc_date >= date(year, 1, 1), Document.doc_date <= date(year, 12, 31)
        )
    if text:
        stmt = stmt.where(Document.search_folded.contains(fold(text)))
    if meeting_id is not None:
        stmt = stmt.where(Document.meeting_id == meeting_id)
    return stmt


def list_documents(session: Session, **filters) -> list[DocumentRow]:
    stmt = query(**filters).order_by(Document.doc_date.desc().nulls_last(), Document.id.desc())
    return [_row(d) for d in session.scalars(stmt)]


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Document)) or 0


def get(session: Session, doc_id: int, *, full: bool = False) -> Document:
    if full:
        doc = session.scalars(
            select(Document)
            .where(Document.id == doc_id)
            .options(
                selectinload(Document.sections).selectinload(Section.blocks),
                selectinload(Document.recipients),
            )
        ).first()
    else:
        doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFoundError(
            f"Không có văn bản mã số {doc_id}. Dùng «ketluan documents list» để xem các văn bản hiện có."
        )
    return doc


def content_of(doc: Document) -> DocumentContent:
    sections = [
        domain.Section(
            number=s.number,
            heading=s.heading,
            blocks=[
                domain.Block(kind=domain.BlockKind(b.kind), text=b.text, level=b.level)
                for b in s.blocks
            ],
        )
        for s in doc.sections
    ]
    signer = None
    if doc.signer_authority or doc.signer_title or doc.signer_name:
        signer = domain.Signer(doc.signer_authority, doc.signer_title, doc.signer_name)
    return DocumentContent(
        type_code=doc.type_code,
        subject=doc.subject,
        number_symbol=doc.number_symbol,
        doc_date=doc.doc_date,
        place=doc.place,
        issuer=doc.issuer_name,
        parent_issuer=doc.parent_issuer_name,
        title=doc.title,
        is_draft=doc.status == DocumentStatus.DRAFT.value,
        draft_label=doc.draft_label,
        sections=sections,
        recipients=[r.text for r in doc.recipients],
        signer=signer,
        greeting=doc.greeting,
    )


def fill_body(doc: Document, content: DocumentContent) -> list[tuple[Block, domain.Block]]:
    """Replace the document's sections, blocks and recipients; returns stored/source block pairs."""
    doc.sections.clear()
    doc.recipients.clear()
    pairs: list[tuple[Block, domain.Block]] = []
    for si, s in enumerate(content.sections):
        section = Section(position=si, number=s.number, heading=s.heading)
        for bi, b in enumerate(s.blocks):
            block = Block(position=bi, kind=b.kind.value, level=b.level, text=b.text)
            section.blocks.append(block)
            pairs.append((block, b))
        doc.sections.append(section)
    for ri, text in enumerate(content.recipients):
        doc.recipients.append(Recipient(position=ri, text=text))
    return pairs


def create(
    session: Session,
    content: DocumentContent,
    *,
    now: datetime,
    status: DocumentStatus = DocumentStatus.DRAFT,
    meeting_id: int | None = None,
    issuer_org_id: int | None = None,
) -> Document:
    doc = Document(
        type_code=content.type_code,
        status=status.value,
        number_symbol=content.number_symbol,
        issuer_org_id=issuer_org_id,
        issuer_name=content.issuer,
        parent_issuer_name=content.parent_issuer,
        place=content.place,
        doc_date=content.doc_date,
        title=content.title,
        subject=content.subject,
        greeting=content.greeting,
        draft_label=content.draft_label,
        meeting_id=meeting_id,
        created_at=now,
        updated_at=now,
    )
    if content.signer:
        doc.signer_authority = content.signer.authority
        doc.signer_title = content.signer.title
        doc.signer_name = content.signer.name
    if content.number_symbol:
        head = content.number_symbol.split("-", 1)[0]
        doc.number = int(head) if head.isdigit() else None
        if "/" in content.number_symbol:
            doc.symbol_code = content.number_symbol.rsplit("/", 1)[1]
    fill_body(doc, content)
    session.add(doc)
    session.flush()
    audit.record(
        session,
        now=now,
        action="create",
        entity="document",
        entity_id=doc.id,
        summary=f"{content.type.name} {content.number_symbol or '(dự thảo)'}",
    )
    return doc


def ensure_editable(doc: Document) -> None:
    if doc.status != DocumentStatus.DRAFT.value:
        label = domain.DOCUMENT_STATUS_LABELS[DocumentStatus(doc.status)]
        raise DocumentStateError(
            f"Văn bản {doc.number_symbol or doc.id} đã ở trạng thái «{label}» nên không sửa được. "
            "Muốn sửa sai sót, hãy tạo văn bản thay thế (Văn bản → Tạo văn bản thay thế)."
        )


def issue(
    session: Session, doc_id: int, *, now: datetime, username: str | None = None
) -> Document:
    """Dự thảo → Ban hành: the next number, the issue date, the issuer's names of that date."""
    doc = get(session, doc_id)
    ensure_editable(doc)
    issuer_org = (
        session.get(org_service.Organisation, doc.issuer_org_id)
        if doc.issuer_org_id
        else org_service.issuing_body(session)
    )
    on = now.date()
    names = org_service.names_on(session, issuer_org, on)
    scope = numbering.scope_for(session, names, on)
    number = numbering.allocate(session, issuer_org.id, doc.type_code, scope)
    doc.issuer_org_id = issuer_org.id
    doc.number = number
    doc.symbol_code = names.symbol_code
    doc.numbering_scope = scope
    doc.number_symbol = numbering.format_number_symbol(number, doc.type_code, names.symbol_code)
    doc.doc_date = on
    doc.issuer_name = names.name
    doc.parent_issuer_name = names.parent_name
    doc.place = doc.place or names.place_name
    if scope.startswith("term:"):
        doc.term_id = int(scope.split(":", 1)[1])
    doc.status = DocumentStatus.ISSUED.value
    doc.issued_at = now
    doc.issued_by = username or audit.current_username()
    doc.updated_at = now
    doc.autosave = None
    session.flush()
    audit.record(
        session,
        now=now,
        action="issue",
        entity="document",
        entity_id=doc.id,
        summary=f"Ban hành {doc.number_symbol}",
        username=username,
    )
    return doc

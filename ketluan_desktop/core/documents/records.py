"""Documents: listing, converting between stored rows and ``DocumentContent``, the lifecycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents import approval, numbering
from ketluan_desktop.core.documents import content as domain
from ketluan_desktop.core.documents.content import DocumentContent, DocumentStatus
from ketluan_desktop.core.documents.models import Block, Document, Recipient, Section
from ketluan_desktop.core.errors import (
    DocumentStateError,
    NotFoundError,
    ValidationError,
)
from ketluan_desktop.core.org import organisations as org_service
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
    approval: str | None = None  # a draft's: None waiting, "approved", "returned"
    approval_label: str = ""  # «Chờ duyệt», «Đã duyệt», «Trả lại»; "" once issued

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "type": self.type_code,
            "number_symbol": self.number_symbol,
            "date": self.doc_date.isoformat() if self.doc_date else None,
            "subject": self.subject,
            "status": self.status,
            "approval": self.approval_label or None,
        }


def row_of(d: Document) -> DocumentRow:
    """A document as the lists show it."""
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
        approval=d.approval,
        approval_label=approval.label(d.status, d.approval),
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
        stmt = stmt.where(Document.search_folded.contains(fold(text), autoescape=True))
    if meeting_id is not None:
        stmt = stmt.where(Document.meeting_id == meeting_id)
    return stmt


def list_documents(session: Session, **filters) -> list[DocumentRow]:
    stmt = query(**filters).order_by(Document.doc_date.desc().nulls_last(), Document.id.desc())
    return [row_of(d) for d in session.scalars(stmt)]


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Document)) or 0


def years(session: Session) -> list[int]:
    """The years the documents are dated in, newest first (the list's year filter)."""
    dates = session.scalars(select(Document.doc_date).distinct())
    return sorted({d.year for d in dates if d}, reverse=True)


def first_of_type(session: Session, type_code: str) -> int | None:
    """The oldest document of this kind (the demo conclusion the screens show), if any."""
    return session.scalar(
        select(Document.id).where(Document.type_code == type_code).order_by(Document.id).limit(1)
    )


def find(session: Session, doc_id: int) -> Document | None:
    """The document ``doc_id``, None when there is none (deleted on another workstation)."""
    return session.get(Document, doc_id)


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
            f"Không có văn bản mã số {doc_id}. Có thể văn bản đã bị xóa; hãy tải lại danh sách.",
            cli_hint="Dùng «ketluan documents list» để xem các văn bản hiện có.",
        )
    return doc


def content_of(doc: Document) -> DocumentContent:
    return domain.content_from_row(doc)


def fill_body(doc: Document, content: DocumentContent) -> list[tuple[Block, domain.Block]]:
    """Replace the document's sections, blocks and recipients; returns stored/source block pairs."""
    doc.sections.clear()
    doc.recipients.clear()
    pairs: list[tuple[Block, domain.Block]] = []
    for si, s in enumerate(content.sections):
        section = Section(position=si, number=s.number, heading=s.heading)
        for bi, b in enumerate(s.blocks):
            marks = domain.clip_marks(b.marks, len(b.text))
            block = Block(
                position=bi,
                kind=b.kind.value,
                level=b.level,
                text=b.text,
                marks=[list(m) for m in marks] if marks else None,
            )
            section.blocks.append(block)
            pairs.append((block, b))
        doc.sections.append(section)
    for ri, text in enumerate(content.recipients):
        doc.recipients.append(Recipient(position=ri, text=text))
    return pairs


@requires(Permission.DRAFT_DOCUMENTS)
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


def check_ready_to_issue(doc: Document) -> None:
    """What a document must have before it takes a number, said in one message."""
    missing = []
    if not (doc.subject or "").strip() and doc.type_code != "CV":
        missing.append("trích yếu")
    if not any(b.text.strip() for s in doc.sections for b in s.blocks):
        missing.append("nội dung")
    if not (doc.signer_name or "").strip():
        missing.append("họ tên người ký")
    if not (doc.signer_authority or doc.signer_title or "").strip():
        missing.append("thẩm quyền hoặc chức vụ người ký")
    if not doc.recipients:
        missing.append("nơi nhận")
    if missing:
        raise ValidationError(
            "Chưa ban hành được: văn bản còn thiếu " + ", ".join(missing) + ". Hãy bổ sung rồi "
            "ban hành lại."
        )


@requires(Permission.ISSUE_DOCUMENTS)
def issue(
    session: Session,
    doc_id: int,
    *,
    now: datetime,
    username: str | None = None,
    expected_version: int | None = None,
    count_pages: bool = True,
) -> Document:
    """Dự thảo → Ban hành: the next number, the issue date, the issuer's names of that date.

    Run it in ``Database.write_session()``: the number is taken in the same transaction, so two
    workstations issuing at once get consecutive numbers, never the same one. The layout profile's
    numbers are frozen with the document, so it prints the same pages years later.
    """
    from ketluan_desktop.core.documents import layout_profiles

    doc = get(session, doc_id, full=True)
    ensure_editable(doc)
    from ketluan_desktop.core.db import versioning

    versioning.check_version(
        doc,
        expected_version,
        "Văn bản vừa được sửa từ nơi khác{changed} nên chưa ban hành. Hãy mở lại văn bản, xem "
        "bản mới nhất rồi ban hành.",
    )
    check_ready_to_issue(doc)
    approval.check_may_issue(session, doc, now)  # only an approved draft takes a number
    if doc.issuer_org_id:
        issuer_org = session.get(org_service.Organisation, doc.issuer_org_id)
        if issuer_org is None:
            issuer_org = org_service.issuing_body(session)
    else:
        issuer_org = org_service.issuing_body(session)
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
    doc.term_id = int(scope.split(":", 1)[1]) if scope.startswith("term:") else None
    profile_id, profile = layout_profiles.for_document(session, doc)
    doc.layout_profile_id = profile_id
    doc.layout_snapshot = profile.to_dict()
    doc.status = DocumentStatus.ISSUED.value
    doc.issued_at = now
    doc.issued_by = username or audit.current_username()
    doc.file_keeper = doc.file_keeper or names.office_name
    doc.updated_at = now
    doc.autosave = None
    doc.autosaved_at = None
    if count_pages:
        from ketluan_desktop.core.render.pdf import render_pdf

        doc.pages = render_pdf(content_of(doc), profile).page_count
    if doc.replaces_id:
        _replace(session, doc, now)
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


def _replace(session: Session, new: Document, now: datetime) -> None:
    """The corrected document takes the old one's place; key tasks keep their progress history."""
    from ketluan_desktop.core.tasks.models import Task

    old = session.get(Document, new.replaces_id)
    if old is None:
        return
    old.status = DocumentStatus.REPLACED.value
    old.updated_at = now
    old_tasks = list(
        session.scalars(select(Task).where(Task.document_id == old.id).order_by(Task.position))
    )
    new_tasks = list(
        session.scalars(select(Task).where(Task.document_id == new.id).order_by(Task.position))
    )
    for before, after in zip(old_tasks, new_tasks, strict=False):
        if not before.updates:
            continue
        # Keep the row with the history; give it the corrected text, place and details.
        before.document_id, before.section_id = new.id, after.section_id
        before.position, before.text = after.position, after.text
        before.lead_unit_id, before.deadline = after.lead_unit_id, after.deadline
        before.deadline_text, before.co_units = after.deadline_text, list(after.co_units)
        block_id = after.block_id
        session.delete(after)
        session.flush()
        before.block_id = block_id
        before.updated_at = now


def replaced_by(session: Session, doc_id: int) -> Document | None:
    """The document that replaces ``doc_id`` (issued or still a draft), if any."""
    return session.scalars(
        select(Document).where(Document.replaces_id == doc_id).order_by(Document.id.desc())
    ).first()


def mark_signed(
    session: Session, doc_id: int, *, now: datetime, username: str | None = None
) -> Document:
    """Ban hành → Đã ký: the signed original is in the file (or signed digitally)."""
    doc = get(session, doc_id)
    if doc.status != DocumentStatus.ISSUED.value:
        label = domain.DOCUMENT_STATUS_LABELS[DocumentStatus(doc.status)]
        raise DocumentStateError(
            f"Chỉ văn bản đã ban hành mới chuyển sang «Đã ký» (văn bản này đang «{label}»)."
        )
    doc.status = DocumentStatus.SIGNED.value
    doc.updated_at = now
    session.flush()
    audit.record(
        session,
        now=now,
        action="sign",
        entity="document",
        entity_id=doc.id,
        summary=f"Đã ký {doc.number_symbol}",
        username=username,
    )
    return doc


@requires(Permission.DRAFT_DOCUMENTS)
def delete_draft(
    session: Session, doc_id: int, *, now: datetime, username: str | None = None
) -> None:
    from ketluan_desktop.core.tasks.models import Task

    doc = get(session, doc_id)
    if doc.status != DocumentStatus.DRAFT.value:
        raise DocumentStateError(
            f"Văn bản {doc.number_symbol} đã ban hành nên không xóa được: sổ văn bản đi phải giữ "
            "đủ mọi số. Nếu có sai sót, hãy tạo văn bản thay thế."
        )
    for task in session.scalars(select(Task).where(Task.document_id == doc.id)):
        if task.updates:
            raise DocumentStateError(
                "Dự thảo có nhiệm vụ đã được báo cáo tiến độ nên không xóa được."
            )
        session.delete(task)
    audit.record(
        session,
        now=now,
        action="delete",
        entity="document",
        entity_id=doc.id,
        summary=f"Xóa dự thảo {doc.type_code}: {doc.subject or ''}"[:200],
        username=username,
    )
    session.delete(doc)
    session.flush()

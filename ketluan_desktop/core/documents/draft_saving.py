"""Storing drafts: rows updated in place, key tasks and citations kept in step, autosave, conflicts.

Saving compares the version the editor loaded with the stored one: a document saved meanwhile from
another workstation is reported (``ConflictError``), never overwritten. Autosave writes only the
``autosave`` column, without touching the version, so it can never cause or hide a conflict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified, set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.documents import approval
from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.content import DocumentStatus
from ketluan_desktop.core.documents.draft import (
    Draft,
    DraftBlock,
    DraftSection,
    TaskInfo,
    guess_numbering,
    new_key,
    normalise_marks,
)
from ketluan_desktop.core.documents.models import Block, Citation, Document, Recipient, Section
from ketluan_desktop.core.errors import (
    ConflictError,
    DocumentStateError,
    NotFoundError,
    ValidationError,
)
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.text import nfc


def draft_of(
    session: Session,
    doc: Document,
    tasks: list[Task] | None = None,
    *,
    approver: str | None = None,
) -> Draft:
    """The editable form of a stored document (tasks attached to their bullets; ``tasks``: the
    document's, co-units loaded, when the caller read them already; ``approver``: what the office
    calls the approving role, when the caller read it beside the document)."""
    if tasks is None:
        tasks = list(
            session.scalars(
                select(Task).where(Task.document_id == doc.id).options(selectinload(Task.co_units))
            )
        )
    by_block = {t.block_id: t for t in tasks if t.block_id is not None}
    sections = []
    for s in doc.sections:
        blocks = []
        for b in s.blocks:
            task = by_block.get(b.id)
            info = None
            if task is not None:
                info = TaskInfo(
                    lead_unit_id=task.lead_unit_id,
                    co_unit_ids=[u.id for u in task.co_units],
                    deadline=task.deadline,
                    deadline_text=task.deadline_text,
                    task_id=task.id,
                )
            blocks.append(
                DraftBlock(
                    kind=b.kind,
                    text=b.text,
                    level=b.level,
                    marks=[list(m) for m in (b.marks or [])],
                    task=info,
                    db_id=b.id,
                )
            )
        heading = s.heading if (s.heading is not None or s.number) else None
        if heading is None and s.number:
            heading = ""
        sections.append(DraftSection(heading=heading, number=s.number, blocks=blocks, db_id=s.id))
    if not sections or sections[0].heading is not None:
        sections.insert(0, DraftSection(heading=None))
    return Draft(
        type_code=doc.type_code,
        title=doc.title,
        subject=doc.subject,
        place=doc.place,
        doc_date=doc.doc_date,
        issuer=doc.issuer_name,
        parent_issuer=doc.parent_issuer_name,
        draft_label=doc.draft_label,
        greeting=doc.greeting,
        symbol_code=doc.symbol_code,
        meeting_id=doc.meeting_id,
        layout_profile_id=doc.layout_profile_id,
        numbering=guess_numbering([s.number for s in doc.sections if s.heading is not None]),
        sections=sections,
        recipients=[r.text for r in doc.recipients],
        signer_authority=doc.signer_authority,
        signer_title=doc.signer_title,
        signer_name=doc.signer_name,
        signer_person_id=doc.signer_person_id,
        doc_id=doc.id,
        version=doc.version,
        status=doc.status,
        number_symbol=doc.number_symbol,
        replaces_id=doc.replaces_id,
        approval=doc.approval,
        approval_comment=doc.approval_comment,
        approval_note=approval.describe(doc),
        approver_name=approval.approver_name(session) if approver is None else approver,
    )


def load_draft(session: Session, doc_id: int) -> Draft:
    return draft_of(session, doc_service.get(session, doc_id, full=True))


def read_draft(session: Session, doc_id: int) -> Draft:
    """A stored document to show (a reading pane), its parts read side by side on a database
    server: the document, its sections, their paragraphs, its recipients and its tasks each
    depend only on its id — one round trip instead of six. Only for reading: the parts come
    from other connections, so a write in progress in ``session`` is not seen."""
    from ketluan_desktop.core.db.gathering import gather_in

    doc, *parts, tasks = gather_in(
        session,
        lambda s: s.get(Document, doc_id),
        *part_reads(doc_id),
        lambda s: list(
            s.scalars(
                select(Task).where(Task.document_id == doc_id).options(selectinload(Task.co_units))
            )
        ),
    )
    if doc is None:
        return load_draft(session, doc_id)  # says which document is missing
    attach_parts(doc, parts)
    return draft_of(session, doc, tasks)


def part_reads(doc_id: int | ColumnElement[int]) -> list[Callable[[Session], list]]:
    """The reads of a document's sections, paragraphs and recipients, each one statement that
    depends only on its id: a number, or a SQL expression (the first document of a list read
    beside them). ``attach_parts`` puts what they found on the document."""
    return [
        lambda s: list(
            s.scalars(
                select(Section).where(Section.document_id == doc_id).order_by(Section.position)
            )
        ),
        lambda s: list(
            s.scalars(
                select(Block)
                .join(Section, Block.section_id == Section.id)
                .where(Section.document_id == doc_id)
                .order_by(Block.section_id, Block.position)
            )
        ),
        lambda s: list(
            s.scalars(
                select(Recipient)
                .where(Recipient.document_id == doc_id)
                .order_by(Recipient.position)
            )
        ),
    ]


def attach_parts(doc: Document, parts: list[list]) -> None:
    """The sections (with their paragraphs) and recipients ``part_reads`` found, on ``doc``."""
    sections, blocks, recipients = parts
    by_section: dict[int, list[Block]] = {}
    for b in blocks:
        by_section.setdefault(b.section_id, []).append(b)
    for sec in sections:
        set_committed_value(sec, "blocks", by_section.get(sec.id, []))
    set_committed_value(doc, "sections", sections)
    set_committed_value(doc, "recipients", recipients)


# ---------------------------------------------------------------------------------- saving
def _apply_header(doc: Document, draft: Draft) -> None:
    doc.type_code = draft.type_code
    doc.title = _text(draft.title)
    doc.subject = _text(draft.subject)
    doc.place = _text(draft.place)
    doc.doc_date = draft.doc_date
    doc.issuer_name = _text(draft.issuer)
    doc.parent_issuer_name = _text(draft.parent_issuer)
    doc.draft_label = _text(draft.draft_label)
    doc.greeting = _text(draft.greeting)
    doc.meeting_id = draft.meeting_id
    doc.layout_profile_id = draft.layout_profile_id
    doc.signer_authority = _text(draft.signer_authority)
    doc.signer_title = _text(draft.signer_title)
    doc.signer_name = _text(draft.signer_name)
    doc.signer_person_id = draft.signer_person_id
    doc.replaces_id = draft.replaces_id
    if doc.number_symbol is None:
        doc.symbol_code = _text(draft.symbol_code) or doc.symbol_code


def _text(value: str | None) -> str | None:
    value = nfc(value.strip()) if value else None
    return value or None


def _apply_body(session: Session, doc: Document, draft: Draft) -> None:
    """Update section and block rows in place (matched by id), add new ones, drop the rest."""
    old_sections = {s.id: s for s in doc.sections}
    old_blocks = {b.id: b for s in doc.sections for b in s.blocks}
    new_sections: list[Section] = []
    for si, ds in enumerate(draft.sections):
        row = old_sections.pop(ds.db_id, None) if ds.db_id else None
        if row is None:
            row = Section()
        row.position = si
        row.heading = _text(ds.heading) if ds.heading is not None else None
        if ds.heading is not None and row.heading is None:
            row.heading = ""
        row.number = draft.section_number(si)
        blocks: list[Block] = []
        for bi, db in enumerate(ds.blocks):
            brow = old_blocks.pop(db.db_id, None) if db.db_id else None
            if brow is None:
                brow = Block()
            brow.position = bi
            brow.kind = db.kind
            brow.level = db.level
            brow.text = nfc(db.text) or ""
            marks = normalise_marks(db.marks, len(brow.text))
            brow.marks = marks or None
            blocks.append(brow)
        row.blocks = blocks
        new_sections.append(row)
    doc.sections = new_sections
    texts = [nfc(r.strip()) or "" for r in draft.recipients if r.strip()]
    rows = list(doc.recipients)
    for i, text in enumerate(texts):
        if i < len(rows):
            rows[i].position, rows[i].text = i, text
        else:
            doc.recipients.append(Recipient(position=i, text=text))
    for extra in rows[len(texts) :]:
        doc.recipients.remove(extra)
    for leftover in old_blocks.values():  # blocks whose section survived but they did not
        if leftover.section is not None and leftover in leftover.section.blocks:
            leftover.section.blocks.remove(leftover)
    session.flush()
    # Give the draft the ids of the rows it now maps to, so the next save updates them.
    for ds, row in zip(draft.sections, new_sections, strict=True):
        ds.db_id = row.id
        for db, brow in zip(ds.blocks, row.blocks, strict=True):
            db.db_id = brow.id


def _sync_tasks(session: Session, doc: Document, draft: Draft, now: datetime) -> None:
    """A bullet marked as a key task has one Task row; its text follows the bullet's text."""
    existing = {t.id: t for t in session.scalars(select(Task).where(Task.document_id == doc.id))}
    by_block = {t.block_id: t for t in existing.values() if t.block_id is not None}
    kept: set[int] = set()
    position = 0
    for ds in draft.sections:
        for db in ds.blocks:
            if db.task is None:
                continue
            info = db.task
            task = existing.get(info.task_id) if info.task_id else None
            if task is None and db.db_id is not None:
                task = by_block.get(db.db_id)
            if task is None:
                task = Task(document_id=doc.id, text="", created_at=now)
                session.add(task)
            task.section_id = ds.db_id
            task.block_id = db.db_id
            task.position = position
            task.text = nfc(db.text.strip()) or ""
            task.lead_unit_id = info.lead_unit_id
            task.deadline = info.deadline
            task.deadline_text = _text(info.deadline_text)
            wanted = set(info.co_unit_ids)
            if {u.id for u in task.co_units} != wanted:
                task.co_units = (
                    list(session.scalars(select(Organisation).where(Organisation.id.in_(wanted))))
                    if wanted
                    else []
                )
            task.updated_at = now
            session.flush()
            info.task_id = task.id
            kept.add(task.id)
            position += 1
    for task in existing.values():
        if task.id in kept:
            continue
        if task.updates:
            raise ValidationError(
                f"Nhiệm vụ «{_short(task.text)}» đã có báo cáo tiến độ nên không bỏ được. "
                "Hãy giữ lại gạch đầu dòng đó và dấu nhiệm vụ trọng tâm, hoặc xử lý nhiệm vụ "
                "trong màn hình Nhiệm vụ trước."
            )
        session.delete(task)


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _sync_citations(session: Session, doc: Document, draft: Draft) -> None:
    from ketluan_desktop.core.documents import citations as citations_live

    found = citations_live.find_in_texts(draft.texts(), own_number=doc.number_symbol)
    counts: Counter[int] = Counter()
    for item, mentions in found:
        cited = citations_live.register(session, item)
        counts[cited.id] += mentions
    current = {c.cited_id: c for c in doc.citations}
    for cited_id, row in list(current.items()):
        if cited_id not in counts:
            doc.citations.remove(row)
    for cited_id, n in counts.items():
        row = current.get(cited_id)
        if row is None:
            doc.citations.append(Citation(cited_id=cited_id, mentions=n))
        else:
            row.mentions = n


def validate_draft(draft: Draft) -> None:
    for b in draft.blocks():
        if b.task is not None and not b.is_bullet:
            raise ValidationError(
                "Chỉ gạch đầu dòng mới đánh dấu được là nhiệm vụ trọng tâm "
                f"(đoạn «{_short(b.text)}»). Hãy chuyển đoạn đó thành gạch đầu dòng hoặc bỏ dấu."
            )
        if b.task is not None and not b.text.strip():
            raise ValidationError(
                "Có một nhiệm vụ trọng tâm chưa có nội dung. Hãy viết nội dung gạch đầu dòng "
                "hoặc bỏ dấu nhiệm vụ."
            )


def _conflict(session: Session, doc: Document) -> ConflictError:
    from ketluan_desktop.core.db import versioning

    if doc.changed_by is None:  # saved before stamps existed: the audit trail may know who
        last = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "document", AuditEntry.entity_id == doc.id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(1)
        ).first()
        if last is not None:
            doc.changed_by = last.username  # only for the message: the session rolls back
    return versioning.stale_error(
        doc,
        "Văn bản này vừa được lưu từ nơi khác{changed}. Bản bạn đang sửa chưa được ghi đè lên "
        "bản đó. Hãy chọn «Lưu thành dự thảo mới» để giữ phần của bạn, hoặc mở lại văn bản để "
        "xem bản mới nhất.",
    )


def _keep_foreign_autosave(
    session: Session, doc: Document, workstation: str | None, now: datetime
) -> None:
    """A save clears the autosave column; an autosave another workstation wrote (unsaved text of
    an editor that crashed there, say) moves to the document's history instead."""
    if workstation is None:
        return
    session.refresh(doc, ["autosave", "autosaved_at", "autosave_workstation"])  # plain UPDATEs
    if not doc.autosave or doc.autosaved_at is None:
        return
    if doc.autosave_workstation in (None, workstation):
        return
    from ketluan_desktop.core.documents.models import KeptAutosave

    session.add(
        KeptAutosave(
            document_id=doc.id,
            content=doc.autosave,
            written_at=doc.autosaved_at,
            kept_at=now,
            reason="elsewhere",
            workstation=doc.autosave_workstation,
        )
    )


@requires(Permission.DRAFT_DOCUMENTS)
def save_draft(
    session: Session,
    draft: Draft,
    *,
    now: datetime,
    username: str | None = None,
    workstation: str | None = None,
) -> Document:
    """Create (``draft.doc_id is None``) or update a draft; returns the stored row.

    The draft is updated with the ids and version it now has. ``workstation`` ("user@machine")
    is the saver: another workstation's autosave is kept in the history, not cleared.
    """
    validate_draft(draft)
    if draft.doc_id is None:
        doc = Document(
            type_code=draft.type_code,
            status=DocumentStatus.DRAFT.value,
            created_at=now,
            updated_at=now,
        )
        session.add(doc)
        action = "create"
    else:
        doc = doc_service.get(session, draft.doc_id, full=True)
        doc_service.ensure_editable(doc)
        if draft.version is not None and doc.version != draft.version:
            raise _conflict(session, doc)
        _keep_foreign_autosave(session, doc, workstation, now)
        action = "update"
    # What was approved is what gets a number: a saved change waits for approval again.
    was = approval.draft_changed(doc)
    _apply_header(doc, draft)
    if doc.issuer_org_id is None:
        try:
            from ketluan_desktop.core.org import organisations as org_service

            doc.issuer_org_id = org_service.issuing_body(session).id
        except NotFoundError:  # no issuing body yet: set at issue, which explains what is missing
            doc.issuer_org_id = None
    doc.updated_at = now
    doc.autosave = None
    doc.autosaved_at = None
    doc.autosave_workstation = None
    # Every save takes a new version, even when only sections or blocks changed: that is what
    # another workstation's editor compares with.
    flag_modified(doc, "updated_at")
    try:
        session.flush()
        _apply_body(session, doc, draft)
        _sync_tasks(session, doc, draft, now)
        _sync_citations(session, doc, draft)
        session.flush()
    except StaleDataError as exc:  # saved elsewhere between our check and our write
        raise ConflictError(
            "Văn bản này vừa được lưu từ nơi khác nên bản bạn đang sửa chưa được ghi đè lên. "
            "Hãy chọn «Lưu thành dự thảo mới» để giữ phần của bạn, hoặc mở lại văn bản."
        ) from exc
    audit.record(
        session,
        now=now,
        action=action,
        entity="document",
        entity_id=doc.id,
        summary=f"Lưu dự thảo {doc.type_code}: {_short(doc.subject or '', 80)}",
        username=username,
        changes={"approval": [was, None]} if was else None,
    )
    draft.doc_id = doc.id
    draft.version = doc.version
    draft.status = doc.status
    draft.approval, draft.approval_comment = doc.approval, doc.approval_comment
    draft.approval_note = approval.describe(doc)
    return doc


# -------------------------------------------------------------------------------- autosave
@requires(Permission.DRAFT_DOCUMENTS)
def autosave(
    session: Session, draft: Draft, *, now: datetime, workstation: str | None = None
) -> None:
    """Keep the unsaved editor state; the stored document and its version stay as they are.

    ``workstation`` ("user@machine") lets that workstation find its own autosaves after a crash
    without offering those of an editor still open elsewhere."""
    if draft.doc_id is None:
        return
    session.execute(
        update(Document)
        .where(Document.id == draft.doc_id, Document.status == DocumentStatus.DRAFT.value)
        .values(autosave=draft.to_json(), autosaved_at=now, autosave_workstation=workstation)
        .execution_options(synchronize_session=False, ketluan_silent=True)
    )


def discard_autosave(session: Session, doc_id: int) -> None:
    session.execute(
        update(Document)
        .where(Document.id == doc_id)
        .values(autosave=None, autosaved_at=None, autosave_workstation=None)
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class Recovery:
    draft: Draft
    autosaved_at: datetime
    saved_at: datetime | None


def recovery_for(session: Session, doc_id: int) -> Recovery | None:
    """The autosaved state of a draft left unsaved (after a crash), if newer than its last save."""
    doc = doc_service.get(session, doc_id)
    if not doc.autosave or doc.autosaved_at is None or doc.status != DocumentStatus.DRAFT.value:
        return None
    try:
        draft = Draft.from_json(doc.autosave)
    except (TypeError, ValueError, KeyError):
        return None
    draft.doc_id = doc.id  # the version stays the one the editor started from: a save made
    draft.status = doc.status  # elsewhere since then is reported as a conflict, not overwritten
    return Recovery(draft, doc.autosaved_at, doc.updated_at)


@requires(Permission.DRAFT_DOCUMENTS)
def copy_as_draft(
    session: Session,
    doc_id: int,
    *,
    now: datetime,
    replaces: bool = False,
    username: str | None = None,
) -> Document:
    """A new draft with the same content: a plain duplicate, or the replacement of an issued one."""
    source = doc_service.get(session, doc_id, full=True)
    if replaces:
        existing = doc_service.replaced_by(session, doc_id)
        if existing is not None and existing.status == DocumentStatus.DRAFT.value:
            return existing
        if existing is not None or source.status == DocumentStatus.REPLACED.value:
            by = existing.number_symbol if existing is not None else "khác"
            raise DocumentStateError(
                f"Văn bản {source.number_symbol} đã được thay thế bằng văn bản {by}. "
                "Hãy sửa từ văn bản mới nhất."
            )
        if source.status not in (DocumentStatus.ISSUED.value, DocumentStatus.SIGNED.value):
            raise DocumentStateError(
                "Chỉ văn bản đã ban hành (hoặc đã ký) mới cần văn bản thay thế; dự thảo thì sửa "
                "trực tiếp."
            )
    draft = draft_of(session, source)
    for section in draft.sections:
        section.key, section.db_id = new_key(), None
        for block in section.blocks:
            block.key, block.db_id = new_key(), None
            if block.task is not None:
                block.task = TaskInfo(
                    block.task.lead_unit_id,
                    list(block.task.co_unit_ids),
                    block.task.deadline,
                    block.task.deadline_text,
                )
    draft.doc_id = draft.version = draft.number_symbol = None
    draft.status = DocumentStatus.DRAFT.value
    draft.doc_date = None
    draft.replaces_id = source.id if replaces else None
    if replaces:
        draft.layout_profile_id = source.layout_profile_id
    doc = save_draft(session, draft, now=now, username=username)
    doc.issuer_org_id = source.issuer_org_id
    audit.record(
        session,
        now=now,
        action="create",
        entity="document",
        entity_id=doc.id,
        summary=(
            f"Dự thảo thay thế văn bản {source.number_symbol}"
            if replaces
            else f"Nhân bản văn bản {source.number_symbol or source.id}"
        ),
        username=username,
    )
    return doc

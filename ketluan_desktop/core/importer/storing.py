"""Storing what the importer found: meeting, document, sections, tasks, citations, figures.

One transaction for everything; the same file (by SHA-256) is never imported twice.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.content import DocumentContent, DocumentStatus
from ketluan_desktop.core.documents.models import Citation, CitedDocument, Document, DocumentFigure
from ketluan_desktop.core.errors import ConflictError
from ketluan_desktop.core.meetings.models import Meeting
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.text import fold


@dataclass
class StoredImport:
    document: Document
    meeting: Meeting | None
    tasks: list[Task]
    cited: list[CitedDocument]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_previous(session: Session, digest: str) -> Document | None:
    return session.scalars(select(Document).where(Document.source_sha256 == digest)).first()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_PERIOD = re.compile(
    r"(\d+\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}|quý\s+[IVX\d]+\s*/\s*\d{4}"
    r"|tháng\s+\d{1,2}\s*/\s*\d{4}|năm\s+\d{4})",
    re.IGNORECASE,
)
_PERIOD_AFTER = re.compile(r"\b(?:trong|đến hết|đến|cho)\s+(.+)$", re.IGNORECASE)


def deadline_from_heading(heading: str | None) -> tuple[date, str] | None:
    """The period a task section names ("…trong 6 tháng cuối năm 2024" → 31/12/2024,
    "6 tháng cuối năm 2024"), or None when its heading names none."""
    from ketluan_desktop.core.errors import ValidationError
    from ketluan_desktop.core.tasks.deadlines import parse_deadline

    if not heading:
        return None
    try:
        found = parse_deadline(heading)
    except ValidationError:
        return None
    if found.date is None:
        return None
    m = _PERIOD.search(heading) or _PERIOD_AFTER.search(heading)
    text = m[1] if m else heading
    return found.date, text.rstrip(" .:;")


def _bare_name(item: dict[str, Any]) -> str:
    name = f"{item.get('kind') or 'Văn bản'} số {item['number_symbol']}"
    day = _date(item.get("date"))
    return f"{name}, ngày {day.day:02d}/{day.month:02d}/{day.year}" if day else name


def register_cited(session: Session, item: dict[str, Any]) -> CitedDocument:
    """One row per cited document across the database; fills in a date or issuer learnt later."""
    number_symbol = item.get("number_symbol")
    if number_symbol and "/" not in number_symbol:
        # A number without a symbol ("Kế hoạch số 155, ngày 07/7/2019") does not tell one body's
        # plan 155 from another's: it is kept by its name, which carries the kind and the date.
        item = {**item, "number_symbol": None, "name": item.get("name") or _bare_name(item)}
        number_symbol = None
    row = None
    if number_symbol:
        row = session.scalars(
            select(CitedDocument).where(CitedDocument.number_symbol == number_symbol)
        ).first()
    elif item.get("name"):
        row = session.scalars(
            select(CitedDocument).where(CitedDocument.name_folded == fold(item["name"]))
        ).first()
    if row is None:
        row = CitedDocument(
            kind=item.get("kind") or "",
            number_symbol=number_symbol,
            name=item.get("name"),
            doc_date=_date(item.get("date")),
            issuer=item.get("issuer"),
        )
        session.add(row)
        session.flush()
    else:
        row.doc_date = row.doc_date or _date(item.get("date"))
        row.issuer = row.issuer or item.get("issuer")
    return row


@requires(Permission.DRAFT_DOCUMENTS)
def store(
    session: Session,
    parsed: dict[str, Any],
    content: DocumentContent,
    *,
    now: datetime,
    source_name: str | None,
    source_sha256: str | None,
    issuer_org_id: int | None = None,
    task_units: dict[int, int] | None = None,
    task_deadline: date | None = None,
    task_deadline_text: str | None = None,
    task_deadlines: dict[int, date] | None = None,
    task_deadline_texts: dict[int, str] | None = None,
) -> StoredImport:
    """``parsed`` is ``ImportResult.to_json_dict()`` (possibly corrected by the review screen).

    ``task_units`` maps the index of a task (in reading order) to its lead unit's id, and
    ``task_deadlines`` to the deadline the clerk set.
    """
    if source_sha256:
        previous = find_previous(session, source_sha256)
        if previous is not None:
            raise ConflictError(
                f"Tệp «{source_name}» đã được nhập trước đây thành văn bản "
                f"{previous.number_symbol or previous.id}. Không nhập lại để tránh trùng lặp; "
                "nếu muốn cập nhật, hãy xóa văn bản cũ hoặc sửa trực tiếp."
            )
    meeting = _store_meeting(session, parsed.get("meeting"), issuer_org_id, now)
    status = DocumentStatus.ISSUED if content.number_symbol else DocumentStatus.DRAFT
    doc = doc_service.create(
        session,
        content,
        now=now,
        status=status,
        meeting_id=meeting.id if meeting else None,
        issuer_org_id=issuer_org_id,
    )
    if status is DocumentStatus.ISSUED:
        from ketluan_desktop.core.documents import layout_profiles

        doc.issued_at = now
        doc.issued_by = audit.current_username()
        layout_profiles.freeze(session, doc)  # prints as issued, whatever the default becomes
    doc.source_filename = source_name
    doc.source_sha256 = source_sha256
    session.flush()

    choices = _TaskChoices(
        task_units or {},
        task_deadline,
        task_deadline_text,
        task_deadlines or {},
        task_deadline_texts or {},
    )
    tasks = _store_tasks(session, doc, content, parsed, choices, now)
    cited = _store_citations(session, parsed, doc, tasks)
    session.flush()
    audit.record(
        session,
        now=now,
        action="import",
        entity="document",
        entity_id=doc.id,
        summary=f"Nhập từ tệp {source_name}: {len(tasks)} nhiệm vụ, {len(cited)} văn bản được viện dẫn",
    )
    return StoredImport(doc, meeting, tasks, cited)


def _store_meeting(
    session: Session, m: dict[str, Any] | None, issuer_org_id: int | None, now: datetime
) -> Meeting | None:
    """The meeting the document records, when the importer found one."""
    if not (m and (m.get("session") or m.get("date") or m.get("body"))):
        return None
    body_full = m.get("body") or ""
    body = next(
        (b for b in ("Ban Chấp hành", "Ban Thường vụ", "Thường trực") if b in body_full),
        body_full or "Hội nghị",
    )
    meeting = Meeting(
        organisation_id=issuer_org_id,
        body=body,
        body_full=body_full or None,
        term_label=m.get("term"),
        session_number=m.get("session"),
        extended=bool(m.get("extended")),
        meeting_date=_date(m.get("date")),
        title=None if m.get("session") else body_full or None,
        created_at=now,
        updated_at=now,
    )
    session.add(meeting)
    session.flush()
    return meeting


@dataclass(frozen=True)
class _TaskChoices:
    """What the clerk chose for the tasks in the review screen, by the task's index."""

    units: dict[int, int]
    deadline: date | None
    deadline_text: str | None
    deadlines: dict[int, date]
    deadline_texts: dict[int, str]

    def deadline_of(self, pos: int, heading: str | None) -> tuple[date | None, str | None]:
        deadline, deadline_text = self.deadline, self.deadline_text
        if pos in self.deadlines or pos in self.deadline_texts:
            deadline = self.deadlines.get(pos)
            deadline_text = self.deadline_texts.get(pos)
        if deadline is None:
            deadline, deadline_text = deadline_from_heading(heading) or (None, None)
        return deadline, deadline_text


def _store_tasks(
    session: Session,
    doc: Document,
    content: DocumentContent,
    parsed: dict[str, Any],
    choices: _TaskChoices,
    now: datetime,
) -> list[Task]:
    """A Task row for each block marked as a task, in reading order."""
    tasks: list[Task] = []
    # The importer's task text is the whole task: where a section is itself the task, it carries
    # the heading as well as the block's text.
    task_texts = [t.get("text") for t in parsed.get("tasks") or []]
    pos = 0
    for section_row in doc.sections:
        for block_row in section_row.blocks:
            src = _source_block(content, section_row.position, block_row.position)
            if src is None or not src.is_task:
                continue
            deadline, deadline_text = choices.deadline_of(pos, section_row.heading)
            task = Task(
                document_id=doc.id,
                section_id=section_row.id,
                block_id=block_row.id,
                position=pos,
                text=(task_texts[pos] if pos < len(task_texts) else None) or block_row.text,
                lead_unit_id=choices.units.get(pos),
                deadline=deadline,
                deadline_text=deadline_text,
                created_at=now,
                updated_at=now,
            )
            session.add(task)
            tasks.append(task)
            pos += 1
    return tasks


def _store_citations(
    session: Session, parsed: dict[str, Any], doc: Document, tasks: list[Task]
) -> list[CitedDocument]:
    """The documents cited (linked to the tasks that name them) and the figures quoted."""
    cited: list[CitedDocument] = []
    for item in parsed.get("citations") or []:
        row = register_cited(session, item)
        if any(c.cited_id == row.id for c in doc.citations):
            continue
        doc.citations.append(Citation(cited_id=row.id))
        cited.append(row)
        if row.number_symbol:
            for task in tasks:
                if row.number_symbol in task.text:
                    task.cited.append(row)
    for f in parsed.get("figures") or []:
        doc.figures.append(DocumentFigure(kind=f["kind"], count=int(f["count"]), text=f["text"]))
    return cited


def _source_block(content: DocumentContent, section_pos: int, block_pos: int):
    try:
        return content.sections[section_pos].blocks[block_pos]
    except IndexError:
        return None


def import_file(session: Session, path: Path, *, now: datetime, issuer_org_id: int | None = None):
    from ketluan_desktop.core.importer import parse_bytes

    data = Path(path).read_bytes()
    result = parse_bytes(data, Path(path).name)
    return store(
        session,
        result.to_json_dict(),
        result.content(),
        now=now,
        source_name=Path(path).name,
        source_sha256=sha256_of(data),
        issuer_org_id=issuer_org_id,
    )

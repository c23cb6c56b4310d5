"""«Duyệt dự thảo» (issue 16): «Chuyên viên» drafts; «Lãnh đạo Văn phòng» approves the draft or
returns it with a comment; «Văn thư» numbers and issues only an approved draft.

A change saved to an approved or returned draft sends it back to waiting (``draft_changed``):
what was approved is what gets a number. Someone who may approve as well as issue (the
workstation's own account, holding every permission) approves by issuing (recorded on the document; the issue's audit entry says the rest). The rule is checked
here, in the service (``check_may_issue``, from ``records.issue``); the screens ask the same
function why a button is disabled (``issue_refusal``).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import actor_of, refusal, requires
from ketluan_desktop.core.access.permissions import DEFAULT_ROLE_NAMES, Permission, Role
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.db import versioning
from ketluan_desktop.core.documents.content import DOCUMENT_STATUS_LABELS, DocumentStatus
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import DocumentStateError, NotFoundError, ValidationError
from ketluan_desktop.core.text import clean
from ketluan_desktop.core.text.dates import format_moment


class Approval(enum.StrEnum):
    APPROVED = "approved"
    RETURNED = "returned"


WAITING = "Chờ duyệt"
APPROVAL_LABELS = {Approval.APPROVED: "Đã duyệt", Approval.RETURNED: "Trả lại"}
STALE = (
    "Dự thảo vừa được sửa từ nơi khác{changed} nên chưa {what}. Hãy mở lại văn bản, đọc bản mới "
    "nhất rồi làm lại."
)


def label(status: str, approval: str | None) -> str:
    """A draft's approval state as the list and the editor show it ("" once issued)."""
    if status != DocumentStatus.DRAFT.value:
        return ""
    if approval is None:
        return WAITING
    try:
        return APPROVAL_LABELS[Approval(approval)]
    except ValueError:
        return approval


def describe(doc: Document) -> str:
    """One line for the editor: the state, who decided, when, and a return's comment."""
    text = label(doc.status, doc.approval)
    if not text or doc.approval is None:
        return text
    when = format_moment(doc.approval_at) if doc.approval_at else ""
    who = " ".join(x for x in (doc.approval_by or "", when) if x)
    text = f"{text} ({who})" if who else text
    if doc.approval == Approval.RETURNED.value and doc.approval_comment:
        text += f": {doc.approval_comment}"
    return text


def approver_name(session: Session) -> str:
    """What the office calls the role that approves drafts (configurable)."""
    from ketluan_desktop.core.access import accounts

    return accounts.role_names(session).get(Role.CHIEF.value, DEFAULT_ROLE_NAMES[Role.CHIEF])


def _draft(session: Session, doc_id: int, what: str) -> Document:
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFoundError(f"Không còn văn bản mã {doc_id}. Hãy làm mới danh sách.")
    if doc.status != DocumentStatus.DRAFT.value:
        state = DOCUMENT_STATUS_LABELS[DocumentStatus(doc.status)]
        raise DocumentStateError(
            f"Văn bản {doc.number_symbol or doc.id} đã ở trạng thái «{state}»: chỉ {what} được "
            "dự thảo. Hãy mở đúng dự thảo cần xử lý."
        )
    return doc


def _decide(
    session: Session,
    doc: Document,
    approval: Approval,
    comment: str | None,
    now: datetime,
) -> None:
    before = doc.approval
    doc.approval = approval.value
    doc.approval_by = actor_of(session).username
    doc.approval_at = now
    doc.approval_comment = comment
    changes: dict[str, Any] = {"approval": [before, approval.value]}
    if comment:
        changes["comment"] = comment
    session.flush()
    audit.record(
        session,
        now=now,
        action="approve" if approval is Approval.APPROVED else "return",
        entity="document",
        entity_id=doc.id,
        summary=f"{'Duyệt' if approval is Approval.APPROVED else 'Trả lại'} dự thảo "
        f"«{doc.subject or doc.id}»",
        changes=changes,
    )


@requires(Permission.APPROVE_DOCUMENTS)
def approve(
    session: Session, doc_id: int, *, now: datetime, expected_version: int | None = None
) -> Document:
    """The draft as it stands may be numbered and issued."""
    doc = _draft(session, doc_id, "duyệt")
    versioning.check_version(doc, expected_version, STALE.replace("{what}", "duyệt"))
    _decide(session, doc, Approval.APPROVED, None, now)
    return doc


@requires(Permission.APPROVE_DOCUMENTS)
def return_draft(
    session: Session,
    doc_id: int,
    comment: str,
    *,
    now: datetime,
    expected_version: int | None = None,
) -> Document:
    """Back to its drafter with what to change (the comment is required)."""
    text = clean(comment or "")
    if not text:
        raise ValidationError("Hãy ghi ý kiến khi trả lại dự thảo: cần sửa gì, ở đâu.")
    doc = _draft(session, doc_id, "trả lại")
    versioning.check_version(doc, expected_version, STALE.replace("{what}", "trả lại"))
    _decide(session, doc, Approval.RETURNED, text, now)
    return doc


def draft_changed(doc: Document) -> str | None:
    """A saved change sends the draft back to waiting; the state it had, for the audit."""
    before = doc.approval
    if before is not None:
        doc.approval = None
        doc.approval_by = None
        doc.approval_at = None
        doc.approval_comment = None
    return before


def issue_refusal(session_or_db: Any, doc: Any) -> str | None:
    """Why the person working through ``session_or_db`` may not number and issue ``doc`` (a
    ``Document``, or the editor's ``Draft``: status, approval, approval_comment) now, in
    Vietnamese (the screens show it on hover); None when they may. Reads nothing from the
    database given a ``Draft`` and a ``Database``, so the UI thread may ask."""
    actor = actor_of(session_or_db)
    if not actor.can(Permission.ISSUE_DOCUMENTS):
        return refusal(actor, Permission.ISSUE_DOCUMENTS)
    if doc.status != DocumentStatus.DRAFT.value or doc.approval == Approval.APPROVED.value:
        return None
    if actor.can(Permission.APPROVE_DOCUMENTS):
        return None  # approves by issuing
    chief = getattr(doc, "approver_name", None)  # a Draft carries it (read with the draft)
    if chief is None and isinstance(session_or_db, Session):
        chief = approver_name(session_or_db)
    chief = chief or DEFAULT_ROLE_NAMES[Role.CHIEF]
    if doc.approval == Approval.RETURNED.value:
        why = f"Dự thảo đã bị «{chief}» trả lại"
        why += f" với ý kiến: «{doc.approval_comment}»" if doc.approval_comment else ""
        return (
            f"{why}. Chỉ dự thảo đã được duyệt mới được cấp số và ban hành: hãy sửa theo ý kiến "
            "rồi trình duyệt lại."
        )
    return (
        f"Dự thảo chưa được «{chief}» duyệt. Chỉ dự thảo đã được duyệt mới được cấp số và ban "
        "hành: hãy trình lãnh đạo duyệt trước."
    )


def check_may_issue(session: Session, doc: Document, now: datetime) -> None:
    """The rule at issue: refused unless approved; approved by issuing for someone who may
    approve (recorded like an approval)."""
    why = issue_refusal(session, doc)
    if why is not None:
        raise DocumentStateError(why)
    if doc.approval != Approval.APPROVED.value:  # the issue's own audit entry says it
        doc.approval = Approval.APPROVED.value
        doc.approval_by = actor_of(session).username
        doc.approval_at = now
        doc.approval_comment = None

"""Terms of the Party committee (khóa): numbering of Party documents restarts at 01 in each term."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents.models import Document, NumberSequence
from ketluan_desktop.core.errors import NotFoundError, ValidationError
from ketluan_desktop.core.meetings.models import Meeting
from ketluan_desktop.core.org import organisations as org_service
from ketluan_desktop.core.org.models import Term
from ketluan_desktop.core.text.dates import format_date

_ROMAN = re.compile(r"^[IVXLC]+$")


@dataclass(frozen=True)
class TermRow:
    id: int
    label: str
    start_date: date
    end_date: date | None
    display: str
    documents: int


def list_terms(session: Session) -> list[TermRow]:
    counts = dict(
        session.execute(
            select(Document.term_id, func.count())
            .where(Document.term_id.is_not(None))
            .group_by(Document.term_id)
        ).all()
    )
    rows = session.scalars(select(Term).order_by(Term.start_date.desc()))
    return [
        TermRow(t.id, t.label, t.start_date, t.end_date, t.display, counts.get(t.id, 0))
        for t in rows
    ]


def term_choices(session: Session) -> list[tuple[int, str]]:
    return [(t.id, t.display) for t in list_terms(session)]


def term_by_label(session: Session, typed: str) -> Term:
    """The term the user typed: «XIV», «khóa XIV»."""
    label = typed.strip().upper().removeprefix("KHÓA ").strip()
    term = session.scalars(select(Term).where(Term.label == label)).first()
    if term is None:
        raise NotFoundError(
            f"Không có khóa «{typed}». Hãy khai báo nhiệm kỳ trong Cài đặt → Nhiệm kỳ."
        )
    return term


@requires(Permission.EDIT_SETTINGS)
def save_term(
    session: Session,
    term_id: int | None,
    *,
    label: str,
    start_date: date,
    end_date: date | None,
    now: datetime,
    username: str | None = None,
) -> Term:
    label = (label or "").strip().upper().removeprefix("KHÓA ").strip()
    if not label:
        raise ValidationError("Hãy nhập khóa của nhiệm kỳ bằng số La Mã, ví dụ VIII hoặc IX.")
    if not _ROMAN.match(label):
        raise ValidationError(
            f"Khóa «{label}» không hợp lệ: hãy viết bằng số La Mã, ví dụ VIII hoặc IX."
        )
    if end_date is not None and end_date <= start_date:
        raise ValidationError(
            f"Ngày kết thúc nhiệm kỳ ({format_date(end_date)}) phải sau ngày bắt đầu "
            f"({format_date(start_date)})."
        )
    org = org_service.issuing_body(session)
    for other in session.scalars(select(Term).where(Term.organisation_id == org.id)):
        if other.id == term_id:
            continue
        if other.label == label:
            raise ValidationError(f"Đã có khóa {label}. Mỗi khóa chỉ khai báo một lần.")
        other_end = other.end_date or date.max
        this_end = end_date or date.max
        if start_date <= other_end and other.start_date <= this_end:
            raise ValidationError(
                f"Nhiệm kỳ khóa {label} trùng thời gian với {other.display} "
                f"(từ {format_date(other.start_date)}"
                + (f" đến {format_date(other.end_date)}" if other.end_date else "")
                + "). Các nhiệm kỳ không được chồng lên nhau."
            )
    if term_id is None:
        term = Term(organisation_id=org.id, label=label, start_date=start_date, end_date=end_date)
        session.add(term)
        action = "create"
    else:
        term = session.get(Term, term_id)
        if term is None:
            raise NotFoundError(f"Không có nhiệm kỳ mã số {term_id}.")
        beyond = [Document.doc_date < start_date]
        if end_date is not None:
            beyond.append(Document.doc_date > end_date)
        outside = session.scalar(
            select(func.count())
            .select_from(Document)
            .where(Document.term_id == term.id, or_(*beyond))
        )
        if outside:
            raise ValidationError(
                f"Có {outside} văn bản đã ban hành theo khóa {term.label} nằm ngoài khoảng thời gian "
                "mới. Không thể thu hẹp nhiệm kỳ như vậy."
            )
        term.label, term.start_date, term.end_date = label, start_date, end_date
        action = "update"
    session.flush()
    audit.record(
        session,
        now=now,
        action=action,
        entity="term",
        entity_id=term.id,
        summary=term.display,
        username=username,
    )
    return term


@requires(Permission.EDIT_SETTINGS)
def delete_term(
    session: Session, term_id: int, *, now: datetime, username: str | None = None
) -> None:
    term = session.get(Term, term_id)
    if term is None:
        raise NotFoundError(f"Không có nhiệm kỳ mã số {term_id}.")
    used = (
        session.scalar(
            select(func.count()).select_from(Document).where(Document.term_id == term.id)
        )
        or 0
    )
    used += (
        session.scalar(select(func.count()).select_from(Meeting).where(Meeting.term_id == term.id))
        or 0
    )
    used += (
        session.scalar(
            select(func.count())
            .select_from(NumberSequence)
            .where(NumberSequence.scope == f"term:{term.id}")
        )
        or 0
    )
    if used:
        raise ValidationError(
            f"{term.display} đã có văn bản, số văn bản hoặc hội nghị nên không xóa được; "
            "chỉ sửa được ngày kết thúc."
        )
    audit.record(
        session,
        now=now,
        action="delete",
        entity="term",
        entity_id=term.id,
        summary=term.display,
        username=username,
    )
    session.delete(term)

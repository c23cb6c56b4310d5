"""One search box over everything, without accents: "dang uy" finds "Đảng ủy"."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.models import CitedDocument, Document, Meeting, Member, Task
from ketluan_desktop.core.text import fold


@dataclass(frozen=True)
class Hit:
    area: str  # documents | meetings | tasks | members | cited
    id: int
    title: str
    detail: str


def search(session: Session, text: str, *, limit: int = 50) -> list[Hit]:
    key = fold(text)
    if len(key) < 2:
        return []
    hits: list[Hit] = []
    for d in session.scalars(
        select(Document).where(Document.search_folded.contains(key)).limit(limit)
    ):
        hits.append(Hit("documents", d.id, d.number_symbol or "(dự thảo)", d.subject or ""))
    for m in session.scalars(
        select(Meeting).where(Meeting.search_folded.contains(key)).limit(limit)
    ):
        day = m.meeting_date.strftime("%d/%m/%Y") if m.meeting_date else ""
        hits.append(Hit("meetings", m.id, m.display_name, day))
    for t in session.scalars(select(Task).where(Task.text_folded.contains(key)).limit(limit)):
        hits.append(Hit("tasks", t.id, t.text[:140], t.deadline_text or ""))
    for mb in session.scalars(
        select(Member)
        .where(Member.name_folded.contains(key))
        .order_by(Member.name_sort)
        .limit(limit)
    ):
        hits.append(Hit("members", mb.id, mb.full_name, mb.agency or ""))
    cited_stmt = select(CitedDocument).where(
        or_(
            CitedDocument.name_folded.contains(key),
            CitedDocument.number_symbol.ilike(f"%{text.strip()}%"),
        )
    )
    for c in session.scalars(cited_stmt.limit(limit)):
        title = f"{c.kind} số {c.number_symbol}" if c.number_symbol else (c.name or c.kind)
        detail = ", ".join(
            x for x in (c.doc_date.strftime("%d/%m/%Y") if c.doc_date else "", c.issuer or "") if x
        )
        hits.append(Hit("cited", c.id, title, detail))
    return hits

"""One search box over everything, without accents: "dang uy" finds "Đảng ủy"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.access.actor import can
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.documents.models import Block, CitedDocument, Document, Section
from ketluan_desktop.core.meetings.models import Meeting
from ketluan_desktop.core.members.models import Member
from ketluan_desktop.core.members.records import status_label as member_status_label
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.core.text import fold
from ketluan_desktop.core.text.dates import format_date

AREA_LABELS = {
    "documents": "Văn bản",
    "meetings": "Hội nghị",
    "tasks": "Nhiệm vụ",
    "members": "Đảng viên",
    "cited": "Văn bản được viện dẫn",
    "incoming": "Văn bản đến",
}


@dataclass(frozen=True)
class Hit:
    area: str  # documents | meetings | tasks | members | cited | incoming
    id: int
    title: str
    detail: str


def search(session: Session, text: str, *, limit: int = 50) -> list[Hit]:
    """Hits of every kind, documents first. The kinds are independent reads: on a database
    server they run side by side (``core.db.gathering``), each in a session of its own."""
    key = fold(text)
    if len(key) < 2:
        return []
    db = session.info.get("database")
    kinds = (
        lambda s: _document_hits(s, key, limit),
        lambda s: _meeting_hits(s, key, limit),
        lambda s: _task_hits(s, key, limit),
        lambda s: _member_hits(s, key, limit),
        lambda s: _cited_hits(s, key, text, limit),
        lambda s: _incoming_hits(s, text, limit),
    )
    if db is None:
        found = [kind(session) for kind in kinds]
    else:
        from ketluan_desktop.core.db.gathering import gather

        found = gather(db, *kinds)
    return [hit for hits in found for hit in hits]


def _document_hits(session: Session, key: str, limit: int) -> list[Hit]:
    """Documents whose heading matches, then those with a matching paragraph (both side by side
    on a server)."""
    headed = select(Document).where(Document.search_folded.contains(key, autoescape=True))
    reads = (
        lambda s: list(s.scalars(headed.limit(limit))),
        lambda s: _body_matches(s, key, limit),
    )
    db = session.info.get("database")
    both: list[Any]
    if db is None:
        both = [read(session) for read in reads]
    else:
        from ketluan_desktop.core.db.gathering import gather

        both = gather(db, *reads)
    documents: list[Document] = both[0]
    snippets: dict[int, str] = both[1]
    found = {d.id: d for d in documents}
    more = [i for i in snippets if i not in found][: max(0, limit - len(found))]
    if more:
        by_id = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(more)))}
        found.update((i, by_id[i]) for i in more)
    hits = []
    for d in found.values():
        title = " — ".join(x for x in (d.number_symbol or "(dự thảo)", d.subject) if x)
        day = format_date(d.doc_date)
        hits.append(Hit("documents", d.id, title, snippets.get(d.id) or day))
    return hits


def _meeting_hits(session: Session, key: str, limit: int) -> list[Hit]:
    stmt = select(Meeting).where(Meeting.search_folded.contains(key, autoescape=True))
    return [
        Hit("meetings", m.id, m.display_name, format_date(m.meeting_date))
        for m in session.scalars(stmt.limit(limit))
    ]


def _task_hits(session: Session, key: str, limit: int) -> list[Hit]:
    stmt = select(Task).where(Task.text_folded.contains(key, autoescape=True)).limit(limit)
    return [
        Hit("tasks", t.id, _short(t.text, 140), t.deadline_text or "")
        for t in session.scalars(stmt)
    ]


def _member_hits(session: Session, key: str, limit: int) -> list[Hit]:
    """Members by name. The one check for personal data (core/access/personal.py): a role with
    the permission sees where the member works; others the name, the Party organisation and the
    member's status only; a role that may not read members gets none."""
    if not can(session, Permission.READ_MEMBERS):
        return []
    shown = personal.allowed(session)
    org = aliased(Organisation)
    rows = session.execute(
        select(Member.id, Member.full_name, Member.agency, Member.status, org.name)
        .outerjoin(org, org.id == Member.organisation_id)
        .where(Member.name_folded.contains(key, autoescape=True))
        .order_by(Member.name_sort)
        .limit(limit)
    )
    out = []
    for mid, name, agency, status, org_name in rows:
        if shown:
            detail = agency or org_name or ""
        else:
            detail = " — ".join(x for x in (org_name, member_status_label(status)) if x)
        out.append(Hit("members", mid, name, detail))
    return out


def _cited_hits(session: Session, key: str, text: str, limit: int) -> list[Hit]:
    stmt = select(CitedDocument).where(
        or_(
            CitedDocument.name_folded.contains(key, autoescape=True),
            CitedDocument.number_symbol.icontains(text.strip(), autoescape=True),
        )
    )
    hits = []
    for c in session.scalars(stmt.limit(limit)):
        title = f"{c.kind} số {c.number_symbol}" if c.number_symbol else (c.name or c.kind)
        detail = ", ".join(x for x in (format_date(c.doc_date), c.issuer or "") if x)
        hits.append(Hit("cited", c.id, title, detail))
    return hits


def _incoming_hits(session: Session, text: str, limit: int) -> list[Hit]:
    from ketluan_desktop.core.documents import incoming_register

    out = []
    for r in incoming_register.listing(session, text=text)[:limit]:
        title = " — ".join(x for x in (r.number_symbol or "(không số)", r.subject) if x)
        detail = f"số đến {r.register_label}, {r.issuer or ''}".rstrip(", ")
        out.append(Hit("incoming", r.id, title, detail))
    return out


def _body_matches(session: Session, key: str, limit: int) -> dict[int, str]:
    """Document id → the first paragraph or bullet containing ``key``, cut around the match."""
    rows = session.execute(
        select(Section.document_id, Block.text, Block.text_folded)
        .join(Block, Block.section_id == Section.id)
        .where(Block.text_folded.contains(key, autoescape=True))
        .order_by(Section.document_id, Section.position, Block.position)
    )
    out: dict[int, str] = {}
    for doc_id, text, folded in rows:
        if doc_id not in out:
            out[doc_id] = snippet(text, folded, key)
            if len(out) >= limit:
                break
    return out


def snippet(text: str, folded: str, key: str, width: int = 90) -> str:
    """About ``width`` characters of ``text`` around the first match of ``key`` in ``folded``.

    Folding keeps one character per character of NFC text (only runs of spaces shrink), so the
    match's position carries over; when the lengths differ, the paragraph's start is shown."""
    at = folded.find(key) if len(folded) == len(text) else 0
    at = max(at, 0)
    start = max(0, at - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", at + len(key), end)
        end = space if space > 0 else end
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _short(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > 0 else width].rstrip(" ,;") + "…"

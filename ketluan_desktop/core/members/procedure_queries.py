"""Reading member procedures: the one-line summary, the filtered list and its counts, one procedure's
detail with its steps (personal values only for roles allowed to read them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import NotFoundError
from ketluan_desktop.core.members import member_list
from ketluan_desktop.core.members.models import Member, Procedure, ProcedureStatus
from ketluan_desktop.core.members.procedure_kinds import (
    OPEN_STATUSES,
    K,
    field_value,
    kind_label,
    next_statuses,
    spec,
    status_label,
)
from ketluan_desktop.core.members.records import fmt_date
from ketluan_desktop.core.org.models import Organisation


# ---------------------------------------------------------------------------------------------
# Listing
# ---------------------------------------------------------------------------------------------
def summary_of(p: Procedure) -> str:
    """One line describing the procedure, as the list shows it (no personal data beyond it)."""
    d = p.details or {}
    k = p.kind
    dec = f"số {p.decision_number}" if p.decision_number else ""
    if p.decision_number and p.decision_date:
        dec += f" ngày {fmt_date(p.decision_date)}"
    if k == K.POLITICAL_STANDARD.value:
        parts = [f"Mục đích: {p.reason}" if p.reason else ""]
        if d.get("result"):
            parts.append(d["result"])
        if dec:
            parts.append(f"Kết luận {dec}")
        return "; ".join(x for x in parts if x)
    if k == K.ADMISSION.value:
        parts = [f"QĐ {dec}" if dec else "Chưa có quyết định"]
        if p.ceremony_date:
            parts.append(f"lễ kết nạp {fmt_date(p.ceremony_date)}")
        elif p.decision_date:
            parts.append("chưa tổ chức lễ kết nạp")
        return "; ".join(parts)
    if k == K.OFFICIAL_MEMBERSHIP.value:
        return f"QĐ {dec}" if dec else "Chưa có quyết định"
    if k == K.BADGE.value:
        occ = d.get("occasion")
        text = f"Huy hiệu {p.badge_years} năm tuổi Đảng" if p.badge_years else "Huy hiệu Đảng"
        if occ:
            text += f" — đợt {fmt_date(date.fromisoformat(occ))}"
        if d.get("early"):
            text += " (tặng sớm)"
        return text
    if k == K.CARD_NEW.value:
        return f"Thẻ số {p.card_number}" if p.card_number else "Chưa có số thẻ"
    if k == K.CARD_REISSUE.value:
        text = f"Thẻ bị {p.reason}" if p.reason else "Cấp lại thẻ"
        if p.card_number:
            text += f"; thẻ mới số {p.card_number}"
        return text
    if k == K.TRAVEL_ABROAD.value:
        countries = ", ".join(d.get("countries") or [])
        text = countries or "Nước ngoài"
        if p.reason:
            text += f" — {p.reason}"
        if p.travel_from and p.travel_to:
            text += f"; {fmt_date(p.travel_from)}–{fmt_date(p.travel_to)}"
        if p.return_report_on:
            text += "; đã báo cáo sau chuyến đi"
        return text
    if k == K.TRANSFER.value:
        direction = (d.get("direction") or "chuyển").capitalize()
        return f"{direction}: {d.get('place') or ''}".strip()
    if k == K.DISCIPLINE.value:
        return (p.reason or "Kỷ luật").capitalize() + (f"; QĐ {dec}" if dec else "")
    return ""


class _Labels:
    """A procedure's kind and step in words (for the rows and the detail)."""

    kind: str
    status: str

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class ProcedureRow(_Labels):
    id: int
    kind: str
    member_id: int | None
    member_name: str | None
    organisation: str | None
    status: str
    received_on: date | None
    counted_on: date | None
    summary: str
    version: int


def row_from(
    p: Procedure, member_name: str | None, organisation: str | None, *, summary: str
) -> ProcedureRow:
    """A procedure as a list row, with its member's and organisation's names."""
    return ProcedureRow(
        p.id,
        p.kind,
        p.member_id,
        member_name,
        organisation,
        p.status,
        p.received_on,
        p.counted_on,
        summary,
        p.version,
    )


def row_select() -> Select:
    """What a list row is read from: the procedure, its member's name and the name of the
    member's grassroots organisation (outer joins: a procedure may have no member yet)."""
    org = aliased(Organisation)
    return (
        select(Procedure, Member.full_name, org.name)
        .outerjoin(Member, Member.id == Procedure.member_id)
        .outerjoin(org, org.id == Member.organisation_id)
    )


OPEN = "open"  # a status filter: every procedure not yet finished


def filtered(
    *,
    kind: str | None = None,
    status: str | None = None,
    text: str | None = None,
    member_id: int | None = None,
    counted_from: date | None = None,
    counted_to: date | None = None,
) -> Select:
    """``counted_from``/``counted_to``: the procedures a period's figures count (approved or
    completed, counted on a day between the two), as the overview's charts open them."""
    stmt = select(Procedure.id)
    if kind:
        stmt = stmt.where(Procedure.kind == kind)
    if counted_from is not None or counted_to is not None:
        stmt = stmt.where(
            Procedure.status.in_((ProcedureStatus.APPROVED.value, ProcedureStatus.COMPLETED.value))
        )
        if counted_from is not None:
            stmt = stmt.where(Procedure.counted_on >= counted_from)
        if counted_to is not None:
            stmt = stmt.where(Procedure.counted_on <= counted_to)
    if status == OPEN:
        stmt = stmt.where(Procedure.status.in_(OPEN_STATUSES))
    elif status:
        stmt = stmt.where(Procedure.status == status)
    if member_id is not None:
        stmt = stmt.where(Procedure.member_id == member_id)
    if text and text.strip():
        stmt = stmt.where(Procedure.member_id.in_(member_list.filtered(text=text)))
    return stmt


@requires(Permission.READ_PROCEDURES)
def list_procedures(
    session: Session, *, limit: int | None = None, offset: int = 0, **filters
) -> list[ProcedureRow]:
    """Newest first (by the order they were recorded). Roles without the personal-data
    permission get kinds and statuses, not the summary (travel, card numbers, reasons)."""
    shown = personal.allowed(session)
    ids = filtered(**filters).order_by(Procedure.id.desc()).offset(offset)
    if limit:
        ids = ids.limit(limit)
    window = ids.subquery()
    stmt = row_select().join(window, window.c.id == Procedure.id).order_by(Procedure.id.desc())
    return [
        row_from(p, name, oname, summary=summary_of(p) if shown else "")
        for p, name, oname in session.execute(stmt)
    ]


def count(session: Session, **filters) -> int:
    """How many (a number, not a record: every role's dashboard shows the open ones)."""
    return session.scalar(select(func.count()).select_from(filtered(**filters).subquery())) or 0


def row_of(session: Session, procedure_id: int, **filters) -> int | None:
    """The row number of a procedure in the list (newest first) under ``filters``."""
    ids = filtered(**filters)
    if not session.scalar(
        select(func.count()).select_from(ids.where(Procedure.id == procedure_id).subquery())
    ):
        return None
    return (
        session.scalar(
            select(func.count()).select_from(ids.where(Procedure.id > procedure_id).subquery())
        )
        or 0
    )


@dataclass(frozen=True)
class StepLine:
    status: str
    on_date: date
    at: datetime
    by_user: str | None
    note: str | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class ProcedureDetail(_Labels):
    id: int
    kind: str
    status: str
    version: int
    member_id: int | None
    member_name: str | None
    member_status: str | None
    organisation: str | None
    received_on: date | None
    counted_on: date | None
    values: dict[str, Any]
    notes: str | None
    document_id: int | None
    document_label: str | None
    steps: list[StepLine]
    summary: str

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return next_statuses(self.status)


@requires(Permission.READ_PROCEDURES)
def detail(session: Session, procedure_id: int) -> ProcedureDetail:
    p = session.scalars(
        select(Procedure).where(Procedure.id == procedure_id).options(selectinload(Procedure.steps))
    ).first()
    if p is None:
        raise NotFoundError(f"Không còn thủ tục mã {procedure_id}. Hãy làm mới danh sách.")
    member = session.get(Member, p.member_id) if p.member_id else None
    org = (
        session.get(Organisation, member.organisation_id)
        if member and member.organisation_id
        else None
    )
    doc_label = None
    if p.document_id:
        doc = session.get(Document, p.document_id)
        if doc is not None:
            doc_label = " ".join(x for x in (doc.number_symbol, fmt_date(doc.doc_date)) if x)
    ks = spec(p.kind)
    shown = personal.allowed(session)
    return ProcedureDetail(
        id=p.id,
        kind=p.kind,
        status=p.status,
        version=p.version,
        member_id=p.member_id,
        member_name=member.full_name if member else None,
        member_status=member.status if member else None,
        organisation=org.name if org else None,
        received_on=p.received_on,
        counted_on=p.counted_on,
        values={f.key: field_value(p, f.key) for f in ks.fields} if shown else {},
        notes=p.notes if shown else None,
        document_id=p.document_id,
        document_label=doc_label,
        steps=[
            StepLine(s.status, s.on_date, s.at, s.by_user, s.note if shown else None)
            for s in sorted(p.steps, key=lambda s: (s.at, s.id or 0))
        ],
        summary=summary_of(p) if shown else "",
    )

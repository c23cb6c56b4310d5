"""Member procedures: what each kind records, the steps it moves through, what it changes.

Every procedure goes Tiếp nhận → Đang xử lý → Đã duyệt / Không duyệt → Hoàn thành; each step is
dated (the day it happened, chosen by the user) and signed with who recorded it. Approving counts
the procedure in the figures of the period holding its decision's date (or the day it was
approved): a later completion does not move it to another period.

What a step changes on the member: an approved admission makes the candidate a probationary member;
the ceremony date starts the probation; an approved conversion makes a full member (counted from the
end of the 12 months, even when the decision is late); a completed card issue or reissue puts the
number on the member; a completed transfer out and an expulsion change the status.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.members import member_checks
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.models import (
    MEMBER_STATUS_LABELS,
    Member,
    MemberStatus,
    Procedure,
    ProcedureStep,
)
from ketluan_desktop.core.members.procedure_checks import (
    check_procedure,
    coerce_value,
    missing_fields,
    refuse_second_open,
    store_value,
)
from ketluan_desktop.core.members.procedure_kinds import (
    COUNTED_STATUSES,
    TRANSITIONS,
    K,
    S,
    field_value,
    kind_label,
    spec,
    status_label,
)
from ketluan_desktop.core.members.records import fmt_date
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.text import clean
from ketluan_desktop.core.workdays import add_months

_UNSET = object()


# ---------------------------------------------------------------------------------------------
# Creating, editing, moving through the steps
# ---------------------------------------------------------------------------------------------
def get(session: Session, procedure_id: int) -> Procedure:
    p = session.get(Procedure, procedure_id)
    if p is None:
        raise NotFoundError(
            f"Không còn thủ tục mã {procedure_id} (có thể đã bị xóa). Hãy làm mới danh sách."
        )
    return p


def _check_version(p: Procedure, expected_version: int | None) -> None:
    from ketluan_desktop.core.db import versioning

    versioning.check_version(
        p,
        expected_version,
        f"Thủ tục mã {p.id} vừa được người khác cập nhật{{changed}} (trên máy khác hoặc cửa sổ "
        "khác). Thay đổi của bạn chưa được lưu: hãy mở lại để xem bản mới rồi làm lại.",
    )


def _apply(p: Procedure, values: dict[str, Any]) -> list[str]:
    ks = spec(p.kind)
    changed = []
    for key, raw in values.items():
        try:
            f = ks.field(key)
        except KeyError:
            raise ValidationError(f"Thủ tục «{ks.label}» không có trường «{key}».") from None
        before = field_value(p, key)
        value = coerce_value(f, raw)
        store_value(p, f, value)
        if field_value(p, key) != before:
            changed.append(key)
    return changed


def _normalise_number(text: str | None) -> str | None:
    if not text:
        return None
    t = re.sub(r"^\s*(số|so)\s*[:.]?\s*", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", "", t) or None


def link_document(session: Session, p: Procedure) -> None:
    """Point to the approving document when the database holds one with that number and symbol."""
    number = _normalise_number(p.decision_number)
    if number != p.decision_number and number is not None:
        p.decision_number = number
    doc_id = None
    if number:
        doc_id = session.scalar(
            select(Document.id)
            .where(Document.number_symbol == number)
            .order_by(Document.id)
            .limit(1)
        )
    p.document_id = doc_id


def _recount(p: Procedure) -> None:
    if p.status in COUNTED_STATUSES:
        p.counted_on = p.decision_date or p.decided_on or p.completed_on
    else:
        p.counted_on = None


def _effects(
    session: Session, p: Procedure, member: Member, transition: str | None, old_card: str | None
) -> list[str]:
    """Apply what the procedure changes on the member; returns the member fields changed.

    Status changes happen only on the step that makes them (``transition``); dates and card numbers
    follow later corrections too, a card number only while the member still holds the old one.
    """
    changed: list[str] = []

    def put(name: str, value: Any) -> None:
        if getattr(member, name) != value:
            setattr(member, name, value)
            changed.append(name)

    approved = p.status in COUNTED_STATUSES
    if p.kind == K.ADMISSION.value and approved:
        if transition == S.APPROVED.value and member.status == MemberStatus.CANDIDATE.value:
            put("status", MemberStatus.PROBATIONARY.value)
        if p.decision_date:
            put("admission_date", p.decision_date)
        if p.ceremony_date:
            put("ceremony_date", p.ceremony_date)
    elif p.kind == K.OFFICIAL_MEMBERSHIP.value and transition == S.APPROVED.value:
        if member.status != MemberStatus.PROBATIONARY.value:
            raise ValidationError(
                "Chỉ công nhận chính thức cho đảng viên dự bị; hồ sơ này đang ở tình trạng "
                f"«{MEMBER_STATUS_LABELS[MemberStatus(member.status)]}»."
            )
        months = int(settings.get(session, "members.probation_months") or 12)
        put("status", MemberStatus.FULL.value)
        # A qualifying member is a full member from the end of the probation, even if late.
        put(
            "full_member_date",
            add_months(member.ceremony_date, months) if member.ceremony_date else p.decision_date,
        )
    elif p.kind in (K.CARD_NEW.value, K.CARD_REISSUE.value) and p.status == S.COMPLETED.value:
        if p.card_number and (transition == S.COMPLETED.value or member.card_number == old_card):
            put("card_number", p.card_number)
    elif p.kind == K.TRANSFER.value and transition == S.COMPLETED.value:
        if (p.details or {}).get("direction") == "chuyển đi":
            put("status", MemberStatus.TRANSFERRED.value)
    elif p.kind == K.DISCIPLINE.value and transition == S.APPROVED.value and p.reason == "khai trừ":
        put("status", MemberStatus.REMOVED.value)
    if changed:
        member.updated_at = p.updated_at
    return changed


def _member_for(session: Session, p: Procedure) -> Member:
    if p.member_id is None:
        raise ValidationError("Thủ tục chưa gắn với đảng viên hoặc quần chúng nào.")
    return member_service.get(session, p.member_id)


def _step(
    p: Procedure, status: str, on: date, now: datetime, username: str | None, note: str | None
):
    p.steps.append(
        ProcedureStep(
            status=status,
            on_date=on,
            at=now,
            by_user=username or audit.current_username(),
            note=clean(note) or None,
        )
    )


@requires(Permission.EDIT_MEMBERS)
def create(
    session: Session,
    kind: str,
    *,
    member_id: int | None = None,
    candidate: member_checks.MemberData | None = None,
    values: dict[str, Any] | None = None,
    received_on: date,
    note: str | None = None,
    notes: str | None = None,
    now: datetime,
    username: str | None = None,
) -> Procedure:
    """Record a procedure at «Tiếp nhận». ``candidate`` creates a not-yet-member (admission and
    political-standard checks only) in the same transaction."""
    ks = spec(kind)
    today = now.date()
    if received_on > today:
        raise ValidationError(f"Ngày tiếp nhận {fmt_date(received_on)} ở sau ngày hôm nay.")
    if candidate is not None:
        if not ks.allows_candidate:
            raise ValidationError(f"Thủ tục «{ks.label}» chỉ dành cho đảng viên đã có hồ sơ.")
        candidate.status = MemberStatus.CANDIDATE.value
        member = member_service.create(session, candidate, now=now, username=username)
    elif member_id is not None:
        member = member_service.get(session, member_id)
    else:
        raise ValidationError("Hãy chọn đảng viên (hoặc nhập quần chúng) của thủ tục.")
    if member.status not in ks.member_statuses:
        who = ", ".join(MEMBER_STATUS_LABELS[MemberStatus(s)].lower() for s in ks.member_statuses)
        raise ValidationError(
            f"Thủ tục «{ks.label}» chỉ dành cho: {who}. Hồ sơ này đang ở tình trạng "
            f"«{MEMBER_STATUS_LABELS[MemberStatus(member.status)]}»."
        )
    refuse_second_open(session, kind, member, ks)
    p = Procedure(
        kind=kind,
        member_id=member.id,
        status=S.RECEIVED.value,
        received_on=received_on,
        notes=clean(notes) or None,
        created_at=now,
        updated_at=now,
    )
    _apply(p, values or {})
    _check(session, p, member, S.RECEIVED.value, today, f"Thủ tục «{ks.label}»")
    link_document(session, p)
    _step(p, S.RECEIVED.value, received_on, now, username, note)
    session.add(p)
    member_service.flush(session)
    _audit(
        session,
        p.id,
        now=now,
        action="create",
        summary=f"Tiếp nhận thủ tục mã {p.id} ({ks.label}) của hồ sơ mã {member.id}",
        username=username,
    )
    return p


@requires(Permission.EDIT_MEMBERS)
def update(
    session: Session,
    procedure_id: int,
    values: dict[str, Any],
    *,
    expected_version: int | None,
    now: datetime,
    notes: str | object | None = _UNSET,
    username: str | None = None,
) -> Procedure:
    """Edit the kind's fields at any step; fields the current step needs must stay filled."""
    p = get(session, procedure_id)
    _check_version(p, expected_version)
    ks = spec(p.kind)
    member = _member_for(session, p)
    old_card = p.card_number
    changed = _apply(p, values)
    if notes is not _UNSET:
        new_notes = clean(notes) or None  # type: ignore[arg-type]
        if new_notes != p.notes:
            p.notes = new_notes
            changed.append("notes")
    if not changed:
        return p
    _check(session, p, member, p.status, now.date(), f"Ở bước «{status_label(p.status)}», thủ tục")
    member_changes = _settle(session, p, member, now, None, old_card)
    member_service.flush(session)
    _audit(
        session,
        p.id,
        now=now,
        action="update",
        summary=f"Sửa thủ tục mã {p.id} ({ks.label})",
        changes={"fields": changed, "member_fields": member_changes},
        username=username,
    )
    return p


@requires(Permission.EDIT_MEMBERS)
def advance(
    session: Session,
    procedure_id: int,
    to_status: str,
    *,
    on_date: date,
    values: dict[str, Any] | None = None,
    note: str | None = None,
    expected_version: int | None,
    now: datetime,
    username: str | None = None,
) -> Procedure:
    """Move to the next step, dated ``on_date``, with the values that step needs."""
    p = get(session, procedure_id)
    _check_version(p, expected_version)
    ks = spec(p.kind)
    if to_status not in TRANSITIONS.get(p.status, ()):
        allowed = ", ".join(f"«{status_label(s)}»" for s in TRANSITIONS.get(p.status, ()))
        raise ValidationError(
            f"Thủ tục đang ở bước «{status_label(p.status)}» không chuyển sang "
            f"«{status_label(to_status)}» được"
            + (f"; bước tiếp theo: {allowed}." if allowed else "; thủ tục đã kết thúc.")
        )
    today = now.date()
    if on_date > today:
        raise ValidationError(
            f"Ngày {fmt_date(on_date)} của bước «{status_label(to_status)}» ở sau hôm nay."
        )
    last = max((s.on_date for s in p.steps), default=None)
    if last is not None and on_date < last:
        raise ValidationError(
            f"Ngày {fmt_date(on_date)} trước ngày của bước trước ({fmt_date(last)}): các bước phải theo thứ tự."
        )
    member = _member_for(session, p)
    old_card = p.card_number
    _apply(p, values or {})
    p.status = to_status
    _check(
        session, p, member, to_status, today, f"Để chuyển sang «{status_label(to_status)}», thủ tục"
    )
    if to_status in (S.APPROVED.value, S.REJECTED.value):
        p.decided_on = on_date
    if to_status == S.COMPLETED.value:
        p.completed_on = on_date
    member_changes = _settle(session, p, member, now, to_status, old_card)
    _step(p, to_status, on_date, now, username, note)
    member_service.flush(session)
    _audit(
        session,
        p.id,
        now=now,
        action="update",
        summary=f"Thủ tục mã {p.id} ({ks.label}): chuyển sang «{status_label(to_status)}»",
        changes={"status": to_status, "member_fields": member_changes},
        username=username,
    )
    return p


@requires(Permission.EDIT_MEMBERS)
def delete(
    session: Session,
    procedure_id: int,
    *,
    expected_version: int | None,
    now: datetime,
    username: str | None = None,
) -> None:
    p = get(session, procedure_id)
    _check_version(p, expected_version)
    if p.status not in (S.RECEIVED.value, S.PROCESSING.value):
        raise ConflictError(
            f"Thủ tục đã ở bước «{status_label(p.status)}» nên không xóa được: nó đã được tính vào "
            "số liệu hoặc đã có quyết định. Nếu ghi nhầm, hãy sửa lại các trường của thủ tục."
        )
    session.delete(p)
    member_service.flush(session)
    _audit(
        session,
        procedure_id,
        now=now,
        action="delete",
        summary=f"Xóa thủ tục mã {procedure_id} ({kind_label(p.kind)})",
        username=username,
    )


def _check(
    session: Session, p: Procedure, member: Member, status: str, today: date, what: str
) -> None:
    """The fields ``status`` needs (``what`` names the procedure at that step in the message),
    then the checks across fields and against the member; raises ValidationError."""
    missing = missing_fields(p, spec(p.kind), status)
    if missing:
        raise ValidationError(f"{what} cần có: {', '.join(missing)}.")
    check_procedure(session, p, member, today)


def _settle(
    session: Session,
    p: Procedure,
    member: Member,
    now: datetime,
    transition: str | None,
    old_card: str | None,
):
    """What a checked change brings with it: the decision's document linked, the day the
    figures count it, the member's record updated (``transition``: the step moved to, None for
    an edit); the member's changed fields."""
    link_document(session, p)
    p.updated_at = now
    _recount(p)
    return _effects(session, p, member, transition, old_card)


def _audit(session: Session, procedure_id: int, **entry) -> None:
    """A line of the audit trail about the procedure ``procedure_id``."""
    audit.record(session, entity="procedure", entity_id=procedure_id, **entry)

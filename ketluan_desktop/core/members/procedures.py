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
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.models import (
    MEMBER_STATUS_LABELS,
    PROCEDURE_KIND_LABELS,
    PROCEDURE_STATUS_LABELS,
    Member,
    MemberStatus,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    ProcedureStep,
)
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.text import clean, fold
from ketluan_desktop.core.text import dates as office_dates
from ketluan_desktop.core.workdays import add_months

K = ProcedureKind
S = ProcedureStatus

BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
AWARD_OCCASIONS = ("03/02", "19/05", "02/09", "07/11")  # dd/mm: 3/2, 19/5, 2/9, 7/11
TRAVEL_PURPOSES = ("tham quan", "học tập", "công tác", "việc riêng", "thăm thân", "chữa bệnh")
REISSUE_REASONS = ("mất", "hư hỏng")
DISCIPLINE_MEASURES = ("khiển trách", "cảnh cáo", "cách chức", "khai trừ")
STANDARD_PURPOSES = (
    "kết nạp đảng",
    "bổ nhiệm",
    "bổ nhiệm lại",
    "quy hoạch",
    "luân chuyển",
    "cử đi học",
    "đi nước ngoài",
    "khen thưởng",
)
STANDARD_RESULTS = ("Đủ tiêu chuẩn chính trị", "Chưa đủ tiêu chuẩn chính trị")
TRANSFER_DIRECTIONS = ("chuyển đi", "chuyển đến")

_UNSET = object()
OPEN_STATUSES = (S.RECEIVED.value, S.PROCESSING.value, S.APPROVED.value)
COUNTED_STATUSES = (S.APPROVED.value, S.COMPLETED.value)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.RECEIVED.value: (S.PROCESSING.value,),
    S.PROCESSING.value: (S.APPROVED.value, S.REJECTED.value),
    S.APPROVED.value: (S.COMPLETED.value,),
    S.REJECTED.value: (),
    S.COMPLETED.value: (),
}
_ORDER = {
    S.RECEIVED.value: 0,
    S.PROCESSING.value: 1,
    S.APPROVED.value: 2,
    S.REJECTED.value: 2,
    S.COMPLETED.value: 3,
}


def kind_label(kind: str) -> str:
    return PROCEDURE_KIND_LABELS[ProcedureKind(kind)]


def status_label(status: str) -> str:
    return PROCEDURE_STATUS_LABELS[ProcedureStatus(status)]


# ---------------------------------------------------------------------------------------------
# What each kind records
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldSpec:
    key: str  # a Procedure column, or "details.<name>"
    label: str
    type: str  # text | longtext | date | choice | years | bool | countries
    choices: tuple[Any, ...] = ()
    free: bool = False  # a choice that also takes other text
    required_at: str | None = None  # the status from which the value is needed
    hint: str | None = None
    step: str | None = None  # the step whose dialog asks for it (default: ``required_at``)

    @property
    def asked_at(self) -> str | None:
        return self.step or self.required_at


@dataclass(frozen=True)
class KindSpec:
    kind: str
    fields: tuple[FieldSpec, ...]
    member_statuses: tuple[str, ...]  # who the procedure can be for
    allows_candidate: bool = False  # may be opened for a candidate not yet in the list

    @property
    def label(self) -> str:
        return kind_label(self.kind)

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


_R, _A, _C = S.RECEIVED.value, S.APPROVED.value, S.COMPLETED.value
_MEMBERS = (MemberStatus.PROBATIONARY.value, MemberStatus.FULL.value)


def _decision(
    label: str = "Số quyết định",
    date_label: str = "Ngày quyết định",
    at: str | None = _A,
    step: str | None = None,
):
    return (
        FieldSpec(
            "decision_number", label, "text", required_at=at, hint="Ví dụ: 125-QĐ/ĐUK", step=step
        ),
        FieldSpec("decision_date", date_label, "date", required_at=at, step=step),
    )


KINDS: dict[str, KindSpec] = {
    K.POLITICAL_STANDARD.value: KindSpec(
        K.POLITICAL_STANDARD.value,
        (
            FieldSpec("reason", "Mục đích", "choice", STANDARD_PURPOSES, free=True, required_at=_R),
            FieldSpec("details.result", "Kết quả", "choice", STANDARD_RESULTS, required_at=_A),
            *_decision("Số văn bản kết luận", "Ngày văn bản kết luận"),
        ),
        (MemberStatus.CANDIDATE.value, *_MEMBERS),
        allows_candidate=True,
    ),
    K.ADMISSION.value: KindSpec(
        K.ADMISSION.value,
        (
            *_decision("Số quyết định kết nạp", "Ngày ký quyết định kết nạp"),
            FieldSpec(
                "ceremony_date",
                "Ngày tổ chức lễ kết nạp",
                "date",
                required_at=_C,
                hint="Lễ kết nạp bắt đầu 12 tháng dự bị; tổ chức trong 30 ngày làm việc từ ngày quyết định.",
            ),
        ),
        (MemberStatus.CANDIDATE.value,),
        allows_candidate=True,
    ),
    K.OFFICIAL_MEMBERSHIP.value: KindSpec(
        K.OFFICIAL_MEMBERSHIP.value,
        _decision("Số quyết định công nhận đảng viên chính thức", "Ngày quyết định"),
        (MemberStatus.PROBATIONARY.value,),
    ),
    K.BADGE.value: KindSpec(
        K.BADGE.value,
        (
            FieldSpec(
                "badge_years", "Huy hiệu (năm tuổi Đảng)", "years", BADGE_YEARS, required_at=_R
            ),
            FieldSpec(
                "details.occasion",
                "Đợt trao tặng",
                "date",
                required_at=_R,
                hint="Ngày 3/2, 19/5, 2/9 hoặc 7/11.",
            ),
            FieldSpec(
                "details.early",
                "Tặng sớm (đảng viên ốm đau nặng)",
                "bool",
                hint="Được tặng sớm tối đa 12 tháng (24 tháng với huy hiệu từ 70 năm).",
            ),
            *_decision(at=_C),
        ),
        _MEMBERS,
    ),
    K.CARD_NEW.value: KindSpec(
        K.CARD_NEW.value,
        (
            FieldSpec("card_number", "Số thẻ đảng viên", "text", required_at=_C),
            FieldSpec("details.issued_on", "Ngày cấp thẻ", "date", required_at=_C),
        ),
        (MemberStatus.FULL.value,),
    ),
    K.CARD_REISSUE.value: KindSpec(
        K.CARD_REISSUE.value,
        (
            FieldSpec("reason", "Lý do cấp lại", "choice", REISSUE_REASONS, required_at=_R),
            FieldSpec("details.reported_on", "Ngày báo mất/hỏng thẻ", "date", required_at=_R),
            *_decision("Số quyết định cấp lại", "Ngày quyết định", at=None, step=_A),
            FieldSpec("card_number", "Số thẻ mới", "text", required_at=_C),
            FieldSpec("details.issued_on", "Ngày cấp thẻ mới", "date", required_at=_C),
        ),
        (MemberStatus.FULL.value,),
    ),
    K.TRAVEL_ABROAD.value: KindSpec(
        K.TRAVEL_ABROAD.value,
        (
            FieldSpec(
                "details.countries",
                "Nước đến",
                "countries",
                required_at=_R,
                hint="Nhiều nước thì ngăn cách bằng dấu phẩy.",
            ),
            FieldSpec("reason", "Mục đích", "choice", TRAVEL_PURPOSES, required_at=_R),
            FieldSpec("travel_from", "Ngày đi", "date", required_at=_R),
            FieldSpec("travel_to", "Ngày về", "date", required_at=_R),
            *_decision("Văn bản đồng ý (số)", "Ngày văn bản đồng ý"),
            FieldSpec(
                "return_report_on",
                "Ngày nhận báo cáo sau chuyến đi",
                "date",
                required_at=_C,
                hint="Chuyến đi hoàn thành khi đã nhận báo cáo sau chuyến đi.",
            ),
        ),
        _MEMBERS,
    ),
    K.TRANSFER.value: KindSpec(
        K.TRANSFER.value,
        (
            FieldSpec("details.direction", "Chuyển", "choice", TRANSFER_DIRECTIONS, required_at=_R),
            FieldSpec("details.place", "Nơi chuyển đi / chuyển đến", "text", required_at=_R),
            *_decision("Số giấy giới thiệu sinh hoạt đảng", "Ngày giấy giới thiệu", at=_C),
        ),
        _MEMBERS,
    ),
    K.DISCIPLINE.value: KindSpec(
        K.DISCIPLINE.value,
        (
            FieldSpec("reason", "Hình thức kỷ luật", "choice", DISCIPLINE_MEASURES, required_at=_R),
            FieldSpec("details.violation", "Nội dung vi phạm", "longtext"),
            *_decision("Số quyết định kỷ luật", "Ngày quyết định"),
        ),
        _MEMBERS,
    ),
}


def spec(kind: str) -> KindSpec:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValidationError(f"Không có loại thủ tục «{kind}».") from None


def get_value(p: Procedure, key: str) -> Any:
    if key.startswith("details."):
        v = (p.details or {}).get(key.split(".", 1)[1])
        return v
    return getattr(p, key)


def value_as(f: FieldSpec, raw: Any) -> Any:
    """A stored value in the Python type of its field (details keep dates as ISO text)."""
    if raw is None:
        return None
    if f.type == "date" and isinstance(raw, str):
        return date.fromisoformat(raw)
    return raw


def field_value(p: Procedure, key: str) -> Any:
    return value_as(spec(p.kind).field(key), get_value(p, key))


def _coerce(f: FieldSpec, raw: Any) -> Any:
    """The value checked against its field's type; raises ValidationError with the field's label."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return False if f.type == "bool" else None
    if f.type in ("text", "longtext"):
        return clean(str(raw)) if f.type == "text" else str(raw).strip()
    if f.type == "date":
        if isinstance(raw, datetime):
            raw = raw.date()
        if isinstance(raw, str):  # typed: 25/11/2026, 5/7/24, or stored ISO text
            raw = office_dates.parse_date(raw, what=f.label)
        if not isinstance(raw, date):
            raise ValidationError(f"{f.label}: «{raw}» không phải là ngày.")
        return raw
    if f.type == "bool":
        return bool(raw)
    if f.type == "years":
        try:
            years = int(raw)
        except (TypeError, ValueError):
            raise ValidationError(f"{f.label}: «{raw}» không phải là số năm.") from None
        if years not in f.choices:
            allowed = ", ".join(str(c) for c in f.choices)
            raise ValidationError(f"Huy hiệu {years} năm không có: chỉ có {allowed} năm tuổi Đảng.")
        return years
    if f.type == "choice":
        text = clean(str(raw)) or ""
        for c in f.choices:
            if fold(c) == fold(text):
                return c
        if f.free:
            return text
        allowed = ", ".join(f"«{c}»" for c in f.choices)
        raise ValidationError(f"{f.label}: «{text}» không hợp lệ. Chọn một trong {allowed}.")
    if f.type == "countries":
        items = raw if isinstance(raw, (list, tuple)) else re.split(r"[,;]", str(raw))
        out = [clean(str(x)) for x in items if clean(str(x))]
        return out or None
    raise AssertionError(f.type)


def _set(p: Procedure, f: FieldSpec, value: Any) -> None:
    if f.key.startswith("details."):
        name = f.key.split(".", 1)[1]
        details = dict(p.details or {})
        stored = value.isoformat() if isinstance(value, date) else value
        if stored in (None, False, [], ""):
            details.pop(name, None)
        else:
            details[name] = stored
        p.details = details or None
    else:
        setattr(p, f.key, value)


def _missing(p: Procedure, ks: KindSpec, status: str) -> list[str]:
    """Labels of the fields the status needs and the procedure lacks."""
    rank = _ORDER[status]
    out = []
    for f in ks.fields:
        if f.required_at is None or f.type == "bool":
            continue
        if status == S.REJECTED.value and f.required_at != _R:
            continue
        if _ORDER[f.required_at] <= rank and get_value(p, f.key) in (None, "", []):
            out.append(f.label)
    return out


# ---------------------------------------------------------------------------------------------
# Rule settings the checks need
# ---------------------------------------------------------------------------------------------
def award_occasions(session: Session) -> tuple[tuple[int, int], ...]:
    """(month, day) of the award occasions, in calendar order."""
    raw = settings.get(session, "members.award_occasions") or AWARD_OCCASIONS
    out = []
    for item in raw:
        d, m = (int(x) for x in str(item).split("/"))
        out.append((m, d))
    return tuple(sorted(out))


def badge_milestones(session: Session) -> tuple[int, ...]:
    raw = settings.get(session, "members.badge_milestones") or BADGE_YEARS
    return tuple(sorted(int(x) for x in raw))


def early_months(session: Session, years: int) -> int:
    """How many months early a seriously ill member may get the ``years`` badge."""
    months = int(settings.get(session, "members.badge_early_months") or 12)
    long_from = int(settings.get(session, "members.badge_early_long_from_years") or 70)
    long_months = int(settings.get(session, "members.badge_early_long_months") or 24)
    return long_months if years >= long_from else months


# ---------------------------------------------------------------------------------------------
# Checks that read several fields (and the member)
# ---------------------------------------------------------------------------------------------
def _fmt(d: date | None) -> str:
    return member_service.fmt_date(d)


def _check(session: Session, p: Procedure, member: Member, today: date) -> None:
    problems: list[str] = []
    ks = spec(p.kind)
    for f in ks.fields:
        if f.type == "date":
            v = field_value(p, f.key)
            if (
                v is not None
                and v > today
                and f.key not in ("travel_from", "travel_to", "details.occasion")
            ):
                problems.append(f"{f.label} {_fmt(v)} ở sau ngày hôm nay.")
    if p.kind == K.TRAVEL_ABROAD.value:
        if p.travel_from and p.travel_to and p.travel_to < p.travel_from:
            problems.append(f"Ngày về {_fmt(p.travel_to)} trước ngày đi {_fmt(p.travel_from)}.")
        if p.return_report_on and p.travel_to and p.return_report_on < p.travel_to:
            problems.append(
                f"Ngày nhận báo cáo {_fmt(p.return_report_on)} trước ngày về {_fmt(p.travel_to)}."
            )
    if (
        p.kind == K.ADMISSION.value
        and p.ceremony_date
        and p.decision_date
        and p.ceremony_date < p.decision_date
    ):
        problems.append(
            f"Lễ kết nạp {_fmt(p.ceremony_date)} trước ngày quyết định {_fmt(p.decision_date)}."
        )
    if (
        p.kind == K.ADMISSION.value
        and p.decision_date
        and member.birth_date
        and add_months(member.birth_date, 12 * member_service.ADMISSION_AGE_MIN) > p.decision_date
    ):
        problems.append(
            f"Ngày quyết định kết nạp {_fmt(p.decision_date)}: người được kết nạp chưa đủ 18 tuổi."
        )
    if p.kind == K.CARD_REISSUE.value:
        reported = field_value(p, "details.reported_on")
        issued = field_value(p, "details.issued_on")
        if reported and issued and issued < reported:
            problems.append(
                f"Ngày cấp thẻ mới {_fmt(issued)} trước ngày báo mất/hỏng {_fmt(reported)}."
            )
    if p.kind in (K.CARD_NEW.value, K.CARD_REISSUE.value) and p.card_number:
        card = p.card_number = p.card_number.replace(" ", "")
        other = session.scalar(
            select(Member.id).where(Member.card_number == p.card_number, Member.id != member.id)
        )
        if other is not None:
            problems.append(
                f"Số thẻ {p.card_number} đã là của một đảng viên khác (mã hồ sơ {other})."
            )
        pattern = member_service.card_pattern(session)
        if pattern and not _matches(pattern, card):
            problems.append(f"Số thẻ «{p.card_number}» không đúng mẫu {pattern}.")
    if p.kind == K.BADGE.value and p.badge_years:
        problems += _badge_problems(session, p, member, p.badge_years)
    if problems:
        raise ValidationError("Chưa lưu được thủ tục:\n" + "\n".join(f"- {m}" for m in problems))


def _refuse_second_open(session: Session, kind: str, member: Member, ks: KindSpec) -> None:
    """One open admission, conversion, card or transfer procedure per person at a time."""
    if kind in (
        K.ADMISSION.value,
        K.OFFICIAL_MEMBERSHIP.value,
        K.CARD_NEW.value,
        K.CARD_REISSUE.value,
        K.TRANSFER.value,
    ):
        open_id = session.scalar(
            select(Procedure.id).where(
                Procedure.member_id == member.id,
                Procedure.kind == kind,
                Procedure.status.in_(OPEN_STATUSES),
            )
        )
        if open_id is not None:
            raise ConflictError(
                f"Đồng chí này đã có thủ tục «{ks.label}» đang giải quyết (mã {open_id}). "
                "Hãy tiếp tục thủ tục đó thay vì mở thủ tục mới."
            )


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.fullmatch(pattern, text) is not None
    except re.error:
        return True


def _badge_problems(session: Session, p: Procedure, member: Member, years: int) -> list[str]:
    out = []
    occasion = field_value(p, "details.occasion")
    if p.badge_years not in badge_milestones(session):
        out.append(f"Huy hiệu {p.badge_years} năm không có trong các mốc đã cài đặt.")
    if occasion is not None and (occasion.month, occasion.day) not in award_occasions(session):
        days = ", ".join(f"{d}/{m}" for m, d in award_occasions(session))
        out.append(f"Đợt trao {_fmt(occasion)} không phải ngày trao Huy hiệu Đảng ({days}).")
    start = member_service.party_start(member)
    if start is None:
        out.append("Hồ sơ đảng viên chưa có ngày vào Đảng nên chưa tính được tuổi Đảng.")
    elif occasion is not None:
        periods = [(a.start_date, a.end_date) for a in member.absences]
        eff = member_service.effective_start(start, periods, occasion)
        reach = add_months(eff, 12 * years)
        allowed = occasion
        if (p.details or {}).get("early"):
            if not member.seriously_ill:
                out.append(
                    "Chỉ tặng sớm cho đảng viên ốm đau nặng: hãy đánh dấu «ốm đau nặng» trong hồ sơ "
                    "trước."
                )
            allowed = add_months(occasion, early_months(session, years))
        if reach > allowed:
            out.append(
                f"Đến đợt {_fmt(occasion)} đồng chí chưa đủ {p.badge_years} năm tuổi Đảng "
                f"(đủ vào ngày {_fmt(reach)})."
            )
    dup = session.scalar(
        select(Procedure.id).where(
            Procedure.kind == K.BADGE.value,
            Procedure.member_id == member.id,
            Procedure.badge_years == p.badge_years,
            Procedure.status != S.REJECTED.value,
            Procedure.id != (p.id or -1),
        )
    )
    if dup is not None:
        out.append(f"Đã có thủ tục Huy hiệu {p.badge_years} năm cho đồng chí này (mã {dup}).")
    return out


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
        value = _coerce(f, raw)
        _set(p, f, value)
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
    candidate: member_service.MemberData | None = None,
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
        raise ValidationError(f"Ngày tiếp nhận {_fmt(received_on)} ở sau ngày hôm nay.")
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
    _refuse_second_open(session, kind, member, ks)
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
    missing = _missing(p, ks, S.RECEIVED.value)
    if missing:
        raise ValidationError(f"Thủ tục «{ks.label}» cần có: {', '.join(missing)}.")
    _check(session, p, member, today)
    link_document(session, p)
    _step(p, S.RECEIVED.value, received_on, now, username, note)
    session.add(p)
    member_service.flush(session)
    audit.record(
        session,
        now=now,
        action="create",
        entity="procedure",
        entity_id=p.id,
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
    missing = _missing(p, ks, p.status)
    if missing:
        raise ValidationError(
            f"Ở bước «{status_label(p.status)}», thủ tục cần có: {', '.join(missing)}."
        )
    _check(session, p, member, now.date())
    link_document(session, p)
    p.updated_at = now
    _recount(p)
    member_changes = _effects(session, p, member, None, old_card)
    member_service.flush(session)
    audit.record(
        session,
        now=now,
        action="update",
        entity="procedure",
        entity_id=p.id,
        summary=f"Sửa thủ tục mã {p.id} ({ks.label})",
        changes={"fields": changed, "member_fields": member_changes},
        username=username,
    )
    return p


def next_statuses(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


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
            f"Ngày {_fmt(on_date)} của bước «{status_label(to_status)}» ở sau hôm nay."
        )
    last = max((s.on_date for s in p.steps), default=None)
    if last is not None and on_date < last:
        raise ValidationError(
            f"Ngày {_fmt(on_date)} trước ngày của bước trước ({_fmt(last)}): các bước phải theo thứ tự."
        )
    member = _member_for(session, p)
    old_card = p.card_number
    _apply(p, values or {})
    p.status = to_status
    missing = _missing(p, ks, to_status)
    if missing:
        raise ValidationError(
            f"Để chuyển sang «{status_label(to_status)}», thủ tục cần có: {', '.join(missing)}."
        )
    _check(session, p, member, today)
    if to_status in (S.APPROVED.value, S.REJECTED.value):
        p.decided_on = on_date
    if to_status == S.COMPLETED.value:
        p.completed_on = on_date
    p.updated_at = now
    link_document(session, p)
    _recount(p)
    member_changes = _effects(session, p, member, to_status, old_card)
    _step(p, to_status, on_date, now, username, note)
    member_service.flush(session)
    audit.record(
        session,
        now=now,
        action="update",
        entity="procedure",
        entity_id=p.id,
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
    audit.record(
        session,
        now=now,
        action="delete",
        entity="procedure",
        entity_id=procedure_id,
        summary=f"Xóa thủ tục mã {procedure_id} ({kind_label(p.kind)})",
        username=username,
    )


# ---------------------------------------------------------------------------------------------
# Listing
# ---------------------------------------------------------------------------------------------
def summary_of(p: Procedure) -> str:
    """One line describing the procedure, as the list shows it (no personal data beyond it)."""
    d = p.details or {}
    k = p.kind
    dec = f"số {p.decision_number}" if p.decision_number else ""
    if p.decision_number and p.decision_date:
        dec += f" ngày {_fmt(p.decision_date)}"
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
            parts.append(f"lễ kết nạp {_fmt(p.ceremony_date)}")
        elif p.decision_date:
            parts.append("chưa tổ chức lễ kết nạp")
        return "; ".join(parts)
    if k == K.OFFICIAL_MEMBERSHIP.value:
        return f"QĐ {dec}" if dec else "Chưa có quyết định"
    if k == K.BADGE.value:
        occ = d.get("occasion")
        text = f"Huy hiệu {p.badge_years} năm tuổi Đảng" if p.badge_years else "Huy hiệu Đảng"
        if occ:
            text += f" — đợt {_fmt(date.fromisoformat(occ))}"
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
            text += f"; {_fmt(p.travel_from)}–{_fmt(p.travel_to)}"
        if p.return_report_on:
            text += "; đã báo cáo sau chuyến đi"
        return text
    if k == K.TRANSFER.value:
        direction = (d.get("direction") or "chuyển").capitalize()
        return f"{direction}: {d.get('place') or ''}".strip()
    if k == K.DISCIPLINE.value:
        return (p.reason or "Kỷ luật").capitalize() + (f"; QĐ {dec}" if dec else "")
    return ""


@dataclass(frozen=True)
class ProcedureRow:
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

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def status_label(self) -> str:
        return status_label(self.status)


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
            Procedure.status.in_(
                (ProcedureStatus.APPROVED.value, ProcedureStatus.COMPLETED.value)
            )
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
        stmt = stmt.where(Procedure.member_id.in_(member_service.filtered(text=text)))
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
    org = aliased(Organisation)
    stmt = (
        select(Procedure, Member.full_name, org.name)
        .join(window, window.c.id == Procedure.id)
        .outerjoin(Member, Member.id == Procedure.member_id)
        .outerjoin(org, org.id == Member.organisation_id)
        .order_by(Procedure.id.desc())
    )
    return [
        ProcedureRow(
            p.id,
            p.kind,
            p.member_id,
            name,
            oname,
            p.status,
            p.received_on,
            p.counted_on,
            summary_of(p) if shown else "",
            p.version,
        )
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
class ProcedureDetail:
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
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def status_label(self) -> str:
        return status_label(self.status)

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
            doc_label = " ".join(x for x in (doc.number_symbol, _fmt(doc.doc_date)) if x)
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

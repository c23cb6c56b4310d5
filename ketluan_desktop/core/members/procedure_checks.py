"""The checks a member procedure must pass before it is saved: each value against its field's type,
the fields a step needs, the dates and card numbers against the member, the badge rules from the
settings, one open procedure of a kind per person.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.errors import ConflictError, ValidationError
from ketluan_desktop.core.members import member_checks, party_years
from ketluan_desktop.core.members.models import Member, Procedure
from ketluan_desktop.core.members.procedure_kinds import (
    AWARD_OCCASIONS,
    BADGE_YEARS,
    OPEN_STATUSES,
    STEP_ORDER,
    FieldSpec,
    K,
    KindSpec,
    S,
    field_value,
    get_value,
    spec,
)
from ketluan_desktop.core.members.records import fmt_date
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.text import clean, fold
from ketluan_desktop.core.text import dates as office_dates
from ketluan_desktop.core.workdays import add_months


def coerce_value(f: FieldSpec, raw: Any) -> Any:
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


def store_value(p: Procedure, f: FieldSpec, value: Any) -> None:
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


def missing_fields(p: Procedure, ks: KindSpec, status: str) -> list[str]:
    """Labels of the fields the status needs and the procedure lacks."""
    rank = STEP_ORDER[status]
    out = []
    for f in ks.fields:
        if f.required_at is None or f.type == "bool":
            continue
        if status == S.REJECTED.value and f.required_at != S.RECEIVED.value:
            continue
        if STEP_ORDER[f.required_at] <= rank and get_value(p, f.key) in (None, "", []):
            out.append(f.label)
    return out


# ---------------------------------------------------------------------------------------------
# Rule settings the checks need
# ---------------------------------------------------------------------------------------------
def occurs_every_year(month: int, day: int) -> bool:
    """A day/month found in every year (not 29/02, 31/04…): an award occasion must be one."""
    try:
        date(2001, month, day)  # a common year
    except ValueError:
        return False
    return True


def award_occasions(session: Session) -> tuple[tuple[int, int], ...]:
    """(month, day) of the award occasions, in calendar order; a stored day that is not in every
    year (the settings dialog refuses one) is left out rather than stopping every reminder."""
    raw = settings.get(session, "members.award_occasions") or AWARD_OCCASIONS
    out = []
    for item in raw:
        d, m = (int(x) for x in str(item).split("/"))
        if occurs_every_year(m, d):
            out.append((m, d))
    return tuple(sorted(out)) or tuple(sorted(_default_occasions()))


def _default_occasions() -> list[tuple[int, int]]:
    return [(int(m), int(d)) for d, m in (str(x).split("/") for x in AWARD_OCCASIONS)]


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
def check_procedure(session: Session, p: Procedure, member: Member, today: date) -> None:
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
                problems.append(f"{f.label} {fmt_date(v)} ở sau ngày hôm nay.")
    if p.kind == K.TRAVEL_ABROAD.value:
        problems += _before("Ngày về", p.travel_to, "ngày đi", p.travel_from)
        problems += _before("Ngày nhận báo cáo", p.return_report_on, "ngày về", p.travel_to)
    if p.kind == K.ADMISSION.value:
        problems += _before("Lễ kết nạp", p.ceremony_date, "ngày quyết định", p.decision_date)
    if (
        p.kind == K.ADMISSION.value
        and p.decision_date
        and member.birth_date
        and add_months(member.birth_date, 12 * member_checks.ADMISSION_AGE_MIN) > p.decision_date
    ):
        problems.append(
            f"Ngày quyết định kết nạp {fmt_date(p.decision_date)}: người được kết nạp chưa đủ 18 tuổi."
        )
    if p.kind == K.CARD_REISSUE.value:
        problems += _before(
            "Ngày cấp thẻ mới",
            field_value(p, "details.issued_on"),
            "ngày báo mất/hỏng",
            field_value(p, "details.reported_on"),
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
        pattern = member_checks.card_pattern(session)
        if pattern and not _matches(pattern, card):
            problems.append(f"Số thẻ «{p.card_number}» không đúng mẫu {pattern}.")
    if p.kind == K.BADGE.value and p.badge_years:
        problems += _badge_problems(session, p, member, p.badge_years)
    if problems:
        raise ValidationError("Chưa lưu được thủ tục:\n" + "\n".join(f"- {m}" for m in problems))


def _before(label: str, day: date | None, other_label: str, other: date | None) -> list[str]:
    """The problem when ``day`` comes before ``other``, which it must not (none when either is
    missing)."""
    if day and other and day < other:
        return [f"{label} {fmt_date(day)} trước {other_label} {fmt_date(other)}."]
    return []


def refuse_second_open(session: Session, kind: str, member: Member, ks: KindSpec) -> None:
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
        out.append(f"Đợt trao {fmt_date(occasion)} không phải ngày trao Huy hiệu Đảng ({days}).")
    start = party_years.party_start(member)
    if start is None:
        out.append("Hồ sơ đảng viên chưa có ngày vào Đảng nên chưa tính được tuổi Đảng.")
    elif occasion is not None:
        periods = [(a.start_date, a.end_date) for a in member.absences]
        eff = party_years.effective_start(start, periods, occasion)
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
                f"Đến đợt {fmt_date(occasion)} đồng chí chưa đủ {p.badge_years} năm tuổi Đảng "
                f"(đủ vào ngày {fmt_date(reach)})."
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

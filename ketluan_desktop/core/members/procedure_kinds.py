"""The kinds of member procedure: what each records (its fields, the step that asks for each), who it
can be for, and the steps a procedure moves through (no database writes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.members.models import (
    PROCEDURE_KIND_LABELS,
    PROCEDURE_STATUS_LABELS,
    MemberStatus,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
)
from ketluan_desktop.core.members.vocabulary import AWARD_OCCASIONS, BADGE_YEARS  # noqa: F401

K = ProcedureKind
S = ProcedureStatus

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
OPEN_STATUSES = (S.RECEIVED.value, S.PROCESSING.value, S.APPROVED.value)
COUNTED_STATUSES = (S.APPROVED.value, S.COMPLETED.value)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.RECEIVED.value: (S.PROCESSING.value,),
    S.PROCESSING.value: (S.APPROVED.value, S.REJECTED.value),
    S.APPROVED.value: (S.COMPLETED.value,),
    S.REJECTED.value: (),
    S.COMPLETED.value: (),
}
STEP_ORDER = {
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


def next_statuses(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())

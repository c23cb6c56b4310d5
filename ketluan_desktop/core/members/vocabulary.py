"""The members' and procedures' statuses and kinds with their Vietnamese labels: words the
screens, the commands and the queries share, without SQLAlchemy (``models`` re-exports them)."""

from __future__ import annotations

import enum


class MemberStatus(enum.StrEnum):
    CANDIDATE = "candidate"  # quần chúng ưu tú, not yet admitted
    PROBATIONARY = "probationary"
    FULL = "full"
    TRANSFERRED = "transferred"
    DECEASED = "deceased"
    REMOVED = "removed"  # xóa tên / khai trừ


MEMBER_STATUS_LABELS = {
    MemberStatus.CANDIDATE: "Quần chúng (chưa kết nạp)",
    MemberStatus.PROBATIONARY: "Dự bị",
    MemberStatus.FULL: "Chính thức",
    MemberStatus.TRANSFERRED: "Chuyển đi",
    MemberStatus.DECEASED: "Từ trần",
    MemberStatus.REMOVED: "Xóa tên/Khai trừ",
}


class ProcedureKind(enum.StrEnum):
    POLITICAL_STANDARD = "political_standard"
    ADMISSION = "admission"
    OFFICIAL_MEMBERSHIP = "official_membership"
    BADGE = "badge"
    CARD_NEW = "card_new"
    CARD_REISSUE = "card_reissue"
    TRAVEL_ABROAD = "travel_abroad"
    TRANSFER = "transfer"
    DISCIPLINE = "discipline"


PROCEDURE_KIND_LABELS = {
    ProcedureKind.POLITICAL_STANDARD: "Kết luận tiêu chuẩn chính trị",
    ProcedureKind.ADMISSION: "Kết nạp đảng viên",
    ProcedureKind.OFFICIAL_MEMBERSHIP: "Chuyển đảng chính thức",
    ProcedureKind.BADGE: "Huy hiệu Đảng",
    ProcedureKind.CARD_NEW: "Cấp mới thẻ đảng viên",
    ProcedureKind.CARD_REISSUE: "Cấp lại thẻ đảng viên",
    ProcedureKind.TRAVEL_ABROAD: "Đi nước ngoài",
    ProcedureKind.TRANSFER: "Chuyển sinh hoạt đảng",
    ProcedureKind.DISCIPLINE: "Kỷ luật",
}


class ProcedureStatus(enum.StrEnum):
    RECEIVED = "received"
    PROCESSING = "processing"
    APPROVED = "approved"
    REJECTED = "rejected"
    COMPLETED = "completed"


PROCEDURE_STATUS_LABELS = {
    ProcedureStatus.RECEIVED: "Tiếp nhận",
    ProcedureStatus.PROCESSING: "Đang xử lý",
    ProcedureStatus.APPROVED: "Đã duyệt",
    ProcedureStatus.REJECTED: "Không duyệt",
    ProcedureStatus.COMPLETED: "Hoàn thành",
}


def status_label(status: str) -> str:
    """A member's status in Vietnamese ("Chính thức"); an unknown value as it is."""
    try:
        return MEMBER_STATUS_LABELS[MemberStatus(status)]
    except ValueError:
        return status


# The Party-badge milestones (years of Party age) and award days (dd/mm) unless the settings say
# otherwise; ``procedure_kinds`` re-exports them.
BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
AWARD_OCCASIONS = ("03/02", "19/05", "02/09", "07/11")  # dd/mm: 3/2, 19/5, 2/9, 7/11

"""Figures of member procedures for a period, and the sentence the six-month report writes with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.models import Procedure
from ketluan_desktop.core.models.members import ProcedureKind, ProcedureStatus
from ketluan_desktop.core.text import two_digits

COUNTED = (ProcedureStatus.APPROVED.value, ProcedureStatus.COMPLETED.value)
TRAVEL_PURPOSE_ORDER = ("tham quan", "học tập", "công tác", "việc riêng", "thăm thân", "chữa bệnh")


@dataclass
class Figures:
    start: date
    end: date
    counts: dict[str, int] = field(default_factory=dict)  # kind -> count (badges as badge_<years>)
    reissue_by_reason: dict[str, int] = field(default_factory=dict)
    travel_purposes: dict[str, int] = field(default_factory=dict)

    def get(self, kind: str) -> int:
        return self.counts.get(kind, 0)

    def badges(self) -> list[tuple[int, int]]:
        """(years, count), most years first, as the report lists them."""
        out = [
            (int(k.split("_", 1)[1]), n)
            for k, n in self.counts.items()
            if k.startswith("badge_") and n
        ]
        return sorted(out, reverse=True)

    def to_json(self) -> dict:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "counts": dict(sorted(self.counts.items())),
            "card_reissue_by_reason": self.reissue_by_reason,
            "travel_purposes": self.travel_purposes,
            "sentence": sentence(self),
        }


def figures(session: Session, start: date, end: date) -> Figures:
    if end < start:
        raise ValidationError(
            f"Khoảng thời gian không hợp lệ: ngày kết thúc {end:%d/%m/%Y} trước ngày bắt đầu "
            f"{start:%d/%m/%Y}. Hãy đổi lại hai ngày."
        )
    base = (
        Procedure.status.in_(COUNTED),
        Procedure.counted_on >= start,
        Procedure.counted_on <= end,
    )
    result = Figures(start, end)
    rows = session.execute(
        select(Procedure.kind, Procedure.badge_years, func.count())
        .where(*base)
        .group_by(Procedure.kind, Procedure.badge_years)
    )
    for kind, years, n in rows:
        key = f"badge_{years}" if kind == ProcedureKind.BADGE.value and years else kind
        result.counts[key] = result.counts.get(key, 0) + n
    for reason, n in session.execute(
        select(Procedure.reason, func.count())
        .where(*base, Procedure.kind == ProcedureKind.CARD_REISSUE.value)
        .group_by(Procedure.reason)
    ):
        result.reissue_by_reason[reason or "mất"] = n
    for purpose, n in session.execute(
        select(Procedure.reason, func.count())
        .where(*base, Procedure.kind == ProcedureKind.TRAVEL_ABROAD.value)
        .group_by(Procedure.reason)
    ):
        result.travel_purposes[purpose or "công tác"] = n
    return result


def _join_sentence(groups: list[list[str]]) -> str:
    text = "; ".join(", ".join(g) for g in groups if g)
    return text[:1].upper() + text[1:] + "." if text else ""


def sentence(f: Figures) -> str:
    """Written exactly as the office writes it; parts with a zero count are left out."""
    first: list[list[str]] = [[], [], []]
    if n := f.get(ProcedureKind.POLITICAL_STANDARD.value):
        first[0].append(f"kết luận tiêu chuẩn chính trị đối với {two_digits(n)} trường hợp")
    if n := f.get(ProcedureKind.ADMISSION.value):
        first[1].append(f"xét kết nạp {two_digits(n)} quần chúng ưu tú vào Đảng")
    if n := f.get(ProcedureKind.OFFICIAL_MEMBERSHIP.value):
        first[1].append(f"chuyển đảng chính thức cho {two_digits(n)} đảng viên dự bị")
    badges = f.badges()
    if badges:
        parts = [f"{y} năm tuổi Đảng cho {two_digits(n)} đồng chí" for y, n in badges]
        first[2].append("đề nghị tặng Huy hiệu " + ", ".join(parts))

    second: list[list[str]] = [[], []]
    if n := f.get(ProcedureKind.CARD_NEW.value):
        second[0].append(f"cấp mới thẻ đảng viên cho {two_digits(n)} đồng chí")
    if f.get(ProcedureKind.CARD_REISSUE.value):
        lost = f.reissue_by_reason.get("mất", 0)
        damaged = sum(n for r, n in f.reissue_by_reason.items() if r != "mất")
        pieces = []
        if lost:
            pieces.append(f"bị mất cho {two_digits(lost)} đồng chí")
        if damaged:
            pieces.append(f"bị hư hỏng cho {two_digits(damaged)} đồng chí")
        second[0].append("cấp lại thẻ " + ", ".join(pieces))
    if n := f.get(ProcedureKind.TRAVEL_ABROAD.value):
        purposes = [p for p in TRAVEL_PURPOSE_ORDER if f.travel_purposes.get(p)]
        purposes += sorted(p for p in f.travel_purposes if p not in TRAVEL_PURPOSE_ORDER)
        second[1].append(
            f"có văn bản đồng ý cho {two_digits(n)} đảng viên đi {', '.join(purposes)} ở nước ngoài"
        )
    return " ".join(s for s in (_join_sentence(first), _join_sentence(second)) if s)

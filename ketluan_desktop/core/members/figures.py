"""Figures of member procedures for a period, and the sentence the six-month report writes with them.

A procedure counts in a period when it was approved or completed and the date it counts on (its
decision's date, else the day it was approved) lies in the period. Everything comes from one
grouped query over an index holding every column it reads, so a half-year over a million
procedures takes a few tens of milliseconds.

The sentence is written exactly as the office writes it (the 19th conference's conclusion, 2024):

    Kết luận tiêu chuẩn chính trị đối với 394 trường hợp; xét kết nạp 73 quần chúng ưu tú vào Đảng,
    chuyển đảng chính thức cho 68 đảng viên dự bị; đề nghị tặng Huy hiệu 40 năm tuổi Đảng cho 01 đồng
    chí, 30 năm tuổi Đảng cho 07 đồng chí. Cấp mới thẻ đảng viên cho 69 đồng chí, cấp lại thẻ bị mất
    cho 04 đồng chí; có văn bản đồng ý cho 85 đảng viên đi tham quan, học tập, công tác ở nước ngoài.

Counts under ten take two digits; a part whose count is zero is left out with its punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.members.tables import procedure
from ketluan_desktop.core.members.vocabulary import (
    PROCEDURE_KIND_LABELS,
    ProcedureKind,
    ProcedureStatus,
)
from ketluan_desktop.core.periods import Period, period_text, report_periods  # noqa: F401  (re-exported)
from ketluan_desktop.core.text import fold, two_digits
from ketluan_desktop.core.text.dates import format_date

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

COUNTED = (ProcedureStatus.APPROVED.value, ProcedureStatus.COMPLETED.value)
TRAVEL_PURPOSE_ORDER = ("tham quan", "học tập", "công tác", "việc riêng", "thăm thân", "chữa bệnh")
LOST, DAMAGED, OTHER = "mất", "hư hỏng", "khác"
K = ProcedureKind


def reissue_reason(reason: str | None) -> str:
    """ "mất" / "hư hỏng" / "khác", whatever the spelling stored."""
    f = fold(reason)
    if f.startswith(("mat", "bi mat", "that lac")):
        return LOST
    if "hong" in f or "rach" in f:
        return DAMAGED
    return OTHER


@dataclass
class Figures:
    start: date
    end: date
    counts: dict[str, int] = field(default_factory=dict)  # kind -> count (badges as badge_<years>)
    reissue_by_reason: dict[str, int] = field(default_factory=dict)
    travel_purposes: dict[str, int] = field(default_factory=dict)

    def get(self, kind: str) -> int:
        """The count of one kind; for badges, every badge of the period."""
        if kind == K.BADGE.value:
            return sum(n for k, n in self.counts.items() if k == kind or k.startswith("badge_"))
        return self.counts.get(kind, 0)

    def badges(self) -> list[tuple[int, int]]:
        """(years, count), most years first, as the report lists them."""
        out = [
            (int(k.split("_", 1)[1]), n)
            for k, n in self.counts.items()
            if k.startswith("badge_") and n
        ]
        return sorted(out, reverse=True)

    def by_kind(self) -> dict[str, int]:
        """Every kind in the glossary's order, zeros included."""
        return {k.value: self.get(k.value) for k in ProcedureKind}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[tuple[str, int]]:
        """(label, count) for a table of the period: each kind, badges by years."""
        out: list[tuple[str, int]] = []
        for k in ProcedureKind:
            if k is K.BADGE:
                out.append((PROCEDURE_KIND_LABELS[k], self.get(k.value)))
                out += [(f"    Huy hiệu {y} năm tuổi Đảng", n) for y, n in self.badges()]
            else:
                out.append((PROCEDURE_KIND_LABELS[k], self.get(k.value)))
        return out

    def to_json(self) -> dict:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "counts": self.by_kind(),
            "badges": {str(y): n for y, n in sorted(self.badges())},
            "card_reissue_by_reason": dict(sorted(self.reissue_by_reason.items())),
            "travel_purposes": {
                p: self.travel_purposes[p] for p in _purposes_in_order(self.travel_purposes)
            },
            "total": self.total,
            "sentence": sentence(self),
        }


def check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(
            f"Khoảng thời gian không hợp lệ: ngày kết thúc {format_date(end)} trước ngày bắt đầu "
            f"{format_date(start)}. Hãy đổi lại hai ngày."
        )


def figures(session: Session | Connection, start: date, end: date) -> Figures:
    check_period(start, end)
    result = Figures(start, end)
    rows = session.execute(
        select(procedure.c.kind, procedure.c.badge_years, procedure.c.reason, func.count())
        .where(
            procedure.c.counted_on >= start,
            procedure.c.counted_on <= end,
            procedure.c.status.in_(COUNTED),
        )
        .group_by(procedure.c.kind, procedure.c.badge_years, procedure.c.reason)
    )
    for kind, years, reason, n in rows:
        key = f"badge_{years}" if kind == K.BADGE.value and years else kind
        result.counts[key] = result.counts.get(key, 0) + n
        if kind == K.CARD_REISSUE.value:
            r = reissue_reason(reason)
            result.reissue_by_reason[r] = result.reissue_by_reason.get(r, 0) + n
        elif kind == K.TRAVEL_ABROAD.value and reason:
            purpose = reason.strip().lower()
            result.travel_purposes[purpose] = result.travel_purposes.get(purpose, 0) + n
    return result


def _purposes_in_order(purposes: dict[str, int]) -> list[str]:
    known = [p for p in TRAVEL_PURPOSE_ORDER if purposes.get(p)]
    return known + sorted(p for p in purposes if p not in TRAVEL_PURPOSE_ORDER and purposes[p])


def _join_sentence(groups: list[list[str]]) -> str:
    text = "; ".join(", ".join(g) for g in groups if g)
    return text[:1].upper() + text[1:] + "." if text else ""


def sentence(f: Figures) -> str:
    """Written exactly as the office writes it; parts with a zero count are left out."""
    first: list[list[str]] = [[], [], []]
    if n := f.get(K.POLITICAL_STANDARD.value):
        first[0].append(f"kết luận tiêu chuẩn chính trị đối với {two_digits(n)} trường hợp")
    if n := f.get(K.ADMISSION.value):
        first[1].append(f"xét kết nạp {two_digits(n)} quần chúng ưu tú vào Đảng")
    if n := f.get(K.OFFICIAL_MEMBERSHIP.value):
        first[1].append(f"chuyển đảng chính thức cho {two_digits(n)} đảng viên dự bị")
    badges = f.badges()
    if badges:
        parts = [f"{y} năm tuổi Đảng cho {two_digits(n)} đồng chí" for y, n in badges]
        first[2].append("đề nghị tặng Huy hiệu " + ", ".join(parts))

    second: list[list[str]] = [[], []]
    if n := f.get(K.CARD_NEW.value):
        second[0].append(f"cấp mới thẻ đảng viên cho {two_digits(n)} đồng chí")
    if f.get(K.CARD_REISSUE.value):
        lost = f.reissue_by_reason.get(LOST, 0)
        damaged = f.reissue_by_reason.get(DAMAGED, 0)
        other = f.reissue_by_reason.get(OTHER, 0)
        pieces = []
        if lost:
            pieces.append(f"bị mất cho {two_digits(lost)} đồng chí")
        if damaged:
            pieces.append(f"bị hư hỏng cho {two_digits(damaged)} đồng chí")
        if pieces:
            text = "cấp lại thẻ " + ", ".join(pieces)
            if other:
                text += f", vì lý do khác cho {two_digits(other)} đồng chí"
        else:
            text = f"cấp lại thẻ đảng viên cho {two_digits(other)} đồng chí"
        second[0].append(text)
    if n := f.get(K.TRAVEL_ABROAD.value):
        purposes = _purposes_in_order(f.travel_purposes)
        where = f"đi {', '.join(purposes)} ở nước ngoài" if purposes else "đi nước ngoài"
        second[1].append(f"có văn bản đồng ý cho {two_digits(n)} đảng viên {where}")
    return " ".join(s for s in (_join_sentence(first), _join_sentence(second)) if s)


def procedure_sentence(session: Session | Connection, start: date, end: date) -> str:
    """The report sentence for a period ("" when nothing counts in it): what the editor's
    «Chèn số liệu thủ tục» inserts."""
    return sentence(figures(session, start, end))

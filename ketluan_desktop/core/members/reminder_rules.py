"""The reminders' shared vocabulary: the six rules, their settings (``RuleConfig``), a reminder
row and the award occasions around a day — what both the lists (``reminders``) and the badge
counting (``reminder_badges``) speak, kept here so neither has to import the other."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from ketluan_desktop.core.members.vocabulary import BADGE_YEARS

PROBATION_ENDING = "probation_ending"
PROBATION_OVERDUE = "probation_overdue"
BADGE_DUE = "badge_due"
RETURN_REPORT = "return_report"
CEREMONY_OVERDUE = "ceremony_overdue"
LOST_CARD = "lost_card"
RULES = (PROBATION_ENDING, PROBATION_OVERDUE, BADGE_DUE, RETURN_REPORT, CEREMONY_OVERDUE, LOST_CARD)


@dataclass(frozen=True)
class RuleConfig:
    probation_months: int = 12
    probation_warning_days: int = 30
    conversion_working_days: int = 30
    ceremony_working_days: int = 30
    return_report_working_days: int = 7
    badge_milestones: tuple[int, ...] = BADGE_YEARS
    award_occasions: tuple[tuple[int, int], ...] = ((2, 3), (5, 19), (9, 2), (11, 7))
    badge_early_months: int = 12
    badge_early_long_from_years: int = 70
    badge_early_long_months: int = 24

    def early_months(self, years: int) -> int:
        return (
            self.badge_early_long_months
            if years >= self.badge_early_long_from_years
            else self.badge_early_months
        )


@dataclass(frozen=True)
class Reminder:
    rule: str
    member_id: int
    member_name: str
    organisation: str | None
    # The date the rule is about (end of probation, milestone, return, decision, report); None,
    # with ``due``, for a role without the personal-data permission (``public_reminders``).
    date: date | None
    due: date | None  # the deadline, when there is one
    text: str
    overdue: bool = False
    procedure_id: int | None = None

    def to_json(self) -> dict:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        d["due"] = self.due.isoformat() if self.due else None
        return d


def occasions_around(today: date, cfg: RuleConfig) -> tuple[date, date]:
    """(previous, next) award occasions: the next is today or later, the previous before it."""
    days = []
    for year in (today.year - 1, today.year, today.year + 1):
        days += [date(year, m, d) for m, d in cfg.award_occasions]
    days.sort()
    nxt = next(d for d in days if d >= today)
    prev = days[days.index(nxt) - 1]
    return prev, nxt


def rule_label(rule: str, cfg: RuleConfig | None = None) -> str:
    cfg = cfg or RuleConfig()
    return {
        PROBATION_ENDING: f"Sắp hết {cfg.probation_months} tháng dự bị "
        f"(trong {cfg.probation_warning_days} ngày tới)",
        PROBATION_OVERDUE: f"Đã hết {cfg.probation_months} tháng dự bị, chưa có quyết định chính thức",
        BADGE_DUE: "Đến mốc Huy hiệu Đảng ở đợt trao tới",
        RETURN_REPORT: f"Về nước quá {cfg.return_report_working_days} ngày làm việc chưa báo cáo",
        CEREMONY_OVERDUE: f"Chưa tổ chức lễ kết nạp sau {cfg.ceremony_working_days} ngày làm việc",
        LOST_CARD: "Báo mất thẻ đảng viên, chưa cấp lại",
    }[rule]

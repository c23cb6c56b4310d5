"""Deadlines as the documents write them: a date, or a period that ends on a date, or "thường xuyên".

"6 tháng cuối năm 2024" → 31/12/2024, "quý III/2024" → 30/09/2024, "năm 2025" → 31/12/2025,
"tháng 9/2024" → 30/09/2024, "trước ngày 15/10/2024" → 15/10/2024, "thường xuyên" → no deadline
but a reporting cycle (6-monthly unless the text names another: "báo cáo hằng quý").

Parsing works on the accent-folded text, so "quy III/2024" typed without accents works too. The
text is kept as written next to the date it means: reports quote the document's own words.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.text import clean, fold
from ketluan_desktop.core.text import dates as office_dates
from ketluan_desktop.core.text.dates import format_date


class ReportingCycle(enum.StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEAR = "half_year"
    YEARLY = "yearly"


CYCLE_LABELS = {
    ReportingCycle.MONTHLY: "báo cáo hằng tháng",
    ReportingCycle.QUARTERLY: "báo cáo hằng quý",
    ReportingCycle.HALF_YEAR: "báo cáo 6 tháng một lần",
    ReportingCycle.YEARLY: "báo cáo hằng năm",
}
# "thường xuyên" alone: the office reviews conclusions every six months (sơ kết 6 tháng, tổng kết năm).
DEFAULT_CYCLE = ReportingCycle.HALF_YEAR

HELP = (
    "Hãy ghi một ngày (31/12/2024) hoặc một kỳ như văn bản viết: «6 tháng cuối năm 2024», "
    "«quý III/2024», «tháng 9/2024», «năm 2025», «thường xuyên» (có thể kèm «báo cáo hằng quý»)."
)


@dataclass(frozen=True)
class Deadline:
    date: date | None  # the last day the task may be done on
    text: str | None  # as written ("6 tháng cuối năm 2024"); None when only a date was given
    cycle: str | None  # a ReportingCycle value for standing tasks ("thường xuyên")

    @property
    def is_standing(self) -> bool:
        return self.date is None and self.cycle is not None


NO_DEADLINE = Deadline(None, None, None)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(\d{4})"
_SEP = r"\s*(?:/|-|\.|,)?\s*(?:nam\s+)?"
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDS_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/?\s*\d)")
_QUARTER = re.compile(r"quy\s+(iv|i{1,3}|[1-4])(?![a-z])" + r"(?:" + _SEP + _YEAR + r")?")
_HALF = re.compile(r"(?:6|sau)\s+thang\s+(dau|cuoi)(?:\s+nam)?(?:" + _SEP + _YEAR + r")?")
_HALF_WORDS = re.compile(r"nua\s+(dau|cuoi)\s+nam(?:" + _SEP + _YEAR + r")?")
_NINE = re.compile(r"(?:9|chin)\s+thang(?:\s+dau)?(?:\s+nam)?(?:" + _SEP + _YEAR + r")?")
_MONTH_SIMPLE = re.compile(r"(?<!\d\s)(?<!\d)thang\s+(\d{1,2})(?:" + _SEP + _YEAR + r")?")
_YEAR_END = re.compile(r"(?:cuoi\s+)?nam\s+" + _YEAR)
_BARE_YEAR = re.compile(r"^(?:trong\s+|ca\s+)?" + _YEAR + r"$")

_CYCLES = [
    (re.compile(r"(?:hang|moi)\s+thang|thang\s+mot\s+lan"), ReportingCycle.MONTHLY),
    (re.compile(r"(?:hang|moi)\s+quy|quy\s+mot\s+lan|dinh\s+ky\s+quy"), ReportingCycle.QUARTERLY),
    (
        re.compile(
            r"(?:hang|moi|dinh\s+ky)\s+(?:6|sau)\s+thang|(?:6|sau)\s+thang\s+(?:mot|1)\s+lan"
        ),
        ReportingCycle.HALF_YEAR,
    ),
    (re.compile(r"(?:hang|moi)\s+nam|nam\s+mot\s+lan|dinh\s+ky\s+nam"), ReportingCycle.YEARLY),
]
_STANDING = re.compile(r"thuong\s+xuyen|lien\s+tuc|hang\s+ngay|dinh\s+ky")


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def end_of_quarter(year: int, quarter: int) -> date:
    return end_of_month(year, quarter * 3)


def _year(text: str | None, today: date | None, original: str) -> int:
    if text:
        return int(text)
    if today is not None:
        return today.year
    raise ValidationError(
        f"Thời hạn «{original}» chưa ghi năm. Hãy ghi thêm năm, ví dụ «quý III/2024»."
    )


def _checked(y: int, m: int, d: int, original: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise ValidationError(
            f"Thời hạn «{original}» không phải là một ngày có thật. Hãy kiểm tra ngày và tháng."
        ) from None


def _cycle(folded: str) -> ReportingCycle | None:
    for pattern, cycle in _CYCLES:
        if pattern.search(folded):
            return cycle
    return None


def _date_of(folded: str, original: str, today: date | None) -> date | None:
    m = _ISO_DATE.search(folded)
    if m:
        return _checked(int(m[1]), int(m[2]), int(m[3]), original)
    m = _FULL_DATE.search(folded) or _WORDS_DATE.search(folded)
    if m:
        return _checked(int(m[3]), int(m[2]), int(m[1]), original)
    m = _QUARTER.search(folded)
    if m:
        q = _ROMAN.get(m[1]) or int(m[1])
        return end_of_quarter(_year(m[2], today, original), q)
    m = _HALF.search(folded) or _HALF_WORDS.search(folded)
    if m:
        y = _year(m[2], today, original)
        return date(y, 6, 30) if m[1] == "dau" else date(y, 12, 31)
    m = _NINE.search(folded)
    if m:
        return date(_year(m[1], today, original), 9, 30)
    m = _DAY_MONTH.search(folded)
    if m:
        return _checked(_year(None, today, original), int(m[2]), int(m[1]), original)
    m = _MONTH_SIMPLE.search(folded)
    if m:
        month = int(m[1])
        if not 1 <= month <= 12:
            raise ValidationError(f"Thời hạn «{original}»: tháng {month} không có. {HELP}")
        return end_of_month(_year(m[2], today, original), month)
    m = _YEAR_END.search(folded) or _BARE_YEAR.search(folded)
    if m:
        return date(int(m[1]), 12, 31)
    return None


def parse_deadline(text: str | None, *, today: date | None = None) -> Deadline:
    """What a deadline written as the documents write it means; ``today`` supplies a missing year.

    Raises ``ValidationError`` (with the accepted forms) when the text names no date or period.
    """
    original = clean(text) or ""
    if not original:
        return NO_DEADLINE
    try:  # a date typed as in every date field: 25/11/2026, 5/7/24, 25112026
        return Deadline(office_dates.parse_date(original, today=today, what="Thời hạn"), None, None)
    except ValidationError:
        pass
    folded = fold(original)
    when = _date_of(folded, original, today)
    cycle = _cycle(folded)
    if when is not None:
        return Deadline(when, None if _is_plain_date(folded) else original, cycle)
    if cycle is not None or _STANDING.search(folded):
        return Deadline(None, original, (cycle or DEFAULT_CYCLE).value)
    raise ValidationError(f"Không hiểu thời hạn «{original}». {HELP}")


def _is_plain_date(folded: str) -> bool:
    """A bare date carries nothing worth keeping beside the date itself."""
    return bool(re.fullmatch(r"(?:truoc\s+)?(?:ngay\s+)?\d[\d\s]*[/.\-][\d/.\-\s]*", folded))


def vn_date(d: date | None) -> str:
    return format_date(d)


def describe(deadline: date | None, text: str | None, cycle: str | None) -> str:
    """How lists and reports show a deadline: "31/12/2024 (6 tháng cuối năm 2024)"."""
    if deadline is not None:
        shown = vn_date(deadline)
        return f"{shown} ({text})" if text and fold(text) != fold(shown) else shown
    if cycle:
        label = CYCLE_LABELS.get(ReportingCycle(cycle), "")
        head = text or "Thường xuyên"
        head = head[:1].upper() + head[1:]
        return head if _cycle(fold(head)) is not None else f"{head}, {label}"
    return text or "Không thời hạn"

"""Counts of member procedures in a report: "xét kết nạp 73 quần chúng ưu tú vào Đảng", "cấp lại
thẻ bị mất cho 04 đồng chí", "Huy hiệu 40 năm tuổi Đảng cho 01 đồng chí".

A count is a number followed by the people it counts; its kind comes from the procedure named
nearest before it in the same clause, or, failing that, after it ("cho 85 đảng viên đi … nước
ngoài").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from ketluan_desktop.core.importer.result import Figure
from ketluan_desktop.core.importer.textutil import collapse, fold_keep

_COUNT = re.compile(
    r"(?<![\w.,/])(?P<n>\d{1,3}(?:\.\d{3})+|\d{1,6})\s+"
    r"(?P<unit>trường hợp|quần chúng(?: ưu tú)?|đảng viên(?: dự bị| chính thức)?|đồng chí|đ/c"
    r"|người|cán bộ(?:, đảng viên)?|tổ chức đảng|chi bộ|đảng bộ)(?![\w])",
    re.IGNORECASE,
)
# (kind, pattern on accent-folded text); "{n}" kinds take the number of years from the match.
_KEYWORDS: list[tuple[str, re.Pattern[str]]] = [
    ("political_standard", re.compile(r"tieu chuan chinh tri")),
    ("admission", re.compile(r"ket nap")),
    ("official_membership", re.compile(r"(?:chuyen dang|cong nhan dang vien|chuyen) chinh thuc")),
    ("badge_{n}", re.compile(r"huy hieu (\d{2}) nam|(\d{2}) nam tuoi dang")),
    ("card_reissue", re.compile(r"cap lai the")),
    ("card_new", re.compile(r"cap moi the|cap the dang vien|phat the dang vien")),
    ("travel_abroad", re.compile(r"nuoc ngoai|xuat canh")),
    # "kiểm tra, giám sát, thi hành kỷ luật trong Đảng" names the inspection work, no sanction.
    (
        "discipline",
        re.compile(
            r"(?<!giam sat, thi hanh )(?<!giam sat va thi hanh )(?<!giam sat, va thi hanh )"
            r"(?<!giam sat, )(?<!giam sat va )ky luat|khien trach|canh cao|cach chuc|khai tru"
        ),
    ),
    ("transfer", re.compile(r"chuyen sinh hoat dang")),
]
_HARD_STOP = ".;:!?"
_WINDOW = 300


# One pass over a clause finds every procedure word; the group's name says which kind it is.
_ANY_KEYWORD = re.compile(
    "|".join(f"(?P<k{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(_KEYWORDS))
)
_YEARS = re.compile(r"\d{2}")


def _kind(m: re.Match[str]) -> str:
    kind = _KEYWORDS[int((m.lastgroup or "k0")[1:])][0]
    if "{n}" in kind:
        years = _YEARS.search(m.group(0))
        return kind.format(n=int(years.group(0))) if years else kind.replace("_{n}", "")
    return kind


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``, looked for within a window so that a paragraph
    without punctuation cannot make the search quadratic."""
    low = max(0, start - _WINDOW)
    high = min(len(text), end + _WINDOW)
    clause_start = max(low - 1, *(text.rfind(c, low, start) for c in _HARD_STOP)) + 1
    ends = [i for c in _HARD_STOP if (i := text.find(c, end, high)) >= 0]
    return clause_start, min(ends) if ends else high


def _scan(text: str, out: list[Figure]) -> None:
    counts = list(_COUNT.finditer(text))
    if not counts:
        return
    folded = fold_keep(text)
    # Every procedure word of the paragraph, found once; each count then looks up its neighbours.
    keywords = list(_ANY_KEYWORD.finditer(folded))
    starts = [k.start() for k in keywords]
    for m in counts:
        start, end = m.start(), m.end()
        clause_start, clause_end = _clause(text, start, end)
        lo = bisect.bisect_left(starts, clause_start)
        before = [k for k in keywords[lo : bisect.bisect_left(starts, start)] if k.end() <= start]
        if before:
            k = max(before, key=lambda k: k.end())  # the procedure named nearest the count
            if any(k.end() <= c.start() < start for c in counts):
                # "số đảng viên kết nạp trong năm 01 đ/c, bên cạnh đó 02 đ/c hoàn thành khóa bồi
                # dưỡng …": the procedure counts the number right after it, not the next one too.
                continue
            comma = text.rfind(",", clause_start, k.start())
            frag_start = comma + 1 if comma >= 0 else clause_start
            frag_end = end
            tail = text[end:clause_end]
            cut = tail.find(",")
            rest = tail if cut < 0 else tail[:cut]
            if len(rest.split()) <= 4:
                frag_end = end + len(rest)
        else:
            # A procedure named after the count is its own only up to the next count: in "02 đồng
            # chí xin thôi …, 01 đồng chí bị cách chức" the removal is the second count's.
            following = [c.start() for c in counts if end <= c.start() < clause_end]
            limit = following[0] if following else clause_end
            after = keywords[bisect.bisect_left(starts, end) : bisect.bisect_left(starts, limit)]
            # A procedure named right before the next count is that count's ("… có 11 đồng chí
            # đảng viên, …, số đảng viên kết nạp trong năm 01 đ/c").
            after = [k for k in after if k.end() <= limit and not _owned_by_next(text, k, limit)]
            if not after:
                continue
            k = after[0]
            frag_start = clause_start
            frag_end = k.end()
            while frag_end < len(text) and text[frag_end].isalpha():
                frag_end += 1
        count = int(m.group("n").replace(".", ""))
        out.append(Figure(_kind(k), count, collapse(text[frag_start:frag_end]).rstrip(",")))


_OWNER_GAP = 4  # words between a procedure and the count it names


def _owned_by_next(text: str, k: re.Match[str], limit: int) -> bool:
    """Whether the count at ``limit`` follows the procedure ``k`` closely, in the same phrase."""
    if limit >= len(text) or not text[limit].isdigit():
        return False
    gap = text[k.end() : limit]
    return "," not in gap and len(gap.split()) <= _OWNER_GAP


def find_figures(texts: Iterable[str]) -> list[Figure]:
    out: list[Figure] = []
    for text in texts:
        if text:
            _scan(text, out)
    return out

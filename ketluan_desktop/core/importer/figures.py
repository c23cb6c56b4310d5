"""Counts of member procedures in a report: "xét kết nạp 73 quần chúng ưu tú vào Đảng", "cấp lại
thẻ bị mất cho 04 đồng chí", "Huy hiệu 40 năm tuổi Đảng cho 01 đồng chí".

A count is a number followed by the people it counts; its kind comes from the procedure named
nearest before it in the same clause, or, failing that, after it ("cho 85 đảng viên đi … nước
ngoài").
"""

from __future__ import annotations

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
    ("discipline", re.compile(r"ky luat|khien trach|canh cao|cach chuc|khai tru")),
    ("transfer", re.compile(r"chuyen sinh hoat dang")),
]
_HARD_STOP = ".;:!?"


def _kind(kind: str, m: re.Match[str]) -> str:
    if "{n}" in kind:
        years = next(g for g in m.groups() if g)
        return kind.format(n=int(years))
    return kind


def _scan(text: str, folded: str, out: list[Figure]) -> None:
    for m in _COUNT.finditer(text):
        start, end = m.start(), m.end()
        clause_start = max(text.rfind(c, 0, start) for c in _HARD_STOP) + 1
        clause_end = min([i for c in _HARD_STOP if (i := text.find(c, end)) >= 0] or [len(text)])
        best = None  # (position, kind, keyword start, keyword end)
        for kind, pattern in _KEYWORDS:
            for k in pattern.finditer(folded, clause_start, start):
                if best is None or k.end() > best[0]:
                    best = (k.end(), _kind(kind, k), k.start(), k.end())
        if best is not None:
            comma = text.rfind(",", clause_start, best[2])
            frag_start = comma + 1 if comma >= 0 else clause_start
            frag_end = end
            tail = text[end:clause_end]
            cut = tail.find(",")
            rest = tail if cut < 0 else tail[:cut]
            if len(rest.split()) <= 4:
                frag_end = end + len(rest)
        else:
            for kind, pattern in _KEYWORDS:
                k = pattern.search(folded, end, clause_end)
                if k and (best is None or k.start() < best[0]):
                    best = (k.start(), _kind(kind, k), k.start(), k.end())
            if best is None:
                continue
            frag_start = clause_start
            frag_end = best[3]
            while frag_end < len(text) and text[frag_end].isalpha():
                frag_end += 1
        count = int(m.group("n").replace(".", ""))
        out.append(Figure(best[1], count, collapse(text[frag_start:frag_end]).rstrip(",")))


def find_figures(texts: Iterable[str]) -> list[Figure]:
    out: list[Figure] = []
    for text in texts:
        if text and any(c.isdigit() for c in text):
            _scan(text, fold_keep(text), out)
    return out

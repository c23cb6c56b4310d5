"""A copy with neither header nor lead still names itself: an annex's caption says what it was
issued with, the body speaks of itself ("Nghị quyết này …"), a caption gives its number.
"""

from __future__ import annotations

import re

from ketluan_desktop.core.importer.dates import make_date
from ketluan_desktop.core.importer.header import HeaderInfo, starts_body
from ketluan_desktop.core.importer.lead_headline import HEADLINE_MAX
from ketluan_desktop.core.importer.lead_issuer import body_name
from ketluan_desktop.core.importer.lead_names import CODE_OF, NAME_ALT, NUMBER
from ketluan_desktop.core.importer.textutil import collapse, ends_with_terminal, fold_keep

_DATE = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"


# An annex says which document it goes with: "(Ban hành kèm theo Công văn số 7619-CV/BTCTW, ngày
# 30/12/2024 của Ban Tổ chức Trung ương)".
_ANNEXED_TO = re.compile(
    r"\bkèm\s+theo\s+(?P<name>" + NAME_ALT + r")\s+số\s*:?\s*(?P<num>" + NUMBER + r")\s*,?\s*"
    r"ngày\s+" + _DATE + r"(?:\s+của\s+(?P<by>[^)\n]{3,80}))?",
    re.IGNORECASE,
)


def name_from_annex(info: HeaderInfo, annex: str) -> None:
    """A copy without the document's header (a site's page opened at the annex) still names the
    document where the annex's caption says what it was issued with."""
    m = _ANNEXED_TO.search(collapse(annex))
    number = re.sub(r"\s+", "", m.group("num")).replace("–", "-") if m else ""
    if m is None or "/" not in number:
        return
    info.from_lead = True
    info.type_code = CODE_OF[fold_keep(m.group("name"))]
    info.number_symbol = number
    info.doc_date = make_date(m.group("d"), m.group("m"), m.group("y"))
    by = collapse(m.group("by") or "")
    if by and starts_body(by):
        info.issuer = info.issuer or body_name(by)


_SELF = re.compile(r"(?<![\w])(?P<name>" + NAME_ALT + r")\s+này(?![\w])", re.IGNORECASE)


def type_from_self_reference(texts: list[str]) -> str | None:
    """A body copied with neither header nor lead names its own kind only where it speaks of
    itself ("Nghị quyết này có hiệu lực …", "Quy định này thay thế …"): the kind named most."""
    counts: dict[str, int] = {}
    for text in texts:
        for m in _SELF.finditer(text):
            code = CODE_OF.get(fold_keep(m.group("name")))
            if code:
                counts[code] = counts.get(code, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


# A page's own caption or headline names the document it carries with its number: "## INFOGRAPHICS:
# Một số nội dung quan trọng tại Kết luận số 127-KL/TW của Bộ Chính trị, Ban Bí thư".
_NAMED_NUMBER = re.compile(
    r"(?<![\w])(?P<name>" + NAME_ALT + r")\s+số\s*:?\s*(?P<num>" + NUMBER + r")", re.IGNORECASE
)


def number_from_caption(texts: list[str], code: str) -> str | None:
    """The number of a copy known only by how it speaks of itself: the one number of its kind that
    the page's own short lines (no full stop: a headline, a caption) give; none when they give
    several or none."""
    found: set[str] = set()
    for text in texts:
        if len(text) > HEADLINE_MAX or ends_with_terminal(text):
            continue
        for m in _NAMED_NUMBER.finditer(text):
            number = re.sub(r"\s+", "", m.group("num")).replace("–", "-")
            if CODE_OF.get(fold_keep(m.group("name"))) == code and "/" in number:
                found.add(number)
    return found.pop() if len(found) == 1 else None

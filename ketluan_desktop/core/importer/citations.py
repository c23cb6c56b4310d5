"""Documents a text cites: "Chỉ thị số 34-CT/TU, ngày 20/4/2024 của Ban Thường vụ Tỉnh ủy", "Quyết
định 1300-QĐ/TU", "Luật Lưu trữ", "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII".

Mentions of the same number-symbol are merged: one may carry the date, another the issuer.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

from ketluan_desktop.core.importer.dates import DATE_PATTERN, date_from_match
from ketluan_desktop.core.importer.result import Citation
from ketluan_desktop.core.importer.textutil import UPPER, collapse, ends_with_terminal, plain_symbol
from ketluan_desktop.core.text.normalize import fold

KINDS = (
    "Nghị quyết liên tịch", "Thông tư liên tịch", "Nghị quyết", "Chỉ thị", "Kết luận", "Quy định",
    "Quyết định", "Kế hoạch", "Hướng dẫn", "Thông báo", "Chương trình", "Luật", "Nghị định",
    "Thông tư", "Báo cáo", "Công văn", "Tờ trình", "Đề án", "Quy chế", "Thông tri", "Pháp lệnh",
    "Công điện", "Văn bản",
)  # fmt: skip
_KIND_BY_FOLD = {fold(k): k for k in KINDS}
_GENERIC = "Văn bản"
_KIND_RE = "|".join(k.replace(" ", r"\s+") for k in KINDS)
# "28-NQ/TU", "11-QĐi/TW", "565-BC/BTCTW", "30/2020/NĐ-CP", "57/2024/QH15"
NUMBER_SYMBOL = r"\d{1,5}[a-z]?(?:/\d{4})?(?:\s?[-–/]\s?[A-ZĐ][A-Za-zĐđƯƠ0-9]*)+"
# A document cited by its number alone, when its date follows: "Kế hoạch số 155, ngày 07/7/2019
# của Thành ủy Hà Nội", "Quyết định chỉ định số 242 ngày 06/3/1997" (the number is all the text
# gives to find it by; a word or two may say what the document does).
# … or, in a news item, when the body that issued it follows, alone or at the end of a list: "Nghị
# quyết 45, Chỉ thị số 35 của Bộ chính trị; Thông tri 36, Chương trình hành động 76 của BTV Thành
# ủy" (a year is no number: "Kế hoạch 2024 của …"; nor does the text's own body by its bare kind,
# "Kế hoạch số 3 của Đảng ủy về …", name a paper one could find).
_BARE_NUMBER = r"(?:số\s+)?(?!(?:19|20)\d\d(?!\d))(?P<owned>\d{1,4})"
_OWN_BODY = r"(?:Đảng\s+(?:ủy|uỷ|bộ)|Chi\s+(?:bộ|ủy|uỷ)|cấp\s+(?:ủy|uỷ))(?!\s+(?-i:[A-ZĐ]))"
_BY_BODY = (
    r"(?=(?:\s*(?:,|và)\s*(?:"
    + _KIND_RE
    + r")(?:\s+hành động)?\s+(?:số\s+)?\d{1,4})*\s+của\s+(?!"
    + _OWN_BODY
    + r")(?-i:[A-ZĐ]))"
)
_NUMBERED = re.compile(
    r"(?<![\w])(?P<kind>"
    + _KIND_RE
    + r")\s+(?:(?:số\s*:?\s*)?(?P<num>"
    + NUMBER_SYMBOL
    + r")|(?:[^\W\d_]+\s+){0,2}?số\s+(?P<bare>\d{1,5})(?=\s*,?\s*(?:ban hành\s+)?ngày\s+\d)"
    + r"|(?:hành động\s+)?"
    + _BARE_NUMBER
    + _BY_BODY
    + r")(?![\w])",
    re.IGNORECASE,
)
_BARE = re.compile(
    r"(?<![\w/-])(?:(?P<so>số)\s+)?(?P<num>\d{1,5}-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-Za-zĐđƯƠ0-9-]*)(?![\w])"
)
_AMENDED = re.compile(r"^\s*\((?:sửa đổi|bổ sung)[^)]{0,40}\)", re.IGNORECASE)
_DATE_TAIL = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?(?:vào\s+)?ngày\s+" + DATE_PATTERN, re.IGNORECASE
)
_STOP = (
    r"về|và|đã|để|trong|tại|nhằm|theo|thì|là|do|gắn|đối với|hướng dẫn|quy định|ban hành|tiến tới"
    r"|cụ thể|trình|có|được|với|sau|trước|đến|từ|cho|khi|nay|này"
)
_ISSUER_TAIL = re.compile(
    r"^\s*,?\s*của\s+(?P<issuer>[" + UPPER + r"][^,;:.()\[\]]*?)"
    r"(?=\s+(?:" + _STOP + r")\b|\s*[,;:.()\[\]]|$)"
    r"(?P<term>\s*\((?:khóa|khoá)\s+[IVXLC]+\))?"
)
_JOINER = re.compile(r"^\s*(?:,\s*)?(?:và\s+)?$")
_CODE_KINDS = {
    "NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QĐ": "Quyết định", "QĐi": "Quy định",
    "KH": "Kế hoạch", "HD": "Hướng dẫn", "TB": "Thông báo", "CTr": "Chương trình", "BC": "Báo cáo",
    "TTr": "Tờ trình", "ĐA": "Đề án", "QC": "Quy chế", "TT": "Thông tri", "CV": "Công văn",
}  # fmt: skip

# Documents cited by name. Resolutions of a congress or a plenum name it; laws, the Constitution
# and the Party Statute are named; a programme or a project is a citation when the text says it
# carries it out ("triển khai Chương trình …"), not when it approves or drafts it.
_NAMED_RESOLUTION = re.compile(
    r"(?<![\w])(?P<name>(?:Nghị quyết|Chỉ thị|Kết luận)\s+(?:Đại hội|Hội nghị|Trung ương)\b"
    r"[^,;:.()]{0,200}?)(?=\s+(?:và|về|của|để|nhằm|đã|gắn|với|trong)\b|\s*[,;:.()]|$)"
)
_NAMED_LAW = re.compile(
    r"(?<![\w])(?P<name>Luật\s+(?!(?:này|của|về|do|số|đó|trên|và|các|mới|đã|sư|quy định|hiện hành"
    r"|chuyên ngành|liên quan|nêu)\b)[^\W\d]"
    r"[^,;:.()]{0,200}?)"
    r"(?P<amend>\s*\((?:sửa đổi|bổ sung)[^)]{0,30}\))?"
    r"(?=\s*\(|\s+(?:và|có|được|đã|của|để|theo|trong|nhằm|thì|là|về|với|gắn|trên)\b|\s*[,;:.]|$)"
)
_NAMED_CONSTITUTION = re.compile(r"(?<![\w])(?P<name>Hiến pháp\s+năm\s+\d{4})")
# "Pháp lệnh dân số năm 2003": an ordinance is named with its year.
_NAMED_ORDINANCE = re.compile(
    r"(?<![\w])(?P<name>Pháp lệnh\s+(?!(?:số|này|của|về|do)\b)[^\W\d][^,;:.()\d]{0,100}?"
    r"\s+năm\s+\d{4})(?![\w/])"
)
# The Constitution without its year is cited where the text speaks of its articles or rules, or
# amends it ("sửa đổi, bổ sung một số điều của Hiến pháp"), not as a principle ("thượng tôn Hiến
# pháp và pháp luật").
_BARE_CONSTITUTION = re.compile(
    r"(?:\bđiều|\bquy định|\bsửa đổi(?:,\s*bổ sung)?|\btheo)\s+(?:của\s+)?(?P<name>Hiến pháp)"
    r"(?!\s+năm\s+\d{4})(?![\w])",
    re.IGNORECASE,
)
# A propaganda board's outline is a document of its own, named by what it is about: "Đề cương tuyên
# truyền kỷ niệm 130 năm Ngày sinh Chủ tịch Hồ Chí Minh", "… và Đề cương tuyên truyền của Ban Tuyên
# giáo Trung ương" (in lower case, "có đề cương tuyên truyền cụ thể sau", it is a word, no name).
_NAMED_OUTLINE = re.compile(
    r"(?<![\w])(?P<name>Đề cương\s+(?:tuyên truyền|giới thiệu)\b[^,;:.()]{0,200}?)"
    r"(?=\s+(?:của|do|và|để|nhằm|gửi|kèm|đã|được|trong|tới|đến|cho)\b|\s*[,;:.()]|$)"
)
_NAMED_STATUTE = re.compile(r"(?<![\w])(?P<name>Điều lệ(?:\s+[" + UPPER + r"]\w*)+)")
# Typed in lower case, a congress's resolution is still named by its congress and ordinal ("tuyên
# truyền nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII và NQ đại hội Đảng bộ huyện lần thứ XXI"),
# and the Statute by its grounds line ("Căn cứ điều lệ Đảng cộng sản Việt Nam;").
_LOWER_CONGRESS = re.compile(
    r"(?<![\w])(?:nghị quyết|NQ)\s+(?P<rest>(?:Đại hội|đại hội)(?:\s+đại biểu)?\s+(?:Đảng bộ|đảng bộ"
    r"|Chi bộ|chi bộ)(?:\s+(?!(?:và|các|của|nghị|Nghị|NQ)\b)[^\s,;:.()]+){0,8}?\s+lần\s+thứ"
    r"\s+[IVXLC]+)(?![\w])"
)
# On a grounds line the body's own congress is one paper: "Căn cứ vào nghị quyết đại hội chi bộ nhiệm
# kỳ 2020-2022;" (elsewhere "Nghị quyết Đại hội Chi bộ nhiệm kỳ …" is every cell's, see _ANY_BODY).
_GROUNDS_CONGRESS = re.compile(
    r"(?:^|\n)\s*[-–+]?\s*[cC]ăn cứ\s+(?:vào\s+)?(?P<name>(?:nghị quyết|Nghị quyết)\s+(?:đại hội|Đại hội)"
    r"(?:\s+đại biểu)?\s+(?:đảng bộ|Đảng bộ|chi bộ|Chi bộ)\s+nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4})(?!\d)"
)
_LOWER_STATUTE = re.compile(r"\b[cC]ăn cứ\s+(?:vào\s+)?điều lệ Đảng\b")
# A name is a noun phrase (a national strategy carried out is named too: "thực hiện tốt Chiến lược
# phát triển … đến năm 2030 gắn với …"): it stops before a verb of the sentence ("Chương trình hành động của
# Ban Thường vụ Tỉnh ủy phải được tiến hành …"); "Kế hoạch bảo đảm …" is no name at all.
_NAMED_PROGRAMME = re.compile(
    r"(?<=[^\W\d_] )(?P<name>(?P<kind>Chương trình|Đề án|Kế hoạch|Quy chế|Hướng dẫn|Quy định|Chiến lược)\s+"
    r"(?!(?:này|của|về|do|số|đó|trên|và|các|mới|đã|theo|sau|trên|được|cho|tại|nêu|kèm|bảo đảm"
    r"|phải|cần|sẽ|đạt)\b)"
    r"[^\W\d_" + UPPER + r"][^;:.()]{0,200}?)"
    r"(?=\s*[;:.(]|\s+(?:nhằm|để|phải|được|cần|sẽ|bảo đảm|đạt|gắn với)\b|$)"
)
# The ordinal closes the name of a congress or a plenum: "Nghị quyết Đại hội … lần thứ X" and not
# "… lần thứ X đạt nhiều thành quả".
_ORDINAL_END = re.compile(r"\blần\s+thứ\s+[^\W_]+(?:\s*\(mở rộng\))?", re.IGNORECASE)
# A preamble's grounds line opens on a capital: "- Căn cứ Quy chế làm việc của Ủy ban Kiểm tra Trung
# ương khóa XII;" cites the rules it stands on.
_CARRY_OUT = re.compile(
    r"(?:triển khai|thực hiện|quán triệt|cụ thể hóa|cụ thể hoá|[cC]ăn cứ|theo)\b"
)
# Working rules are named with their term ("khóa XIII", "nhiệm kỳ 2020 - 2025"), which closes the
# name however the sentence goes on: "căn cứ Quy chế làm việc của Ban Chấp hành Trung ương, Bộ
# Chính trị và Ban Bí thư khóa XIII, trước mắt Bộ Chính trị phân công …".
_WORKING_RULES = re.compile(
    r"(?P<name>Quy chế làm việc\s+của\s+[" + UPPER + r"][^;:.()]{2,150}?"
    r"\s+(?:kh(?:óa|oá)\s+[IVXLC]+|nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4}))(?![\w])"
)
# "Xây dựng và triển khai Đề án …": a programme still to be made is no citation, whatever follows.
_SENT_WITH = re.compile(r"\s*\(?\s*(?:gửi\s+)?kèm\s+theo\b", re.IGNORECASE)
_ASSESSES = re.compile(r"\b(?:đánh giá|tổng kết|sơ kết|báo cáo)\b", re.IGNORECASE)
_DRAFTS = re.compile(r"\b(?:xây dựng|ban hành|soạn thảo|nghiên cứu|phê duyệt)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _kind(raw: str) -> str:
    return _KIND_BY_FOLD.get(fold(raw), collapse(raw))


def _clean_symbol(raw: str) -> str:
    return re.sub(r"\s+", "", raw).replace("–", "-")


def _code_kind(symbol: str) -> str | None:
    m = re.match(r"^\d+-([A-ZĐ][A-Za-zĐđ]*)/", symbol)
    return _CODE_KINDS.get(m.group(1)) if m else None


class _Collector:
    def __init__(self, own_number: str | None) -> None:
        self.own = own_number
        self.by_number: dict[str, Citation] = {}
        self.by_name: dict[str, Citation] = {}
        self.first_seen: list[tuple[tuple[int, int], Citation]] = []
        self.where: tuple[int, int] = (0, 0)  # (text, position) of the mention being read

    def numbered(self, kind: str | None, symbol: str) -> Citation | None:
        symbol = plain_symbol(symbol)
        if self.own and symbol == self.own:
            return None
        if kind == _GENERIC:  # "văn bản số 12-CV/ĐUK": the symbol says more than the word
            kind = None
        guessed = _code_kind(symbol) or _GENERIC
        found = self.by_number.get(symbol)
        if found is None:
            found = Citation(kind or guessed, symbol)
            self.by_number[symbol] = found
            self.first_seen.append((self.where, found))
        elif kind and found.kind == guessed and kind != found.kind:
            found.kind = kind  # a kind spelled out beats one guessed from the symbol
        return found

    def named(self, kind: str, name: str) -> None:
        key = fold(name)
        if key not in self.by_name:
            citation = Citation(kind, None, name=name)
            self.by_name[key] = citation
            self.first_seen.append((self.where, citation))

    def in_order(self) -> list[Citation]:
        return [c for _, c in sorted(self.first_seen, key=lambda item: item[0])]


def _scan_numbered(text: str, collector: _Collector) -> list[tuple[int, int]]:
    spans = []
    group: list[Citation] = []
    last_end = -1
    for m in _NUMBERED.finditer(text):
        symbol = _clean_symbol(m.group("num") or m.group("bare") or m.group("owned"))
        collector.where = (collector.where[0], m.start())
        citation = collector.numbered(_kind(m.group("kind")), symbol)
        spans.append((m.start(), m.end()))
        if group and not _JOINER.match(text[last_end : m.start()]):
            group = []
        pos = m.end()
        tail = text[pos : pos + 300]
        amended = _AMENDED.match(tail)
        if amended:
            tail = tail[amended.end() :]
            pos += amended.end()
        date_m = _DATE_TAIL.match(tail)
        if date_m:
            if citation is not None and citation.date is None:
                citation.date = date_from_match(date_m)
            tail = tail[date_m.end() :]
            pos += date_m.end()
        amended = _AMENDED.match(tail)
        if amended:
            tail = tail[amended.end() :]
            pos += amended.end()
        issuer_m = _ISSUER_TAIL.match(tail)
        issuer = None
        if issuer_m:
            issuer = collapse(issuer_m.group("issuer") + (issuer_m.group("term") or ""))
            if len(issuer.split()) > 14:
                issuer = None
            pos += issuer_m.end()
        if citation is not None:
            group.append(citation)
        if issuer:
            # "Quy định số 22-QĐ/TW, ngày 28/7/2021 và Quy định số 262-QĐ/TW, … của Ban Chấp hành":
            # the issuer at the end of a list belongs to every document of the list.
            for member in group:
                if member.issuer is None:
                    member.issuer = issuer
            group = []
        last_end = pos
    return spans


def _scan_bare(text: str, spans: list[tuple[int, int]], collector: _Collector) -> None:
    starts = [start for start, _ in spans]
    for m in _BARE.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < spans[k][1]:  # already read with its kind
            continue
        symbol = _clean_symbol(m.group("num"))
        if _code_kind(symbol):
            collector.where = (collector.where[0], m.start())
            collector.numbered(None, symbol)


# "Nghị quyết Đại hội các cấp", "nghị quyết đại hội đảng bộ các cấp": every level's, no one document.
_ALL_LEVELS = re.compile(r"\bcác\s+cấp\s*$", re.IGNORECASE)
# "Nghị quyết Đại hội Đảng bộ nhiệm kỳ 2015-2020", "… Đại hội Chi bộ nhiệm kỳ 2017-2020": a body's
# word with neither its name nor the congress's number is every body's own congress, no one paper.
# Nor does "Nghị quyết Đại hội" alone ("tập trung chỉ đạo triển khai Nghị quyết Đại hội, …"), said
# to every body of its own congress.
# "Kết luận Hội nghị, đồng chí Bí thư …" (concluding the meeting) or "Nghị quyết Trung ương" alone
# names no paper either.
_ANY_BODY = re.compile(
    r"^(?:Nghị quyết|Chỉ thị|Kết luận)\s+(?:Đại hội(?:(?:\s+đại biểu)?\s+(?:Đảng bộ|Chi bộ)"
    r"(?:\s+nhiệm kỳ\b|\s*$)|\s*$)|(?:Hội nghị|Trung ương)\s*$)",
    re.IGNORECASE,
)


def _scan_named(text: str, collector: _Collector) -> None:
    for m in _NAMED_RESOLUTION.finditer(text):
        name = collapse(m.group("name"))
        ordinal = _ORDINAL_END.search(name)
        if ordinal:
            name = name[: ordinal.end()]
        # A name that the end of a cut copy breaks off ("… Đại hội đại biểu Đảng bộ huyện nhiệm kỳ
        # 2015 -") is not known: it may be one already named in full.
        cut = m.end() >= len(text.rstrip()) and not ends_with_terminal(text)
        if (
            len(name.split()) <= 25
            and not cut
            and not _ALL_LEVELS.search(name)
            and not _ANY_BODY.match(name)
        ):
            collector.where = (collector.where[0], m.start())
            collector.named(_kind(" ".join(name.split()[:2])), name)
    for m in _LOWER_CONGRESS.finditer(text):
        collector.where = (collector.where[0], m.start())
        rest = collapse(m.group("rest"))
        collector.named("Nghị quyết", f"Nghị quyết Đ{rest[1:]}")  # "đại hội" as "Đại hội"
    for m in _GROUNDS_CONGRESS.finditer(text):
        collector.where = (collector.where[0], m.start("name"))
        collector.named("Nghị quyết", "N" + collapse(m.group("name"))[1:])
    for m in _LOWER_STATUTE.finditer(text):
        collector.where = (collector.where[0], m.start())
        collector.named("Điều lệ", "Điều lệ Đảng")
    for pattern, kind in (
        (_NAMED_LAW, "Luật"),
        (_NAMED_CONSTITUTION, "Hiến pháp"),
        (_BARE_CONSTITUTION, "Hiến pháp"),
        (_NAMED_ORDINANCE, "Pháp lệnh"),
        (_NAMED_STATUTE, "Điều lệ"),
        (_NAMED_OUTLINE, "Đề cương"),
    ):
        for m in pattern.finditer(text):
            name = collapse(m.group("name") + (m.groupdict().get("amend") or ""))
            if kind == "Điều lệ" and fold(name).startswith("dieu le dang cong"):
                # "Điều lệ Đảng Cộng sản Việt Nam" and "Điều lệ Đảng" are the one Party Statute.
                name = "Điều lệ Đảng"
            if len(name.split()) <= 25:
                collector.where = (collector.where[0], m.start())
                collector.named(kind, name)
    for m in _WORKING_RULES.finditer(text):
        if _CARRY_OUT.search(_clause_before(text, m.start())):
            collector.where = (collector.where[0], m.start())
            collector.named("Quy chế", collapse(m.group("name")))
    for m in _NAMED_PROGRAMME.finditer(text):
        before = _clause_before(text, m.start())
        name = collapse(m.group("name"))
        if _SENT_WITH.match(text, m.end()):
            continue  # "… mẫu (gửi kèm theo)": the paper sent with this one is its own annex
        if m.group("kind") == "Chiến lược" and _ASSESSES.search(before):
            continue  # "Báo cáo đánh giá 5 năm thực hiện Chiến lược …": what a report is about
        if _CARRY_OUT.search(before) and not _DRAFTS.search(before) and len(name.split()) <= 25:
            collector.where = (collector.where[0], m.start())
            collector.named(_kind(m.group("kind")), name)


def _clause_before(text: str, at: int) -> str:
    """The words of the clause before ``at``, at most 40 characters back."""
    low = max(0, at - 40)
    return text[max(low - 1, *(text.rfind(c, low, at) for c in ";:.")) + 1 : at]


def find_citations(
    texts: Iterable[str], own_number: str | None = None, own_title: str | None = None
) -> list[Citation]:
    collector = _Collector(own_number)
    for index, text in enumerate(texts):
        if not text:
            continue
        collector.where = (index, 0)
        spans = _scan_numbered(text, collector)
        _scan_bare(text, spans, collector)
        _scan_named(text, collector)
    found = [c for c in collector.in_order() if not _names_itself(c, own_title)]
    found = [c for c in found if not _shortened(c, found)]
    if any(c.name and c.name.startswith("Hiến pháp năm") for c in found):
        # "… một số điều của Hiến pháp năm 2013 …", later "sửa đổi, bổ sung Hiến pháp": one text.
        found = [c for c in found if c.name != "Hiến pháp"]
    return found


def _names_itself(citation: Citation, own_title: str | None) -> bool:
    """A copy's lead names the document itself ("đăng toàn văn Nghị quyết Đại hội … lần thứ XI"):
    a name that the document's own title starts with is no citation."""
    if citation.number_symbol or not citation.name or not own_title:
        return False
    name, title = fold(citation.name), fold(own_title)
    if len(name.split()) >= 3 and title.startswith(name):
        return True
    # The same name with its small words put otherwise: "Kế hoạch tổ chức Đại hội các Chi bộ trực
    # thuộc nhiệm kỳ 2022 - 2025" is "Kế hoạch về tổ chức Đại hội chi bộ trực thuộc, nhiệm kỳ …".
    return len(name.split()) >= 6 and _content_words(title) == _content_words(name)


_SMALL_WORDS = frozenset({"ve", "cac", "nhung", "cua", "viec"})


def _content_words(folded: str) -> list[str]:
    return [w for w in re.findall(r"\w+", folded) if w not in _SMALL_WORDS]


def _shortened(citation: Citation, found: list[Citation]) -> bool:
    """A name said again short ("Nghị quyết Đại hội Đảng bộ phường" after "Nghị quyết Đại hội Đảng
    bộ phường Ngọc Lâm lần thứ XXIII") is the paper already named in full. Only a congress's or a
    plenum's paper: "Luật Đầu tư" and "Luật Đầu tư công" are two laws."""
    if citation.number_symbol or not citation.name or not _NAMED_RESOLUTION.match(citation.name):
        return False
    short = fold(citation.name) + " "
    return any(
        other is not citation
        and not other.number_symbol
        and other.name
        and fold(other.name).startswith(short)
        for other in found
    )

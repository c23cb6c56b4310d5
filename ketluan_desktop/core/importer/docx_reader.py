"""Word .docx to lines: paragraph text in reading order (tables and text boxes included), list
numbering turned back into the marks the page shows ("1.", "a)", "-"), bold kept as a hint for
headings.

Read straight from the XML with lxml, one pass over the body, so the time grows with the size of
the file (python-docx recomputes a table's whole grid for every row and looks styles up one by one,
which made crafted files take minutes). What a file may cost is bounded by ``limits``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.etree as etree  # the compiled module: pyright resolves it in this form

from ketluan_desktop.core.importer.limits import Budget, open_docx_parts
from ketluan_desktop.core.importer.lines import SourceLine
from ketluan_desktop.core.importer.textutil import collapse, scrub

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NS = {"w": _W, "mc": _MC}


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    _q(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent")
)
_R, _T, _TAB, _BR, _CR, _NBH = (_q(t) for t in ("r", "t", "tab", "br", "cr", "noBreakHyphen"))
# Inside a paragraph these hold text that is not on the page (deleted, moved away, the VML copy of
# a drawing) or text of their own paragraphs (text boxes), read separately.
_SKIP_INSIDE = {_q("del"), _q("moveFrom"), f"{{{_MC}}}Fallback", _q("txbxContent"), _q("delText")}
_TEXT_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces=_NS)
_FALSE = {"0", "false", "off"}


def _val(el: Any, tag: str) -> str | None:
    child = el.find(_q(tag)) if el is not None else None
    return child.get(_q("val")) if child is not None else None


def _on(el: Any, tag: str) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``) or None when absent."""
    child = el.find(_q(tag)) if el is not None else None
    if child is None:
        return None
    return (child.get(_q("val")) or "true").lower() not in _FALSE


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += sym
            n -= value
    return out  # fmt: skip


def _letter(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[(n - 1) % 26] * min((n - 1) // 26 + 1, 4)


@dataclass
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    num: tuple[str, int] | None


class _Styles:
    def __init__(self, root: Any | None) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for st in root.iter(_q("style")):
            sid = st.get(_q("styleId")) or ""
            ppr = st.find(_q("pPr"))
            num_pr = ppr.find(_q("numPr")) if ppr is not None else None
            self.by_id[sid] = _Style(
                name=(_val(st, "name") or "").lower(),
                based_on=_val(st, "basedOn"),
                bold=_on(st.find(_q("rPr")), "b"),
                num=_num_of(num_pr) if num_pr is not None else None,
            )
            default = (st.get(_q("default")) or "").lower() in ("1", "true", "on")
            if default and st.get(_q("type")) == "paragraph":
                self.default_paragraph = sid

    def chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        sid = sid or self.default_paragraph
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            style = self.by_id[sid]
            yield style
            sid = style.based_on

    def bold(self, sid: str | None) -> bool:
        for style in self.chain(sid):
            if style.bold is not None:
                return style.bold
            if style.name.startswith(("heading", "title")):
                return True
        return False

    def num(self, sid: str | None) -> tuple[str, int] | None:
        for style in self.chain(sid):
            if style.num is not None:
                return style.num
        return None

    def name(self, sid: str | None) -> str:
        style = self.by_id.get(sid or self.default_paragraph or "")
        return style.name if style else ""


def _num_of(num_pr: Any) -> tuple[str, int] | None:
    num_id = _val(num_pr, "numId")
    ilvl = _val(num_pr, "ilvl")
    level = int(ilvl) if ilvl and ilvl.isdigit() and int(ilvl) < 9 else 0
    return (num_id, level) if num_id else None


class _Numbering:
    """Word's automatic numbering: the numbers are not in the paragraph text, so count them here."""

    def __init__(self, root: Any | None) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract_levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.findall(_q("abstractNum")):
            levels = abstract_levels.setdefault(abstract.get(_q("abstractNumId")) or "", {})
            for lvl in abstract.findall(_q("lvl")):
                raw = lvl.get(_q("ilvl")) or "0"
                ilvl = int(raw) if raw.isdigit() and int(raw) < 9 else 0
                start = _val(lvl, "start")
                levels[ilvl] = (
                    _val(lvl, "numFmt") or "decimal",
                    (_val(lvl, "lvlText") or "")[:40],
                    int(start) if start and start.isdigit() and len(start) < 6 else 1,
                )
        for num in root.findall(_q("num")):
            num_id = num.get(_q("numId")) or ""
            for ilvl, spec in abstract_levels.get(_val(num, "abstractNumId") or "", {}).items():
                self.levels[(num_id, ilvl)] = spec

    def mark(self, num_id: str, ilvl: int) -> str | None:
        spec = self.levels.get((num_id, ilvl))
        if spec is None:
            return None
        fmt, text, start = spec
        if fmt == "bullet":
            if text.strip() in ("+", "-", "–"):
                return text.strip()
            return "+" if ilvl > 0 else "-"
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        out = text
        for level in range(9):
            token = f"%{level + 1}"
            if token in out:
                level_fmt, _, level_start = self.levels.get((num_id, level), ("decimal", "", 1))
                value = counters[level] or level_start
                out = out.replace(token, self._format(value, level_fmt))
        return out.strip() or None

    @staticmethod
    def _format(n: int, fmt: str) -> str:
        if fmt == "lowerLetter":
            return _letter(n)
        if fmt == "upperLetter":
            return _letter(n).upper()
        if fmt == "lowerRoman":
            return _to_roman(min(n, 3999)).lower()
        if fmt == "upperRoman":
            return _to_roman(min(n, 3999))
        if fmt == "decimalZero":
            return f"{n:02d}"
        return str(n)


def _runs(p: Any) -> Iterator[tuple[Any, str]]:
    """The paragraph's own runs in document order, with their text. Tracked insertions, simple
    fields, smart tags and content controls count; deleted text, field codes, text boxes and the
    VML copy of a drawing do not."""
    stack = [iter(p)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP_INSIDE or tag == _P:
            continue
        if tag == _R:
            yield el, _run_text(el)
            continue
        stack.append(iter(el))


def _run_text(r: Any) -> str:
    out = []
    for el in r:
        tag = el.tag
        if tag == _T:
            out.append(el.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag == _NBH:
            out.append("-")
        elif tag in (_BR, _CR):
            out.append("\n")
    return "".join(out)


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering, budget: Budget) -> None:
        self.styles = styles
        self.numbering = numbering
        self.budget = budget
        self.lines: list[SourceLine] = []

    def _add(self, line: SourceLine) -> None:
        self.lines.append(line)
        self.budget.count_line(len(self.lines))

    def paragraph(self, p: Any) -> None:
        # Text boxes (often used for the header's two columns) come before their anchor paragraph.
        for box in _TEXT_BOXES(p):
            self.container(box)
        ppr = p.find(_q("pPr"))
        style_id = _val(ppr, "pStyle")
        num_pr = ppr.find(_q("numPr")) if ppr is not None else None
        num = _num_of(num_pr) if num_pr is not None else self.styles.num(style_id)
        mark = None
        if num is not None and num[0] != "0":
            mark = self.numbering.mark(*num)
        elif num is None and "list bullet" in self.styles.name(style_id):
            mark = "-"
        default_bold = self.styles.bold(style_id)
        pieces: list[str] = []
        flags: list[tuple[str, bool]] = []
        for r, text in _runs(p):
            pieces.append(text)
            if text.strip():
                direct = _on(r.find(_q("rPr")), "b")
                flags.append((text, default_bold if direct is None else direct))
        bold, prefix = _bold_hints(flags)
        parts = scrub("".join(pieces)).split("\n")
        for k, part in enumerate(parts):
            line = collapse(part)
            if k == 0 and mark and line:
                line = f"{mark} {line}"
                prefix = f"{mark} {prefix}" if prefix else None
            self._add(
                SourceLine(
                    line,
                    hard=True,
                    bold=bold and bool(line),
                    bold_prefix=prefix if k == 0 else None,
                )
            )

    def table(self, tbl: Any) -> None:
        for tr in _children(tbl, _TR):
            for tc in _children(tr, _TC):
                tcpr = tc.find(_q("tcPr"))
                merge = tcpr.find(_q("vMerge")) if tcpr is not None else None
                if merge is not None and merge.get(_q("val")) != "restart":
                    continue  # the lower part of a cell merged downwards: no text of its own
                self.container(tc)
                self._add(SourceLine("", hard=True))

    def container(self, el: Any) -> None:
        """Paragraphs and tables of a body, cell or text box, in order."""
        for child in _children(el, _P, _TBL):
            self.budget.tick()
            if child.tag == _P:
                self.paragraph(child)
            else:
                self.table(child)


def _children(el: Any, *tags: str) -> Iterator[Any]:
    """Direct children with these tags, looking through content controls (``w:sdt``)."""
    for child in el:
        if child.tag in tags:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, *tags)


def _bold_hints(flags: list[tuple[str, bool]]) -> tuple[bool, str | None]:
    if not flags:
        return False, None
    if all(bold for _, bold in flags):
        return True, None
    prefix = ""
    for text, bold in flags:
        if not bold:
            break
        prefix += text
    return False, collapse(prefix) or None


def read_docx(data: bytes, name: str, budget: Budget | None = None) -> list[SourceLine]:
    budget = budget or Budget(name)
    parts = open_docx_parts(data, name, budget)
    # Counted in C before anything is read, so a file of 200,000 empty paragraphs is refused at once.
    budget.count_line(sum(1 for _ in parts.document.iter(_P)))
    reader = _Reader(_Styles(parts.styles), _Numbering(parts.numbering), budget)
    body = parts.document.find(_q("body"))
    if body is not None:
        reader.container(body)
    return reader.lines

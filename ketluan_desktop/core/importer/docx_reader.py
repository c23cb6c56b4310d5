"""Word .docx to lines: paragraph text in reading order (tables and text boxes included), list
numbering turned back into the marks the page shows ("1.", "a)", "-"), bold kept as a hint for
headings.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

from ketluan_desktop.core.errors import ImportError_
from ketluan_desktop.core.importer.lines import SourceLine
from ketluan_desktop.core.importer.textutil import collapse, scrub

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NS = {"w": _W, "mc": _MC}


_TEXT_BOX_PARAGRAPHS = etree.XPath(
    ".//w:txbxContent[not(ancestor::mc:Fallback)]//w:p", namespaces=_NS
)
# The paragraph's own text in document order. python-docx's ``Paragraph.text`` reads only direct
# runs and hyperlinks, so it loses tracked insertions, simple fields, smart tags and content
# controls. Left out: deleted text (w:delText, w:del, w:moveFrom), field codes (w:instrText), the
# VML copy of a drawing (mc:Fallback) and text boxes, which are paragraphs of their own.
_TEXT_PARTS = etree.XPath(
    ".//w:r/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
    namespaces=_NS,
)
_SKIP_INSIDE = {f"{{{_W}}}del", f"{{{_W}}}moveFrom", f"{{{_MC}}}Fallback", f"{{{_W}}}p"}


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(el: Any, tag: str) -> str | None:
    child = el.find(_q(tag)) if el is not None else None
    return child.get(_q("val")) if child is not None else None


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
    return letters[(n - 1) % 26] * ((n - 1) // 26 + 1)


class _Numbering:
    """Word's automatic numbering: the numbers are not in the paragraph text, so count them here."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.num_to_abstract: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        abstract_levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.findall(_q("abstractNum")):
            levels = abstract_levels.setdefault(abstract.get(_q("abstractNumId")), {})
            for lvl in abstract.findall(_q("lvl")):
                ilvl = int(lvl.get(_q("ilvl")) or 0)
                start = _val(lvl, "start")
                levels[ilvl] = (
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    int(start) if start and start.isdigit() else 1,
                )
        for num in root.findall(_q("num")):
            num_id = num.get(_q("numId"))
            abstract_id = _val(num, "abstractNumId")
            for ilvl, spec in abstract_levels.get(abstract_id or "", {}).items():
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
                value = counters[level] or self.levels.get((num_id, level), ("decimal", "", 1))[2]
                level_fmt = self.levels.get((num_id, level), ("decimal", "", 1))[0]
                out = out.replace(token, self._format(value, level_fmt))
        return out.strip() or None

    @staticmethod
    def _format(n: int, fmt: str) -> str:
        if fmt == "lowerLetter":
            return _letter(n)
        if fmt == "upperLetter":
            return _letter(n).upper()
        if fmt == "lowerRoman":
            return _to_roman(n).lower()
        if fmt == "upperRoman":
            return _to_roman(n)
        if fmt == "decimalZero":
            return f"{n:02d}"
        return str(n)


def _belongs_to(el: Any, p: Any) -> bool:
    """``el`` is text of ``p`` itself, not of a nested text-box paragraph or deleted content."""
    parent = el.getparent()
    while parent is not None and parent is not p:
        if parent.tag in _SKIP_INSIDE:
            return False
        parent = parent.getparent()
    return parent is p


def _paragraph_text(p: Any) -> str:
    out = []
    for el in _TEXT_PARTS(p):
        if not _belongs_to(el, p):
            continue
        tag = etree.QName(el).localname
        if tag == "t":
            out.append(el.text or "")
        elif tag == "tab":
            out.append("\t")
        elif tag == "noBreakHyphen":
            out.append("-")
        else:  # br, cr
            out.append("\n")
    return "".join(out)


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    ppr = paragraph._p.pPr
    num_pr = ppr.find(_q("numPr")) if ppr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        style_ppr = style.element.pPr
        num_pr = style_ppr.find(_q("numPr")) if style_ppr is not None else None
        style = style.base_style
    if num_pr is None:
        return None
    num_id = _val(num_pr, "numId")
    ilvl = _val(num_pr, "ilvl")
    if not num_id or num_id == "0":
        return None
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


def _style_bold(paragraph: Any) -> bool:
    style = paragraph.style
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return bool(style.font.bold)
        if style.name and style.name.lower().startswith(("heading", "title")):
            return True
        style = style.base_style
    return False


def _bold_hints(paragraph: Any) -> tuple[bool, str | None]:
    default = _style_bold(paragraph)
    flags: list[tuple[str, bool]] = []
    for run in paragraph.runs:
        text = run.text
        if text.strip():
            flags.append((text, default if run.bold is None else bool(run.bold)))
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


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.numbering = _Numbering(document)
        self.lines: list[SourceLine] = []

    def paragraph(self, paragraph: Any) -> None:
        from docx.text.paragraph import Paragraph

        # Text boxes (often used for the header's two columns) come before their anchor paragraph.
        for box_p in _TEXT_BOX_PARAGRAPHS(paragraph._p):
            self.paragraph(Paragraph(box_p, paragraph._parent))
        text = scrub(_paragraph_text(paragraph._p))
        num = _num_pr(paragraph)
        mark = self.numbering.mark(*num) if num else None
        if mark is None and num is None:
            name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
            if "list bullet" in name:
                mark = "-"
        bold, prefix = _bold_hints(paragraph)
        parts = text.split("\n") or [""]
        for k, part in enumerate(parts):
            line = collapse(part)
            if k == 0 and mark and line:
                line = f"{mark} {line}"
                prefix = f"{mark} {prefix}" if prefix else None
            self.lines.append(
                SourceLine(
                    line,
                    hard=True,
                    bold=bold and bool(line),
                    bold_prefix=prefix if k == 0 else None,
                )
            )

    def table(self, table: Any) -> None:
        seen: set[int] = set()
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                for block in cell.iter_inner_content():
                    self.block(block)
                self.lines.append(SourceLine("", hard=True))

    def block(self, block: Any) -> None:
        from docx.table import Table

        if isinstance(block, Table):
            self.table(block)
        else:
            self.paragraph(block)


def read_docx(data: bytes, name: str) -> list[SourceLine]:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ImportError_(
                    f"Tệp “{name}” là tệp nén nhưng không phải tệp Word .docx. "
                    "Hãy chọn đúng tệp .docx hoặc .txt rồi nhập lại."
                )
        document = docx.Document(io.BytesIO(data))
    except ImportError_:
        raise
    except Exception as exc:  # python-docx raises many kinds for a damaged file
        raise ImportError_(
            f"Tệp “{name}” không mở được như tệp Word .docx (tệp hỏng hoặc không đúng định dạng). "
            "Hãy mở thử bằng Word, lưu lại rồi nhập lại.",
            detail=repr(exc),
        ) from exc
    reader = _Reader(document)
    for block in document.iter_inner_content():
        reader.block(block)
    return reader.lines

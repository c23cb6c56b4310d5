"""Lines of the body to paragraphs.

Plain text reaches us in two shapes: one line per paragraph (Word's "save as text"), or lines
wrapped at a fixed width (copied from a PDF or a web page), with or without blank lines between
paragraphs. Page breaks of a PDF add page numbers and running headers in the middle and cut
paragraphs in two.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ketluan_desktop.core.importer.lines import SourceLine
from ketluan_desktop.core.importer.markers import parse_marker
from ketluan_desktop.core.importer.textutil import (
    ends_sentence,
    ends_with_terminal,
    first_letter,
    fold_keep,
    is_upper_text,
    starts_lower,
)

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:Trang|trang|TRANG|Page|page)\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?$"
)
_SEPARATOR = re.compile(r"^[-_=*~.·•]{3,}$|^(?:[-_=*~] ?){3,}$")
# What a print leaves between pages: the Word file's name with the page number ("18.KLTW75.DOC 5",
# "nq-28.docx - Trang 3"), a path; and OCR specks (a lone quote, bar or dot).
_PRINT_NAME = re.compile(
    r"^(?:[A-Za-z]:\\|/)?[\w.\\/ -]{0,60}\.(?:docx?|pdf|txt|rtf|odt)\b(?:\s*[-–—]?\s*(?:trang|page)?"
    r"\s*\d{1,3}(?:\s*/\s*\d{1,3})?)?$",
    re.IGNORECASE,
)
_SPECK = re.compile(r"^[^\w(\[{“\"]{1,3}$|^[.,'`´‘’|:;~^°]{1,4}\s*\w?$")
# A news page's photo caption ("Đại hội … thành công rất tốt đẹp - Ảnh: VGP/Nhật Bắc", "(Ảnh:
# TTXVN)") is the page's, not the document's.
_CAPTION = re.compile(r"(?:^|[-–—(]\s*)Ảnh\s*:\s*[^.:;]{1,60}\)?$")
_CAPTION_MAX = 300
_LONG_LINE = 150
# Words a heading cannot end with: a line ending in one of them runs on into the next line.
_FUNCTION_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads better as words
        "voi cua va cac nhung ve cho trong theo de la duoc co tu tai da se thi ma nhu hoac bang"
        " do vi den tren duoi sau truoc nham gom mot so nay khi neu"
    ).split()
)


@dataclass
class Para:
    text: str
    bold: bool = False
    bold_prefix: str | None = None


@dataclass
class ParagraphStats:
    page_lines_removed: int = 0
    rejoined: int = 0


def _is_noise(line: SourceLine) -> bool:
    text = line.text
    return bool(
        _PAGE_NUMBER.match(text)
        or _SEPARATOR.match(text)
        or _PRINT_NAME.match(text)
        or (_SPECK.match(text) and parse_marker(text) is None)
        or (len(text) <= _CAPTION_MAX and _CAPTION.search(text) is not None)
    )


def _drop_page_furniture(lines: list[SourceLine], stats: ParagraphStats) -> list[SourceLine]:
    """Page numbers, separator rules and running headers become blank lines."""
    out = [SourceLine("", hard=ln.hard) if _is_noise(ln) else ln for ln in lines]
    # A header printed right under (or a footer right over) a page number counts as furniture.
    near_page_number = {
        i + d for i, ln in enumerate(lines) if _PAGE_NUMBER.match(ln.text) for d in range(-2, 3)
    }
    stats.page_lines_removed += sum(1 for a, b in zip(lines, out, strict=True) if a is not b)

    def isolated(i: int) -> bool:
        before = i == 0 or out[i - 1].blank
        after = i + 1 == len(out) or out[i + 1].blank
        return (before and after) or i in near_page_number

    # A running header repeats on every page, stands alone between page breaks, and is short.
    counts = Counter(
        ln.text.casefold()
        for i, ln in enumerate(out)
        if not ln.blank and len(ln.text) <= 100 and isolated(i)
    )
    repeated = {
        text
        for text, n in counts.items()
        if n >= 2 and (not ends_with_terminal(text) or is_upper_text(text))
    }
    if repeated:
        for i, ln in enumerate(out):
            key = ln.text.casefold()
            if key in repeated and isolated(i) and parse_marker(ln.text) is None:
                out[i] = SourceLine("", hard=ln.hard)
                stats.page_lines_removed += 1
    return out


def _one_paragraph_per_line(lines: list[SourceLine]) -> bool:
    texts = [ln for ln in lines if not ln.blank]
    if not texts:
        return True
    if all(ln.hard for ln in texts):
        return True
    long_lines = sum(1 for ln in texts if len(ln.text) > _LONG_LINE)
    return long_lines * 10 >= len(texts) * 3


def _wrap_width(lines: list[SourceLine]) -> int:
    lengths = sorted(len(ln.text) for ln in lines if not ln.blank)
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0])


def _ends_in_function_word(text: str) -> bool:
    words = text.split()
    return bool(words) and fold_keep(words[-1]) in _FUNCTION_WORDS


def _breaks_between(prev: str, nxt: str, width: int, prev_opens: bool) -> bool:
    """In wrapped text, does a new paragraph start at ``nxt``? ``prev_opens``: ``prev`` is the first
    line of its paragraph."""
    if is_upper_text(prev) != is_upper_text(nxt):
        return True
    marker = parse_marker(nxt)
    short = len(prev) < width * 0.85
    # A short numbered line before a capital is a heading ("1. Đánh giá … năm 2024" / "Trong 6
    # tháng …") unless it stops on a word that cannot end one ("1. Cơ bản thống nhất với" / "Báo cáo").
    prev_marker = parse_marker(prev) if prev_opens else None
    if prev_marker is not None and prev_marker.kind in ("roman", "arabic") and short:
        letter = first_letter(nxt)
        capital = nxt[0].isdigit() or (letter is not None and letter.isupper())
        if capital and len(prev_marker.rest.split()) >= 2 and not _ends_in_function_word(prev):
            return True
    heading_then_item = marker is not None and marker.kind == "item" and marker.number == 1
    if heading_then_item and prev_marker is not None and prev_marker.kind in ("roman", "arabic"):
        return True  # "1. Các cấp ủy …" / "(1) Bám sát …": a heading, then its first item
    if marker is not None and marker.kind != "bullet":
        return ends_with_terminal(prev) or short
    if marker is not None:
        letter = first_letter(marker.rest)
        return ends_with_terminal(prev) or (short and letter is not None and letter.isupper())
    if ends_sentence(prev) or prev.rstrip().endswith((":", ";")):
        letter = first_letter(nxt)
        return short and (letter is None or letter.isupper() or nxt[0] in '"“(')
    return False


def _short_heading(parts: list[str], nxt: str, width: int) -> bool:
    """A short paragraph whose last line stops far short of the text's width, with no closing
    punctuation, before a capital: a heading that lost its bold in a PDF ("Mục đích, yêu cầu" /
    "Tổ chức quán triệt …")."""
    prev, whole = parts[-1], " ".join(parts)
    if len(prev) >= width * 0.5 or len(whole) > 150 or len(whole.split()) < 2:
        return False
    if ends_with_terminal(prev) or parse_marker(whole) is not None:
        return False  # numbered lines have their own rule ("4.6. Văn phòng" / "Trung ương …")
    if prev.rstrip().endswith((",", "-", "–")) or _ends_in_function_word(prev):
        return False
    letter = first_letter(nxt)
    return letter is not None and letter.isupper() and not is_upper_text(nxt)


def _bullet_after_heading(parts: list[str], nxt: str) -> bool:
    """A numbered heading wrapped over two or three lines, then its first "- " entry in capitals
    ("3. Xây dựng đề án … (cấp tỉnh và" / "cấp xã); … gửi Ban Chấp hành Trung ương Đảng" / "- Giao
    Ban Tổ chức Trung ương …"): the entry starts a paragraph of its own even though the heading's
    last line runs to the text's width. (A dash inside a wrapped sentence goes on in lower case:
    "… chính trị" / "- xã hội".)"""
    if len(parts) < 2 or len(parts) > 3 or ends_with_terminal(parts[-1]):
        return False
    if not re.match(r"^[-–]\s+\S", nxt):
        return False
    opener = parse_marker(parts[0])
    if opener is None or opener.kind not in ("roman", "arabic", "sub"):
        return False
    prev = parts[-1].rstrip()
    if prev.endswith((",", "-", "–")) or _ends_in_function_word(prev):
        return False
    letter = first_letter(nxt)
    return letter is not None and letter.isupper()


def build_paragraphs(lines: list[SourceLine], stats: ParagraphStats | None = None) -> list[Para]:
    stats = stats if stats is not None else ParagraphStats()
    lines = _drop_page_furniture(lines, stats)
    per_line = _one_paragraph_per_line(lines)
    width = _wrap_width(lines)
    # Each group: the first line's hints and the lines that make up one paragraph.
    groups: list[tuple[SourceLine, list[str]]] = []
    gap = True
    for ln in lines:
        if ln.blank:
            gap = True
            continue
        if groups and not gap and not per_line and not ln.hard:
            parts = groups[-1][1]
            if _short_heading(parts, ln.text, width):
                groups.append((ln, [ln.text]))
                continue
            if not _breaks_between(
                parts[-1], ln.text, width, len(parts) == 1
            ) and not _bullet_after_heading(parts, ln.text):
                parts.append(ln.text)
                continue
        groups.append((ln, [ln.text]))
        gap = False
    out: list[Para] = []
    pending: list[str] = []  # pieces of out[-1] still to be joined
    for first, parts in groups:
        para = Para(" ".join(parts), first.bold, first.bold_prefix)
        if out and _continues(pending[-1], para.text):
            pending.append(para.text)
            out[-1].bold = out[-1].bold and para.bold
            stats.rejoined += 1
            continue
        if out:
            out[-1].text = " ".join(pending)
        out.append(para)
        pending = [para.text]
    if out:
        out[-1].text = " ".join(pending)
    return out


def _continues(prev: str, text: str) -> bool:
    """A paragraph cut by a page break: the first part has no closing punctuation and the second
    starts in lower case ("… khi có" / "biến động về nhân sự …")."""
    if ends_with_terminal(prev) or is_upper_text(prev):
        return False
    return parse_marker(text) is None and starts_lower(text)

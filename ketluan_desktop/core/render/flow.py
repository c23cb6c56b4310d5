"""From the layout model to positioned lines on pages, for the PDF writer.

Each line sits in a box as tall as its exact line spacing with its descent at the bottom (as
Word does with "exactly"); the first box on a page is raised so that the top of its text meets
the top margin, and no box may reach below the bottom margin. Page breaks follow a word
processor's rules: no single line of a paragraph alone at the foot or the head of a page,
headings stay with what follows, the signer block never splits and takes the last two lines of
the body with it. Coordinates here run down from the top.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ketluan_desktop.core.render.layout import (
    Align,
    Column,
    DocumentLayout,
    PageGeometry,
    Para,
    Role,
    TextStyle,
)
from ketluan_desktop.core.render.linebreak import break_lines
from ketluan_desktop.core.render.metrics import FontMetrics

_EPS = 0.01


@dataclass(frozen=True)
class PlacedText:
    x: float
    baseline: float  # from the top edge
    text: str
    font: str  # ReportLab font name
    size: float
    word_space: float  # extra space per space character (justification)
    width: float  # drawn width
    role: Role
    underline: tuple[float, float] | None = None  # (distance below baseline, thickness)
    joined: bool = False  # goes on where the previous text ended (a change of face in a line)


@dataclass(frozen=True)
class PlacedRule:
    x0: float
    x1: float
    y: float  # middle of the line, from the top edge
    thickness: float


@dataclass
class PlacedPage:
    texts: list[PlacedText] = field(default_factory=list)
    rules: list[PlacedRule] = field(default_factory=list)


@dataclass(frozen=True)
class Box:
    page_index: int
    x0: float
    top: float  # from the top edge
    x1: float
    bottom: float


@dataclass
class Placement:
    width: float
    height: float
    pages: list[PlacedPage]
    signer_box: Box | None


# ------------------------------------------------------------------------------ items to paginate
@dataclass
class _Item:
    advance: float  # how far the next item starts below this one's top
    extent: (
        float  # how far below its top the item draws (fit test); >= advance for the signer block
    )
    glyph_top: (
        float  # top of the highest text below the item's top (aligned to the margin at page top)
    )
    gap_before: float  # space before, dropped at the top of a page
    breakable: bool  # may a page break come just before this item?
    texts: list[PlacedText] = field(default_factory=list)  # x from the text area, y from item top
    rules: list[PlacedRule] = field(default_factory=list)
    signer_box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom


class _Builder:
    def __init__(self, layout: DocumentLayout, metrics: FontMetrics) -> None:
        self.layout = layout
        self.m = metrics

    # -- one paragraph as positioned lines, relative to the paragraph's first box top
    def para_lines(self, para: Para, x0: float, width: float) -> list[_Item]:
        face = para.style.face
        fm = self.m.face(face)
        size = para.style.size
        text_of = para.text
        width_of = self.m.width
        space = width_of(" ", face, size)

        def measure(start: int, end: int) -> float:
            if para.spans:
                return sum(width_of(text_of[a:b], f, size) for a, b, f in para.runs(start, end))
            if end == start + 1 and text_of[start] == " ":
                return space  # the gap between two words, asked for at every word
            return width_of(text_of[start:end], face, size)

        first_w = width - para.left_indent - para.first_indent
        rest_w = width - para.left_indent
        lines = break_lines(para.text, first_w, rest_w, measure)
        items: list[_Item] = []
        box = para.line_spacing
        base = box - fm.descent * size
        underline = (
            (fm.underline_position * size, max(fm.underline_thickness * size, 0.5))
            if para.style.underline
            else None
        )
        n = len(lines)
        for i, line in enumerate(lines):
            indent = para.left_indent + (para.first_indent if i == 0 else 0.0)
            avail = width - indent
            x = x0 + indent
            word_space = 0.0
            drawn = line.width
            if para.align == Align.CENTER:
                x += (avail - line.width) / 2
            elif para.align == Align.RIGHT:
                x += avail - line.width
            elif para.align == Align.JUSTIFY and not line.last and line.spaces:
                word_space = (avail - line.width) / line.spaces
                drawn = avail
            if para.spans:
                texts = self._runs(para, line.start, line.end, x, base, word_space, underline)
            else:
                texts = [
                    PlacedText(
                        x,
                        base,
                        line.text,
                        fm.font_name,
                        size,
                        word_space,
                        drawn,
                        para.role,
                        underline,
                    )
                ]
            item = _Item(
                advance=box,
                extent=box,
                glyph_top=base - fm.ascent * size,
                gap_before=0.0,
                # Widow and orphan control: never one line alone at the foot or head of a page.
                breakable=i == 0 or (i >= 2 and n - i >= 2),
                texts=texts,
            )
            if para.rule_below is not None and i == n - 1:
                rule_w = min(para.rule_below.width, avail)
                rx = x0 + indent + (avail - rule_w) / 2
                y = base + para.rule_below.gap
                item.rules.append(PlacedRule(rx, rx + rule_w, y, para.rule_below.thickness))
            items.append(item)
        if items:
            items[0].gap_before = para.space_before
        return items

    def _runs(
        self,
        para: Para,
        start: int,
        end: int,
        x: float,
        base: float,
        word_space: float,
        underline: tuple[float, float] | None,
    ) -> list[PlacedText]:
        """One line of a paragraph with inline emphasis: a text per face, each where the last
        ended, sharing the line's word spacing (a space at a run's edge stretches like any)."""
        out: list[PlacedText] = []
        size = para.style.size
        for a, b, face in para.runs(start, end):
            piece = para.text[a:b]
            w = self.m.width(piece, face, size) + word_space * piece.count(" ")
            font = self.m.face(face).font_name
            out.append(
                PlacedText(
                    x,
                    base,
                    piece,
                    font,
                    size,
                    word_space,
                    w,
                    para.role,
                    underline,
                    joined=bool(out),
                )
            )
            x += w
        return out

    # -- a column of paragraphs stacked into one rigid block
    def column(self, col: Column) -> tuple[_Item, list[float]]:
        """The column as one item (x relative to the text area) and each paragraph's bottom."""
        block = _Item(
            advance=0.0, extent=0.0, glyph_top=float("inf"), gap_before=0.0, breakable=False
        )
        y = 0.0
        bottoms: list[float] = []
        prev_after = 0.0
        for para in col.paras:
            lines = self.para_lines(para, col.offset, col.width)
            if not lines:
                continue
            y += prev_after + para.space_before if bottoms else 0.0
            for line in lines:
                block.texts += [_shift(t, y) for t in line.texts]
                block.rules += [_shift_rule(r, y) for r in line.rules]
                block.glyph_top = min(block.glyph_top, y + line.glyph_top)
                y += line.advance
            bottoms.append(y)
            prev_after = para.space_after
        block.advance = block.extent = y
        if block.glyph_top == float("inf"):
            block.glyph_top = 0.0
        return block, bottoms

    def header(self) -> _Item:
        left, _ = self.column(self.layout.header_left)
        right, _ = self.column(self.layout.header_right)
        return _merge(left, right)

    def closing(self) -> list[_Item]:
        """The signer block and the recipients beside it as one rigid item; the rest after."""
        right, _ = self.column(self.layout.closing_right)
        signer_box = self._signer_box(right)
        head_left = Column(self.layout.closing_left.offset, self.layout.closing_left.width)
        rest: list[_Item] = []
        y = 0.0
        for para in self.layout.closing_left.paras:
            lines = self.para_lines(para, head_left.offset, head_left.width)
            height = sum(li.advance for li in lines)
            # "Nơi nhận:" always stands level with the authority line; recipients follow while
            # they fit beside the signer block, the rest continue below it and may cross a page.
            if not rest and (not head_left.paras or y + height <= right.extent + _EPS):
                head_left.paras.append(para)
                y += height
            else:
                for k, li in enumerate(lines):
                    li.breakable = k == 0
                rest += lines
        left, _ = self.column(head_left)
        head = _merge(left, right)
        head.advance = left.advance if rest else max(left.advance, right.advance)
        head.extent = max(left.extent, right.extent)
        head.signer_box = signer_box
        head.gap_before = self.layout.closing_space_before
        return [head, *rest]

    def _signer_box(self, right: _Item) -> tuple[float, float, float, float] | None:
        """The blank between the title's line and the name's: where the signature goes."""
        title = [t for t in right.texts if t.role in (Role.SIGNER_TITLE, Role.AUTHORITY)]
        name = [t for t in right.texts if t.role == Role.SIGNER_NAME]
        if not title or not name:
            return None
        col = self.layout.closing_right
        last = max(title, key=lambda t: t.baseline)
        first_name = min(name, key=lambda t: t.baseline)
        top = last.baseline + self.m.face(_face_of_font(self.m, last.font)).descent * last.size
        bottom = first_name.baseline - self.m.face(
            _face_of_font(self.m, first_name.font)
        ).ascent * (first_name.size)
        return (col.offset, top, col.offset + col.width, bottom)

    def items(self) -> list[_Item]:
        items: list[_Item] = []
        lay = self.layout
        width = lay.page.text_width
        if lay.draft_mark is not None:
            items += self.para_lines(lay.draft_mark, 0.0, width)
        items.append(self.header())
        body = [*lay.top, *lay.body]
        prev: Para | None = None
        for para in body:
            lines = self.para_lines(para, 0.0, width)
            if not lines:
                continue
            lines[0].gap_before = (prev.space_after if prev else 0.0) + para.space_before
            if prev is not None and prev.keep_with_next:
                lines[0].breakable = False
            items += lines
            prev = para
        has_closing = lay.closing_left.paras or lay.closing_right.paras
        if has_closing:
            closing = self.closing()
            if prev is not None:
                closing[0].gap_before += prev.space_after
            items += closing
        # Nothing before the body may be left alone on page 1.
        for it in items:
            if it.texts and it.texts[0].role in (Role.PARAGRAPH, Role.BULLET, Role.HEADING):
                break
            it.breakable = False
        return items


def _face_of_font(m: FontMetrics, font: str) -> str:
    for face, fm in m.faces.items():
        if fm.font_name == font:
            return face
    return "regular"


def _shift(t: PlacedText, dy: float) -> PlacedText:
    return _moved(t, 0.0, dy)


def _shift_rule(r: PlacedRule, dy: float) -> PlacedRule:
    return PlacedRule(r.x0, r.x1, r.y + dy, r.thickness)


def _merge(a: _Item, b: _Item) -> _Item:
    """Two columns side by side, both starting at the same top."""
    return _Item(
        advance=max(a.advance, b.advance),
        extent=max(a.extent, b.extent),
        glyph_top=min(a.glyph_top, b.glyph_top),
        gap_before=0.0,
        breakable=False,
        texts=a.texts + b.texts,
        rules=a.rules + b.rules,
    )


# ------------------------------------------------------------------------------ pagination
def _paginate(items: list[_Item], top: float, bottom: float) -> list[list[tuple[_Item, float]]]:
    """Pages of (item, y of the item's top); breaks go back to the last place a break is allowed."""
    pages: list[list[tuple[_Item, float]]] = [[]]
    i = 0
    start = 0  # index of the first item on the current page
    y = top
    while i < len(items):
        it = items[i]
        page = pages[-1]
        item_top = top - it.glyph_top if not page else y + it.gap_before
        if item_top + it.extent <= bottom + _EPS or not page:
            page.append((it, item_top))
            y = item_top + it.advance
            i += 1
            continue
        j = i
        while j > start and not items[j].breakable:
            j -= 1
        if j == start:  # nowhere to break by the rules: break here rather than run off the page
            j = i
        del page[len(page) - (i - j) :]
        pages.append([])
        start = i = j
    return pages


def place(layout: DocumentLayout, metrics: FontMetrics) -> Placement:
    builder = _Builder(layout, metrics)
    geo = layout.page
    pages = _paginate(builder.items(), geo.margin_top, geo.height - geo.margin_bottom)
    out: list[PlacedPage] = []
    signer_box: Box | None = None
    for index, page_items in enumerate(pages):
        left = geo.left(index)
        placed = PlacedPage()
        for it, y in page_items:
            placed.texts += [_moved(t, left, y) for t in it.texts]
            placed.rules += [
                PlacedRule(r.x0 + left, r.x1 + left, r.y + y, r.thickness) for r in it.rules
            ]
            if it.signer_box is not None:
                x0, t, x1, b = it.signer_box
                signer_box = Box(index, x0 + left, t + y, x1 + left, b + y)
        if index + 1 >= geo.page_number_from:
            placed.texts.append(_page_number(index, geo, metrics))
        out.append(placed)
    return Placement(geo.width, geo.height, out, signer_box)


def _moved(t: PlacedText, dx: float, dy: float) -> PlacedText:
    return PlacedText(
        t.x + dx,
        t.baseline + dy,
        t.text,
        t.font,
        t.size,
        t.word_space,
        t.width,
        t.role,
        t.underline,
        t.joined,
    )


def _page_number(index: int, geo: PageGeometry, metrics: FontMetrics) -> PlacedText:
    style: TextStyle = geo.page_number_style
    fm = metrics.face(style.face)
    text = str(index + 1)
    w = metrics.width(text, style.face, style.size)
    left = geo.left(index)
    x = left + (geo.width - left - geo.right(index) - w) / 2
    baseline = geo.page_number_top + fm.ascent * style.size
    return PlacedText(x, baseline, text, fm.font_name, style.size, 0.0, w, Role.PAGE_NUMBER)

"""The layout model: what stands where on a Party document, computed once from content and
profile.

Both writers read this model — the PDF writer breaks lines and pages from it, the Word writer
turns each paragraph into a Word paragraph with the same font, size, indents, spacing and column
widths — so the two outputs cannot drift apart. Inline bold and italic in the body are spans of
a paragraph's text (``Para.spans``): the PDF draws each in its face, Word writes a run each.
Lengths are in points (1/72 inch); ``mm()`` converts profile millimetres.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ketluan_desktop.core.documents.content import BlockKind, DocumentContent
from ketluan_desktop.core.render.emphasis import BOLD, ITALIC, carry_marks, flag_runs
from ketluan_desktop.core.render.metrics import face_of, metrics_for
from ketluan_desktop.core.render.profile import LayoutProfile
from ketluan_desktop.core.render.wording import (
    format_heading,
    format_number_line,
    format_place_date,
    multiline,
    punctuate_recipients,
    strip_prefix,
)
from ketluan_desktop.core.text.normalize import clean

PT_PER_MM = 72.0 / 25.4


def mm(value: float) -> float:
    return value * PT_PER_MM


class Align(enum.StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


class Role(enum.StrEnum):
    DRAFT = "draft"
    PARENT = "parent"
    ISSUER = "issuer"
    STAR = "star"
    NUMBER = "number"
    LETTER_SUBJECT = "letter_subject"
    PARTY = "party"
    PLACE_DATE = "place_date"
    TITLE = "title"
    SUBJECT = "subject"
    SEPARATOR = "separator"
    GREETING = "greeting"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    RECIPIENTS_HEADING = "recipients_heading"
    RECIPIENT = "recipient"
    AUTHORITY = "authority"
    SIGNER_TITLE = "signer_title"
    SIGNER_NAME = "signer_name"
    PAGE_NUMBER = "page_number"


@dataclass(frozen=True)
class TextStyle:
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False

    @property
    def face(self) -> str:
        return face_of(self.bold, self.italic)


@dataclass(frozen=True)
class Rule:
    """A solid line under a paragraph's (single) line, exactly as wide as its text."""

    gap: float  # from the baseline down to the middle of the line
    thickness: float
    width: float  # = the text's width, so the Word writer can size its border to it


@dataclass(frozen=True)
class Span:
    """Part of a paragraph's text set in another face than its style's (inline emphasis)."""

    start: int
    end: int
    face: str  # "bold", "italic", "bold_italic" (metrics.FACES)


@dataclass
class Para:
    role: Role
    text: str  # NFC; "\n" forces a line break
    style: TextStyle
    align: Align
    line_spacing: float  # exact, baseline to baseline
    space_before: float = 0.0
    space_after: float = 0.0
    left_indent: float = 0.0
    first_indent: float = 0.0  # relative to left_indent; negative = hanging
    keep_with_next: bool = False
    rule_below: Rule | None = None
    spans: tuple[Span, ...] = ()  # sorted, apart; the rest of the text is in the style's face

    def runs(self, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """``text[start:end]`` as consecutive ``(start, end, face)`` pieces, one face each."""
        end = len(self.text) if end is None else end
        base = self.style.face
        out: list[tuple[int, int, str]] = []
        pos = start
        for span in self.spans:
            if span.end <= pos:
                continue
            if span.start >= end:
                break
            if span.start > pos:
                out.append((pos, span.start, base))
            pos = min(span.end, end)
            out.append((max(span.start, start), pos, span.face))
        if pos < end:
            out.append((pos, end, base))
        return out


@dataclass
class Column:
    offset: float  # from the left edge of the text area (negative: into the left margin)
    width: float
    paras: list[Para] = field(default_factory=list)


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    back_margin_left: float
    back_margin_right: float
    duplex: bool
    page_number_from: int  # 1-based
    page_number_top: float  # from the top edge to the top of the number
    page_number_style: TextStyle

    @property
    def text_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    def left(self, page_index: int) -> float:
        """The text area's left edge on a page (0-based); back pages differ in duplex."""
        return self.back_margin_left if self.duplex and page_index % 2 else self.margin_left

    def right(self, page_index: int) -> float:
        return self.back_margin_right if self.duplex and page_index % 2 else self.margin_right


@dataclass
class DocumentLayout:
    profile_name: str
    font_family: (
        str  # the family the profile asks for (Word uses this name; the PDF the installed one)
    )
    page: PageGeometry
    draft_mark: Para | None
    header_left: Column
    header_right: Column
    top: list[Para]  # title, subject, "-----", "Kính gửi": the full text width
    body: list[Para]
    closing_space_before: float
    closing_left: Column  # "Nơi nhận:" and the recipients
    closing_right: Column  # the signer block; the signature goes after SIGNER_TITLE's space_after
    is_letter: bool

    def paragraphs(self) -> list[Para]:
        """Every paragraph in reading order: draft, header left, right, top, body, closing."""
        out = [self.draft_mark] if self.draft_mark else []
        out += self.header_left.paras + self.header_right.paras + self.top + self.body
        return out + self.closing_left.paras + self.closing_right.paras

    def all_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs())


# ---------------------------------------------------------------------------------------- build
def build_layout(content: DocumentContent, profile: LayoutProfile) -> DocumentLayout:
    p = profile
    page = PageGeometry(
        width=mm(p.page_width_mm),
        height=mm(p.page_height_mm),
        margin_top=mm(p.margin_top_mm),
        margin_bottom=mm(p.margin_bottom_mm),
        margin_left=mm(p.margin_left_mm),
        margin_right=mm(p.margin_right_mm),
        back_margin_left=mm(p.back_margin_left_mm),
        back_margin_right=mm(p.back_margin_right_mm),
        duplex=p.duplex,
        page_number_from=p.page_number_from,
        page_number_top=mm(p.page_number_top_mm),
        page_number_style=TextStyle(p.page_number_size),
    )
    is_letter = content.type_code == "CV" and not content.title
    top = _top(content, p, is_letter)
    body = _body(content, p)
    if not top and body:  # a letter without "Kính gửi": the gap under the header goes to the body
        body[0].space_before += p.title_space_before_pt
    return DocumentLayout(
        profile_name=p.name,
        font_family=p.font_family,
        page=page,
        draft_mark=_draft_mark(content, p),
        header_left=_header_left(content, p, page, is_letter),
        header_right=_header_right(content, p, page),
        top=top,
        body=body,
        closing_space_before=p.closing_space_before_pt,
        closing_left=_closing_left(content, p),
        closing_right=_closing_right(content, p, page),
        is_letter=is_letter,
    )


def _draft_mark(content: DocumentContent, p: LayoutProfile) -> Para | None:
    if not content.is_draft:
        return None
    label = clean(content.draft_label) or p.draft_label_default
    return Para(
        Role.DRAFT,
        label,
        TextStyle(p.draft_size, p.draft_bold, p.draft_italic),
        Align.RIGHT,
        p.header_line_spacing_pt,
        space_after=p.header_line_spacing_pt / 2,
    )


def _header_left(
    content: DocumentContent, p: LayoutProfile, page: PageGeometry, is_letter: bool
) -> Column:
    ls = p.header_line_spacing_pt
    col = Column(offset=-mm(p.header_outdent_mm), width=mm(p.header_left_width_mm))
    if content.parent_issuer:
        col.paras.append(
            Para(
                Role.PARENT,
                clean(content.parent_issuer).upper(),
                TextStyle(p.parent_size, p.parent_bold),
                Align.CENTER,
                ls,
            )
        )
    if content.issuer:
        col.paras.append(
            Para(
                Role.ISSUER,
                clean(content.issuer).upper(),
                TextStyle(p.issuer_size, p.issuer_bold),
                Align.CENTER,
                ls,
            )
        )
    col.paras.append(Para(Role.STAR, p.star_text, TextStyle(p.number_size), Align.CENTER, ls))
    col.paras.append(
        Para(
            Role.NUMBER, format_number_line(content, p), TextStyle(p.number_size), Align.CENTER, ls
        )
    )
    if is_letter and content.subject:
        subject = clean(content.subject)
        if not subject.lower().startswith("v/v"):
            subject = "V/v " + subject
        col.paras.append(
            Para(
                Role.LETTER_SUBJECT,
                subject,
                TextStyle(p.letter_subject_size, italic=p.letter_subject_italic),
                Align.CENTER,
                p.letter_subject_line_spacing_pt,
            )
        )
    return col


def _header_right(content: DocumentContent, p: LayoutProfile, page: PageGeometry) -> Column:
    ls = p.header_line_spacing_pt
    left = Column(offset=-mm(p.header_outdent_mm), width=mm(p.header_left_width_mm))
    col = Column(offset=left.offset + left.width, width=0.0)
    col.width = page.text_width - col.offset
    party_style = TextStyle(p.party_name_size, p.party_name_bold)
    metrics = metrics_for(p.font_family)
    party_width = metrics.width(p.party_name_text, party_style.face, party_style.size)
    col.paras.append(
        Para(
            Role.PARTY,
            p.party_name_text,
            party_style,
            Align.CENTER,
            ls,
            rule_below=Rule(p.party_rule_gap_pt, p.party_rule_thickness_pt, party_width),
        )
    )
    # The date stands one line lower, level with the "*": the rule sits in the line between.
    col.paras.append(
        Para(
            Role.PLACE_DATE,
            format_place_date(content.place, content.doc_date, p),
            TextStyle(p.place_date_size, italic=p.place_date_italic),
            Align.CENTER,
            ls,
            space_before=ls,
        )
    )
    return col


def _top(content: DocumentContent, p: LayoutProfile, is_letter: bool) -> list[Para]:
    out: list[Para] = []
    if not is_letter:
        title = clean(content.title) or content.type.title
        if title:
            out.append(
                Para(
                    Role.TITLE,
                    title.upper(),
                    TextStyle(p.title_size, p.title_bold),
                    Align.CENTER,
                    p.title_line_spacing_pt,
                    space_before=p.title_space_before_pt,
                    keep_with_next=True,
                )
            )
        subject = multiline(content.subject)
        if subject:
            out.append(
                Para(
                    Role.SUBJECT,
                    subject.upper() if p.subject_upper else subject,
                    TextStyle(p.subject_size, p.subject_bold),
                    Align.CENTER,
                    p.subject_line_spacing_pt,
                    space_before=0.0 if out else p.title_space_before_pt,
                    keep_with_next=True,
                )
            )
        if out and p.separator_text.strip():
            out.append(
                Para(
                    Role.SEPARATOR,
                    p.separator_text.strip(),
                    TextStyle(p.separator_size, p.subject_bold),
                    Align.CENTER,
                    p.subject_line_spacing_pt,
                    space_after=p.separator_space_after_pt,
                    keep_with_next=True,
                )
            )
    greeting = multiline(content.greeting)
    if greeting:
        if not greeting.lower().startswith("kính gửi"):
            greeting = "Kính gửi: " + greeting
        out.append(
            Para(
                Role.GREETING,
                greeting,
                TextStyle(p.greeting_size),
                Align.CENTER,
                p.body_line_spacing_pt,
                space_before=0.0 if out else p.title_space_before_pt,
                space_after=p.greeting_space_after_pt,
                keep_with_next=True,
            )
        )
    return out


def _body(content: DocumentContent, p: LayoutProfile) -> list[Para]:
    indent = mm(p.body_first_indent_mm)
    align = Align.JUSTIFY if p.body_justify else Align.LEFT
    out: list[Para] = []

    def para(
        role: Role, text: str, style: TextStyle, keep: bool = False, flags: list[int] | None = None
    ) -> None:
        if text:
            out.append(
                Para(
                    role,
                    text,
                    style,
                    align,
                    p.body_line_spacing_pt,
                    space_before=p.body_space_before_pt,
                    space_after=p.body_space_after_pt,
                    first_indent=indent,
                    keep_with_next=keep,
                    spans=_spans(flags, style),
                )
            )

    body_style = TextStyle(p.body_size)
    prefixes = (p.bullet_prefix, p.sub_bullet_prefix, "-", "+", "•")
    for section in content.sections:
        if section.number or section.heading:
            para(
                Role.HEADING,
                format_heading(section.number, section.heading),
                TextStyle(p.heading_size, p.heading_bold),
                keep=True,
            )
        for block in section.blocks:
            text = multiline(block.text)
            flags = carry_marks(block.text, block.marks, text)
            if block.kind == BlockKind.BULLET:
                mark = p.sub_bullet_prefix if block.level >= 1 else p.bullet_prefix
                rest = strip_prefix(text, prefixes)
                if flags:  # the typed dash is dropped and the profile's put in front, plain
                    flags = [0] * len(mark) + flags[len(text) - len(rest) :]
                para(Role.BULLET, mark + rest, body_style, flags=flags)
            else:
                para(Role.PARAGRAPH, text, body_style, flags=flags)
    return out


def _spans(flags: list[int] | None, style: TextStyle) -> tuple[Span, ...]:
    """Runs of inline emphasis as spans; bold on bold text (or italic on italic) changes nothing."""
    spans: list[Span] = []
    for start, end, bits in flag_runs(flags or ()):
        face = face_of(style.bold or bool(bits & BOLD), style.italic or bool(bits & ITALIC))
        if face == style.face:
            continue
        if spans and spans[-1].end == start and spans[-1].face == face:
            spans[-1] = Span(spans[-1].start, end, face)
        else:
            spans.append(Span(start, end, face))
    return tuple(spans)


def _closing_left(content: DocumentContent, p: LayoutProfile) -> Column:
    col = Column(offset=0.0, width=mm(p.closing_left_width_mm))
    lines = punctuate_recipients(content.recipients, p)
    if not lines:
        return col
    col.paras.append(
        Para(
            Role.RECIPIENTS_HEADING,
            p.recipients_heading_text,
            TextStyle(
                p.recipients_heading_size,
                p.recipients_heading_bold,
                p.recipients_heading_italic,
                p.recipients_heading_underline,
            ),
            Align.LEFT,
            p.signer_line_spacing_pt,
        )
    )
    hang = metrics_for(p.font_family).width("- ", "regular", p.recipient_size)
    for line in lines:
        col.paras.append(
            Para(
                Role.RECIPIENT,
                line,
                TextStyle(p.recipient_size),
                Align.LEFT,
                p.recipient_line_spacing_pt,
                left_indent=hang,
                first_indent=-hang,
            )
        )
    return col


def _closing_right(content: DocumentContent, p: LayoutProfile, page: PageGeometry) -> Column:
    left = mm(p.closing_left_width_mm)
    col = Column(offset=left, width=page.text_width - left)
    s = content.signer
    if s is None:
        return col
    ls = p.signer_line_spacing_pt
    if s.authority:
        col.paras.append(
            Para(
                Role.AUTHORITY,
                multiline(s.authority).upper(),
                TextStyle(p.signer_size, p.authority_bold),
                Align.CENTER,
                ls,
            )
        )
    if s.title:
        col.paras.append(
            Para(
                Role.SIGNER_TITLE,
                multiline(s.title).upper(),
                TextStyle(p.signer_size, p.signer_title_bold),
                Align.CENTER,
                ls,
            )
        )
    if col.paras:
        col.paras[-1].space_after = mm(p.signature_space_mm)
    if s.name:
        col.paras.append(
            Para(
                Role.SIGNER_NAME,
                clean(s.name),
                TextStyle(p.signer_size, p.signer_name_bold),
                Align.CENTER,
                ls,
            )
        )
    return col

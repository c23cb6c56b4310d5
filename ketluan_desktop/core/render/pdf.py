"""The PDF writer: draws the placed lines with ReportLab, fonts embedded as subsets.

Justified lines are drawn as one string with real spaces stretched by the PDF word-spacing
operator, so copying or extracting text gives back the words exactly as written (no hyphens, no
split words, no ligatures: ReportLab does not shape Latin text, and writes a ToUnicode map for
every subset). A line with inline bold or italic is the same string cut where the face changes:
each piece goes on from where the last ended, under the same word spacing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from reportlab.pdfgen.canvas import Canvas

from ketluan_desktop import APP_DISPLAY_NAME, __version__
from ketluan_desktop.core.documents.content import DocumentContent
from ketluan_desktop.core.render import fonts
from ketluan_desktop.core.render.flow import Placement, place
from ketluan_desktop.core.render.layout import DocumentLayout, build_layout
from ketluan_desktop.core.render.metrics import metrics_for
from ketluan_desktop.core.render.profile import LayoutProfile
from ketluan_desktop.core.text.normalize import clean

# Decree 30/2020 asks electronic documents to be PDF version 1.4 or later; ReportLab writes 1.3
# unless told. (Signed files are 1.7: pyHanko records that in the catalog when it signs.)
PDF_VERSION = (1, 4)


@dataclass(frozen=True)
class SignerBox:
    """The blank reserved for the signature, in PDF points with the origin at the bottom left."""

    page_index: int  # 0-based
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class PdfMetadata:
    """The document information dictionary; ``None`` fields are derived from the content."""

    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: str | None = None
    creation_date: datetime | None = None  # services pass ``now``; never read from the clock here
    creator: str | None = None


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    page_count: int
    signer_box: SignerBox | None
    layout: DocumentLayout = field(repr=False, compare=False)
    placement: Placement = field(repr=False, compare=False)


def default_metadata(content: DocumentContent) -> PdfMetadata:
    kind = clean(content.title) or content.type.name
    kind = kind[:1].upper() + kind[1:].lower() if kind.isupper() else kind
    number = clean(content.number_symbol)
    head = f"Dự thảo {kind.lower()}" if content.is_draft else kind
    if number and not content.is_draft:
        head += f" số {number}"
    subject = clean(content.subject)
    keywords = [k for k in (number if not content.is_draft else None, content.type.name) if k]
    if content.is_draft:
        keywords.append(clean(content.draft_label) or "Dự thảo")
    return PdfMetadata(
        title=f"{head} — {subject}" if subject else head,
        author=clean(content.issuer) or "",
        subject=subject or "",
        keywords=", ".join(keywords),
        creator=f"{APP_DISPLAY_NAME} {__version__}",
    )


def pdf_date(when: datetime | date | None) -> str:
    """A PDF date string (``D:YYYYMMDDHHmmSS+07'00'``) for the document's metadata."""
    if when is None:
        return "D:20000101000000"
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day)
    stamp = when.strftime("D:%Y%m%d%H%M%S")
    offset = when.utcoffset()
    if offset is None:
        return stamp
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{stamp}{sign}{minutes // 60:02d}'{minutes % 60:02d}'"


def render_pdf(
    content: DocumentContent, profile: LayoutProfile, *, metadata: PdfMetadata | None = None
) -> RenderedPdf:
    """Lay out and draw ``content``; raises RenderError when the font lacks a character."""
    layout = build_layout(content, profile)
    metrics = metrics_for(profile.font_family)
    fonts.check_coverage(layout.all_text(), metrics.family)
    placement = place(layout, metrics)

    meta = default_metadata(content)
    if metadata is not None:
        meta = PdfMetadata(
            **{k: getattr(metadata, k) or getattr(meta, k) for k in meta.__dataclass_fields__}
        )
    created = meta.creation_date or content.doc_date

    buf = io.BytesIO()
    regular = metrics.face("regular").font_name
    canvas = Canvas(
        buf,
        pagesize=(placement.width, placement.height),
        invariant=1,  # no clock, no random ID: the same input gives the same bytes
        # else ReportLab references an unembedded Helvetica (typeshed's stub types it as a float)
        initialFontName=cast(Any, regular),
        initialFontSize=14,
        lang="vi",
        pageCompression=1,
        pdfVersion=PDF_VERSION,
    )
    canvas.setDateFormatter(lambda *_: pdf_date(created))
    canvas.setTitle(meta.title or "")
    canvas.setAuthor(meta.author or "")
    canvas.setSubject(meta.subject or "")
    canvas.setKeywords(meta.keywords or "")
    canvas.setCreator(meta.creator or APP_DISPLAY_NAME)
    _draw(canvas, placement)
    canvas.save()

    box = placement.signer_box
    signer_box = None
    if box is not None:
        h = placement.height
        signer_box = SignerBox(box.page_index, box.x0, h - box.bottom, box.x1, h - box.top)
    return RenderedPdf(buf.getvalue(), len(placement.pages), signer_box, layout, placement)


def _draw(canvas: Canvas, placement: Placement) -> None:
    height = placement.height
    for page in placement.pages:
        text = canvas.beginText()
        font: tuple[str, float] | None = None
        word_space = 0.0
        for t in page.texts:
            if not t.joined:  # a change of face goes on from the pen: no gap, no extra space
                text.setTextOrigin(t.x, height - t.baseline)
            if font != (t.font, t.size):
                text.setFont(t.font, t.size)
                font = (t.font, t.size)
            if word_space != t.word_space:
                text.setWordSpace(t.word_space)
                word_space = t.word_space
            text.textOut(t.text)
        canvas.drawText(text)
        canvas.setStrokeColorRGB(0, 0, 0)
        for t in page.texts:
            if t.underline is not None:
                below, thickness = t.underline
                canvas.setLineWidth(thickness)
                y = height - t.baseline - below
                canvas.line(t.x, y, t.x + t.width, y)
        for r in page.rules:
            canvas.setLineWidth(r.thickness)
            canvas.line(r.x0, height - r.y, r.x1, height - r.y)
        canvas.showPage()

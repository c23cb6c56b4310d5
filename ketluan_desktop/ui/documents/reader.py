"""A reading view of a document in the app's panes (the exact page layout is the PDF's job)."""

from __future__ import annotations

import html
import itertools

from ketluan_desktop.core.documents import content as domain
from ketluan_desktop.core.render.wording import format_heading


def document_html(c: domain.DocumentContent, marks: list[list[list]] | None = None) -> str:
    e = html.escape
    parts = [
        "<div style='font-family: \"Times New Roman\", Tinos, serif; font-size: 12.5pt;'>",
        f"<p align='center'><b>{e(c.title or c.type.title)}</b><br/><b>{e(c.subject or '')}</b></p>",
    ]
    when = ""
    if c.doc_date:
        place = f"{c.place}, " if c.place else ""
        when = f"{place}ngày {c.doc_date.day:02d}/{c.doc_date.month:02d}/{c.doc_date.year}"
    meta = " · ".join(
        x for x in ("Dự thảo" if c.is_draft else f"Số {c.number_symbol or ''}", when) if x
    )
    parts.append(f"<p align='center' style='color:#555'><i>{e(meta)}</i></p>")
    for s in c.sections:
        if s.heading:
            parts.append(f"<p><b>{e(format_heading(s.number, s.heading))}</b></p>")
        for b in s.blocks:
            prefix = ("+ " if b.level else "- ") if b.kind is domain.BlockKind.BULLET else ""
            star = " <span style='color:#b3261e'>★</span>" if b.is_task else ""
            parts.append(
                f"<p style='text-indent: 24px; text-align: justify'>{e(prefix + b.text)}{star}</p>"
            )
    if c.recipients or c.signer:
        parts.append("<table width='100%'><tr><td valign='top' width='50%'>")
        if c.recipients:
            parts.append("<u>Nơi nhận:</u><br/>" + "<br/>".join(e("- " + r) for r in c.recipients))
        parts.append("</td><td align='center' valign='top'>")
        if c.signer:
            parts.append(
                f"<b>{e(c.signer.authority or '')}</b><br/>{e(c.signer.title or '')}<br/><br/><br/>"
                f"<b>{e(c.signer.name or '')}</b>"
            )
        parts.append("</td></tr></table>")
    parts.append("</div>")
    return "".join(parts)


def _marked(text: str, marks: list) -> str:
    """The text with its bold and italic runs as HTML."""
    if not marks:
        return html.escape(text)
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b])
        styles = {m[2] for m in marks if m[0] <= a and b <= m[1]}
        if "i" in styles:
            piece = f"<i>{piece}</i>"
        if "b" in styles:
            piece = f"<b>{piece}</b>"
        out.append(piece)
    return "".join(out)


def draft_html(draft) -> str:
    """Like ``document_html``, with the paragraphs' bold and italic runs."""
    content = draft.to_content()
    page = document_html(content)
    for b in draft.blocks():
        if b.marks and b.text.strip():
            plain = html.escape(b.text.strip())
            page = page.replace(plain, _marked(b.text.strip(), b.marks), 1)
    return page

"""What Word shows under File → Info for an exported document: its own title, the issuing body as
author, its dates, and nothing left over from the template python-docx starts from (that template
says "Microsoft Macintosh Word", one page, 2013).

Word recounts pages and words when it saves; until then a reader sees no count rather than a
wrong one.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from ketluan_desktop import APP_DISPLAY_NAME

_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{application}</Application>"
    "<DocSecurity>0</DocSecurity>"
    "<Company>{company}</Company>"
    "<LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)


def _short(text: str | None) -> str:
    """Word's core properties hold at most 255 characters."""
    text = text or ""
    return text if len(text) <= 255 else text[:254] + "…"


def set_properties(
    doc,
    *,
    title: str | None,
    author: str | None,
    subject: str | None,
    keywords: str | None,
    created: datetime,
) -> None:
    """Core properties (docProps/core.xml) and the application's (docProps/app.xml)."""
    props = doc.core_properties
    props.title = _short(title)
    props.author = _short(author)
    props.last_modified_by = _short(author) or APP_DISPLAY_NAME
    props.subject = _short(subject)
    props.keywords = _short(keywords)
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.language = "vi-VN"
    props.revision = 1
    props.created = created
    props.modified = created
    app = _APP_XML.format(application=escape(APP_DISPLAY_NAME), company=escape(author or ""))
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = app.encode("utf-8")  # a generic part: its bytes are what is saved

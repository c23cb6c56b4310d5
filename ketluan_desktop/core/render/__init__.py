"""Party documents on paper: layout model, PDF and Word writers, export (no Qt, no database).

Public entry points (import them from their modules; this package imports nothing heavy itself):

* ``profile.LayoutProfile``, ``profile.HD36`` / ``profile.HD05``, ``profile.FIELD_LABELS``
* ``layout.build_layout(content, profile) -> DocumentLayout``
* ``pdf.render_pdf(content, profile, *, metadata=None) -> RenderedPdf``
* ``docx.render_docx(content, profile, *, now=None) -> bytes``
* ``export.export(content, profile, fmt, path, *, now=None) -> Path``
* ``naming.default_file_name(content, fmt="pdf") -> str``
"""

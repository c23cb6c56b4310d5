"""Widths and vertical metrics of the installed family, as ReportLab will draw it.

Line breaking and the PDF must measure with the very numbers the PDF's font descriptors carry,
so that what a reader (or a test) measures on the page is where the layout put it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ketluan_desktop.core.render import fonts

FACES = ("regular", "bold", "italic", "bold_italic")
_SUFFIX = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bold_italic": "-BoldItalic"}


def face_of(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bold_italic"
    if bold:
        return "bold"
    return "italic" if italic else "regular"


@dataclass(frozen=True)
class FaceMetrics:
    font_name: str  # the name registered with ReportLab
    ascent: float  # per 1 pt of type size, as in the PDF's font descriptor
    descent: float  # positive, below the baseline
    underline_position: float  # positive, below the baseline
    underline_thickness: float


class FontMetrics:
    """One family's four faces, registered with ReportLab."""

    def __init__(self, family: fonts.FontFamily) -> None:
        self.family = family
        base = fonts.register_reportlab(family)
        self.faces: dict[str, FaceMetrics] = {}
        for face in FACES:
            name = base + _SUFFIX[face]
            font = pdfmetrics.getFont(name)
            assert isinstance(font, TTFont)  # registered from a .ttf by register_reportlab
            f = font.face
            upem = float(getattr(f, "unitsPerEm", 1000) or 1000)
            self.faces[face] = FaceMetrics(
                font_name=name,
                ascent=f.ascent / 1000.0,
                descent=-f.descent / 1000.0,
                underline_position=-f.underlinePosition / upem,
                underline_thickness=f.underlineThickness / upem,
            )

    def width(self, text: str, face: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, self.faces[face].font_name, size)

    def face(self, face: str) -> FaceMetrics:
        return self.faces[face]


@functools.lru_cache(maxsize=8)
def metrics_for(preferred: str | None) -> FontMetrics:
    """The preferred family's metrics if installed, else the best stand-in's (cached)."""
    return FontMetrics(fonts.resolve_family(preferred))

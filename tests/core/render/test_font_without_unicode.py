"""A font with no Unicode character map (a symbol or Mac-only font picked as the layout font)
is reported as lacking the characters, in Vietnamese, instead of failing with AttributeError."""

from __future__ import annotations

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from ketluan_desktop.core.errors import RenderError
from ketluan_desktop.core.render import fonts


def _font_without_unicode_cmap(path):
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "A"])
    fb.setupCharacterMap({ord("A"): "A"})
    empty = TTGlyphPen(None).glyph()
    fb.setupGlyf({".notdef": empty, "A": empty})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Ký hiệu", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.font["cmap"].tables = []  # getBestCmap() is None
    fb.save(str(path))
    return path


def test_a_font_without_a_unicode_map_lacks_every_character(tmp_path):
    p = _font_without_unicode_cmap(tmp_path / "symbol.ttf")
    family = fonts.FontFamily("Ký hiệu", p, p, p, p)
    assert fonts.missing_characters("Aă", family) == ["A", "ă"]
    with pytest.raises(RenderError, match="Phông chữ Ký hiệu không có các ký tự"):
        fonts.check_coverage("Đảng", family)

"""The coverage check reads a registered face's characters from ReportLab's copy of its cmap: the
same characters fontTools reads from the file (glyph 0, .notdef, is no character)."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from ketluan_desktop.core.render import fonts


def test_a_registered_faces_characters_are_those_fonttools_reads():
    family = fonts.resolve_family("Times New Roman")
    fonts.register_reportlab(family)
    fonts._cmap.cache_clear()
    for style in fonts.STYLES:
        path = family.path(style)
        assert path in fonts._REPORTLAB_NAMES
        with TTFont(str(path), lazy=True) as tt:
            expected = frozenset(tt.getBestCmap() or ())
        assert fonts._cmap(path) == expected
        assert ord("Ể") in expected and 0xFFFF not in fonts._cmap(path)
    assert fonts.missing_characters("Đảng ủy Khối — «Nghị quyết» số 05", family) == []

"""Room for Vietnamese stacked marks in every widget that sizes itself from the font.

A capital with two marks (Ẩ Ỗ Ậ Ữ Ỹ) or a hook above (Ủy, Kiểm, Đảng) reaches above the font's
ascent: with DejaVu Sans at 9 pt the ink of "Ẩ" starts 3 px above it. Qt sizes list, tree and table
rows, labels and check boxes from ``ascent + descent`` and clips each item to its rectangle, so the
hook went missing ("Ủy" read "Uy", "Kiểm" read "Kiếm", "Đảng" read "Đàng").

The cause is the height, so the fix is the height: ``MarksStyle`` (a proxy over the platform style,
installed once for the application) makes every text-sized control at least ``text_height`` high —
the font's height plus the marks' overshoot on both sides, since Qt centres the text — and gives
labels that much margin; ``row_height`` is what fixed-height table rows use. (It also gives a tool
button that opens a menu room for its arrow, which otherwise covered the last letter.) The overshoot is measured
on the real font (``QFontMetricsF.tightBoundingRect``), so it follows the platform font, its size and
the display scaling.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import (
    QLabel,
    QProxyStyle,
    QScrollBar,
    QStyle,
    QStyleOptionToolButton,
    QWidget,
)

# Capitals with a mark stacked on a circumflex or breve, hooks above, dots below, descenders.
TALL_MARKS = "ẨỖẬỮỸỦẪẴẲẶỄỂỆỔỘỞỠỢỬỰỶỴ"
DEEP_MARKS = "ỵỹậặệộợựgjpqy"

# Content types whose height Qt derives from one line of text.
_TEXT_CONTENTS = {
    QStyle.ContentsType.CT_ItemViewItem: 2,
    QStyle.ContentsType.CT_CheckBox: 0,
    QStyle.ContentsType.CT_RadioButton: 0,
    QStyle.ContentsType.CT_ComboBox: 2,
    QStyle.ContentsType.CT_LineEdit: 2,
    QStyle.ContentsType.CT_PushButton: 2,
    QStyle.ContentsType.CT_ToolButton: 0,
    QStyle.ContentsType.CT_MenuItem: 0,
    QStyle.ContentsType.CT_TabBarTab: 2,
    QStyle.ContentsType.CT_HeaderSection: 2,
    QStyle.ContentsType.CT_SpinBox: 2,
    QStyle.ContentsType.CT_GroupBox: 0,
}


@lru_cache(maxsize=64)
def _room(key: str) -> int:
    font = QFont()
    font.fromString(key)
    fm = QFontMetricsF(font)
    ink = fm.tightBoundingRect(TALL_MARKS + DEEP_MARKS)
    above = -ink.top() - fm.ascent()
    below = ink.bottom() - fm.descent()
    # +1: antialiasing and the rounding of fractional scaling (125 %, 150 %).
    return max(0, math.ceil(max(above, below))) + 1


def mark_room(font: QFont) -> int:
    """Pixels the tallest marks reach above the ascent (or the deepest below the descent)."""
    return _room(font.toString())


def text_height(font: QFont) -> int:
    """The height one line of Vietnamese needs when Qt centres it vertically."""
    return _text_height(font.toString())


@lru_cache(maxsize=64)
def _text_height(key: str) -> int:
    # Cached like the marks' room: the style asks for it on every size hint (a new screen's
    # layout asks ~50 times), and building the font's metrics each time cost a frame's worth.
    font = QFont()
    font.fromString(key)
    return QFontMetrics(font).height() + 2 * _room(key)


def row_height(font: QFont, padding: int = 6) -> int:
    """A table row for this font: the text with its marks and some air."""
    return text_height(font) + padding


def keep_room_in(label: QLabel) -> None:
    """Top and bottom margins that keep the marks of a label's first and last line visible."""
    room = mark_room(label.font())
    m = label.contentsMargins()
    if m.top() < room or m.bottom() < room:
        label.setContentsMargins(m.left(), max(m.top(), room), m.right(), max(m.bottom(), room))


def _arrow_over_text(opt) -> bool:
    """A tool button that opens its menu at once draws the menu arrow inside its text's room
    (the last letter, "hội nghị", went under it): it needs the arrow's width on top."""
    if not isinstance(opt, QStyleOptionToolButton):
        return False
    features = opt.features
    has_menu = bool(features & QStyleOptionToolButton.ToolButtonFeature.HasMenu)
    split = bool(features & QStyleOptionToolButton.ToolButtonFeature.MenuButtonPopup)
    return has_menu and not split and bool(opt.text)


class MarksStyle(QProxyStyle):
    """The platform style, with text-sized controls tall enough for stacked Vietnamese marks."""

    def sizeFromContents(self, ct, opt, size, widget=None):  # Qt API name
        s = super().sizeFromContents(ct, opt, size, widget)
        extra = _TEXT_CONTENTS.get(ct)
        if extra is not None and opt is not None:
            font = widget.font() if isinstance(widget, QWidget) else QFont()
            if ct == QStyle.ContentsType.CT_ItemViewItem:
                font = opt.font  # the item's own font (bold rows, larger headings)
            need = text_height(font) + extra
            if s.height() < need:
                s.setHeight(need)
        if ct == QStyle.ContentsType.CT_ToolButton and _arrow_over_text(opt):
            s.setWidth(s.width() + self.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator))
        return s

    def polish(self, arg):  # Qt API name; overloaded for widgets, palettes and the application
        result = super().polish(arg)
        if isinstance(arg, QLabel):
            keep_room_in(arg)
        elif isinstance(arg, QScrollBar) and arg.style() is self:
            # A scroll bar has no text: it asks the platform style itself. Through this proxy
            # each of its size questions was a call into Python — every list, table, header and
            # chart asks for both of its bars at each layout (a thousand calls on the overview).
            # (Under a style sheet its style is the sheet's, which keeps its own rules.)
            arg.setStyle(self.baseStyle())
        return result


def install(app) -> None:
    """Wrap the application's style once (idempotent: tests create the application many times)."""
    if not isinstance(app.style(), MarksStyle):
        app.setStyle(MarksStyle(app.style().name()))

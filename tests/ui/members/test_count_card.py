"""The dashboard's count tile (members page and «Tổng quan»): painted and coloured without style
sheets — grey "…" while counting, red for an alert with something in it, green for none, blue
otherwise; a chosen tile has a thick dark-red border."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from ketluan_desktop.core.members import reminders as member_rules


@pytest.fixture
def card(qtbot):
    from ketluan_desktop.ui.application import create_application
    from ketluan_desktop.ui.members.widgets import CountCard

    create_application()
    c = CountCard(member_rules.LOST_CARD, "Mất thẻ đảng viên chưa cấp lại")
    qtbot.addWidget(c)
    c.resize(200, 96)
    c.show()
    qtbot.waitExposed(c)
    return c


def _border(card) -> QColor:
    """The colour at the middle of the tile's left border."""
    image = QImage(card.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("black"))
    card.render(image)
    return image.pixelColor(1, card.height() // 2)


def test_the_count_is_coloured_by_what_it_says(card):
    assert card.number.text() == "…" and card.number_colour() == "#9aa0a8"
    card.set_count(3, alert=True)
    assert card.number.text() == "3" and card.number_colour() == "#b3261e"
    card.set_count(0, alert=True)
    assert card.number_colour() == "#2e7d32"
    card.set_count(12, alert=False)
    assert card.number_colour() == "#1f5fa8" and card.accessibleDescription() == "12"
    card.set_count(2688, alert=True)  # as the office writes it, on «Tổng quan» and the members'
    assert card.number.text() == "2.688"
    font = card.number.font()
    assert font.bold() and font.pointSizeF() == 22
    # Painted, not styled: no sheet for Qt to polish the tile and its labels through.
    assert card.styleSheet() == card.number.styleSheet() == card.label.styleSheet() == ""


def test_a_chosen_tile_has_a_dark_red_border(card):
    plain = _border(card)
    assert plain.red() > 180 and abs(plain.red() - plain.blue()) < 40  # light grey
    card.set_selected(True)
    chosen = _border(card)
    assert chosen.red() > 2 * max(chosen.green(), chosen.blue(), 20)  # #7a1015
    card.set_selected(False)
    assert _border(card) == plain

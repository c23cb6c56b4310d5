"""A button that opens a menu, with room for its arrow.

A ``QToolButton`` in instant-popup mode draws its arrow over the end of its text ("Soạn văn bản của
hội nghị" lost the dot of its «ị»); a ``QPushButton`` with a menu keeps a place for the arrow
beside the text, and looks like the buttons next to it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QPushButton, QWidget


def menu_button(
    text: str, make_menu: Callable[[QWidget], QMenu] | None = None, parent: QWidget | None = None
) -> QPushButton:
    """``make_menu(button)`` builds the menu (owned by the button); an empty one by default."""
    button = QPushButton(text, parent)
    button.setMenu(make_menu(button) if make_menu is not None else QMenu(button))
    return button

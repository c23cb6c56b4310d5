"""Windows open no larger than the screen they open on.

The editor asked for 1480×920, the signature check for 1200×820, the print preview for 820×960:
on the 1366×768 laptops many offices use (or 1920×1080 at 150 %), their bottom edge and buttons
were below the screen. A window now takes the size it asks for, or the screen's free area less a
margin for the title bar, whichever is smaller (never below its minimum size)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

WIDTH_SHARE, HEIGHT_SHARE = 0.97, 0.92  # the frame and title bar the window manager adds


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, int(room.width() * WIDTH_SHARE))
        height = min(height, int(room.height() * HEIGHT_SHARE))
    least = window.minimumSize()
    window.resize(max(width, least.width()), max(height, least.height()))

"""The application's look: calm, legible, Times-free (the screen uses the system UI font).

Set through palettes and fonts rather than an application-wide style sheet: a global sheet sends
every widget through QStyleSheetStyle, which cost about 120 ms of start-up on the demo office
(``python bench/bench_startup.py``). Style sheets stay only on the few widgets that need
sub-control rules (the navigation rail, chips, verdict banners).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette

WINDOW_BACKGROUND = "#f4f5f7"
SELECTION = "#f5dfe0"
SELECTION_TEXT = "#1d1f23"
ALTERNATE_ROW = "#f8f9fb"

# role: (point size, weight or None, colour, vertical padding in px)
TEXT_ROLES: dict[str, tuple[float, int | None, str, int]] = {
    "heading": (12.0, 600, "#2b2f36", 4),
    "emptyTitle": (15.0, 600, "#39404a", 0),
    "emptyText": (10.5, None, "#5b6370", 0),
    "appTitle": (13.0, 700, "#7a1015", 0),
    "errorText": (10.0, None, "#a3161d", 2),
}

RAIL_STYLE = """
QListWidget { background: #7a1015; border: none; color: white; font-size: 10.5pt; outline: 0; }
QListWidget::item { padding: 12px 10px; border-left: 4px solid transparent; }
QListWidget::item:selected { background: #9c1b21; border-left: 4px solid #f2c14e; color: white; }
QListWidget::item:hover:!selected { background: #8a151b; }
"""


def apply_palette(app) -> None:
    """Selection and alternate-row colours for every view of the application."""
    pal = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, QPalette.ColorRole.Highlight, QColor(SELECTION))
        pal.setColor(group, QPalette.ColorRole.HighlightedText, QColor(SELECTION_TEXT))
        pal.setColor(group, QPalette.ColorRole.AlternateBase, QColor(ALTERNATE_ROW))
    app.setPalette(pal)


def set_window_background(widget) -> None:
    pal = widget.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor(WINDOW_BACKGROUND))
    widget.setPalette(pal)


def set_text_role(label, role: str) -> None:
    """Give a label one of the application's text roles (heading, empty-state text…)."""
    size, weight, colour, pad = TEXT_ROLES[role]
    label.setObjectName(role)
    font = QFont(label.font())
    font.setPointSizeF(size)
    if weight is not None:
        font.setWeight(QFont.Weight(weight))
    label.setFont(font)
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(pal)
    if pad:
        label.setContentsMargins(0, pad, 0, pad)


def bold_header(view) -> None:
    """Column titles in semi-bold, for tables and trees alike."""
    header = view.header() if hasattr(view, "header") else view.horizontalHeader()
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)
    header.setFont(font)
    header.setMinimumHeight(28)

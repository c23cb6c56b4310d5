"""The page view used by the editor's preview and the print preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView


def fit_width_page_view(page_spacing: int | None = None) -> QPdfView:
    """Pages one under the other, as wide as the view.

    The vertical scroll bar is always shown: with "fit to width" and an as-needed bar, a page
    whose height is within a bar's width of the view's height makes the bar appear (narrower
    view, shorter page, no bar needed), vanish (wider view, taller page) and so on forever — the
    window froze at 100 % CPU on a one-page document.
    """
    view = QPdfView()
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if page_spacing is not None:
        view.setPageSpacing(page_spacing)
    return view

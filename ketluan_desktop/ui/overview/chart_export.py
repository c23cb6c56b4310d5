"""Each chart's «Xuất» menu: the picture as PNG or SVG, its numbers as Excel."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter, Qt
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ketluan_desktop.core.render.naming import ascii_fold
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.overview.chart_view import ChartPanel

SCALE = 2  # a PNG sharp enough for a slide or a printed page


def save_png(view: ChartPanel, path: str | Path) -> Path:
    size = view.picture_size() * SCALE
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(SCALE)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.paint(painter)
    finally:
        painter.end()
    path = Path(path)
    if not image.save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    return path


def save_svg(view: ChartPanel, path: str | Path) -> Path:
    """Vector: the chart's scene and its legend painted into an SVG generator."""
    size = view.picture_size()
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(size)
    gen.setViewBox(QRect(0, 0, size.width(), size.height()))
    gen.setTitle(view.spec.title if view.spec else "")
    gen.setDescription("KếtLuận Desktop")
    painter = QPainter(gen)
    try:
        view.paint(painter)
    finally:
        painter.end()
    return Path(path)


def file_stem(view: ChartPanel) -> str:
    title = view.spec.title if view.spec else "bieu-do"
    words = re.sub(r"[^0-9a-z]+", " ", ascii_fold(title).lower()).split()
    return "-".join(words)[:60] or "bieu-do"


def export_button(view: ChartPanel, parent: QWidget, excel) -> QToolButton:
    """«Xuất ▾»: PNG, SVG, Excel; ``excel(path)`` writes the chart's numbers (in the background)."""
    tr = parent.tr
    button = QToolButton(parent)
    button.setText(tr("Xuất"))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)

    def ask(caption: str, suffix: str, filters: str) -> str | None:
        return dialogs.save_file(
            parent, caption, "export", file_stem(view) + suffix, filters, suffix
        )

    def png() -> None:
        path = ask(tr("Lưu biểu đồ (PNG)"), ".png", tr("Ảnh PNG (*.png)"))
        if path:
            _guarded(parent, lambda: save_png(view, path))

    def svg() -> None:
        path = ask(tr("Lưu biểu đồ (SVG)"), ".svg", tr("Ảnh vector SVG (*.svg)"))
        if path:
            _guarded(parent, lambda: save_svg(view, path))

    def xlsx() -> None:
        path = ask(tr("Xuất số liệu biểu đồ ra Excel"), ".xlsx", tr("Bảng tính Excel (*.xlsx)"))
        if path:
            excel(path)

    menu.addAction(tr("Ảnh PNG…"), png)
    menu.addAction(tr("Ảnh vector SVG…"), svg)
    menu.addAction(tr("Số liệu ra Excel…"), xlsx)
    button.setMenu(menu)
    button.setAccessibleName(tr("Xuất biểu đồ"))
    return button


def _guarded(parent: QWidget, write) -> None:
    try:
        write()
    except OSError as exc:
        dialogs.show_error(parent, parent.tr("Không ghi được tệp: {e}").format(e=exc))

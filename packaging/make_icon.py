"""Render resources/icons/ketluan.svg into a multi-size Windows .ico at build time (not committed)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: str) -> None:
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    root = Path(__file__).resolve().parents[1]
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(root / "resources" / "icons" / "ketluan.svg"))
    img = QImage(256, 256, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    painter = QPainter(img)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    big = Image.open(io.BytesIO(bytes(data)))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    big.save(
        out, format="ICO", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)]
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/ketluan.ico")

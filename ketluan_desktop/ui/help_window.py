"""«Trợ giúp → Hướng dẫn sử dụng» (F1): the Vietnamese user guide, a bundled HTML page with
pictures of the real screens (resources/help/, pictures made by packaging/make_help_screens.py),
shown in a QTextBrowser — nothing to install, works offline and in the frozen app."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ketluan_desktop.core.paths import resource
from ketluan_desktop.ui.screen_fit import fit_to_screen

GUIDE = ("help", "huong-dan.html")


def guide_path() -> Path:
    return resource(*GUIDE)


def guide_problems() -> list[str]:
    """What is missing from the bundled guide (the self-test and a test check it)."""
    path = guide_path()
    if not path.is_file():
        return [f"không có tệp hướng dẫn {path}"]
    html = path.read_text(encoding="utf-8")
    return [
        f"thiếu hình {src}"
        for src in re.findall(r'<img[^>]+src="([^"]+)"', html)
        if not (path.parent / src).is_file()
    ]


class GuideWindow(QDialog):
    """Non-modal: the guide stays open beside the window it explains."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng — KếtLuận Desktop"))
        fit_to_screen(self, 900, 760)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._external)
        path = guide_path()
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:
            self.browser.setPlainText(
                self.tr(
                    "Không tìm thấy tệp hướng dẫn ({path}). Bản cài đặt có thể thiếu tệp; hãy cài "
                    "lại chương trình hoặc báo bộ phận kỹ thuật."
                ).format(path=path)
            )
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def _external(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def show_guide(parent: QWidget) -> GuideWindow:
    """Open (or bring forward) the guide window of ``parent``."""
    existing = parent.findChild(GuideWindow)
    window = existing or GuideWindow(parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window

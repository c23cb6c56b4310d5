"""Issue 13 item 11: «Trợ giúp» has a Vietnamese user guide (F1) with pictures of the real screens,
bundled in resources/help/ (and so in the frozen app, which bundles resources/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from ketluan_desktop.ui.help_window import GuideWindow, guide_path, guide_problems

REPO = Path(__file__).resolve().parents[2]
WEEK = [
    "Thiết lập ban đầu",
    "Ghi hội nghị",
    "nhiệm vụ trọng tâm",
    "Ban hành và cấp số",
    "Xuất PDF",
    "Ký số",
    "Kiểm tra chữ ký",
    "tiến độ nhiệm vụ",
    "cấp lại thẻ",
    "đi nước ngoài",
    "Nhắc việc",
    "Số liệu sáu tháng",
]


def test_the_guide_and_all_its_pictures_are_bundled():
    assert guide_problems() == []
    assert guide_path().parent == REPO / "resources" / "help"
    spec = (REPO / "packaging" / "ketluan.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec  # the whole folder, help included
    pictures = list((REPO / "resources" / "help" / "images").glob("*.png"))
    assert len(pictures) >= 10


# A real top-level window: the offscreen platform says it cannot raise it or pass size hints on.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
# Opening the guide, Qt lays out its whole text with the pictures of twelve sections on the UI
# thread (QTextDocument has no background layout): 50-65 ms here, over the guard's 50 ms.
def test_f1_opens_the_guide_over_the_clerks_week(qtbot, make_window, demo_db, allow_ui_stall):
    w = make_window(demo_db)
    w.activateWindow()
    qtbot.keyClick(w, Qt.Key.Key_F1)
    guide = w.findChild(GuideWindow)
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    assert text.startswith("Hướng dẫn sử dụng KếtLuận Desktop")
    for topic in WEEK:
        assert topic in text, topic
    # Each picture is found and decoded (not a broken-image placeholder).
    doc = guide.browser.document()
    html = guide_path().read_text(encoding="utf-8")
    for name in ("images/editor.png", "images/verify.png", "images/card_reissue.png"):
        assert name in html
        image = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert image is not None and not image.isNull(), name
    qtbot.keyClick(w, Qt.Key.Key_F1)  # again: the same window comes forward
    assert len(w.findChildren(GuideWindow)) == 1
    guide.close()

"""Buttons that open a menu keep their whole text: the arrow sits beside it, never on it."""

from __future__ import annotations


def _ink_gap_before_arrow(button) -> int:
    """Empty pixel columns between the text's last ink and the menu arrow (the rightmost ink)."""
    button.resize(button.sizeHint())
    image = button.grab().toImage()
    w, h = image.width(), image.height()
    background = image.pixelColor(w // 2, 3).lightness()
    inked = [
        any(abs(image.pixelColor(x, y).lightness() - background) > 60 for y in range(3, h - 3))
        for x in range(3, w - 3)
    ]
    x = max(i for i, ink in enumerate(inked) if ink)
    while x >= 0 and inked[x]:  # the arrow
        x -= 1
    gap = 0
    while x >= 0 and not inked[x]:
        gap += 1
        x -= 1
    return gap


def test_soan_van_ban_cua_hoi_nghi_and_its_siblings_are_not_clipped(
    qtbot, make_window, office_db, ctx_for, show_editor
):
    from PySide6.QtWidgets import QPushButton

    from ketluan_desktop.ui.documents.opening import new_document

    window = make_window(office_db)
    meetings = window.meetings
    editor = show_editor(new_document(ctx_for(office_db), "KL"))
    buttons = {
        "Soạn văn bản của hội nghị": meetings.new_doc_button,
        "Soạn văn bản mới (hội nghị)": meetings.form.new_doc,
        "Soạn văn bản mới (danh sách)": meetings.documents_panel.new_button,
        "Thêm từ danh sách": editor.closing.recipients.add_usual,
    }
    for name, button in buttons.items():
        assert button.menu() is not None, name
        assert isinstance(button, QPushButton), f"{name}: a button that reserves room for its arrow"
        assert button.sizeHint().width() > button.fontMetrics().horizontalAdvance(button.text())
        assert _ink_gap_before_arrow(button) >= 3, f"{name}: the arrow touches the text"

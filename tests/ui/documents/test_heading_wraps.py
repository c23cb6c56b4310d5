"""A long section heading wraps in its box, its beginning always in sight (typed with real keys)."""

from __future__ import annotations

from PySide6.QtCore import Qt

LONG = (
    "Đánh giá tình hình thực hiện nhiệm vụ chính trị 6 tháng đầu năm 2024 và phương hướng, "
    "nhiệm vụ trọng tâm của Đảng bộ Khối trong 6 tháng cuối năm"
)


def test_a_long_heading_wraps_and_keeps_its_start_in_sight(
    qtbot, office_db, ctx_for, show_editor, typer, typing_clock
):
    from ketluan_desktop.ui.documents.opening import new_document

    ed = show_editor(new_document(ctx_for(office_db), "KL"))
    section = ed.model.draft.sections[1]
    heading = ed.body_view.section_widget(section.key).heading
    heading.setFocus()
    heading.selectAll()
    qtbot.keyClick(heading, Qt.Key.Key_Delete)
    typer(heading, LONG)
    assert section.heading == LONG
    line = heading.fontMetrics().lineSpacing()
    assert heading.height() >= 2 * line, "the heading wraps onto a second line"
    # Everything typed is inside the box: nothing scrolled away at the start or the end.
    assert heading.height() >= heading.document().size().height()
    start = heading.textCursor()
    start.setPosition(0)
    assert heading.viewport().rect().contains(heading.cursorRect(start).center())
    assert (
        heading.viewport().rect().contains(heading.cursorRect().center())
    )  # the caret, at the end
    # Enter still goes to the section's first paragraph; the heading stays one paragraph.
    qtbot.keyClick(heading, Qt.Key.Key_Return)
    assert section.heading == LONG and "\n" not in heading.text()
    first = ed.body_view.row(section.blocks[0].key).edit
    assert first.hasFocus()
    # Undo goes through the editor's stack, word by word.
    heading.setFocus()
    qtbot.keyClick(heading, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert section.heading == LONG.removesuffix("năm")

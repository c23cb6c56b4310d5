"""Undo steps by words and by pauses, as in a word processor: real key events in the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt

PARAGRAPH = (
    "Tiếp tục đổi mới phương thức lãnh đạo của Đảng ủy Khối, nâng cao chất lượng sinh hoạt chi bộ, "
    "kiểm tra và giám sát việc thực hiện Nghị quyết số 28-NQ/TU ở các tổ chức cơ sở đảng."
)


def _editor_line(ctx_for, office_db, show_editor):
    from ketluan_desktop.ui.documents.opening import new_document

    ed = show_editor(new_document(ctx_for(office_db), "KL"))
    key = ed.model.draft.sections[1].blocks[0].key
    ed.body_view.focus_key(key, 0)
    return ed, key, ed.body_view.row(key).edit


def _undo(qtbot, edit):
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_one_ctrl_z_removes_the_last_word_of_a_typed_paragraph_not_all_of_it(
    qtbot, office_db, ctx_for, show_editor, typer, typing_clock
):
    assert len(PARAGRAPH) > 170
    ed, key, edit = _editor_line(ctx_for, office_db, show_editor)
    typer(edit, PARAGRAPH)
    assert ed.model.body.block(key).text == PARAGRAPH
    _undo(qtbot, edit)
    assert ed.model.body.block(key).text == PARAGRAPH.removesuffix("đảng.")
    assert edit.toPlainText() == PARAGRAPH.removesuffix("đảng.")
    _undo(qtbot, edit)
    _undo(qtbot, edit)
    assert ed.model.body.block(key).text == PARAGRAPH.removesuffix("cơ sở đảng.")
    qtbot.keyClick(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert ed.model.body.block(key).text == PARAGRAPH.removesuffix("sở đảng.")
    words = len(PARAGRAPH.split())
    for _ in range(words):
        _undo(qtbot, edit)
    assert ed.model.body.block(key).text == ""


def test_a_pause_of_a_second_ends_an_undo_step_inside_a_word(
    qtbot, office_db, ctx_for, show_editor, typer, typing_clock
):
    ed, key, edit = _editor_line(ctx_for, office_db, show_editor)
    typer(edit, "Nghị qu")
    typing_clock[0] += 1.5  # the clerk stops to think
    typer(edit, "yết")
    _undo(qtbot, edit)
    assert ed.model.body.block(key).text == "Nghị qu"
    _undo(qtbot, edit)
    assert ed.model.body.block(key).text == "Nghị "


def test_backspace_corrections_inside_a_word_stay_in_its_step(
    qtbot, office_db, ctx_for, show_editor, typer, typing_clock
):
    """Vietnamese input methods send Backspace and the accented letter while a word is typed."""
    ed, key, edit = _editor_line(ctx_for, office_db, show_editor)
    typer(edit, "Đảng vie")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    typer(edit, "ệt")
    assert ed.model.body.block(key).text == "Đảng việt"
    _undo(qtbot, edit)
    assert ed.model.body.block(key).text == "Đảng "


def test_typing_in_a_heading_and_a_header_field_steps_by_words(
    qtbot, office_db, ctx_for, show_editor, typer, typing_clock
):
    ed, _key, _edit = _editor_line(ctx_for, office_db, show_editor)
    section = ed.model.draft.sections[1]
    heading = ed.body_view.section_widget(section.key).heading
    heading.setFocus()
    qtbot.keyClick(heading, Qt.Key.Key_End)
    typer(heading, " sáu tháng")
    assert section.heading == "Đánh giá tình hình sáu tháng"
    ed.act_undo.trigger()
    assert section.heading == "Đánh giá tình hình sáu "
    place = ed.header.place
    place.setFocus()
    place.selectAll()
    typer(place, "Thành phố Thái Nguyên")
    ed.act_undo.trigger()
    assert ed.model.draft.place == "Thành phố Thái "

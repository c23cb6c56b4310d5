"""An issued document accepts no edit at all, and says so: real mouse and key events."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication


def _snapshot(ed):
    return [
        (s.heading, [(b.kind, b.level, b.text) for b in s.blocks]) for s in ed.model.draft.sections
    ]


def _screen(ed):
    return {key: row.edit.toPlainText() for key, row in ed.body_view._rows.items()}


def test_select_a_paragraph_of_an_issued_document_and_press_keys(
    qtbot, demo_db, ctx_for, show_editor
):
    from ketluan_desktop.ui.documents.opening import open_document

    ed = show_editor(open_document(ctx_for(demo_db), 1))
    assert ed.read_only and ed.model.draft.status == "issued"
    model_before, screen_before = _snapshot(ed), _screen(ed)
    key = ed.model.draft.sections[1].blocks[0].key
    edit = ed.body_view.row(key).edit
    ed.body_view.focus_key(key, 0)
    ed.scroll.ensureWidgetVisible(edit)
    # Select the paragraph with the mouse (a triple click), as the clerk did.
    viewport, where = edit.viewport(), QPoint(40, 10)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    assert edit.textCursor().hasSelection()
    ctrl, alt_shift = (
        Qt.KeyboardModifier.ControlModifier,
        (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier),
    )
    QApplication.clipboard().setText("dán vào")
    for key_, mods in (
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier),
        (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_V, ctrl),
        (Qt.Key.Key_X, ctrl),
        (Qt.Key.Key_B, ctrl),
        (Qt.Key.Key_Return, ctrl),
        (Qt.Key.Key_Down, alt_shift),
        (Qt.Key.Key_Z, ctrl),
    ):
        qtbot.keyClick(edit, key_, mods)
        assert _screen(ed) == screen_before, f"{key_} {mods} changed the screen"
        assert _snapshot(ed) == model_before, f"{key_} {mods} changed the document"
    assert "chỉ để xem" in ed.statusBar().currentMessage()
    heading = ed.body_view.section_widget(ed.model.draft.sections[1].key).heading
    before = heading.text() if hasattr(heading, "text") else heading.toPlainText()
    heading.setFocus()
    qtbot.keyClicks(heading, "abc")
    qtbot.keyClick(heading, Qt.Key.Key_Backspace)
    after = heading.text() if hasattr(heading, "text") else heading.toPlainText()
    assert after == before and _snapshot(ed) == model_before

"""Structural edits with their undo and redo, key tasks in the tracker, inline bold, pasting."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from ketluan_desktop.core.documents.models import Block
from ketluan_desktop.core.tasks import listing as tasks


def _snapshot(editor):
    d = editor.model.draft
    return [
        (s.key, s.heading, [(b.key, b.kind, b.level, b.text, b.task is not None) for b in s.blocks])
        for s in d.sections
    ]


def _new(ctx_for, db, show_editor, type_code="KL", **kw):
    from ketluan_desktop.ui.documents.opening import new_document

    return show_editor(new_document(ctx_for(db), type_code, **kw))


def test_undo_and_redo_five_structural_edits(qtbot, office_db, ctx_for, show_editor, typer):
    ed = _new(ctx_for, office_db, show_editor)
    d = ed.model.draft
    first = ed.body_view.row(d.sections[1].blocks[0].key).edit
    typer(first, "Một hai ba")
    ed.stack.command(ed.stack.count() - 1).open = False  # typing done
    before = _snapshot(ed)
    # 1. split with Enter after "Một"
    first.set_caret(3)
    qtbot.keyClick(first, Qt.Key.Key_Return)
    # 2. move the new block down (Alt+Shift+Down): into the next section
    tail = ed.body_view.row(d.sections[1].blocks[1].key).edit
    qtbot.keyClick(
        tail, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert d.sections[2].blocks[0].text == " hai ba"
    # 3. indent it (Tab): paragraph -> bullet
    qtbot.keyClick(tail, Qt.Key.Key_Tab)
    assert d.sections[2].blocks[0].kind == "bullet"
    # 4. a new section after section 2 (Ctrl+Enter)
    qtbot.keyClick(tail, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(d.sections) == 5 and d.sections[3].heading == ""
    # 5. move section 3 ("Tổ chức thực hiện", now 5th) up
    last = d.sections[4]
    assert ed.editing.move_section(last.key, -1)
    after = _snapshot(ed)
    assert [s.heading for s in d.sections] == [
        None,
        "Đánh giá tình hình",
        "Một số nhiệm vụ trọng tâm",
        "Tổ chức thực hiện",
        "",
    ]
    assert [ed.stack.command(i).text() for i in range(ed.stack.count())][-5:] == [
        "Tách đoạn",
        "Chuyển đoạn xuống",
        "Chuyển thành gạch đầu dòng",
        "Thêm mục",
        "Chuyển mục lên",
    ]
    for _ in range(5):
        ed.act_undo.trigger()
    assert _snapshot(ed) == before
    for _ in range(5):
        ed.act_redo.trigger()
    assert _snapshot(ed) == after
    # Ctrl+Z from the keyboard in a block goes to the same stack.
    edit = ed.body_view.row(d.sections[2].blocks[0].key).edit
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.heading for s in d.sections][-2:] == ["", "Tổ chức thực hiện"]
    qtbot.keyClick(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _snapshot(ed) == after


def test_body_model_passes_the_model_tester_through_edits(
    qtmodeltester, office_db, ctx_for, show_editor
):
    ed = _new(ctx_for, office_db, show_editor)
    body = ed.model.body
    qtmodeltester.check(body, force_py=True)
    key = body.sections[2].blocks[1].key
    ed.editing.split(key, 0)
    ed.editing.move(key, -1)
    ed.editing.move(key, -1)
    ed.editing.move_section(body.sections[3].key, -1)
    ed.editing.new_section_after(body.sections[1].key)
    qtmodeltester.check(body, force_py=True)
    assert ed.outline.model() is body


def test_backspace_merges_and_delete_joins_the_next(qtbot, office_db, ctx_for, show_editor, typer):
    ed = _new(ctx_for, office_db, show_editor)
    d = ed.model.draft
    e = ed.body_view.row(d.sections[1].blocks[0].key).edit
    typer(e, "AB")
    e.set_caret(1)
    qtbot.keyClick(e, Qt.Key.Key_Return)
    second = ed.body_view.row(d.sections[1].blocks[1].key).edit
    second.set_caret(0)
    qtbot.keyClick(second, Qt.Key.Key_Backspace)
    assert [b.text for b in d.sections[1].blocks] == ["AB"]
    ed.act_undo.trigger()
    assert [b.text for b in d.sections[1].blocks] == ["A", "B"]
    first = ed.body_view.row(d.sections[1].blocks[0].key).edit
    first.set_caret(1)
    qtbot.keyClick(first, Qt.Key.Key_Delete)
    assert [b.text for b in d.sections[1].blocks] == ["AB"]


def test_marked_bullet_is_in_the_tracker_and_follows_its_text(
    qtbot, office_db, ctx_for, show_editor, typer
):
    ed = _new(ctx_for, office_db, show_editor)
    d = ed.model.draft
    d_key = d.sections[2].blocks[1].key
    bullet = ed.body_view.row(d_key).edit
    bullet.setFocus()
    typer(bullet, "Lãnh đạo xây dựng kế hoạch thực hiện Chỉ thị số 35-CT/TW.")
    ed.act_task.trigger()
    panel = ed.tasks_panel
    assert panel.is_task.isChecked() and d.sections[2].blocks[1].task is not None
    panel.lead.setCurrentIndex(panel.lead.findText("Ban Tổ chức"))
    panel.lead.activated.emit(panel.lead.currentIndex())
    panel.co_units.item(0).setCheckState(Qt.CheckState.Checked)
    panel.has_deadline.setChecked(True)
    assert d.sections[2].blocks[1].task.deadline is not None
    assert ed.body_view.row(d_key).gutter.text() == "★"
    ed.act_save.trigger()
    with office_db.session() as s:
        rows = tasks.list_tasks(s, today=date(2026, 11, 29), document_id=d.doc_id)
    assert [(r.text, r.lead_unit) for r in rows] == [
        ("Lãnh đạo xây dựng kế hoạch thực hiện Chỉ thị số 35-CT/TW.", "Ban Tổ chức")
    ]
    bullet.set_caret(0)
    typer(bullet, "Khẩn trương ")
    ed.act_save.trigger()
    with office_db.session() as s:
        rows = tasks.list_tasks(s, today=date(2026, 11, 29), document_id=d.doc_id)
    assert rows[0].text.startswith("Khẩn trương Lãnh đạo xây dựng")
    # Undo the mark: gone from the tracker at the next save.
    ed.editing.toggle_task(d_key)
    ed.act_save.trigger()
    with office_db.session() as s:
        assert tasks.list_tasks(s, today=date(2026, 11, 29), document_id=d.doc_id) == []


def test_bold_on_a_selection_is_saved_as_marks(qtbot, office_db, ctx_for, show_editor, typer):
    ed = _new(ctx_for, office_db, show_editor)
    d = ed.model.draft
    key = d.sections[1].blocks[0].key
    e = ed.body_view.row(key).edit
    e.setFocus()
    typer(e, "Rất quan trọng")
    c = e.textCursor()
    c.setPosition(0)
    c.setPosition(3, QTextCursor.MoveMode.KeepAnchor)
    e.setTextCursor(c)
    qtbot.keyClick(e, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert d.sections[1].blocks[0].marks == [[0, 3, "b"]]
    ed.act_save.trigger()
    with office_db.session() as s:
        assert s.get(Block, d.sections[1].blocks[0].db_id).marks == [[0, 3, "b"]]
    from ketluan_desktop.ui.documents.reader import draft_html

    assert "<b>Rất</b> quan trọng" in draft_html(d)  # the reading pane shows it too
    ed.act_undo.trigger()
    assert d.sections[1].blocks[0].marks == []


def test_pasting_several_paragraphs_makes_blocks(qtbot, office_db, ctx_for, show_editor):
    from PySide6.QtCore import QMimeData

    ed = _new(ctx_for, office_db, show_editor)
    d = ed.model.draft
    e = ed.body_view.row(d.sections[2].blocks[0].key).edit
    mime = QMimeData()
    mime.setText("Đoạn một.\n- Ý thứ nhất;\n+ Ý nhỏ;\nĐoạn cuối.")
    e.insertFromMimeData(mime)
    assert [(b.kind, b.level, b.text) for b in d.sections[2].blocks[:4]] == [
        ("paragraph", 0, "Đoạn một."),
        ("bullet", 0, "Ý thứ nhất;"),
        ("bullet", 1, "Ý nhỏ;"),
        ("paragraph", 0, "Đoạn cuối."),
    ]
    ed.act_undo.trigger()
    assert d.sections[2].blocks[0].text == ""


def test_citations_are_underlined_and_listed(qtbot, office_db, ctx_for, show_editor, typer):
    ed = _new(ctx_for, office_db, show_editor)
    d = ed.model.draft
    e = ed.body_view.row(d.sections[1].blocks[0].key).edit
    typer(e, "Thực hiện Chỉ thị số 34-CT/TU, ngày 20/4/2024 của Ban Thường vụ Tỉnh ủy.")
    ed.refresh_citations()
    items = ed.citations_panel.items
    assert [(c.kind, c.number_symbol, c.issuer) for c in items] == [
        ("Chỉ thị", "34-CT/TU", "Ban Thường vụ Tỉnh ủy")
    ]
    layout = e.document().firstBlock().layout()
    formats = layout.formats()
    assert any(f.format.fontUnderline() and f.start == 10 for f in formats)


def test_a_deadline_typed_in_the_task_pane_is_the_date_typed(
    qtbot, office_db, ctx_for, show_editor, typer
):
    """Typing 31/3/2027 passes through "31/3/20" (a date: 2020): the pane must not rewrite the
    field with that stored value under the clerk's fingers (it kept 31/03/2020)."""
    ed = _new(ctx_for, office_db, show_editor)
    d = ed.model.draft
    key = d.sections[2].blocks[1].key
    bullet = ed.body_view.row(key).edit
    bullet.setFocus()
    typer(bullet, "Hoàn thành trước quý II.")
    ed.act_task.trigger()
    panel = ed.tasks_panel
    qtbot.mouseClick(panel.has_deadline, Qt.MouseButton.LeftButton)
    panel.deadline.setFocus()
    panel.deadline.selectAll()
    qtbot.keyClicks(panel.deadline, "31/3/2027")
    assert panel.deadline.text() == "31/3/2027"
    assert d.sections[2].blocks[1].task.deadline == date(2027, 3, 31)
    panel.deadline_text.setFocus()
    qtbot.keyClicks(panel.deadline_text, "quy I/2027")
    panel.deadline_text.setCursorPosition(3)
    qtbot.keyClicks(panel.deadline_text, "s")  # typed in the middle stays in the middle
    assert d.sections[2].blocks[1].task.deadline_text == "quys I/2027"

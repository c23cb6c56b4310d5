"""Writing a conclusion from the template with the real widgets: typing, Enter, Tab, saving."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ketluan_desktop.core.documents import draft_saving as draft_store


def _rows(editor):
    return [
        (s.heading, [(b.kind, b.level, b.text) for b in s.blocks])
        for s in editor.model.draft.sections
    ]


def test_write_a_conclusion_from_the_template(qtbot, office_db, ctx_for, show_editor, typer):
    from ketluan_desktop.ui.documents.opening import new_document

    ctx = ctx_for(office_db)
    ed = show_editor(new_document(ctx, "KL"))
    d = ed.model.draft
    assert [s.heading for s in d.sections] == [
        None,
        "Đánh giá tình hình",
        "Một số nhiệm vụ trọng tâm",
        "Tổ chức thực hiện",
    ]
    # Opening paragraph.
    opening = ed.body_view.row(d.sections[0].blocks[0].key).edit
    typer(opening, "Ngày 10 tháng 7 năm 2024, Ban Chấp hành đã họp.")
    # Section 1: two paragraphs, split with Enter.
    first = ed.body_view.row(d.sections[1].blocks[0].key).edit
    typer(first, "Kết quả tốt.")
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert len(d.sections[1].blocks) == 2
    second = ed.body_view.row(d.sections[1].blocks[1].key).edit
    assert second.hasFocus()
    typer(second, "Còn hạn chế.")
    # Section 2: a paragraph and bullets; Enter in a bullet gives a bullet, Tab a sub-bullet.
    bullet = ed.body_view.row(d.sections[2].blocks[1].key).edit
    typer(bullet, "Tiếp tục bám sát Nghị quyết số 28-NQ/TU.")
    qtbot.keyClick(bullet, Qt.Key.Key_Return)
    nxt = ed.body_view.row(d.sections[2].blocks[2].key).edit
    typer(nxt, "Chuẩn bị đại hội.")
    qtbot.keyClick(nxt, Qt.Key.Key_Tab)
    assert (d.sections[2].blocks[2].kind, d.sections[2].blocks[2].level) == ("bullet", 1)
    qtbot.keyClick(nxt, Qt.Key.Key_Backtab)
    assert (d.sections[2].blocks[2].kind, d.sections[2].blocks[2].level) == ("bullet", 0)
    assert ed.modified
    ed.act_save.trigger()
    assert not ed.modified
    with office_db.session() as s:
        stored = draft_store.load_draft(s, d.doc_id)
    assert [
        (s.heading, [(b.kind, b.level, b.text) for b in s.blocks]) for s in stored.sections
    ] == _rows(ed)
    content = stored.to_content()
    assert content.sections[1].number == "1" and content.sections[2].number == "2"
    assert content.sections[2].blocks[0].text == "Tiếp tục bám sát Nghị quyết số 28-NQ/TU."

"""The review screen's editing actions, driven with real mouse clicks and key presses on the shown
dialog, each asserted on the rows stored after «Lưu» (issue 17). One transaction: nothing is in
the database before the clerk accepts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from ketluan_desktop.core.documents.incoming_models import IncomingDocument
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.ui import dialogs

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"
KL221 = ROOT / "tests" / "data" / "real" / "kl221-tw-bo-chinh-tri-2025.txt"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _tasks(db) -> list[Task]:
    with db.session() as s:
        return list(s.scalars(select(Task).order_by(Task.position)))


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _click(qtbot, tree, item, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _task_items(dialog) -> list:
    out = []
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).checkState(0) == Qt.CheckState.Checked:
                out.append(top.child(j))
    return out


def _press(qtbot, button) -> None:
    """A click on the button's own text (a radio button spans the row; its middle is empty)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center().__class__(8, 8))


def _reviewing(monkeypatch, qtbot, act):
    """Show the review dialog, let ``act`` work on it with real events, then press «Lưu»."""

    def review(dialog):
        db = dialog.parent().ctx.db
        before = (_count(db, Document), _count(db, IncomingDocument), _count(db, Task))
        dialog.show()
        qtbot.waitExposed(dialog)
        act(dialog)
        # nothing stored while the clerk reviews
        assert (_count(db, Document), _count(db, IncomingDocument), _count(db, Task)) == before
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "exec_dialog", review)


def test_merge_two_tasks_with_ctrl_click_and_the_button(make_window, db, monkeypatch, qtbot):
    w = make_window(db)

    def act(dialog):
        first, second = _task_items(dialog)[:2]
        _click(qtbot, dialog.tree, first)
        _click(qtbot, dialog.tree, second, Qt.KeyboardModifier.ControlModifier)
        qtbot.mouseClick(dialog.merge, Qt.MouseButton.LeftButton)
        assert len(_task_items(dialog)) == 7

    _reviewing(monkeypatch, qtbot, act)
    w.import_file(SAMPLE)
    tasks = _tasks(db)
    assert len(tasks) == 7
    assert tasks[0].text.startswith("Tiếp tục bám sát các chỉ tiêu Nghị quyết số 28-NQ/TU")
    assert "Tăng cường lãnh đạo, chỉ đạo công tác chính trị tư tưởng" in tasks[0].text


def test_split_a_task_where_the_cursor_is(make_window, db, monkeypatch, qtbot):
    w = make_window(db)
    seen = {}

    def act(dialog):
        item = _task_items(dialog)[0]
        _click(qtbot, dialog.tree, item)
        editor = dialog.task_panel.text
        seen["text"] = editor.toPlainText()
        qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
        qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        for _ in range(6):
            qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
        seen["at"] = editor.textCursor().position()
        qtbot.mouseClick(dialog.task_panel.split, Qt.MouseButton.LeftButton)

    _reviewing(monkeypatch, qtbot, act)
    w.import_file(SAMPLE)
    tasks = _tasks(db)
    assert len(tasks) == 9
    at = seen["at"]
    assert 0 < at < len(seen["text"])
    assert tasks[0].text == seen["text"][:at].strip()
    assert tasks[1].text == seen["text"][at:].strip()


def test_fix_a_heading_level_with_the_keyboard(make_window, db, monkeypatch, qtbot):
    w = make_window(db)

    def act(dialog):
        last = dialog.tree.topLevelItem(dialog.tree.topLevelItemCount() - 1)
        _click(qtbot, dialog.tree, last)
        assert dialog.level.isEnabled()
        dialog.level.setFocus()
        qtbot.keyClick(dialog.level, Qt.Key.Key_End)  # "Không phải tiêu đề (gộp vào mục trên)"
        assert dialog.tree.topLevelItemCount() == 3

    _reviewing(monkeypatch, qtbot, act)
    w.import_file(SAMPLE)
    with db.session() as s:
        doc = s.scalars(select(Document)).one()
        headings = [sec.heading for sec in doc.sections]
        assert "Về công tác cán bộ" not in headings
        texts = [b.text for b in doc.sections[-1].blocks]
        assert any(t.startswith("3. Về công tác cán bộ") for t in texts)


def test_give_a_task_its_unit_and_deadline(make_window, demo_db, monkeypatch, qtbot, tmp_path):
    w = make_window(demo_db)
    chosen = {}

    def act(dialog):
        _click(qtbot, dialog.tree, _task_items(dialog)[0])
        panel = dialog.task_panel
        assert panel.unit.isEnabled() and panel.unit.count() > 1
        panel.unit.setFocus()
        qtbot.keyClick(panel.unit, Qt.Key.Key_Down)
        qtbot.keyClick(panel.unit, Qt.Key.Key_Down)
        chosen["unit"] = panel.unit.currentData()
        qtbot.mouseClick(panel.deadline, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(panel.deadline, "30/9/2026")
        qtbot.keyClick(panel.deadline, Qt.Key.Key_Return)

    _reviewing(monkeypatch, qtbot, act)
    copy = tmp_path / "ket-luan-moi.txt"
    copy.write_bytes(SAMPLE.read_bytes().replace(b"19", b"21"))
    w.import_file(copy)
    with demo_db.session() as s:
        doc = s.scalars(select(Document).where(Document.source_filename == copy.name)).one()
        task = s.scalars(select(Task).where(Task.document_id == doc.id).order_by(Task.position))
        first = next(iter(task))
        assert chosen["unit"] is not None and first.lead_unit_id == chosen["unit"]
        assert s.get(Organisation, chosen["unit"]) is not None
        assert (first.deadline, first.deadline_text) == (date(2026, 9, 30), "30/9/2026")


def test_a_central_conclusion_goes_to_the_incoming_register(make_window, demo_db, monkeypatch,
                                                            qtbot):  # fmt: skip
    w = make_window(demo_db)
    seen = {}

    def act(dialog):
        assert dialog.side.is_incoming  # another body's document: proposed as incoming
        seen["tasks"] = len(_task_items(dialog))
        _click(qtbot, dialog.tree, _task_items(dialog)[0])
        _press(qtbot, dialog.side.own)
        assert not dialog.is_incoming
        _press(qtbot, dialog.side.incoming)
        assert dialog.is_incoming and dialog.side.track.isChecked()

    _reviewing(monkeypatch, qtbot, act)
    before = _count(demo_db, Document)
    w.import_file(KL221)
    assert _count(demo_db, Document) == before  # not the office's own document
    with demo_db.session() as s:
        row = s.scalars(select(IncomingDocument)).one()
        assert row.number_symbol == "221-KL/TW" and row.file_name == KL221.name
        assert (row.year, row.number) == (2026, 1)  # received "today" (the test clock)
        assert len(row.tasks) == seen["tasks"] > 0
        assert all(t.document_id is None for t in row.tasks)
    assert "sổ văn bản đến số 1/2026" in w.statusBar().currentMessage()
    w.meetings.show_incoming(row.id)
    view = w.meetings.incoming
    assert view.selected_id() == row.id and view.tasks.count() == seen["tasks"]

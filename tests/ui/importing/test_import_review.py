"""File → Nhập văn bản…: the review screen corrects what was read; nothing is saved on cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.meetings.models import Meeting
from ketluan_desktop.core.tasks.models import Task
from ketluan_desktop.ui import dialogs

SAMPLE = (
    Path(__file__).resolve().parents[3] / "resources" / "samples" / "ket-luan-hoi-nghi-lan-19.txt"
)


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_review_corrections_are_what_gets_stored(qtbot, make_window, db, monkeypatch, tmp_path):
    w = make_window(db)
    seen = {}

    def review(dialog):
        seen["tasks_before"] = len(dialog.checked_tasks())
        # The clerk unticks the first task, types the number and date the text lacked, renames §3.
        top = dialog.tree.topLevelItem(2)  # section 2 (after the opening paragraphs and section 1)
        first_task = top.child(1)
        assert first_task.checkState(0) == Qt.CheckState.Checked
        first_task.setCheckState(0, Qt.CheckState.Unchecked)
        dialog.number.setText("105-KL/ĐUK")
        dialog.doc_date.selectAll()
        qtbot.keyClicks(dialog.doc_date, "12/7/2024")
        dialog.place.setText("Thái Nguyên")
        dialog.tree.topLevelItem(3).setText(0, "3. Về công tác cán bộ (đã sửa)")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "exec_dialog", review)
    copy = tmp_path / "Kết luận số 105.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    w.import_file(copy)

    assert seen["tasks_before"] == 8
    with db.session() as s:
        doc = s.scalars(select(Document)).one()
        assert (doc.number_symbol, doc.doc_date, doc.place, doc.status) == (
            "105-KL/ĐUK",
            date(2024, 7, 12),
            "Thái Nguyên",
            "issued",
        )
        assert [sec.heading for sec in doc.sections][-1] == "Về công tác cán bộ (đã sửa)"
        tasks = s.scalars(select(Task).order_by(Task.position)).all()
        assert len(tasks) == 7
        assert tasks[0].text.startswith("Tăng cường lãnh đạo, chỉ đạo công tác chính trị tư tưởng")
        meeting = s.scalars(select(Meeting)).one()
        assert (meeting.session_number, meeting.extended, meeting.meeting_date) == (
            19,
            True,
            date(2024, 7, 10),
        )
    assert "7 nhiệm vụ" in w.statusBar().currentMessage()


def test_cancelling_the_review_saves_nothing(make_window, db, monkeypatch):
    w = make_window(db)
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: QDialog.DialogCode.Rejected)
    w.import_file(SAMPLE)
    assert _count(db, Document) == 0 and _count(db, Task) == 0 and _count(db, Meeting) == 0


def test_importing_the_same_file_twice_is_refused_with_a_message(
    make_window, db, monkeypatch, shown_dialogs
):
    w = make_window(db)
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: QDialog.DialogCode.Accepted)
    w.import_file(SAMPLE)
    w.import_file(SAMPLE)
    assert _count(db, Document) == 1
    errors = [m for kind, m in shown_dialogs if kind == "error"]
    assert errors and "đã được nhập trước đây" in errors[-1]


def test_a_binary_file_is_refused_before_review(
    make_window, db, monkeypatch, tmp_path, shown_dialogs
):
    w = make_window(db)
    opened = []
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: opened.append(d) or 0)
    bad = tmp_path / "ảnh.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    w.import_file(bad)
    assert opened == []
    assert any(kind == "error" for kind, _ in shown_dialogs)
    assert _count(db, Document) == 0

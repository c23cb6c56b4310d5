"""«Ban hành» with key tasks lacking a lead unit or a deadline: warned, fixed or confirmed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication


def _draft_with_a_bare_task(ctx, show_editor, typer):
    from ketluan_desktop.ui.documents.opening import new_document

    ed = show_editor(new_document(ctx, "KL", meeting_id=1))
    bullet = ed.model.draft.sections[2].blocks[1]
    ed.body_view.focus_key(bullet.key, 0)
    typer(ed.body_view.row(bullet.key).edit, "Tổ chức đại hội chi bộ nhiệm kỳ 2025–2027")
    ed.act_task.trigger()
    assert bullet.task is not None and bullet.task.lead_unit_id is None
    ed.body_view.focus_key(ed.model.draft.sections[0].blocks[0].key, 0)  # the caret elsewhere
    return ed, bullet


def test_issue_lists_the_bare_task_and_fix_jumps_to_it(
    qtbot, demo_db, ctx_for, show_editor, typer, monkeypatch
):
    from ketluan_desktop.ui.documents import issue_check

    ed, bullet = _draft_with_a_bare_task(ctx_for(demo_db), show_editor, typer)
    asked = []

    def answer(parent, message, tasks):
        asked.append((message, tasks))
        return ("fix", tasks[0].key)

    monkeypatch.setattr(issue_check, "ask_issue_with_gaps", answer)
    ed.act_issue.trigger()
    message, tasks = asked[-1]
    assert "Ban hành văn bản này?" in message
    assert [(t.text, t.missing) for t in tasks] == [
        ("Tổ chức đại hội chi bộ nhiệm kỳ 2025–2027", "chưa có đơn vị chủ trì và thời hạn")
    ]
    assert ed.model.draft.status == "draft"
    assert ed.body_view.current_key == bullet.key
    assert ed.side.currentWidget() is ed.tasks_panel and ed.tasks_panel.key == bullet.key
    assert ed.tasks_panel.lead.hasFocus()
    # The clerk picks a unit and a deadline with the panel, then issues without a warning.
    panel = ed.tasks_panel
    panel.lead.setCurrentIndex(1)
    panel.lead.activated.emit(1)
    panel.has_deadline.setChecked(True)
    asked.clear()
    ed.act_issue.trigger()
    assert not asked and ed.model.draft.status == "issued"


def test_issue_anyway_issues_with_the_task_as_it_is(
    qtbot, demo_db, ctx_for, show_editor, typer, monkeypatch
):
    from ketluan_desktop.ui.documents import issue_check

    ed, _bullet = _draft_with_a_bare_task(ctx_for(demo_db), show_editor, typer)
    monkeypatch.setattr(issue_check, "ask_issue_with_gaps", lambda p, m, t: ("issue", None))
    ed.act_issue.trigger()
    assert ed.model.draft.status == "issued" and ed.model.draft.number_symbol


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen only
def test_the_real_warning_enter_goes_to_the_task_and_issues_nothing(
    qtbot, demo_db, ctx_for, show_editor, typer, real_dialogs
):
    from ketluan_desktop.ui.documents.issue_check import IssueCheckDialog

    real_dialogs("exec_dialog", "ask_issue_with_gaps")
    ed, bullet = _draft_with_a_bare_task(ctx_for(demo_db), show_editor, typer)
    seen = []

    def press_enter() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, IssueCheckDialog):
            QTimer.singleShot(20, press_enter)
            return
        seen.append(dialog.list.topLevelItem(0).text(1))
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    QTimer.singleShot(20, press_enter)
    ed.act_issue.trigger()
    assert seen == ["chưa có đơn vị chủ trì và thời hạn"]
    assert ed.model.draft.status == "draft"
    assert ed.body_view.current_key == bullet.key


def test_the_issue_question_names_the_expected_number_once(
    qtbot, demo_db, ctx_for, show_editor, typer, _answers
):
    """It read "trong sổ kết luận (cấp khi ban hành (dự kiến 01-KL/ĐUK))": a hint meant for the
    header, in parentheses within parentheses."""
    from ketluan_desktop.ui.documents.opening import new_document

    ed = show_editor(new_document(ctx_for(demo_db), "KL", meeting_id=1))
    ed.act_issue.trigger()
    question = next(m for m in _answers["asked"] if m.startswith("Ban hành văn bản này?"))
    assert "trong sổ kết luận (dự kiến 01-KL/ĐUK), ghi ngày ban hành hôm nay" in question
    assert "((" not in question and "))" not in question

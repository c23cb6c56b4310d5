"""«Duyệt dự thảo» in the real editor (issue 16): the clerk sees «Ban hành» disabled and why on
hover; the chief returns the draft with a comment, then approves it with a click on the toolbar;
the clerk then issues it. The service decides; the window shows its answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from sqlalchemy import select

from ketluan_desktop.core.access import accounts, demo_accounts
from ketluan_desktop.core.documents import draft_saving
from ketluan_desktop.core.documents.models import Document

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


@pytest.fixture
def drafted(demo_db, now):
    with demo_db.write_session() as s:
        demo_accounts.create(s, now=now)
        source = s.scalars(
            select(Document.id).where(Document.status == "issued").order_by(Document.id)
        ).first()
    accounts.sign_in(demo_db, "chuyenvien", "demo", now=now)
    with demo_db.write_session() as s:
        doc_id = draft_saving.copy_as_draft(s, source, now=now).id
    return demo_db, doc_id


def _open(ctx, show_editor, doc_id):
    from ketluan_desktop.ui.documents.opening import open_document

    return show_editor(open_document(ctx, doc_id))


def _hover_tip(qtbot, widget) -> str:
    """What a user resting the mouse on ``widget`` reads (the tooltip event Qt sends)."""
    centre = widget.rect().center()
    qtbot.mouseMove(widget, centre)
    event = QHelpEvent(QEvent.Type.ToolTip, centre, widget.mapToGlobal(centre))
    QApplication.sendEvent(widget, event)
    return QToolTip.text() if QToolTip.isVisible() else widget.toolTip()


def _stored(db, doc_id) -> Document:
    with db.session() as s:
        doc = s.get(Document, doc_id)
        s.expunge(doc)
        return doc


def test_the_clerk_waits_for_the_chiefs_approval_then_issues(
    qtbot, drafted, now, ctx_for, show_editor, monkeypatch, allow_ui_stall
):
    # allow_ui_stall: the tests' synchronous runner approves and issues (the page count renders
    # the PDF) inside the click's own event; the app runs that work on a background thread.
    from ketluan_desktop.ui import dialogs

    db, doc_id = drafted
    ctx = ctx_for(db)

    accounts.sign_in(db, "vanthu", "demo", now=now)
    ed = _open(ctx, show_editor, doc_id)
    issue_button = ed.toolbar.widgetForAction(ed.act_issue)
    assert not issue_button.isEnabled()
    tip = _hover_tip(qtbot, issue_button)
    assert tip.startswith("Dự thảo chưa được «Lãnh đạo Văn phòng» duyệt")
    assert ed.approval_label.text() == "Duyệt: Chờ duyệt"
    approve_button = ed.toolbar.widgetForAction(ed.act_approve)
    assert not approve_button.isEnabled()
    assert "vai trò «Văn thư» không được duyệt dự thảo" in _hover_tip(qtbot, approve_button)
    ed.close()

    accounts.sign_in(db, "lanhdao", "demo", now=now)
    ed = _open(ctx, show_editor, doc_id)
    assert not ed.toolbar.widgetForAction(ed.act_issue).isEnabled()  # numbering is the clerk's
    monkeypatch.setattr(dialogs, "get_text", lambda *a: "Ghi rõ thời hạn ở mục 2")
    ed.act_return.trigger()
    assert _stored(db, doc_id).approval == "returned"
    assert ed.approval_label.text().startswith("Duyệt: Trả lại (lanhdao")
    assert ed.approval_label.text().endswith(": Ghi rõ thời hạn ở mục 2")
    approve_button = ed.toolbar.widgetForAction(ed.act_approve)
    assert approve_button.isEnabled()
    qtbot.mouseClick(approve_button, Qt.MouseButton.LeftButton)
    stored = _stored(db, doc_id)
    assert (stored.approval, stored.approval_by) == ("approved", "lanhdao")
    assert ed.approval_label.text().startswith("Duyệt: Đã duyệt (lanhdao")
    assert not approve_button.isEnabled()
    assert _hover_tip(qtbot, approve_button).startswith("Dự thảo đã được duyệt")
    ed.close()

    accounts.sign_in(db, "vanthu", "demo", now=now)
    ed = _open(ctx, show_editor, doc_id)
    issue_button = ed.toolbar.widgetForAction(ed.act_issue)
    assert issue_button.isEnabled()
    qtbot.mouseClick(issue_button, Qt.MouseButton.LeftButton)
    stored = _stored(db, doc_id)
    assert stored.status == "issued" and stored.number_symbol
    assert ed.model.draft.number_symbol == stored.number_symbol
    assert ed.approval_label.text() == ""

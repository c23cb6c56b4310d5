"""«Duyệt dự thảo» in the editor: the draft's approval state in the status bar, «Duyệt dự thảo»
and «Trả lại dự thảo…» for a role that approves, and «Ban hành» disabled with the reason on hover
when the service would refuse it (core/documents/approval.py decides; this only shows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from ketluan_desktop.core.access.actor import actor_of, refusal
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.documents import approval
from ketluan_desktop.core.documents.content import DocumentStatus
from ketluan_desktop.ui import dialogs

DocumentEditor = Any  # ui/documents/editor.py's window (imported there: no import circle)


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


def _set(act: QAction, why: str | None, tip: str) -> None:
    """Enabled with its own tip, or disabled saying why (on hover and in the status bar)."""
    act.setEnabled(why is None)
    act.setToolTip(why or tip)
    act.setStatusTip(why or tip)


def apply(editor: DocumentEditor) -> None:
    """The approval state and the three actions, after the lifecycle state was applied."""
    d = editor.model.draft
    db = editor.ctx.db
    is_draft = d.status == DocumentStatus.DRAFT.value
    editor.approval_label.setText(
        _t("Duyệt: {state}").format(state=d.approval_note or approval.WAITING) if is_draft else ""
    )
    editor.approval_label.setToolTip(d.approval_note if is_draft else "")
    if not is_draft:
        return
    _set(editor.act_issue, approval.issue_refusal(db, d), _t("Cấp số và ban hành văn bản"))
    actor = actor_of(db)
    why = None
    if not actor.can(Permission.APPROVE_DOCUMENTS):
        why = refusal(actor, Permission.APPROVE_DOCUMENTS)
    elif d.doc_id is None:
        why = _t("Hãy lưu dự thảo trước khi duyệt hoặc trả lại.")
    _set(editor.act_return, why, _t("Trả lại dự thảo cho người soạn, kèm ý kiến cần sửa"))
    if why is None and d.approval == approval.Approval.APPROVED.value:
        why = _t("Dự thảo đã được duyệt; sửa và lưu lại thì phải duyệt lại.")
    _set(editor.act_approve, why, _t("Duyệt dự thảo: văn thư được cấp số và ban hành"))


def approve(editor: DocumentEditor) -> None:
    editor.lifecycle.after_saved(lambda: _decide(editor, None))


def return_draft(editor: DocumentEditor) -> None:
    def ask() -> None:
        comment = dialogs.get_text(
            editor, _t("Trả lại dự thảo"), _t("Ý kiến cho người soạn (cần sửa gì, ở đâu):")
        )
        if comment is not None:
            _decide(editor, comment)

    editor.lifecycle.after_saved(ask)


def _decide(editor: DocumentEditor, comment: str | None) -> None:
    """Approve (``comment`` None) or return the stored draft, then show it as stored."""
    lc = editor.lifecycle
    d = editor.model.draft
    doc_id, version, now, db = d.doc_id, d.version, editor.ctx.now(), editor.ctx.db
    if doc_id is None:
        return

    def work() -> None:
        with db.write_session() as s:
            if comment is None:
                approval.approve(s, doc_id, now=now, expected_version=version)
            else:
                approval.return_draft(s, doc_id, comment, now=now, expected_version=version)

    def done(_result) -> None:
        lc.reload_from_db(doc_id)
        editor.ctx.notify("documents")
        text = _t("Đã duyệt dự thảo.") if comment is None else _t("Đã trả lại dự thảo.")
        lc.message.emit(text, 8000)

    lc._run(work, done)

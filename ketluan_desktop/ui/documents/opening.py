"""Opening documents in the editor: an existing one (offering the autosaved text left behind by a
crash), a new draft from a template, or a draft that is not stored (screenshots)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ketluan_desktop.core.documents.draft import Draft
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.documents.editor import DocumentEditor


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


def open_document(ctx: AppContext, doc_id: int, parent: QWidget | None = None) -> DocumentEditor:
    """The document's editor; a draft with autosaved text newer than its saved version asks first
    (Enter restores it; otherwise it is kept in the document's history, never thrown away)."""
    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import recovery
    from ketluan_desktop.ui.offline_editing import offer_local_copy

    with ctx.db.session() as s:
        pending = recovery.recoverable_draft(s, doc_id)
    if pending is not None:
        from ketluan_desktop.ui.documents import recovery_dialog

        choice = recovery_dialog.ask_recovery(parent, [pending], at_startup=False)
        now = ctx.now()
        with ctx.db.write_session() as s:
            if doc_id in choice.restore:
                result = recovery.restore_autosave(s, doc_id, now=now)
                if result.note:
                    dialogs.show_info(parent, result.note, _t("Khôi phục văn bản"))
            else:
                recovery.keep_autosave(s, doc_id, now=now)
        ctx.notify("documents", "tasks")
    with ctx.db.session() as s:
        draft = draft_store.load_draft(s, doc_id)
    local = offer_local_copy(ctx, doc_id, parent)  # kept here while the server was away
    if local is not None:
        return DocumentEditor(ctx, local, parent, recovered=True)
    return DocumentEditor(ctx, draft, parent)


def new_document(
    ctx: AppContext,
    type_code: str,
    *,
    meeting_id: int | None = None,
    parent: QWidget | None = None,
) -> DocumentEditor:
    """A draft from the type's template, stored at once so autosave can protect it."""
    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import templates

    with ctx.db.write_session() as s:
        draft = templates.new_draft(s, type_code, today=ctx.today(), meeting_id=meeting_id)
        draft_store.save_draft(s, draft, now=ctx.now())
    ctx.notify("documents")
    return DocumentEditor(ctx, draft, parent, created_here=True)


def unsaved_document(
    ctx: AppContext, draft: Draft, parent: QWidget | None = None
) -> DocumentEditor:
    return DocumentEditor(ctx, draft, parent)

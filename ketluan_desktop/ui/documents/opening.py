"""Opening documents in the editor: an existing one (offering an autosaved version left behind by
a crash), a new draft from a template, or a draft that is not stored (screenshots)."""

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
    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.ui.offline_editing import offer_local_copy

    with ctx.db.session() as s:
        draft = draft_store.load_draft(s, doc_id)
        recovery = draft_store.recovery_for(s, doc_id)
    recovered = False
    local = offer_local_copy(ctx, doc_id, parent)  # kept here while the server was away
    if local is not None:
        draft, recovered, recovery = local, True, None
    if recovery is not None:
        when = recovery.autosaved_at.astimezone(ctx.now().tzinfo)
        saved = recovery.saved_at.astimezone(ctx.now().tzinfo) if recovery.saved_at else None
        message = _t(
            "Văn bản này có bản tự động lưu lúc {when} mà chưa được lưu chính thức (có thể do "
            "chương trình bị đóng đột ngột). Mở bản tự động lưu?"
        ).format(when=f"{when:%H:%M:%S ngày %d/%m/%Y}")
        if saved is not None:
            message += "\n\n" + _t("Bản đã lưu gần nhất: {when}.").format(
                when=f"{saved:%H:%M ngày %d/%m/%Y}"
            )
        if dialogs.ask_yes_no(parent, message, _t("Khôi phục văn bản")):
            draft, recovered = recovery.draft, True
        else:
            with ctx.db.write_session() as s:
                draft_store.discard_autosave(s, doc_id)
    return DocumentEditor(ctx, draft, parent, recovered=recovered)


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

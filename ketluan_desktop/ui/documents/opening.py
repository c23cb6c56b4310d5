"""Opening documents in the editor: an existing one (offering the autosaved text left behind by a
crash), a new draft from a template, or a draft that is not stored (screenshots).

The document is read (and a new draft stored) on the runner, the editor built when it arrives
(issue 14: the UI thread only paints): ``then(editor)`` receives it, and the function returns it
too when it was ready at once (the tests' synchronous runner), else None. A document already being
opened is not opened twice by a second click meanwhile."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QWidget

from ketluan_desktop.core.documents.draft import Draft
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.documents.editor import DocumentEditor

Then = Callable[[DocumentEditor], None] | None
OnError = Callable[[BaseException, str], None] | None

_opening: set[tuple[int, int]] = set()  # (id(ctx), doc_id) being read


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


def _gone(parent: QWidget | None) -> bool:
    return parent is not None and not shiboken6.isValid(parent)


def _report(parent: QWidget | None, on_error: OnError) -> Callable[[BaseException, str], None]:
    def failed(exc: BaseException, tb: str) -> None:
        if on_error is not None:
            on_error(exc, tb)
        elif not _gone(parent):
            from ketluan_desktop.ui.errors import report_exception

            report_exception(exc, tb, parent)

    return failed


def open_document(
    ctx: AppContext,
    doc_id: int,
    parent: QWidget | None = None,
    then: Then = None,
    on_error: OnError = None,
) -> DocumentEditor | None:
    """The document's editor; a draft with autosaved text newer than its saved version asks first
    (Enter restores it; otherwise it is kept in the document's history, never thrown away)."""
    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import recovery

    key = (id(ctx), doc_id)
    if key in _opening:
        return None
    _opening.add(key)
    built: list[DocumentEditor] = []
    db = ctx.db
    report = _report(parent, on_error)

    def failed(exc: BaseException, tb: str) -> None:
        _opening.discard(key)
        report(exc, tb)

    def read() -> tuple[recovery.RecoverableDraft | None, Draft | None]:
        with db.session() as s:
            pending = recovery.recoverable_draft(s, doc_id)
            return pending, None if pending is not None else draft_store.load_draft(s, doc_id)

    def finish(draft: Draft) -> None:
        from ketluan_desktop.ui.offline_editing import offer_local_copy

        _opening.discard(key)
        if _gone(parent):
            return
        local = offer_local_copy(ctx, doc_id, parent)  # kept here while the server was away
        if local is not None:
            editor = DocumentEditor(ctx, local, parent, recovered=True)
        else:
            editor = DocumentEditor(ctx, draft, parent)
        built.append(editor)
        if then is not None:
            then(editor)

    def answered(found: tuple[recovery.RecoverableDraft | None, Draft | None]) -> None:
        pending, draft = found
        if pending is None:
            assert draft is not None
            finish(draft)
            return
        if _gone(parent):
            _opening.discard(key)
            return
        from ketluan_desktop.ui.documents import recovery_dialog

        choice = recovery_dialog.ask_recovery(parent, [pending], at_startup=False)
        restore, now = doc_id in choice.restore, ctx.now()

        def apply() -> tuple[str | None, Draft]:
            with db.write_session() as s:
                if restore:
                    note = recovery.restore_autosave(s, doc_id, now=now).note
                else:
                    note = None
                    recovery.keep_autosave(s, doc_id, now=now)
            with db.session() as s:
                return note, draft_store.load_draft(s, doc_id)

        def applied(result: tuple[str | None, Draft]) -> None:
            note, stored = result
            ctx.notify("documents", "tasks")
            if note and not _gone(parent):
                dialogs.show_info(parent, note, _t("Khôi phục văn bản"))
            finish(stored)

        ctx.runner.run(apply, applied, failed)

    ctx.runner.run(read, answered, failed)
    return built[0] if built else None


def new_document(
    ctx: AppContext,
    type_code: str,
    *,
    meeting_id: int | None = None,
    parent: QWidget | None = None,
    then: Then = None,
    on_error: OnError = None,
) -> DocumentEditor | None:
    """A draft from the type's template, stored at once (on the runner) so autosave can protect
    it."""
    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import templates

    built: list[DocumentEditor] = []
    db, today, now = ctx.db, ctx.today(), ctx.now()

    def work() -> Draft:
        with db.write_session() as s:
            draft = templates.new_draft(s, type_code, today=today, meeting_id=meeting_id)
            draft_store.save_draft(s, draft, now=now)
        if draft.doc_id is not None:
            ctx.unopened_drafts.add(draft.doc_id)
        return draft

    def stored(draft: Draft) -> None:
        ctx.notify("documents")
        if ctx.closing:
            return  # the closing window removes it (``drop_unopened_drafts``)
        if _gone(parent):
            drop_unopened_drafts(ctx)  # a blank template nobody will see
            return
        ctx.unopened_drafts.discard(draft.doc_id or 0)
        editor = DocumentEditor(ctx, draft, parent, created_here=True)
        built.append(editor)
        if then is not None:
            then(editor)

    ctx.runner.run(work, stored, _report(parent, on_error))
    return built[0] if built else None


def drop_unopened_drafts(ctx: AppContext) -> None:
    """New drafts stored but never opened (the window closed meanwhile) are removed, as an
    editor closed untouched removes its own: a blank template left behind looks like someone's
    half-written document. On the runner; the closing window waits for it."""
    from ketluan_desktop.core.documents import records as documents

    doc_ids, db, now = sorted(ctx.unopened_drafts), ctx.db, ctx.now()
    ctx.unopened_drafts.clear()
    if not doc_ids:
        return

    def work() -> None:
        for doc_id in doc_ids:
            try:
                with db.write_session() as s:
                    documents.delete_draft(s, doc_id, now=now)
            except KetLuanError:  # opened and written elsewhere meanwhile: it is someone's
                pass

    ctx.runner.run(work, lambda _none: ctx.notify("documents"))


def unsaved_document(
    ctx: AppContext, draft: Draft, parent: QWidget | None = None
) -> DocumentEditor:
    return DocumentEditor(ctx, draft, parent)

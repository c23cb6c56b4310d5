"""Screenshots of the meeting form and of the editor with the sample conclusion (``--screenshot``)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication


def settle(seconds: float = 0.0) -> None:
    """Let layouts, the preview renderer and QPdfView's page rendering finish."""
    end = time.monotonic() + seconds
    while True:
        QApplication.processEvents()
        if time.monotonic() >= end:
            break
        time.sleep(0.02)


def _save(widget, path: Path) -> Path:
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


def sample_draft(ctx):
    """The demo conclusion as an editable draft that is never stored (nothing is written); read on
    the runner while the window keeps painting."""
    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import records, templates

    db, today, found = ctx.db, ctx.today(), []

    def work():
        with db.session() as s:
            doc_id = records.first_of_type(s, "KL")
            if doc_id is None:
                return templates.new_draft(s, "KL", today=today), False
            return draft_store.load_draft(s, doc_id), True

    def failed(exc: BaseException, tb: str) -> None:
        found.append(exc)

    ctx.runner.run(work, found.append, failed)
    while not found:
        settle(0.02)
    if isinstance(found[0], BaseException):
        raise found[0]
    draft, stored = found[0]
    if not stored:
        return draft
    draft.doc_id = draft.version = draft.number_symbol = None
    draft.status = "draft"
    draft.doc_date = None
    for section in draft.sections:
        section.db_id = None
        for block in section.blocks:
            block.db_id = None
            if block.task is not None:
                block.task.task_id = None
    return draft


def grab_document_screens(window, folder: Path) -> list[Path]:
    from ketluan_desktop.ui.documents.opening import unsaved_document

    out = []
    ws = window.show_workspace("meetings")
    ws.tabs.setCurrentIndex(0)
    if ws.meeting_model.rowCount():
        ws.meeting_view.selectRow(0)
    ws.meeting_tabs.setCurrentIndex(1)
    settle(0.2)
    out.append(_save(window, folder / "meeting_form.png"))
    ws.meeting_tabs.setCurrentIndex(0)

    editor = unsaved_document(window.ctx, sample_draft(window.ctx), window)
    editor.preview.synchronous = True
    editor.resize(1440, 900)
    editor.show()
    settle(0.1)
    while editor.profile is None:  # its layout, read on the runner
        settle(0.02)
    sections = editor.model.body.sections
    target = next((b for s in sections for b in s.blocks if b.task is not None), None)
    if target is None:
        target = next((b for s in sections for b in s.blocks), None)
    if target is not None:
        editor.body_view.focus_key(target.key, 0)
    editor.scroll.verticalScrollBar().setValue(0)
    editor.preview.render_now()
    editor.refresh_citations()
    settle(1.5)
    out.append(_save(editor, folder / "editor.png"))
    editor.stack.setClean()
    editor.shutdown()
    editor.hide()
    editor.deleteLater()
    return out

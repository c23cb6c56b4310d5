"""The draft's life with the database: save, autosave, stale saves, closing, issue, the hand-off to
signing, replacement, duplication and deletion.

``DocumentLifecycle`` is owned by the editor window and knows only the draft's model, its undo
stack, the app context and a parent widget for questions. It never touches the window's widgets:
it tells the window what happened through its signals (``stateChanged``, ``saved``,
``documentReplaced``, ``message``, ``closeRequested``, ``openDocumentRequested``).

Database work goes through ``ctx.runner`` (one job at a time, off the GUI thread) with a copy of
the draft, so typing never races a save. Autosave runs at most 30 seconds after the first unsaved
change and whenever the window loses focus.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES, DocumentStatus
from ketluan_desktop.core.documents.draft import Draft
from ketluan_desktop.core.errors import ConflictError, KetLuanError
from ketluan_desktop.core.session_marker import workstation
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.documents import references

if TYPE_CHECKING:  # pragma: no cover
    from ketluan_desktop.ui.context import AppContext
    from ketluan_desktop.ui.documents.body_model import EditorModel

AUTOSAVE_MS = 30_000
log = logging.getLogger(__name__)


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


def copy_draft(draft: Draft) -> Draft:
    return Draft.from_json(draft.to_json())


class DocumentLifecycle(QObject):
    """Save, autosave, close, issue and sign hand-off for one draft (see the module docstring)."""

    stateChanged = Signal()  # modified / saved / autosaved moments changed
    saved = Signal()  # a save finished: ids, version and status are the stored ones
    documentReplaced = Signal()  # the draft was reloaded from the database (issued, signed)
    message = Signal(str, int)  # a status-bar line and how long to show it (ms); "" clears
    closeRequested = Signal()
    openDocumentRequested = Signal(int)
    taskFixRequested = Signal(str)  # the bullet of a key task to complete before issuing

    def __init__(
        self,
        ctx: AppContext,
        model: EditorModel,
        window: QWidget,
        *,
        recovered: bool = False,
        created_here: bool = False,
    ) -> None:
        super().__init__(window)
        self.ctx, self.model, self.window = ctx, model, window
        # The undo history decides what is saved (its clean state), so it lives and dies here:
        # Qt deletes this object's connections before its children, and a QUndoStack that is
        # deleted with unsaved commands still emits cleanChanged while it dies.
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(2000)
        self.recovered = recovered  # the text came from an autosave: unsaved until saved
        self.created_here = created_here  # a new draft: closing untouched removes it
        self.saved_at: datetime | None = None
        self.autosaved_at: datetime | None = None
        self._autosave_pending = False
        self._shut = False
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.model.changed.connect(self._on_changed)
        self.stack.cleanChanged.connect(self._on_clean_changed)

    # ------------------------------------------------------------------ state
    @property
    def read_only(self) -> bool:
        return self.model.draft.status != DocumentStatus.DRAFT.value

    @property
    def modified(self) -> bool:
        return not self.stack.isClean() or self.recovered or self.model.draft.doc_id is None

    def state_text(self) -> str:
        """For the status bar: "Chưa lưu · tự động lưu lúc 09:31:05", "Đã lưu lúc 09:30"…"""
        if self.read_only:
            return _t("Chỉ xem")
        if self.modified:
            text = _t("Chưa lưu")
            if self.autosaved_at is not None:
                when = f"{self.autosaved_at:%H:%M:%S}"
                text += _t(" · tự động lưu lúc {time}").format(time=when)
            return text
        if self.saved_at is not None:
            return _t("Đã lưu lúc {time}").format(time=f"{self.saved_at:%H:%M}")
        return _t("Đã lưu")

    def _on_changed(self) -> None:
        if not self.read_only:
            self._autosave_pending = True
            if not self.autosave_timer.isActive():
                self.autosave_timer.start()
        self.stateChanged.emit()

    def _on_clean_changed(self, _clean: bool) -> None:
        self.stateChanged.emit()

    def shutdown(self) -> None:
        """The window is closing: stop the timer, stop listening to the model and the stack, and
        let background jobs that finish later find no one (their results are already stored)."""
        if self._shut:
            return
        self._shut = True
        self.autosave_timer.stop()
        self.model.changed.disconnect(self._on_changed)
        self.stack.cleanChanged.disconnect(self._on_clean_changed)

    # ------------------------------------------------------------------ jobs
    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        self.message.emit("", 0)
        if isinstance(exc, KetLuanError):
            dialogs.show_error(self.window, exc.message)
        else:
            report_exception(exc, tb, self.window)

    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException, str], None] | None = None,
    ) -> None:
        """``work`` off the GUI thread; ``done`` or ``failed`` back here unless the window has
        closed meanwhile (the runner outlives the window: its answers must not reach it)."""
        on_failed = failed or self._failed

        def answer(result: Any) -> None:
            if not self._shut:
                done(result)

        def fail(exc: BaseException, tb: str) -> None:
            if not self._shut:
                on_failed(exc, tb)
            else:
                log.error("background job of a closed editor failed: %s\n%s", exc, tb)

        self.ctx.runner.run(work, answer, fail)

    # ------------------------------------------------------------------ autosave
    def autosave_now(self) -> None:
        """Keep the unsaved text in the database (never touches the saved document)."""
        self.autosave_timer.stop()
        d = self.model.draft
        if self.read_only or d.doc_id is None or not self._autosave_pending or not self.modified:
            return
        from ketluan_desktop.core.documents import draft_saving as draft_store

        snapshot = copy_draft(d)
        now = self.ctx.now()
        self._autosave_pending = False

        def work() -> None:
            with self.ctx.db.write_session() as s:
                draft_store.autosave(s, snapshot, now=now, workstation=workstation())

        def done(_result) -> None:
            self.autosaved_at = now
            self.stateChanged.emit()

        def failed(exc: BaseException, tb: str) -> None:
            self._autosave_pending = True  # try again at the next change
            from ketluan_desktop.ui.offline_editing import keep_locally

            if keep_locally(self, snapshot, now, exc):  # the server is away: kept on this machine
                self.stateChanged.emit()
                return
            self.message.emit(_t("Chưa tự động lưu được: {message}").format(message=exc), 10000)

        self._run(work, done, failed)

    # ------------------------------------------------------------------ save
    def save(self, then: Callable[[], None] | None = None) -> None:
        if self.read_only:
            return
        from ketluan_desktop.core.documents import draft_saving as draft_store

        snapshot = copy_draft(self.model.draft)
        now = self.ctx.now()
        clean_index = self.stack.index()

        def work() -> Draft:
            with self.ctx.db.write_session() as s:
                draft_store.save_draft(s, snapshot, now=now, workstation=workstation())
            return snapshot

        def done(saved: Draft) -> None:
            from ketluan_desktop.ui.offline_editing import forget_local

            forget_local(self)
            self._adopt_ids(saved)
            if self.stack.index() == clean_index:
                self.stack.setClean()
            self.recovered = False
            self.created_here = False
            self.saved_at = now
            self.autosaved_at = None
            self._autosave_pending = False
            self.autosave_timer.stop()
            self.saved.emit()
            self.message.emit(_t("Đã lưu văn bản."), 4000)
            self.ctx.notify("documents", "tasks")
            if then is not None:
                then()

        def failed(exc: BaseException, tb: str) -> None:
            if isinstance(exc, ConflictError):
                self.handle_stale_save(exc)
            else:
                from ketluan_desktop.ui.offline_editing import keep_locally

                keep_locally(self, snapshot, now, exc)
                self._failed(exc, tb)

        self._run(work, done, failed)

    def _adopt_ids(self, saved: Draft) -> None:
        """Give the live draft the ids of the rows it was saved to (matched by keys)."""
        d = self.model.draft
        d.doc_id, d.version, d.status = saved.doc_id, saved.version, saved.status
        sections = {s.key: s for s in saved.sections}
        blocks = {b.key: b for b in saved.blocks()}
        for s in d.sections:
            if s.key in sections:
                s.db_id = sections[s.key].db_id
        for b in d.blocks():
            other = blocks.get(b.key)
            if other is None:
                continue
            b.db_id = other.db_id
            if b.task is not None and other.task is not None:
                b.task.task_id = other.task.task_id

    def handle_stale_save(self, exc: ConflictError) -> None:
        """The one place a save refused because the document changed elsewhere is answered:
        reload, compare, or keep this text as a new draft (``ui.stale_dialog``)."""
        from ketluan_desktop.ui.stale_dialog import resolve_editor_conflict

        resolve_editor_conflict(self, exc)

    def save_as_new_draft(self) -> None:
        """The text being edited becomes a separate new draft (after a conflict, or by choice)."""
        d = self.model.draft
        old_id = d.doc_id
        for s in d.sections:
            s.db_id = None
            for b in s.blocks:
                b.db_id = None
                if b.task is not None:
                    b.task.task_id = None
        d.doc_id = d.version = d.number_symbol = d.replaces_id = None
        d.status = DocumentStatus.DRAFT.value

        def opened() -> None:
            self.message.emit(
                _t("Đã lưu thành dự thảo mới (mã số {id}); văn bản cũ {old} giữ nguyên.").format(
                    id=self.model.draft.doc_id, old=old_id or ""
                ),
                8000,
            )

        self.save(then=opened)

    def after_saved(self, action: Callable[[], None]) -> None:
        """Run ``action`` on the stored document: save first if there is anything unsaved."""
        if self.modified or self.model.draft.doc_id is None:
            self.save(then=action)
        else:
            action()

    def show_history(self) -> None:
        """«Lịch sử / Khôi phục bản tự lưu», on the stored text: unsaved changes are saved first
        (so they are kept too); a text restored from there is loaded into the editor."""
        from ketluan_desktop.ui.documents.history_dialog import HistoryDialog

        def show() -> None:
            doc_id = self.model.draft.doc_id
            if doc_id is None:
                return
            dialog = HistoryDialog(self.ctx, doc_id, self.window, read_only=self.read_only)
            dialogs.exec_dialog(dialog)
            if dialog.restored:
                self.reload_from_db(doc_id)
                self.message.emit(
                    _t("Đã khôi phục bản được giữ; bản trước đó vẫn ở lịch sử."), 8000
                )

        if self.read_only:
            show()
        else:
            self.after_saved(show)

    # ------------------------------------------------------------------ closing
    def confirm_close(self) -> bool:
        d = self.model.draft
        if self.read_only or not self.modified:
            if self.created_here and d.doc_id is not None and not self.modified:
                self._drop_untouched_new_draft()
            return True
        answer = dialogs.ask_save_discard_cancel(
            self.window,
            _t("Văn bản «{title}» có thay đổi chưa lưu. Lưu trước khi đóng?").format(
                title=(d.subject or DOCUMENT_TYPES.get(d.type_code, DOCUMENT_TYPES["KL"]).name)[:80]
            ),
        )
        if answer == "cancel":
            return False
        if answer == "save":
            self.save(then=self._close_after_save)
            return False  # closes once the save is done
        self._discard_autosave()
        if self.created_here:
            self._drop_untouched_new_draft()
        return True

    def _close_after_save(self) -> None:
        QTimer.singleShot(0, self, self.closeRequested.emit)

    def _discard_autosave(self) -> None:
        """Through the runner, after any autosave still being written (the window may be gone
        when it runs: it needs nothing from it)."""
        from ketluan_desktop.core.documents import draft_saving as draft_store

        doc_id, db = self.model.draft.doc_id, self.ctx.db
        if doc_id is None:
            return

        def work() -> None:
            with db.write_session() as s:
                draft_store.discard_autosave(s, doc_id)

        self.ctx.runner.run(work)

    def _drop_untouched_new_draft(self) -> None:
        from ketluan_desktop.core.documents import records as documents

        doc_id, db, now, ctx = self.model.draft.doc_id, self.ctx.db, self.ctx.now(), self.ctx

        def work() -> bool:
            try:
                with db.write_session() as s:
                    documents.delete_draft(s, doc_id, now=now)
            except KetLuanError:
                return False
            return True

        self.ctx.runner.run(work, lambda dropped: dropped and ctx.notify("documents"))

    # ------------------------------------------------------------------ issue, sign, copies
    def reload_from_db(self, doc_id: int) -> None:
        """The stored document read on the runner into the editor (after an issue, a signature,
        a restore, «Tải bản mới»); the window is off until it has arrived, so nothing typed
        meanwhile is lost in the reset. The newest reload wins."""
        from ketluan_desktop.core.documents import draft_saving as draft_store
        from ketluan_desktop.ui.workers import answer_to

        db = self.ctx.db

        def work() -> Draft:
            with db.session() as s:
                return draft_store.load_draft(s, doc_id)

        def arrived(draft: Draft) -> None:
            self.window.setEnabled(True)
            if self._shut:
                return
            self.model.reset(draft)
            self.stack.clear()
            self.recovered = False
            self.documentReplaced.emit()

        def failed(exc: BaseException, tb: str) -> None:
            self.window.setEnabled(True)
            if not self._shut:
                self._failed(exc, tb)

        self.window.setEnabled(False)
        self.ctx.runner.query(
            ("editor-reload", id(self)),
            work,
            answer_to(self.window, arrived),
            answer_to(self.window, failed),
        )

    def issue(self) -> None:
        if self.read_only:
            return
        self.after_saved(self._confirm_issue)

    def _confirm_issue(self) -> None:
        """The number issuing would give is read on the runner (the action off meanwhile), then
        the question asked with it."""
        from ketluan_desktop.ui.workers import answer_to, run_from

        ref, db, today = references.DraftRef.of(self.model.draft), self.ctx.db, self.ctx.today()
        act = getattr(self.window, "act_issue", None)
        controls = [act] if act is not None and act.isEnabled() else []
        run_from(
            self.ctx.runner,
            controls,
            lambda: references.expected_number(db, ref, today),
            answer_to(self.window, self._ask_issue),
            answer_to(self.window, self._failed),
        )

    def _ask_issue(self, expected: str | None) -> None:
        from ketluan_desktop.core.documents.issue_checks import incomplete_key_tasks
        from ketluan_desktop.ui.documents import issue_check

        d = self.model.draft
        if self._shut or self.read_only:
            return
        kind = DOCUMENT_TYPES.get(d.type_code, DOCUMENT_TYPES["KL"]).name.lower()
        message = _t(
            "Ban hành văn bản này? Văn bản sẽ nhận số tiếp theo trong sổ {kind}{hint}, ghi ngày "
            "ban hành hôm nay và không sửa được nữa."
        ).format(
            kind=kind, hint=_t(" (dự kiến {number})").format(number=expected) if expected else ""
        )
        gaps = incomplete_key_tasks(d)
        if gaps:
            answer, key = issue_check.ask_issue_with_gaps(self.window, message, gaps)
            if answer == "fix" and key is not None:
                self.taskFixRequested.emit(key)
            if answer != "issue":
                return
        elif not dialogs.ask_yes_no(self.window, message, _t("Ban hành văn bản")):
            return
        self._issue_now()

    def _issue_now(self) -> None:
        from ketluan_desktop.core.documents import records as documents

        d = self.model.draft
        doc_id, version, now = d.doc_id, d.version, self.ctx.now()

        def work() -> str:
            with self.ctx.db.write_session() as s:
                doc = documents.issue(s, doc_id, now=now, expected_version=version)
                return doc.number_symbol or ""

        def done(number: str) -> None:
            self.reload_from_db(doc_id)
            self.ctx.notify("documents", "tasks")
            self.message.emit(_t("Đã ban hành văn bản số {number}.").format(number=number), 10000)

        self._run(work, done)

    def mark_signed(self) -> None:
        from ketluan_desktop.core.documents import records as documents

        d = self.model.draft
        if d.status != DocumentStatus.ISSUED.value or not dialogs.ask_yes_no(
            self.window,
            _t("Đánh dấu văn bản {number} là đã ký (bản gốc có chữ ký đã được lưu)?").format(
                number=d.number_symbol
            ),
        ):
            return
        doc_id, now = d.doc_id, self.ctx.now()

        def work() -> None:
            with self.ctx.db.write_session() as s:
                documents.mark_signed(s, doc_id, now=now)

        def done(_r) -> None:
            self.reload_from_db(doc_id)
            self.ctx.notify("documents")

        self._run(work, done)

    def _copy(self, replaces: bool) -> None:
        from ketluan_desktop.core.documents import draft_saving

        doc_id, now = self.model.draft.doc_id, self.ctx.now()
        if doc_id is None:
            return

        def work() -> int:
            with self.ctx.db.write_session() as s:
                return draft_saving.copy_as_draft(s, doc_id, now=now, replaces=replaces).id

        def done(new_id: int) -> None:
            self.ctx.notify("documents")
            self.openDocumentRequested.emit(new_id)

        self.after_saved(lambda: self._run(work, done))

    def create_replacement(self) -> None:
        self._copy(replaces=True)

    def duplicate(self) -> None:
        self._copy(replaces=False)

    def delete_draft(self) -> None:
        from ketluan_desktop.core.documents import records as documents

        d = self.model.draft
        if self.read_only or d.doc_id is None:
            return
        if not dialogs.ask_yes_no(
            self.window, _t("Xóa hẳn dự thảo này? Không hoàn tác được sau khi xóa.")
        ):
            return
        doc_id, now = d.doc_id, self.ctx.now()

        def work() -> None:
            with self.ctx.db.write_session() as s:
                documents.delete_draft(s, doc_id, now=now)

        def done(_r) -> None:
            self.stack.setClean()
            self.recovered = False
            self.created_here = False
            self.ctx.notify("documents", "tasks")
            self.closeRequested.emit()

        self._run(work, done)

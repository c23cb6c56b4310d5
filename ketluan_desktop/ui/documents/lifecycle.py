"""The editor's work with the database and files: save, autosave, conflicts, issue, sign, replace,
duplicate, export, print preview, and the procedure figures.

Database work goes through ``ctx.runner`` (one job at a time, off the GUI thread) with a copy of
the draft, so typing never races a save. Autosave runs at most 30 seconds after the first unsaved
change and whenever the window loses focus.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES, DocumentStatus
from ketluan_desktop.core.documents.draft import Draft
from ketluan_desktop.core.errors import ConflictError, KetLuanError
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui import dialogs

if TYPE_CHECKING:  # pragma: no cover
    from ketluan_desktop.ui.documents.editor import DocumentEditor

AUTOSAVE_MS = 30_000
CITATIONS_MS = 600


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


def task_units(units) -> list[tuple[int, str]]:
    """Who can lead or help with a key task: the departments, the mass organisations, then the
    grassroots organisations (cells answer to their grassroots organisation, not to the bloc)."""
    from ketluan_desktop.core.org.models import OrgKind

    order = {OrgKind.DEPARTMENT.value: 0, OrgKind.MASS.value: 1, OrgKind.GRASSROOTS.value: 2}
    chosen = sorted(
        (u for u in units if u.kind in order), key=lambda u: (order[u.kind], u.position)
    )
    return [(u.id, u.short_name or u.name) for u in chosen]


def copy_draft(draft: Draft) -> Draft:
    return Draft.from_json(draft.to_json())


class DocumentLifecycle:
    """Mixed into ``DocumentEditor``."""

    read_only = False

    def init_lifecycle(self: DocumentEditor, *, recovered: bool, created_here: bool) -> None:
        self.recovered = recovered  # the text came from an autosave: unsaved until saved
        self.created_here = created_here  # a new draft: closing untouched removes it
        self.saved_at: datetime | None = None
        self.autosaved_at: datetime | None = None
        self._autosave_pending = False
        self.profile_id: int | None = None
        self.profile = None
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.citations_timer = QTimer(self)
        self.citations_timer.setSingleShot(True)
        self.citations_timer.setInterval(CITATIONS_MS)
        self.citations_timer.timeout.connect(self.refresh_citations)
        self.model.changed.connect(self._on_changed)
        self.stack.cleanChanged.connect(lambda _clean: self.update_state_label())
        self.preview.rendered.connect(lambda *_: self.update_state_label())
        self.reload_profile()
        self.refresh_citations()
        self.preview.schedule()

    # ------------------------------------------------------------------ reference data
    def load_choices(self: DocumentEditor) -> None:
        from ketluan_desktop.core.documents import layout_profiles, templates
        from ketluan_desktop.core.meetings import records as meeting_service
        from ketluan_desktop.core.org import organisations as org_service

        with self.ctx.db.write_session() as s:
            profiles = [(p.id, p.name) for p in layout_profiles.list_profiles(s)]
        with self.ctx.db.session() as s:
            meetings = [
                (m.id, f"{m.meeting_date:%d/%m/%Y} — {m.name}" if m.meeting_date else m.name)
                for m in meeting_service.list_meetings(s)
            ]
            units = task_units(org_service.units(s))
            people = [(p.id, p.full_name, p.signature_title) for p in org_service.signers(s)]
            usual = templates.usual_recipients(s)
            file_copy = templates.file_copy_line(s)
        self.header.set_choices(meetings, profiles)
        self.tasks_panel.set_units(units)
        self.closing.signer.set_people(people)
        self.closing.recipients.usual = usual
        self.closing.recipients.file_copy = file_copy

    def reload_profile(self: DocumentEditor) -> None:
        from ketluan_desktop.core.documents import layout_profiles
        from ketluan_desktop.core.render.profile import LayoutProfile

        d = self.model.draft
        with self.ctx.db.write_session() as s:
            if d.doc_id is not None and d.status != DocumentStatus.DRAFT.value:
                from ketluan_desktop.core.documents.models import Document

                doc = s.get(Document, d.doc_id)
                self.profile_id, self.profile = layout_profiles.for_document(s, doc)
            else:
                self.profile = layout_profiles.for_draft(s, d.layout_profile_id)
                self.profile_id = d.layout_profile_id
        assert isinstance(self.profile, LayoutProfile)
        self.preview.schedule()

    def preview_source(self: DocumentEditor):
        return self.model.draft.to_content(), self.profile

    def update_number_hint(self: DocumentEditor) -> None:
        from ketluan_desktop.core.documents import numbering
        from ketluan_desktop.core.org import organisations as org_service

        d = self.model.draft
        if d.number_symbol:
            self.header.set_number_hint(d.number_symbol)
            return
        hint = _t("cấp khi ban hành")
        try:
            with self.ctx.db.session() as s:
                body = org_service.issuing_body(s)
                today = self.ctx.today()
                names = org_service.names_on(s, body, today)
                scope = numbering.scope_for(s, names, today)
                n = numbering.peek_next(s, body.id, d.type_code, scope)
                expected = numbering.format_number_symbol(n, d.type_code, names.symbol_code)
            hint = _t("cấp khi ban hành (dự kiến {number})").format(number=expected)
        except KetLuanError:
            pass
        self.header.set_number_hint(hint)

    def relation_note(self: DocumentEditor) -> str:
        """The replacement link, both ways: what this document replaces, what replaced it."""
        from ketluan_desktop.core.documents import records as documents
        from ketluan_desktop.core.documents.models import Document

        d = self.model.draft
        notes = []
        with self.ctx.db.session() as s:
            if d.replaces_id:
                old = s.get(Document, d.replaces_id)
                if old is not None:
                    notes.append(
                        _t("Văn bản này thay thế văn bản số {number}.").format(
                            number=old.number_symbol
                        )
                        if d.status != DocumentStatus.DRAFT.value
                        else _t(
                            "Dự thảo thay thế văn bản số {number}: khi ban hành, văn bản cũ "
                            "chuyển sang «Đã thay thế»."
                        ).format(number=old.number_symbol)
                    )
            if d.doc_id is not None and d.status != DocumentStatus.DRAFT.value:
                newer = documents.replaced_by(s, d.doc_id)
                if newer is not None:
                    notes.append(
                        _t("Đã được thay thế bởi văn bản số {number}.").format(
                            number=newer.number_symbol
                        )
                        if newer.number_symbol
                        else _t("Đang có dự thảo thay thế (mã số {id}).").format(id=newer.id)
                    )
        return " ".join(notes)

    def tracker_note(self: DocumentEditor, block) -> str | None:
        if block is None or block.task is None:
            return None
        if block.task.task_id is None:
            return _t("Nhiệm vụ sẽ có trong màn hình Nhiệm vụ khi lưu văn bản.")
        return _t(
            "Nhiệm vụ đã có trong màn hình Nhiệm vụ; nội dung được cập nhật theo gạch "
            "đầu dòng mỗi khi lưu."
        )

    # ------------------------------------------------------------------ changes
    def _on_changed(self: DocumentEditor) -> None:
        self.preview.schedule()
        self.citations_timer.start()
        if not self.read_only:
            self._autosave_pending = True
            if not self.autosave_timer.isActive():
                self.autosave_timer.start()
        self.update_state_label()

    @property
    def modified(self: DocumentEditor) -> bool:
        return not self.stack.isClean() or self.recovered or self.model.draft.doc_id is None

    def update_state_label(self: DocumentEditor) -> None:
        self.setWindowModified(self.modified)
        words = self.model.draft.word_count()
        pages = self.preview.page_count
        self.words_label.setText(
            _t("{words} từ · {pages} trang").format(words=thousands(words), pages=pages or "…")
        )
        if self.read_only:
            text = _t("Chỉ xem")
        elif self.modified:
            text = _t("Chưa lưu")
            if self.autosaved_at is not None:
                text += _t(" · tự động lưu lúc {time}").format(time=f"{self.autosaved_at:%H:%M:%S}")
        elif self.saved_at is not None:
            text = _t("Đã lưu lúc {time}").format(time=f"{self.saved_at:%H:%M}")
        else:
            text = _t("Đã lưu")
        self.state_label.setText(text)

    def refresh_citations(self: DocumentEditor) -> None:
        from ketluan_desktop.core.documents import citations as citations_live

        d = self.model.draft
        with self.ctx.db.session() as s:
            items = citations_live.describe(s, d.texts(), own_number=d.number_symbol)
        self.citations_panel.show_citations(items)

    def changeEvent(self: DocumentEditor, event: QEvent) -> None:
        super().changeEvent(event)  # type: ignore[misc]
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.autosave_now()

    # ------------------------------------------------------------------ jobs
    def _failed(self: DocumentEditor, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        self.statusBar().clearMessage()
        if isinstance(exc, KetLuanError):
            dialogs.show_error(self, exc.message)
        else:
            report_exception(exc, tb, self)

    def _run(
        self: DocumentEditor,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException, str], None] | None = None,
    ) -> None:
        self.ctx.runner.run(work, done, failed or self._failed)

    # ------------------------------------------------------------------ autosave
    def autosave_now(self: DocumentEditor) -> None:
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
                draft_store.autosave(s, snapshot, now=now)

        def done(_result) -> None:
            self.autosaved_at = now
            self.update_state_label()

        def failed(exc: BaseException, tb: str) -> None:
            self._autosave_pending = True  # try again at the next change
            self.statusBar().showMessage(
                _t("Chưa tự động lưu được: {message}").format(message=exc), 10000
            )

        self._run(work, done, failed)

    # ------------------------------------------------------------------ save
    def save(self: DocumentEditor, then: Callable[[], None] | None = None) -> None:
        if self.read_only:
            return
        from ketluan_desktop.core.documents import draft_saving as draft_store

        snapshot = copy_draft(self.model.draft)
        now = self.ctx.now()
        clean_index = self.stack.index()

        def work() -> Draft:
            with self.ctx.db.write_session() as s:
                draft_store.save_draft(s, snapshot, now=now)
            return snapshot

        def done(saved: Draft) -> None:
            self._adopt_ids(saved)
            if self.stack.index() == clean_index:
                self.stack.setClean()
            self.recovered = False
            self.created_here = False
            self.saved_at = now
            self.autosaved_at = None
            self._autosave_pending = False
            self.autosave_timer.stop()
            self.apply_state()
            self.refresh_citations()
            self._show_task(self.body_view.current_key)
            self.statusBar().showMessage(_t("Đã lưu văn bản."), 4000)
            self.ctx.notify("documents", "tasks")
            if then is not None:
                then()

        def failed(exc: BaseException, tb: str) -> None:
            if isinstance(exc, ConflictError):
                self._conflict(exc)
            else:
                self._failed(exc, tb)

        self._run(work, done, failed)

    def _adopt_ids(self: DocumentEditor, saved: Draft) -> None:
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

    def _conflict(self: DocumentEditor, exc: ConflictError) -> None:
        if dialogs.ask_yes_no(
            self,
            exc.message + "\n\n" + _t("Lưu phần bạn đang sửa thành một dự thảo mới?"),
            _t("Văn bản đã được sửa ở nơi khác"),
        ):
            self.save_as_new_draft()

    def save_as_new_draft(self: DocumentEditor) -> None:
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
        self.read_only = False

        def opened() -> None:
            self.statusBar().showMessage(
                _t("Đã lưu thành dự thảo mới (mã số {id}); văn bản cũ {old} giữ nguyên.").format(
                    id=self.model.draft.doc_id, old=old_id or ""
                ),
                8000,
            )

        self.save(then=opened)

    def confirm_close(self: DocumentEditor) -> bool:
        d = self.model.draft
        if self.read_only or not self.modified:
            if self.created_here and d.doc_id is not None and not self.modified:
                self._drop_untouched_new_draft()
            return True
        answer = dialogs.ask_save_discard_cancel(
            self,
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

    def _close_after_save(self: DocumentEditor) -> None:
        QTimer.singleShot(0, self.close)

    def _discard_autosave(self: DocumentEditor) -> None:
        from ketluan_desktop.core.documents import draft_saving as draft_store

        doc_id = self.model.draft.doc_id
        if doc_id is None:
            return
        with self.ctx.db.write_session() as s:
            draft_store.discard_autosave(s, doc_id)

    def _drop_untouched_new_draft(self: DocumentEditor) -> None:
        from ketluan_desktop.core.documents import records as documents

        doc_id = self.model.draft.doc_id
        try:
            with self.ctx.db.write_session() as s:
                documents.delete_draft(s, doc_id, now=self.ctx.now())
        except KetLuanError:
            return
        self.ctx.notify("documents")

    def shutdown(self: DocumentEditor) -> None:
        self.autosave_timer.stop()
        self.citations_timer.stop()
        self.preview.shutdown()

    # ------------------------------------------------------------------ lifecycle
    def _reload_from_db(self: DocumentEditor, doc_id: int) -> None:
        from ketluan_desktop.core.documents import draft_saving as draft_store

        with self.ctx.db.session() as s:
            draft = draft_store.load_draft(s, doc_id)
        self.model.reset(draft)
        self.stack.clear()
        self.recovered = False
        self.header.show_draft(draft)
        self.reload_profile()
        self.apply_state()

    def _after_saved(self: DocumentEditor, action: Callable[[], None]) -> None:
        if self.modified or self.model.draft.doc_id is None:
            self.save(then=action)
        else:
            action()

    def issue(self: DocumentEditor) -> None:
        if self.read_only:
            return
        self._after_saved(self._confirm_issue)

    def _confirm_issue(self: DocumentEditor) -> None:
        from ketluan_desktop.core.documents import records as documents

        d = self.model.draft
        kind = DOCUMENT_TYPES.get(d.type_code, DOCUMENT_TYPES["KL"]).name.lower()
        if not dialogs.ask_yes_no(
            self,
            _t(
                "Ban hành văn bản này? Văn bản sẽ nhận số tiếp theo trong sổ {kind} ({hint}), "
                "ghi ngày ban hành hôm nay và không sửa được nữa."
            ).format(kind=kind, hint=self.header.number_label.text()),
            _t("Ban hành văn bản"),
        ):
            return
        doc_id, version, now = d.doc_id, d.version, self.ctx.now()

        def work() -> str:
            with self.ctx.db.write_session() as s:
                doc = documents.issue(s, doc_id, now=now, expected_version=version)
                return doc.number_symbol or ""

        def done(number: str) -> None:
            self._reload_from_db(doc_id)
            self.ctx.notify("documents", "tasks")
            self.statusBar().showMessage(
                _t("Đã ban hành văn bản số {number}.").format(number=number), 10000
            )

        self._run(work, done)

    def mark_signed(self: DocumentEditor) -> None:
        from ketluan_desktop.core.documents import records as documents

        d = self.model.draft
        if d.status != DocumentStatus.ISSUED.value or not dialogs.ask_yes_no(
            self,
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
            self._reload_from_db(doc_id)
            self.ctx.notify("documents")

        self._run(work, done)

    def _copy(self: DocumentEditor, replaces: bool) -> None:
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

        self._after_saved(lambda: self._run(work, done))

    def create_replacement(self: DocumentEditor) -> None:
        self._copy(replaces=True)

    def duplicate(self: DocumentEditor) -> None:
        self._copy(replaces=False)

    def delete_draft(self: DocumentEditor) -> None:
        from ketluan_desktop.core.documents import records as documents

        d = self.model.draft
        if self.read_only or d.doc_id is None:
            return
        if not dialogs.ask_yes_no(
            self, _t("Xóa hẳn dự thảo này? Không hoàn tác được sau khi xóa.")
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
            self.close()

        self._run(work, done)

    # ------------------------------------------------------------------ files
    def export(self: DocumentEditor, fmt: str) -> None:
        from ketluan_desktop.ui.documents.exporting import export_with_dialog

        content, profile = self.preview_source()
        export_with_dialog(self, self.ctx, content, profile, fmt, self.model.draft.doc_id)

    def print_preview(self: DocumentEditor) -> None:
        from ketluan_desktop.ui.documents.exporting import PrintPreview

        content, profile = self.preview_source()
        self._print_preview = PrintPreview(content, profile, self)
        self._print_preview.show()

    # ------------------------------------------------------------------ figures
    def ask_figures(self: DocumentEditor) -> None:
        from ketluan_desktop.ui.documents.period_dialog import PeriodDialog

        if self.read_only:
            return
        dlg = PeriodDialog(self.ctx.today(), self)
        if dialogs.exec_dialog(dlg):
            self.insert_figures(*dlg.period())

    def insert_figures(self: DocumentEditor, start: date, end: date) -> bool:
        """Insert the standard sentence with the procedure figures at the caret."""
        from ketluan_desktop.core.members import figures as stats

        key = self._current_block()
        if key is None or self.read_only:
            dialogs.show_info(self, _t("Hãy đặt con trỏ vào đoạn văn cần chèn số liệu."))
            return False
        try:
            with self.ctx.db.session() as s:
                sentence = stats.sentence(stats.figures(s, start, end))
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return False
        if not sentence:
            dialogs.show_info(
                self,
                _t("Không có thủ tục đảng viên nào được ghi nhận từ {a} đến {b}.").format(
                    a=f"{start:%d/%m/%Y}", b=f"{end:%d/%m/%Y}"
                ),
            )
            return False
        row = self.body_view.row(key)
        position = row.edit.caret() if row is not None else -1
        self.editing.insert_text(key, position, sentence)
        return True

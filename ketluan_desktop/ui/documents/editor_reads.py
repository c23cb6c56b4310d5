"""What the editor window reads beside its draft — the choices of its fields, its layout, the
number it will get, its replacement links, its citations, the procedure figures — each on the
runner, filled in when it arrives (issue 14: the UI thread only paints). A mixin of
``DocumentEditor``: it uses the window's ``ctx``, ``model``, ``header``, ``preview``, …"""

from __future__ import annotations

from datetime import date

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.ui.documents import references


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


class EditorReads:
    """The editor's reads (see the module docstring)."""

    def _ask(self, what: str, work, then) -> None:
        """A read for this window on the runner (issue 14: the UI thread only paints); a newer
        ``what`` supersedes the older, an answer reaching a deleted window is dropped."""
        from ketluan_desktop.ui.workers import answer_to, said_to

        self.ctx.runner.query((what, id(self)), work, answer_to(self, then), said_to(self))

    def load_choices(self) -> None:
        db = self.ctx.db
        self._ask("editor-choices", lambda: references.load_choices(db), self._fill_choices)

    def _fill_choices(self, choices: references.EditorChoices) -> None:
        self.header.set_choices(choices.meetings, choices.profiles)
        self.tasks_panel.set_units(choices.units)
        self.closing.signer.set_people(choices.people)
        self.closing.recipients.usual = choices.usual_recipients
        self.closing.recipients.file_copy = choices.file_copy

    def reload_profile(self) -> None:
        db, ref = self.ctx.db, references.DraftRef.of(self.model.draft)

        def arrived(found) -> None:
            self.profile_id, self.profile = found
            self.preview.schedule()

        self._ask("editor-profile", lambda: references.layout_profile(db, ref), arrived)

    def preview_source(self):
        # its layout still being read (a moment after opening): the preview waits for it, an
        # export or print asked meanwhile is told to try again (the app's excepthook says it)
        if self.profile is None:
            raise KetLuanError(_t("Đang đọc mẫu trình bày của văn bản; hãy thử lại sau giây lát."))
        return self.model.draft.to_content(), self.profile

    def update_number_hint(self) -> None:
        ref = references.DraftRef.of(self.model.draft)
        if ref.number_symbol:
            self.header.set_number_hint(references.number_hint(ref, None))
            return
        db, today = self.ctx.db, self.ctx.today()
        self._ask(
            "editor-number",
            lambda: references.expected_number(db, ref, today),
            lambda expected: self.header.set_number_hint(references.number_hint(ref, expected)),
        )

    def refresh_citations(self) -> None:
        d, db = self.model.draft, self.ctx.db
        texts, own = d.texts(), d.number_symbol
        self._ask(
            "editor-citations",
            lambda: references.citations(db, texts, own),
            self.citations_panel.show_citations,
        )

    def show_banner(self) -> None:
        """Why an issued document cannot be edited (at once), with its replacement links (read
        on the runner, when it has any)."""
        d = self.model.draft
        ref = references.DraftRef.of(d)
        self.page.show_banner(references.banner_text(d))
        if not ref.has_relations:
            self.ctx.runner.cancel(("editor-banner", id(self)))
            return
        db = self.ctx.db

        def arrived(note: str) -> None:
            self.page.show_banner(references.banner_text(d, note))

        self._ask("editor-banner", lambda: references.relation_note(db, ref), arrived)

    def insert_figures(self, start: date, end: date) -> bool:
        """Insert the standard sentence with the procedure figures at the caret, once it has
        been counted on the runner (the action off meanwhile); False when there is no caret."""
        from ketluan_desktop.ui import dialogs
        from ketluan_desktop.ui.documents.figures import figures_sentence

        key = self._current_block()
        if key is None or self.read_only:
            dialogs.show_info(self, _t("Hãy đặt con trỏ vào đoạn văn cần chèn số liệu."))
            return False

        def insert(sentence: str) -> None:
            if self.read_only or not self._has_block(key):  # issued, or the paragraph deleted
                return
            row = self.body_view.row(key)
            position = row.edit.caret() if row is not None else -1
            self.editing.insert_text(key, position, sentence)

        figures_sentence(self.ctx, self, start, end, insert, [self.act_figures])
        return True

    def _has_block(self, key: str) -> bool:
        try:
            self.model.body.locate(key)
        except KeyError:
            return False
        return True

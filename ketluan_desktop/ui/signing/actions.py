"""The signing actions and where they appear: a "Ký số" menu, the documents list's context menu,
and Công cụ → Kiểm tra chữ ký…. ``install(window)`` is the main window's one-line hook."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.workers import run_from


class SigningActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.verify_window = None

        self.act_sign = self._action(self.tr("&Ký số văn bản…"), lambda: self.sign("signer"))
        self.act_sign.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.act_seal = self._action(
            self.tr("Văn thư ký số của &cơ quan (đóng dấu)…"), lambda: self.sign("seal")
        )
        self.act_save_signed = self._action(self.tr("&Lưu bản đã ký…"), self.save_signed)
        self.act_check_document = self._action(
            self.tr("Kiểm tra chữ ký của &văn bản"), self.check_document
        )
        self.act_verify = self._action(self.tr("Kiểm tra chữ &ký…"), self.open_verify)
        self.act_verify.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.act_make_test = self._action(self.tr("Tạo chứng thư &thử…"), self.make_test)
        self.document_actions = [
            self.act_sign,
            self.act_seal,
            self.act_save_signed,
            self.act_check_document,
        ]

        self.menu = QMenu(self.tr("&Ký số"), window)
        for act in self.document_actions:
            self.menu.addAction(act)
        self.menu.addSeparator()
        self.menu.addAction(self.act_verify)
        self.menu.addAction(self.act_make_test)
        self._place_menus()

        # The meetings workspace is built when first shown (the window may open on another
        # one): its documents lists get the signing actions then, not by building it now.
        if self._meetings() is not None:
            self._hook_meetings()
        created = getattr(window, "workspace_created", None)
        if created is not None:
            created.connect(self._workspace_created)
        # Bound methods, not lambdas: Qt drops them with this object, so the long-lived context
        # (and a tab widget emitting while it is destroyed) never calls into a deleted window.
        self.ctx.changed.connect(self._update_actions_on)
        self.update_actions()

    def _meetings(self):
        """The meetings workspace when it has been built (None before: nothing is selected)."""
        built = getattr(self.window, "_built", None)
        if built is not None:
            return built.get("meetings")
        return getattr(self.window, "meetings", None)

    def _workspace_created(self, key: str) -> None:
        if key == "meetings":
            self._hook_meetings()
            self.update_actions()

    def _hook_meetings(self) -> None:
        meetings = self._meetings()
        for view in self._document_lists():
            self._add_to_documents_list(view)
        built = getattr(meetings, "documents_panel_built", None)
        if built is not None:  # «Văn bản» is built when first shown: its list is hooked then
            built.connect(self._documents_panel_built)
        tabs = getattr(meetings, "tabs", None)
        if tabs is not None:  # the workspace's selection depends on the tab shown
            tabs.currentChanged.connect(self._update_actions_on)

    def _documents_panel_built(self, panel) -> None:
        self._add_to_documents_list(panel.view)

    def _document_lists(self) -> list:
        """The documents lists of the meetings workspace built so far: a meeting's documents,
        and all documents once «Văn bản» has been shown."""
        meetings = self._meetings()
        panel = meetings.built_documents_panel() if meetings is not None else None
        views = [getattr(meetings, "doc_view", None), getattr(panel, "view", None)]
        return [v for v in views if v is not None]

    def _add_to_documents_list(self, view) -> None:
        separator = QAction(view)
        separator.setSeparator(True)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addAction(separator)
        for act in self.document_actions:
            view.addAction(act)
        view.selectionModel().selectionChanged.connect(self.update_actions)
        view.model().modelReset.connect(self.update_actions)

    def _action(self, text: str, slot) -> QAction:
        act = QAction(text, self.window)
        act.triggered.connect(slot)
        return act

    def _place_menus(self) -> None:
        """The «Ký số» menu before «Công cụ»; «Kiểm tra chữ ký…» at the top of «Công cụ»."""
        bar = self.window.menuBar()
        tools = None
        for act in bar.actions():
            menu = act.menu()
            if menu is not None and self.window.act_settings in menu.actions():
                tools = act
                break
        if tools is None:
            bar.addMenu(self.menu)
            return
        bar.insertMenu(tools, self.menu)
        tools_menu = tools.menu()
        first = tools_menu.actions()[0] if tools_menu.actions() else None
        tools_menu.insertAction(first, self.act_verify)
        tools_menu.insertSeparator(first)

    # -- state --------------------------------------------------------------------------------
    def selected_document(self) -> int | None:
        meetings = self._meetings()
        return meetings.selected_document_id() if meetings is not None else None

    def _update_actions_on(self, *_args) -> None:
        self.update_actions()

    def update_actions(self) -> None:
        """Enabled whenever a document is selected: a click on one that cannot be signed says
        why, which teaches more than a greyed-out item."""
        has = self.selected_document() is not None
        for act in self.document_actions:
            act.setEnabled(has)

    # -- actions ------------------------------------------------------------------------------
    def _document_or_explain(self) -> int | None:
        doc_id = self.selected_document()
        if doc_id is None:
            dialogs.show_error(
                self.window, self.tr("Hãy chọn một văn bản trong danh sách «Văn bản».")
            )
        return doc_id

    def sign(self, kind: str) -> None:
        from ketluan_desktop.ui.signing.sign_dialog import SignDialog, SignRead, read_for_signing

        doc_id = self._document_or_explain()
        if doc_id is None:
            return
        db = self.ctx.db

        def work() -> SignRead:
            with db.session() as s:
                return read_for_signing(s, doc_id, kind)

        def arrived(found: SignRead) -> None:
            self.update_actions()  # as the selection allows, now the read is over
            self.sign_dialog = SignDialog(self.ctx, doc_id, kind, self.window, found=found)
            dialogs.exec_dialog(self.sign_dialog)

        # Read on the runner's thread (a draft refused with its reason), then the dialog.
        run_from(self.ctx.runner, [self.act_sign, self.act_seal], work, arrived, self._refused)

    def save_signed(self) -> None:
        from ketluan_desktop.core.signing import signed_documents as signing

        doc_id = self._document_or_explain()
        if doc_id is None:
            return
        db = self.ctx.db

        def work() -> tuple[bytes, str]:
            with db.session() as s:
                return signing.signed_pdf(s, doc_id), _signed_file_name(s, doc_id)

        run_from(self.ctx.runner, [self.act_save_signed], work, self._save_signed_as, self._refused)

    def _save_signed_as(self, found: tuple[bytes, str]) -> None:
        from pathlib import Path

        from ketluan_desktop.core.signing import signed_documents as signing
        from ketluan_desktop.ui.preferences import last_folder, remember_folder

        self.update_actions()
        data, name = found
        path = dialogs.get_save_file(
            self.window,
            self.tr("Lưu bản PDF đã ký"),
            str(Path(last_folder("sign_folder")) / name),
            self.tr("Tệp PDF (*.pdf)"),
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            from ketluan_desktop.core.signing.sign import write_signed_pdf

            signing.check_output_path(path)
            write_signed_pdf(path, data)
        except KetLuanError as exc:
            dialogs.show_error(self.window, exc.message)
            return
        remember_folder("sign_folder", path)
        self.window.statusBar().showMessage(
            self.tr("Đã lưu bản đã ký: {path}").format(path=path), 8000
        )

    def _refused(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        self.update_actions()
        report_exception(exc, tb, self.window)

    def _verify(self):
        from ketluan_desktop.ui.signing.verify_window import VerifyWindow

        if self.verify_window is None:
            self.verify_window = VerifyWindow(self.ctx, self.window)
        if self.verify_window.isVisible():  # already open behind the main window: bring it up
            self.verify_window.raise_()
            self.verify_window.activateWindow()
        else:
            self.verify_window.show()
        return self.verify_window

    def open_verify(self) -> None:
        self._verify()

    def check_document(self) -> None:
        from ketluan_desktop.core.documents import records as doc_service
        from ketluan_desktop.core.signing.signed_documents import document_label

        doc_id = self._document_or_explain()
        if doc_id is None:
            return
        db = self.ctx.db

        def work() -> str | None:  # the document's label when it has no signature yet
            with db.session() as s:
                doc = doc_service.get(s, doc_id)
                return None if doc.signatures else document_label(doc)

        def arrived(unsigned: str | None) -> None:
            self.update_actions()
            if unsigned is not None:
                dialogs.show_error(
                    self.window,
                    self.tr(
                        "Văn bản {number} chưa được ký số. Muốn kiểm tra một tệp PDF bất kỳ, dùng "
                        "Công cụ → Kiểm tra chữ ký…"
                    ).format(number=unsigned),
                )
                return
            self._verify().open_document(doc_id)

        run_from(self.ctx.runner, [self.act_check_document], work, arrived, self._refused)

    def make_test(self) -> None:
        from ketluan_desktop.ui.signing.test_cert_dialog import TestCertificateDialog

        dialogs.exec_dialog(TestCertificateDialog(self.ctx, self.window))


def _signed_file_name(session, doc_id: int) -> str:
    from pathlib import Path

    from ketluan_desktop.core.documents import records as doc_service
    from ketluan_desktop.core.render.naming import default_file_name

    content = doc_service.content_of(doc_service.get(session, doc_id, full=True))
    return f"{Path(default_file_name(content, 'pdf')).stem}_da-ky.pdf"


def install(window: QMainWindow) -> SigningActions:
    return SigningActions(window)

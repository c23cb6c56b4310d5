"""The document editor window: the page (header, body, closing) beside a live preview and side
panels, with the menus and the toolbar.

It is assembled from parts that each work alone: ``EditorModel`` (the draft as Qt models) and
``Editing`` (requests become undo commands on one QUndoStack: Ctrl+Z / Ctrl+Y), ``EditorPage`` and
``SidePanels`` (layout), and ``DocumentLifecycle`` (save, autosave, close, issue, sign hand-off),
which the window owns and hears from through its signals.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QProgressBar, QSplitter, QWidget

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES, DocumentStatus
from ketluan_desktop.core.documents.draft import BOLD, ITALIC, Draft
from ketluan_desktop.core.text.numbers import thousands
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.documents import approval_actions, references
from ketluan_desktop.ui.documents.body_model import KEY_ROLE, EditorModel
from ketluan_desktop.ui.documents.editing import Editing
from ketluan_desktop.ui.documents.editor_actions import (
    BLOCK_ACTIONS,
    DRAFT_ACTIONS,
    block_menu,
    install_menus,
    make_action,
)
from ketluan_desktop.ui.documents.editor_page import EDITOR_STYLE, EditorPage, SidePanels
from ketluan_desktop.ui.documents.editor_reads import EditorReads
from ketluan_desktop.ui.documents.lifecycle import DocumentLifecycle
from ketluan_desktop.ui.screen_fit import fit_to_screen
from ketluan_desktop.ui.style import set_window_background

CITATIONS_MS = 600


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


class DocumentEditor(EditorReads, QMainWindow):
    closed = Signal(object)  # the document id (or None)
    openDocumentRequested = Signal(int)
    lookUpRequested = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        draft: Draft,
        parent: QWidget | None = None,
        *,
        recovered: bool = False,
        created_here: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setStyleSheet(EDITOR_STYLE)
        set_window_background(self)
        # An explicit minimum keeps the layout from resizing the window's limits after it is shown.
        self.setMinimumSize(QSize(980, 620))
        self.ctx = ctx
        self.read_only = False
        self.profile_id: int | None = None
        self.profile = None
        self.model = EditorModel(draft, self)
        self.lifecycle = DocumentLifecycle(
            ctx, self.model, self, recovered=recovered, created_here=created_here
        )
        self.stack = self.lifecycle.stack
        self.editing = Editing(self.model, self.stack)
        self._build()
        self._build_actions()
        self._wire()
        self.citations_timer = QTimer(self)
        self.citations_timer.setSingleShot(True)
        self.citations_timer.setInterval(CITATIONS_MS)
        self.citations_timer.timeout.connect(self.refresh_citations)
        self.reload_profile()  # the preview is drawn when the layout has arrived
        self.refresh_citations()
        self.load_choices()
        self.header.show_draft(draft)
        self._show_closing()
        self.apply_state()
        fit_to_screen(self, 1480, 920)
        QTimer.singleShot(0, self, self._focus_first)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.page = EditorPage(self.model.body)
        self.side = SidePanels(self.model.body, self.preview_source)
        # The parts' widgets, by the names the rest of the window (and the tests) use.
        self.scroll, self.banner = self.page, self.page.banner
        self.header, self.body_view, self.closing = (
            self.page.header,
            self.page.body_view,
            self.page.closing,
        )
        self.preview, self.tasks_panel = self.side.preview, self.side.tasks_panel
        self.citations_panel, self.outline = self.side.citations_panel, self.side.outline

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.page)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([900, 560])
        self.splitter = split
        self.setCentralWidget(split)

        self.state_label = QLabel()
        self.approval_label = QLabel()  # the draft's approval (ui/documents/approval_actions.py)
        self.statusBar().addPermanentWidget(self.approval_label)
        self.words_label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName(_t("Đang xử lý"))
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.state_label)
        self.ctx.runner.busy_changed.connect(self.busy.setVisible)

        for a, b in itertools.pairwise(self.header.tab_order()):
            QWidget.setTabOrder(a, b)

    def _action(self, name: str, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        act = make_action(self, text, slot, shortcut, tip)
        self.actions_by_name[name] = act
        return act

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        a, lc = self._action, self.lifecycle
        self.act_save = a("save", _t("&Lưu"), lambda: lc.save(), QKeySequence.StandardKey.Save)
        self.act_save_as_new = a("save_as_new", _t("Lưu thành dự thảo &mới"), lc.save_as_new_draft)
        self.act_history = a("history", _t("&Lịch sử / Khôi phục bản tự lưu…"), lc.show_history)
        self.act_undo = self.stack.createUndoAction(self, _t("&Hoàn tác"))
        self.act_undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.act_redo = self.stack.createRedoAction(self, _t("&Làm lại"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_undo.setIconText(_t("Hoàn tác"))
        self.act_redo.setIconText(_t("Làm lại"))
        for name, act in (("undo", self.act_undo), ("redo", self.act_redo)):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)
            self.actions_by_name[name] = act
        self.act_bold = a("bold", _t("In &đậm"), lambda: self.toggle_mark(BOLD), "Ctrl+B")
        self.act_italic = a("italic", _t("In &nghiêng"), lambda: self.toggle_mark(ITALIC), "Ctrl+I")
        self.act_paragraph = a("paragraph", _t("Đoạn &văn"), lambda: self._shape("paragraph", 0))
        self.act_bullet = a("bullet", _t("&Gạch đầu dòng"), lambda: self._shape("bullet", 0))
        self.act_indent = a(
            "indent",
            _t("Thụt vào"),
            lambda: self._on_current(self.editing.indent, 1),
            tip=_t("Thụt vào: đoạn → gạch đầu dòng → ý nhỏ (Tab)"),
        )
        self.act_outdent = a(
            "outdent",
            _t("Lùi ra"),
            lambda: self._on_current(self.editing.indent, -1),
            tip=_t("Lùi ra (Shift+Tab)"),
        )
        self.act_up = a("up", _t("Chuyển lên"), lambda: self._move_current(-1), "Alt+Shift+Up")
        self.act_down = a(
            "down", _t("Chuyển xuống"), lambda: self._move_current(1), "Alt+Shift+Down"
        )
        self.act_new_section = a(
            "new_section", _t("Thêm &mục"), lambda: self._new_section(), "Ctrl+Return"
        )
        self.act_new_block = a("new_block", _t("Thêm đoạn"), self._new_block)
        self.act_delete_block = a(
            "delete_block", _t("Xóa đoạn"), lambda: self._on_current(self.editing.remove_block)
        )
        self.act_task = a(
            "task",
            _t("Nhiệm vụ &trọng tâm"),
            self._toggle_task,
            "Ctrl+T",
            _t("Đánh dấu hoặc bỏ dấu nhiệm vụ trọng tâm"),
        )
        self.act_figures = a("figures", _t("Chèn số liệu thủ tục…"), self.ask_figures)
        self.act_issue = a("issue", _t("&Ban hành…"), lc.issue)
        self.act_approve = a(
            "approve", _t("&Duyệt dự thảo"), lambda: approval_actions.approve(self)
        )
        self.act_return = a(
            "return_draft", _t("T&rả lại dự thảo…"), lambda: approval_actions.return_draft(self)
        )
        self.act_signed = a("signed", _t("Đánh dấu đã &ký"), lc.mark_signed)
        self.act_replace = a("replace", _t("Tạo văn bản &thay thế"), lc.create_replacement)
        self.act_duplicate = a("duplicate", _t("&Nhân bản thành dự thảo mới"), lc.duplicate)
        self.act_delete = a("delete", _t("&Xóa dự thảo"), lc.delete_draft)
        self.act_pdf = a("pdf", _t("Xuất &PDF…"), lambda: self.export("pdf"), "Ctrl+Shift+E")
        self.act_docx = a("docx", _t("Xuất &Word…"), lambda: self.export("docx"))
        self.act_print = a(
            "print", _t("Xem trước khi &in…"), self.print_preview, QKeySequence.StandardKey.Print
        )
        self.act_close = a("close", _t("Đó&ng"), self.close, "Ctrl+W")
        self.toolbar = install_menus(self, self.actions_by_name)

    def _wire(self) -> None:
        v, e, lc = self.body_view, self.editing, self.lifecycle
        v.textEdited.connect(e.edit_text)
        v.headingEdited.connect(e.heading)
        v.numberEdited.connect(e.section_number)
        v.splitRequested.connect(e.split)
        v.mergeRequested.connect(e.merge)
        v.indentRequested.connect(e.indent)
        v.moveRequested.connect(e.move)
        v.sectionMoveRequested.connect(e.move_section)
        v.formatRequested.connect(lambda key, style: self.toggle_mark(style, key))
        v.newSectionRequested.connect(lambda key: self._new_section(key))
        v.firstBlockRequested.connect(lambda key: e.add_block(key, 0))
        v.pasteRequested.connect(e.paste_paragraphs)
        v.undoRequested.connect(self.stack.undo)
        v.redoRequested.connect(self.stack.redo)
        v.blockMenuRequested.connect(self._block_menu)
        v.sectionMenuRequested.connect(self._section_menu)
        v.currentChanged.connect(self._current_changed)
        self.header.fieldEdited.connect(lambda name, value: e.field(name, value))
        v.editRefused.connect(self._edit_refused)
        self.header.editRefused.connect(self._edit_refused)
        self.header.undoRequested.connect(self.stack.undo)
        self.header.redoRequested.connect(self.stack.redo)
        self.closing.recipients.recipientsEdited.connect(e.recipients)
        self.closing.signer.signerEdited.connect(e.fields)
        self.tasks_panel.taskEdited.connect(e.set_task)
        self.citations_panel.openDocument.connect(self.openDocumentRequested)
        self.citations_panel.lookUp.connect(self.lookUpRequested)
        self.outline.clicked.connect(lambda idx: self.body_view.focus_key(idx.data(KEY_ROLE), -2))
        self.model.changed.connect(self._on_changed)
        self.model.fieldChanged.connect(self._field_changed)
        self.model.recipientsChanged.connect(self._show_closing)
        self.model.body.dataChanged.connect(self._maybe_task_changed)
        self.model.body.modelReset.connect(self.outline.expandAll)
        self.model.body.rowsInserted.connect(lambda *_: self.outline.expandAll())
        self.outline.expandAll()
        self.preview.rendered.connect(self.update_state_label)
        lc.stateChanged.connect(self.update_state_label)
        lc.saved.connect(self._saved)
        lc.documentReplaced.connect(self._document_replaced)
        lc.message.connect(self._show_message)
        lc.closeRequested.connect(self.close)
        lc.openDocumentRequested.connect(self.openDocumentRequested)
        lc.taskFixRequested.connect(self.show_task_to_fix)

    # ------------------------------------------------------------------ reference data
    # ------------------------------------------------------------------ reactions
    def _focus_first(self) -> None:
        for s in self.model.body.sections:
            if s.blocks:
                self.body_view.focus_key(s.blocks[0].key, 0)
                return

    def _on_changed(self) -> None:
        self.preview.schedule()
        self.citations_timer.start()

    def _field_changed(self, name: str) -> None:
        self.header.show_draft(self.model.draft, name)
        if name.startswith("signer_"):
            self._show_closing()
        if name == "layout_profile_id":
            self.reload_profile()
        if name in ("type_code", "subject"):
            self.update_title()
            self.update_number_hint()

    def _show_closing(self) -> None:
        d = self.model.draft
        self.closing.recipients.show_lines(d.recipients)
        self.closing.signer.show_signer(d.signer_authority, d.signer_title, d.signer_name)

    def _saved(self) -> None:
        self.apply_state()
        self.refresh_citations()
        self._show_task(self.body_view.current_key)

    def _document_replaced(self) -> None:
        self.header.show_draft(self.model.draft)
        self.reload_profile()
        self.apply_state()

    def _show_message(self, text: str, ms: int) -> None:
        if text:
            self.statusBar().showMessage(text, ms)
        else:
            self.statusBar().clearMessage()

    def _edit_refused(self) -> None:
        """A key that would change a read-only document: say so where the eye is."""
        self.statusBar().showMessage(
            _t(
                "Văn bản đã ban hành chỉ để xem: không sửa được. Muốn sửa sai sót, dùng «Văn bản → "
                "Tạo văn bản thay thế»."
            ),
            6000,
        )

    def _current_changed(self, key: str) -> None:
        self._show_task(key)
        is_block = self._current_block() is not None
        for name in BLOCK_ACTIONS:
            self.actions_by_name[name].setEnabled(is_block and not self.read_only)

    def _maybe_task_changed(self, top, bottom, _roles=()) -> None:
        key = self._current_block()
        if key is None or not top.parent().isValid():
            return
        if top.row() <= self.model.body.locate(key)[1] <= bottom.row():
            self._show_task(key)

    def _show_task(self, key: str | None) -> None:
        block = None
        if key is not None:
            try:
                block = self.model.body.block(key)
            except KeyError:
                block = None
        self.tasks_panel.show_block(block, references.tracker_note(block))

    def _current_block(self) -> str | None:
        key = self.body_view.current_key
        if key is None:
            return None
        try:
            self.model.body.locate(key)
        except KeyError:
            return None
        return key

    def _on_current(self, fn, *args) -> None:
        key = self._current_block()
        if key is not None and not self.read_only:
            fn(key, *args)

    def _shape(self, kind: str, level: int) -> None:
        self._on_current(self.editing.set_shape, kind, level)

    def _move_current(self, delta: int) -> None:
        key = self.body_view.current_key
        if key is None or self.read_only:
            return
        if self._current_block() is not None:
            self.editing.move(key, delta)
        else:
            self.editing.move_section(key, delta)

    def _new_section(self, key: str | None = None) -> None:
        key = key or self.body_view.current_key
        if self.read_only:
            return
        if key is None:
            key = self.model.body.sections[-1].key
        self.editing.new_section_after(key)

    def _new_block(self) -> None:
        key = self._current_block()
        if key is not None:
            self.editing.add_block_after(key)
        elif self.body_view.current_key:
            self.editing.add_block(self.body_view.current_key, 0)

    def show_task_to_fix(self, key: str) -> None:
        """Before issuing: the caret on the key task's bullet, its panel open at what is missing."""
        try:
            block = self.model.body.block(key)
        except KeyError:
            return
        self.body_view.focus_key(key, -1)
        self.side.setCurrentWidget(self.tasks_panel)
        panel = self.tasks_panel
        task = block.task
        target = panel.lead if task is None or task.lead_unit_id is None else panel.has_deadline
        target.setFocus()
        self.statusBar().showMessage(
            _t("Hãy chọn đơn vị chủ trì và thời hạn của nhiệm vụ, rồi ban hành lại."), 8000
        )

    def _toggle_task(self) -> None:
        self._on_current(self.editing.toggle_task)
        self.side.setCurrentWidget(self.tasks_panel)

    def toggle_mark(self, style: str, key: str | None = None) -> None:
        key = key or self._current_block()
        if key is None or self.read_only:
            return
        row = self.body_view.row(key)
        cursor = row.edit.textCursor() if row is not None else None
        if cursor is None or not cursor.hasSelection():
            self.statusBar().showMessage(
                _t("Hãy bôi đen phần chữ cần in đậm hoặc in nghiêng."), 5000
            )
            return
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if self.editing.toggle_mark(key, style, start, end) and row is not None:
            c = row.edit.textCursor()
            c.setPosition(start)
            c.setPosition(end, c.MoveMode.KeepAnchor)
            row.edit.setTextCursor(c)

    def _block_menu(self, key: str, pos: QPoint) -> None:
        if self.read_only:
            return
        menu = block_menu(self, self.actions_by_name)
        menu.popup(pos)
        self._menu = menu

    def _section_menu(self, key: str, pos: QPoint) -> None:
        from ketluan_desktop.ui.documents.commands import MoveSection

        if self.read_only:
            return
        menu = QMenu(self)
        e = self.editing
        menu.addAction(_t("Thêm mục sau mục này"), lambda: e.new_section_after(key))
        menu.addAction(_t("Thêm đoạn đầu mục"), lambda: e.add_block(key, 0))
        menu.addSeparator()
        up = menu.addAction(_t("Chuyển mục lên"), lambda: e.move_section(key, -1))
        down = menu.addAction(_t("Chuyển mục xuống"), lambda: e.move_section(key, 1))
        up.setEnabled(MoveSection.possible(self.model.body, key, -1))
        down.setEnabled(MoveSection.possible(self.model.body, key, 1))
        menu.addSeparator()
        remove = menu.addAction(_t("Xóa mục"), lambda: self._remove_section(key))
        remove.setEnabled(len(self.model.body.sections) > 1)
        menu.popup(pos)
        self._menu = menu

    def _remove_section(self, key: str) -> None:
        from ketluan_desktop.ui import dialogs

        section = self.model.body.sections[self.model.body.section_row(key)]
        if any(b.text.strip() for b in section.blocks) and not dialogs.ask_yes_no(
            self,
            _t("Xóa mục «{heading}» cùng {n} đoạn của nó? Có thể hoàn tác bằng Ctrl+Z.").format(
                heading=section.heading or _t("Phần mở đầu"), n=len(section.blocks)
            ),
        ):
            return
        self.editing.remove_section(key)

    # ------------------------------------------------------------------ files and figures
    def export(self, fmt: str) -> None:
        from ketluan_desktop.ui.documents.exporting import export_with_dialog

        content, profile = self.preview_source()
        export_with_dialog(self, self.ctx, content, profile, fmt, self.model.draft.doc_id)

    def print_preview(self) -> None:
        from ketluan_desktop.ui.documents.exporting import PrintPreview

        content, profile = self.preview_source()
        self._print_preview = PrintPreview(content, profile, self)
        self._print_preview.show()

    def ask_figures(self) -> None:
        from ketluan_desktop.ui import dialogs
        from ketluan_desktop.ui.documents.period_dialog import PeriodDialog

        if self.read_only:
            return
        dlg = PeriodDialog(self.ctx.today(), self)
        if dialogs.exec_dialog(dlg):
            self.insert_figures(*dlg.period())

    # ------------------------------------------------------------------ state
    @property
    def modified(self) -> bool:
        return self.lifecycle.modified

    def update_title(self) -> None:
        d = self.model.draft
        t = DOCUMENT_TYPES.get(d.type_code)
        kind = t.name if t else d.type_code
        number = d.number_symbol or _t("dự thảo")
        subject = (d.subject or "").strip()
        subject = subject if len(subject) <= 70 else subject[:69] + "…"
        self.setWindowTitle(
            f"{kind} {number} — {subject} [*]" if subject else f"{kind} {number} [*]"
        )

    def update_state_label(self, *_args) -> None:
        lc = self.lifecycle
        self.setWindowModified(lc.modified)
        words = self.model.draft.word_count()
        pages = self.preview.page_count
        self.words_label.setText(
            _t("{words} từ · {pages} trang").format(words=thousands(words), pages=pages or "…")
        )
        self.state_label.setText(lc.state_text())

    def apply_state(self) -> None:
        """Read-only once issued; actions follow the lifecycle state."""
        d = self.model.draft
        ro = d.status != DocumentStatus.DRAFT.value
        self.read_only = ro
        self.editing.read_only = ro
        self.page.set_read_only(ro)
        self.tasks_panel.set_read_only(ro)
        for name in DRAFT_ACTIONS:
            self.actions_by_name[name].setEnabled(not ro)
        self.act_undo.setVisible(not ro)
        self.act_redo.setVisible(not ro)
        self.act_signed.setEnabled(d.status == DocumentStatus.ISSUED.value)
        self.act_replace.setEnabled(
            d.status in (DocumentStatus.ISSUED.value, DocumentStatus.SIGNED.value)
        )
        self.act_duplicate.setEnabled(d.doc_id is not None)
        approval_actions.apply(self)
        self.show_banner()
        self.update_title()
        self.update_number_hint()
        self.update_state_label()

    # ------------------------------------------------------------------ window
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.lifecycle.autosave_now()

    def shutdown(self) -> None:
        self.lifecycle.shutdown()
        self.citations_timer.stop()
        self.preview.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.lifecycle.confirm_close():
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit(self.model.draft.doc_id)

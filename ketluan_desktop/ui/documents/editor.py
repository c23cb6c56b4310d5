"""The document editor: the page (header, body, closing) beside a live preview and side panels.

Everything typed or rearranged goes through ``Editing`` onto one QUndoStack (Ctrl+Z / Ctrl+Y);
saving, autosave, issuing and exports live in ``DocumentLifecycle``.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES, DocumentStatus
from ketluan_desktop.core.documents.draft import BOLD, ITALIC, Draft
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.documents.body_model import KEY_ROLE, EditorModel, NumberedDelegate
from ketluan_desktop.ui.documents.body_view import BodyView
from ketluan_desktop.ui.documents.editing import Editing
from ketluan_desktop.ui.documents.header_form import HeaderForm
from ketluan_desktop.ui.documents.lifecycle import DocumentLifecycle
from ketluan_desktop.ui.documents.preview import PreviewPane
from ketluan_desktop.ui.documents.recipients import ClosingForm
from ketluan_desktop.ui.documents.side_panels import CitationsPanel, TaskPanel
from ketluan_desktop.ui.style import set_window_background

EDITOR_STYLE = """
QScrollArea#pageScroll { background: #e9ebef; border: none; }
QWidget#pageScrollBody { background: #e9ebef; }
QFrame#sheet { background: white; border: 1px solid #d5d9df; }
QLabel#openingLabel { color: #7b828c; font-style: italic; }
QLabel#hint { color: #5b6370; }
QLabel#numberLabel { color: #1d1f23; font-weight: 600; }
QLabel#readOnlyBanner { background: #fff4d6; border: 1px solid #e8c66a; padding: 6px 10px;
                         color: #5a4500; }
QLabel#sheetTitle { color: #7a1015; font-size: 12pt; font-weight: 700; }
QLabel#previewStatus { color: #5b6370; padding: 2px 4px; }
"""


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


class DocumentEditor(DocumentLifecycle, QMainWindow):
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
        QMainWindow.__init__(self, parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setStyleSheet(EDITOR_STYLE)
        set_window_background(self)
        # An explicit minimum keeps the layout from resizing the window's limits after it is shown.
        self.setMinimumSize(QSize(980, 620))
        self.ctx = ctx
        self.model = EditorModel(draft, self)
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(2000)
        self.editing = Editing(self.model, self.stack)
        self._build()
        self._build_actions()
        self._wire()
        self.init_lifecycle(recovered=recovered, created_here=created_here)
        self.load_choices()
        self.header.show_draft(draft)
        self._show_closing()
        self.apply_state()
        self.resize(1480, 920)
        QTimer.singleShot(0, self._focus_first)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.header = HeaderForm()
        self.body_view = BodyView(self.model.body)
        self.closing = ClosingForm()

        sheet = QFrame()
        sheet.setObjectName("sheet")
        sheet.setMaximumWidth(900)
        sv = QVBoxLayout(sheet)
        sv.setContentsMargins(40, 22, 40, 30)
        sv.setSpacing(6)
        title = QLabel(_t("Thông tin văn bản"))
        title.setObjectName("sheetTitle")
        sv.addWidget(title)
        sv.addWidget(self.header)
        body_title = QLabel(_t("Nội dung"))
        body_title.setObjectName("sheetTitle")
        sv.addWidget(body_title)
        sv.addWidget(self.body_view)
        end_title = QLabel(_t("Nơi nhận và người ký"))
        end_title.setObjectName("sheetTitle")
        sv.addWidget(end_title)
        sv.addWidget(self.closing)
        holder = QWidget()
        holder.setObjectName("pageScrollBody")
        hv = QVBoxLayout(holder)
        hv.setContentsMargins(18, 18, 18, 18)
        hv.addWidget(self.banner)
        hv.addWidget(sheet, 0, Qt.AlignmentFlag.AlignHCenter)
        hv.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("pageScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(holder)
        self.body_view.scroll_area = self.scroll

        self.preview = PreviewPane(self.preview_source)
        self.tasks_panel = TaskPanel()
        self.citations_panel = CitationsPanel()
        self.outline = QTreeView()
        self.outline.setModel(self.model.body)
        self.outline.setItemDelegate(NumberedDelegate(self.outline))
        self.outline.setHeaderHidden(False)
        self.outline.setAccessibleName(_t("Dàn ý văn bản"))
        self.outline.setExpandsOnDoubleClick(False)
        self.side = QTabWidget()
        self.side.addTab(self.preview, _t("Xem trước"))
        self.side.addTab(self.tasks_panel, _t("Nhiệm vụ"))
        self.side.addTab(self.citations_panel, _t("Viện dẫn"))
        self.side.addTab(self.outline, _t("Dàn ý"))

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.scroll)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([900, 560])
        self.splitter = split
        self.setCentralWidget(split)

        self.state_label = QLabel()
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

        order = [*self.header.tab_order()]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)

    def _action(self, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(slot)
        tip = tip or text.replace("&", "").rstrip("…")
        if shortcut is not None:
            seq = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip} ({seq})"
        act.setToolTip(tip)
        act.setStatusTip(tip)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        a = self._action
        self.act_save = a(_t("&Lưu"), lambda: self.save(), QKeySequence.StandardKey.Save)
        self.act_save_as_new = a(_t("Lưu thành dự thảo &mới"), self.save_as_new_draft)
        self.act_undo = self.stack.createUndoAction(self, _t("&Hoàn tác"))
        self.act_undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.act_redo = self.stack.createRedoAction(self, _t("&Làm lại"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_undo.setIconText(_t("Hoàn tác"))
        self.act_redo.setIconText(_t("Làm lại"))
        for act in (self.act_undo, self.act_redo):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)
        self.act_bold = a(_t("In &đậm"), lambda: self.toggle_mark(BOLD), "Ctrl+B")
        self.act_italic = a(_t("In &nghiêng"), lambda: self.toggle_mark(ITALIC), "Ctrl+I")
        self.act_paragraph = a(_t("Đoạn &văn"), lambda: self._shape("paragraph", 0))
        self.act_bullet = a(_t("&Gạch đầu dòng"), lambda: self._shape("bullet", 0))
        self.act_indent = a(
            _t("Thụt vào"),
            lambda: self._on_current(self.editing.indent, 1),
            tip=_t("Thụt vào: đoạn → gạch đầu dòng → ý nhỏ (Tab)"),
        )
        self.act_outdent = a(
            _t("Lùi ra"),
            lambda: self._on_current(self.editing.indent, -1),
            tip=_t("Lùi ra (Shift+Tab)"),
        )
        self.act_up = a(_t("Chuyển lên"), lambda: self._move_current(-1), "Alt+Shift+Up")
        self.act_down = a(_t("Chuyển xuống"), lambda: self._move_current(1), "Alt+Shift+Down")
        self.act_new_section = a(_t("Thêm &mục"), lambda: self._new_section(), "Ctrl+Return")
        self.act_new_block = a(_t("Thêm đoạn"), self._new_block)
        self.act_delete_block = a(
            _t("Xóa đoạn"), lambda: self._on_current(self.editing.remove_block)
        )
        self.act_task = a(
            _t("Nhiệm vụ &trọng tâm"),
            self._toggle_task,
            "Ctrl+T",
            _t("Đánh dấu hoặc bỏ dấu nhiệm vụ trọng tâm"),
        )
        self.act_figures = a(_t("Chèn số liệu thủ tục…"), self.ask_figures)
        self.act_issue = a(_t("&Ban hành…"), self.issue)
        self.act_signed = a(_t("Đánh dấu đã &ký"), self.mark_signed)
        self.act_replace = a(_t("Tạo văn bản &thay thế"), self.create_replacement)
        self.act_duplicate = a(_t("&Nhân bản thành dự thảo mới"), self.duplicate)
        self.act_delete = a(_t("&Xóa dự thảo"), self.delete_draft)
        self.act_pdf = a(_t("Xuất &PDF…"), lambda: self.export("pdf"), "Ctrl+Shift+E")
        self.act_docx = a(_t("Xuất &Word…"), lambda: self.export("docx"))
        self.act_print = a(
            _t("Xem trước khi &in…"), self.print_preview, QKeySequence.StandardKey.Print
        )
        self.act_close = a(_t("Đó&ng"), self.close, "Ctrl+W")
        # Short labels on the toolbar; menus and tooltips keep the full words.
        for act, short in (
            (self.act_bold, "B"),
            (self.act_italic, "I"),
            (self.act_up, "↑ Lên"),
            (self.act_down, "↓ Xuống"),
            (self.act_indent, "→ Thụt vào"),
            (self.act_outdent, "← Lùi ra"),
            (self.act_figures, "Chèn số liệu"),
            (self.act_task, "★ Nhiệm vụ"),
            (self.act_print, "In…"),
        ):
            act.setIconText(short)
        font = self.act_bold.font()
        font.setBold(True)
        self.act_bold.setFont(font)
        font = self.act_italic.font()
        font.setItalic(True)
        self.act_italic.setFont(font)

        mb = self.menuBar()
        m = mb.addMenu(_t("&Văn bản"))
        for act in (
            self.act_save,
            self.act_save_as_new,
            None,
            self.act_issue,
            self.act_signed,
            self.act_replace,
            self.act_duplicate,
            self.act_delete,
            None,
            self.act_pdf,
            self.act_docx,
            self.act_print,
            None,
            self.act_close,
        ):
            m.addSeparator() if act is None else m.addAction(act)
        m = mb.addMenu(_t("&Sửa"))
        for act in (
            self.act_undo,
            self.act_redo,
            None,
            self.act_bold,
            self.act_italic,
            None,
            self.act_up,
            self.act_down,
            self.act_delete_block,
        ):
            m.addSeparator() if act is None else m.addAction(act)
        m = mb.addMenu(_t("Đị&nh dạng"))
        for act in (
            self.act_paragraph,
            self.act_bullet,
            self.act_indent,
            self.act_outdent,
            None,
            self.act_new_block,
            self.act_new_section,
        ):
            m.addSeparator() if act is None else m.addAction(act)
        m = mb.addMenu(_t("&Chèn"))
        m.addAction(self.act_task)
        m.addAction(self.act_figures)

        tb = QToolBar(_t("Thanh công cụ soạn thảo"))
        tb.setObjectName("editorToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (
            self.act_save,
            None,
            self.act_undo,
            self.act_redo,
            None,
            self.act_bold,
            self.act_italic,
            None,
            self.act_paragraph,
            self.act_bullet,
            self.act_indent,
            self.act_outdent,
            self.act_up,
            self.act_down,
            self.act_new_section,
            None,
            self.act_task,
            self.act_figures,
            None,
            self.act_issue,
            self.act_pdf,
            self.act_print,
        ):
            tb.addSeparator() if act is None else tb.addAction(act)
        self.addToolBar(tb)
        self.toolbar = tb

    def _wire(self) -> None:
        v, e = self.body_view, self.editing
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
        self.header.undoRequested.connect(self.stack.undo)
        self.header.redoRequested.connect(self.stack.redo)
        self.closing.recipients.recipientsEdited.connect(e.recipients)
        self.closing.signer.signerEdited.connect(e.fields)
        self.tasks_panel.taskEdited.connect(e.set_task)
        self.citations_panel.openDocument.connect(self.openDocumentRequested)
        self.citations_panel.lookUp.connect(self.lookUpRequested)
        self.outline.clicked.connect(lambda idx: self.body_view.focus_key(idx.data(KEY_ROLE), -2))
        self.model.fieldChanged.connect(self._field_changed)
        self.model.recipientsChanged.connect(self._show_closing)
        self.model.body.dataChanged.connect(self._maybe_task_changed)
        self.model.body.modelReset.connect(self.outline.expandAll)
        self.model.body.rowsInserted.connect(lambda *_: self.outline.expandAll())
        self.outline.expandAll()

    # ------------------------------------------------------------------ reactions
    def _focus_first(self) -> None:
        for s in self.model.body.sections:
            if s.blocks:
                self.body_view.focus_key(s.blocks[0].key, 0)
                return

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

    def _current_changed(self, key: str) -> None:
        self._show_task(key)
        is_block = self._current_block() is not None
        for act in (
            self.act_bold,
            self.act_italic,
            self.act_paragraph,
            self.act_bullet,
            self.act_indent,
            self.act_outdent,
            self.act_delete_block,
            self.act_task,
        ):
            act.setEnabled(is_block and not self.read_only)

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
        self.tasks_panel.show_block(block, self.tracker_note(block))

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
        menu = QMenu(self)
        for act in (
            self.act_paragraph,
            self.act_bullet,
            self.act_indent,
            self.act_outdent,
            None,
            self.act_task,
            None,
            self.act_up,
            self.act_down,
            self.act_new_block,
            self.act_delete_block,
        ):
            menu.addSeparator() if act is None else menu.addAction(act)
        menu.popup(pos)
        self._menu = menu

    def _section_menu(self, key: str, pos: QPoint) -> None:
        if self.read_only:
            return
        menu = QMenu(self)
        e = self.editing
        menu.addAction(_t("Thêm mục sau mục này"), lambda: e.new_section_after(key))
        menu.addAction(_t("Thêm đoạn đầu mục"), lambda: e.add_block(key, 0))
        menu.addSeparator()
        up = menu.addAction(_t("Chuyển mục lên"), lambda: e.move_section(key, -1))
        down = menu.addAction(_t("Chuyển mục xuống"), lambda: e.move_section(key, 1))
        from ketluan_desktop.ui.documents.commands import MoveSection

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

    # ------------------------------------------------------------------ state
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

    def apply_state(self) -> None:
        """Read-only once issued; actions follow the lifecycle state."""
        d = self.model.draft
        ro = d.status != DocumentStatus.DRAFT.value
        self.read_only = ro
        self.editing.read_only = ro
        self.body_view.set_read_only(ro)
        self.header.set_read_only(ro)
        self.closing.set_read_only(ro)
        self.tasks_panel.set_read_only(ro)
        for act in (
            self.act_save,
            self.act_bold,
            self.act_italic,
            self.act_paragraph,
            self.act_bullet,
            self.act_indent,
            self.act_outdent,
            self.act_up,
            self.act_down,
            self.act_new_section,
            self.act_new_block,
            self.act_delete_block,
            self.act_task,
            self.act_figures,
            self.act_issue,
            self.act_delete,
        ):
            act.setEnabled(not ro)
        self.act_undo.setVisible(not ro)
        self.act_redo.setVisible(not ro)
        self.act_signed.setEnabled(d.status == DocumentStatus.ISSUED.value)
        self.act_replace.setEnabled(
            d.status in (DocumentStatus.ISSUED.value, DocumentStatus.SIGNED.value)
        )
        self.act_duplicate.setEnabled(d.doc_id is not None)
        if ro:
            from ketluan_desktop.core.documents.content import DOCUMENT_STATUS_LABELS

            label = DOCUMENT_STATUS_LABELS[DocumentStatus(d.status)]
            when = f" ngày {d.doc_date:%d/%m/%Y}" if d.doc_date else ""
            text = _t(
                "Văn bản số {number}{when} — {label}: chỉ xem, không sửa được. Để sửa sai sót, "
                "dùng «Văn bản → Tạo văn bản thay thế»; để dùng lại nội dung, «Nhân bản»."
            ).format(number=d.number_symbol or "", when=when, label=label.lower())
        else:
            text = ""
        note = self.relation_note()
        text = " ".join(x for x in (text, note) if x)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        self.update_title()
        self.update_number_hint()
        self.update_state_label()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_close():
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit(self.model.draft.doc_id)

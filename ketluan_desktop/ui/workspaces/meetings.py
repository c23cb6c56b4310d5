"""Hội nghị & văn bản: the screen the office lives in.

Three tabs: meetings (list with filters; the selected meeting's form and documents), every
document (filters, reading pane, actions), and the outgoing register. Documents open in editor
windows; one window per document.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.db.gathering import gather
from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.incoming_register import years as incoming_years
from ketluan_desktop.core.meetings import browsing
from ketluan_desktop.core.meetings import records as meeting_service
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.documents.list_panel import (
    DocumentsPanel,
    document_columns,
    install_document_actions,
    show_document,
    templates_menu,
)
from ketluan_desktop.ui.documents.reader import document_html, draft_html
from ketluan_desktop.ui.meetings.form import MeetingForm
from ketluan_desktop.ui.menu_button import menu_button
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.register.incoming_view import IncomingView
from ketluan_desktop.ui.register.view import RegisterView
from ketluan_desktop.ui.widgets.common import EmptyState, follow_search, heading, setup_table
from ketluan_desktop.ui.workspaces.base import Workspace

__all__ = ["MeetingsWorkspace", "document_html"]


_LOADED = object()  # the form shows what is selected
TAB_MEETINGS, TAB_DOCUMENTS, TAB_REGISTER, TAB_INCOMING = range(4)
FORM_TAB = 1  # the meeting's form, beside its documents


def _d(value) -> str:
    return format_date(value)


def _reading_html(shown: browsing.MeetingDocuments) -> str | None:
    """The reading pane's page of the first document (made in the background, with the read)."""
    return draft_html(shown.reading) if shown.reading is not None else None


class MeetingsWorkspace(Workspace):
    key = "meetings"
    areas = ("meetings", "documents", "settings")
    load_demo_requested = Signal()
    import_requested = Signal()
    documents_panel_built = Signal(object)  # «Văn bản», built when first shown or asked for

    def title(self) -> str:
        return self.tr("Hội nghị & văn bản")

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.editors: dict[int, QWidget] = {}
        self._loading = False
        self._form_meeting: object = _LOADED  # meeting id the form still has to show
        # «Hội nghị mới» is on screen: a list arriving from the background must not select a
        # meeting under the clerk who has started typing the new one.
        self._new_meeting_open = False
        # Read with the list, shown when the list's selection asks for them: the chosen
        # meeting's documents with the first one's reading, then that reading (id, HTML).
        self._ready: tuple[browsing.MeetingDocuments, str | None] | None = None
        self._reading: tuple[int, str] | None = None
        self.stack = QStackedWidget()
        self.empty = EmptyState(
            self.tr("Chưa có dữ liệu"),
            self.tr(
                "Chưa có hội nghị hay văn bản nào. Hãy ghi một hội nghị mới, nhập một văn bản kết "
                "luận có sẵn (Word hoặc văn bản thuần), hoặc nạp văn phòng mẫu để làm quen."
            ),
            [
                (self.tr("Nhập văn bản…"), self.import_requested.emit),
                (self.tr("Nạp dữ liệu mẫu"), self.load_demo_requested.emit),
                (self.tr("Ghi hội nghị mới"), self.new_meeting),
            ],
        )
        self.stack.addWidget(self.empty)
        self._form: MeetingForm | None = None  # built when its tab is first shown
        self._staged_form: MeetingForm | None = None  # being built ahead (``ahead_steps``)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_meetings_tab(), self.tr("Hội nghị"))
        # The other tabs are built when first shown or asked for: a first switch to the
        # workspace builds the meetings tab only.
        self._pages: dict[int, QWidget] = {}
        for title in (self.tr("Văn bản"), self.tr("Sổ văn bản đi"), self.tr("Sổ văn bản đến")):
            self.tabs.addTab(QWidget(), title)
        self.stack.addWidget(self.tabs)
        QVBoxLayout(self).addWidget(self.stack)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())

    def _page(self, index: int) -> QWidget:
        page = self._pages.get(index)
        if page is not None:
            return page
        if index == TAB_DOCUMENTS:
            panel = DocumentsPanel(self.ctx)
            panel.openDocument.connect(self.open_document)
            panel.newDocument.connect(lambda code: self.new_document(code, None))
            page = panel
        elif index == TAB_REGISTER:
            register = RegisterView(self.ctx)
            register.openDocument.connect(self.open_document)
            page = register
        else:
            incoming = IncomingView(self.ctx)
            incoming.importRequested.connect(self.import_requested.emit)
            page = incoming
        self._pages[index] = page
        current = self.tabs.currentIndex()
        title = self.tabs.tabText(index)
        placeholder = self.tabs.widget(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        if index == TAB_DOCUMENTS:
            self.documents_panel_built.emit(page)
        return page

    def built_documents_panel(self) -> DocumentsPanel | None:
        """«Văn bản»'s panel if it has been built (None: not yet, and nothing is built)."""
        return self._pages.get(TAB_DOCUMENTS)  # type: ignore[return-value]

    @property
    def documents_panel(self) -> DocumentsPanel:
        return self._page(TAB_DOCUMENTS)  # type: ignore[return-value]

    @property
    def register(self) -> RegisterView:
        return self._page(TAB_REGISTER)  # type: ignore[return-value]

    @property
    def incoming(self) -> IncomingView:
        return self._page(TAB_INCOMING)  # type: ignore[return-value]

    @property
    def form(self) -> MeetingForm:
        """The meeting's form, built when its tab is first shown or it is asked for."""
        if self._form is None:
            form = self._staged_form or MeetingForm(self.ctx)
            self._staged_form = None
            form.finish()
            form.saved.connect(self._meeting_saved)
            form.deleted.connect(lambda *_: self._reload_meetings())
            form.openDocument.connect(self.open_document)
            form.newDocument.connect(lambda code, mid: self.new_document(code, mid or None))
            self._form = form
            self._form_scroll.setWidget(form)
        return self._form

    def ahead_steps(self) -> list:
        """The meeting's form, then the other tabs, one step each (``ahead.py``); each reads
        its data when shown, as before."""
        return [self._stage_form, self._stage_form, lambda: self.form] + [
            lambda i=index: self._page(i) for index in (TAB_DOCUMENTS, TAB_REGISTER, TAB_INCOMING)
        ]

    def _stage_form(self) -> None:
        """A step of building the form ahead: begun, then a group of its widgets."""
        if self._form is not None:
            return
        if self._staged_form is None:
            self._staged_form = MeetingForm(self.ctx, staged=True)
        self._staged_form.build_next()

    def _form_dirty(self) -> bool:
        return self._form is not None and self._form.dirty

    # ------------------------------------------------------------------ layout
    def _build_meetings_tab(self) -> QWidget:
        self.meeting_model = RowsModel(
            [
                Column(self.tr("Ngày"), lambda r: _d(r.meeting_date)),
                Column(self.tr("Hội nghị"), lambda r: r.name),
                Column(self.tr("Khóa"), lambda r: r.term_label or "", Qt.AlignmentFlag.AlignCenter),
                Column(
                    self.tr("Văn bản"), lambda r: r.document_count, Qt.AlignmentFlag.AlignCenter
                ),
            ],
            self,
        )
        self.meeting_view = QTableView()
        self.meeting_view.setModel(self.meeting_model)
        self.meeting_view.setAccessibleName(self.tr("Danh sách hội nghị"))
        setup_table(self.meeting_view, stretch_column=1)
        self.meeting_view.setColumnWidth(0, 86)
        self.meeting_view.setColumnWidth(2, 52)
        self.meeting_view.setColumnWidth(3, 64)
        self.meeting_view.setWordWrap(True)
        self.meeting_view.selectionModel().selectionChanged.connect(self._meeting_selected)

        self.meeting_search = QLineEdit()
        self.meeting_search.setPlaceholderText(self.tr("Tìm hội nghị (không cần dấu)…"))
        self.meeting_search.setClearButtonEnabled(True)
        self._pause = follow_search(self.meeting_search, self._reload_meetings)
        self.year_filter = QComboBox()
        self.year_filter.setAccessibleName(self.tr("Lọc theo năm"))
        self.year_filter.currentIndexChanged.connect(self._reload_meetings)
        self.body_filter = QComboBox()
        self.body_filter.setAccessibleName(self.tr("Lọc theo cơ quan họp"))
        self.body_filter.currentIndexChanged.connect(self._reload_meetings)
        self.new_meeting_button = QPushButton(self.tr("Hội nghị mới"))
        self.new_meeting_button.clicked.connect(self.new_meeting)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Hội nghị")), 1)
        top.addWidget(self.new_meeting_button)
        lv.addLayout(top)
        lv.addWidget(self.meeting_search)
        row = QHBoxLayout()
        row.addWidget(self.year_filter)
        row.addWidget(self.body_filter, 1)
        lv.addLayout(row)
        lv.addWidget(self.meeting_view)

        docs = self._build_documents_pane()

        form_scroll = QScrollArea()  # the form goes in when its tab is first shown
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._form_scroll = form_scroll

        self.meeting_tabs = QTabWidget()
        self.meeting_tabs.addTab(docs, self.tr("Văn bản của hội nghị"))
        self.meeting_tabs.addTab(form_scroll, self.tr("Thông tin hội nghị"))
        self.meeting_tabs.currentChanged.connect(self._meeting_tab_shown)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.meeting_tabs)
        split.setSizes([400, 840])
        return split

    def _build_documents_pane(self) -> QWidget:
        """The selected meeting's documents, a reading view, and the buttons to open or write one."""
        self.doc_model = RowsModel(document_columns(self), self)
        self.doc_view = QTableView()
        self.doc_view.setModel(self.doc_model)
        self.doc_view.setAccessibleName(self.tr("Văn bản của hội nghị"))
        setup_table(self.doc_view, stretch_column=3)
        self.doc_view.setColumnWidth(1, 120)
        self.doc_view.selectionModel().selectionChanged.connect(self._document_selected)
        self.doc_view.doubleClicked.connect(lambda _i: self._open_selected())
        install_document_actions(
            self.doc_view, self.ctx, self.selected_document_id, self.open_document
        )
        self.doc_view.activated.connect(lambda _i: self._open_selected())
        self.reader = QTextBrowser()
        self.reader.setOpenLinks(False)
        self.open_button = QPushButton(self.tr("Mở văn bản"))
        self.open_button.clicked.connect(self._open_selected)
        self.new_doc_button = menu_button(
            self.tr("Soạn văn bản của hội nghị"),
            lambda button: templates_menu(
                button, lambda code: self.new_document(code, self.current_meeting_id())
            ),
        )
        docs = QWidget()
        dv = QVBoxLayout(docs)
        dv.setContentsMargins(0, 6, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.new_doc_button)
        buttons.addStretch(1)
        dv.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.doc_view)
        split.addWidget(self.reader)
        split.setSizes([220, 420])
        dv.addWidget(split, 1)
        return docs

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """The filters' choices and the meetings, read in the background."""
        db = self.ctx.db

        def work():
            return tuple(
                gather(
                    db,
                    doc_service.count,
                    meeting_service.years,
                    meeting_service.body_choices,
                    incoming_years,
                )
            )

        self.ctx.runner.query(("meetings-choices", id(self)), work, self._fill)

    def _fill(self, found) -> None:
        total, years, bodies, received = found
        has_data = bool(total or years or received)
        self.stack.setCurrentIndex(1 if has_data else 0)
        self._loading = True
        for combo, items, all_label in (
            (self.year_filter, [(y, str(y)) for y in years], self.tr("Mọi năm")),
            (self.body_filter, [(b, b) for b in bodies], self.tr("Mọi cơ quan họp")),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(all_label, None)
            for value, label in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self._loading = False
        self._reload_meetings()
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        index = self.tabs.currentIndex()
        if index in (TAB_DOCUMENTS, TAB_REGISTER, TAB_INCOMING):
            self._page(index).refresh()  # type: ignore[attr-defined]

    def show_incoming(self, incoming_id: int) -> None:
        """Sổ văn bản đến, with one received document selected (from the search box)."""
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(self.incoming)
        self.incoming.show_entry(incoming_id)

    def _reload_meetings(self, then=None) -> None:
        """The meetings under the filters, from the background; ``then()`` once shown."""
        if self._loading:
            return
        self._pause.stop()
        current = self.current_meeting_id()
        db = self.ctx.db
        filters = {
            "year": self.year_filter.currentData(),
            "body": self.body_filter.currentData(),
            "text": self.meeting_search.text() or None,
        }

        def work():
            # The list, the chosen meeting's documents and the first one's reading: one round
            # trip on a server (core/meetings/browsing.py).
            with db.session() as s:
                page = browsing.meetings_page(s, keep=current, **filters)
            return page, _reading_html(page.shown)

        def arrived(found) -> None:
            page, html = found
            rows = page.meetings
            self.meeting_model.set_rows(rows)
            chosen = page.shown.meeting_id
            target = next((i for i, r in enumerate(rows) if r.id == chosen), None)
            if current is None and self._new_meeting_open:
                pass  # keep the new meeting's form as it is
            elif target is not None:
                self._ready = (page.shown, html)  # what selecting it shows: read already
                self.meeting_view.selectRow(target)
                if self._ready is not None:  # the selection did not change: show it all the same
                    self._show_documents(*self._ready)
            else:
                self._show_documents(page.shown, html)
                if not self._form_dirty():
                    self._form_meeting = None
                    self._load_form_if_shown()
            if then is not None:
                then()

        self.ctx.runner.query(("meetings", id(self)), work, arrived)

    def current_meeting_id(self) -> int | None:
        idx = self.meeting_view.selectionModel().selectedRows()
        return self.meeting_model.row_at(idx[0].row()).id if idx else None

    def _meeting_selected(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is not None:
            self._new_meeting_open = False  # the clerk picked a meeting in the list
        self._load_documents(meeting_id)
        self.new_doc_button.setEnabled(meeting_id is not None)
        if self._form_dirty():
            if self.form.data.id == meeting_id:
                return  # a reload after another change: keep what is being typed
            self._form_meeting = _LOADED  # the user chose: replace the edits now, not later
            if dialogs.ask_yes_no(
                self,
                self.tr(
                    "Hội nghị đang sửa có thay đổi chưa lưu. Lưu trước khi chuyển sang hội nghị "
                    "khác?"
                ),
            ):  # saved in the background; a refusal keeps the edits on screen
                self.form.save(then=lambda: self.form.load(meeting_id))
            else:
                self.form.load(meeting_id)
            return
        self._form_meeting = meeting_id
        self._load_form_if_shown()

    def _meeting_tab_shown(self, index: int) -> None:
        if index == FORM_TAB:
            _ = self.form  # built the first time its tab is shown
        self._load_form_if_shown()

    def _load_form_if_shown(self) -> None:
        # The form fills its tab only when that tab is on screen: start-up shows the documents.
        pending = self._form_meeting
        if pending is _LOADED or self.meeting_tabs.currentIndex() != FORM_TAB:
            return
        self._form_meeting = _LOADED
        self.form.load(pending)

    def _load_documents(self, meeting_id: int | None) -> None:
        """The meeting's documents (every document for None) and the first one in the reading
        pane: read with the list already, else in one round trip of their own."""
        ready, self._ready = self._ready, None
        if ready is not None and ready[0].meeting_id == meeting_id:
            self._show_documents(*ready)
            return
        db = self.ctx.db

        def work():
            with db.session() as s:
                shown = browsing.meeting_documents(s, meeting_id)
            return shown, _reading_html(shown)

        self.ctx.runner.query(
            ("meeting-documents", id(self)), work, lambda found: self._show_documents(*found)
        )

    def _show_documents(self, shown: browsing.MeetingDocuments, html: str | None) -> None:
        self._ready = None
        self.ctx.runner.cancel(("meeting-documents", id(self)))  # an older choice's, if any
        self.doc_model.set_rows(shown.documents)
        if shown.documents:
            self._reading = (shown.documents[0].id, html or "")
            self.doc_view.selectRow(0)
            if self._reading is not None:  # the selection did not change: show it all the same
                self._show_reading(*self._reading)
        else:
            show_document(self.reader, self.ctx, None)
        self.open_button.setEnabled(bool(shown.documents))

    def _show_reading(self, doc_id: int, html: str) -> None:
        self._reading = None
        show_document(self.reader, self.ctx, None)  # stops a read still on its way
        self.reader.setHtml(html)

    def selected_document_id(self) -> int | None:
        if self.tabs.currentIndex() == TAB_DOCUMENTS:
            return self.documents_panel.selected_id()
        idx = self.doc_view.selectionModel().selectedRows()
        return self.doc_model.row_at(idx[0].row()).id if idx else None

    def _document_selected(self) -> None:
        idx = self.doc_view.selectionModel().selectedRows()
        doc_id = self.doc_model.row_at(idx[0].row()).id if idx else None
        ready, self._reading = self._reading, None
        if ready is not None and ready[0] == doc_id:
            self._show_reading(*ready)  # read with the list
            return
        show_document(self.reader, self.ctx, doc_id)

    # ------------------------------------------------------------------ meetings
    def new_meeting(self) -> None:
        if self._form_dirty() and dialogs.ask_yes_no(
            self, self.tr("Hội nghị đang sửa có thay đổi chưa lưu. Lưu trước?")
        ):  # saved in the background first; a refusal keeps the edits on screen
            self.form.save(then=self._open_new_meeting)
            return
        self._open_new_meeting()

    def _open_new_meeting(self) -> None:
        self.stack.setCurrentIndex(1)
        self.tabs.setCurrentIndex(0)
        self.meeting_view.clearSelection()
        self._form_meeting = _LOADED
        self._new_meeting_open = True
        self.meeting_tabs.setCurrentIndex(FORM_TAB)
        form = self.form
        form.load(None, then=form.body.setFocus)  # editable once its choices have arrived

    def show_meeting_form(self, meeting_id: int) -> None:
        for i, r in enumerate(self.meeting_model.rows()):
            if r.id == meeting_id:
                self.meeting_view.selectRow(i)
        self.meeting_tabs.setCurrentIndex(FORM_TAB)

    def _meeting_saved(self, meeting_id: int) -> None:
        self._new_meeting_open = False
        self.refresh()
        self._reload_meetings(lambda: self.show_meeting_form(meeting_id))

    # ------------------------------------------------------------------ documents
    def _open_selected(self) -> None:
        doc_id = self.selected_document_id()
        if doc_id is not None:
            self.open_document(doc_id)

    def open_document(self, doc_id: int):
        """The document's editor window (raised if it is already open)."""
        from ketluan_desktop.ui.documents.opening import open_document

        editor = self.editors.get(doc_id)
        if editor is not None:
            editor.show()
            if QGuiApplication.platformName() != "offscreen":  # it cannot raise windows
                editor.raise_()
            editor.activateWindow()
            return editor
        # read on the runner, adopted when it arrives (returned when that was at once)
        return open_document(self.ctx, doc_id, self.window(), then=self._adopt)

    def new_document(self, type_code: str, meeting_id: int | None):
        from ketluan_desktop.ui.documents.opening import new_document

        return new_document(
            self.ctx, type_code, meeting_id=meeting_id, parent=self.window(), then=self._adopt
        )

    def _adopt(self, editor) -> None:
        doc_id = editor.model.draft.doc_id
        if doc_id is not None:
            self.editors[doc_id] = editor
        editor.closed.connect(lambda _doc, e=editor: self._forget(e))
        editor.openDocumentRequested.connect(self.open_document)
        editor.lookUpRequested.connect(self._look_up)
        editor.show()

    def _forget(self, editor) -> None:
        for key, value in list(self.editors.items()):
            if value is editor:
                del self.editors[key]
        editor.deleteLater()

    def _look_up(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "focus_search"):
            window.focus_search()
            window.search.set_query(text)

    def close_editors(self) -> bool:
        """Ask each open editor to close (saving or not); False if the user cancelled one."""
        return all(editor.close() for editor in list(self.editors.values()))

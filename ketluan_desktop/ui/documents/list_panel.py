"""Every document, filtered by type, state, year and text, with a reading pane and the actions a
clerk needs on a list: open, write a new one from a template, duplicate, delete a draft."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents import draft_saving
from ketluan_desktop.core.documents import records as doc_service
from ketluan_desktop.core.documents.content import (
    DOCUMENT_STATUS_LABELS,
    DOCUMENT_TYPES,
    DocumentStatus,
)
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.documents.reader import draft_html
from ketluan_desktop.ui.menu_button import menu_button
from ketluan_desktop.ui.models.rows_model import Column, LoadedRowsModel
from ketluan_desktop.ui.widgets.common import setup_table, show_row
from ketluan_desktop.ui.widgets.list_page import FilteredListPage


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentsPanel", text)


def _d(value) -> str:
    return format_date(value)


def document_columns(parent) -> list[Column]:
    return [
        Column(_t("Loại"), lambda r: r.type_name),
        Column(_t("Số, ký hiệu"), lambda r: r.number_symbol or _t("(dự thảo)")),
        Column(_t("Ngày"), lambda r: _d(r.doc_date), Qt.AlignmentFlag.AlignCenter),
        Column(_t("Trích yếu"), lambda r: r.subject or "", tooltip=lambda r: r.subject or None),
        Column(
            _t("Trạng thái"),
            lambda r: (
                f"{r.status_label} — {r.approval_label}" if r.approval_label else r.status_label
            ),
        ),
    ]


def templates_menu(parent: QWidget, emit) -> QMenu:
    menu = QMenu(parent)
    fill_templates_menu(menu, emit)
    return menu


def fill_templates_menu(menu: QMenu, emit) -> None:
    """One entry per document template; ``emit(type_code)`` when one is chosen."""
    from ketluan_desktop.core.documents import templates

    for t in templates.list_templates():
        act = menu.addAction(t.name, lambda code=t.type_code: emit(code))
        act.setToolTip(t.description)


def show_document(reader: QTextBrowser, ctx, doc_id: int | None) -> None:
    """The document in the reading pane, read in the background (a newer choice wins)."""
    key = ("reader", id(reader))
    if doc_id is None:
        ctx.runner.cancel(key)
        reader.clear()
        return
    from ketluan_desktop.core.documents import draft_saving as draft_store

    db = ctx.db

    def work():
        with db.session() as s:
            return draft_html(draft_store.read_draft(s, doc_id))

    ctx.runner.query(key, work, reader.setHtml)


def install_document_actions(view, ctx, selected, open_document) -> None:
    """Open, export and print-preview any document from a list (its right-click menu). The
    document and its layout are read on the runner (a draft's profile may be seeded on first
    use, a write); the menu's actions stay off until the read is over."""
    from PySide6.QtGui import QAction

    actions: list[QAction] = []

    def with_content(then) -> None:
        from ketluan_desktop.ui.workers import run_from

        doc_id = selected()
        if doc_id is None:
            return
        db = ctx.db

        def work():
            from ketluan_desktop.core.documents.rendering import content_and_profile

            with db.write_session() as s:
                return content_and_profile(s, doc_id)

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            report_exception(exc, tb, view.window())

        run_from(ctx.runner, actions, work, lambda found: then(doc_id, *found), failed)

    def export(fmt: str) -> None:
        def show(doc_id, content, profile) -> None:
            from ketluan_desktop.ui.documents.exporting import export_with_dialog

            export_with_dialog(view.window(), ctx, content, profile, fmt, doc_id)

        with_content(show)

    def preview() -> None:
        def show(doc_id, content, profile) -> None:
            from ketluan_desktop.ui.documents.exporting import PrintPreview

            view._print_preview = PrintPreview(content, profile, view.window())
            view._print_preview.show()

        with_content(show)

    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for text, slot in (
        (_t("Mở văn bản"), lambda: selected() is not None and open_document(selected())),
        (_t("Xuất PDF…"), lambda: export("pdf")),
        (_t("Xuất Word…"), lambda: export("docx")),
        (_t("Xem trước khi in…"), preview),
    ):
        act = QAction(text, view)
        act.triggered.connect(slot)
        view.addAction(act)
        actions.append(act)


class DocumentsPanel(FilteredListPage):
    openDocument = Signal(int)
    newDocument = Signal(str)
    model: LoadedRowsModel

    split = (Qt.Orientation.Vertical, (300, 400), None)  # the reading pane below the list
    follows_selection = True

    def _build_bars(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.search = self._search_field(_t("Tìm số, trích yếu, người ký (không cần dấu)…"))
        self.type = QComboBox()
        self.type.setAccessibleName(_t("Lọc theo loại"))
        self.type.addItem(_t("Mọi loại"), None)
        for t in DOCUMENT_TYPES.values():
            self.type.addItem(t.name, t.code)
        self.status = QComboBox()
        self.status.setAccessibleName(_t("Lọc theo trạng thái"))
        self.status.addItem(_t("Mọi trạng thái"), None)
        for st, label in DOCUMENT_STATUS_LABELS.items():
            self.status.addItem(label, st.value)
        self.year = QComboBox()
        self.year.setAccessibleName(_t("Lọc theo năm"))
        self.new_button = menu_button(
            _t("Soạn văn bản mới"), lambda button: templates_menu(button, self.newDocument.emit)
        )
        self.open_button = QPushButton(_t("Mở"))
        self.duplicate_button = QPushButton(_t("Nhân bản"))
        self.delete_button = QPushButton(_t("Xóa dự thảo"))
        row.addWidget(self.search, 1)
        for w in (
            self.type,
            self.status,
            self.year,
            self.new_button,
            self.open_button,
            self.duplicate_button,
            self.delete_button,
        ):
            row.addWidget(w)
        layout.addLayout(row)
        self.open_button.clicked.connect(self._open)
        self.duplicate_button.clicked.connect(self._duplicate)
        self.delete_button.clicked.connect(self._delete)

    def _build_table(self, ctx) -> None:
        self.model = LoadedRowsModel(document_columns(self), self._read, ctx.runner, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_t("Danh sách văn bản"))
        setup_table(self.view, stretch_column=3)
        self.view.setColumnWidth(1, 120)
        self.view.doubleClicked.connect(lambda _i: self._open())
        install_document_actions(self.view, ctx, self.selected_id, self.openDocument.emit)
        self.view.activated.connect(lambda _i: self._open())

    def _build_detail_pane(self) -> QWidget:
        self.reader = QTextBrowser()
        self.reader.setOpenLinks(False)
        return self.reader

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (self.type, self.status, self.year)

    def filters(self) -> dict:
        return {
            "type_code": self.type.currentData(),
            "status": self.status.currentData(),
            "year": self.year.currentData(),
            "text": self.search.text().strip() or None,
        }

    def _read(self):
        db, filters = self.ctx.db, self.filters()

        def work():
            with db.session() as s:
                return doc_service.list_documents(s, **filters)

        return work

    def refresh(self) -> None:
        db = self.ctx.db

        def work() -> list[int]:
            from ketluan_desktop.core.documents import records

            with db.session() as s:
                return records.years(s)

        self.ctx.runner.query(("doc-years", id(self)), work, self._fill_years)

    def _fill_years(self, years: list[int]) -> None:
        self.refill(self.year, _t("Mọi năm"), [(y, str(y)) for y in years])
        self.reload()

    def _nothing_kept(self) -> None:
        """The first document shown when none was chosen (or it is no longer listed)."""
        first = self._id_of(self.model.row_at(0)) if self.model.rowCount() else None
        if first is not None:
            show_row(self.view, 0)  # followed: shown unless it already was
        if self.current_id != first:
            self._show(first)

    _kept_row_gone = _nothing_kept

    def _show(self, doc_id: int | None) -> None:
        self.current_id = doc_id
        show_document(self.reader, self.ctx, doc_id)
        self._enable_actions()

    def _enable_actions(self) -> None:
        """The buttons as the chosen document allows; duplicate and delete stay off while one
        of them is being written (a second click, or another row chosen meanwhile, waits)."""
        doc_id = self.current_id
        row = None if doc_id is None else self.model.first(lambda r: r.id == doc_id)
        free = row is not None and not self.writing
        self.open_button.setEnabled(row is not None)
        self.duplicate_button.setEnabled(free)
        self.delete_button.setEnabled(free and row.status == DocumentStatus.DRAFT)

    def _open(self) -> None:
        doc_id = self.selected_id()
        if doc_id is not None:
            self.openDocument.emit(doc_id)

    def _duplicate(self) -> None:
        doc_id = self.selected_id()
        if doc_id is None:
            return
        db, now = self.ctx.db, self.ctx.now()

        def work() -> int:
            with db.write_session() as s:
                return draft_saving.copy_as_draft(s, doc_id, now=now).id

        def done(new_id: int) -> None:
            self.ctx.notify("documents")  # the list read again, with the copy
            self.openDocument.emit(new_id)

        self.write([self.duplicate_button, self.delete_button], work, done)

    def _delete(self) -> None:
        doc_id = self.selected_id()
        if doc_id is None or not dialogs.ask_yes_no(
            self, _t("Xóa hẳn dự thảo đang chọn? Không hoàn tác được.")
        ):
            return
        db, now = self.ctx.db, self.ctx.now()

        def work() -> None:
            with db.write_session() as s:
                doc_service.delete_draft(s, doc_id, now=now)

        self.write(
            [self.duplicate_button, self.delete_button],
            work,
            lambda _r: self.ctx.notify("documents", "tasks"),
        )

"""Export to PDF or Word (save dialog remembering the last folder, work off the GUI thread) and an
in-app print preview with printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ketluan_desktop.core.documents.content import DocumentContent
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.render.profile import LayoutProfile
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.screen_fit import fit_to_screen
from ketluan_desktop.ui.widgets.pdf_view import fit_width_page_view

FILTERS = {"pdf": "Tệp PDF (*.pdf)", "docx": "Tài liệu Word (*.docx)"}


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Export", text)


def export_with_dialog(
    parent: QWidget,
    ctx,
    content: DocumentContent,
    profile: LayoutProfile,
    fmt: str,
    doc_id: int | None,
) -> None:
    from ketluan_desktop.core.render.naming import default_file_name

    chosen = dialogs.save_file(
        parent,
        _t("Xuất ra PDF") if fmt == "pdf" else _t("Xuất ra Word"),
        "export",
        default_file_name(content, fmt),
        FILTERS[fmt],
        f".{fmt}",
    )
    if not chosen:
        return
    path = Path(chosen)
    now = ctx.now()
    status = parent.statusBar() if hasattr(parent, "statusBar") else None
    if status is not None:
        status.showMessage(_t("Đang xuất {name}…").format(name=path.name))

    def work() -> Path:
        from ketluan_desktop.core.audit import trail as audit
        from ketluan_desktop.core.render.export import export

        out = export(content, profile, fmt, path, now=now)  # type: ignore[arg-type]
        if doc_id is not None:
            with ctx.db.write_session() as s:
                audit.record(
                    s,
                    now=now,
                    action="export",
                    entity="document",
                    entity_id=doc_id,
                    summary=f"Xuất {fmt.upper()}: {path.name}",
                )
        return out

    def done(out: Path) -> None:
        if status is not None:
            status.showMessage(_t("Đã xuất: {path}").format(path=out), 10000)

    def failed(exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        if status is not None:
            status.clearMessage()
        if isinstance(exc, KetLuanError):
            dialogs.show_error(parent, exc.message)
        else:
            report_exception(exc, tb, parent)

    ctx.runner.run(work, done, failed)


class PrintPreview(QDialog):
    """The pages exactly as they will print, with an «In…» button."""

    def __init__(self, content: DocumentContent, profile: LayoutProfile, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Xem trước khi in"))
        self.setMinimumSize(QSize(600, 500))
        fit_to_screen(self, 820, 960)
        layout = QVBoxLayout(self)
        self.document = QPdfDocument(self)
        self.view = fit_width_page_view()
        self.view.setDocument(self.document)
        self.info = QLabel()
        layout.addWidget(self.info)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.print_button = QPushButton(_t("&In…"))
        self.print_button.clicked.connect(self.print_document)
        close = QPushButton(_t("Đó&ng"))
        close.clicked.connect(self.close)
        row.addWidget(self.print_button)
        row.addWidget(close)
        layout.addLayout(row)
        self._buffer: QBuffer | None = None
        try:
            from ketluan_desktop.core.render.pdf import render_pdf

            out = render_pdf(content, profile)
        except KetLuanError as exc:
            self.info.setText(exc.message)
            self.print_button.setEnabled(False)
            return
        self.data = out.data
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(out.data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.info.setText(
            _t("{pages} trang, khổ A4, theo mẫu trình bày «{profile}».").format(
                pages=out.page_count, profile=profile.name
            )
        )

    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFromTo(1, self.document.pageCount())
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle(_t("In văn bản"))
        if not dialogs.exec_dialog(dlg):
            return
        self.print_to(printer)

    def print_to(self, printer) -> None:
        first = max(1, printer.fromPage() or 1)
        last = min(self.document.pageCount(), printer.toPage() or self.document.pageCount())
        painter = QPainter(printer)
        try:
            for n in range(first - 1, last):
                if n > first - 1:
                    printer.newPage()
                rect = painter.viewport()
                size = self.document.pagePointSize(n)
                scale = min(rect.width() / size.width(), rect.height() / size.height())
                target = QSize(int(size.width() * scale), int(size.height() * scale))
                image = self.document.render(n, target)
                painter.drawImage(QRectF(QPointF(0, 0), target.toSizeF()), image)
        finally:
            painter.end()

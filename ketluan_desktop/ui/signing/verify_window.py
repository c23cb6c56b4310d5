"""Kiểm tra chữ ký: any PDF, or a document's stored signed PDF, checked against the office's
trusted roots. The verdict in large coloured words, every signature's details, and the signed page
drawn with pypdfium2 so the visible signatures show."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError, ValidationError
from ketluan_desktop.core.signing._common import vn_display_time
from ketluan_desktop.core.signing.verify import SignatureReport, VerificationReport
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.models.rows_model import Column, RowsModel
from ketluan_desktop.ui.screen_fit import fit_to_screen
from ketluan_desktop.ui.signing.common import (
    VERDICT_COLOURS,
    PageImage,
    pick_file,
    render_page,
)
from ketluan_desktop.ui.style import set_window_background
from ketluan_desktop.ui.widgets.common import heading, setup_table
from ketluan_desktop.ui.workers import answer_to

MAX_PDF_BYTES = 200_000_000

VERDICT_EXPLAINED = {
    "Hợp lệ": "Mọi chữ ký còn nguyên vẹn và chứng thư được tin cậy.",
    "Hợp lệ nhưng chứng thư chưa được tin cậy": (
        "Nội dung đã ký còn nguyên vẹn, nhưng chưa xác minh được chứng thư tới một chứng thư gốc "
        "tin cậy (xem chi tiết bên dưới; nạp chứng thư gốc trong Cài đặt → Chữ ký số)."
    ),
    "ĐÃ BỊ THAY ĐỔI SAU KHI KÝ": (
        "Tệp không còn đúng như lúc được ký. Không dùng tệp này; hãy xin lại bản gốc từ nơi ban hành."
    ),
    "Không có chữ ký": "Tệp PDF này không có chữ ký số nào.",
}


def _when(moment) -> str:
    return vn_display_time(moment) if moment is not None else ""


def _hash(name: str | None) -> str:
    from ketluan_desktop.core.signing.signed_documents import hash_label

    return hash_label(name) if name else ""


@dataclass(frozen=True)
class CheckedPdf:
    name: str
    data: bytes
    report: VerificationReport
    locations: dict[str, tuple[int, tuple[float, float, float, float]]]
    page: PageImage | None


def check_pdf(data: bytes, name: str, roots: list[bytes], now) -> CheckedPdf:
    """Verification, signature positions and the page to show: all off the GUI thread."""
    from ketluan_desktop.core.signing.signature_fields import signature_locations
    from ketluan_desktop.core.signing.signed_documents import quiet_library_logs
    from ketluan_desktop.core.signing.verify import verify_pdf

    quiet_library_logs()
    report = verify_pdf(data, roots, now)
    try:
        locs = {loc.field_name: (loc.page_index, loc.rect) for loc in signature_locations(data)}
    except Exception:  # positions only help the preview; a verifiable file must still show
        locs = {}
    page_index = 0
    if report.signatures:
        last = report.signatures[-1].field_name
        page_index = locs.get(last, (0, None))[0]
    try:
        page = render_page(data, page_index, dpi=144)
    except Exception:
        page = None
    return CheckedPdf(name, data, report, locs, page)


class VerifyWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_window_background(self)
        self.ctx = ctx
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setWindowTitle(self.tr("Kiểm tra chữ ký số"))
        # An explicit minimum: else the layout sets one on the shown window whenever its content
        # changes, which the window system must then be told about again.
        self.setMinimumSize(860, 560)
        fit_to_screen(self, 1200, 820)
        self.setAcceptDrops(True)
        self.checked: CheckedPdf | None = None

        central = QWidget()
        v = QVBoxLayout(central)
        self._build_file_bar(v)

        self._build_verdict(v)

        left = self._build_signature_list()

        right = self._build_page_preview()

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([700, 500])
        v.addWidget(split, 1)
        self.setCentralWidget(central)
        self._page_index = 0
        self._page: PageImage | None = None
        self._image = None
        self._focus = None
        self._show_verdict(None)

    def _build_file_bar(self, v: QVBoxLayout) -> None:
        top = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Mở tệp PDF…"))
        self.open_button.clicked.connect(self.choose_file)
        self.file_label = QLabel(self.tr("Chọn hoặc kéo thả một tệp PDF vào cửa sổ này."))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.open_button)
        top.addWidget(self.file_label, 1)
        v.addLayout(top)

    def _build_verdict(self, v: QVBoxLayout) -> None:
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setMinimumHeight(56)
        self.verdict.setAccessibleName(self.tr("Kết luận kiểm tra"))
        self.verdict_note = QLabel()
        self.verdict_note.setWordWrap(True)
        self.verdict_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(self.verdict)
        v.addWidget(self.verdict_note)

    def _build_signature_list(self) -> QWidget:
        self.model = RowsModel(
            [
                Column("#", lambda r: r[0] + 1, Qt.AlignmentFlag.AlignCenter),
                Column(self.tr("Loại"), lambda r: _kind_label(r[1])),
                Column(
                    self.tr("Người ký"),
                    lambda r: r[1].signer_name or "",
                    tooltip=lambda r: r[1].signer_organisation,
                ),
                Column(self.tr("Thời gian ký"), lambda r: _when(r[1].signing_time)),
                Column(
                    self.tr("Tình trạng"),
                    lambda r: r[1].summary,
                    foreground=lambda r: QColor(VERDICT_COLOURS[r[1].summary][2]),
                ),
                Column(
                    self.tr("Tin cậy"),
                    lambda r: self.tr("Có") if r[1].trusted else self.tr("Chưa"),
                    Qt.AlignmentFlag.AlignCenter,
                ),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table, stretch_column=4)
        for column, width in enumerate((32, 105, 140, 195, 200, 60)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._signature_selected)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(heading(self.tr("Các chữ ký")))
        lv.addWidget(self.table, 2)
        lv.addWidget(heading(self.tr("Chi tiết")))
        lv.addWidget(self.details, 3)
        return left

    def _build_page_preview(self) -> QWidget:
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        nav = QHBoxLayout()
        nav.addWidget(heading(self.tr("Trang có chữ ký")))
        nav.addStretch(1)
        self.prev_button = QPushButton("◀")
        self.prev_button.setAccessibleName(self.tr("Trang trước"))
        self.prev_button.clicked.connect(lambda: self.show_page(self._page_index - 1))
        self.page_label = QLabel()
        self.next_button = QPushButton("▶")
        self.next_button.setAccessibleName(self.tr("Trang sau"))
        self.next_button.clicked.connect(lambda: self.show_page(self._page_index + 1))
        for w in (self.prev_button, self.page_label, self.next_button):
            nav.addWidget(w)
        rv.addLayout(nav)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setAccessibleName(self.tr("Hình trang văn bản"))
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.preview)
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #d5d8dd; }")
        rv.addWidget(self.scroll, 1)
        return right

    # -- input --------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = pick_file(
            self,
            self.tr("Chọn tệp PDF cần kiểm tra chữ ký"),
            "verify_folder",
            self.tr("Tệp PDF (*.pdf);;Tất cả tệp (*)"),
        )
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        def read() -> bytes:
            try:
                size = path.stat().st_size
                if size > MAX_PDF_BYTES:
                    raise ValidationError(
                        f"Tệp {path.name} quá lớn ({size // 1_000_000} MB) để kiểm tra."
                    )
                return path.read_bytes()
            except FileNotFoundError as exc:
                raise ValidationError(f"Không tìm thấy tệp: {path}.") from exc
            except IsADirectoryError as exc:
                raise ValidationError(f"{path} là một thư mục, không phải tệp PDF.") from exc
            except OSError as exc:
                raise ValidationError(
                    f"Không đọc được tệp {path} ({exc.strerror or exc})."
                ) from exc

        self._start(lambda: read(), str(path))

    def open_bytes(self, data: bytes, name: str) -> None:
        self._start(lambda: data, name)

    def open_document(self, doc_id: int) -> None:
        """The latest signed PDF stored for the document."""
        from ketluan_desktop.core.documents import records as doc_service
        from ketluan_desktop.core.signing import signed_documents as signing

        db = self.ctx.db
        label = self.tr("Văn bản {number} (bản đã ký lưu trong cơ sở dữ liệu)")

        def read() -> tuple[bytes, str]:  # on the runner's thread, with the document's name
            with db.session() as s:
                doc = doc_service.get(s, doc_id)
                return signing.signed_pdf(s, doc_id), label.format(
                    number=doc.number_symbol or doc_id
                )

        self._start(read, self.tr("văn bản đã ký"))

    def _start(self, read, name: str) -> None:
        from ketluan_desktop.core.signing import trusted_roots as trust

        now = self.ctx.now()

        def job() -> CheckedPdf:
            data, shown = read(), name
            if isinstance(data, tuple):  # a stored document: its name read with it
                data, shown = data
            with self.ctx.db.session() as s:
                roots = trust.root_certificates(s)
            return check_pdf(data, shown, roots, now)

        self.file_label.setText(self.tr("Đang kiểm tra {name}…").format(name=name))
        self.open_button.setEnabled(False)
        self.ctx.runner.run(job, answer_to(self, self._show), answer_to(self, self._failed))

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        self.open_button.setEnabled(True)
        self.file_label.setText(self.tr("Không kiểm tra được tệp."))
        if isinstance(exc, KetLuanError):
            dialogs.show_error(self, exc.message)
        else:
            report_exception(exc, tb, self)

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_file(Path(urls[0].toLocalFile()))

    # -- output -------------------------------------------------------------------------------
    def _show(self, checked: CheckedPdf) -> None:
        self.checked = checked
        self.open_button.setEnabled(True)
        self.file_label.setText(checked.name)
        report = checked.report
        self._show_verdict(report)
        self.model.set_rows(list(enumerate(report.signatures)))
        self._page = checked.page
        if checked.page is not None:
            self._page_index = checked.page.page_index
        self._draw_page()
        if report.signatures:
            self.table.selectRow(len(report.signatures) - 1)
        else:
            self.details.setHtml(
                "<p>" + html.escape(self.tr("Tệp này không có chữ ký số nào.")) + "</p>"
            )

    def _show_verdict(self, report: VerificationReport | None) -> None:
        if report is None:
            self.verdict.setText(self.tr("Chưa có tệp"))
            fg, bg, border = VERDICT_COLOURS["Không có chữ ký"]
            self.verdict_note.setText("")
        else:
            self.verdict.setText(report.verdict)
            fg, bg, border = VERDICT_COLOURS[report.verdict]
            note = VERDICT_EXPLAINED.get(report.verdict, "")
            n = len(report.signatures)
            if n:
                note = self.tr("{n} chữ ký. ").format(n=n) + note
            if report.ok and not report.revocation_checked:
                note += " " + self.tr(
                    "Chưa kiểm tra thu hồi chứng thư: không có mạng và tệp không kèm thông tin "
                    "thu hồi."
                )
            if any(s.test_certificate for s in report.signatures):
                note += " " + self.tr("Có chứng thư KIỂM THỬ, không có giá trị pháp lý.")
            self.verdict_note.setText(note)
        self.verdict.setStyleSheet(
            f"QLabel#verdict {{ color: {fg}; background: {bg}; border: 2px solid {border};"
            " border-radius: 6px; font-size: 20pt; font-weight: 700; padding: 8px; }"
        )

    def selected_signature(self) -> SignatureReport | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row())[1] if rows else None

    def _signature_selected(self) -> None:
        sig = self.selected_signature()
        if sig is None:
            return
        self.details.setHtml(signature_html(sig))
        loc = self.checked.locations.get(sig.field_name) if self.checked else None
        if loc is not None and loc[0] != self._page_index:
            self.show_page(loc[0])
        else:
            self._draw_page()

    def show_page(self, index: int) -> None:
        if self.checked is None or self._page is None:
            return
        index = min(max(index, 0), self._page.page_count - 1)
        data = self.checked.data
        self.ctx.runner.run(
            lambda: render_page(data, index, dpi=144), self._page_ready, self._failed
        )

    def _page_ready(self, page: PageImage) -> None:
        self._page = page
        self._page_index = page.page_index
        self._draw_page()

    def _draw_page(self) -> None:
        page = self._page
        self._focus = None
        if page is None:
            self._image = None
            self.preview.setText(self.tr("Không vẽ được trang này."))
            self.page_label.setText("")
            for b in (self.prev_button, self.next_button):
                b.setEnabled(False)
            return
        image = page.to_qimage()
        sig = self.selected_signature()
        loc = self.checked.locations.get(sig.field_name) if (sig and self.checked) else None
        if loc is not None and loc[0] == page.page_index:
            x0, y0, x1, y1 = loc[1]
            s = page.scale
            rect = QRectF(x0 * s, (page.page_height_pt - y1) * s, (x1 - x0) * s, (y1 - y0) * s)
            painter = QPainter(image)
            pen = QPen(QColor(VERDICT_COLOURS[sig.summary][2]), 3, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(-4, -4, 4, 4))
            painter.end()
            self._focus = (rect.center().x() / image.width(), rect.center().y() / image.height())
        self._image = image
        self.page_label.setText(
            self.tr("Trang {n}/{total}").format(n=page.page_index + 1, total=page.page_count)
        )
        self.prev_button.setEnabled(page.page_index > 0)
        self.next_button.setEnabled(page.page_index < page.page_count - 1)
        self._fit()

    def _fit(self) -> None:
        """The page at the width of its pane, scrolled to the selected signature."""
        image = getattr(self, "_image", None)
        if image is None:
            return
        bar_width = self.scroll.verticalScrollBar().sizeHint().width()
        width = max(200, self.scroll.width() - bar_width - 8)
        pix = QPixmap.fromImage(image)
        if pix.width() > width:
            pix = pix.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pix)
        self.preview.adjustSize()
        focus = self._focus
        if focus is not None:
            x, y = int(focus[0] * pix.width()), int(focus[1] * pix.height())
            bar = self.scroll.verticalScrollBar()
            bar.setRange(0, max(0, pix.height() - self.scroll.viewport().height()))
            bar.setValue(max(0, y - self.scroll.viewport().height() // 2))
            self.scroll.horizontalScrollBar().setValue(max(0, x - width // 2))
        else:
            self.scroll.verticalScrollBar().setValue(0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def closeEvent(self, event) -> None:
        self.ctx.runner.wait(10_000)
        super().closeEvent(event)


def _kind_label(sig: SignatureReport) -> str:
    if sig.kind == "timestamp":
        return "Dấu thời gian"
    name = sig.field_name or ""
    if name.startswith("ChuKyCoQuan"):
        return "Cơ quan (dấu)"
    if name.startswith("ChuKyNguoiKy"):
        return "Người ký"
    return "Chữ ký"


def signature_html(sig: SignatureReport) -> str:
    e = html.escape
    fg, _bg, border = VERDICT_COLOURS[sig.summary]
    rows: list[tuple[str, str]] = []
    if sig.error:
        rows.append(("Lỗi", sig.error))
    else:
        rows += [
            ("Người ký", sig.signer_name or "—"),
            ("Cơ quan", sig.signer_organisation or "—"),
            ("Tổ chức cấp chứng thư", sig.issuer or "—"),
            ("Số hiệu chứng thư", sig.serial or "—"),
            ("Hiệu lực chứng thư", f"từ {_when(sig.valid_from)} đến {_when(sig.valid_to)}"),
            ("Thời gian ký (theo máy người ký)", _when(sig.signing_time) or "—"),
        ]
        if sig.timestamp_time is not None:
            rows.append(("Dấu thời gian tin cậy", _when(sig.timestamp_time)))
        rows += [
            ("Thuật toán băm", _hash(sig.hash_algorithm) or "—"),
            (
                "Dữ liệu đã ký",
                "Nguyên vẹn"
                if sig.intact and sig.signature_valid
                else "KHÔNG KHỚP — nội dung đã bị sửa sau khi ký",
            ),
            ("Phạm vi", sig.changes_text),
            ("Chứng thư tin cậy", "Có" if sig.trusted else "Chưa"),
        ]
        if sig.basis:
            rows.append(("Căn cứ", sig.basis))
        if sig.revocation_note:
            rows.append(("Thu hồi", sig.revocation_note))
        for p in sig.trust_problems:
            rows.append(("Vấn đề chứng thư", p))
        for p in sig.key_usage_problems:
            rows.append(("Mục đích sử dụng khóa", p))
        if sig.test_certificate and not any("KIỂM THỬ" in p for p in sig.trust_problems):
            rows.append(("Lưu ý", "Đây là chứng thư KIỂM THỬ, không có giá trị pháp lý."))
    body = "".join(
        f"<tr><td style='color:#5b6370; padding-right:12px' valign='top'>{e(k)}</td>"
        f"<td>{e(v)}</td></tr>"
        for k, v in rows
    )
    return (
        f"<p style='font-size:13pt; font-weight:700; color:{fg}'>"
        f"<span style='color:{border}'>■</span> {e(sig.summary)}</p>"
        f"<p style='color:#5b6370'>Trường chữ ký: {e(sig.field_name)}</p>"
        f"<table cellspacing='0' cellpadding='3'>{body}</table>"
    )

"""Thiết lập ban đầu: a short Vietnamese wizard a new office meets at its first start (and finds
again in «Công cụ»): the issuing body, the place, the current term, the usual signers, the units.

The pages are a list (``PAGES``): each page loads its fields from an ``OfficeSetup`` and stores
them back, and names the fields of ``office_setup.check`` it answers for. A later page (for
example «dùng chung cơ sở dữ liệu trên máy chủ») is one more class appended to the list. The whole
setup is written by ``core.org.office_setup.apply`` in one transaction, on the background runner.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.org import office_setup
from ketluan_desktop.core.org.office_setup import OfficeSetup, SignerInput
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.widgets.date_field import DateField

SIGNER_ROWS = 4


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("hint")
    return label


class SetupPage(QWizardPage):
    """One page: ``load``/``store`` its part of the setup; ``FIELDS`` are the keys of
    ``office_setup.check`` it must satisfy before «Tiếp»."""

    FIELDS: tuple[str, ...] = ()

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.setup_wizard = wizard
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

    def load(self, setup: OfficeSetup) -> None:  # pragma: no cover - overridden
        pass

    def store(self, setup: OfficeSetup) -> None:  # pragma: no cover - overridden
        pass

    def validatePage(self) -> bool:  # Qt API name: «Tiếp» and «Hoàn tất» ask it
        setup = self.setup_wizard.collect()
        problems = [m for f, m in office_setup.check(setup) if f in self.FIELDS]
        try:
            self.check_fields()
        except KetLuanError as exc:  # a typed date that is not a date
            problems.append(exc.message)
        self.error.setText("\n".join(problems))
        self.error.setVisible(bool(problems))
        return not problems

    def check_fields(self) -> None:
        """Raise a ``KetLuanError`` for a field that cannot be read (a wrong date)."""


class WelcomePage(SetupPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Chào mừng đến với KếtLuận Desktop"))
        v = QVBoxLayout(self)
        v.addWidget(
            _hint(
                self.tr(
                    "Vài bước ngắn để khai báo văn phòng của mình: cơ quan ban hành, địa danh, "
                    "nhiệm kỳ hiện tại, những người thường ký văn bản và các đơn vị. Xong các bước "
                    "này là có thể soạn, ban hành và cấp số kết luận đầu tiên ngay.\n\n"
                    "Có thể bỏ qua và làm sau ở «Công cụ → Thiết lập ban đầu…», hoặc chọn «Tệp → "
                    "Nạp dữ liệu mẫu» để làm quen với một văn phòng mẫu."
                )
            )
        )
        v.addStretch(1)


class OfficePage(SetupPage):
    FIELDS = ("issuer_name", "symbol_code", "place_name")

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Cơ quan ban hành"))
        self.setSubTitle(self.tr("Tên và ký hiệu in trên mọi văn bản."))
        form = QFormLayout(self)
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText(self.tr("Đảng ủy Khối các cơ quan tỉnh"))
        self.symbol = QLineEdit()
        self.symbol.setPlaceholderText(self.tr("ĐUK — phần sau dấu «/» trong «105-KL/ĐUK»"))
        self.parent_name = QLineEdit()
        self.parent_name.setPlaceholderText(self.tr("Đảng bộ tỉnh Thái Nguyên"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Thái Nguyên"))
        self.office = QLineEdit()
        self.office.setPlaceholderText(self.tr("Văn phòng Đảng ủy Khối (nơi lưu văn bản)"))
        form.addRow(self.tr("Cơ quan &ban hành:"), self.issuer)
        form.addRow(self.tr("&Ký hiệu:"), self.symbol)
        form.addRow(self.tr("Cơ quan &cấp trên:"), self.parent_name)
        form.addRow(self.tr("Địa &danh:"), self.place)
        form.addRow(self.tr("&Văn phòng:"), self.office)
        form.addRow(self.error)
        self._symbol_typed = False
        self.symbol.textEdited.connect(lambda _t: setattr(self, "_symbol_typed", True))
        self.issuer.textChanged.connect(self._suggest_symbol)

    def _suggest_symbol(self, name: str) -> None:
        if not self._symbol_typed:
            self.symbol.setText(office_setup.suggest_symbol(name))

    def load(self, setup: OfficeSetup) -> None:
        self._symbol_typed = bool(setup.symbol_code)
        self.issuer.setText(setup.issuer_name)
        self.symbol.setText(setup.symbol_code)
        self.parent_name.setText(setup.parent_name)
        self.place.setText(setup.place_name)
        self.office.setText(setup.office_name)

    def store(self, setup: OfficeSetup) -> None:
        setup.issuer_name, setup.symbol_code = self.issuer.text(), self.symbol.text()
        setup.parent_name, setup.place_name = self.parent_name.text(), self.place.text()
        setup.office_name = self.office.text()


class TermPage(SetupPage):
    FIELDS = ("term",)

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Nhiệm kỳ hiện tại"))
        self.setSubTitle(self.tr("Số văn bản được đánh lại từ 01 trong mỗi khóa."))
        today = wizard.ctx.today()
        form = QFormLayout(self)
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("IX (số La Mã)"))
        self.start = DateField(what=self.tr("Ngày bắt đầu nhiệm kỳ"), today=today)
        self.end = DateField(what=self.tr("Ngày kết thúc nhiệm kỳ"), today=today)
        form.addRow(self.tr("&Khóa:"), self.label)
        form.addRow(self.tr("&Từ ngày:"), self.start)
        form.addRow(self.tr("Đế&n ngày:"), self.end)
        form.addRow(_hint(self.tr("Ngày kết thúc có thể để trống nếu chưa rõ.")))
        form.addRow(self.error)
        self.start.valueChanged.connect(self._natural_end)

    def _natural_end(self, start) -> None:
        if start is not None:
            self.end.natural = start.replace(year=start.year + 5)

    def load(self, setup: OfficeSetup) -> None:
        self.label.setText(setup.term_label)
        self.start.set_value(setup.term_start)
        self.end.set_value(setup.term_end)

    def store(self, setup: OfficeSetup) -> None:
        setup.term_label = self.label.text()
        setup.term_start, setup.term_end = self.start.understood(), self.end.understood()

    def check_fields(self) -> None:
        self.start.value()
        self.end.value()


class SignersPage(SetupPage):
    FIELDS = ("signers",)

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Người ký"))
        self.setSubTitle(self.tr("Những người thường ký văn bản của cơ quan."))
        grid = QGridLayout(self)
        for col, title in enumerate(
            (self.tr("Họ và tên"), self.tr("Chức vụ"), self.tr("Chức danh khi ký"), "")
        ):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.rows: list[tuple[QLineEdit, QLineEdit, QLineEdit, QRadioButton]] = []
        self.default_group = QButtonGroup(self)
        for r in range(SIGNER_ROWS):
            name, position, title = QLineEdit(), QLineEdit(), QLineEdit()
            if r == 0:
                name.setPlaceholderText(self.tr("Hoàng Thanh Hải"))
                position.setPlaceholderText(self.tr("Bí thư Đảng ủy Khối"))
            position.textChanged.connect(
                lambda text, t=title: t.setPlaceholderText(office_setup.suggest_title(text))
            )
            default = QRadioButton(self.tr("ký mặc định"))
            self.default_group.addButton(default, r)
            for col, w in enumerate((name, position, title, default)):
                grid.addWidget(w, r + 1, col)
            self.rows.append((name, position, title, default))
        self.rows[0][3].setChecked(True)
        grid.addWidget(
            _hint(self.tr("Chức danh khi ký để trống thì lấy theo chức vụ, ví dụ «BÍ THƯ».")),
            SIGNER_ROWS + 1,
            0,
            1,
            4,
        )
        grid.addWidget(self.error, SIGNER_ROWS + 2, 0, 1, 4)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)

    def load(self, setup: OfficeSetup) -> None:
        for r, (name, position, title, default) in enumerate(self.rows):
            s = setup.signers[r] if r < len(setup.signers) else SignerInput("")
            name.setText(s.full_name)
            position.setText(s.position)
            title.setText(s.signature_title)
            default.setChecked(r == setup.default_signer)

    def store(self, setup: OfficeSetup) -> None:
        setup.signers = [SignerInput(n.text(), p.text(), t.text()) for n, p, t, _d in self.rows]
        setup.default_signer = max(0, self.default_group.checkedId())


class UnitsPage(SetupPage):
    FIELDS = ("units",)

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Các đơn vị"))
        self.setSubTitle(self.tr("Các ban, đảng bộ cơ sở… được giao nhiệm vụ trong kết luận."))
        self.units_file: str | None = None
        v = QVBoxLayout(self)
        v.addWidget(QLabel(self.tr("Mỗi dòng một đơn vị:")))
        self.units = QPlainTextEdit()
        self.units.setPlaceholderText(
            self.tr("Văn phòng Đảng ủy Khối\nBan Tổ chức\nỦy ban Kiểm tra\nĐảng bộ Sở Y tế")
        )
        v.addWidget(self.units, 1)
        row = QHBoxLayout()
        self.from_excel = QPushButton(self.tr("Lấy từ tệp &Excel…"))
        self.from_excel.clicked.connect(self.choose_file)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        row.addWidget(self.from_excel)
        row.addWidget(self.file_label, 1)
        v.addLayout(row)
        v.addWidget(
            _hint(
                self.tr(
                    "Có thể bỏ trống và thêm sau ở «Công cụ → Cài đặt → Đơn vị». Bấm «Hoàn tất» "
                    "để lưu; sau đó chọn «Tệp → Văn bản mới → Kết luận» để soạn văn bản đầu tiên."
                )
            )
        )
        v.addWidget(self.error)

    def choose_file(self) -> None:
        path = dialogs.open_file(
            self,
            self.tr("Danh sách đơn vị từ Excel"),
            "units",
            self.tr("Bảng tính Excel (*.xlsx);;Mọi tệp (*)"),
        )
        if path:
            self.units_file = path
            self.file_label.setText(
                self.tr("Sẽ nhập thêm các đơn vị trong tệp «{name}».").format(name=Path(path).name)
            )

    def load(self, setup: OfficeSetup) -> None:
        self.units.setPlainText("\n".join(setup.units))
        self.units_file = setup.units_file

    def store(self, setup: OfficeSetup) -> None:
        setup.units = [line.strip() for line in self.units.toPlainText().splitlines()]
        setup.units_file = self.units_file


# The wizard's pages, in order. Another page (a shared server database…) is appended here.
PAGES: list[type[SetupPage]] = [WelcomePage, OfficePage, TermPage, SignersPage, UnitsPage]


class SetupWizard(QWizard):
    """The pages over one ``OfficeSetup``; «Hoàn tất» writes it in one transaction."""

    def __init__(
        self,
        ctx,
        setup: OfficeSetup,
        parent: QWidget | None = None,
        *,
        first_start: bool = False,
        pages: list[type[SetupPage]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setup = setup
        self.first_start = first_start
        self.saved = False
        self.setWindowTitle(self.tr("Thiết lập ban đầu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Bỏ qua"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Hoàn tất"))
        self.setMinimumWidth(720)
        self.setup_pages: list[SetupPage] = []
        for cls in pages or PAGES:
            page = cls(self)
            page.load(setup)
            self.setup_pages.append(page)
            self.addPage(page)

    def collect(self) -> OfficeSetup:
        for page in self.setup_pages:
            page.store(self.setup)
        return self.setup

    def accept(self) -> None:
        setup, now, db = self.collect(), self.ctx.now(), self.ctx.db
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)

        def work() -> None:
            with db.write_session() as s:
                office_setup.apply(s, setup, now=now)

        def done(_result) -> None:
            self.saved = True
            self.ctx.notify("settings", "units", "terms", "documents")
            if shiboken6.isValid(self):
                QWizard.accept(self)

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            if shiboken6.isValid(self):
                self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
            report_exception(exc, tb, self if shiboken6.isValid(self) else None)

        self.ctx.runner.run(work, done, failed)

    def reject(self) -> None:
        if self.first_start:  # «Bỏ qua» at the first start: not offered again

            def work() -> None:
                with self.ctx.db.write_session() as s:
                    office_setup.skip(s)

            self.ctx.runner.run(work)
        super().reject()


def open_setup(window, *, first_start: bool = False) -> None:
    """Read what is set up (background), then show the wizard over it."""
    ctx, today = window.ctx, window.ctx.today()

    def read() -> OfficeSetup:
        with ctx.db.session() as s:
            return office_setup.current(s, today=today)

    def show(setup: OfficeSetup) -> None:
        dialogs.exec_dialog(SetupWizard(ctx, setup, window, first_start=first_start))

    ctx.runner.run(read, show, window._failed)


def offer_at_start(window) -> None:
    """At start-up: a new office (no issuing body, setup neither done nor skipped) gets the wizard."""
    ctx = window.ctx

    def needed() -> bool:
        with ctx.db.session() as s:
            return office_setup.needs_setup(s)

    ctx.runner.run(needed, lambda yes: yes and open_setup(window, first_start=True))

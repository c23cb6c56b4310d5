"""Pieces of the import review screen: the header form, the side lists, the panel where the clerk
edits the task that is selected (its text for a split, the lead unit, the deadline)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.importer import ImportResult
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui.widgets.date_field import DateField

UNSURE_STYLE = "background-color: #fff4d6;"
FIGURE_LABELS = {
    "political_standard": "Kết luận tiêu chuẩn chính trị",
    "admission": "Kết nạp đảng viên",
    "official_membership": "Chuyển đảng chính thức",
    "card_new": "Cấp mới thẻ đảng viên",
    "card_reissue": "Cấp lại thẻ đảng viên",
    "travel_abroad": "Đi nước ngoài",
    "discipline": "Kỷ luật",
}


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ImportReviewDialog", text)


class HeaderPanel(QWidget):
    """The document's header fields and its meeting; fields the importer is unsure of are
    shaded."""

    def __init__(self, result: ImportResult, unsure: list[str], parent=None) -> None:
        super().__init__(parent)
        doc, meeting = result.document, result.meeting
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        g = QGroupBox(_t("Văn bản"))
        f = QFormLayout(g)
        self.type = QComboBox()
        for code, t in DOCUMENT_TYPES.items():
            self.type.addItem(f"{t.name} ({code})", code)
        self.type.setCurrentIndex(max(self.type.findData(doc.type or "KL"), 0))
        self.number = QLineEdit(doc.number_symbol or "")
        self.number.setPlaceholderText(_t("ví dụ 105-KL/ĐUK; để trống nếu chưa có số"))
        self.doc_date = DateField(doc.date, what=_t("Ngày văn bản"))
        self.place = QLineEdit(doc.place or "")
        self.issuer = QLineEdit(doc.issuer or "")
        self.parent_issuer = QLineEdit(doc.parent_issuer or "")
        self.subject = QLineEdit(doc.subject or "")
        for edit in (self.issuer, self.parent_issuer, self.subject):
            edit.setCursorPosition(0)
        shaded = {"type": self.type, "number_symbol": self.number, "date": self.doc_date,
                  "issuer": self.issuer}  # fmt: skip
        for name in unsure:
            if name in shaded:
                shaded[name].setStyleSheet(UNSURE_STYLE)
                shaded[name].setToolTip(_t("Không đọc được từ tệp; hãy điền hoặc kiểm tra."))
        f.addRow(_t("Loại:"), self.type)
        f.addRow(_t("Số, ký hiệu:"), self.number)
        f.addRow(_t("Ngày:"), self.doc_date)
        f.addRow(_t("Địa danh:"), self.place)
        f.addRow(_t("Cơ quan ban hành:"), self.issuer)
        f.addRow(_t("Cơ quan cấp trên:"), self.parent_issuer)
        f.addRow(_t("Trích yếu:"), self.subject)
        v.addWidget(g)
        self.meeting_box = QGroupBox(_t("Hội nghị"))
        self.meeting_box.setCheckable(True)
        self.meeting_box.setChecked(meeting is not None)
        mf = QFormLayout(self.meeting_box)
        self.m_body = QLineEdit(meeting.body if meeting and meeting.body else "")
        self.m_term = QLineEdit(meeting.term if meeting and meeting.term else "")
        self.m_term.setPlaceholderText(_t("ví dụ VIII"))
        self.m_session = QSpinBox()
        self.m_session.setRange(0, 999)
        self.m_session.setSpecialValueText("—")
        self.m_session.setValue(meeting.session or 0 if meeting else 0)
        self.m_extended = QCheckBox(_t("mở rộng"))
        self.m_extended.setChecked(bool(meeting and meeting.extended))
        self.m_date = DateField(meeting.date if meeting else None, what=_t("Ngày họp"))
        self.m_body.setCursorPosition(0)
        mf.addRow(_t("Cơ quan họp:"), self.m_body)
        mf.addRow(_t("Khóa:"), self.m_term)
        mf.addRow(_t("Lần thứ:"), self.m_session)
        mf.addRow("", self.m_extended)
        mf.addRow(_t("Ngày họp:"), self.m_date)
        v.addWidget(self.meeting_box)
        v.addStretch(1)


class SidePanel(QGroupBox):
    """Which register the document goes to: the office's own, or received from another body."""

    def __init__(self, incoming: bool, today: date, parent=None) -> None:
        super().__init__(_t("Vào sổ"), parent)
        v = QVBoxLayout(self)
        self.own = QRadioButton(_t("Văn bản của cơ quan mình (sổ văn bản đi)"))
        self.incoming = QRadioButton(_t("Văn bản của cơ quan khác gửi đến (sổ văn bản đến)"))
        (self.incoming if incoming else self.own).setChecked(True)
        row = QHBoxLayout()
        self.received_label = QLabel(_t("Ngày nhận:"))
        self.received = DateField(today, what=_t("Ngày nhận"), optional=False, today=today)
        self.received_label.setBuddy(self.received)
        self.track = QCheckBox(_t("Theo dõi các nhiệm vụ đã đánh dấu"))
        self.track.setChecked(True)
        row.addWidget(self.received_label)
        row.addWidget(self.received)
        row.addWidget(self.track, 1)
        v.addWidget(self.own)
        v.addWidget(self.incoming)
        v.addLayout(row)
        self.incoming.toggled.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        on = self.incoming.isChecked()
        for w in (self.received_label, self.received, self.track):
            w.setEnabled(on)

    @property
    def is_incoming(self) -> bool:
        return self.incoming.isChecked()


class TaskPanel(QGroupBox):
    """The block selected in the tree: its text (to split where the cursor is), lead unit and
    deadline when it is a task."""

    def __init__(self, units: list[tuple[int, str]], parent=None) -> None:
        super().__init__(_t("Dòng đang chọn"), parent)
        v = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_t("Nội dung dòng đang chọn"))
        self.text.setPlaceholderText(_t("Chọn một dòng trong nội dung để xem và tách."))
        self.split = QPushButton(_t("Tách tại con trỏ"))
        self.split.setToolTip(_t("Đặt con trỏ vào chỗ cần tách trong ô trên rồi bấm (Ctrl+T)."))
        self.unit = QComboBox()
        self.unit.setAccessibleName(_t("Đơn vị chủ trì"))
        self.unit.addItem(_t("(chưa giao)"), None)
        for unit_id, name in units:
            self.unit.addItem(name, unit_id)
        self.deadline = QLineEdit()
        self.deadline.setAccessibleName(_t("Thời hạn"))
        self.deadline.setPlaceholderText(_t("ví dụ 30/9/2026, quý III/2026, 6 tháng cuối năm"))
        form = QFormLayout()
        form.addRow(_t("Đơn vị chủ trì:"), self.unit)
        form.addRow(_t("Thời hạn:"), self.deadline)
        v.addWidget(self.text, 1)
        v.addWidget(self.split)
        v.addLayout(form)
        self.show_block(None, None, False)

    def show_block(self, text: str | None, plan, is_task: bool) -> None:
        self.text.setPlainText(text or "")
        self.split.setEnabled(bool(text))
        for w in (self.unit, self.deadline):
            w.setEnabled(is_task)
        self.unit.blockSignals(True)
        self.deadline.blockSignals(True)
        index = self.unit.findData(plan.lead_unit_id) if plan and plan.lead_unit_id else 0
        self.unit.setCurrentIndex(max(index, 0))
        self.deadline.setText((plan.deadline_text or "") if plan else "")
        self.deadline.setStyleSheet("")
        self.unit.blockSignals(False)
        self.deadline.blockSignals(False)


def side_tabs(result: ImportResult) -> QTabWidget:
    tabs = QTabWidget()

    def wrapping_list() -> QListWidget:
        lst = QListWidget()
        lst.setWordWrap(True)
        lst.setResizeMode(QListWidget.ResizeMode.Adjust)
        lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return lst

    cites = wrapping_list()
    for c in result.citations:
        label = f"{c.kind} số {c.number_symbol}" if c.number_symbol else (c.name or c.kind)
        extra = ", ".join(x for x in (format_date(c.date), c.issuer or "") if x)
        cites.addItem(f"{label}" + (f" — {extra}" if extra else ""))
    tabs.addTab(cites, _t("Viện dẫn ({n})").format(n=len(result.citations)))
    figs = wrapping_list()
    for fg in result.figures:
        kind = FIGURE_LABELS.get(fg.kind) or (
            _t("Huy hiệu {y} năm tuổi Đảng").format(y=fg.kind.split("_")[1])
            if fg.kind.startswith("badge_")
            else fg.kind
        )
        figs.addItem(f"{kind}: {fg.count} — «{fg.text}»")
    tabs.addTab(figs, _t("Số liệu ({n})").format(n=len(result.figures)))
    other = wrapping_list()
    for r in result.recipients:
        other.addItem(_t("Nơi nhận: {r}").format(r=r))
    if result.signer:
        s = result.signer
        other.addItem(
            _t("Người ký: {a} {t} {n}").format(a=s.authority or "", t=s.title or "", n=s.name or "")
        )
    for w in result.warnings:
        other.addItem(_t("Lưu ý: {w}").format(w=w))
    tabs.addTab(other, _t("Khác ({n})").format(n=len(result.warnings)))
    return tabs

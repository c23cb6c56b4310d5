"""The document's header fields: type, subject, title on the page, place, meeting, layout, numbering.

Every change is reported as (field, value) for the editor to push as an undo command; the form
redraws from the model, so undo brings the old value back into the field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QWidget,
)

from ketluan_desktop.core.documents.content import (
    DOCUMENT_STATUS_LABELS,
    DOCUMENT_TYPES,
    DocumentStatus,
)
from ketluan_desktop.core.documents.draft import Draft
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui.documents.block_edit import BlockEdit, LineEdit

NUMBERING_LABELS = {"arabic": "1, 2, 3…", "roman": "I, II, III…", "manual": "Tự ghi số"}
GREETING_TYPES = ("CV", "TTr")


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("HeaderForm", text)


class HeaderForm(QWidget):
    fieldEdited = Signal(str, object)
    undoRequested = Signal()
    redoRequested = Signal()
    editRefused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headerForm")
        self._updating = False
        self._build_fields()
        self._lay_out()
        self._connect()

    def _build_fields(self) -> None:
        self.type_combo = QComboBox()
        for t in DOCUMENT_TYPES.values():
            self.type_combo.addItem(f"{t.name} ({t.code})" if t.code != "CV" else t.name, t.code)
        self.type_combo.setAccessibleName(_t("Loại văn bản"))
        self.number_label = QLabel()
        self.number_label.setObjectName("numberLabel")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subject = BlockEdit()
        self.subject.highlighter.enabled = False
        self.subject.setAccessibleName(_t("Trích yếu"))
        self.subject.setPlaceholderText(_t("Trích yếu: «về …», hoặc tên hội nghị của kết luận"))
        self.subject.setObjectName("subjectEdit")
        self.title = LineEdit()
        self.title.setPlaceholderText(_t("Theo loại văn bản"))
        self.title.setAccessibleName(_t("Tên loại trên trang"))
        self.draft_label = LineEdit()
        self.draft_label.setPlaceholderText(_t("DỰ THẢO (hoặc «Dự thảo lần 2»)"))
        self.draft_label.setAccessibleName(_t("Dấu dự thảo"))
        self.place = LineEdit()
        self.place.setAccessibleName(_t("Địa danh"))
        self.place.setPlaceholderText(_t("Ví dụ: Thái Nguyên"))
        self.date_label = QLabel()
        self.greeting = LineEdit()
        self.greeting.setAccessibleName(_t("Kính gửi"))
        self.greeting.setPlaceholderText(
            _t("Các đơn vị nhận, ví dụ: Các tổ chức cơ sở đảng trực thuộc")
        )
        self.greeting_label = QLabel(_t("Kính gửi:"))
        self.meeting_combo = QComboBox()
        self.meeting_combo.setAccessibleName(_t("Hội nghị"))
        self.meeting_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.meeting_combo.setMinimumContentsLength(20)
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName(_t("Mẫu trình bày"))
        self.numbering_combo = QComboBox()
        for key, label in NUMBERING_LABELS.items():
            self.numbering_combo.addItem(label, key)
        self.numbering_combo.setAccessibleName(_t("Đánh số mục"))
        self.issuer_label = QLabel()
        self.issuer_label.setWordWrap(True)
        self.issuer_label.setObjectName("issuerLabel")

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 8)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)

        def label(text: str, buddy: QWidget) -> QLabel:
            lab = QLabel(text)
            lab.setBuddy(buddy)
            return lab

        grid.addWidget(label(_t("&Loại văn bản:"), self.type_combo), 0, 0)
        grid.addWidget(self.type_combo, 0, 1)
        grid.addWidget(QLabel(_t("Số, ký hiệu:")), 0, 2)
        grid.addWidget(self.number_label, 0, 3)
        grid.addWidget(label(_t("&Trích yếu:"), self.subject), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.subject, 1, 1, 1, 3)
        grid.addWidget(label(_t("Tên loại trên trang:"), self.title), 2, 0)
        grid.addWidget(self.title, 2, 1)
        grid.addWidget(label(_t("Dấu dự thảo:"), self.draft_label), 2, 2)
        grid.addWidget(self.draft_label, 2, 3)
        grid.addWidget(label(_t("Địa danh:"), self.place), 3, 0)
        grid.addWidget(self.place, 3, 1)
        grid.addWidget(QLabel(_t("Ngày ban hành:")), 3, 2)
        grid.addWidget(self.date_label, 3, 3)
        self.greeting_label.setBuddy(self.greeting)
        grid.addWidget(self.greeting_label, 4, 0)
        grid.addWidget(self.greeting, 4, 1, 1, 3)
        grid.addWidget(label(_t("&Hội nghị:"), self.meeting_combo), 5, 0)
        grid.addWidget(self.meeting_combo, 5, 1)
        grid.addWidget(label(_t("Mẫu trình bày:"), self.profile_combo), 5, 2)
        grid.addWidget(self.profile_combo, 5, 3)
        grid.addWidget(label(_t("Đánh số mục:"), self.numbering_combo), 6, 0)
        grid.addWidget(self.numbering_combo, 6, 1)
        grid.addWidget(self.issuer_label, 6, 2, 1, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def _connect(self) -> None:
        self.type_combo.activated.connect(
            lambda _i: self._emit("type_code", self.type_combo.currentData())
        )
        self.subject.edited.connect(lambda text, *_: self._emit("subject", text))
        self.subject.undoRequested.connect(self.undoRequested)
        self.subject.redoRequested.connect(self.redoRequested)
        self.subject.editRefused.connect(self.editRefused)
        for name, edit in (
            ("title", self.title),
            ("draft_label", self.draft_label),
            ("place", self.place),
            ("greeting", self.greeting),
        ):
            edit.textEdited.connect(lambda text, n=name: self._emit(n, text))
            edit.undoRequested.connect(self.undoRequested)
            edit.redoRequested.connect(self.redoRequested)
            edit.editRefused.connect(self.editRefused)
        self.meeting_combo.activated.connect(
            lambda _i: self._emit("meeting_id", self.meeting_combo.currentData())
        )
        self.profile_combo.activated.connect(
            lambda _i: self._emit("layout_profile_id", self.profile_combo.currentData())
        )
        self.numbering_combo.activated.connect(
            lambda _i: self._emit("numbering", self.numbering_combo.currentData())
        )

    def tab_order(self) -> list[QWidget]:
        return [
            self.type_combo, self.subject, self.title, self.draft_label, self.place,
            self.greeting, self.meeting_combo, self.profile_combo, self.numbering_combo,
        ]  # fmt: skip

    def _emit(self, name: str, value: Any) -> None:
        if not self._updating:
            self.fieldEdited.emit(name, value)

    def set_choices(self, meetings: list[tuple[int, str]], profiles: list[tuple[int, str]]) -> None:
        self._updating = True
        try:
            self.meeting_combo.clear()
            self.meeting_combo.addItem(_t("(không gắn với hội nghị)"), None)
            for mid, label in meetings:
                self.meeting_combo.addItem(label, mid)
            self.profile_combo.clear()
            self.profile_combo.addItem(_t("Mẫu mặc định"), None)
            for pid, label in profiles:
                self.profile_combo.addItem(label, pid)
        finally:
            self._updating = False

    def set_number_hint(self, text: str) -> None:
        self.number_label.setText(text)

    def show_draft(self, draft: Draft, field: str | None = None) -> None:
        """Redraw one field (or all of them) from the draft."""
        self._updating = True
        try:
            if field in (None, "type_code"):
                self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(draft.type_code)))
                t = DOCUMENT_TYPES.get(draft.type_code)
                self.title.setPlaceholderText(
                    _t("Theo loại văn bản: {title}").format(title=t.title)
                    if t and t.title
                    else _t("Công văn không ghi tên loại")
                )
                visible = draft.type_code in GREETING_TYPES or bool(draft.greeting)
                self.greeting.setVisible(visible)
                self.greeting_label.setVisible(visible)
            if field in (None, "subject") and self.subject.text() != (draft.subject or ""):
                self.subject.set_content(draft.subject or "", [])
            for name, edit in (
                ("title", self.title),
                ("draft_label", self.draft_label),
                ("place", self.place),
                ("greeting", self.greeting),
            ):
                if field in (None, name) and edit.text() != (getattr(draft, name) or ""):
                    edit.setText(getattr(draft, name) or "")
            if field in (None, "meeting_id"):
                self.meeting_combo.setCurrentIndex(
                    max(0, self.meeting_combo.findData(draft.meeting_id))
                )
            if field in (None, "layout_profile_id"):
                self.profile_combo.setCurrentIndex(
                    max(0, self.profile_combo.findData(draft.layout_profile_id))
                )
            if field in (None, "numbering"):
                self.numbering_combo.setCurrentIndex(
                    max(0, self.numbering_combo.findData(draft.numbering))
                )
            if field is None:
                self.date_label.setText(
                    format_date(draft.doc_date)
                    if draft.doc_date and draft.status != "draft"
                    else _t("ghi khi ban hành")
                )
                issuer = " — ".join(x for x in (draft.issuer, draft.parent_issuer) if x)
                status = DOCUMENT_STATUS_LABELS[DocumentStatus(draft.status)]
                self.issuer_label.setText(
                    _t("Cơ quan ban hành: {issuer} · Trạng thái: {status}").format(
                        issuer=issuer or _t("chưa khai báo (Công cụ → Cài đặt)"), status=status
                    )
                )
        finally:
            self._updating = False

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.subject, self.title, self.draft_label, self.place, self.greeting):
            w.setReadOnly(read_only)
        # Hints about what to type mean nothing on a document that can no longer change.
        self.draft_label.setPlaceholderText(
            "" if read_only else _t("DỰ THẢO (hoặc «Dự thảo lần 2»)")
        )
        if read_only:
            self.title.setPlaceholderText("")
        for c in (self.type_combo, self.meeting_combo, self.profile_combo, self.numbering_combo):
            c.setEnabled(not read_only)

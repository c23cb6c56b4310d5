"""Nhập văn bản: what the importer found, for the user to check and correct before anything is saved.

The user may fix the header fields and the meeting, rename a wrongly read section heading, untick a
bullet that is not a task; nothing reaches the database until "Lưu" — and then all in one transaction.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.importer import ImportResult, TaskRef
from ketluan_desktop.core.text import clean
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.ui.widgets.date_field import DateField

ROLE_TASK = Qt.ItemDataRole.UserRole + 1
FIGURE_LABELS = {
    "political_standard": "Kết luận tiêu chuẩn chính trị",
    "admission": "Kết nạp đảng viên",
    "official_membership": "Chuyển đảng chính thức",
    "card_new": "Cấp mới thẻ đảng viên",
    "card_reissue": "Cấp lại thẻ đảng viên",
    "travel_abroad": "Đi nước ngoài",
    "discipline": "Kỷ luật",
}


class ImportReviewDialog(QDialog):
    def __init__(self, result: ImportResult, source_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = result
        self.setWindowTitle(
            self.tr("Nhập văn bản — kiểm tra trước khi lưu: {name}").format(name=source_name)
        )
        self.resize(1180, 760)
        v = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Hãy kiểm tra những gì đã đọc được từ tệp. Có thể sửa thông tin văn bản, hội nghị, "
                "tên mục; bỏ đánh dấu những gạch đầu dòng không phải là nhiệm vụ. Chưa có gì được "
                "lưu cho đến khi bấm «Lưu»."
            )
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        if result.source.converted_from:
            note = QLabel(
                self.tr("Tệp dùng bảng mã cũ {enc}; đã chuyển sang Unicode.").format(
                    enc=result.source.converted_from
                )
            )
            note.setStyleSheet("color: #8a6d00;")
            v.addWidget(note)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._header_panel())
        split.addWidget(self._body_panel())
        split.addWidget(self._side_panel())
        split.setSizes([340, 470, 370])
        v.addWidget(split, 1)

        self.summary = QLabel()
        v.addWidget(self.summary)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("Lưu vào cơ sở dữ liệu")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.tree.itemChanged.connect(self._update_summary)
        self._update_summary()

    # -- panels -------------------------------------------------------------------------------
    def _header_panel(self) -> QWidget:
        doc, meeting = self.result.document, self.result.meeting
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        g = QGroupBox(self.tr("Văn bản"))
        f = QFormLayout(g)
        self.type = QComboBox()
        for code, t in DOCUMENT_TYPES.items():
            self.type.addItem(f"{t.name} ({code})", code)
        self.type.setCurrentIndex(max(self.type.findData(doc.type or "KL"), 0))
        self.number = QLineEdit(doc.number_symbol or "")
        self.number.setPlaceholderText(self.tr("ví dụ 105-KL/ĐUK; để trống nếu chưa có số"))
        self.doc_date = DateField(doc.date, what=self.tr("Ngày văn bản"))
        self.place = QLineEdit(doc.place or "")
        self.issuer = QLineEdit(doc.issuer or "")
        self.parent_issuer = QLineEdit(doc.parent_issuer or "")
        self.subject = QLineEdit(doc.subject or "")
        for edit in (self.issuer, self.parent_issuer, self.subject):
            edit.setCursorPosition(0)
        f.addRow(self.tr("Loại:"), self.type)
        f.addRow(self.tr("Số, ký hiệu:"), self.number)
        f.addRow(self.tr("Ngày:"), self.doc_date)
        f.addRow(self.tr("Địa danh:"), self.place)
        f.addRow(self.tr("Cơ quan ban hành:"), self.issuer)
        f.addRow(self.tr("Cơ quan cấp trên:"), self.parent_issuer)
        f.addRow(self.tr("Trích yếu:"), self.subject)
        v.addWidget(g)

        self.meeting_box = QGroupBox(self.tr("Hội nghị"))
        self.meeting_box.setCheckable(True)
        self.meeting_box.setChecked(meeting is not None)
        mf = QFormLayout(self.meeting_box)
        self.m_body = QLineEdit(meeting.body if meeting and meeting.body else "")
        self.m_term = QLineEdit(meeting.term if meeting and meeting.term else "")
        self.m_term.setPlaceholderText(self.tr("ví dụ VIII"))
        self.m_session = QSpinBox()
        self.m_session.setRange(0, 999)
        self.m_session.setSpecialValueText("—")
        self.m_session.setValue(meeting.session or 0 if meeting else 0)
        self.m_extended = QCheckBox(self.tr("mở rộng"))
        self.m_extended.setChecked(bool(meeting and meeting.extended))
        self.m_date = DateField(meeting.date if meeting else None, what=self.tr("Ngày họp"))
        self.m_body.setCursorPosition(0)
        mf.addRow(self.tr("Cơ quan họp:"), self.m_body)
        mf.addRow(self.tr("Khóa:"), self.m_term)
        mf.addRow(self.tr("Lần thứ:"), self.m_session)
        mf.addRow("", self.m_extended)
        mf.addRow(self.tr("Ngày họp:"), self.m_date)
        v.addWidget(self.meeting_box)
        v.addStretch(1)
        return box

    def _body_panel(self) -> QWidget:
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("Nội dung (bấm đúp vào tên mục để sửa; đánh dấu ô = nhiệm vụ)")]
        )
        self.tree.setWordWrap(True)
        task_keys = {(t.section_index, t.block_index) for t in self.result.tasks}
        for si, s in enumerate(self.result.sections):
            title = " ".join(x for x in (f"{s.number}." if s.number else "", s.heading or "") if x)
            top = QTreeWidgetItem([title or self.tr("(Phần mở đầu)")])
            top.setData(0, Qt.ItemDataRole.UserRole, si)
            if s.heading is not None:
                top.setFlags(top.flags() | Qt.ItemFlag.ItemIsEditable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for bi, b in enumerate(s.blocks):
                prefix = "- " if b.kind == "bullet" else ""
                child = QTreeWidgetItem([prefix + b.display_text()])
                child.setToolTip(0, b.display_text())
                child.setData(0, ROLE_TASK, (si, bi))
                if b.kind != "paragraph" or (si, bi) in task_keys:
                    child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    checked = (si, bi) in task_keys
                    child.setCheckState(
                        0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    )
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        return self.tree

    def _side_panel(self) -> QWidget:
        tabs = QTabWidget()

        def wrapping_list() -> QListWidget:
            lst = QListWidget()
            lst.setWordWrap(True)
            lst.setResizeMode(QListWidget.ResizeMode.Adjust)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            return lst

        cites = wrapping_list()
        for c in self.result.citations:
            label = f"{c.kind} số {c.number_symbol}" if c.number_symbol else (c.name or c.kind)
            extra = ", ".join(x for x in (format_date(c.date), c.issuer or "") if x)
            cites.addItem(f"{label}" + (f" — {extra}" if extra else ""))
        tabs.addTab(cites, self.tr("Viện dẫn ({n})").format(n=len(self.result.citations)))
        figs = wrapping_list()
        for fg in self.result.figures:
            kind = FIGURE_LABELS.get(fg.kind) or (
                self.tr("Huy hiệu {y} năm tuổi Đảng").format(y=fg.kind.split("_")[1])
                if fg.kind.startswith("badge_")
                else fg.kind
            )
            figs.addItem(f"{kind}: {fg.count} — «{fg.text}»")
        tabs.addTab(figs, self.tr("Số liệu ({n})").format(n=len(self.result.figures)))
        other = wrapping_list()
        for r in self.result.recipients:
            other.addItem(self.tr("Nơi nhận: {r}").format(r=r))
        if self.result.signer:
            s = self.result.signer
            other.addItem(
                self.tr("Người ký: {a} {t} {n}").format(
                    a=s.authority or "", t=s.title or "", n=s.name or ""
                )
            )
        for w in self.result.warnings:
            other.addItem(self.tr("Lưu ý: {w}").format(w=w))
        tabs.addTab(other, self.tr("Khác"))
        return tabs

    def _update_summary(self, *_args) -> None:
        self.summary.setText(
            self.tr("{s} mục, {t} nhiệm vụ được chọn, {c} văn bản viện dẫn, {f} số liệu.").format(
                s=len(self.result.sections),
                t=len(self.checked_tasks()),
                c=len(self.result.citations),
                f=len(self.result.figures),
            )
        )

    # -- result -------------------------------------------------------------------------------
    def checked_tasks(self) -> list[tuple[int, int]]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                if (child.flags() & Qt.ItemFlag.ItemIsUserCheckable) and child.checkState(
                    0
                ) == Qt.CheckState.Checked:
                    out.append(child.data(0, ROLE_TASK))
        return out

    def accept(self) -> None:
        """Typed dates are checked before the dialog closes (nothing is saved yet)."""
        for field in (self.doc_date, self.m_date):
            if field.isEnabled() and field.error():
                from ketluan_desktop.ui import dialogs

                dialogs.show_error(self, field.error())
                field.setFocus()
                return
        super().accept()

    def corrected(self) -> ImportResult:
        """The importer's result with the user's corrections applied."""
        r = self.result
        d = r.document
        d.type = self.type.currentData()
        d.number_symbol = clean(self.number.text()) or None
        d.date = self.doc_date.value()
        d.place = clean(self.place.text()) or None
        d.issuer = clean(self.issuer.text()) or None
        d.parent_issuer = clean(self.parent_issuer.text()) or None
        d.subject = clean(self.subject.text()) or None
        if self.meeting_box.isChecked():
            from ketluan_desktop.core.importer.result import MeetingInfo

            m = r.meeting or MeetingInfo()
            m.body = clean(self.m_body.text()) or None
            m.term = clean(self.m_term.text()) or None
            m.session = self.m_session.value() or None
            m.extended = self.m_extended.isChecked()
            m.date = self.m_date.value()
            r.meeting = m
        else:
            r.meeting = None
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            si = top.data(0, Qt.ItemDataRole.UserRole)
            section = r.sections[si]
            if section.heading is not None:
                text = top.text(0)
                prefix = f"{section.number}." if section.number else ""
                if prefix and text.startswith(prefix):
                    text = text[len(prefix) :]
                section.heading = clean(text) or section.heading
        chosen = self.checked_tasks()
        r.tasks = [
            TaskRef(r.sections[si].number, si, bi, r.sections[si].blocks[bi].text)
            for si, bi in chosen
        ]
        return r

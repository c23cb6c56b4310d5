"""Nhập văn bản: what the importer found and how sure it is, for the clerk to check and correct
before anything is saved.

The clerk may fix the header fields and the meeting, rename a heading or change its level, tick
or untick tasks, merge two tasks or split one where the cursor is, give each task its lead unit
and deadline, and choose the register (own document, or received from another body). Nothing
reaches the database until «Lưu» — and then all in one transaction (``import_flow``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.importer import ImportResult, editing
from ketluan_desktop.core.importer.result import MeetingInfo
from ketluan_desktop.core.tasks.deadlines import parse_deadline
from ketluan_desktop.core.text import clean
from ketluan_desktop.ui.importing.review_panels import (
    HeaderPanel,
    SidePanel,
    TaskPanel,
    side_tabs,
)

ROLE_SECTION = Qt.ItemDataRole.UserRole
ROLE_TASK = Qt.ItemDataRole.UserRole + 1
LEVEL_LABELS = {
    editing.LEVEL_PART: "Phần (I, II…)",
    editing.LEVEL_ITEM: "Mục (1, 2…) thuộc phần trên",
    editing.LEVEL_TEXT: "Không phải tiêu đề (gộp vào mục trên)",
}
CONFIDENCE_COLOURS = {"cao": "#1b6e20", "trung bình": "#8a6d00", "thấp": "#b00020"}


class ImportReviewDialog(QDialog):
    def __init__(
        self,
        result: ImportResult,
        source_name: str,
        parent: QWidget | None = None,
        *,
        units: list[tuple[int, str]] | None = None,
        incoming: bool = False,
        today: date | None = None,
    ):
        super().__init__(parent)
        self.result = result
        self.marks = editing.TaskMarks.from_result(result)
        self.sure = editing.confidence(result)
        self._building = False
        self._today = today or date.today()
        self.setWindowTitle(
            self.tr("Nhập văn bản — kiểm tra trước khi lưu: {name}").format(name=source_name)
        )
        self._fit_to_screen()
        v = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Hãy kiểm tra những gì đã đọc được từ tệp. Có thể sửa thông tin văn bản, hội nghị, "
                "tên và cấp của mục; đánh dấu nhiệm vụ, gộp hoặc tách nhiệm vụ, giao đơn vị và "
                "thời hạn. Chưa có gì được lưu cho đến khi bấm «Lưu»."
            )
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        v.addWidget(self._confidence_label())
        self.side = SidePanel(incoming, self._today)
        v.addWidget(self.side)

        self._build_panels(result, units, v)

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
        self._connect()
        self._build_tree()

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1240, 800
        if screen is not None:  # at 150 % a 1240-pixel dialog would leave the screen
            width, height = (
                min(width, int(screen.width() * 0.95)),
                min(height, int(screen.height() * 0.9)),
            )
        self.resize(width, height)

    def _build_panels(
        self, result: ImportResult, units: list[tuple[int, str]] | None, v: QVBoxLayout
    ) -> None:
        self.header = HeaderPanel(result, self.sure.unsure_fields)
        for name in (
            "type",
            "number",
            "doc_date",
            "place",
            "issuer",
            "parent_issuer",
            "subject",
            "meeting_box",
            "m_body",
            "m_term",
            "m_session",
            "m_extended",
            "m_date",
        ):
            setattr(self, name, getattr(self.header, name))  # fmt: skip
        self.task_panel = TaskPanel(units or [])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.header)
        split.addWidget(self._body_panel())
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.task_panel)
        right.addWidget(side_tabs(result))
        split.addWidget(right)
        split.setSizes([330, 540, 370])
        v.addWidget(split, 1)

    # -- layout -------------------------------------------------------------------------------
    def _confidence_label(self) -> QLabel:
        s = self.sure
        why = "; ".join(s.reasons) if s.reasons else self.tr("đọc được đủ các phần chính")
        label = QLabel(
            self.tr("Độ tin cậy của kết quả đọc: {label} ({score}/100) — {why}.").format(
                label=s.label, score=s.score, why=why
            )
        )
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {CONFIDENCE_COLOURS[s.label]}; font-weight: 600;")
        self.confidence_label = label
        return label

    def _body_panel(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Cấp của mục đang chọn"))
        for key, label in LEVEL_LABELS.items():
            self.level.addItem(self.tr(label), key)
        self.level.setEnabled(False)
        self.merge = QPushButton(self.tr("Gộp nhiệm vụ"))
        self.merge.setToolTip(self.tr("Chọn hai dòng trở lên trong cùng mục (Ctrl+bấm) rồi bấm."))
        tools.addWidget(QLabel(self.tr("Cấp:")))
        tools.addWidget(self.level, 1)
        tools.addWidget(self.merge)
        v.addLayout(tools)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("Nội dung (bấm đúp vào tên mục để sửa; đánh dấu ô = nhiệm vụ)")]
        )
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        v.addWidget(self.tree, 1)
        return box

    def _connect(self) -> None:
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.level.activated.connect(self._level_chosen)
        self.merge.clicked.connect(self.merge_selected)
        self.task_panel.split.clicked.connect(self.split_current)
        self.task_panel.unit.currentIndexChanged.connect(self._plan_changed)
        self.task_panel.deadline.editingFinished.connect(self._plan_changed)
        QShortcut(QKeySequence("Ctrl+M"), self, activated=self.merge_selected)
        QShortcut(QKeySequence("Ctrl+T"), self, activated=self.split_current)

    def _build_tree(self, select: tuple[int, int | None] | None = None) -> None:
        self._building = True
        self.tree.clear()
        chosen = None
        for si, s in enumerate(self.result.sections):
            title = " ".join(x for x in (f"{s.number}." if s.number else "", s.heading or "") if x)
            top = QTreeWidgetItem([title or self.tr("(Phần mở đầu)")])
            top.setData(0, ROLE_SECTION, si)
            if s.heading is not None:
                top.setFlags(top.flags() | Qt.ItemFlag.ItemIsEditable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            if s.level == "arabic":
                top.setToolTip(0, self.tr("Mục thuộc phần ở trên"))
            for bi, b in enumerate(s.blocks):
                prefix = "- " if b.kind == "bullet" else ""
                child = QTreeWidgetItem([prefix + b.display_text()])
                child.setToolTip(0, b.display_text())
                child.setData(0, ROLE_TASK, (si, bi))
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                state = Qt.CheckState.Checked if self.marks.is_task(b) else Qt.CheckState.Unchecked
                child.setCheckState(0, state)
                top.addChild(child)
                if select == (si, bi):
                    chosen = child
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
            if select == (si, None):
                chosen = top
        self._building = False
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._selection_changed()
        self._update_summary()

    # -- what is selected ---------------------------------------------------------------------
    def _current_block(self) -> tuple[int, int] | None:
        item = self.tree.currentItem()
        key = item.data(0, ROLE_TASK) if item is not None else None
        return tuple(key) if key is not None else None

    def _selection_changed(self) -> None:
        if self._building:
            return
        item = self.tree.currentItem()
        si = item.data(0, ROLE_SECTION) if item is not None else None
        self.level.setEnabled(si is not None)
        if si is not None:
            self.level.setCurrentIndex(
                self.level.findData(editing.section_level(self.result.sections[si]))
            )
        key = self._current_block()
        if key is None:
            self.task_panel.show_block(None, None, False)
            return
        block = self.result.sections[key[0]].blocks[key[1]]
        is_task = self.marks.is_task(block)
        self.task_panel.show_block(block.text, self.marks.plan(block) if is_task else None, is_task)

    def _item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._building:
            return
        key = item.data(0, ROLE_TASK)
        if key is not None:
            block = self.result.sections[key[0]].blocks[key[1]]
            self.marks.mark(block, item.checkState(0) == Qt.CheckState.Checked)
            if item is self.tree.currentItem():
                self._selection_changed()
        self._update_summary()

    def _plan_changed(self, *_args) -> None:
        key = self._current_block()
        if key is None:
            return
        block = self.result.sections[key[0]].blocks[key[1]]
        if not self.marks.is_task(block):
            return
        plan = self.marks.plan(block)
        plan.lead_unit_id = self.task_panel.unit.currentData()
        written = clean(self.task_panel.deadline.text()) or None
        try:
            found = parse_deadline(written, today=self._today)
        except KetLuanError as exc:
            self.task_panel.deadline.setStyleSheet("background-color: #fde0e0;")
            self._say(exc.message.rstrip("."))
            return
        self.task_panel.deadline.setStyleSheet("")
        plan.deadline, plan.deadline_text = found.date, written

    # -- editing ------------------------------------------------------------------------------
    def _sync_headings(self) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            section = self.result.sections[top.data(0, ROLE_SECTION)]
            if section.heading is not None:
                text = top.text(0)
                prefix = f"{section.number}." if section.number else ""
                if prefix and text.startswith(prefix):
                    text = text[len(prefix) :]
                section.heading = clean(text) or section.heading

    def _level_chosen(self, _index: int) -> None:
        item = self.tree.currentItem()
        si = item.data(0, ROLE_SECTION) if item is not None else None
        if si is None:
            return
        self._sync_headings()
        level = self.level.currentData()
        try:
            editing.set_level(self.result, self.marks, si, level)
        except ValueError as exc:
            self._say(str(exc))
            return
        self._build_tree(select=(si - 1, None) if level == editing.LEVEL_TEXT else (si, None))

    def merge_selected(self) -> None:
        picks = [tuple(it.data(0, ROLE_TASK)) for it in self.tree.selectedItems()
                 if it.data(0, ROLE_TASK) is not None]  # fmt: skip
        self._sync_headings()
        try:
            editing.merge_blocks(self.result, self.marks, picks)
        except ValueError as exc:
            self._say(str(exc))
            return
        first = min(picks)
        self._build_tree(select=(first[0], first[1]))

    def split_current(self) -> None:
        key = self._current_block()
        if key is None:
            self._say(self.tr("chọn một dòng trong nội dung trước"))
            return
        self._sync_headings()
        at = self.task_panel.text.textCursor().position()
        try:
            editing.split_block(self.result, self.marks, key[0], key[1], at)
        except ValueError as exc:
            self._say(str(exc))
            return
        self._build_tree(select=key)

    def _say(self, message: str) -> None:
        self.summary.setText(self.tr("Chưa làm được: {m}.").format(m=message))

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
        return [(t.section_index, t.block_index) for t in self.marks.task_refs(self.result)
                if t.block_index is not None]  # fmt: skip

    def task_plans(self) -> list[editing.TaskPlan]:
        """The lead unit and deadline of each task, in the order of ``corrected().tasks``."""
        return self.marks.plans_in_order(self.result)

    @property
    def is_incoming(self) -> bool:
        return self.side.is_incoming

    @property
    def received_date(self) -> date:
        return self.side.received.value() or self._today

    @property
    def track_tasks(self) -> bool:
        return self.side.track.isChecked()

    def accept(self) -> None:
        """Typed dates are checked before the dialog closes (nothing is saved yet)."""
        for field in (self.doc_date, self.m_date, self.side.received):
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
            m = r.meeting or MeetingInfo()
            m.body = clean(self.m_body.text()) or None
            m.term = clean(self.m_term.text()) or None
            m.session = self.m_session.value() or None
            m.extended = self.m_extended.isChecked()
            m.date = self.m_date.value()
            r.meeting = m
        else:
            r.meeting = None
        self._sync_headings()
        r.tasks = self.marks.task_refs(r)
        return r

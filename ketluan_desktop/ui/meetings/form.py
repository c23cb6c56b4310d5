"""The form of one meeting: body, term, session, date and place, chair and secretary, attendance
(members present or absent with a reason, invited guests, totals), agenda items and the documents
that came out of it."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import time

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import NotFoundError
from ketluan_desktop.core.meetings import records as meeting_service
from ketluan_desktop.core.meetings.records import AgendaData, AttendanceData, MeetingData
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.meetings.form_committee import CommitteeAdder
from ketluan_desktop.ui.meetings.form_read import FormChoices, FormRead, read_form
from ketluan_desktop.ui.meetings.form_staged import StagedBuild
from ketluan_desktop.ui.meetings.models import AgendaModel, AttendanceModel, ComboDelegate
from ketluan_desktop.ui.menu_button import menu_button
from ketluan_desktop.ui.style import set_text_role
from ketluan_desktop.ui.vietnamese_marks import row_height
from ketluan_desktop.ui.widgets.date_field import DateField


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("MeetingForm", text)


class MeetingForm(StagedBuild, QWidget):
    saved = Signal(int)
    deleted = Signal()
    openDocument = Signal(int)
    newDocument = Signal(str, int)

    def __init__(self, ctx, parent: QWidget | None = None, *, staged: bool = False) -> None:
        """``staged``: only begun; ``build_next`` builds it a group of widgets at a time."""
        super().__init__(parent)
        self.ctx = ctx
        self.data = MeetingData()
        self._dirty = False
        self._loading = False
        self._name: str | None = None  # the meeting's name as last read, for the title
        self._writing = False  # a save or delete is on the runner: the form is off meanwhile
        self._committee = CommitteeAdder(self)
        self._parts = self._build_parts(ctx)
        if not staged:
            self.finish()

    def _build_parts(self, ctx):
        """The form's widgets, one group per step (``build_next``)."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 4, 0)
        self._build_title_bar(outer)
        self._build_details_box(ctx, outer)
        yield
        self._build_attendance_box(outer)
        self._build_agenda_box(outer)
        yield
        self._build_documents_box(outer)
        self._wire()
        self._tab_order()
        self._fill_templates_menu()

    def _build_title_bar(self, outer: QVBoxLayout) -> None:
        self.title = QLabel()
        set_text_role(self.title, "heading")
        self.title.setWordWrap(True)
        self.delete_button = QPushButton(_t("Xóa hội nghị"))
        self.revert_button = QPushButton(_t("Hủy thay đổi"))
        self.save_button = QPushButton(_t("&Lưu hội nghị"))
        self.save_button.setDefault(True)
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setToolTip(_t("Lưu hội nghị (Ctrl+S)"))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.delete_button)
        top.addWidget(self.revert_button)
        top.addWidget(self.save_button)
        outer.addLayout(top)

    def _build_details_box(self, ctx, outer: QVBoxLayout) -> None:
        info = QGroupBox(_t("Cơ quan họp, thời gian, địa điểm"))
        grid = QGridLayout(info)
        grid.setHorizontalSpacing(10)
        self.body = QComboBox()
        self.body.setEditable(True)
        self.body.setAccessibleName(_t("Cơ quan họp"))
        self.body_full = QLineEdit()
        self.body_full.setAccessibleName(_t("Tên đầy đủ của cơ quan họp"))
        self.body_full.setPlaceholderText(_t("Ví dụ: Ban Chấp hành Đảng bộ Khối các cơ quan tỉnh"))
        self.term = QComboBox()
        self.term.setAccessibleName(_t("Nhiệm kỳ"))
        self.session = QSpinBox()
        self.session.setRange(0, 999)
        self.session.setSpecialValueText(_t("—"))
        self.session.setAccessibleName(_t("Kỳ họp thứ"))
        self.extended = QCheckBox(_t("Hội nghị &mở rộng"))
        self.date = DateField(what=_t("Ngày họp"), optional=False, today=ctx.today())
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(_t("Giờ bắt đầu"))
        self.place = QLineEdit()
        self.place.setAccessibleName(_t("Địa điểm"))
        self.chair = QComboBox()
        self.chair.setEditable(True)
        self.chair.setAccessibleName(_t("Chủ trì"))
        self.secretary = QComboBox()
        self.secretary.setEditable(True)
        self.secretary.setAccessibleName(_t("Thư ký hội nghị"))
        self.notes = QLineEdit()
        self.notes.setAccessibleName(_t("Ghi chú"))

        def add(row, col, text, widget, span=1):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, col)
            grid.addWidget(widget, row, col + 1, 1, span)

        add(0, 0, _t("&Cơ quan họp:"), self.body)
        add(0, 2, _t("&Nhiệm kỳ:"), self.term)
        add(1, 0, _t("Tên đầy đủ:"), self.body_full, 3)
        add(2, 0, _t("&Kỳ họp thứ:"), self.session)
        grid.addWidget(self.extended, 2, 2, 1, 2)
        add(3, 0, _t("Ngà&y họp:"), self.date)
        add(3, 2, _t("&Giờ:"), self.time)
        add(4, 0, _t("Đị&a điểm:"), self.place, 3)
        add(5, 0, _t("Chủ &trì:"), self.chair)
        add(5, 2, _t("T&hư ký:"), self.secretary)
        add(6, 0, _t("Ghi chú:"), self.notes, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        outer.addWidget(info)

    def _build_attendance_box(self, outer: QVBoxLayout) -> None:
        att = QGroupBox(_t("Thành phần dự họp"))
        av = QVBoxLayout(att)
        self.attendance = AttendanceModel(self)
        self.attendance_view = QTableView()
        self.attendance_view.setModel(self.attendance)
        self.attendance_view.setAccessibleName(_t("Thành phần dự họp"))
        self._setup_table(self.attendance_view, stretch=AttendanceModel.NAME)
        self.attendance_view.setItemDelegateForColumn(
            AttendanceModel.ROLE,
            ComboDelegate(lambda: [("member", _t("Ủy viên")), ("guest", _t("Khách mời"))], self),
        )
        self.attendance_view.setColumnWidth(AttendanceModel.POSITION, 230)
        self.attendance_view.setColumnWidth(AttendanceModel.ROLE, 90)
        self.attendance_view.setColumnWidth(AttendanceModel.PRESENT, 80)
        self.attendance_view.setColumnWidth(AttendanceModel.REASON, 140)
        self.attendance_view.setMinimumHeight(230)
        av.addWidget(self.attendance_view)
        row = QHBoxLayout()
        self.last_added = 0  # members the last «Thêm ủy viên theo danh sách» added
        self.add_members = QPushButton(_t("Thêm ủy viên theo danh sách"))
        self.add_person = QPushButton(_t("Thêm người dự"))
        self.add_guest = QPushButton(_t("Thêm khách mời"))
        self.remove_person = QPushButton(_t("Xóa dòng"))
        for b in (self.add_members, self.add_person, self.add_guest, self.remove_person):
            row.addWidget(b)
        row.addStretch(1)
        av.addLayout(row)
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        av.addWidget(self.totals)
        outer.addWidget(att, 3)

    def _build_agenda_box(self, outer: QVBoxLayout) -> None:
        agenda = QGroupBox(_t("Nội dung hội nghị"))
        gv = QVBoxLayout(agenda)
        self.agenda = AgendaModel(self)
        self.agenda_view = QTableView()
        self.agenda_view.setModel(self.agenda)
        self.agenda_view.setAccessibleName(_t("Nội dung hội nghị"))
        self._setup_table(self.agenda_view, stretch=AgendaModel.TITLE)
        self.agenda_view.setColumnWidth(AgendaModel.APPROVED, 100)
        self.agenda_view.setColumnWidth(AgendaModel.DOCUMENT, 220)
        self.agenda_view.setWordWrap(True)
        self.agenda_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.agenda_view.setMinimumHeight(120)
        self._linkable: list[tuple[int | None, str]] = []
        self.agenda_view.setItemDelegateForColumn(
            AgendaModel.DOCUMENT, ComboDelegate(lambda: self._linkable, self)
        )
        gv.addWidget(self.agenda_view)
        row = QHBoxLayout()
        self.add_item = QPushButton(_t("Thêm nội dung"))
        self.remove_item = QPushButton(_t("Xóa nội dung"))
        self.item_up = QToolButton()
        self.item_up.setText("↑")
        self.item_up.setToolTip(_t("Chuyển lên"))
        self.item_down = QToolButton()
        self.item_down.setText("↓")
        self.item_down.setToolTip(_t("Chuyển xuống"))
        for b in (self.add_item, self.remove_item, self.item_up, self.item_down):
            row.addWidget(b)
        row.addStretch(1)
        gv.addLayout(row)
        outer.addWidget(agenda, 2)

    def _build_documents_box(self, outer: QVBoxLayout) -> None:
        docs = QGroupBox(_t("Văn bản của hội nghị"))
        dv = QHBoxLayout(docs)
        self.documents = QListWidget()
        self.documents.setAccessibleName(_t("Văn bản của hội nghị"))
        self.documents.setMaximumHeight(90)
        dv.addWidget(self.documents, 1)
        dcol = QVBoxLayout()
        self.open_doc = QPushButton(_t("Mở văn bản"))
        self.new_doc = menu_button(_t("Soạn văn bản mới"))
        dcol.addWidget(self.open_doc)
        dcol.addWidget(self.new_doc)
        dcol.addStretch(1)
        dv.addLayout(dcol)
        outer.addWidget(docs, 1)

    @staticmethod
    def _setup_table(view: QTableView, *, stretch: int) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(max(24, row_height(view.font())))
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.setTabKeyNavigation(False)

    def _wire(self) -> None:
        for w in (self.body_full, self.place, self.notes):
            w.textEdited.connect(self._touch)
        for c in (self.body, self.chair, self.secretary):
            c.editTextChanged.connect(self._touch)
        self.body.activated.connect(self._body_chosen)
        self.term.activated.connect(self._touch)
        self.session.valueChanged.connect(self._touch)
        self.extended.toggled.connect(self._touch)
        self.date.valueChanged.connect(self._touch)
        self.time.timeChanged.connect(self._touch)
        self.attendance.edited.connect(self._attendance_changed)
        self.agenda.edited.connect(self._touch)
        self.add_members.clicked.connect(self.add_committee_members)
        self.add_person.clicked.connect(lambda: self._add_attendee("member"))
        self.add_guest.clicked.connect(lambda: self._add_attendee("guest"))
        self.remove_person.clicked.connect(
            lambda: self.attendance.remove(self.attendance_view.currentIndex().row())
        )
        self.add_item.clicked.connect(self._add_agenda_item)
        self.remove_item.clicked.connect(
            lambda: self.agenda.remove(self.agenda_view.currentIndex().row())
        )
        self.item_up.clicked.connect(lambda: self._move_item(-1))
        self.item_down.clicked.connect(lambda: self._move_item(1))
        self.save_button.clicked.connect(lambda: self.save())  # not the click's «checked»
        self.revert_button.clicked.connect(self.revert)
        self.delete_button.clicked.connect(self.delete)
        self.open_doc.clicked.connect(self._open_selected)
        self.documents.itemActivated.connect(
            lambda item: self.openDocument.emit(item.data(Qt.ItemDataRole.UserRole))
        )

    def eventFilter(self, obj, event) -> bool:
        # Tab leaves a date or time field (Qt would walk its day/month/year sections first).
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.focusNextPrevChild(forward)
            return True
        return super().eventFilter(obj, event)

    def _tab_order(self) -> None:
        for w in (self.date, self.time):
            w.installEventFilter(self)
        chain = [
            self.body, self.term, self.body_full, self.session, self.extended, self.date,
            self.time, self.place, self.chair, self.secretary, self.notes,
            self.attendance_view, self.add_members, self.add_person, self.add_guest,
            self.remove_person, self.agenda_view, self.add_item, self.remove_item, self.item_up,
            self.item_down, self.documents, self.open_doc, self.new_doc, self.save_button,
            self.revert_button, self.delete_button,
        ]  # fmt: skip
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _fill_templates_menu(self) -> None:
        from ketluan_desktop.core.documents import templates

        menu = self.new_doc.menu()
        for t in templates.list_templates():
            menu.addAction(
                t.name, lambda code=t.type_code: self.newDocument.emit(code, self.data.id or 0)
            )

    # ------------------------------------------------------------------ loading
    def _show_choices(self, choices: FormChoices) -> None:
        self._loading = True
        try:
            self.body.clear()
            self.body.addItems(choices.bodies)
            self.term.clear()
            self.term.addItem(_t("(chưa chọn)"), None)
            for tid, label in choices.terms:
                self.term.addItem(label, tid)
            for c in (self.chair, self.secretary):
                c.clear()
                c.addItems(choices.people)
        finally:
            self._loading = False

    def load(self, meeting_id: int | None, then: Callable[[], None] | None = None) -> None:
        """Read the meeting (None: a new one) and the boxes' choices on the runner's thread; the
        form is off (nothing editable, Save off) until they have arrived, then shows them and
        calls ``then``. A meeting asked for meanwhile wins: this answer is dropped."""
        self._dirty = False
        self.setEnabled(False)
        ctx, today, tz = self.ctx, self.ctx.today(), self.ctx.now().tzinfo

        def work() -> FormRead:
            with ctx.db.session() as s:
                return read_form(s, meeting_id, today=today, tz=tz)

        def arrived(found: FormRead) -> None:
            if not shiboken6.isValid(self):
                return
            self._show_read(found)
            if then is not None:
                then()

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            alive = shiboken6.isValid(self)
            if alive:
                self.title.setText(
                    _t("Chưa đọc được hội nghị — hãy chọn lại hội nghị trong danh sách.")
                )
            if isinstance(exc, NotFoundError):  # deleted on another workstation meanwhile
                exc = NotFoundError(
                    _t(
                        "Không còn hội nghị này (có thể vừa bị xóa ở máy khác). Hãy chọn hội nghị "
                        "khác trong danh sách hoặc thêm hội nghị mới."
                    )
                )
            report_exception(exc, tb, self if alive else None)

        ctx.runner.query(("meeting-form", id(self)), work, arrived, failed)

    def _show_read(self, found: FormRead) -> None:
        meeting_id = found.meeting_id
        self._show_choices(found.choices)
        self._linkable = [(None, _t("(chưa liên kết)")), *found.linkable]
        self._name = found.name
        self.show_data(found.data)
        self.documents.clear()
        for doc_id, number, _code, subject, status in found.documents:
            item = QListWidgetItem(f"{number or _t('Dự thảo')} — {subject} ({status.lower()})")
            item.setData(Qt.ItemDataRole.UserRole, doc_id)
            self.documents.addItem(item)
        self.setEnabled(True)
        self.open_doc.setEnabled(bool(found.documents))
        self.new_doc.setEnabled(meeting_id is not None)
        self.delete_button.setEnabled(meeting_id is not None)
        self.new_doc.setToolTip(
            "" if meeting_id else _t("Lưu hội nghị trước khi soạn văn bản của hội nghị.")
        )

    def show_data(self, data: MeetingData) -> None:
        self._loading = True
        try:
            self.data = data
            self.body.setEditText(data.body)
            self.body_full.setText(data.body_full or "")
            self.term.setCurrentIndex(max(0, self.term.findData(data.term_id)))
            self.session.setValue(data.session_number or 0)
            self.extended.setChecked(data.extended)
            self.date.set_value(data.meeting_date)
            t = data.starts_at or time(8, 0)
            self.time.setTime(QTime(t.hour, t.minute))
            self.place.setText(data.place or "")
            self.chair.setEditText(data.chair or "")
            self.secretary.setEditText(data.secretary or "")
            self.notes.setText(data.notes or "")
            self.attendance.set_items(data.attendance)
            self.agenda.documents = {k: v for k, v in self._linkable if k}
            self.agenda.set_items(data.agenda)
            self._dirty = False
        finally:
            self._loading = False
        self._update_title()
        self._update_totals()

    def _update_title(self) -> None:
        if self.data.id is None or self._name is None:
            self.title.setText(_t("Hội nghị mới"))
            return
        self.title.setText(self._name + (_t(" — có thay đổi chưa lưu") if self._dirty else ""))

    def _update_totals(self) -> None:
        self.totals.setText(meeting_service.totals(self.attendance.items).sentence())

    # ------------------------------------------------------------------ editing
    @property
    def dirty(self) -> bool:
        """Edits not yet saved (those being written are not asked about again)."""
        return self._dirty and not self._writing

    def _touch(self, *_args) -> None:
        if self._loading:
            return
        if not self._dirty:
            self._dirty = True
            self._update_title()

    def _attendance_changed(self) -> None:
        self._update_totals()
        self._touch()

    def _body_chosen(self, _index: int) -> None:
        self._touch()
        db, body = self.ctx.db, self.body.currentText()

        def work() -> str | None:
            with db.session() as s:
                return meeting_service.default_body_full(s, body)

        def arrived(full: str | None) -> None:
            if full and shiboken6.isValid(self) and self.body.currentText() == body:
                self.body_full.setText(full)

        self.ctx.runner.query(("meeting-body-full", id(self)), work, arrived)

    def add_committee_members(self) -> None:
        self._committee.start()

    def _add_attendee(self, role: str) -> None:
        if role == "guest" and not self.extended.isChecked():
            self.extended.setChecked(True)
        label = _t("Khách mời mới") if role == "guest" else _t("Người dự mới")
        row = self.attendance.append(AttendanceData(name=label, role=role))
        index = self.attendance.index(row, AttendanceModel.NAME)
        self.attendance_view.setCurrentIndex(index)
        self.attendance_view.edit(index)

    def _add_agenda_item(self) -> None:
        row = self.agenda.append(AgendaData(title=_t("Dự thảo Báo cáo …")))
        index = self.agenda.index(row, AgendaModel.TITLE)
        self.agenda_view.setCurrentIndex(index)
        self.agenda_view.edit(index)

    def _move_item(self, delta: int) -> None:
        row = self.agenda.move(self.agenda_view.currentIndex().row(), delta)
        self.agenda_view.setCurrentIndex(self.agenda.index(row, AgendaModel.TITLE))

    def _open_selected(self) -> None:
        item = self.documents.currentItem() or self.documents.item(0)
        if item is not None:
            self.openDocument.emit(item.data(Qt.ItemDataRole.UserRole))

    def collect(self) -> MeetingData:
        d = self.data
        t = self.time.time()
        return MeetingData(
            body=self.body.currentText().strip(),
            body_full=self.body_full.text().strip() or None,
            term_id=self.term.currentData(),
            term_label=d.term_label,
            session_number=self.session.value() or None,
            extended=self.extended.isChecked(),
            meeting_date=self.date.value(),
            starts_at=time(t.hour(), t.minute()),
            place=self.place.text().strip() or None,
            chair=self.chair.currentText().strip() or None,
            secretary=self.secretary.currentText().strip() or None,
            title=d.title,
            notes=self.notes.text().strip() or None,
            attendance=list(self.attendance.items),
            agenda=list(self.agenda.items),
            id=d.id,
            version=d.version,
        )

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Write the form on the runner's thread, the form off until it is over (a second click
        cannot save twice); then the meeting read afresh, ``saved`` emitted and ``then`` called.
        A refusal is said and the form comes back as it was typed."""
        if self._committee.save_after(then):
            return  # the committee's rows are on their way: the save goes once they are in
        view = self.attendance_view
        if view.state() == QAbstractItemView.State.EditingState:
            view.setCurrentIndex(QModelIndex())  # commit the cell being typed in
        data, ctx = self.collect(), self.ctx
        now = ctx.now()

        def work() -> None:
            with ctx.db.write_session() as s:
                meeting_service.save(s, data, now=now)

        def done(_result) -> None:
            ctx.notify("meetings")
            if not shiboken6.isValid(self):
                return
            self._writing = False
            self.data, self._dirty = data, False  # before the screens reload on the notification
            meeting_id = data.id
            assert meeting_id is not None
            self.load(meeting_id)
            self.saved.emit(meeting_id)
            if then is not None:
                then()

        self._writing = True
        self.setEnabled(False)
        ctx.runner.run(work, done, self._write_failed)

    def _write_failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        alive = shiboken6.isValid(self)
        if alive:
            self._writing = False
            self.setEnabled(True)
        report_exception(exc, tb, self if alive else None)

    def revert(self) -> None:
        self.load(self.data.id)

    def delete(self) -> None:
        if self.data.id is None:
            return
        if not dialogs.ask_yes_no(
            self, _t("Xóa hội nghị này cùng thành phần dự họp và nội dung? Các văn bản vẫn giữ.")
        ):
            return
        ctx, meeting_id, now = self.ctx, self.data.id, self.ctx.now()

        def work() -> None:
            with ctx.db.write_session() as s:
                meeting_service.delete(s, meeting_id, now=now)

        def done(_result) -> None:
            ctx.notify("meetings")
            if shiboken6.isValid(self):
                self._writing = False
                self.setEnabled(True)
                self.deleted.emit()

        self._writing = True
        self.setEnabled(False)  # until it is written: one delete per click
        ctx.runner.run(work, done, self._write_failed)

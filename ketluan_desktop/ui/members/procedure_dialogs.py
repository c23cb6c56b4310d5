"""A procedure: recording a new one (for a member, or for a candidate not yet in the list), editing
its fields, and moving it to the next step with the date and the values that step needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError, ValidationError
from ketluan_desktop.core.members import member_list, procedure_kinds, procedure_queries
from ketluan_desktop.core.members import procedures as proc_service
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.member_checks import GENDERS, MemberData
from ketluan_desktop.core.members.models import ProcedureStatus
from ketluan_desktop.core.members.procedure_kinds import KINDS, FieldSpec
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.dialog_jobs import RunnerDialog
from ketluan_desktop.ui.members.widgets import MemberPicker
from ketluan_desktop.ui.widgets.date_field import DateField
from ketluan_desktop.ui.workers import answer_to


def field_widget(f: FieldSpec, value: Any) -> tuple[QWidget, Callable[[], Any]]:
    """An input for one field of a procedure kind, and how to read it back."""
    if f.type == "date":
        w = DateField(value, what=f.label)
        return w, w.value
    if f.type == "bool":
        w = QCheckBox(f.label)
        w.setChecked(bool(value))
        return w, w.isChecked
    if f.type in ("choice", "years"):
        w = QComboBox()
        w.addItem("—", None)
        for c in f.choices:
            w.addItem(f"{c} năm" if f.type == "years" else str(c), c)
        if f.free:
            w.setEditable(True)
        idx = w.findData(value)
        if idx >= 0:
            w.setCurrentIndex(idx)
        elif value and f.free:
            w.setEditText(str(value))

        def read() -> Any:
            if f.free:
                text = w.currentText().strip()
                return None if text in ("", "—") else text
            return w.currentData()

        return w, read
    if f.type == "longtext":
        w = QPlainTextEdit(value or "")
        w.setMaximumHeight(70)
        return w, w.toPlainText
    if f.type == "countries":
        w = QLineEdit(", ".join(value or []))
        w.setPlaceholderText("Nhật Bản, Hàn Quốc")
        return w, w.text
    w = QLineEdit(value or "")
    if f.hint:
        w.setPlaceholderText(f.hint)
    return w, w.text


def set_widget_value(w: QWidget, value: Any) -> None:
    if isinstance(w, DateField):
        w.set_value(value)
    elif isinstance(w, QCheckBox):
        w.setChecked(bool(value))
    elif isinstance(w, QComboBox):
        idx = w.findData(value)
        if idx >= 0:
            w.setCurrentIndex(idx)
        else:
            w.setEditText(str(value))
    elif isinstance(w, QPlainTextEdit):
        w.setPlainText(str(value))
    elif isinstance(w, QLineEdit):
        w.setText(", ".join(value) if isinstance(value, (list, tuple)) else str(value or ""))


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Hủy"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ProcedureDialog(RunnerDialog):
    """New (``procedure_id`` None) or edit. A new one may come with the member and kind chosen."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        procedure_id: int | None = None,
        member_id: int | None = None,
        kind: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.procedure_id = procedure_id
        self.member_id = member_id
        self.saved_id: int | None = None
        self.version: int | None = None
        self._readers: dict[str, Callable[[], Any]] = {}
        values: dict[str, Any] = {}
        self.orgs: list = []  # the grassroots organisations, once read
        known = procedure_id is not None or member_id is not None
        member_label = self.tr("Đang đọc hồ sơ…") if known else None
        self.setWindowTitle(
            self.tr("Thủ tục mới")
            if procedure_id is None
            else self.tr("Sửa thủ tục mã {id}").format(id=procedure_id)
        )
        self.setMinimumWidth(640)
        v = QVBoxLayout(self)
        top = QFormLayout()
        self.kind = QComboBox()
        for k, ks in KINDS.items():
            self.kind.addItem(ks.label, k)
        if kind:
            self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.kind.setEnabled(procedure_id is None)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        top.addRow(self.tr("Loại thủ tục:"), self.kind)
        v.addLayout(top)

        self._build_who_box(member_label, v)

        self.fields_box = QGroupBox(self.tr("Nội dung"))
        self.fields_form = QFormLayout(self.fields_box)
        v.addWidget(self.fields_box)
        self._build_bottom_form(ctx, procedure_id, "", v)
        self.error = _error_label()
        v.addWidget(self.error)
        self.buttons = _buttons(self, self.tr("Lưu") if procedure_id else self.tr("Tiếp nhận"))
        v.addWidget(self.buttons)
        self._values = values
        self._kind_changed()
        db = ctx.db

        def work():
            with db.session() as s:
                orgs = member_service.grassroots_organisations(s)
                if procedure_id is not None:
                    d = procedure_queries.detail(s, procedure_id)
                    label = f"{d.member_name} — {d.organisation or ''}"
                    return orgs, label, (d.kind, d.values, d.notes or "", d.version, d.member_id)
                if member_id is not None:
                    m = member_service.get(s, member_id)
                    return orgs, f"{m.full_name} — {member_service.status_label(m.status)}", None
                return orgs, None, None

        # What the dialog shows read on the runner's thread; its fields and OK off until then.
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        fields = [self.who] if procedure_id is None else [self.fields_box, self.notes]
        self.read(work, self._show, [*fields, ok])

    def _show(self, found) -> None:
        self.orgs, label, edited = found
        if label is not None:
            self.member_label.setText(label)
        if self.picker is not None:
            for o in self.orgs:
                self.c_org.addItem(o.name, o.id)
        if edited is not None:
            kind, self._values, notes, self.version, self.member_id = edited
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
            self.kind.blockSignals(False)
            self.notes.setPlainText(notes)
            self._kind_changed()

    def _build_who_box(self, member_label: str | None, v: QVBoxLayout) -> None:
        self.who = QGroupBox(self.tr("Đảng viên / quần chúng"))
        wv = QVBoxLayout(self.who)
        if member_label is not None:
            self.member_label = QLabel(member_label)
            wv.addWidget(self.member_label)
            self.picker = None
        else:
            mode = QHBoxLayout()
            self.existing = QRadioButton(self.tr("Người đã có hồ sơ"))
            self.new_candidate = QRadioButton(self.tr("Quần chúng chưa có hồ sơ"))
            self.existing.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(self.existing)
            group.addButton(self.new_candidate)
            mode.addWidget(self.existing)
            mode.addWidget(self.new_candidate)
            mode.addStretch(1)
            wv.addLayout(mode)
            self.picker = MemberPicker(self._search)
            wv.addWidget(self.picker)
            self.candidate_box = QWidget()
            cf = QFormLayout(self.candidate_box)
            cf.setContentsMargins(0, 0, 0, 0)
            self.c_name = QLineEdit()
            self.c_gender = QComboBox()
            for gname in GENDERS:
                self.c_gender.addItem(gname, gname)
            self.c_birth = DateField(None, what=self.tr("Ngày sinh"), natural=date(1990, 1, 1))
            self.c_org = QComboBox()
            self.c_org.addItem(self.tr("— chọn —"), None)
            self.c_position = QLineEdit()
            cf.addRow(self.tr("Họ và tên:"), self.c_name)
            cf.addRow(self.tr("Giới tính:"), self.c_gender)
            cf.addRow(self.tr("Ngày sinh:"), self.c_birth)
            cf.addRow(self.tr("Tổ chức cơ sở đảng:"), self.c_org)
            cf.addRow(self.tr("Chức vụ, cơ quan:"), self.c_position)
            wv.addWidget(self.candidate_box)
            self.existing.toggled.connect(self._mode_changed)
        v.addWidget(self.who)

    def _build_bottom_form(
        self, ctx: AppContext, procedure_id: int | None, notes: str, v: QVBoxLayout
    ) -> None:
        bottom = QFormLayout()
        self.received_on = DateField(ctx.today(), what=self.tr("Ngày tiếp nhận"), today=ctx.today())
        self.received_on.setEnabled(procedure_id is None)
        if procedure_id is None:
            bottom.addRow(self.tr("Ngày tiếp nhận:"), self.received_on)
        self.notes = QPlainTextEdit(notes)
        self.notes.setMaximumHeight(60)
        bottom.addRow(self.tr("Ghi chú:"), self.notes)
        v.addLayout(bottom)

    def _search(self, text: str, limit: int, show) -> None:
        """Only the people this kind of procedure is for (candidates for an admission …), read
        on the runner's thread; a newer search drops this one's answer."""
        statuses, db = KINDS[self.current_kind()].member_statuses, self.ctx.db

        def work():
            with db.session() as s:
                return member_list.list_members(s, text=text, limit=limit, statuses=statuses)

        self.ctx.runner.query(("procedure-member-search", id(self)), work, answer_to(self, show))

    def current_kind(self) -> str:
        return self.kind.currentData()

    def _mode_changed(self) -> None:
        if self.picker is None:
            return
        candidate = self.new_candidate.isChecked()
        self.picker.setVisible(not candidate)
        self.candidate_box.setVisible(candidate)

    def _kind_changed(self) -> None:
        ks = KINDS[self.current_kind()]
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self._readers.clear()
        self.widgets = {}
        for f in ks.fields:
            # A new procedure asks for what reception needs; later fields come with their steps.
            if self.procedure_id is None and f.asked_at not in (
                None,
                ProcedureStatus.RECEIVED.value,
            ):
                continue
            w, read = field_widget(f, self._values.get(f.key))
            if f.hint:
                w.setToolTip(f.hint)
            self._readers[f.key] = read
            self.widgets[f.key] = w
            if f.type == "bool":
                self.fields_form.addRow("", w)
            else:
                self.fields_form.addRow(f.label + ":", w)
        self.fields_box.setVisible(bool(self._readers))
        if self.picker is not None:
            self.picker.refresh()
            self.new_candidate.setEnabled(ks.allows_candidate)
            if not ks.allows_candidate:
                self.existing.setChecked(True)
            self._mode_changed()

    def values(self) -> dict[str, Any]:
        return {key: read() for key, read in self._readers.items()}

    def set_value(self, key: str, value: Any) -> None:
        """Fill one field (tests, and callers that already know a value)."""
        set_widget_value(self.widgets[key], value)

    def accept(self) -> None:
        """Written on the runner's thread (the buttons off meanwhile); accepted once written. A
        refusal is said in the dialog, which stays open as typed."""
        procedure_id, version, now = self.procedure_id, self.version, self.ctx.now()
        try:
            values, notes, kind = self.values(), self.notes.toPlainText(), self.current_kind()
            candidate, member_id, received = self._who()
        except KetLuanError as exc:
            self._refused(exc)
            return
        db = self.ctx.db

        def work() -> int:
            with db.write_session() as s:
                if procedure_id is not None:
                    return proc_service.update(
                        s, procedure_id, values, expected_version=version, now=now, notes=notes
                    ).id
                assert received is not None
                return proc_service.create(
                    s, kind, member_id=member_id, candidate=candidate, values=values,
                    received_on=received, notes=notes, now=now,
                ).id  # fmt: skip

        def done(saved_id: int) -> None:
            self.saved_id = saved_id
            QDialog.accept(self)

        self.write(work, done, self._refused, [self.buttons], notify=("procedures", "members"))

    def _who(self) -> tuple[MemberData | None, int | None, date | None]:
        """A new procedure's person (a candidate typed, or a member picked) and reception day."""
        candidate, member_id = None, self.member_id
        if self.procedure_id is not None:
            return candidate, member_id, None
        if self.picker is not None:
            if self.new_candidate.isChecked():
                candidate = MemberData(
                    full_name=self.c_name.text(),
                    gender=self.c_gender.currentData(),
                    birth_date=self.c_birth.value(),
                    organisation_id=self.c_org.currentData(),
                    position=self.c_position.text(),
                )
            else:
                member_id = self.picker.member_id()
        received = self.received_on.value()
        if received is None:
            raise ValidationError("Hãy ghi ngày tiếp nhận.")
        return candidate, member_id, received

    def _refused(self, exc: KetLuanError) -> None:
        self.error.setText(exc.message)
        self.error.show()


class StepDialog(RunnerDialog):
    """Move a procedure to ``to_status``: the date it happened, the values that step needs, a note."""

    def __init__(
        self, ctx: AppContext, procedure_id: int, to_status: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.procedure_id = procedure_id
        self.to_status = to_status
        self.version: int | None = None
        self.setWindowTitle(self._title(None))
        v = QVBoxLayout(self)
        self.intro = QLabel(self.tr("Đang đọc thủ tục mã {id}…").format(id=procedure_id))
        self.intro.setWordWrap(True)
        v.addWidget(self.intro)
        self.form = QFormLayout()
        self.on_date = DateField(ctx.today(), what=self.tr("Ngày"), today=ctx.today())
        self.form.addRow(self.tr("Ngày:"), self.on_date)
        self._readers: dict[str, Callable[[], Any]] = {}
        self.widgets: dict[str, QWidget] = {}
        self.note = QLineEdit()
        self.note.setPlaceholderText(
            self.tr("Lý do không duyệt")
            if to_status == ProcedureStatus.REJECTED.value
            else self.tr("Ghi chú (nếu có)")
        )
        self.form.addRow(self.tr("Ghi chú:"), self.note)
        v.addLayout(self.form)
        self.error = _error_label()
        v.addWidget(self.error)
        self.buttons = _buttons(self, procedure_kinds.status_label(to_status))
        v.addWidget(self.buttons)
        db = ctx.db

        def work():
            with db.session() as s:
                return procedure_queries.detail(s, procedure_id)

        # The procedure read on the runner's thread; its step's fields come with it, OK off till then.
        self.read(work, self._show, [self.buttons.button(QDialogButtonBox.StandardButton.Ok)])

    def _title(self, kind_label: str | None) -> str:
        return self.tr("{kind}: chuyển sang «{status}»").format(
            kind=kind_label or self.tr("Thủ tục"),
            status=procedure_kinds.status_label(self.to_status),
        )

    def _show(self, d) -> None:
        self.version = d.version
        ks = KINDS[d.kind]
        self.setWindowTitle(self._title(ks.label))
        # Wide enough for its title ("Cấp lại thẻ đảng viên: chuyển sang «Đã duyệt»"), which the
        # window manager otherwise cuts in the middle, where the step is named.
        title_room = self.fontMetrics().horizontalAdvance(self.windowTitle()) + 200
        self.setMinimumWidth(max(520, title_room))
        self.intro.setText(
            self.tr("{name} — thủ tục mã {id}, đang ở bước «{status}».").format(
                name=d.member_name or "", id=d.id, status=d.status_label
            )
        )
        row = 1  # after the date, before the note
        for f in ks.fields:
            if f.asked_at != self.to_status:
                continue
            w, read = field_widget(f, d.values.get(f.key))
            self._readers[f.key] = read
            self.widgets[f.key] = w
            self.form.insertRow(row, f.label + ":", w)
            row += 1

    def values(self) -> dict[str, Any]:
        return {key: read() for key, read in self._readers.items()}

    def set_value(self, key: str, value: Any) -> None:
        set_widget_value(self.widgets[key], value)

    def accept(self) -> None:
        """Written on the runner's thread (the buttons off meanwhile); accepted once written."""
        try:
            on = self.on_date.value()
            if on is None:
                raise ValidationError("Hãy ghi ngày của bước này.")
            values = self.values()
        except KetLuanError as exc:
            self._refused(exc)
            return
        db, procedure_id, to_status, note = (
            self.ctx.db,
            self.procedure_id,
            self.to_status,
            self.note.text(),
        )
        version, now = self.version, self.ctx.now()

        def work() -> None:
            with db.write_session() as s:
                proc_service.advance(
                    s, procedure_id, to_status, on_date=on, values=values, note=note,
                    expected_version=version, now=now,
                )  # fmt: skip

        self.write(
            work,
            lambda _r: QDialog.accept(self),
            self._refused,
            [self.buttons],
            notify=("procedures", "members"),
        )

    def _refused(self, exc: KetLuanError) -> None:
        self.error.setText(exc.message)
        self.error.show()

"""Thêm / sửa hồ sơ đảng viên: one form; problems are listed in the dialog, which stays open."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.member_checks import GENDERS, MemberData
from ketluan_desktop.core.members.models import MEMBER_STATUS_LABELS, MemberStatus
from ketluan_desktop.ui.context import AppContext
from ketluan_desktop.ui.dialog_jobs import RunnerDialog
from ketluan_desktop.ui.widgets.date_field import DateField


class MemberDialog(RunnerDialog):
    """``member_id`` None: a new member. On success ``saved_id`` holds the record's id."""

    def __init__(
        self, ctx: AppContext, member_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.saved_id: int | None = None
        self.version: int | None = None
        self.setWindowTitle(
            self.tr("Thêm đảng viên") if member_id is None else self.tr("Sửa hồ sơ đảng viên")
        )
        self.setMinimumWidth(760)
        self.orgs: list = []  # the grassroots organisations, once read
        data = MemberData()

        v = QVBoxLayout(self)
        self._build_person_box(data, v)

        self._build_work_box(data, v)

        self._build_party_box(data, v)

        self.notes = QPlainTextEdit(data.notes or "")
        self.notes.setPlaceholderText(self.tr("Ghi chú"))
        self.notes.setMaximumHeight(60)
        v.addWidget(self.notes)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        v.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.buttons = buttons
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.full_name.setFocus()
        db = ctx.db

        def work():
            with db.session() as s:
                orgs = member_service.grassroots_organisations(s)
                if member_id is None:
                    return orgs, MemberData(), None
                m = member_service.get(s, member_id)
                return orgs, MemberData.of(m), m.version

        # The organisations and the record read on the runner's thread; Lưu off until then (a
        # record's fields too: nothing typed before it arrives is overwritten).
        fields = (
            [self.organisation]
            if member_id is None
            else [*self.findChildren(QGroupBox), self.notes]
        )
        self.read(work, self._show, [*fields, self.save_button])

    def _show(self, found) -> None:
        self.orgs, data, self.version = found
        self.organisation.blockSignals(True)
        for o in self.orgs:
            self.organisation.addItem(o.name, o.id)
        self.organisation.blockSignals(False)
        if self.member_id is None:
            return  # a new member: nothing typed is overwritten
        self.full_name.setText(data.full_name)
        self.gender.setCurrentIndex(max(self.gender.findData(data.gender), 0))
        self.birth_date.set_value(data.birth_date)
        self.place_of_origin.setText(data.place_of_origin or "")
        self.ethnicity.setText(data.ethnicity or "")
        self.organisation.setCurrentIndex(max(self.organisation.findData(data.organisation_id), 0))
        self._fill_cells()
        self.cell.setCurrentIndex(max(self.cell.findData(data.cell_id), 0))
        self.position.setText(data.position or "")
        self.agency.setText(data.agency or "")
        self.status.setCurrentIndex(max(self.status.findData(data.status), 0))
        self.card_number.setText(data.card_number or "")
        self.admission_date.set_value(data.admission_date)
        self.ceremony_date.set_value(data.ceremony_date)
        self.full_member_date.set_value(data.full_member_date)
        self.first_admission_date.set_value(data.first_admission_date)
        self.seriously_ill.setChecked(data.seriously_ill)
        self.notes.setPlainText(data.notes or "")

    def _build_person_box(self, data: MemberData, v: QVBoxLayout) -> None:
        person = QGroupBox(self.tr("Thông tin cá nhân"))
        g = QGridLayout(person)
        self.full_name = QLineEdit(data.full_name)
        self.full_name.setPlaceholderText(self.tr("Ví dụ: Nguyễn Văn Tuấn"))
        self.gender = QComboBox()
        self.gender.addItem("—", None)
        for gname in GENDERS:
            self.gender.addItem(gname, gname)
        self.gender.setCurrentIndex(max(self.gender.findData(data.gender), 0))
        self.birth_date = DateField(
            data.birth_date, what=self.tr("Ngày sinh"), natural=date(1990, 1, 1)
        )
        self.place_of_origin = QLineEdit(data.place_of_origin or "")
        self.ethnicity = QLineEdit(data.ethnicity or "")
        self.ethnicity.setPlaceholderText("Kinh")
        g.addWidget(QLabel(self.tr("Họ và tên:")), 0, 0)
        g.addWidget(self.full_name, 0, 1, 1, 3)
        g.addWidget(QLabel(self.tr("Giới tính:")), 1, 0)
        g.addWidget(self.gender, 1, 1)
        g.addWidget(QLabel(self.tr("Ngày sinh:")), 1, 2)
        g.addWidget(self.birth_date, 1, 3)
        g.addWidget(QLabel(self.tr("Quê quán:")), 2, 0)
        g.addWidget(self.place_of_origin, 2, 1)
        g.addWidget(QLabel(self.tr("Dân tộc:")), 2, 2)
        g.addWidget(self.ethnicity, 2, 3)
        v.addWidget(person)

    def _build_work_box(self, data: MemberData, v: QVBoxLayout) -> None:
        work = QGroupBox(self.tr("Sinh hoạt và công tác"))
        f = QFormLayout(work)
        self.organisation = QComboBox()
        self.organisation.addItem(self.tr("— chọn tổ chức cơ sở đảng —"), None)
        for o in self.orgs:
            self.organisation.addItem(o.name, o.id)
        self.organisation.setCurrentIndex(max(self.organisation.findData(data.organisation_id), 0))
        self.cell = QComboBox()
        self.organisation.currentIndexChanged.connect(self._fill_cells)
        self._fill_cells()
        self.cell.setCurrentIndex(max(self.cell.findData(data.cell_id), 0))
        self.position = QLineEdit(data.position or "")
        self.agency = QLineEdit(data.agency or "")
        f.addRow(self.tr("Tổ chức cơ sở đảng:"), self.organisation)
        f.addRow(self.tr("Chi bộ trực thuộc:"), self.cell)
        f.addRow(self.tr("Chức vụ:"), self.position)
        f.addRow(self.tr("Cơ quan, đơn vị:"), self.agency)
        v.addWidget(work)

    def _build_party_box(self, data: MemberData, v: QVBoxLayout) -> None:
        party = QGroupBox(self.tr("Đảng tịch"))
        g2 = QGridLayout(party)
        self.status = QComboBox()
        for st, label in MEMBER_STATUS_LABELS.items():
            self.status.addItem(label, st.value)
        self.status.setCurrentIndex(max(self.status.findData(data.status), 0))
        self.card_number = QLineEdit(data.card_number or "")
        self.admission_date = DateField(data.admission_date, what=self.tr("Ngày vào Đảng"))
        self.admission_date.setToolTip(
            self.tr("Ngày ký quyết định kết nạp: tuổi Đảng tính từ ngày này.")
        )
        self.ceremony_date = DateField(data.ceremony_date, what=self.tr("Ngày lễ kết nạp"))
        self.ceremony_date.setToolTip(
            self.tr("Ngày tổ chức lễ kết nạp: 12 tháng dự bị tính từ ngày này.")
        )
        self.full_member_date = DateField(data.full_member_date, what=self.tr("Ngày chính thức"))
        self.first_admission_date = DateField(
            data.first_admission_date, what=self.tr("Ngày vào Đảng lần đầu")
        )
        self.first_admission_date.setToolTip(
            self.tr("Chỉ với đảng viên kết nạp lại: tuổi Đảng tính từ quyết định kết nạp lần đầu.")
        )
        self.seriously_ill = QCheckBox(self.tr("Ốm đau nặng (được xét tặng Huy hiệu sớm)"))
        self.seriously_ill.setChecked(data.seriously_ill)
        rows = [
            (self.tr("Tình trạng:"), self.status, self.tr("Số thẻ đảng viên:"), self.card_number),
            (
                self.tr("Ngày vào Đảng:"),
                self.admission_date,
                self.tr("Ngày lễ kết nạp:"),
                self.ceremony_date,
            ),
            (
                self.tr("Ngày chính thức:"),
                self.full_member_date,
                self.tr("Vào Đảng lần đầu:"),
                self.first_admission_date,
            ),
        ]
        for r, (l1, w1, l2, w2) in enumerate(rows):
            g2.addWidget(QLabel(l1), r, 0)
            g2.addWidget(w1, r, 1)
            g2.addWidget(QLabel(l2), r, 2)
            g2.addWidget(w2, r, 3)
        g2.addWidget(self.seriously_ill, len(rows), 0, 1, 4)
        v.addWidget(party)

    def _fill_cells(self) -> None:
        self.cell.clear()
        self.cell.addItem(self.tr("— không —"), None)
        org_id = self.organisation.currentData()
        for o in self.orgs:
            if o.id == org_id:
                for cid, cname in o.cells:
                    self.cell.addItem(cname, cid)
        self.cell.setEnabled(self.cell.count() > 1)

    def member_data(self) -> MemberData:
        return MemberData(
            full_name=self.full_name.text(),
            gender=self.gender.currentData(),
            birth_date=self.birth_date.value(),
            place_of_origin=self.place_of_origin.text(),
            ethnicity=self.ethnicity.text(),
            organisation_id=self.organisation.currentData(),
            cell_id=self.cell.currentData(),
            position=self.position.text(),
            agency=self.agency.text(),
            card_number=self.card_number.text(),
            admission_date=self.admission_date.value(),
            first_admission_date=self.first_admission_date.value(),
            ceremony_date=self.ceremony_date.value(),
            full_member_date=self.full_member_date.value(),
            status=self.status.currentData() or MemberStatus.FULL.value,
            seriously_ill=self.seriously_ill.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def accept(self) -> None:
        """Written on the runner's thread (the buttons off meanwhile); accepted once written. A
        refusal (a check, a record changed elsewhere) is listed in the dialog, which stays open."""
        try:
            data = self.member_data()
        except KetLuanError as exc:
            self._refused(exc)
            return
        db, member_id, version, now = self.ctx.db, self.member_id, self.version, self.ctx.now()

        def work() -> int:
            with db.write_session() as s:
                if member_id is None:
                    return member_service.create(s, data, now=now).id
                return member_service.update(
                    s, member_id, data, expected_version=version, now=now
                ).id

        def done(saved_id: int) -> None:
            self.saved_id = saved_id
            super(MemberDialog, self).accept()

        self.write(work, done, self._refused, [self.buttons], notify=("members",))

    def _refused(self, exc: KetLuanError) -> None:
        self.error.setText(exc.message)
        self.error.show()

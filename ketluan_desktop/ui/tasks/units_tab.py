"""Settings → Đơn vị: the tree of units, a form to edit one, import from and export to Excel.

Each action is saved at once (its own transaction), independent of the dialog's Save button: a
unit added here can be chosen in a task right away. A unit edited meanwhile on another
workstation is refused with a message, and the tree reloads.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.errors import ConflictError, KetLuanError
from ketluan_desktop.core.org import unit_sheet, units
from ketluan_desktop.core.org.models import OrgKind
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.style import set_text_role


class UnitsTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: units.UnitNode | None = None
        self._nodes: dict[int, units.UnitNode] = {}

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Đơn vị"), self.tr("Loại"), self.tr("Hoạt động")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(1, 130)
        self.tree.setColumnWidth(2, 70)
        self.tree.currentItemChanged.connect(self._selected)

        form = self._build_form()

        self._make_buttons()

        right = self._build_editor(form)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setSizes([380, 420])
        QVBoxLayout(self).addWidget(split)
        self.reload()

    def _build_form(self) -> QFormLayout:
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Ví dụ: Ban Tổ chức Đảng ủy Khối"))
        self.short = QLineEdit()
        self.short.setPlaceholderText(self.tr("Ví dụ: Ban Tổ chức"))
        self.kind = QComboBox()
        for k in units.UNIT_KINDS:
            self.kind.addItem(units.kind_label(k.value), k.value)
        self.parent_unit = QComboBox()
        self.active = QCheckBox(self.tr("Đang hoạt động"))
        self.uses = QLabel()
        self.uses.setWordWrap(True)
        self.uses.setStyleSheet("color: #5b6370;")
        self.mode = QLabel()
        set_text_role(self.mode, "heading")
        form = QFormLayout()
        form.addRow(self.tr("Tên đơn vị:"), self.name)
        form.addRow(self.tr("Tên viết tắt:"), self.short)
        form.addRow(self.tr("Loại:"), self.kind)
        form.addRow(self.tr("Trực thuộc:"), self.parent_unit)
        form.addRow("", self.active)
        return form

    def _make_buttons(self) -> None:
        self.save_btn = QPushButton(self.tr("Lưu đơn vị"))
        self.save_btn.clicked.connect(self.save)
        self.new_btn = QPushButton(self.tr("Thêm đơn vị mới"))
        self.new_btn.clicked.connect(lambda: self.new_unit(None))
        self.child_btn = QPushButton(self.tr("Thêm chi bộ trực thuộc"))
        self.child_btn.clicked.connect(self.new_child)
        self.delete_btn = QPushButton(self.tr("Xóa"))
        self.delete_btn.clicked.connect(self.delete)
        self.up_btn = QPushButton(self.tr("Lên"))
        self.up_btn.clicked.connect(lambda: self.move(-1))
        self.down_btn = QPushButton(self.tr("Xuống"))
        self.down_btn.clicked.connect(lambda: self.move(1))
        self.import_btn = QPushButton(self.tr("Nhập từ Excel…"))
        self.import_btn.clicked.connect(self.import_excel)
        self.export_btn = QPushButton(self.tr("Xuất ra Excel…"))
        self.export_btn.clicked.connect(self.export_excel)

    def _build_editor(self, form: QFormLayout) -> QWidget:
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.mode)
        rv.addLayout(form)
        rv.addWidget(self.uses)
        row = QHBoxLayout()
        row.addWidget(self.save_btn)
        row.addWidget(self.delete_btn)
        row.addStretch(1)
        row.addWidget(self.up_btn)
        row.addWidget(self.down_btn)
        rv.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(self.new_btn)
        row2.addWidget(self.child_btn)
        row2.addStretch(1)
        rv.addLayout(row2)
        rv.addStretch(1)
        hint = QLabel(
            self.tr(
                "Tệp Excel có các cột: Tên đơn vị, Tên viết tắt, Loại đơn vị, Đơn vị cấp trên, Đang hoạt "
                "động. Xuất danh sách hiện có để có tệp mẫu."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5b6370;")
        rv.addWidget(hint)
        row3 = QHBoxLayout()
        row3.addWidget(self.import_btn)
        row3.addWidget(self.export_btn)
        row3.addStretch(1)
        rv.addLayout(row3)
        return right

    # -- data ---------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        with self.ctx.db.session() as s:
            nodes = units.flat_tree(s)
        self._nodes = {n.id: n for n in nodes}
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for n in nodes:
            parent = items.get(n.parent_id) if n.parent_id is not None else None
            label = (
                n.name
                if not n.short_name or n.short_name == n.name
                else f"{n.name} ({n.short_name})"
            )
            item = QTreeWidgetItem([label, n.kind_label, "" if n.active else self.tr("ngừng")])
            item.setData(0, Qt.ItemDataRole.UserRole, n.id)
            if not n.active:
                for c in range(3):
                    item.setForeground(c, Qt.GlobalColor.gray)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[n.id] = item
        self.tree.blockSignals(False)
        self.parent_unit.clear()
        self.parent_unit.addItem(self.tr("(trực thuộc cơ quan ban hành)"), None)
        for n in nodes:
            if n.kind == OrgKind.GRASSROOTS.value:
                self.parent_unit.addItem(n.display_name, n.id)
        target = items.get(keep) if keep is not None else None
        if target is not None:
            self.tree.setCurrentItem(target)
        else:
            self.new_unit(None)

    def item_for(self, unit_id: int) -> QTreeWidgetItem | None:
        found = self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        return next((i for i in found if i.data(0, Qt.ItemDataRole.UserRole) == unit_id), None)

    def _selected(self, item: QTreeWidgetItem | None, _prev=None) -> None:
        if item is None:
            return
        n = self._nodes.get(item.data(0, Qt.ItemDataRole.UserRole))
        if n is None:
            return
        self.current = n
        self.mode.setText(self.tr("Sửa đơn vị"))
        self.name.setText(n.name)
        self.short.setText(n.short_name or "")
        self.kind.setCurrentIndex(max(self.kind.findData(n.kind), 0))
        self.parent_unit.setCurrentIndex(max(self.parent_unit.findData(n.parent_id), 0))
        self.active.setChecked(n.active)
        with self.ctx.db.session() as s:
            used = units.uses(s, n.id)
        self.uses.setText(
            self.tr("Đang dùng: ") + ", ".join(f"{k} {v}" for k, v in used.items())
            if used
            else self.tr("Chưa có hồ sơ nào dùng đơn vị này.")
        )
        for b in (self.delete_btn, self.up_btn, self.down_btn):
            b.setEnabled(True)
        self.child_btn.setEnabled(n.kind == OrgKind.GRASSROOTS.value)

    def new_unit(self, parent_id: int | None) -> None:
        self.current = None
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(None)
        self.tree.blockSignals(False)
        self.mode.setText(self.tr("Thêm đơn vị mới"))
        self.name.clear()
        self.short.clear()
        kind = OrgKind.CELL.value if parent_id is not None else OrgKind.DEPARTMENT.value
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.parent_unit.setCurrentIndex(max(self.parent_unit.findData(parent_id), 0))
        self.active.setChecked(True)
        self.uses.clear()
        for b in (self.delete_btn, self.up_btn, self.down_btn, self.child_btn):
            b.setEnabled(False)
        self.name.setFocus()

    def new_child(self) -> None:
        if self.current is not None:
            self.new_unit(self.current.id)

    def _input(self) -> units.UnitInput:
        return units.UnitInput(
            name=self.name.text(),
            kind=self.kind.currentData(),
            short_name=self.short.text(),
            parent_id=self.parent_unit.currentData(),
            active=self.active.isChecked(),
        )

    def _write(self, fn) -> int | None:
        try:
            with self.ctx.db.write_session() as s:
                result = fn(s)
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            if isinstance(exc, ConflictError):
                self.reload()
            return None
        self.ctx.notify("units")
        return result if result is not None else -1

    def save(self) -> None:
        data = self._input()
        now = self.ctx.now()
        if self.current is None:
            uid = self._write(lambda s: units.create(s, data, now=now).id)
        else:
            cur = self.current
            uid = self._write(
                lambda s: units.update(s, cur.id, data, expected_version=cur.version, now=now).id
            )
        if uid is not None:
            self.reload(select_id=uid)

    def delete(self) -> None:
        cur = self.current
        if cur is None:
            return
        if not dialogs.ask_yes_no(self, self.tr("Xóa đơn vị «{name}»?").format(name=cur.name)):
            return
        if (
            self._write(
                lambda s: units.delete(s, cur.id, expected_version=cur.version, now=self.ctx.now())
            )
            is not None
        ):
            self.current = None
            self.reload()

    def move(self, step: int) -> None:
        cur = self.current
        if cur is None:
            return
        if self._write(lambda s: units.move(s, cur.id, step, now=self.ctx.now())) is not None:
            self.reload(select_id=cur.id)

    # -- Excel --------------------------------------------------------------------------------
    def import_excel(self) -> None:
        path = dialogs.open_file(
            self,
            self.tr("Nhập danh sách đơn vị"),
            "units",
            self.tr("Bảng tính Excel (*.xlsx);;Mọi tệp (*)"),
        )
        if not path:
            return
        ctx, now = self.ctx, self.ctx.now()

        def work():
            with ctx.db.write_session() as s:
                return unit_sheet.import_xlsx(s, path, now=now)

        def finished() -> bool:
            # The button comes back when the import is over, not when it was handed to the
            # runner: a second click meanwhile would import the file twice.
            if not shiboken6.isValid(self):
                return False
            self.import_btn.setEnabled(True)
            return True

        def done(result) -> None:
            ctx.notify("units")
            if finished():
                self.reload()
                dialogs.show_info(self, result.message())

        def failed(exc: BaseException, tb: str) -> None:
            from ketluan_desktop.ui.errors import report_exception

            report_exception(exc, tb, self if finished() else None)

        self.import_btn.setEnabled(False)
        ctx.runner.run(work, done, failed)

    def export_excel(self) -> None:
        path = dialogs.save_file(
            self,
            self.tr("Xuất danh sách đơn vị"),
            "units",
            "Danh sách đơn vị.xlsx",
            self.tr("Bảng tính Excel (*.xlsx)"),
            ".xlsx",
        )
        if not path:
            return
        try:
            with self.ctx.db.session() as s:
                unit_sheet.export_xlsx(s, path)
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        dialogs.show_info(
            self, self.tr("Đã xuất danh sách đơn vị ra tệp {path}.").format(path=path)
        )

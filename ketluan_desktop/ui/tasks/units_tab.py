"""Settings → Đơn vị: the tree of units, a form to edit one, import from and export to Excel.

Each action is saved at once (its own transaction), independent of the dialog's Save button: a
unit added here can be chosen in a task right away. A unit edited meanwhile on another
workstation is refused with a message, and the tree reloads.

Every read and write goes through the window's runner (issue 14, «the UI thread only paints»): the
tree and a unit's uses are queries (a newer one drops the older's answer), a change is an action
with the editing buttons off until it is over (a double click saves once), and the unit chosen
before a reload is chosen again after it.
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

from ketluan_desktop.core.errors import ConflictError
from ketluan_desktop.core.org import unit_sheet, units
from ketluan_desktop.core.org.models import OrgKind
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.style import set_text_role
from ketluan_desktop.ui.workers import answer_to, run_from


class UnitsTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: units.UnitNode | None = None
        self._writing = False  # a change is being written: the editing buttons stay off
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
        self._enable_actions()
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
        """The tree read in the background; then ``select_id`` chosen in it, else the unit
        chosen when the answer arrives (a new unit's form when it is gone)."""
        db = self.ctx.db

        def work() -> list[units.UnitNode]:
            with db.session() as s:
                return units.flat_tree(s)

        def arrived(nodes: list[units.UnitNode]) -> None:
            if select_id is not None:
                keep = select_id
            else:
                keep = self.current.id if self.current is not None else None
            self._fill(nodes, keep)

        self.ctx.runner.query(
            ("units-tree", id(self)), work, answer_to(self, arrived), self._failed
        )

    def _fill(self, nodes: list[units.UnitNode], keep: int | None) -> None:
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
        self.uses.setText(self.tr("Đang tìm hồ sơ dùng đơn vị này…"))
        self._enable_actions()
        db, unit_id = self.ctx.db, n.id

        def work() -> dict[str, int]:
            with db.session() as s:
                return units.uses(s, unit_id)

        def arrived(used: dict[str, int]) -> None:
            if self.current is None or self.current.id != unit_id:
                return  # another unit chosen, or a new one begun, meanwhile
            self.uses.setText(
                self.tr("Đang dùng: ") + ", ".join(f"{k} {v}" for k, v in used.items())
                if used
                else self.tr("Chưa có hồ sơ nào dùng đơn vị này.")
            )

        self.ctx.runner.query(("unit-uses", id(self)), work, answer_to(self, arrived), self._failed)

    def _enable_actions(self) -> None:
        """The editing buttons as the chosen unit allows; all off while a change is written."""
        chosen = self.current is not None
        self.save_btn.setEnabled(not self._writing)
        self.new_btn.setEnabled(not self._writing)
        for b in (self.delete_btn, self.up_btn, self.down_btn):
            b.setEnabled(chosen and not self._writing)
        self.child_btn.setEnabled(
            chosen
            and not self._writing
            and self.current is not None
            and self.current.kind == OrgKind.GRASSROOTS.value
        )

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ketluan_desktop.ui.errors import report_exception

        report_exception(exc, tb, self if shiboken6.isValid(self) else None)

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
        self.ctx.runner.cancel(("unit-uses", id(self)))
        self._enable_actions()
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

    def _write(self, fn, then) -> None:
        """Write ``fn(session)`` in the background, the editing buttons off until it is over;
        then ``then(result)``. A refusal is said; a conflict (changed on another workstation)
        reloads the tree as it now is."""
        ctx = self.ctx

        def work():
            with ctx.db.write_session() as s:
                return fn(s)

        def over() -> bool:
            alive = shiboken6.isValid(self)
            if alive:
                self._writing = False
                self._enable_actions()
            return alive

        def done(result) -> None:
            ctx.notify("units")
            if over():
                then(result)

        def failed(exc: BaseException, tb: str) -> None:
            if not over():
                return
            self._failed(exc, tb)
            if isinstance(exc, ConflictError):
                self.reload()

        self._writing = True
        self._enable_actions()
        ctx.runner.run(work, done, failed)

    def save(self) -> None:
        data = self._input()
        now = self.ctx.now()
        cur = self.current
        if cur is None:
            self._write(lambda s: units.create(s, data, now=now).id, self._saved)
        else:
            self._write(
                lambda s: units.update(s, cur.id, data, expected_version=cur.version, now=now).id,
                self._saved,
            )

    def _saved(self, unit_id: int) -> None:
        self.reload(select_id=unit_id)

    def delete(self) -> None:
        cur = self.current
        if cur is None:
            return
        if not dialogs.ask_yes_no(self, self.tr("Xóa đơn vị «{name}»?").format(name=cur.name)):
            return
        now = self.ctx.now()

        def deleted(_result) -> None:
            if self.current is not None and self.current.id == cur.id:
                self.current = None
            self.reload()

        self._write(
            lambda s: units.delete(s, cur.id, expected_version=cur.version, now=now), deleted
        )

    def move(self, step: int) -> None:
        cur = self.current
        if cur is None:
            return
        now = self.ctx.now()
        self._write(
            lambda s: units.move(s, cur.id, step, now=now), lambda _r: self.reload(select_id=cur.id)
        )

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
        db = self.ctx.db

        def work() -> None:
            with db.session() as s:
                unit_sheet.export_xlsx(s, path)

        def done(_result) -> None:
            if shiboken6.isValid(self):
                dialogs.show_info(
                    self, self.tr("Đã xuất danh sách đơn vị ra tệp {path}.").format(path=path)
                )

        # The button stays off until the file is written: one export per click.
        run_from(self.ctx.runner, [self.export_btn], work, done, self._failed)

"""The end of the document, as the page lays it out: "Nơi nhận" on the left, the signer on the right.

Recipients come from the office's usual list or are typed as free lines; the file copy ("Lưu Văn
phòng …") always stays last. The signer block takes the authority (T/M, K/T, T/L), the title and the
name, filled from the people list.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents.templates import AUTHORITIES, is_file_copy, with_file_copy_last
from ketluan_desktop.ui.menu_button import menu_button

TITLES = ("BÍ THƯ", "PHÓ BÍ THƯ", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "TRƯỞNG BAN",
          "PHÓ TRƯỞNG BAN", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM")  # fmt: skip


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ClosingForm", text)


class RecipientsEditor(QWidget):
    """A list of recipient lines; each change reports the whole new list."""

    recipientsEdited = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.usual: list[str] = []
        self.file_copy = "Lưu Văn phòng"
        self._updating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_t("<u>Nơi nhận:</u>"))
        layout.addWidget(title)
        self.list = QListWidget()
        self.list.setAccessibleName(_t("Nơi nhận"))
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list.setFixedHeight(190)
        self.list.itemChanged.connect(self._item_changed)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.add_usual = menu_button(_t("Thêm từ danh sách"))
        self.add_usual.menu().aboutToShow.connect(self._fill_usual_menu)
        self.add_line = QPushButton(_t("Thêm dòng"))
        self.add_line.clicked.connect(self._add_free_line)
        self.remove = QPushButton(_t("Xóa"))
        self.remove.clicked.connect(self._remove_current)
        self.up = QToolButton()
        self.up.setText("↑")
        self.up.setToolTip(_t("Chuyển lên"))
        self.up.setAccessibleName(_t("Chuyển nơi nhận lên"))
        self.up.clicked.connect(lambda: self._move(-1))
        self.down = QToolButton()
        self.down.setText("↓")
        self.down.setToolTip(_t("Chuyển xuống"))
        self.down.setAccessibleName(_t("Chuyển nơi nhận xuống"))
        self.down.clicked.connect(lambda: self._move(1))
        for w in (self.add_usual, self.add_line, self.remove, self.up, self.down):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def show_lines(self, lines: list[str]) -> None:
        self._updating = True
        try:
            current = self.list.currentRow()
            self.list.clear()
            for text in lines:
                item = QListWidgetItem(text)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                if is_file_copy(text):
                    item.setToolTip(_t("Bản lưu: luôn ở cuối danh sách"))
                self.list.addItem(item)
            if 0 <= current < self.list.count():
                self.list.setCurrentRow(current)
        finally:
            self._updating = False

    def _emit(self, lines: list[str], label: str) -> None:
        self.recipientsEdited.emit(with_file_copy_last(lines, self.file_copy), label)

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        lines = self.lines()
        if not item.text().strip():
            lines = [x for x in lines if x.strip()]
        self._emit(lines, _t("Sửa nơi nhận"))

    def _fill_usual_menu(self) -> None:
        menu = self.add_usual.menu()
        menu.clear()
        present = set(self.lines())
        for name in self.usual:
            act = menu.addAction(name)
            act.setEnabled(name not in present)
            act.triggered.connect(lambda _=False, n=name: self.add(n))

    def add(self, name: str) -> None:
        lines = [x for x in self.lines() if not is_file_copy(x)]
        at = self.list.currentRow()
        if 0 <= at < len(lines):
            lines.insert(at + 1, name)
        else:
            lines.append(name)
        copy = [x for x in self.lines() if is_file_copy(x)]
        self._emit(lines + copy, _t("Thêm nơi nhận"))

    def _add_free_line(self) -> None:
        self.add(_t("Nơi nhận mới"))
        for i in range(self.list.count()):
            if self.list.item(i).text() == _t("Nơi nhận mới"):
                self.list.setCurrentRow(i)
                self.list.editItem(self.list.item(i))
                break

    def _remove_current(self) -> None:
        row = self.list.currentRow()
        lines = self.lines()
        if 0 <= row < len(lines):
            del lines[row]
            self._emit(lines, _t("Xóa nơi nhận"))

    def _move(self, delta: int) -> None:
        row = self.list.currentRow()
        lines = self.lines()
        target = row + delta
        if not (0 <= row < len(lines) and 0 <= target < len(lines)):
            return
        if is_file_copy(lines[row]) or is_file_copy(lines[target]):
            return
        lines[row], lines[target] = lines[target], lines[row]
        self._emit(lines, _t("Chuyển nơi nhận"))
        self.list.setCurrentRow(target)

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.add_usual, self.add_line, self.remove, self.up, self.down):
            w.setEnabled(not read_only)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        self._updating = True
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setFlags(flags if read_only else flags | Qt.ItemFlag.ItemIsEditable)
        self._updating = False


class SignerEditor(QWidget):
    """T/M BAN CHẤP HÀNH / BÍ THƯ / (chữ ký) / Hoàng Thanh Hải."""

    signerEdited = Signal(dict, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._updating = False
        self.people: list[tuple[int, str, str | None]] = []  # id, name, signature title
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.authority = QComboBox()
        self.authority.setEditable(True)
        self.authority.addItems(AUTHORITIES)
        self.authority.setAccessibleName(_t("Thẩm quyền ký"))
        self.title = QComboBox()
        self.title.setEditable(True)
        self.title.addItems(TITLES)
        self.title.setAccessibleName(_t("Chức vụ người ký"))
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setAccessibleName(_t("Người ký"))
        self.person.lineEdit().setPlaceholderText(_t("Họ và tên người ký"))
        form.addRow(_t("Thẩm quyền:"), self.authority)
        form.addRow(_t("Chức vụ:"), self.title)
        form.addRow(_t("Người ký:"), self.person)
        hint = QLabel(_t("T/M: thay mặt tập thể; K/T: ký thay người đứng đầu; T/L: thừa lệnh."))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        form.addRow(hint)
        self.authority.lineEdit().textEdited.connect(
            lambda text: self._emit({"signer_authority": text.upper()}, _t("Sửa thẩm quyền ký"))
        )
        self.authority.activated.connect(
            lambda _i: self._emit(
                {"signer_authority": self.authority.currentText()}, _t("Chọn thẩm quyền ký")
            )
        )
        self.title.lineEdit().textEdited.connect(
            lambda text: self._emit({"signer_title": text.upper()}, _t("Sửa chức vụ người ký"))
        )
        self.title.activated.connect(
            lambda _i: self._emit({"signer_title": self.title.currentText()}, _t("Chọn chức vụ"))
        )
        self.person.lineEdit().textEdited.connect(
            lambda text: self._emit(
                {"signer_name": text, "signer_person_id": None}, _t("Sửa tên người ký")
            )
        )
        self.person.activated.connect(self._person_chosen)

    def set_people(self, people: list[tuple[int, str, str | None]]) -> None:
        self._updating = True
        try:
            self.people = people
            self.person.clear()
            for pid, name, title in people:
                label = f"{name} — {title.capitalize()}" if title else name
                self.person.addItem(label, pid)
        finally:
            self._updating = False

    def _person_chosen(self, index: int) -> None:
        pid = self.person.itemData(index)
        found = next((p for p in self.people if p[0] == pid), None)
        if found is None:
            return
        changes: dict = {"signer_person_id": pid, "signer_name": found[1]}
        if found[2]:
            changes["signer_title"] = found[2]
        self._emit(changes, _t("Chọn người ký"))

    def _emit(self, changes: dict, label: str) -> None:
        if not self._updating:
            self.signerEdited.emit(changes, label)

    def show_signer(self, authority: str | None, title: str | None, name: str | None) -> None:
        self._updating = True
        try:
            for combo, value in ((self.authority, authority), (self.title, title)):
                if combo.currentText() != (value or ""):
                    combo.setEditText(value or "")
            if self.person.currentText().split(" — ")[0] != (name or ""):
                self.person.setEditText(name or "")
        finally:
            self._updating = False

    def set_read_only(self, read_only: bool) -> None:
        for c in (self.authority, self.title, self.person):
            c.setEnabled(not read_only)


class ClosingForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(24)
        self.recipients = RecipientsEditor()
        self.signer = SignerEditor()
        layout.addWidget(self.recipients, 5)
        right = QVBoxLayout()
        right.addWidget(self.signer)
        right.addStretch(1)
        layout.addLayout(right, 6)

    def menu_anchor(self) -> QPoint:
        return self.mapToGlobal(QPoint(0, 0))

    def set_read_only(self, read_only: bool) -> None:
        self.recipients.set_read_only(read_only)
        self.signer.set_read_only(read_only)

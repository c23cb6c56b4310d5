"""Editable tables of the meeting form: who attended, and what the meeting approved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from ketluan_desktop.core.meetings.records import AgendaData, AttendanceData

Index = QModelIndex | QPersistentModelIndex
ROLE_LABELS = {"member": "Ủy viên", "guest": "Khách mời"}


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("MeetingModels", text)


class _ListModel(QAbstractTableModel):
    edited = Signal()
    headers: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []
        self.read_only = False

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return _t(self.headers[section])
        return None

    def append(self, item: Any) -> int:
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append(item)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.items[row]
            self.endRemoveRows()
            self.edited.emit()

    def move(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self.items) and 0 <= target < len(self.items)):
            return row
        dest = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest)
        self.items.insert(target, self.items.pop(row))
        self.endMoveRows()
        self.edited.emit()
        return target

    def _changed(self, index: Index) -> None:
        self.dataChanged.emit(
            index.siblingAtColumn(0), index.siblingAtColumn(len(self.headers) - 1)
        )
        self.edited.emit()


class AttendanceModel(_ListModel):
    NAME, POSITION, ROLE, PRESENT, REASON = range(5)
    headers = ("Họ và tên", "Chức vụ", "Thành phần", "Có mặt", "Lý do vắng")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.position_of: Callable[[AttendanceData], str] = lambda a: a.position_title or ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return flags
        a: AttendanceData = self.items[index.row()]
        col = index.column()
        if col == self.NAME or (col == self.REASON and not a.present and a.role != "guest"):
            flags |= Qt.ItemFlag.ItemIsEditable
        if col == self.PRESENT and a.role != "guest":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if col == self.ROLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        a: AttendanceData = self.items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.NAME:
                return a.name
            if col == self.POSITION:
                return self.position_of(a)
            if col == self.ROLE:
                return _t(ROLE_LABELS.get(a.role, a.role))
            if col == self.REASON:
                return a.absence_reason or "" if not a.present else ""
            if col == self.PRESENT and role == Qt.ItemDataRole.DisplayRole:
                return "" if a.role == "guest" else (_t("Có mặt") if a.present else _t("Vắng"))
        if role == Qt.ItemDataRole.CheckStateRole and col == self.PRESENT and a.role != "guest":
            return Qt.CheckState.Checked if a.present else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not a.present:
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#9b2c2c"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.read_only:
            return False
        a: AttendanceData = self.items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == self.PRESENT:
            a.present = Qt.CheckState(value) == Qt.CheckState.Checked
            if a.present:
                a.absence_reason = None
        elif role == Qt.ItemDataRole.EditRole and col == self.NAME:
            a.name = str(value).strip()
        elif role == Qt.ItemDataRole.EditRole and col == self.REASON:
            a.absence_reason = str(value).strip() or None
        elif role == Qt.ItemDataRole.EditRole and col == self.ROLE:
            text = str(value)
            a.role = "guest" if text in ("guest", _t("Khách mời")) else "member"
            if a.role == "guest":
                a.present, a.absence_reason = True, None
        else:
            return False
        self._changed(index)
        return True


class AgendaModel(_ListModel):
    TITLE, APPROVED, DOCUMENT = range(3)
    headers = ("Nội dung hội nghị thông qua", "Thông qua", "Văn bản liên kết")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.documents: dict[int, str] = {}

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return flags
        if index.column() in (self.TITLE, self.DOCUMENT):
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == self.APPROVED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        a: AgendaData = self.items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.TITLE:
                return a.title
            if col == self.DOCUMENT:
                if role == Qt.ItemDataRole.EditRole:
                    return a.document_id
                return (
                    self.documents.get(a.document_id, "")
                    if a.document_id
                    else _t("(chưa liên kết)")
                )
            if col == self.APPROVED and role == Qt.ItemDataRole.DisplayRole:
                return _t("Thông qua") if a.approved else _t("Chưa thông qua")
        if role == Qt.ItemDataRole.CheckStateRole and col == self.APPROVED:
            return Qt.CheckState.Checked if a.approved else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TITLE:
            return a.title or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.read_only:
            return False
        a: AgendaData = self.items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == self.APPROVED:
            a.approved = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and col == self.TITLE:
            a.title = str(value).strip()
        elif role == Qt.ItemDataRole.EditRole and col == self.DOCUMENT:
            a.document_id = int(value) if value not in (None, "", 0) else None
        else:
            return False
        self._changed(index)
        return True


class ComboDelegate(QStyledItemDelegate):
    """Edits a cell with a list of (value, label) choices."""

    def __init__(self, choices, parent=None) -> None:
        super().__init__(parent)
        self.choices = choices  # callable returning [(value, label)]

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for value, label in self.choices():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        i = editor.findData(value)
        if i < 0:
            i = editor.findText(str(value))
        editor.setCurrentIndex(max(0, i))

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

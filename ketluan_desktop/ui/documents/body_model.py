"""The draft being edited, as Qt models: header fields with change signals, and the body as a tree
(sections, then their paragraphs and bullets) that any view — the page editor, the outline — shows.

Only undo commands call the mutating methods, so every change is undoable. Sections and blocks are
addressed by their stable keys; a block's index carries its section's serial number, so indexes
stay right when sections move.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QStyledItemDelegate

from ketluan_desktop.core.documents.draft import (
    Draft,
    DraftBlock,
    DraftSection,
    TaskInfo,
    normalise_marks,
)

Index = QModelIndex | QPersistentModelIndex

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 3
TASK_ROLE = Qt.ItemDataRole.UserRole + 4
MARKS_ROLE = Qt.ItemDataRole.UserRole + 5
IS_SECTION_ROLE = Qt.ItemDataRole.UserRole + 6
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 7


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("BodyModel", text)


class BodyModel(QAbstractItemModel):
    """Sections at the top level, their blocks below; one column."""

    focusRequested = Signal(str, int)  # block or section key, cursor position (-1: end)

    def __init__(self, draft: Draft, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self._serials: dict[int, DraftSection] = {}
        self._serial_of: dict[str, int] = {}
        self._next_serial = 1
        for s in draft.sections:
            self._register(s)

    # ------------------------------------------------------------------ bookkeeping
    @property
    def draft(self) -> Draft:
        return self._draft

    def _register(self, section: DraftSection) -> int:
        serial = self._serial_of.get(section.key)
        if serial is None:
            serial = self._next_serial
            self._next_serial += 1
            self._serial_of[section.key] = serial
            self._serials[serial] = section
        return serial

    def reset_draft(self, draft: Draft) -> None:
        self.beginResetModel()
        self._draft = draft
        self._serials.clear()
        self._serial_of.clear()
        for s in draft.sections:
            self._register(s)
        self.endResetModel()

    @property
    def sections(self) -> list[DraftSection]:
        return self._draft.sections

    def section_row(self, key: str) -> int:
        return self._draft.find_section(key)

    def locate(self, block_key: str) -> tuple[int, int]:
        return self._draft.find_block(block_key)

    def block(self, key: str) -> DraftBlock:
        si, bi = self.locate(key)
        return self.sections[si].blocks[bi]

    def section_of(self, block_key: str) -> DraftSection:
        return self.sections[self.locate(block_key)[0]]

    def section_index(self, row: int) -> QModelIndex:
        return self.index(row, 0)

    def block_index(self, key: str) -> QModelIndex:
        si, bi = self.locate(key)
        return self.index(bi, 0, self.index(si, 0))

    # ------------------------------------------------------------------ Qt model API
    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self.sections):
                return QModelIndex()
            return self.createIndex(row, 0, 0)
        if parent.internalId() != 0 or parent.row() >= len(self.sections):
            return QModelIndex()
        section = self.sections[parent.row()]
        if row >= len(section.blocks):
            return QModelIndex()
        return self.createIndex(row, 0, self._serial_of[section.key])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        section = self._serials.get(index.internalId())
        if section is None:
            return QModelIndex()
        try:
            row = self.section_row(section.key)
        except KeyError:
            return QModelIndex()
        return self.createIndex(row, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.sections)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        if parent.row() >= len(self.sections):
            return 0
        return len(self.sections[parent.row()].blocks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _item(self, index: Index) -> DraftSection | DraftBlock | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self.sections[index.row()] if index.row() < len(self.sections) else None
        section = self._serials.get(index.internalId())
        if section is None or index.row() >= len(section.blocks):
            return None
        return section.blocks[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._item(index)
        if item is None:
            return None
        if isinstance(item, DraftSection):
            return self._section_data(index.row(), item, role)
        return self._block_data(item, role)

    def _section_data(self, row: int, s: DraftSection, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            # The number depends on the position: views add it (NUMBER_ROLE), so inserting a
            # section does not change the display data of the ones after it.
            if s.heading is None:
                return _t("Phần mở đầu")
            return s.heading or _t("(chưa có đề mục)")
        if role == Qt.ItemDataRole.EditRole:
            return s.heading or ""
        if role == KEY_ROLE:
            return s.key
        if role == IS_SECTION_ROLE:
            return True
        if role == NUMBER_ROLE:
            return self._draft.section_number(row) or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return _t("Mục: nhấn để chuyển tới")
        return None

    @staticmethod
    def _block_data(b: DraftBlock, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            prefix = ("+ " if b.level else "- ") if b.is_bullet else ""
            star = "★ " if b.task is not None else ""
            text = b.text if len(b.text) <= 90 else b.text[:89].rstrip() + "…"
            return f"{star}{prefix}{text}" if text else f"{star}{prefix}" + _t("(đoạn trống)")
        if role == Qt.ItemDataRole.EditRole:
            return b.text
        if role == KEY_ROLE:
            return b.key
        if role == KIND_ROLE:
            return b.kind
        if role == LEVEL_ROLE:
            return b.level
        if role == TASK_ROLE:
            return b.task is not None
        if role == MARKS_ROLE:
            return [list(m) for m in b.marks]
        if role == IS_SECTION_ROLE:
            return False
        if role == Qt.ItemDataRole.ToolTipRole:
            return b.text if len(b.text) > 90 else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t("Dàn ý văn bản") if section == 0 else None
        return None

    # ------------------------------------------------------------------ mutations (commands only)
    def _block_changed(self, key: str) -> None:
        idx = self.block_index(key)
        self.dataChanged.emit(idx, idx)

    def _sections_changed(self) -> None:
        if self.sections:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.sections) - 1, 0))

    def set_block_text(self, key: str, text: str, marks: list[list[Any]]) -> None:
        b = self.block(key)
        b.text = text
        b.marks = normalise_marks(marks, len(text))
        self._block_changed(key)

    def set_block_shape(self, key: str, kind: str, level: int) -> None:
        b = self.block(key)
        b.kind, b.level = kind, level
        if kind != "bullet":
            b.level = 0
        self._block_changed(key)

    def set_block_task(self, key: str, task: TaskInfo | None) -> None:
        self.block(key).task = task.copy() if task is not None else None
        self._block_changed(key)

    def insert_block(self, section_key: str, row: int, block: DraftBlock) -> None:
        si = self.section_row(section_key)
        self.beginInsertRows(self.index(si, 0), row, row)
        self.sections[si].blocks.insert(row, block)
        self.endInsertRows()

    def remove_block(self, key: str) -> tuple[str, int, DraftBlock]:
        si, bi = self.locate(key)
        section = self.sections[si]
        self.beginRemoveRows(self.index(si, 0), bi, bi)
        block = section.blocks.pop(bi)
        self.endRemoveRows()
        return section.key, bi, block

    def move_block(self, key: str, to_section_key: str, to_row: int) -> None:
        """Move a block so that it ends up at ``to_row`` of the target section."""
        si, bi = self.locate(key)
        ti = self.section_row(to_section_key)
        if si == ti and bi == to_row:
            return
        dest = to_row + 1 if si == ti and to_row > bi else to_row
        ok = self.beginMoveRows(self.index(si, 0), bi, bi, self.index(ti, 0), dest)
        assert ok, "invalid block move"
        block = self.sections[si].blocks.pop(bi)
        self.sections[ti].blocks.insert(to_row, block)
        self.endMoveRows()

    def insert_section(self, row: int, section: DraftSection) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._register(section)
        self.sections.insert(row, section)
        self.endInsertRows()
        self._sections_changed()

    def remove_section(self, key: str) -> tuple[int, DraftSection]:
        row = self.section_row(key)
        self.beginRemoveRows(QModelIndex(), row, row)
        section = self.sections.pop(row)
        self.endRemoveRows()
        self._sections_changed()
        return row, section

    def move_section(self, key: str, to_row: int) -> None:
        row = self.section_row(key)
        if row == to_row:
            return
        dest = to_row + 1 if to_row > row else to_row
        ok = self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest)
        assert ok, "invalid section move"
        section = self.sections.pop(row)
        self.sections.insert(to_row, section)
        self.endMoveRows()
        self._sections_changed()

    def set_heading(self, key: str, heading: str | None) -> None:
        row = self.section_row(key)
        self.sections[row].heading = heading
        self._sections_changed()

    def set_section_number(self, key: str, number: str | None) -> None:
        row = self.section_row(key)
        self.sections[row].number = number
        idx = self.index(row, 0)
        self.dataChanged.emit(idx, idx)

    def set_numbering(self, style: str) -> None:
        self._draft.numbering = style
        self._sections_changed()

    def request_focus(self, key: str, position: int = -1) -> None:
        self.focusRequested.emit(key, position)


class NumberedDelegate(QStyledItemDelegate):
    """Shows "2. Heading" in outline views: the number comes from NUMBER_ROLE."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        number = index.data(NUMBER_ROLE)
        if number:
            option.text = f"{number}. {option.text}"
        if index.data(IS_SECTION_ROLE):
            option.font.setBold(True)


class EditorModel(QObject):
    """The whole draft: header fields and recipients (with signals), the body as a ``BodyModel``."""

    fieldChanged = Signal(str)
    recipientsChanged = Signal()
    changed = Signal()  # any edit: the preview, the word count and autosave listen to it

    def __init__(self, draft: Draft, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.body = BodyModel(draft, self)
        for sig in (
            self.body.dataChanged,
            self.body.rowsInserted,
            self.body.rowsRemoved,
            self.body.rowsMoved,
            self.body.modelReset,
        ):
            sig.connect(self._emit_changed)
        self.fieldChanged.connect(self._emit_changed)
        self.recipientsChanged.connect(self._emit_changed)

    def _emit_changed(self, *_args) -> None:
        self.changed.emit()

    @property
    def draft(self) -> Draft:
        return self.body.draft

    def reset(self, draft: Draft) -> None:
        self.body.reset_draft(draft)
        for name in Draft.HEADER_FIELDS:
            self.fieldChanged.emit(name)
        self.recipientsChanged.emit()

    def field(self, name: str) -> Any:
        return getattr(self.draft, name)

    def set_field(self, name: str, value: Any) -> None:
        if name not in Draft.HEADER_FIELDS:
            raise KeyError(name)
        setattr(self.draft, name, value)
        if name == "numbering":
            self.body.set_numbering(value)
        self.fieldChanged.emit(name)

    def set_recipients(self, recipients: list[str]) -> None:
        self.draft.recipients = list(recipients)
        self.recipientsChanged.emit()

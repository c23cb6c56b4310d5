"""Cài đặt → Mẫu trình bày: the layout profiles, every number of the page, and a trial print.

The built-in profiles (HD 36, HD 05) are shown but not edited: «Nhân bản» makes the office's own
copy to adjust. Issued documents keep the numbers they were issued with. Read and written on the
runner (issue 14: the UI thread only paints).
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ketluan_desktop.core.documents import layout_profiles
from ketluan_desktop.core.errors import KetLuanError
from ketluan_desktop.core.render.profile import FIELD_LABELS, FIELD_RANGES, LayoutProfile
from ketluan_desktop.ui import dialogs
from ketluan_desktop.ui.workers import answer_to, run_from, said_to


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ProfilesTab", text)


class ProfilesTab(QWidget):
    """Saves each change itself (not with the dialog's «Lưu»)."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: layout_profiles.ProfileInfo | None = None
        self.profiles: list[layout_profiles.ProfileInfo] = []
        self.numbers: dict[int, LayoutProfile] = {}
        self.editors: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            _t(
                "Mẫu trình bày là toàn bộ thông số của trang văn bản (lề, phông, cỡ chữ, giãn dòng, "
                "nơi nhận…). Mẫu có sẵn theo hướng dẫn không sửa trực tiếp: hãy nhân bản rồi sửa. "
                "Văn bản đã ban hành luôn giữ thông số lúc ban hành."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.list = QListWidget()
        self.list.setAccessibleName(_t("Các mẫu trình bày"))
        split.addWidget(self.list)
        form_host = QWidget()
        self.form = QFormLayout(form_host)
        for f in fields(LayoutProfile):
            editor = self._editor_for(f.name, f.type)
            self.editors[f.name] = editor
            self.form.addRow(FIELD_LABELS.get(f.name, f.name) + ":", editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        split.addWidget(scroll)
        split.setSizes([290, 560])
        layout.addWidget(split, 1)
        buttons = QHBoxLayout()
        self.duplicate_button = QPushButton(_t("Nhân bản"))
        self.default_button = QPushButton(_t("Đặt làm mặc định"))
        self.delete_button = QPushButton(_t("Xóa"))
        self.try_button = QPushButton(_t("Xem thử"))
        self.save_button = QPushButton(_t("Lưu mẫu"))
        for b in (self.duplicate_button, self.default_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.try_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._selected)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.default_button.clicked.connect(self.make_default)
        self.delete_button.clicked.connect(self.delete)
        self.try_button.clicked.connect(self.try_out)
        self.save_button.clicked.connect(self.save)
        self._enable_buttons()  # off until the profiles have arrived
        self.reload()

    @staticmethod
    def _editor_for(name: str, kind) -> QWidget:
        kind = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
        low, high = FIELD_RANGES.get(name, (0, 1000))
        if kind == "bool":
            return QCheckBox()
        if kind == "int":
            box = QSpinBox()
            box.setRange(int(low), int(high))
            return box
        if kind == "float":
            box = QDoubleSpinBox()
            box.setDecimals(1)
            box.setSingleStep(0.5)
            box.setRange(float(low), float(high))
            return box
        return QLineEdit()

    def reload(self, select_id: int | None = None) -> None:
        """The profiles and their numbers read on the runner (listing seeds the built-ins: a
        write); ``select_id`` chosen when they arrive, else the first."""
        db = self.ctx.db

        def work() -> tuple[list[layout_profiles.ProfileInfo], dict[int, LayoutProfile]]:
            with db.write_session() as s:
                found = layout_profiles.list_profiles(s)
                return found, {p.id: layout_profiles.get(s, p.id) for p in found}

        self.ctx.runner.query(
            ("profiles", id(self)),
            work,
            answer_to(self, lambda found: self._fill(*found, select_id)),
            said_to(self),
        )

    def _fill(self, profiles, numbers: dict[int, LayoutProfile], select_id: int | None) -> None:
        self.profiles, self.numbers = profiles, numbers
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.profiles:
            suffix = []
            if p.builtin:
                suffix.append(_t("có sẵn"))
            if p.is_default:
                suffix.append(_t("mặc định"))
            item = QListWidgetItem(p.name + (f" ({', '.join(suffix)})" if suffix else ""))
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, p in enumerate(self.profiles) if p.id == select_id), 0)
        self.list.setCurrentRow(row)
        self._selected(row)

    def _selected(self, row: int) -> None:
        if not 0 <= row < len(self.profiles):
            return
        self.current = self.profiles[row]
        for name, value in self.numbers[self.current.id].to_dict().items():
            w = self.editors.get(name)
            if isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                w.setValue(value)
            elif isinstance(w, QLineEdit):
                w.setText(str(value))
            if w is not None:
                w.setEnabled(not self.current.builtin)
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        c = self.current
        self.save_button.setEnabled(c is not None and not c.builtin)
        self.delete_button.setEnabled(c is not None and not c.builtin and not c.is_default)
        self.default_button.setEnabled(c is not None and not c.is_default)
        self.duplicate_button.setEnabled(c is not None)

    def values(self) -> dict:
        out = {}
        for name, w in self.editors.items():
            if isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                out[name] = w.value()
            elif isinstance(w, QLineEdit):
                out[name] = w.text()
        return out

    def _run(self, fn) -> None:
        """``fn(session)`` written on the runner, the editing buttons off until it is over (a
        double click writes once); then the list read again with the result chosen. A refusal
        (a number out of range, the default deleted) is shown and the form kept as typed."""
        db = self.ctx.db
        keep = self.current.id if self.current else None

        def work():
            with db.write_session() as s:
                return fn(s)

        def done(result) -> None:
            self.ctx.notify("settings")
            self.reload(result if isinstance(result, int) else keep)

        def failed(exc: BaseException, tb: str) -> None:
            self._enable_buttons()
            said(exc, tb)

        said = said_to(self)
        buttons = [self.save_button, self.duplicate_button, self.default_button, self.delete_button]
        run_from(self.ctx.runner, buttons, work, answer_to(self, done), answer_to(self, failed))

    def save(self) -> None:
        if self.current is None:
            return
        data, pid, now = self.values(), self.current.id, self.ctx.now()
        self._run(lambda s: layout_profiles.save(s, pid, data, now=now).id)

    def duplicate(self) -> None:
        if self.current is None:
            return
        pid, now = self.current.id, self.ctx.now()
        self._run(lambda s: layout_profiles.duplicate(s, pid, now=now).id)

    def make_default(self) -> None:
        if self.current is None:
            return
        pid = self.current.id
        self._run(lambda s: layout_profiles.set_default(s, pid) or pid)

    def delete(self) -> None:
        if self.current is None or not dialogs.ask_yes_no(
            self, _t("Xóa mẫu trình bày «{name}»?").format(name=self.current.name)
        ):
            return
        pid = self.current.id
        self._run(lambda s: layout_profiles.delete(s, pid))

    def try_out(self) -> None:
        """The sample conclusion printed with the numbers on the screen (saved or not)."""
        from ketluan_desktop.core.documents.rendering import sample_content
        from ketluan_desktop.ui.documents.exporting import PrintPreview

        try:
            profile = LayoutProfile.from_dict(self.values())
        except KetLuanError as exc:
            dialogs.show_error(self, exc.message)
            return
        self.preview = PrintPreview(sample_content(), profile, self)
        self.preview.show()

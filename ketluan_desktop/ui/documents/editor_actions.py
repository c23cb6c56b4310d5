"""The editor's commands as the user finds them: which actions go in which menu, on the toolbar
and in a paragraph's menu, which need the caret in a paragraph, which only a draft allows.

The window creates the actions (each with its slot) and hands them here by name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DocumentEditor", text)


# Menus and the toolbar, by action name (None: a separator).
MENUS = (
    (
        "&Văn bản",
        ("save", "save_as_new", "history", None, "approve", "return_draft", "issue", "signed",
         "replace", "duplicate", "delete", None, "pdf", "docx", "print", None, "close"),
    ),
    (
        "&Sửa",
        ("undo", "redo", None, "bold", "italic", None, "up", "down", "delete_block"),
    ),
    (
        "Đị&nh dạng",
        ("paragraph", "bullet", "indent", "outdent", None, "new_block", "new_section"),
    ),
    ("&Chèn", ("task", "figures")),
)  # fmt: skip
TOOLBAR = (
    "save", None, "undo", "redo", None, "bold", "italic", None, "paragraph", "bullet", "indent",
    "outdent", "up", "down", "new_section", None, "task", "figures", None, "approve", "issue", "pdf",
    "print",
)  # fmt: skip
BLOCK_MENU = (
    "paragraph", "bullet", "indent", "outdent", None, "task", None, "up", "down", "new_block",
    "delete_block",
)  # fmt: skip
# Short labels on the toolbar; menus and tooltips keep the full words.
SHORT_LABELS = {
    "bold": "B", "italic": "I", "up": "↑ Lên", "down": "↓ Xuống", "indent": "→ Thụt vào",
    "outdent": "← Lùi ra", "figures": "Chèn số liệu", "task": "★ Nhiệm vụ", "print": "In…",
}  # fmt: skip
# Enabled only when the caret is in a paragraph or bullet of a draft.
BLOCK_ACTIONS = (
    "bold", "italic", "paragraph", "bullet", "indent", "outdent", "delete_block", "task",
)  # fmt: skip
# Disabled once the document is issued.
DRAFT_ACTIONS = (
    "save", "bold", "italic", "paragraph", "bullet", "indent", "outdent", "up", "down",
    "new_section", "new_block", "delete_block", "task", "figures", "issue", "delete", "approve",
    "return_draft",
)  # fmt: skip


def make_action(window: QWidget, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
    """An action of the window: its shortcut works anywhere in the window and shows in the tip."""
    act = QAction(text, window)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    act.triggered.connect(slot)
    tip = tip or text.replace("&", "").rstrip("…")
    if shortcut is not None:
        seq = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        tip = f"{tip} ({seq})"
    act.setToolTip(tip)
    act.setStatusTip(tip)
    window.addAction(act)
    return act


def install_menus(window: QMainWindow, acts: dict[str, QAction]) -> QToolBar:
    """The menu bar and the toolbar of the editor window; returns the toolbar."""
    for name, short in SHORT_LABELS.items():
        acts[name].setIconText(short)
    for name, bold in (("bold", True), ("italic", False)):
        font = acts[name].font()
        font.setBold(bold)
        font.setItalic(not bold)
        acts[name].setFont(font)
    for title, names in MENUS:
        menu = window.menuBar().addMenu(_t(title))
        for name in names:
            menu.addSeparator() if name is None else menu.addAction(acts[name])
    tb = QToolBar(_t("Thanh công cụ soạn thảo"))
    tb.setObjectName("editorToolbar")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in TOOLBAR:
        tb.addSeparator() if name is None else tb.addAction(acts[name])
    window.addToolBar(tb)
    return tb


def block_menu(parent: QWidget, acts: dict[str, QAction]) -> QMenu:
    """The menu of a paragraph's gutter button."""
    menu = QMenu(parent)
    for name in BLOCK_MENU:
        menu.addSeparator() if name is None else menu.addAction(acts[name])
    return menu

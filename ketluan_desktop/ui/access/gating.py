"""Widgets a role may not use stay disabled, with the reason on hover (the service refuses the
call anyway: this only spares people a button that can only fail)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ketluan_desktop.core.access.actor import actor_of, refusal
from ketluan_desktop.core.access.permissions import Permission


class _KeepDisabled(QObject):
    """Screens enable their buttons when a row is selected; a gated one goes back to disabled."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.EnabledChange and obj.isEnabled():
            obj.setEnabled(False)
        return False


_keeper: list[_KeepDisabled] = []


def gate(target: QWidget | QAction, db, permission: Permission) -> bool:
    """Disable ``target`` (and say why) unless the database's actor holds ``permission``.
    True when the role may use it."""
    actor = actor_of(db)
    if actor.can(permission):
        return True
    reason = refusal(actor, permission)
    target.setEnabled(False)
    target.setToolTip(reason)
    target.setStatusTip(reason)
    target.setProperty("accessDenied", True)
    if isinstance(target, QWidget):
        if not _keeper:
            _keeper.append(_KeepDisabled())
        target.installEventFilter(_keeper[0])
    else:
        target.changed.connect(lambda t=target: t.setEnabled(False) if t.isEnabled() else None)
    return False


# What each members page's controls need, by tab (pages are built when first shown).
MEMBER_PAGE_GATES: dict[str, list[tuple[str, Permission]]] = {
    "members": [
        ("add_button", Permission.EDIT_MEMBERS),
        ("import_button", Permission.EDIT_MEMBERS),
        ("export_button", Permission.MEMBER_PERSONAL_DATA),
        ("edit_button", Permission.EDIT_MEMBERS),
        ("new_procedure_button", Permission.EDIT_MEMBERS),
        ("delete_button", Permission.EDIT_MEMBERS),
    ],
    "procedures": [
        ("new_button", Permission.EDIT_MEMBERS),
        ("edit_button", Permission.EDIT_MEMBERS),
        ("delete_button", Permission.EDIT_MEMBERS),
    ],
    "figures": [
        ("excel_button", Permission.MEMBER_PERSONAL_DATA),
        ("pdf_button", Permission.MEMBER_PERSONAL_DATA),
    ],
    # The reminders' export holds what the role sees (no personal data without the permission).
    "dashboard": [
        ("export_button", Permission.READ_MEMBERS),
        ("procedure_button", Permission.READ_PROCEDURES),
    ],
}
# What each workspace's controls need (attribute paths from the workspace).
WORKSPACE_GATES: dict[str, list[tuple[str, Permission]]] = {
    "tasks": [
        ("add_btn", Permission.EDIT_TASKS),
        ("from_doc_btn", Permission.EDIT_TASKS),
        ("panel.update_btn", Permission.EDIT_TASKS),
        ("panel.done_btn", Permission.EDIT_TASKS),
        ("panel.pause_btn", Permission.EDIT_TASKS),
        ("panel.edit_btn", Permission.EDIT_TASKS),
        ("panel.delete_btn", Permission.EDIT_TASKS),
    ],
    "meetings": [("new_meeting_button", Permission.EDIT_MEETINGS)],
}
WINDOW_GATES: list[tuple[str, Permission]] = [
    ("act_import", Permission.DRAFT_DOCUMENTS),
    ("act_demo", Permission.EDIT_SETTINGS),
    ("act_settings", Permission.EDIT_SETTINGS),
    ("act_setup", Permission.EDIT_SETTINGS),
    ("act_backup", Permission.BACKUP),
    ("act_new_task", Permission.EDIT_TASKS),
    ("act_new_meeting", Permission.EDIT_MEETINGS),
    ("act_audit", Permission.READ_AUDIT),
    ("act_accounts", Permission.MANAGE_ACCOUNTS),
    ("signing.act_sign", Permission.SIGN_DOCUMENTS),
    ("signing.act_seal", Permission.ISSUE_DOCUMENTS),
]


def _find(root, path: str):
    obj = root
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def gate_all(root, db, gates: list[tuple[str, Permission]]) -> int:
    """Gate every control found under ``root``; how many were disabled."""
    n = 0
    for path, permission in gates:
        target = _find(root, path)
        if isinstance(target, (QWidget, QAction)) and not gate(target, db, permission):
            n += 1
    return n


def gate_members(workspace, db) -> None:
    """The members workspace: the procedures tab only for roles that may read procedures; the
    controls of each page as it is built (pages are built when first shown)."""
    from ketluan_desktop.ui.workspaces import members as ws

    actor = actor_of(db)
    if not actor.can(Permission.READ_PROCEDURES):
        workspace.tabs.setTabEnabled(ws.TAB_PROCEDURES, False)
        workspace.tabs.setTabToolTip(ws.TAB_PROCEDURES, refusal(actor, Permission.READ_PROCEDURES))
    names = {
        ws.TAB_DASHBOARD: "dashboard",
        ws.TAB_MEMBERS: "members",
        ws.TAB_PROCEDURES: "procedures",
        ws.TAB_FIGURES: "figures",
    }

    def gate_built(_index: int = 0) -> None:
        for index, page in list(workspace._built.items()):
            gate_all(page, db, MEMBER_PAGE_GATES.get(names.get(index, ""), []))

    gate_built()
    workspace.tabs.currentChanged.connect(gate_built)


def gate_workspace(window, key: str, db) -> None:
    workspace = window._workspace(key)
    if key == "members":
        gate_members(workspace, db)
        return
    gate_all(workspace, db, WORKSPACE_GATES.get(key, []))

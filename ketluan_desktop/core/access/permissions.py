"""The permissions services check, the roles the office knows and what each role may do.

A role's *key* is stored on an account and never changes; its *name* is what the office calls it
(configurable in the settings, ``access.role_names``). Which permissions a role carries is fixed
here: the office's own division of work (issue 16), reviewed in code, not edited at a desk.
"""

from __future__ import annotations

import enum


class Permission(enum.StrEnum):
    DRAFT_DOCUMENTS = "draft_documents"  # create and edit drafts, import texts
    ISSUE_DOCUMENTS = "issue_documents"  # numbering, issue, replace, the outgoing register
    REGISTER_INCOMING = "register_incoming"  # the incoming register, dispatch
    APPROVE_DOCUMENTS = "approve_documents"  # approve drafts
    SIGN_DOCUMENTS = "sign_documents"  # digital signatures
    EDIT_MEETINGS = "edit_meetings"
    EDIT_TASKS = "edit_tasks"
    READ_MEMBERS = "read_members"  # names, organisation, status
    READ_PROCEDURES = "read_procedures"  # procedures' kinds and statuses
    MEMBER_PERSONAL_DATA = "member_personal_data"  # birth date, card/ID number, origin, travel…
    EDIT_MEMBERS = "edit_members"  # member records and procedures
    EDIT_SETTINGS = "edit_settings"  # office settings, units, terms, signing setup
    BACKUP = "backup"  # backups and restore
    MANAGE_ACCOUNTS = "manage_accounts"
    READ_AUDIT = "read_audit"


PERMISSION_LABELS = {
    Permission.DRAFT_DOCUMENTS: "soạn thảo văn bản",
    Permission.ISSUE_DOCUMENTS: "cấp số và ban hành văn bản",
    Permission.REGISTER_INCOMING: "vào sổ văn bản đến",
    Permission.APPROVE_DOCUMENTS: "duyệt dự thảo",
    Permission.SIGN_DOCUMENTS: "ký số văn bản",
    Permission.EDIT_MEETINGS: "ghi hội nghị",
    Permission.EDIT_TASKS: "cập nhật nhiệm vụ",
    Permission.READ_MEMBERS: "xem danh sách đảng viên",
    Permission.READ_PROCEDURES: "xem thủ tục đảng viên",
    Permission.MEMBER_PERSONAL_DATA: "xem và xuất thông tin cá nhân của đảng viên",
    Permission.EDIT_MEMBERS: "sửa hồ sơ và thủ tục đảng viên",
    Permission.EDIT_SETTINGS: "thay đổi cài đặt của văn phòng",
    Permission.BACKUP: "sao lưu và khôi phục dữ liệu",
    Permission.MANAGE_ACCOUNTS: "quản lý tài khoản",
    Permission.READ_AUDIT: "xem nhật ký thao tác",
}


class Role(enum.StrEnum):
    CLERK = "van_thu"
    SPECIALIST = "chuyen_vien"
    CHIEF = "lanh_dao_vp"
    ORGANISATION = "to_chuc"
    INSPECTION = "kiem_tra"
    ADMIN = "quan_tri"


DEFAULT_ROLE_NAMES = {
    Role.CLERK: "Văn thư",
    Role.SPECIALIST: "Chuyên viên",
    Role.CHIEF: "Lãnh đạo Văn phòng",
    Role.ORGANISATION: "Tổ chức",
    Role.INSPECTION: "Kiểm tra",
    Role.ADMIN: "Quản trị",
}

P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(
        {P.ISSUE_DOCUMENTS, P.REGISTER_INCOMING, P.DRAFT_DOCUMENTS, P.READ_MEMBERS}
    ),
    Role.SPECIALIST: frozenset({P.DRAFT_DOCUMENTS, P.EDIT_MEETINGS, P.EDIT_TASKS, P.READ_MEMBERS}),
    Role.CHIEF: frozenset(
        {P.APPROVE_DOCUMENTS, P.SIGN_DOCUMENTS, P.DRAFT_DOCUMENTS, P.READ_MEMBERS, P.READ_AUDIT}
    ),
    Role.ORGANISATION: frozenset(
        {P.READ_MEMBERS, P.READ_PROCEDURES, P.MEMBER_PERSONAL_DATA, P.EDIT_MEMBERS}
    ),
    Role.INSPECTION: frozenset({P.READ_MEMBERS, P.READ_PROCEDURES, P.READ_AUDIT}),
    Role.ADMIN: frozenset(
        {P.EDIT_SETTINGS, P.BACKUP, P.MANAGE_ACCOUNTS, P.READ_AUDIT, P.READ_MEMBERS}
    ),
}
ALL_PERMISSIONS = frozenset(Permission)


def role_of(key: str) -> Role:
    try:
        return Role(key)
    except ValueError:
        raise ValueError(f"unknown role {key!r}") from None

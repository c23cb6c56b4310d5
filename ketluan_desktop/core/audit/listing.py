"""Reading the audit trail: the «Nhật ký thao tác» screen and its Excel export.

Roles without the personal-data permission see that a member's birth date changed, never the
values (core/access/personal.py masks them).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ketluan_desktop.core import private_files
from ketluan_desktop.core.access import personal
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail
from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.text.dates import format_date, format_moment

AREAS: dict[str, tuple[str, ...]] = {
    "Văn bản": ("document", "incoming_document", "document_signature", "signature"),
    "Hội nghị": ("meeting",),
    "Nhiệm vụ": ("task", "task_update"),
    "Đảng viên": ("member",),
    "Thủ tục đảng viên": ("procedure",),
    "Tài khoản": ("account",),
    "Cài đặt": (
        "setting",
        "organisation",
        "term",
        "trusted_root",
        "signing_image",
        "audit_entry",
        "office",
        "layout_profile",
    ),
}
ACTIONS = {
    "create": "Thêm",
    "update": "Sửa",
    "delete": "Xóa",
    "issue": "Ban hành",
    "sign": "Ký số",
    "import": "Nhập",
    "export": "Xuất",
    "sign_in": "Đăng nhập",
    "sign_in_failed": "Đăng nhập sai",
    "reset_password": "Đặt lại mật khẩu",
    "change_password": "Đổi mật khẩu",
    "status": "Đổi trạng thái",
    "progress": "Cập nhật tiến độ",
    "track": "Theo dõi",
    "receive": "Vào sổ đến",
    "setup": "Thiết lập",
    "approve": "Duyệt dự thảo",
    "return": "Trả lại dự thảo",
}
PAGE = 500
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# What a change's keys mean, in the words of the screens (the trail stores the code's names).
FIELD_LABELS = {
    "status": "Trạng thái",
    "locked": "Bị khóa",
    "role": "Vai trò",
    "role_names": "Tên vai trò",
    "unit": "Đơn vị",
    "approval": "Duyệt",
    "comment": "Ý kiến",
    "fields": "Mục đã sửa",
    "member_fields": "Mục hồ sơ đã sửa",
    "rule": "Danh sách",
    "rows": "Số dòng",
    "file": "Tệp",
    "filters": "Bộ lọc",
    "sha256": "Mã băm SHA-256",
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "birth_date": "Ngày sinh",
    "place_of_origin": "Quê quán",
    "ethnicity": "Dân tộc",
    "organisation": "Tổ chức cơ sở đảng",
    "cell": "Chi bộ",
    "position": "Chức vụ",
    "agency": "Cơ quan, đơn vị công tác",
    "card_number": "Số thẻ đảng viên",
    "admission_date": "Ngày vào Đảng",
    "ceremony_date": "Ngày lễ kết nạp",
    "full_member_date": "Ngày chính thức",
    "first_admission_date": "Ngày vào Đảng lần đầu",
    "notes": "Ghi chú",
}


def _status_words() -> dict[str, str]:
    """Stored state codes → their Vietnamese names (tasks, members, procedures, documents)."""
    from ketluan_desktop.core.documents.content import DOCUMENT_STATUS_LABELS
    from ketluan_desktop.core.members.models import MEMBER_STATUS_LABELS, PROCEDURE_STATUS_LABELS
    from ketluan_desktop.core.tasks.models import TASK_STATUS_LABELS

    words: dict[str, str] = {}
    for labels in (
        DOCUMENT_STATUS_LABELS,
        MEMBER_STATUS_LABELS,
        PROCEDURE_STATUS_LABELS,
        TASK_STATUS_LABELS,
    ):
        words.update({str(code): label for code, label in labels.items()})
    return words


def _field(key: str) -> str:
    return FIELD_LABELS.get(key, key)


def _value(key: str, value: Any) -> str:
    if key == "approval":  # a draft's (core/documents/approval.py): [before, after]
        from ketluan_desktop.core.documents.approval import label

        states = value if isinstance(value, list) else [value]
        return " → ".join(label("draft", v) for v in states)
    if key == "status" and isinstance(value, list):
        return " → ".join(_value(key, v) for v in value)
    if key == "status" and isinstance(value, str):
        return _status_words().get(value, value)
    if key in ("fields", "member_fields") and isinstance(value, list):
        return ", ".join(_field(str(v)) for v in value)
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return " → ".join(_value(key, v) for v in value)  # [before, after]
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return format_date(date.fromisoformat(value))  # dates as the office writes them
    return _v(value)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str | None
    action: str
    entity: str
    entity_id: int | None
    summary: str | None
    changes: dict[str, Any] | None

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def area(self) -> str:
        return next((a for a, ents in AREAS.items() if self.entity in ents), self.entity)

    @property
    def changes_text(self) -> str:
        """«birth_date: 1980-02-05 → 1980-02-06; …», or the plain values of other changes."""
        c = self.changes or {}
        before, after = c.get("before"), c.get("after")
        if isinstance(before, dict) and isinstance(after, dict):
            keys = list(dict.fromkeys([*before, *after]))
            return "; ".join(
                f"{_field(k)}: {_value(k, before.get(k))} → {_value(k, after.get(k))}" for k in keys
            )
        return "; ".join(f"{_field(k)}: {_value(k, v)}" for k, v in c.items())


def _t(ws: Any, value: Any) -> Any:
    from ketluan_desktop.core.xlsx_text import text_cell

    return text_cell(ws, value)


def _v(value: Any) -> str:
    if value is None:
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if (
        isinstance(value, list)
        and len(value) == 2
        and not any(isinstance(v, (dict, list)) for v in value)
    ):
        return f"{_v(value[0])} → {_v(value[1])}"  # [before, after], as several services record
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _filtered(person: str | None, area: str | None, since: date | None, until: date | None):
    stmt = select(AuditEntry)
    if person:
        stmt = stmt.where(AuditEntry.username == person)
    if area:
        if area not in AREAS:
            raise ValidationError(f"Không có lĩnh vực «{area}». Các lĩnh vực: {', '.join(AREAS)}.")
        stmt = stmt.where(AuditEntry.entity.in_(AREAS[area]))
    if since is not None:
        stmt = stmt.where(AuditEntry.at >= _start(since))
    if until is not None:
        stmt = stmt.where(AuditEntry.at < _start(until + timedelta(days=1)))
    return stmt


def _start(d: date) -> datetime:
    from ketluan_desktop.core.clock import VN_TZ

    return datetime.combine(d, time(0), tzinfo=VN_TZ).astimezone(UTC)


@requires(Permission.READ_AUDIT)
def entries(
    session: Session,
    *,
    person: str | None = None,
    area: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = PAGE,
    offset: int = 0,
) -> list[AuditRow]:
    """Newest first, personal values masked for roles that may not see them."""
    stmt = _filtered(person, area, since, until).order_by(AuditEntry.id.desc()).offset(offset)
    if limit:
        stmt = stmt.limit(limit)
    shown = personal.allowed(session)
    return [
        AuditRow(
            e.id,
            e.at,
            e.username,
            e.action,
            e.entity,
            e.entity_id,
            e.summary,
            e.changes if shown else personal.mask_changes(e.entity, e.changes),
        )
        for e in session.scalars(stmt)
    ]


@requires(Permission.READ_AUDIT)
def count(session: Session, **filters: Any) -> int:
    sub = _filtered(**filters).with_only_columns(AuditEntry.id).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


@requires(Permission.READ_AUDIT)
def people(session: Session) -> list[str]:
    names = session.scalars(
        select(AuditEntry.username).where(AuditEntry.username.is_not(None)).distinct()
    )
    return sorted(n for n in names if n)


@requires(Permission.READ_AUDIT)
def export_xlsx(
    session: Session,
    path: str | Path,
    *,
    now: datetime,
    person: str | None = None,
    area: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> int:
    """The filtered trail as an .xlsx (owner-only permissions); the export itself is audited."""
    import openpyxl

    from ketluan_desktop.core.clock import VN_TZ
    from ketluan_desktop.core.fsutil import atomic_writer

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("Tệp xuất phải có đuôi .xlsx.")
    rows = entries(session, person=person, area=area, since=since, until=until, limit=None)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Nhật ký thao tác")
    ws.append(
        [
            "Mã",
            "Thời điểm",
            "Người thực hiện",
            "Thao tác",
            "Lĩnh vực",
            "Mã bản ghi",
            "Nội dung",
            "Trước → sau",
        ]
    )
    for r in rows:
        ws.append(
            [
                r.id,
                format_moment(r.at.astimezone(VN_TZ), seconds=True),
                _t(ws, r.username),
                r.action_label,
                r.area,
                r.entity_id,
                _t(ws, r.summary),
                _t(ws, r.changes_text),
            ]
        )
    with atomic_writer(path) as fh:
        wb.save(fh)
    private_files.restrict_to_owner(path)
    filters = {
        "person": person,
        "area": area,
        "since": since and since.isoformat(),
        "until": until and until.isoformat(),
    }
    trail.record(
        session,
        now=now,
        action="export",
        entity="audit_entry",
        summary=f"Xuất {len(rows)} mục nhật ký thao tác ra tệp {path.name}",
        changes={
            "file": str(path),
            "rows": len(rows),
            "filters": {k: v for k, v in filters.items() if v},
        },
    )
    return len(rows)

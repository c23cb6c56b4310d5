"""Party members' records: adding, editing, deleting, the periods out of the Party; the
organisations a record may belong to. The list is in ``member_list``, the checks a record passes
in ``member_checks``, the party age in ``party_years``.

Member records are personal data: nothing here writes a name, a date of birth or a card number to
the log; the audit trail names records by their id only.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import ConflictError, NotFoundError
from ketluan_desktop.core.members.member_checks import (
    MemberData,
    Problem,
    card_pattern,
    check_in_database,
    check_values,
    raise_problems,
)
from ketluan_desktop.core.members.models import (
    Member,
    MemberAbsence,
    MemberStatus,
    Procedure,
)
from ketluan_desktop.core.members.vocabulary import status_label  # noqa: F401 - records.*
from ketluan_desktop.core.org.models import Organisation, OrgKind
from ketluan_desktop.core.text.dates import format_date

# Members who still belong to the bloc's Party organisation (reminders, badges).
ACTIVE_STATUSES = (MemberStatus.PROBATIONARY.value, MemberStatus.FULL.value)


def fmt_date(d: date | None) -> str:
    return format_date(d)


# ---------------------------------------------------------------------------------------------
# Organisations for pickers and for matching names in imported sheets
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OrgChoice:
    id: int
    name: str
    cells: tuple[tuple[int, str], ...] = ()


def grassroots_organisations(session: Session) -> list[OrgChoice]:
    """Grassroots organisations (đảng bộ cơ sở, chi bộ cơ sở) with their cells, in order."""
    orgs = session.scalars(
        select(Organisation)
        .where(Organisation.kind == OrgKind.GRASSROOTS.value, Organisation.active.is_(True))
        .order_by(Organisation.position, Organisation.name)
    ).all()
    cells: dict[int, list[tuple[int, str]]] = {}
    for c in session.scalars(
        select(Organisation)
        .where(Organisation.kind == OrgKind.CELL.value, Organisation.active.is_(True))
        .order_by(Organisation.position, Organisation.name)
    ):
        if c.parent_id is not None:
            cells.setdefault(c.parent_id, []).append((c.id, c.name))
    return [OrgChoice(o.id, o.name, tuple(cells.get(o.id, ()))) for o in orgs]


@requires(Permission.READ_MEMBERS)
def get(session: Session, member_id: int) -> Member:
    m = session.get(Member, member_id)
    if m is None:
        raise NotFoundError(
            f"Không còn hồ sơ đảng viên mã {member_id} (có thể đã bị xóa). Hãy làm mới danh sách."
        )
    return m


@requires(Permission.EDIT_MEMBERS)
def create(
    session: Session, data: MemberData, *, now: datetime, username: str | None = None
) -> Member:
    data = data.cleaned()
    raise_problems(check_values(data, now.date(), card_pattern=card_pattern(session)))
    raise_problems(check_in_database(session, data, None))
    m = Member(**{f.name: getattr(data, f.name) for f in fields(MemberData)})
    m.created_at = m.updated_at = now
    session.add(m)
    flush(session)
    audit.record(
        session,
        now=now,
        action="create",
        entity="member",
        entity_id=m.id,
        summary=f"Thêm hồ sơ đảng viên mã {m.id}",
        username=username,
    )
    return m


def _check_version(m: Member, expected_version: int | None) -> None:
    from ketluan_desktop.core.db import versioning

    versioning.check_version(
        m,
        expected_version,
        f"Hồ sơ đảng viên mã {m.id} vừa được người khác sửa{{changed}} (trên máy khác hoặc cửa "
        "sổ khác). Thay đổi của bạn chưa được lưu: hãy mở lại hồ sơ để xem bản mới rồi sửa lại.",
    )


@requires(Permission.EDIT_MEMBERS)
def update(
    session: Session,
    member_id: int,
    data: MemberData,
    *,
    expected_version: int | None,
    now: datetime,
    username: str | None = None,
) -> Member:
    m = get(session, member_id)
    _check_version(m, expected_version)
    data = data.cleaned()
    raise_problems(check_values(data, now.date(), card_pattern=card_pattern(session)))
    raise_problems(check_in_database(session, data, member_id))
    changed = [f.name for f in fields(MemberData) if getattr(m, f.name) != getattr(data, f.name)]
    if not changed:
        return m
    # Before/after values go to the audit trail, except personal data (core/access/personal.py):
    # the trail names the field that changed, never a birth date or a card number.
    public = [n for n in changed if n not in personal.MEMBER_FIELDS]
    before = {n: _plain(getattr(m, n)) for n in public}
    after = {n: _plain(getattr(data, n)) for n in public}
    for name in changed:
        setattr(m, name, getattr(data, name))
    m.updated_at = now
    flush(session)
    audit.record(
        session,
        now=now,
        action="update",
        entity="member",
        entity_id=m.id,
        summary=f"Sửa hồ sơ đảng viên mã {m.id}",
        changes={"fields": changed, **({"before": before, "after": after} if public else {})},
        username=username,
    )
    return m


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


@requires(Permission.EDIT_MEMBERS)
def delete(
    session: Session,
    member_id: int,
    *,
    expected_version: int | None,
    now: datetime,
    username: str | None = None,
) -> None:
    m = get(session, member_id)
    _check_version(m, expected_version)
    n = session.scalar(select(func.count()).where(Procedure.member_id == member_id)) or 0
    if n:
        raise ConflictError(
            f"Không xóa được: hồ sơ này có {n} thủ tục đã ghi. Một đảng viên chuyển đi, từ trần hay "
            "bị xóa tên thì đổi tình trạng, không xóa hồ sơ (số liệu các kỳ trước cần các thủ tục đó)."
        )
    session.delete(m)
    flush(session)
    audit.record(
        session,
        now=now,
        action="delete",
        entity="member",
        entity_id=member_id,
        summary=f"Xóa hồ sơ đảng viên mã {member_id}",
        username=username,
    )


DUPLICATE_MESSAGE = (
    "Không lưu được: dữ liệu vừa trùng với một hồ sơ khác (thường là số thẻ đảng viên, do máy "
    "khác vừa ghi cùng lúc). Chưa có gì thay đổi: hãy mở lại để kiểm tra."
)


def flush(session: Session) -> None:
    """Flush, turning a lost race with another workstation into a clear message.

    The database's own error is dropped (``from None``): its text carries the row's values, which
    are personal data and must not reach a log file through a traceback.
    """
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(
            "Hồ sơ vừa được người khác sửa trên máy khác. Thay đổi của bạn chưa được lưu: hãy mở lại "
            "để xem bản mới rồi sửa lại."
        ) from None
    except IntegrityError:
        raise ConflictError(DUPLICATE_MESSAGE) from None


@requires(Permission.EDIT_MEMBERS)
def set_absences(
    session: Session,
    member_id: int,
    periods: list[tuple[date, date | None]],
    *,
    now: datetime,
    username: str | None = None,
) -> None:
    """Replace the member's periods outside the Party (they shorten the Party age)."""
    m = get(session, member_id)
    problems = []
    ordered = sorted(periods, key=lambda p: p[0])
    for i, (start, end) in enumerate(ordered):
        if end is not None and end <= start:
            problems.append(
                Problem(
                    "absences",
                    f"Thời gian ra khỏi Đảng từ {fmt_date(start)} đến {fmt_date(end)}: ngày kết thúc phải sau ngày bắt đầu.",
                )
            )
        if start > now.date():
            problems.append(Problem("absences", f"Ngày {fmt_date(start)} ở sau ngày hôm nay."))
        previous_end = ordered[i - 1][1] if i else None
        if i and (previous_end is None or previous_end > start):
            problems.append(
                Problem("absences", "Các khoảng thời gian ra khỏi Đảng chồng lên nhau.")
            )
        if m.first_admission_date and start < m.first_admission_date:
            problems.append(
                Problem("absences", f"Ngày {fmt_date(start)} trước ngày vào Đảng lần đầu.")
            )
    raise_problems(problems)
    m.absences.clear()
    for start, end in ordered:
        m.absences.append(MemberAbsence(start_date=start, end_date=end))
    m.updated_at = now
    flush(session)
    audit.record(
        session,
        now=now,
        action="update",
        entity="member",
        entity_id=m.id,
        summary=f"Cập nhật thời gian ra khỏi Đảng của hồ sơ mã {m.id}",
        username=username,
    )

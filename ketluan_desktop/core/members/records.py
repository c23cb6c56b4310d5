"""Party members: the list sorted the Vietnamese way, accent-free search, adding and editing.

Member records are personal data: nothing here writes a name, a date of birth or a card number to
the log; the audit trail names records by their id only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from ketluan_desktop.core.access import personal
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.db.paging import KeysetList, Page
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.members.models import (
    MEMBER_STATUS_LABELS,
    Member,
    MemberAbsence,
    MemberStatus,
    Procedure,
)
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Organisation, OrgKind
from ketluan_desktop.core.text import clean, fold
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.core.workdays import add_months

GENDERS = ("Nam", "Nữ")
ADMISSION_AGE_MIN = 18  # Điều lệ Đảng: from 18 (counted in months)
OLDEST_BIRTH_YEAR = 1900

# Members who still belong to the bloc's Party organisation (reminders, badges).
ACTIVE_STATUSES = (MemberStatus.PROBATIONARY.value, MemberStatus.FULL.value)


def status_label(status: str) -> str:
    try:
        return MEMBER_STATUS_LABELS[MemberStatus(status)]
    except ValueError:
        return status


def fmt_date(d: date | None) -> str:
    return format_date(d)


# ---------------------------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MemberRow:
    id: int
    full_name: str
    gender: str | None
    birth_date: date | None
    organisation: str | None
    status: str
    card_number: str | None
    admission_date: date | None
    cell: str | None = None
    position: str | None = None

    @property
    def status_label(self) -> str:
        return status_label(self.status)


_DIGITS = re.compile(r"^[0-9 .\-]+$")


def filtered(
    *,
    text: str | None = None,
    organisation_id: int | None = None,
    cell_id: int | None = None,
    status: str | None = None,
    statuses: tuple[str, ...] | None = None,
) -> Select:
    """The ids matching the filters. A query of digits looks for a card number (its start),
    anything else for the accent-free full name ("nguyen van tuan" finds "Nguyễn Văn Tuấn")."""
    stmt = select(Member.id)
    if text and text.strip():
        q = text.strip()
        if _DIGITS.match(q):
            stmt = stmt.where(Member.card_number.startswith(q.replace(" ", ""), autoescape=True))
        else:
            stmt = stmt.where(Member.name_folded.contains(fold(q), autoescape=True))
    if organisation_id is not None:
        stmt = stmt.where(Member.organisation_id == organisation_id)
    if cell_id is not None:
        stmt = stmt.where(Member.cell_id == cell_id)
    if status:
        stmt = stmt.where(Member.status == status)
    if statuses:
        stmt = stmt.where(Member.status.in_(statuses))
    return stmt


@requires(Permission.READ_MEMBERS)
def list_members(
    session: Session, *, limit: int | None = None, offset: int = 0, **filters
) -> list[MemberRow]:
    """One window of the list, sorted by given name then family and middle names.

    The window's ids come from the index alone (name_sort, id, name_folded), then only those rows
    are read: opening a list of 100,000 members reads one window, not the table.
    """
    ids = filtered(**filters).order_by(Member.name_sort, Member.id).offset(offset)
    if limit:
        ids = ids.limit(limit)
    window = ids.subquery()
    org = aliased(Organisation)
    cell = aliased(Organisation)
    stmt = (
        select(
            Member.id,
            Member.full_name,
            Member.gender,
            Member.birth_date,
            org.name,
            Member.status,
            Member.card_number,
            Member.admission_date,
            cell.name,
            Member.position,
        )
        .join(window, window.c.id == Member.id)
        .outerjoin(org, org.id == Member.organisation_id)
        .outerjoin(cell, cell.id == Member.cell_id)
        .order_by(Member.name_sort, Member.id)
    )
    rows = [MemberRow(*row) for row in session.execute(stmt)]
    return rows if personal.allowed(session) else [_public(r) for r in rows]


@requires(Permission.READ_MEMBERS)
def count(session: Session, **filters) -> int:
    return session.scalar(select(func.count()).select_from(filtered(**filters).subquery())) or 0


@requires(Permission.READ_MEMBERS)
def rows_for_ids(session: Session, ids: list[int]) -> list[MemberRow]:
    """The rows of these members, in the order of ``ids``."""
    if not ids:
        return []
    org = aliased(Organisation)
    cell = aliased(Organisation)
    stmt = (
        select(
            Member.id,
            Member.full_name,
            Member.gender,
            Member.birth_date,
            org.name,
            Member.status,
            Member.card_number,
            Member.admission_date,
            cell.name,
            Member.position,
        )
        .outerjoin(org, org.id == Member.organisation_id)
        .outerjoin(cell, cell.id == Member.cell_id)
        .where(Member.id.in_(ids))
    )
    by_id = {row[0]: MemberRow(*row) for row in session.execute(stmt)}
    rows = [by_id[i] for i in ids if i in by_id]
    return rows if personal.allowed(session) else [_public(r) for r in rows]


def _public(row: MemberRow) -> MemberRow:
    """A row for a role without the personal-data permission: no sex, birth date, card number."""
    return personal.redact(row)


class MemberList:
    """What the list screen reads: the count under the filters and pages of rows by key.

    The count is one ``COUNT(*)``; a page seeks the index on (name_sort, id) past the key of the
    row above it (``core.db.paging``), an accent-free search filtering that same index as it goes,
    so neither scrolling nor searching ever loads the matching ids. ``session`` is a callable
    giving a session context (``Database.session``); both methods run off the UI thread.
    """

    def __init__(self, session, **filters) -> None:
        self._session = session
        self.filters = filters
        self._keyset = KeysetList(filtered(**filters), (Member.name_sort, Member.id), rows_for_ids)

    def count(self) -> int:
        with self._session() as s:
            return self._keyset.count(s)

    def page(self, limit: int, **where) -> Page:
        """A page in display order: the first, ``after``/``before`` a key, ``last``, ``offset``."""
        with self._session() as s:
            return self._keyset.page(s, limit, **where)

    def window(self, offset: int, limit: int) -> list[MemberRow]:
        return self.page(limit, offset=offset).rows

    def opening(self, limit: int) -> tuple[int, Page]:
        """The count and the first page: side by side on a database server (``session`` is a
        ``Database.session``), one after the other otherwise."""
        db = getattr(self._session, "__self__", None)
        if db is None or not getattr(db, "is_server", False):
            return self.count(), self.page(limit)
        from ketluan_desktop.core.db.gathering import gather

        count, first = gather(
            db, lambda s: self._keyset.count(s), lambda s: self._keyset.page(s, limit)
        )
        return count, first


def row_of(session: Session, member_id: int, **filters) -> int | None:
    """The row number of a member in the list under ``filters`` (None when it is filtered out)."""
    m = session.get(Member, member_id)
    if m is None:
        return None
    ids = filtered(**filters)
    if (
        session.scalar(
            select(func.count()).select_from(ids.where(Member.id == member_id).subquery())
        )
        == 0
    ):
        return None
    before = ids.where(
        (Member.name_sort < m.name_sort) | ((Member.name_sort == m.name_sort) & (Member.id < m.id))
    )
    return session.scalar(select(func.count()).select_from(before.subquery())) or 0


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


# ---------------------------------------------------------------------------------------------
# One member's record
# ---------------------------------------------------------------------------------------------
@dataclass
class MemberData:
    """The editable fields of a member, as a form or an imported row gives them."""

    full_name: str = ""
    gender: str | None = None
    birth_date: date | None = None
    place_of_origin: str | None = None
    ethnicity: str | None = None
    organisation_id: int | None = None
    cell_id: int | None = None
    position: str | None = None
    agency: str | None = None
    card_number: str | None = None
    admission_date: date | None = None
    first_admission_date: date | None = None
    ceremony_date: date | None = None
    full_member_date: date | None = None
    status: str = MemberStatus.FULL.value
    seriously_ill: bool = False
    notes: str | None = None

    @classmethod
    def of(cls, m: Member) -> MemberData:
        return cls(**{f.name: getattr(m, f.name) for f in fields(cls)})

    def cleaned(self) -> MemberData:
        """NFC, spaces tidied, empty text as None; the card number without inner spaces."""
        changes = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, str):
                v = clean(v) or None
                if f.name == "card_number" and v:
                    v = v.replace(" ", "")
                changes[f.name] = v
        data = replace(self, **changes)
        if data.full_name is None:
            data.full_name = ""
        if data.gender and data.gender not in GENDERS:
            g = fold(data.gender)
            data.gender = {"nam": "Nam", "nu": "Nữ"}.get(g, data.gender)
        return data


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def check_values(
    data: MemberData, today: date, *, card_pattern: str | None = None
) -> list[Problem]:
    """Problems of the values alone (no database): missing name, impossible dates, bad choices."""
    out: list[Problem] = []

    def add(f: str, msg: str) -> None:
        out.append(Problem(f, msg))

    name = data.full_name or ""
    if not name:
        add("full_name", "Thiếu họ và tên.")
    elif len(name.split(" ")) < 2:
        add("full_name", f"Họ và tên «{name}» phải có cả họ và tên (ít nhất hai chữ).")
    elif any(ch.isdigit() for ch in name):
        add("full_name", f"Họ và tên «{name}» có chữ số.")
    if data.organisation_id is None:
        add("organisation_id", "Chưa chọn tổ chức cơ sở đảng.")
    if data.gender is not None and data.gender not in GENDERS:
        add("gender", f"Giới tính «{data.gender}» không hợp lệ: ghi «Nam» hoặc «Nữ».")
    try:
        status = MemberStatus(data.status)
    except ValueError:
        add("status", f"Tình trạng «{data.status}» không hợp lệ.")
        status = None

    out += _date_problems(data, today)
    adm, full = data.admission_date, data.full_member_date
    if status is MemberStatus.CANDIDATE:
        if adm is not None or full is not None or data.card_number:
            add(
                "status",
                "Quần chúng chưa kết nạp không có ngày vào Đảng, ngày chính thức hay số thẻ.",
            )
    elif status is not None:
        if adm is None:
            add("admission_date", "Thiếu ngày vào Đảng (ngày ký quyết định kết nạp).")
        if status is MemberStatus.PROBATIONARY:
            if full is not None:
                add("full_member_date", "Đảng viên dự bị chưa có ngày chính thức.")
            if data.card_number:
                add("card_number", "Đảng viên dự bị chưa được cấp thẻ đảng viên.")
    if data.card_number and card_pattern:
        try:
            ok = re.fullmatch(card_pattern, data.card_number) is not None
        except re.error:
            ok = True  # a broken pattern in the settings must not block the office
        if not ok:
            add("card_number", f"Số thẻ «{data.card_number}» không đúng mẫu {card_pattern}.")
    if data.seriously_ill and status is MemberStatus.CANDIDATE:
        add("seriously_ill", "Chỉ đánh dấu ốm đau đối với đảng viên.")
    return out


def _date_problems(data: MemberData, today: date) -> list[Problem]:
    """Dates in the future, before birth, or out of the order admission → ceremony → full."""
    out: list[Problem] = []

    def add(f: str, msg: str) -> None:
        out.append(Problem(f, msg))

    dates = {
        "birth_date": ("Ngày sinh", data.birth_date),
        "admission_date": ("Ngày vào Đảng", data.admission_date),
        "first_admission_date": ("Ngày vào Đảng lần đầu", data.first_admission_date),
        "ceremony_date": ("Ngày tổ chức lễ kết nạp", data.ceremony_date),
        "full_member_date": ("Ngày chính thức", data.full_member_date),
    }
    for key, (label, d) in dates.items():
        if d is not None and d > today:
            add(key, f"{label} {fmt_date(d)} ở sau ngày hôm nay.")
    birth = data.birth_date
    if birth is not None and birth.year < OLDEST_BIRTH_YEAR:
        add("birth_date", f"Ngày sinh {fmt_date(birth)} không thể có.")
    adm = data.admission_date
    if birth is not None and adm is not None:
        if adm <= birth:
            add(
                "admission_date",
                f"Ngày vào Đảng {fmt_date(adm)} trước ngày sinh {fmt_date(birth)}.",
            )
        elif add_months(birth, 12 * ADMISSION_AGE_MIN) > adm:
            add(
                "admission_date",
                f"Ngày vào Đảng {fmt_date(adm)}: khi đó chưa đủ {ADMISSION_AGE_MIN} tuổi "
                f"(sinh ngày {fmt_date(birth)}).",
            )
    first = data.first_admission_date
    if first is not None:
        if adm is None:
            add(
                "first_admission_date",
                "Có ngày vào Đảng lần đầu nhưng thiếu ngày vào Đảng (lần sau).",
            )
        elif first > adm:
            add(
                "first_admission_date",
                f"Ngày vào Đảng lần đầu {fmt_date(first)} ở sau ngày vào Đảng {fmt_date(adm)}.",
            )
        if birth is not None and first <= birth:
            add("first_admission_date", f"Ngày vào Đảng lần đầu {fmt_date(first)} trước ngày sinh.")
    if data.ceremony_date is not None:
        if adm is None:
            add("ceremony_date", "Có ngày lễ kết nạp nhưng thiếu ngày vào Đảng (ngày quyết định).")
        elif data.ceremony_date < adm:
            add(
                "ceremony_date",
                f"Ngày lễ kết nạp {fmt_date(data.ceremony_date)} trước ngày quyết định kết nạp "
                f"{fmt_date(adm)}.",
            )
    full = data.full_member_date
    if full is not None:
        if adm is None:
            add("full_member_date", "Có ngày chính thức nhưng thiếu ngày vào Đảng.")
        elif full <= adm:
            add(
                "full_member_date",
                f"Ngày chính thức {fmt_date(full)} phải sau ngày vào Đảng {fmt_date(adm)}.",
            )
    return out


def _raise(problems: Iterable[Problem]) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            "Chưa lưu được đảng viên:\n" + "\n".join(f"- {p.message}" for p in problems)
        )


def _check_in_database(session: Session, data: MemberData, member_id: int | None) -> list[Problem]:
    out: list[Problem] = []
    if data.organisation_id is not None:
        org = session.get(Organisation, data.organisation_id)
        if org is None or org.kind != OrgKind.GRASSROOTS.value:
            out.append(
                Problem("organisation_id", "Tổ chức cơ sở đảng đã chọn không còn trong danh sách.")
            )
    if data.cell_id is not None:
        cell = session.get(Organisation, data.cell_id)
        if cell is None or cell.kind != OrgKind.CELL.value:
            out.append(Problem("cell_id", "Chi bộ đã chọn không còn trong danh sách."))
        elif data.organisation_id is not None and cell.parent_id != data.organisation_id:
            out.append(
                Problem("cell_id", f"Chi bộ «{cell.name}» không thuộc tổ chức cơ sở đảng đã chọn.")
            )
    if data.card_number:
        other = session.scalar(
            select(Member.id).where(
                Member.card_number == data.card_number, Member.id != (member_id or -1)
            )
        )
        if other is not None:
            out.append(
                Problem(
                    "card_number",
                    f"Số thẻ {data.card_number} đã là của một đảng viên khác (mã hồ sơ {other}).",
                )
            )
    return out


def card_pattern(session: Session) -> str | None:
    return settings.get(session, "members.card_number_pattern") or None


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
    _raise(check_values(data, now.date(), card_pattern=card_pattern(session)))
    _raise(_check_in_database(session, data, None))
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
    _raise(check_values(data, now.date(), card_pattern=card_pattern(session)))
    _raise(_check_in_database(session, data, member_id))
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


# ---------------------------------------------------------------------------------------------
# Periods outside the Party, Party age
# ---------------------------------------------------------------------------------------------
def party_start(m: Member) -> date | None:
    """Party age counts from the admission decision; a re-admitted member's from the first one."""
    return m.first_admission_date or m.admission_date


def absent_days(absences: Iterable[tuple[date, date | None]], until: date) -> int:
    total = 0
    for start, end in absences:
        stop = min(end or until, until)
        if stop > start:
            total += (stop - start).days
    return total


def effective_start(start: date, absences: Iterable[tuple[date, date | None]], on: date) -> date:
    """The start moved later by the days spent outside the Party up to ``on``."""
    from datetime import timedelta

    return start + timedelta(days=absent_days(absences, on))


def years_between(start: date, on: date) -> int:
    years = on.year - start.year
    if (on.month, on.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


@dataclass(frozen=True)
class PartyAge:
    years: int
    start: date
    effective_start: date
    absent_days: int

    def text(self) -> str:
        extra = f" (đã trừ {self.absent_days} ngày ra khỏi Đảng)" if self.absent_days else ""
        return f"{self.years} năm{extra}"


def party_age(m: Member, on: date) -> PartyAge | None:
    start = party_start(m)
    if start is None:
        return None
    periods = [(a.start_date, a.end_date) for a in m.absences]
    eff = effective_start(start, periods, on)
    return PartyAge(years_between(eff, on), start, eff, absent_days(periods, on))


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
    _raise(problems)
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

"""One member's record as typed (``MemberData``) and the checks it must pass before it is stored:
required fields, dates that can be, a card number of the office's pattern and nobody else's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.members.models import (
    Member,
    MemberStatus,
)
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Organisation, OrgKind
from ketluan_desktop.core.text import clean, fold
from ketluan_desktop.core.text.dates import format_date
from ketluan_desktop.core.workdays import add_months

GENDERS = ("Nam", "Nữ")
ADMISSION_AGE_MIN = 18  # Điều lệ Đảng: from 18 (counted in months)
OLDEST_BIRTH_YEAR = 1900


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
            add(key, f"{label} {format_date(d)} ở sau ngày hôm nay.")
    birth = data.birth_date
    if birth is not None and birth.year < OLDEST_BIRTH_YEAR:
        add("birth_date", f"Ngày sinh {format_date(birth)} không thể có.")
    adm = data.admission_date
    if birth is not None and adm is not None:
        if adm <= birth:
            add(
                "admission_date",
                f"Ngày vào Đảng {format_date(adm)} trước ngày sinh {format_date(birth)}.",
            )
        elif add_months(birth, 12 * ADMISSION_AGE_MIN) > adm:
            add(
                "admission_date",
                f"Ngày vào Đảng {format_date(adm)}: khi đó chưa đủ {ADMISSION_AGE_MIN} tuổi "
                f"(sinh ngày {format_date(birth)}).",
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
                f"Ngày vào Đảng lần đầu {format_date(first)} ở sau ngày vào Đảng {format_date(adm)}.",
            )
        if birth is not None and first <= birth:
            add(
                "first_admission_date",
                f"Ngày vào Đảng lần đầu {format_date(first)} trước ngày sinh.",
            )
    if data.ceremony_date is not None:
        if adm is None:
            add("ceremony_date", "Có ngày lễ kết nạp nhưng thiếu ngày vào Đảng (ngày quyết định).")
        elif data.ceremony_date < adm:
            add(
                "ceremony_date",
                f"Ngày lễ kết nạp {format_date(data.ceremony_date)} trước ngày quyết định kết nạp "
                f"{format_date(adm)}.",
            )
    full = data.full_member_date
    if full is not None:
        if adm is None:
            add("full_member_date", "Có ngày chính thức nhưng thiếu ngày vào Đảng.")
        elif full <= adm:
            add(
                "full_member_date",
                f"Ngày chính thức {format_date(full)} phải sau ngày vào Đảng {format_date(adm)}.",
            )
    return out


def raise_problems(problems: Iterable[Problem]) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            "Chưa lưu được đảng viên:\n" + "\n".join(f"- {p.message}" for p in problems)
        )


def check_in_database(session: Session, data: MemberData, member_id: int | None) -> list[Problem]:
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

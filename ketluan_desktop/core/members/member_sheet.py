"""The members' Excel sheet as import and export share it: its columns (header, the other spellings
an office writes, width) and how a cell's text becomes a date or a member's status.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.members.models import MEMBER_STATUS_LABELS, MemberStatus
from ketluan_desktop.core.text import clean, fold
from ketluan_desktop.core.text import dates as office_dates


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...] = ()
    width: float = 14


COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", ("tt", "so tt", "so thu tu"), 6),
    Column("full_name", "Họ và tên", ("ho ten", "ho va ten dang vien", "ten"), 26),
    Column("gender", "Giới tính", ("gioi", "nam/nu", "nam, nu"), 9),
    Column("birth_date", "Ngày sinh", ("ngay thang nam sinh", "sinh ngay"), 12),
    Column("place_of_origin", "Quê quán", ("que", "nguyen quan"), 24),
    Column("ethnicity", "Dân tộc", (), 10),
    Column(
        "organisation",
        "Tổ chức cơ sở đảng",
        ("tccsd", "to chuc dang", "dang bo co so", "dang bo, chi bo co so", "don vi"),
        34,
    ),
    Column("cell", "Chi bộ", ("chi bo truc thuoc",), 26),
    Column("position", "Chức vụ", ("chuc danh",), 20),
    Column(
        "agency", "Cơ quan, đơn vị công tác", ("co quan", "noi cong tac", "co quan cong tac"), 28
    ),
    Column("card_number", "Số thẻ đảng viên", ("so the", "so the dang"), 14),
    Column(
        "admission_date", "Ngày vào Đảng", ("ngay ket nap", "ngay vao dang (ngay quyet dinh)"), 13
    ),
    Column("ceremony_date", "Ngày lễ kết nạp", ("ngay to chuc le ket nap", "le ket nap"), 13),
    Column(
        "full_member_date",
        "Ngày chính thức",
        ("ngay chuyen chinh thuc", "ngay cong nhan chinh thuc"),
        13,
    ),
    Column("first_admission_date", "Ngày vào Đảng lần đầu", ("ngay ket nap lan dau",), 13),
    Column("status", "Tình trạng", ("trang thai", "tinh trang dang vien"), 14),
    Column("notes", "Ghi chú", (), 24),
)
BY_KEY = {c.key: c for c in COLUMNS}
DATE_KEYS = (
    "birth_date",
    "admission_date",
    "ceremony_date",
    "full_member_date",
    "first_admission_date",
)

_STATUS_WORDS = {
    "du bi": MemberStatus.PROBATIONARY,
    "dang vien du bi": MemberStatus.PROBATIONARY,
    "chinh thuc": MemberStatus.FULL,
    "dang vien chinh thuc": MemberStatus.FULL,
    "chuyen di": MemberStatus.TRANSFERRED,
    "da chuyen di": MemberStatus.TRANSFERRED,
    "chuyen sinh hoat": MemberStatus.TRANSFERRED,
    "tu tran": MemberStatus.DECEASED,
    "da tu tran": MemberStatus.DECEASED,
    "xoa ten": MemberStatus.REMOVED,
    "khai tru": MemberStatus.REMOVED,
    "xoa ten/khai tru": MemberStatus.REMOVED,
    "quan chung": MemberStatus.CANDIDATE,
    "quan chung (chua ket nap)": MemberStatus.CANDIDATE,
    "quan chung uu tu": MemberStatus.CANDIDATE,
}
for _st, _label in MEMBER_STATUS_LABELS.items():
    _STATUS_WORDS[fold(_label)] = _st


def header_key(text: Any) -> str | None:
    f = fold(str(text or "")).strip(" :*")
    f = re.sub(r"\s+", " ", f)
    if not f:
        return None
    for c in COLUMNS:
        if f == fold(c.header) or f in c.aliases:
            return c.key
    return None


def text_of(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return clean(str(v)) or None


def parse_date(value: Any, label: str) -> date | None:
    """A cell as a date: Excel dates, "dd/mm/yyyy" (also with - or .), ISO. Raises ValueError
    with a Vietnamese message for anything else (an impossible day included)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1000 <= value <= 2200 and float(value).is_integer():
            raise ValueError(f"{label} chỉ có năm ({int(value)}); cần đủ ngày, tháng, năm.")
        if 1 <= value < 80_000:
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        raise ValueError(f"{label} «{value}» không phải là ngày.")
    try:
        return office_dates.parse_date(str(value), what=label)
    except ValidationError as exc:
        raise ValueError(exc.message) from None


def parse_status(value: Any) -> str | None:
    text = text_of(value)
    if text is None:
        return None
    return status_of(text)


@functools.lru_cache(maxsize=256)
def status_of(text: str) -> str:
    st = _STATUS_WORDS.get(fold(text))
    if st is None:
        allowed = ", ".join(f"«{v}»" for v in MEMBER_STATUS_LABELS.values())
        raise ValueError(f"Tình trạng «{text}» không hiểu được; ghi một trong: {allowed}.")
    return st.value

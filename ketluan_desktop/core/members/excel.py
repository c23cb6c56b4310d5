"""Members from and to Excel.

Import is in two steps: ``read_sheet`` checks every row and returns a preview listing each row's
problems (missing name, impossible date, duplicate card number, unknown organisation …) and writes
nothing; ``import_members`` stores the previewed rows in one transaction, only when there is no
error — all or nothing. The sheet may have title rows above its header; columns are found by their
header (with or without accents), in any order.

Export writes the same columns, so an exported sheet imports again. Exports are personal data: the
caller confirms with the user, and ``export_members`` records who exported what in the audit trail.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core import private_files
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import ConflictError, ImportError_, ValidationError
from ketluan_desktop.core.fsutil import atomic_writer
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.models import MEMBER_STATUS_LABELS, Member, MemberStatus
from ketluan_desktop.core.members.records import MemberData
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.text import clean, fold, name_sort_key
from ketluan_desktop.core.text import dates as office_dates
from ketluan_desktop.core.text.numbers import thousands

MAX_ROWS = 200_000


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


def _header_key(text: Any) -> str | None:
    f = fold(str(text or "")).strip(" :*")
    f = re.sub(r"\s+", " ", f)
    if not f:
        return None
    for c in COLUMNS:
        if f == fold(c.header) or f in c.aliases:
            return c.key
    return None


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowProblem:
    row: int  # the row number Excel shows
    column: str  # the column's header, or "" for the whole row
    message: str


@dataclass
class ImportPreview:
    path: Path
    sheet: str
    header_row: int
    rows: list[tuple[int, MemberData]] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def can_import(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def rows_with_errors(self) -> int:
        return len({p.row for p in self.errors})

    def summary(self) -> str:
        n = len(self.rows)
        if not n and not self.errors:
            return "Bảng tính không có dòng đảng viên nào dưới dòng tiêu đề."
        if self.errors:
            return (
                f"{n} dòng, trong đó {self.rows_with_errors} dòng có lỗi ({len(self.errors)} lỗi). "
                "Chưa nhập gì: hãy sửa các lỗi trong tệp Excel rồi mở lại."
            )
        extra = f" ({len(self.warnings)} lưu ý)" if self.warnings else ""
        return f"{n} dòng hợp lệ, sẵn sàng nhập{extra}."

    def problems_by_row(self) -> dict[int, list[RowProblem]]:
        out: dict[int, list[RowProblem]] = {}
        for p in sorted(self.errors + self.warnings, key=lambda p: p.row):
            out.setdefault(p.row, []).append(p)
        return out


def _text(v: Any) -> str | None:
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
    text = _text(value)
    if text is None:
        return None
    return _status_of(text)


@functools.lru_cache(maxsize=256)
def _status_of(text: str) -> str:
    st = _STATUS_WORDS.get(fold(text))
    if st is None:
        allowed = ", ".join(f"«{v}»" for v in MEMBER_STATUS_LABELS.values())
        raise ValueError(f"Tình trạng «{text}» không hiểu được; ghi một trong: {allowed}.")
    return st.value


class _OrgIndex:
    """Organisation and cell names as a sheet writes them: with or without accents and the
    "Đảng bộ" / "Chi bộ" prefix."""

    def __init__(self, session: Session) -> None:
        self.orgs: dict[str, list[tuple[int, str]]] = {}
        self.cells: dict[int, dict[str, list[tuple[int, str]]]] = {}
        self._org_cache: dict[str, tuple[int | None, str | None]] = {}
        self._cell_cache: dict[tuple[int, str], tuple[int | None, str | None]] = {}
        for choice in member_service.grassroots_organisations(session):
            for key in self._keys(choice.name):
                self.orgs.setdefault(key, []).append((choice.id, choice.name))
            cells: dict[str, list[tuple[int, str]]] = {}
            for cid, cname in choice.cells:
                for key in self._keys(cname):
                    cells.setdefault(key, []).append((cid, cname))
            self.cells[choice.id] = cells

    @staticmethod
    def _keys(name: str) -> list[str]:
        f = fold(name)
        keys = [f]
        for prefix in ("dang bo co so ", "chi bo co so ", "dang bo ", "chi bo "):
            if f.startswith(prefix):
                keys.append(f[len(prefix) :])
                break
        return keys

    def org(self, text: str) -> tuple[int | None, str | None]:
        found = self._org_cache.get(text)
        if found is None:
            found = self._org_cache[text] = self._org(text)
        return found

    def cell(self, org_id: int, text: str) -> tuple[int | None, str | None]:
        found = self._cell_cache.get((org_id, text))
        if found is None:
            found = self._cell_cache[(org_id, text)] = self._cell(org_id, text)
        return found

    def _org(self, text: str) -> tuple[int | None, str | None]:
        for key in self._keys(text):
            found = self.orgs.get(key)
            if found and len({i for i, _ in found}) == 1:
                return found[0][0], None
            if found:
                names = "; ".join(sorted({n for _, n in found}))
                return (
                    None,
                    f"Tổ chức cơ sở đảng «{text}» trùng tên với nhiều tổ chức ({names}); hãy ghi đủ tên.",
                )
        return (
            None,
            f"Tổ chức cơ sở đảng «{text}» không có trong danh sách tổ chức của Đảng bộ Khối.",
        )

    def _cell(self, org_id: int, text: str) -> tuple[int | None, str | None]:
        cells = self.cells.get(org_id, {})
        for key in self._keys(text):
            found = cells.get(key)
            if found:
                return found[0][0], None
        return None, f"Chi bộ «{text}» không có trong tổ chức cơ sở đảng đã ghi."


def _check_file(path: Path) -> None:
    if not path.exists():
        raise ImportError_(f"Không tìm thấy tệp {path}.")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ImportError_(
            f"Tệp {path.name} không phải bảng tính Excel .xlsx. Với tệp .xls cũ, hãy mở bằng Excel "
            "và lưu lại dạng .xlsx (Excel Workbook)."
        )


def _has_header(rows) -> bool:
    return any(_header_key(v) == "full_name" for _n, row in rows for v in row)


def _fast_rows(path: Path):
    """(sheet title, (row number, values) iterator, closer) with the streaming reader."""
    from ketluan_desktop.core.xlsx_rows import Workbook

    wb = Workbook(path)
    chosen = wb.sheets[0]
    for title, part in wb.sheets:  # the first sheet with a "Họ và tên" header
        if _has_header(wb.rows(part, max_row=15)):
            chosen = (title, part)
            break
    return chosen[0], wb.rows(chosen[1]), wb.close


def _openpyxl_rows(path: Path):
    from zipfile import BadZipFile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportError_(
            f"Không đọc được tệp {path.name}: tệp hỏng hoặc không phải bảng tính Excel ({exc})."
        ) from exc
    ws = wb.worksheets[0]
    for candidate in wb.worksheets:
        first = enumerate(candidate.iter_rows(min_row=1, max_row=15, values_only=True), start=1)
        if _has_header(first):
            ws = candidate
            break
    return ws.title, enumerate(ws.iter_rows(values_only=True), start=1), wb.close


@requires(Permission.EDIT_MEMBERS)
def read_sheet(session: Session, path: str | Path, *, today: date) -> ImportPreview:
    """Check every row of the sheet; nothing is written."""
    from ketluan_desktop.core.xlsx_rows import XlsxFormatError

    path = Path(path)
    _check_file(path)
    try:
        title, rows, close = _fast_rows(path)
        try:
            return _read(session, path, title, rows, today)
        finally:
            close()
    except XlsxFormatError:
        pass  # laid out unusually: openpyxl reads what the fast reader does not
    title, rows, close = _openpyxl_rows(path)
    try:
        return _read(session, path, title, rows, today)
    finally:
        close()


def _read(session: Session, path: Path, title: str, rows, today: date) -> ImportPreview:
    header: dict[int, str] = {}
    header_row = 0
    ignored: list[str] = []
    for i, row in rows:
        keys = {j: _header_key(v) for j, v in enumerate(row)}
        if "full_name" in keys.values():
            header = {j: k for j, k in keys.items() if k}
            ignored = [str(v) for j, v in enumerate(row) if v not in (None, "") and not keys.get(j)]
            header_row = i
            break
        if i >= 15:
            break
    if not header_row:
        raise ImportError_(
            f"Không tìm thấy dòng tiêu đề có cột «Họ và tên» trong 15 dòng đầu của trang «{title}». "
            "Hãy dùng tệp mẫu (nút «Tạo tệp mẫu»), hoặc đặt tên các cột như tệp mẫu."
        )
    preview = ImportPreview(path, title, header_row, ignored_columns=ignored)
    orgs = _OrgIndex(session)
    pattern = member_service.card_pattern(session)
    seen_cards: dict[str, int] = {}
    seen_people: dict[tuple[str, date | None], int] = {}

    for rownum, row in rows:
        values = {key: row[j] if j < len(row) else None for j, key in header.items()}
        if all(
            v is None or (isinstance(v, str) and not v.strip())
            for k, v in values.items()
            if k != "stt"
        ):
            continue
        if len(preview.rows) >= MAX_ROWS:
            raise ImportError_(
                f"Bảng tính có hơn {thousands(MAX_ROWS)} dòng; hãy chia thành nhiều tệp."
            )
        data, problems = _row_data(values, rownum, orgs, pattern, today)

        def err(key: str, msg: str, rownum: int = rownum, problems=problems) -> None:
            problems.append(RowProblem(rownum, BY_KEY[key].header if key else "", msg))

        if data.card_number:
            first = seen_cards.get(data.card_number)
            if first is not None:
                err("card_number", f"Số thẻ {data.card_number} trùng với dòng {first}.")
            else:
                seen_cards[data.card_number] = rownum
        if data.full_name:
            person = (fold(data.full_name), data.birth_date)
            other = seen_people.get(person)
            if other is not None:
                preview.warnings.append(
                    RowProblem(
                        rownum,
                        "",
                        f"Trùng họ tên và ngày sinh với dòng {other}: kiểm tra lại có phải một người không.",
                    )
                )
            else:
                seen_people[person] = rownum
        preview.errors += problems
        preview.rows.append((rownum, data))

    _check_against_database(session, preview, seen_cards, seen_people)
    preview.errors.sort(key=lambda p: p.row)
    preview.warnings.sort(key=lambda p: p.row)
    return preview


def _row_data(
    values: dict[str, Any], rownum: int, orgs: _OrgIndex, pattern: str | None, today: date
) -> tuple[MemberData, list[RowProblem]]:
    """One sheet row as a member's data, with what is wrong with it."""
    problems: list[RowProblem] = []

    def err(key: str, msg: str) -> None:
        problems.append(RowProblem(rownum, BY_KEY[key].header if key else "", msg))

    data = MemberData()
    for key in (
        "full_name",
        "gender",
        "place_of_origin",
        "ethnicity",
        "position",
        "agency",
        "card_number",
        "notes",
    ):
        if key in values:
            setattr(data, key, _text(values[key]))
    for key in DATE_KEYS:
        if key in values:
            try:
                setattr(data, key, parse_date(values[key], BY_KEY[key].header))
            except ValueError as exc:
                err(key, str(exc))
    status = None
    if "status" in values:
        try:
            status = parse_status(values["status"])
        except ValueError as exc:
            err("status", str(exc))
    if status is None and not any(p.column == BY_KEY["status"].header for p in problems):
        if data.full_member_date or data.card_number:
            status = MemberStatus.FULL.value
        elif data.admission_date:
            status = MemberStatus.PROBATIONARY.value
        else:
            status = MemberStatus.FULL.value  # check_values then asks for the admission date
    data.status = status or MemberStatus.FULL.value

    org_text = _text(values.get("organisation"))
    if org_text is None:
        err("organisation", "Thiếu tổ chức cơ sở đảng.")
    else:
        data.organisation_id, msg = orgs.org(org_text)
        if msg:
            err("organisation", msg)
    cell_text = _text(values.get("cell"))
    if cell_text and data.organisation_id is not None:
        data.cell_id, msg = orgs.cell(data.organisation_id, cell_text)
        if msg:
            err("cell", msg)

    data = data.cleaned()
    for p in member_service.check_values(data, today, card_pattern=pattern):
        if p.field in ("organisation_id", "cell_id"):
            continue  # reported above with the name the sheet wrote
        key = p.field if p.field in BY_KEY else ""
        # Dates that failed to parse already have their message.
        if key in DATE_KEYS and any(x.column == BY_KEY[key].header for x in problems):
            continue
        err(key, p.message)
    return data, problems


def _check_against_database(
    session: Session,
    preview: ImportPreview,
    cards: dict[str, int],
    people: dict[tuple[str, date | None], int],
) -> None:
    numbers = list(cards)
    header = BY_KEY["card_number"].header
    for i in range(0, len(numbers), 500):
        for number, mid in session.execute(
            select(Member.card_number, Member.id).where(
                Member.card_number.in_(numbers[i : i + 500])
            )
        ):
            assert number is not None  # matched by IN
            preview.errors.append(
                RowProblem(
                    cards[number],
                    header,
                    f"Số thẻ {number} đã có trong cơ sở dữ liệu (hồ sơ mã {mid}).",
                )
            )
    names = sorted({n for n, _ in people})
    for i in range(0, len(names), 500):
        for folded, birth, mid in session.execute(
            select(Member.name_folded, Member.birth_date, Member.id).where(
                Member.name_folded.in_(names[i : i + 500])
            )
        ):
            row = people.get((folded, birth))
            if row is not None and birth is not None:
                preview.warnings.append(
                    RowProblem(
                        row,
                        "",
                        f"Đã có hồ sơ cùng họ tên và ngày sinh (mã {mid}): có thể là nhập trùng.",
                    )
                )


@requires(Permission.EDIT_MEMBERS)
def import_members(
    session: Session, preview: ImportPreview, *, now: datetime, username: str | None = None
) -> int:
    """Store the previewed rows (inside the caller's transaction): all of them or none."""
    from ketluan_desktop.core.db.base import table_of

    if preview.errors:
        raise ValidationError(
            f"Bảng tính còn {len(preview.errors)} lỗi ở {preview.rows_with_errors} dòng nên chưa nhập gì. "
            "Hãy sửa các lỗi trong tệp rồi mở lại."
        )
    if not preview.rows:
        raise ValidationError("Bảng tính không có dòng đảng viên nào để nhập.")
    cards = [d.card_number for _, d in preview.rows if d.card_number]
    for i in range(0, len(cards), 500):
        taken = session.scalar(
            select(Member.card_number).where(Member.card_number.in_(cards[i : i + 500])).limit(1)
        )
        if taken is not None:
            raise ConflictError(
                f"Số thẻ {taken} vừa được ghi cho một đảng viên khác sau khi xem trước. "
                "Chưa nhập gì: hãy mở lại tệp để kiểm tra."
            )
    names = [f.name for f in fields(MemberData)]
    batch = []
    for _, d in preview.rows:
        row = {n: getattr(d, n) for n in names}
        row.update(
            name_folded=fold(d.full_name),
            name_sort=name_sort_key(d.full_name),
            version=1,
            created_at=now,
            updated_at=now,
        )
        batch.append(row)
    try:
        for i in range(0, len(batch), 5000):
            session.execute(insert(table_of(Member)), batch[i : i + 5000])
    except IntegrityError:
        raise ConflictError(member_service.DUPLICATE_MESSAGE) from None
    audit.record(
        session,
        now=now,
        action="import",
        entity="member",
        summary=f"Nhập {len(batch)} hồ sơ đảng viên từ tệp {preview.path.name}",
        changes={"file": preview.path.name, "rows": len(batch)},
        username=username,
    )
    return len(batch)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "title": Font(name="Times New Roman", bold=True, size=14),
        "sub": Font(name="Times New Roman", italic=True, size=12),
        "head": Font(name="Times New Roman", bold=True, size=12),
        "body": Font(name="Times New Roman", size=12),
        "fill": PatternFill("solid", fgColor="E8EEF7"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(vertical="center"),
    }


def _cell(ws, value: Any, font=None, fill=None, border=None, align=None, fmt: str | None = None):
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(ws, value=value)
    if font is not None:
        c.font = font
    if fill is not None:
        c.fill = fill
    if border is not None:
        c.border = border
    if align is not None:
        c.alignment = align
    if fmt:
        c.number_format = fmt
    from ketluan_desktop.core.xlsx_text import guard_cell

    return guard_cell(c)  # user text stays text, never a formula


def _member_rows(session: Session, filters: dict[str, Any]) -> Iterator[list[Any]]:
    org = aliased(Organisation)
    cell = aliased(Organisation)
    ids = member_service.filtered(**filters).subquery()
    stmt = (
        select(Member, org.name, cell.name)
        .join(ids, ids.c.id == Member.id)
        .outerjoin(org, org.id == Member.organisation_id)
        .outerjoin(cell, cell.id == Member.cell_id)
        .order_by(Member.name_sort, Member.id)
        .execution_options(yield_per=2000)
    )
    for i, (m, oname, cname) in enumerate(session.execute(stmt), start=1):
        yield [
            i,
            m.full_name,
            m.gender,
            m.birth_date,
            m.place_of_origin,
            m.ethnicity,
            oname,
            cname,
            m.position,
            m.agency,
            m.card_number,
            m.admission_date,
            m.ceremony_date,
            m.full_member_date,
            m.first_admission_date,
            member_service.status_label(m.status),
            m.notes,
        ]
        session.expunge(m)


@requires(Permission.MEMBER_PERSONAL_DATA)
def write_members(
    session: Session,
    path: str | Path,
    *,
    filters: dict[str, Any] | None = None,
    title: str | None = None,
    progress=None,
) -> int:
    """The members matching ``filters`` as an .xlsx that imports back; written atomically."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("Tệp xuất phải có đuôi .xlsx.")
    st = _styles()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Đảng viên")
    for i, c in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    ws.freeze_panes = "C4"
    ws.append([_cell(ws, title or "DANH SÁCH ĐẢNG VIÊN", st["title"])])
    ws.append([])
    ws.append(
        [_cell(ws, c.header, st["head"], st["fill"], st["border"], st["center"]) for c in COLUMNS]
    )
    n = 0
    date_cols = {i for i, c in enumerate(COLUMNS) if c.key in DATE_KEYS}
    for values in _member_rows(session, filters or {}):
        ws.append(
            [
                _cell(
                    ws,
                    v,
                    st["body"],
                    None,
                    st["border"],
                    None,
                    "dd/mm/yyyy" if j in date_cols else None,
                )
                for j, v in enumerate(values)
            ]
        )
        n += 1
        if progress is not None and n % 5000 == 0:
            progress(n)
    with atomic_writer(path) as fh:
        wb.save(fh)
    return n


@requires(Permission.MEMBER_PERSONAL_DATA)
def export_members(
    session: Session,
    path: str | Path,
    *,
    filters: dict[str, Any] | None = None,
    now: datetime,
    username: str | None = None,
    progress=None,
) -> int:
    """Export and record it in the audit trail (who, how many, which filter, which file)."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    n = write_members(session, path, filters=filters, progress=progress)
    private_files.restrict_to_owner(Path(path))  # personal data: the owner's eyes only
    described = {k: (v if k != "text" else "có lọc theo tên/số thẻ") for k, v in filters.items()}
    audit.record(
        session,
        now=now,
        action="export",
        entity="member",
        summary=f"Xuất {n} hồ sơ đảng viên ra tệp Excel {Path(path).name}",
        changes={"file": str(path), "rows": n, "filters": described},
        username=username,
    )
    return n


def write_template(session: Session, path: str | Path) -> Path:
    """An empty sheet with the headers, and a second sheet listing the organisations, cells and
    the allowed values, for the office to fill in."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    from ketluan_desktop.core.xlsx_text import active_sheet

    path = Path(path)
    st = _styles()
    wb = openpyxl.Workbook()
    ws = active_sheet(wb)
    ws.title = "Đảng viên"
    ws.append(["DANH SÁCH ĐẢNG VIÊN"])
    ws["A1"].font = st["title"]
    ws.append([])
    ws.append([c.header for c in COLUMNS])
    for i, c in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=3, column=i)
        cell.font, cell.fill, cell.border, cell.alignment = (
            st["head"],
            st["fill"],
            st["border"],
            st["center"],
        )
        ws.column_dimensions[get_column_letter(i)].width = c.width
        if c.key in DATE_KEYS:
            for r in range(4, 1004):
                ws.cell(row=r, column=i).number_format = "dd/mm/yyyy"
    ws.freeze_panes = "C4"
    guide = wb.create_sheet("Hướng dẫn")
    lines = [
        ["Cách điền"],
        ["- Mỗi dòng một người; cột «Họ và tên» và «Tổ chức cơ sở đảng» bắt buộc."],
        ["- Ngày ghi dạng ngày/tháng/năm (05/02/1980) hoặc định dạng ô Ngày của Excel."],
        [
            "- «Ngày vào Đảng» là ngày ký quyết định kết nạp (tính tuổi Đảng); «Ngày lễ kết nạp» bắt đầu 12 tháng dự bị."
        ],
        ["- Giới tính: Nam hoặc Nữ. Tình trạng: " + ", ".join(MEMBER_STATUS_LABELS.values()) + "."],
        ["- Số thẻ đảng viên không được trùng; đảng viên dự bị chưa có thẻ."],
        [],
        ["Tổ chức cơ sở đảng", "Chi bộ trực thuộc"],
    ]
    for line in lines:
        guide.append(line)
    guide["A1"].font = st["title"]
    for choice in member_service.grassroots_organisations(session):
        guide.append([choice.name, "; ".join(n for _, n in choice.cells)])
    guide.column_dimensions["A"].width = 60
    guide.column_dimensions["B"].width = 80
    from ketluan_desktop.core.xlsx_text import save_workbook

    with atomic_writer(path) as fh:
        save_workbook(wb, fh)
    return path

"""Members from Excel.

Import is in two steps: ``read_sheet`` checks every row and returns a preview listing each row's
problems (missing name, impossible date, duplicate card number, unknown organisation …) and writes
nothing; ``import_members`` stores the previewed rows in one transaction, only when there is no
error — all or nothing. The sheet may have title rows above its header; columns are found by their
header (with or without accents), in any order (``member_sheet``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import ConflictError, ImportError_, ValidationError
from ketluan_desktop.core.members import member_checks
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.member_checks import MemberData
from ketluan_desktop.core.members.member_sheet import (
    BY_KEY,
    DATE_KEYS,
    header_key,
    parse_date,
    parse_status,
    text_of,
)
from ketluan_desktop.core.members.models import Member, MemberStatus
from ketluan_desktop.core.text import fold, name_sort_key
from ketluan_desktop.core.text.numbers import thousands

MAX_ROWS = 200_000


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
    return any(header_key(v) == "full_name" for _n, row in rows for v in row)


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
        keys = {j: header_key(v) for j, v in enumerate(row)}
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
    pattern = member_checks.card_pattern(session)
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
            setattr(data, key, text_of(values[key]))
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

    org_text = text_of(values.get("organisation"))
    if org_text is None:
        err("organisation", "Thiếu tổ chức cơ sở đảng.")
    else:
        data.organisation_id, msg = orgs.org(org_text)
        if msg:
            err("organisation", msg)
    cell_text = text_of(values.get("cell"))
    if cell_text and data.organisation_id is not None:
        data.cell_id, msg = orgs.cell(data.organisation_id, cell_text)
        if msg:
            err("cell", msg)

    data = data.cleaned()
    for p in member_checks.check_values(data, today, card_pattern=pattern):
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

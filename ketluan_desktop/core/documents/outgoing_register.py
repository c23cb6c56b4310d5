"""Sổ đăng ký văn bản đi: every issued document with its number, date, signer, recipients, copies.

Rows come in the order the numbers were given. The register can be filtered by term, year and type
and exported to Excel or to a Party-format PDF report; both files are written atomically.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents import content as domain
from ketluan_desktop.core.documents.content import DocumentStatus
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import NotFoundError, ValidationError
from ketluan_desktop.core.org.models import Term
from ketluan_desktop.core.text import fold
from ketluan_desktop.core.text.dates import format_date

ISSUED_STATES = (
    DocumentStatus.ISSUED.value,
    DocumentStatus.SIGNED.value,
    DocumentStatus.REPLACED.value,
)

# (header, width in Excel characters, share of the PDF's width: at the profile's 12 pt, wide
# enough that "1300-QĐ/ĐUK" and "10/07/2024" stay on one line)
COLUMNS = (
    ("Số TT", 6, 0.04),
    ("Số, ký hiệu", 14, 0.115),
    ("Ngày", 11, 0.09),
    ("Loại", 11, 0.07),
    ("Trích yếu nội dung", 48, 0.20),
    ("Người ký", 22, 0.10),
    ("Nơi nhận", 40, 0.15),
    ("Đơn vị lưu", 20, 0.075),
    ("Số bản", 7, 0.045),
    ("Số trang", 7, 0.05),
    ("Ghi chú", 24, 0.065),
)


@dataclass(frozen=True)
class RegisterFilter:
    term_id: int | None = None
    year: int | None = None
    type_code: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class RegisterRow:
    doc_id: int
    number: int | None
    number_symbol: str
    doc_date: date | None
    type_code: str
    type_name: str
    subject: str
    signer: str
    recipients: str
    file_keeper: str
    copies: int | None
    pages: int | None
    notes: str
    status: str
    status_label: str

    def cells(self, index: int) -> list[str | int | date | None]:
        return [
            index,
            self.number_symbol,
            self.doc_date,
            self.type_name,
            self.subject,
            self.signer,
            self.recipients,
            self.file_keeper,
            self.copies,
            self.pages,
            self.notes,
        ]

    def to_json(self) -> dict:
        return {
            "id": self.doc_id,
            "number_symbol": self.number_symbol,
            "date": self.doc_date.isoformat() if self.doc_date else None,
            "type": self.type_code,
            "subject": self.subject,
            "signer": self.signer,
            "recipients": self.recipients,
            "file_keeper": self.file_keeper,
            "copies": self.copies,
            "pages": self.pages,
            "notes": self.notes,
            "status": self.status,
        }


def _signer(d: Document) -> str:
    title = (d.signer_title or "").strip()
    title = title[:1] + title[1:].lower() if title.isupper() else title
    name = (d.signer_name or "").strip()
    return f"{name} ({title})" if name and title else name or title


def rows(session: Session, flt: RegisterFilter | None = None) -> list[RegisterRow]:
    flt = flt or RegisterFilter()
    newer = aliased(Document)
    older = aliased(Document)
    stmt = (
        select(Document, older.number_symbol, newer.number_symbol)
        .outerjoin(older, older.id == Document.replaces_id)
        .outerjoin(
            newer,
            (newer.replaces_id == Document.id) & newer.status.in_(ISSUED_STATES),
        )
        .where(Document.status.in_(ISSUED_STATES))
        .options(selectinload(Document.recipients))
    )
    if flt.term_id:
        term = session.get(Term, flt.term_id)
        if term is None:
            raise NotFoundError(f"Không có nhiệm kỳ mã số {flt.term_id}.")
        stmt = stmt.where(
            (Document.term_id == term.id)
            | (
                Document.term_id.is_(None)
                & (Document.doc_date >= term.start_date)
                & (Document.doc_date <= (term.end_date or date.max))
            )
        )
    if flt.year:
        stmt = stmt.where(
            Document.doc_date >= date(flt.year, 1, 1), Document.doc_date <= date(flt.year, 12, 31)
        )
    if flt.type_code:
        stmt = stmt.where(Document.type_code == flt.type_code)
    if flt.text:
        stmt = stmt.where(Document.search_folded.contains(fold(flt.text), autoescape=True))
    stmt = stmt.order_by(
        Document.doc_date.asc().nulls_last(), Document.issued_at.asc(), Document.id.asc()
    )
    out = []
    for d, replaced_number, replacing_number in session.execute(stmt):
        t = domain.DOCUMENT_TYPES.get(d.type_code)
        notes = []
        if replaced_number:
            notes.append(f"Thay thế văn bản số {replaced_number}")
        if replacing_number:
            notes.append(f"Đã được thay thế bởi văn bản số {replacing_number}")
        if d.register_notes:
            notes.append(d.register_notes)
        out.append(
            RegisterRow(
                doc_id=d.id,
                number=d.number,
                number_symbol=d.number_symbol or "",
                doc_date=d.doc_date,
                type_code=d.type_code,
                type_name=t.name if t else d.type_code,
                subject=(d.title + " " if d.title and d.type_code == "TB" else "")
                + (d.subject or ""),
                signer=_signer(d),
                recipients="; ".join(r.text for r in d.recipients),
                file_keeper=d.file_keeper or "",
                copies=d.copies,
                pages=d.pages,
                notes=". ".join(notes),
                status=d.status,
                status_label=domain.DOCUMENT_STATUS_LABELS[DocumentStatus(d.status)],
            )
        )
    return out


def years(session: Session) -> list[int]:
    found = session.execute(
        select(Document.doc_date).where(
            Document.status.in_(ISSUED_STATES), Document.doc_date.is_not(None)
        )
    )
    return sorted({d.year for (d,) in found if d is not None}, reverse=True)


@requires(Permission.ISSUE_DOCUMENTS)
def entry_notes(session: Session, doc_id: int) -> str:
    """The register's own note on a document, as its form edits it (a row's ``notes`` add the
    document's other remarks to it); empty when the document is gone."""
    doc = session.get(Document, doc_id)
    return (doc.register_notes if doc is not None else None) or ""


def update_entry(
    session: Session,
    doc_id: int,
    *,
    file_keeper: str | None,
    copies: int | None,
    pages: int | None,
    notes: str | None,
    now: datetime,
    username: str | None = None,
) -> None:
    """The register's own columns; they stay editable after issue (the content does not)."""
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFoundError(f"Không có văn bản mã số {doc_id}.")
    for label, value in (("Số bản", copies), ("Số trang", pages)):
        if value is not None and not 0 <= value <= 100_000:
            raise ValidationError(f"{label} phải là số từ 0 đến 100.000 (đang là {value}).")
    doc.file_keeper = (file_keeper or "").strip() or None
    doc.copies = copies
    doc.pages = pages
    doc.register_notes = (notes or "").strip() or None
    doc.updated_at = now
    session.flush()
    audit.record(
        session,
        now=now,
        action="update",
        entity="document",
        entity_id=doc.id,
        summary=f"Sổ văn bản đi: {doc.number_symbol or doc.id}",
        username=username,
    )


def describe_filter(session: Session, flt: RegisterFilter) -> str:
    parts = []
    if flt.term_id:
        term = session.get(Term, flt.term_id)
        if term is not None:
            parts.append(term.display[:1].upper() + term.display[1:])
    if flt.year:
        parts.append(f"Năm {flt.year}")
    if flt.type_code:
        t = domain.DOCUMENT_TYPES.get(flt.type_code)
        parts.append(f"Loại: {t.name if t else flt.type_code}")
    if flt.text:
        parts.append(f"Có chữ «{flt.text}»")
    return "; ".join(parts) or "Tất cả văn bản đã ban hành"


# ------------------------------------------------------------------------------------ Excel
def export_xlsx(
    register_rows: list[RegisterRow],
    path: str | os.PathLike[str],
    *,
    issuer: str,
    scope: str,
    now: datetime,
) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from ketluan_desktop.core.fsutil import write_atomic_with
    from ketluan_desktop.core.xlsx_text import active_sheet, print_wide_table

    wb = Workbook()
    ws = active_sheet(wb)
    ws.title = "Sổ văn bản đi"
    last = get_column_letter(len(COLUMNS))
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = issuer.upper()
    ws["A1"].font = Font(name="Times New Roman", size=12, bold=True)
    ws.merge_cells(f"A2:{last}2")
    ws["A2"] = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    ws["A2"].font = Font(name="Times New Roman", size=14, bold=True)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A3:{last}3")
    ws["A3"] = f"{scope} — lập ngày {format_date(now)}"
    ws["A3"].font = Font(name="Times New Roman", size=11, italic=True)
    ws["A3"].alignment = Alignment(horizontal="center")
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_row = 5
    for col, (header, width, _) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=head_row, column=col, value=header)
        cell.font = Font(name="Times New Roman", size=11, bold=True)
        cell.fill = PatternFill("solid", fgColor="F2E3E3")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(col)].width = width
    body_font = Font(name="Times New Roman", size=11)
    for i, row in enumerate(register_rows, start=1):
        for col, value in enumerate(row.cells(i), start=1):
            cell = ws.cell(row=head_row + i, column=col, value=value)
            cell.font = body_font
            cell.border = border
            cell.alignment = Alignment(
                vertical="top",
                wrap_text=True,
                horizontal="center" if col in (1, 3, 9, 10) else "left",
            )
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1).coordinate
    if register_rows:
        ws.auto_filter.ref = f"A{head_row}:{last}{head_row + len(register_rows)}"
    print_wide_table(ws, head_row)
    wb.properties.creator = "KếtLuận Desktop"
    wb.properties.created = now.replace(tzinfo=None)
    from ketluan_desktop.core.xlsx_text import save_workbook

    return write_atomic_with(path, lambda fh: save_workbook(wb, fh))


# -------------------------------------------------------------------------------------- PDF
_CENTRED = (0, 2, 8, 9)  # number, date, copies, pages


def register_report(
    register_rows: list[RegisterRow],
    *,
    issuer: str,
    parent_issuer: str | None,
    place: str | None,
    scope: str,
    on: date,
):
    """The register as a table report: its columns, its rows, under the issuing body's header."""
    from ketluan_desktop.core.render.table_report import (
        PartyHeading,
        ReportTable,
        TableColumn,
        TableReport,
        TableRow,
    )

    columns = tuple(
        TableColumn(header, share, "center" if i in _CENTRED else "left")
        for i, (header, _excel, share) in enumerate(COLUMNS)
    )
    rows = tuple(
        TableRow(tuple(_pdf_cell(v) for v in row.cells(i)))
        for i, row in enumerate(register_rows, start=1)
    )
    return TableReport(
        title="SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        subtitle=scope,
        heading=PartyHeading(issuer, parent_issuer, place, on),
        tables=(ReportTable(columns, rows, empty="Chưa có văn bản nào trong phạm vi này."),),
        pdf_title="Sổ đăng ký văn bản đi",
        author=issuer,
        subject=scope,
    )


def _pdf_cell(value) -> str:
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def export_pdf(
    register_rows: list[RegisterRow],
    path: str | os.PathLike[str],
    *,
    issuer: str,
    parent_issuer: str | None,
    place: str | None,
    scope: str,
    now: datetime,
    profile=None,
) -> Path:
    """A Party-format report in the office's layout profile (``profile``; the built-in default
    when ``None``): header, title, the table, page numbers from page 2."""
    from ketluan_desktop.core.render.profile import DEFAULT_PROFILE
    from ketluan_desktop.core.render.table_report import write_table_report

    report = register_report(
        register_rows,
        issuer=issuer,
        parent_issuer=parent_issuer,
        place=place,
        scope=scope,
        on=now.date(),
    )
    return write_table_report(report, profile or DEFAULT_PROFILE, path, created=now)


def export(
    session: Session,
    flt: RegisterFilter,
    path: str | os.PathLike[str],
    fmt: str,
    *,
    today: date,
    now: datetime,
) -> Path:
    """The register under ``flt`` written to ``path`` as an Excel workbook (``fmt`` "xlsx") or a
    PDF report (``fmt`` "pdf", in the office's layout profile), headed by the issuing body's
    names on ``today``; the screen and the command line both write it so."""
    from ketluan_desktop.core.documents import layout_profiles
    from ketluan_desktop.core.org import organisations as org_service

    listed = rows(session, flt)
    scope = describe_filter(session, flt)
    names = org_service.names_on(session, org_service.issuing_body(session), today)
    if fmt == "xlsx":
        return export_xlsx(listed, Path(path), issuer=names.name, scope=scope, now=now)
    return export_pdf(
        listed,
        Path(path),
        issuer=names.name,
        parent_issuer=names.parent_name,
        place=names.place_name,
        scope=scope,
        now=now,
        profile=layout_profiles.office_default(session),
    )

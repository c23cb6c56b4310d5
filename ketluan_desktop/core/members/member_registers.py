"""Registers of member procedures for a period: cards issued and reissued, travel approvals, badges
proposed — as Excel and as a Party-format PDF (A4 landscape, the layout profile's margins, the
issuing body's header, page numbers from page 2).

A register lists exactly what the period's figures count (approved or completed, counted in the
period), so its total is the number the report sentence writes. Registers are personal data: the
export records who wrote which register to which file in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core import private_files
from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import KetLuanError, ValidationError
from ketluan_desktop.core.fsutil import atomic_writer
from ketluan_desktop.core.members import figures as stats
from ketluan_desktop.core.members import procedure_kinds
from ketluan_desktop.core.members.models import Member, Procedure, ProcedureKind
from ketluan_desktop.core.members.records import fmt_date
from ketluan_desktop.core.org.models import Organisation

K = ProcedureKind


@dataclass(frozen=True)
class RegisterColumn:
    header: str
    width: float  # relative
    align: str = "left"  # left | center


@dataclass(frozen=True)
class RegisterKind:
    key: str
    label: str  # as the screen lists it
    title: str  # as the page heads it
    kinds: tuple[str, ...]
    columns: tuple[RegisterColumn, ...]
    unit: str  # what the total counts


def _c(header: str, width: float, align: str = "left") -> RegisterColumn:
    return RegisterColumn(header, width, align)


REGISTERS: dict[str, RegisterKind] = {
    "cards": RegisterKind(
        "cards",
        "Cấp mới, cấp lại thẻ đảng viên",
        "DANH SÁCH ĐẢNG VIÊN ĐƯỢC CẤP MỚI, CẤP LẠI THẺ ĐẢNG VIÊN",
        (K.CARD_NEW.value, K.CARD_REISSUE.value),
        (
            _c("STT", 5, "center"),
            _c("Họ và tên", 22),
            _c("Ngày sinh", 12, "center"),
            _c("Tổ chức cơ sở đảng", 28),
            _c("Hình thức", 16),
            _c("Số thẻ", 12, "center"),
            _c("Ngày cấp", 12, "center"),
            _c("Ghi chú", 16),
        ),
        "đồng chí",
    ),
    "travel": RegisterKind(
        "travel",
        "Đồng ý cho đảng viên đi nước ngoài",
        "DANH SÁCH ĐẢNG VIÊN ĐƯỢC ĐỒNG Ý ĐI NƯỚC NGOÀI",
        (K.TRAVEL_ABROAD.value,),
        (
            _c("STT", 5, "center"),
            _c("Họ và tên", 20),
            _c("Chức vụ, cơ quan", 28),
            _c("Nước đến", 16),
            _c("Mục đích", 11),
            _c("Thời gian", 21, "center"),
            _c("Văn bản đồng ý", 18),
            _c("Báo cáo sau chuyến đi", 13, "center"),
        ),
        "đảng viên",
    ),
    "badges": RegisterKind(
        "badges",
        "Đề nghị tặng Huy hiệu Đảng",
        "DANH SÁCH ĐẢNG VIÊN ĐƯỢC ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG",
        (K.BADGE.value,),
        (
            _c("STT", 5, "center"),
            _c("Họ và tên", 22),
            _c("Ngày sinh", 12, "center"),
            _c("Tổ chức cơ sở đảng", 28),
            _c("Ngày vào Đảng", 12, "center"),
            _c("Huy hiệu", 11, "center"),
            _c("Đợt trao", 12, "center"),
            _c("Ghi chú", 18),
        ),
        "đồng chí",
    ),
}


@dataclass
class Register:
    kind: RegisterKind
    start: date
    end: date
    rows: list[list[str]] = field(default_factory=list)
    subtitle_text: str | None = None

    @property
    def title(self) -> str:
        return self.kind.title

    @property
    def subtitle(self) -> str:
        if self.subtitle_text:
            return self.subtitle_text
        text = stats.period_text(self.start, self.end)
        return f"({text[0].upper()}{text[1:]})"

    @property
    def total_line(self) -> str:
        from ketluan_desktop.core.text import two_digits

        return f"Tổng cộng: {two_digits(len(self.rows))} {self.kind.unit}."

    def all_text(self) -> str:
        parts = [self.title, self.subtitle, self.total_line]
        parts += [c.header for c in self.kind.columns]
        parts += [cell for row in self.rows for cell in row]
        return "\n".join(parts)


def register_kind(key: str) -> RegisterKind:
    try:
        return REGISTERS[key]
    except KeyError:
        known = ", ".join(REGISTERS)
        raise ValidationError(f"Không có sổ «{key}». Các sổ có: {known}.") from None


@requires(Permission.MEMBER_PERSONAL_DATA)
def build(session: Session, key: str, start: date, end: date) -> Register:
    kind = register_kind(key)
    stats.check_period(start, end)
    org = aliased(Organisation)
    rows = session.execute(
        select(Procedure, Member, org.name)
        .join(Member, Member.id == Procedure.member_id)
        .outerjoin(org, org.id == Member.organisation_id)
        .where(
            Procedure.kind.in_(kind.kinds),
            Procedure.status.in_(stats.COUNTED),
            Procedure.counted_on >= start,
            Procedure.counted_on <= end,
        )
        .order_by(Procedure.counted_on, Member.name_sort, Procedure.id)
    ).all()
    reg = Register(kind, start, end)
    make: Callable[[Procedure, Member, str | None], list[str]] = {
        "cards": _card_row,
        "travel": _travel_row,
        "badges": _badge_row,
    }[key]
    items = [(p, m, o) for p, m, o in rows]
    if key == "badges":
        items.sort(key=lambda t: (-(t[0].badge_years or 0), t[1].name_sort, t[0].id))
    for i, (p, m, o) in enumerate(items, start=1):
        reg.rows.append([str(i), *make(p, m, o)])
    return reg


def _detail_date(p: Procedure, key: str) -> date | None:
    raw = (p.details or {}).get(key)
    return date.fromisoformat(raw) if raw else None


def _card_row(p: Procedure, m: Member, org: str | None) -> list[str]:
    if p.kind == K.CARD_NEW.value:
        form = "Cấp mới"
    else:
        reason = stats.reissue_reason(p.reason)
        form = {"mất": "Cấp lại (mất thẻ)", "hư hỏng": "Cấp lại (thẻ hư hỏng)"}.get(
            reason, "Cấp lại"
        )
    issued = _detail_date(p, "issued_on") or p.completed_on or p.counted_on
    note = f"QĐ số {p.decision_number}" if p.decision_number else ""
    return [
        m.full_name,
        fmt_date(m.birth_date),
        org or "",
        form,
        p.card_number or "",
        fmt_date(issued),
        note,
    ]


def _travel_row(p: Procedure, m: Member, org: str | None) -> list[str]:
    job = ", ".join(x for x in (m.position, m.agency) if x)
    countries = ", ".join((p.details or {}).get("countries") or [])
    when = f"{fmt_date(p.travel_from)} – {fmt_date(p.travel_to)}" if p.travel_from else ""
    doc = f"Số {p.decision_number}" if p.decision_number else ""
    if p.decision_date:
        doc += f", ngày {fmt_date(p.decision_date)}"
    report = fmt_date(p.return_report_on) if p.return_report_on else "Chưa nộp"
    return [m.full_name, job, countries, p.reason or "", when, doc.strip(", "), report]


def _badge_row(p: Procedure, m: Member, org: str | None) -> list[str]:
    occasion = _detail_date(p, "occasion") or p.decision_date or p.counted_on
    notes = []
    if (p.details or {}).get("early"):
        notes.append("Tặng sớm (ốm đau)")
    if p.decision_number:
        notes.append(f"QĐ số {p.decision_number}")
    start = m.first_admission_date or m.admission_date
    return [
        m.full_name,
        fmt_date(m.birth_date),
        org or "",
        fmt_date(start),
        f"{p.badge_years} năm" if p.badge_years else "",
        fmt_date(occasion),
        "; ".join(notes),
    ]


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    """The issuing body's names on the register's page."""

    parent: str | None
    issuer: str
    place: str | None
    on: date


def heading(session: Session, on: date) -> Heading:
    from ketluan_desktop.core.org import organisations as org_service

    names = org_service.names_on(session, org_service.issuing_body(session), on)
    return Heading(names.parent_name, names.name, names.place_name, on)


def office_profile(session: Session):
    """The office's default layout profile (Settings), else the built-in one."""
    from ketluan_desktop.core.documents.layout_profiles import office_default

    return office_default(session)


def write_excel(reg: Register, path: str | Path, head: Heading | None = None) -> Path:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from ketluan_desktop.core.xlsx_text import active_sheet, print_wide_table

    path = Path(path)
    wb = openpyxl.Workbook()
    ws = active_sheet(wb)
    ws.title = reg.kind.label[:31]
    ncol = len(reg.kind.columns)
    tnr = "Times New Roman"
    row = 1
    if head is not None:
        if head.parent:
            ws.cell(row=row, column=1, value=head.parent.upper()).font = Font(name=tnr, size=12)
            row += 1
        ws.cell(row=row, column=1, value=head.issuer.upper()).font = Font(
            name=tnr, size=12, bold=True
        )
        row += 2
    for text, font in (
        (reg.title, Font(name=tnr, size=14, bold=True)),
        (reg.subtitle, Font(name=tnr, size=12, italic=True)),
    ):
        c = ws.cell(row=row, column=1, value=text)
        c.font = font
        c.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
        row += 1
    row += 1
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_row = row
    for j, col in enumerate(reg.kind.columns, start=1):
        c = ws.cell(row=row, column=j, value=col.header)
        c.font = Font(name=tnr, size=12, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.fill = PatternFill("solid", fgColor="E8EEF7")
        c.border = border
        ws.column_dimensions[get_column_letter(j)].width = max(6.0, col.width * 1.15)
    for values in reg.rows:
        row += 1
        for j, (col, v) in enumerate(zip(reg.kind.columns, values, strict=True), start=1):
            c = ws.cell(row=row, column=j, value=int(v) if j == 1 else v)
            c.font = Font(name=tnr, size=12)
            c.border = border
            c.alignment = Alignment(
                horizontal="center" if col.align == "center" else "left",
                vertical="top",
                wrap_text=True,
            )
    row += 2
    ws.cell(row=row, column=2, value=reg.total_line).font = Font(name=tnr, size=12, bold=True)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3).coordinate
    print_wide_table(ws, header_row)
    from ketluan_desktop.core.xlsx_text import save_workbook

    with atomic_writer(path) as fh:
        save_workbook(wb, fh)
    return path


def register_report(reg: Register, head: Heading):
    """The register as a table report: its columns and rows under the issuing body's header,
    then the total the period's figures count."""
    from ketluan_desktop.core.render.table_report import (
        PartyHeading,
        ReportTable,
        TableColumn,
        TableReport,
        TableRow,
    )

    columns = tuple(TableColumn(c.header, c.width, c.align) for c in reg.kind.columns)
    rows = tuple(TableRow(tuple(values)) for values in reg.rows)
    return TableReport(
        title=reg.title,
        subtitle=reg.subtitle,
        heading=PartyHeading(head.issuer, head.parent, head.place, head.on),
        tables=(
            ReportTable(columns, rows, empty="Không có trường hợp nào trong khoảng thời gian này."),
        ),
        below=(reg.total_line,),
        author=head.issuer,
        subject=reg.subtitle,
    )


def write_pdf(reg: Register, path: str | Path, head: Heading, profile=None) -> Path:
    """A4 landscape in the office's layout profile; fails with a RenderError, writing nothing,
    when the font cannot draw some character."""
    from ketluan_desktop.core.render.profile import DEFAULT_PROFILE
    from ketluan_desktop.core.render.table_report import write_table_report

    return write_table_report(
        register_report(reg, head), profile or DEFAULT_PROFILE, path, created=head.on
    )


@requires(Permission.MEMBER_PERSONAL_DATA)
def export(
    session: Session,
    key: str,
    start: date,
    end: date,
    path: str | Path,
    *,
    now: datetime,
    username: str | None = None,
) -> Register:
    """Build the register and write it as .xlsx or .pdf (by the file's extension); audited."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise ValidationError(
            "Sổ được xuất ra tệp .xlsx (Excel) hoặc .pdf; hãy đặt đuôi tệp phù hợp."
        )
    reg = build(session, key, start, end)
    today = now.date()
    if suffix == ".pdf":
        write_pdf(reg, path, heading(session, today), office_profile(session))
    else:
        try:
            head: Heading | None = heading(session, today)
        except KetLuanError:  # no issuing body configured: the sheet is still useful
            head = None
        write_excel(reg, path, head)
    private_files.restrict_to_owner(path)  # personal data: the owner's eyes only
    audit.record(
        session,
        now=now,
        action="export",
        entity="procedure",
        summary=f"Xuất sổ «{reg.kind.label}» ({len(reg.rows)} dòng, {stats.period_text(start, end)}) "
        f"ra tệp {path.name}",
        changes={
            "register": key,
            "from": start.isoformat(),
            "to": end.isoformat(),
            "rows": len(reg.rows),
            "file": str(path),
        },
        username=username,
    )
    return reg


@requires(Permission.READ_MEMBERS)
def export_reminders(
    session: Session,
    rule: str,
    today: date,
    path: str | Path,
    *,
    now: datetime,
    username: str | None = None,
) -> int:
    """One reminder list (dashboard) as an Excel sheet; audited like every member export. It holds
    what ``reminders.reminders`` gives the role: for one without the personal-data permission,
    the name, the organisation and the procedure's status only."""
    from ketluan_desktop.core.access import personal
    from ketluan_desktop.core.members import reminders as member_rules

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("Danh sách nhắc việc được xuất ra tệp Excel .xlsx.")
    cfg = member_rules.load_config(session)
    items = member_rules.reminders(session, today, rule)[rule]
    shown = personal.allowed(session)
    label = member_rules.rule_label(rule, cfg)
    columns = (
        (
            _c("STT", 5, "center"),
            _c("Họ và tên", 24),
            _c("Tổ chức cơ sở đảng", 32),
            _c("Ngày", 12, "center"),
            _c("Hạn", 12, "center"),
            _c("Nội dung", 60),
        )
        if shown
        else (
            _c("STT", 5, "center"),
            _c("Họ và tên", 28),
            _c("Tổ chức cơ sở đảng", 36),
            _c("Tình trạng thủ tục", 48),
        )
    )
    kind = RegisterKind(rule, label, label.upper(), (), columns, "trường hợp")
    reg = Register(kind, today, today, subtitle_text=f"(Tính đến ngày {fmt_date(today)})")
    for i, r in enumerate(items, start=1):
        dates = [fmt_date(r.date), fmt_date(r.due)] if shown else []
        reg.rows.append([str(i), r.member_name, r.organisation or "", *dates, r.text])
    try:
        head: Heading | None = heading(session, today)
    except KetLuanError:
        head = None
    write_excel(reg, path, head)
    private_files.restrict_to_owner(path)
    audit.record(
        session,
        now=now,
        action="export",
        entity="member",
        summary=f"Xuất danh sách nhắc việc «{kind.label}» ({len(items)} dòng"
        f"{'' if shown else ', không có thông tin cá nhân'}) ra tệp {path.name}",
        changes={"rule": rule, "rows": len(items), "file": str(path), "personal_data": shown},
        username=username,
    )
    return len(items)


def describe(key: str) -> dict[str, Any]:
    k = register_kind(key)
    return {
        "key": k.key,
        "label": k.label,
        "title": k.title,
        "kinds": [procedure_kinds.kind_label(x) for x in k.kinds],
    }

"""What a task report says: the tasks with unit, deadline, state and latest update, and totals.

Two kinds:

* for one document — "Báo cáo tình hình thực hiện Kết luận số 105-KL/ĐUK …": every task the
  document gave, as of ``today``;
* for a period across documents — the tasks due in the period, those carried over unfinished from
  before it, standing tasks ("thường xuyên") and those reported on during it; each task's state
  as it stood at the end of the period (or today, if the period has not ended) and its latest
  update up to then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import NotFoundError, ValidationError
from ketluan_desktop.core.meetings.models import Meeting
from ketluan_desktop.core.org import organisations as org_service
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.tasks.deadlines import describe, vn_date
from ketluan_desktop.core.tasks.models import Task, TaskStatus, TaskUpdate
from ketluan_desktop.core.tasks.task_states import (
    DONE_STATES,
    OPEN_STATES,
    OVERDUE,
    STATES,
    state_label,
)
from ketluan_desktop.core.text import clean, two_digits


@dataclass(frozen=True)
class ReportRow:
    number: int  # STT
    task_id: int
    text: str
    document_id: int | None
    document: str | None  # "105-KL/ĐUK"
    lead_unit: str | None
    co_units: list[str]
    deadline: date | None
    deadline_display: str
    state: str
    completed_on: date | None
    latest_date: date | None
    latest_text: str | None
    latest_percent: int | None
    latest_unit: str | None

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def latest_display(self) -> str:
        if not self.latest_text:
            return "Chưa có báo cáo"
        pct = f" ({self.latest_percent}%)" if self.latest_percent is not None else ""
        return f"{vn_date(self.latest_date)}: {self.latest_text}{pct}"


@dataclass(frozen=True)
class ReportSection:
    document_id: int | None
    title: str  # "Kết luận số 105-KL/ĐUK, ngày 10/7/2024 của Hội nghị …"
    rows: list[ReportRow]


@dataclass(frozen=True)
class UnitTotals:
    unit: str
    counts: dict[str, int]  # per shown state

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ReportSigner:
    authority: str | None
    title: str | None
    name: str | None


@dataclass
class TaskReport:
    kind: str  # "document" | "period"
    subject: str  # under the title "BÁO CÁO": "tình hình thực hiện Kết luận số …"
    as_of: date  # the state of each task is as it stood on this day
    made_on: date  # the report's date
    period: tuple[date, date] | None
    sections: list[ReportSection]
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    symbol_code: str | None = None  # "ĐUK"
    office_name: str | None = None  # "Văn phòng Đảng ủy Khối"
    signer: ReportSigner | None = None
    source_phrase: str | None = None  # "Kết luận số 105-KL/ĐUK, ngày 10/7/2024 của …"
    number: int | None = None  # the report's own number once the office gives it one
    totals: dict[str, int] = field(default_factory=dict)
    by_unit: list[UnitTotals] = field(default_factory=list)

    @property
    def rows(self) -> list[ReportRow]:
        return [r for s in self.sections for r in s.rows]

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def title(self) -> str:
        """ "Báo cáo tình hình thực hiện Kết luận số 105-KL/ĐUK …" (file names, window titles)."""
        return f"Báo cáo {self.subject}"

    @property
    def number_symbol(self) -> str | None:
        if self.number is None:
            return None
        return f"{self.number}-BC/{self.symbol_code}" if self.symbol_code else f"{self.number}-BC"


# ----------------------------------------------------------------------------------- helpers
def state_as_of(status: str, deadline: date | None, completed_on: date | None, as_of: date) -> str:
    """The state a task had on ``as_of``: a task completed later was still open then."""
    if status in DONE_STATES:
        if completed_on is None or completed_on <= as_of:
            return status
        status = TaskStatus.IN_PROGRESS.value
    if status in OPEN_STATES and deadline is not None and deadline < as_of:
        return OVERDUE
    return status


def period_label(start: date, end: date) -> str:
    """ "6 tháng đầu năm 2025", "quý II/2025", "năm 2025", "tháng 5/2025" or "từ ngày … đến ngày …"."""
    from ketluan_desktop.core.tasks.deadlines import end_of_month

    if start.year == end.year and start.day == 1 and end == end_of_month(end.year, end.month):
        y = start.year
        months = (start.month, end.month)
        if months == (1, 12):
            return f"năm {y}"
        if months == (1, 6):
            return f"6 tháng đầu năm {y}"
        if months == (7, 12):
            return f"6 tháng cuối năm {y}"
        if months == (1, 9):
            return f"9 tháng đầu năm {y}"
        if months[1] - months[0] == 2 and months[0] % 3 == 1:
            return f"quý {['I', 'II', 'III', 'IV'][months[0] // 3]}/{y}"
        if months[0] == months[1]:
            return f"tháng {months[0]}/{y}"
    return f"từ ngày {vn_date(start)} đến ngày {vn_date(end)}"


def citation_date(d: date | None) -> str:
    return f"{d.day}/{d.month}/{d.year}" if d else ""


def document_phrase(session: Session, doc: Document) -> str:
    """ "Kết luận số 105-KL/ĐUK, ngày 10/7/2024 của Hội nghị Ban Chấp hành … lần thứ 19 (mở rộng)"."""
    kind = DOCUMENT_TYPES[doc.type_code].name if doc.type_code in DOCUMENT_TYPES else doc.type_code
    head = f"{kind} số {doc.number_symbol}" if doc.number_symbol else f"Dự thảo {kind.lower()}"
    if doc.doc_date:
        head += f", ngày {citation_date(doc.doc_date)}"
    subject = clean(doc.subject) or ""
    if not subject and doc.meeting_id:
        meeting = session.get(Meeting, doc.meeting_id)
        subject = clean(meeting.body_full or meeting.title) if meeting else ""
    if not subject:
        return head
    low = subject.lower()
    if low.startswith(("về ", "v/v")):
        return f"{head} {subject}"
    if low.startswith(("hội nghị", "ban ", "thường trực", "bộ chính trị")):
        return f"{head} của {subject}"
    return f"{head} về {subject[:1].lower() + subject[1:]}"


def _signer(session: Session) -> ReportSigner | None:
    from ketluan_desktop.core.org.models import Person

    pid = settings.get(session, "office.default_signer_id")
    person = session.get(Person, pid) if pid else None
    if person is None:
        return ReportSigner("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", None)
    title = (person.signature_title or person.committee_role or "").upper() or None
    if title in ("BÍ THƯ", "PHÓ BÍ THƯ"):
        authority = "T/M BAN THƯỜNG VỤ" if title == "BÍ THƯ" else "K/T BÍ THƯ"
    else:
        authority = "T/L BAN THƯỜNG VỤ"
    return ReportSigner(authority, title, person.full_name)


def _header(session: Session, report: TaskReport, on: date) -> None:
    try:
        body = org_service.issuing_body(session)
        names = org_service.names_on(session, body, on)
    except (NotFoundError, ValidationError):
        return
    report.issuer = names.name
    report.parent_issuer = names.parent_name
    report.place = names.place_name or settings.get(session, "office.default_place")
    report.symbol_code = names.symbol_code
    report.office_name = names.office_name
    report.signer = _signer(session)


def _unit_name(u: Organisation | None) -> str | None:
    return (u.short_name or u.name) if u is not None else None


def _rows(
    session: Session, tasks: list[Task], *, as_of: date, updates_until: date | None
) -> dict[int, ReportRow]:
    ids = [t.id for t in tasks]
    units = {o.id: o for o in session.scalars(select(Organisation))}
    latest: dict[int, TaskUpdate] = {}
    stmt = select(TaskUpdate).where(TaskUpdate.task_id.in_(ids))
    if updates_until is not None:
        stmt = stmt.where(TaskUpdate.update_date <= updates_until)
    for u in session.scalars(stmt.order_by(TaskUpdate.update_date, TaskUpdate.id)):
        latest[u.task_id] = u
    numbers = dict(
        session.execute(
            select(Document.id, Document.number_symbol).where(
                Document.id.in_({t.document_id for t in tasks if t.document_id})
            )
        ).all()
    )
    out = {}
    for t in tasks:
        u = latest.get(t.id)
        out[t.id] = ReportRow(
            number=0,
            task_id=t.id,
            text=t.text,
            document_id=t.document_id,
            document=numbers.get(t.document_id) if t.document_id else None,
            lead_unit=_unit_name(units.get(t.lead_unit_id)) if t.lead_unit_id else None,
            co_units=[_unit_name(c) or "" for c in t.co_units],
            deadline=t.deadline,
            deadline_display=describe(t.deadline, t.deadline_text, t.reporting_cycle),
            state=state_as_of(t.status, t.deadline, t.completed_on, as_of),
            completed_on=t.completed_on if t.completed_on and t.completed_on <= as_of else None,
            latest_date=u.update_date if u else None,
            latest_text=u.text if u else None,
            latest_percent=u.percent if u else None,
            latest_unit=_unit_name(units.get(u.unit_id)) if u and u.unit_id else None,
        )
    return out


def _totals(report: TaskReport) -> None:
    report.totals = dict.fromkeys(STATES, 0)
    per_unit: dict[str, dict[str, int]] = {}
    for r in report.rows:
        report.totals[r.state] += 1
        key = r.lead_unit or "Chưa giao đơn vị"
        per_unit.setdefault(key, dict.fromkeys(STATES, 0))[r.state] += 1
    report.by_unit = [UnitTotals(u, c) for u, c in per_unit.items()]


def _numbered(sections: list[ReportSection]) -> list[ReportSection]:
    n = 0
    out = []
    for s in sections:
        rows = []
        for r in s.rows:
            n += 1
            rows.append(ReportRow(**{**r.__dict__, "number": n}))
        out.append(ReportSection(s.document_id, s.title, rows))
    return out


_TASK_ORDER = (Task.document_id, Task.position, Task.id)


# ----------------------------------------------------------------------------------- reports
def document_report(
    session: Session, document_id: int, *, today: date, number: int | None = None
) -> TaskReport:
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFoundError(
            f"Không có văn bản mã số {document_id}. Có thể văn bản đã bị xóa; hãy tải lại danh sách.",
            cli_hint="Dùng «ketluan documents list» để xem mã số các văn bản.",
        )
    tasks = list(
        session.scalars(
            select(Task)
            .where(Task.document_id == document_id)
            .order_by(*_TASK_ORDER)
            .options(selectinload(Task.co_units))
        )
    )
    phrase = document_phrase(session, doc)
    if not tasks:
        raise ValidationError(
            f"{phrase} chưa có nhiệm vụ nào để báo cáo. Hãy giao nhiệm vụ từ văn bản trước "
            "(Nhiệm vụ → Tạo từ văn bản)."
        )
    rows = _rows(session, tasks, as_of=today, updates_until=None)
    report = TaskReport(
        kind="document",
        subject=f"tình hình thực hiện {phrase}",
        as_of=today,
        made_on=today,
        period=None,
        sections=_numbered([ReportSection(doc.id, phrase, [rows[t.id] for t in tasks])]),
        source_phrase=phrase,
        number=number,
    )
    _header(session, report, today)
    _totals(report)
    return report


def period_report(
    session: Session,
    start: date,
    end: date,
    *,
    today: date,
    unit_id: int | None = None,
    number: int | None = None,
) -> TaskReport:
    if end < start:
        raise ValidationError(
            f"Kỳ báo cáo không hợp lệ: ngày kết thúc {vn_date(end)} trước ngày bắt đầu {vn_date(start)}."
        )
    as_of = min(end, today)
    in_period = exists().where(
        TaskUpdate.task_id == Task.id,
        TaskUpdate.update_date >= start,
        TaskUpdate.update_date <= end,
    )
    unfinished_then = or_(Task.completed_on.is_(None), Task.completed_on >= start)
    stmt = (
        select(Task)
        .outerjoin(Document, Document.id == Task.document_id)
        .where(
            or_(Document.doc_date.is_(None), Document.doc_date <= end),
            or_(
                and_(Task.deadline >= start, Task.deadline <= end),
                and_(Task.deadline < start, unfinished_then),
                and_(Task.deadline.is_(None), unfinished_then),
                in_period,
            ),
        )
        .order_by(Document.doc_date.is_(None), Document.doc_date, *_TASK_ORDER)
        .options(selectinload(Task.co_units))
    )
    if unit_id is not None:
        stmt = stmt.where(Task.lead_unit_id == unit_id)
    tasks = list(session.scalars(stmt))
    label = period_label(start, end)
    if not tasks:
        raise ValidationError(
            f"Không có nhiệm vụ nào thuộc kỳ báo cáo {label}: không có nhiệm vụ đến hạn, chuyển tiếp "
            "hay được báo cáo tiến độ trong kỳ. Hãy chọn kỳ khác."
        )
    rows = _rows(session, tasks, as_of=as_of, updates_until=end)
    sections: list[ReportSection] = []
    docs = {
        d.id: d
        for d in session.scalars(
            select(Document).where(Document.id.in_({t.document_id for t in tasks if t.document_id}))
        )
    }
    for t in tasks:
        key = t.document_id
        if not sections or sections[-1].document_id != key:
            title = document_phrase(session, docs[key]) if key else "Nhiệm vụ giao trực tiếp"
            sections.append(ReportSection(key, title, []))
        sections[-1].rows.append(rows[t.id])
    subject = f"tình hình thực hiện nhiệm vụ theo các văn bản kết luận {label}"
    if unit_id is not None:
        unit = session.get(Organisation, unit_id)
        subject += f" (đơn vị chủ trì: {_unit_name(unit)})"
    report = TaskReport(
        kind="period",
        subject=subject,
        as_of=as_of,
        made_on=today,
        period=(start, end),
        sections=_numbered(sections),
        number=number,
    )
    _header(session, report, today)
    _totals(report)
    return report


# ----------------------------------------------------------------------------------- wording
def count_phrase(n: int) -> str:
    return f"{two_digits(n)} nhiệm vụ"


def summary_sentence(report: TaskReport) -> str:
    t = report.totals
    done = t[TaskStatus.DONE.value]
    late = t[TaskStatus.DONE_LATE.value]
    pct = round(100 * (done + late) / report.total) if report.total else 0
    named = (
        ("hoàn thành đúng hạn", done),
        ("hoàn thành quá hạn", late),
        ("đang thực hiện trong hạn", t[TaskStatus.IN_PROGRESS.value]),
        ("chưa thực hiện, chưa đến hạn", t[TaskStatus.NOT_STARTED.value]),
        ("tạm dừng", t[TaskStatus.PAUSED.value]),
        ("quá hạn chưa hoàn thành", t[OVERDUE]),
    )
    parts = [f"{label} {count_phrase(n)}" for label, n in named if n]
    return (
        f"Tính đến ngày {vn_date(report.as_of)}: "
        + "; ".join(parts)
        + f". Tỷ lệ hoàn thành đạt {pct}% ({two_digits(done + late)}/{two_digits(report.total)} nhiệm vụ)."
    )

"""Key tasks: filtered and sorted lists, groups, counts per state, the start-up notice.

"Quá hạn" (overdue) is never stored: it is derived in SQL from the deadline and the ``today`` the
caller passes, so a fixed clock in tests and the real one in the app give the same rules.

Lists scale to tens of thousands of tasks: the database filters and sorts, and callers get the
ordered ids (an ``array`` of 8-byte ints) and then the rows of the window they show
(``rows_for``), never the whole table as objects.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, literal, not_, or_, select
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import ORG_KIND_LABELS, Organisation, OrgKind
from ketluan_desktop.core.tasks.deadlines import describe
from ketluan_desktop.core.tasks.models import (
    OVERDUE_LABEL,
    TASK_STATUS_LABELS,
    Task,
    TaskStatus,
    TaskUpdate,
    task_citation,
    task_co_unit,
)
from ketluan_desktop.core.text import fold

OPEN_STATES = (TaskStatus.NOT_STARTED.value, TaskStatus.IN_PROGRESS.value)
DONE_STATES = (TaskStatus.DONE.value, TaskStatus.DONE_LATE.value)
OVERDUE = "overdue"
OPEN = "open"  # a filter, not a state: every task still to do (overdue or not)
# The order states are shown in: what needs attention first.
STATES = (
    OVERDUE,
    TaskStatus.NOT_STARTED.value,
    TaskStatus.IN_PROGRESS.value,
    TaskStatus.DONE.value,
    TaskStatus.DONE_LATE.value,
    TaskStatus.PAUSED.value,
)
PRIORITY_LABELS = {1: "Cao", 2: "Bình thường", 3: "Thấp"}
NO_DOCUMENT = -1  # document filter/group key: tasks given by hand, not from a document
NO_UNIT = -1  # group key: tasks with no lead unit yet

SORT_KEYS = (
    "text",
    "document",
    "lead_unit",
    "deadline",
    "state",
    "priority",
    "latest_update",
    "id",
)
GROUP_KEYS = ("document", "unit")
DEFAULT_SOON_DAYS = 7


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
    return status in OPEN_STATES and deadline is not None and deadline < today


def is_due_soon(status: str, deadline: date | None, today: date, days: int) -> bool:
    return (
        status in OPEN_STATES
        and deadline is not None
        and today <= deadline <= today + timedelta(days=days)
    )


def display_state(status: str, deadline: date | None, today: date) -> str:
    """The state a user sees: "Quá hạn" is derived from the deadline and today, never stored."""
    if is_overdue(status, deadline, today):
        return OVERDUE
    return status


def state_label(state: str) -> str:
    if state == OPEN:
        return "Chưa hoàn thành"
    return OVERDUE_LABEL if state == OVERDUE else TASK_STATUS_LABELS[TaskStatus(state)]


def parse_state(text: str) -> str:
    """A state from its code ("done") or its Vietnamese label, accents optional ("hoan thanh")."""
    key = fold(text).replace("_", " ").strip()
    for state in STATES:
        if key in (fold(state).replace("_", " "), fold(state_label(state))):
            return state
    known = ", ".join(f"«{state_label(s)}» ({s})" for s in STATES)
    raise ValidationError(f"Không có trạng thái «{text}». Các trạng thái: {known}.")


def soon_days(session: Session) -> int:
    value = settings.get(session, "tasks.due_soon_days")
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return DEFAULT_SOON_DAYS


@dataclass(frozen=True)
class TaskRow:
    id: int
    text: str
    document_id: int | None
    number_symbol: str | None
    lead_unit: str | None
    deadline: date | None
    deadline_text: str | None
    status: str
    state: str  # status, or "overdue"
    latest_update: str | None
    latest_update_date: date | None
    lead_unit_id: int | None = None
    reporting_cycle: str | None = None
    priority: int = 2
    completed_on: date | None = None
    latest_percent: int | None = None
    due_soon: bool = False
    version: int = 1

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def deadline_display(self) -> str:
        return describe(self.deadline, self.deadline_text, self.reporting_cycle)

    @property
    def priority_label(self) -> str:
        return PRIORITY_LABELS.get(self.priority, str(self.priority))

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "document_id": self.document_id,
            "document": self.number_symbol,
            "lead_unit": self.lead_unit,
            "lead_unit_id": self.lead_unit_id,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "reporting_cycle": self.reporting_cycle,
            "priority": self.priority,
            "status": self.status,
            "state": self.state,
            "state_label": self.state_label,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "due_soon": self.due_soon,
            "latest_update": self.latest_update,
            "latest_update_date": (
                self.latest_update_date.isoformat() if self.latest_update_date else None
            ),
            "latest_percent": self.latest_percent,
        }


@dataclass(frozen=True)
class TaskFilter:
    """What the list shows. ``None`` everywhere: every task."""

    unit_id: int | None = None
    unit_role: str = "lead"  # "lead": the unit leads; "any": it leads or co-ordinates
    state: str | None = None  # a TaskStatus value, OVERDUE, or OPEN (all still to do)
    document_id: int | None = None  # NO_DOCUMENT: tasks given by hand
    text: str | None = None  # accent-free search in the task's text
    due_from: date | None = None
    due_to: date | None = None
    priority: int | None = None
    cited_id: int | None = None  # tasks that carry out this cited document

    def without_state(self) -> TaskFilter:
        return replace(self, state=None)


@dataclass(frozen=True)
class TaskSort:
    key: str = "deadline"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.key not in SORT_KEYS:
            raise ValidationError(
                f"Không sắp xếp được theo «{self.key}». Chọn một trong: {', '.join(SORT_KEYS)}."
            )


def overdue_clause(today: date) -> ColumnElement[bool]:
    return and_(Task.status.in_(OPEN_STATES), Task.deadline.is_not(None), Task.deadline < today)


def due_soon_clause(today: date, days: int) -> ColumnElement[bool]:
    return and_(
        Task.status.in_(OPEN_STATES),
        Task.deadline >= today,
        Task.deadline <= today + timedelta(days=days),
    )


def state_expr(today: date) -> ColumnElement[str]:
    return case((overdue_clause(today), literal(OVERDUE)), else_=Task.status)


def _state_rank(today: date) -> ColumnElement[int]:
    ranks = {s: i for i, s in enumerate(STATES)}
    return case(
        (overdue_clause(today), 0),
        *[(Task.status == s, r) for s, r in ranks.items() if s != OVERDUE],
        else_=len(STATES),
    )


def _apply(stmt: Select, f: TaskFilter, today: date) -> Select:
    if f.unit_id is not None:
        if f.unit_role == "any":
            co = exists().where(
                task_co_unit.c.task_id == Task.id, task_co_unit.c.organisation_id == f.unit_id
            )
            stmt = stmt.where(or_(Task.lead_unit_id == f.unit_id, co))
        elif f.unit_role == "co":
            stmt = stmt.where(
                exists().where(
                    task_co_unit.c.task_id == Task.id, task_co_unit.c.organisation_id == f.unit_id
                )
            )
        else:
            stmt = stmt.where(Task.lead_unit_id == f.unit_id)
    if f.state == OVERDUE:
        stmt = stmt.where(overdue_clause(today))
    elif f.state == OPEN:
        stmt = stmt.where(Task.status.in_(OPEN_STATES))
    elif f.state:
        stmt = stmt.where(Task.status == f.state)
        if f.state in OPEN_STATES:
            stmt = stmt.where(not_(overdue_clause(today)))
    if f.document_id == NO_DOCUMENT:
        stmt = stmt.where(Task.document_id.is_(None))
    elif f.document_id is not None:
        stmt = stmt.where(Task.document_id == f.document_id)
    key = fold(f.text) if f.text else ""
    if key:
        stmt = stmt.where(Task.text_folded.contains(key, autoescape=True))
    if f.due_from is not None:
        stmt = stmt.where(Task.deadline >= f.due_from)
    if f.due_to is not None:
        stmt = stmt.where(Task.deadline <= f.due_to)
    if f.priority is not None:
        stmt = stmt.where(Task.priority == f.priority)
    if f.cited_id is not None:
        stmt = stmt.where(
            exists().where(
                task_citation.c.task_id == Task.id, task_citation.c.cited_id == f.cited_id
            )
        )
    return stmt


def filtered(
    *,
    today: date,
    unit_id: int | None = None,
    state: str | None = None,
    document_id: int | None = None,
    text: str | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
) -> Select:
    """``SELECT task.id`` with the filters (kept for callers of the first version)."""
    f = TaskFilter(
        unit_id=unit_id,
        state=state,
        document_id=document_id,
        text=text,
        due_from=due_from,
        due_to=due_to,
    )
    return _apply(select(Task.id), f, today)


_lead = aliased(Organisation, name="lead_unit")
_upd = aliased(TaskUpdate, name="latest_update")


def _order(sort: TaskSort, today: date, *, reverse: bool = False) -> tuple[list[Any], set[str]]:
    """ORDER BY terms (ending with the id, so pages never overlap) and the joins they need;
    ``reverse``: the same order read from its end (the last page of a long list)."""
    desc = sort.descending != reverse

    def d(col):
        return col.desc() if desc else col.asc()

    def nulls_last(col):
        flag = col.is_(None)
        return flag.desc() if reverse else flag

    joins: set[str] = set()
    if sort.key == "text":
        terms = [d(Task.text_folded)]
    elif sort.key == "document":
        joins.add("document")
        terms = [nulls_last(Document.doc_date), d(Document.doc_date), d(Task.document_id)]
    elif sort.key == "lead_unit":
        joins.add("lead")
        terms = [nulls_last(_lead.name_folded), d(_lead.name_folded)]
    elif sort.key == "state":
        terms = [d(_state_rank(today))]
    elif sort.key == "priority":
        terms = [d(Task.priority)]
    elif sort.key == "latest_update":
        joins.add("update")
        terms = [nulls_last(_upd.update_date), d(_upd.update_date)]
    elif sort.key == "id":
        terms = []
    else:  # deadline: the index on (deadline) serves it; see TaskWindow for tasks without one
        terms = [d(Task.deadline)]
    return [*terms, d(Task.id)], joins


def _with_joins(stmt: Select, joins: set[str]) -> Select:
    if "document" in joins:
        stmt = stmt.outerjoin(Document, Document.id == Task.document_id)
    if "lead" in joins:
        stmt = stmt.outerjoin(_lead, _lead.id == Task.lead_unit_id)
    if "update" in joins:
        stmt = stmt.outerjoin(_upd, _upd.id == Task.latest_update_id)
    if "update_inner" in joins:
        stmt = stmt.join(_upd, _upd.id == Task.latest_update_id)
    return stmt


def _group_col(group: str) -> ColumnElement[int]:
    if group == "document":
        return func.coalesce(Task.document_id, NO_DOCUMENT)
    if group == "unit":
        return func.coalesce(Task.lead_unit_id, NO_UNIT)
    raise ValidationError(f"Không nhóm được theo «{group}». Chọn: {', '.join(GROUP_KEYS)}.")


def _group_where(group: str, key: int | None) -> ColumnElement[bool]:
    col = Task.document_id if group == "document" else Task.lead_unit_id
    return col.is_(None) if key is None or key in (NO_DOCUMENT, NO_UNIT) else col == key


# ------------------------------------------------------------------------ counts and windows
@dataclass(frozen=True)
class StateCensus:
    """Per stored status: (tasks, with a deadline before today, without a deadline).

    One grouped query over the filter (its state choice aside) gives the header strip's counts
    and, for any state choice, how many rows the list has and how many have no deadline.
    """

    by_status: dict[str, tuple[int, int, int]]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = dict.fromkeys(STATES, 0)
        for status, (n, late, _none) in self.by_status.items():
            if status in OPEN_STATES:
                out[OVERDUE] += late
                out[status] = out.get(status, 0) + n - late
            else:
                out[status] = out.get(status, 0) + n
        return out

    def matching(self, state: str | None) -> tuple[int, int]:
        """(rows, rows without a deadline) for the list filtered to ``state``."""
        total = nulls = 0
        for status, (n, late, none) in self.by_status.items():
            if (
                state is None
                or (state == status and status not in OPEN_STATES)
                or (state == OPEN and status in OPEN_STATES)
            ):
                total, nulls = total + n, nulls + none
            elif state == OVERDUE and status in OPEN_STATES:
                total += late
            elif state == status:
                total, nulls = total + n - late, nulls + none
        return total, nulls


def census(session: Session, f: TaskFilter, *, today: date) -> StateCensus:
    base = f.without_state()
    status: ColumnElement[str] | QueryableAttribute[str] = Task.status
    if base.text:
        # The search reads every row anyway: group while scanning the table rather than walk
        # the (status, deadline) index and fetch each row's text from it (three times slower).
        status = Task.status.concat("")
    late = func.sum(case((Task.deadline < today, 1), else_=0))
    none = func.sum(case((Task.deadline.is_(None), 1), else_=0))
    stmt = _apply(select(status, func.count(), late, none).select_from(Task), base, today)
    return StateCensus(
        {st: (n, lt or 0, nn or 0) for st, n, lt, nn in session.execute(stmt.group_by(status))}
    )


@dataclass
class TaskWindow:
    """A filtered, sorted list of tasks that the database pages through.

    ``load`` counts the rows; ``ids(start, stop)`` returns the ids of one window in display order
    with ``LIMIT``/``OFFSET``. Sorting by deadline is split in two segments — tasks with a
    deadline (served by the deadline index, ascending or descending) then standing tasks — so
    the default order never sorts in a temporary table. Only the counts and the window being
    shown ever come into Python.
    """

    filter: TaskFilter
    sort: TaskSort
    today: date
    group: str | None = None
    group_key: int | None = None
    counts: list[int] = field(default_factory=list)

    def _segments(self) -> list[tuple[list[ColumnElement[bool]], list[Any], list[Any], set[str]]]:
        """(where, order, the order reversed, joins) of each segment, in display order."""
        terms, joins = _order(self.sort, self.today)
        backwards, _ = _order(self.sort, self.today, reverse=True)
        where = [] if self.group is None else [_group_where(self.group, self.group_key)]
        up, down = Task.id.asc(), Task.id.desc()
        last, first = (down, up) if self.sort.descending else (up, down)
        if self.sort.key == "deadline":
            return [
                ([*where, Task.deadline.is_not(None)], terms, backwards, joins),
                ([*where, Task.deadline.is_(None)], [last], [first], set()),
            ]
        if self.sort.key == "latest_update":
            # Tasks with an update, by its date (then its id), walking task_update's date index
            # and finding each task by its latest_update_id: no sort of every task.
            asc = not self.sort.descending
            on = [_upd.update_date.asc(), _upd.id.asc()]
            off = [_upd.update_date.desc(), _upd.id.desc()]
            return [
                (
                    [*where, Task.latest_update_id.is_not(None)],
                    on if asc else off,
                    off if asc else on,
                    {"update_inner"},
                ),
                ([*where, Task.latest_update_id.is_(None)], [last], [first], set()),
            ]
        return [(where, terms, backwards, joins)]

    def load(self, session: Session, known: StateCensus | None = None) -> int:
        """Count the rows (from a census of the same filter when the caller has one)."""
        segments = self._segments()
        if known is not None and self.group is None and self.sort.key == "deadline":
            total, nulls = known.matching(self.filter.state)
            self.counts = [total - nulls, nulls]
        else:
            self.counts = []
            for where, _terms, _backwards, _joins in segments:
                stmt = _apply(select(func.count()).select_from(Task), self.filter, self.today)
                self.counts.append(session.scalar(stmt.where(*where)) or 0)
        return self.total

    @property
    def total(self) -> int:
        return sum(self.counts)

    def ids(self, session: Session, start: int, stop: int) -> list[int]:
        """The ids of rows ``start``..``stop``; a window nearer a segment's end is read backwards
        from that end, so the last page costs what the first one does."""
        out: list[int] = []
        offset = 0
        for (where, terms, backwards, joins), n in zip(self._segments(), self.counts, strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, n)
            if lo < hi:
                stmt = _with_joins(_apply(select(Task.id), self.filter, self.today), joins)
                stmt = stmt.where(*where).limit(hi - lo)
                if n - hi < lo:
                    part = list(session.scalars(stmt.order_by(*backwards).offset(n - hi)))
                    out.extend(reversed(part))
                else:
                    out.extend(session.scalars(stmt.order_by(*terms).offset(lo)))
            offset += n
        return out


def first_ids(window: TaskWindow, session: Session, limit: int) -> list[int]:
    """The ids of the window's first ``limit`` rows without counting them first (segment after
    segment, each from its start), so the first page can be read beside the census."""
    out: list[int] = []
    for where, terms, _backwards, joins in window._segments():
        if len(out) >= limit:
            break
        stmt = _with_joins(_apply(select(Task.id), window.filter, window.today), joins)
        out.extend(session.scalars(stmt.where(*where).order_by(*terms).limit(limit - len(out))))
    return out


def ordered_ids(session: Session, f: TaskFilter, sort: TaskSort, *, today: date) -> array:
    """Every matching task's id, in display order (small lists, the command line, tests)."""
    window = TaskWindow(f, sort, today)
    window.load(session)
    return array("q", window.ids(session, 0, window.total))


def ordered_ids_by_group(
    session: Session, f: TaskFilter, sort: TaskSort, group: str, *, today: date
) -> dict[int, array]:
    """The ordered ids of each group (document or lead unit)."""
    out: dict[int, array] = {}
    for g in groups(session, f, group, today=today):
        window = TaskWindow(f, sort, today, group, g.key)
        window.load(session)
        out[g.key] = array("q", window.ids(session, 0, window.total))
    return out


def count(session: Session, f: TaskFilter | None = None, *, today: date) -> int:
    stmt = _apply(select(func.count()).select_from(Task), f or TaskFilter(), today)
    return session.scalar(stmt) or 0


def _row_stmt(today: date) -> Select:
    return (
        select(
            Task.id,
            Task.text,
            Task.document_id,
            Document.number_symbol,
            _lead.short_name,
            _lead.name,
            Task.lead_unit_id,
            Task.deadline,
            Task.deadline_text,
            Task.reporting_cycle,
            Task.status,
            Task.priority,
            Task.completed_on,
            _upd.text,
            _upd.update_date,
            _upd.percent,
            Task.version,
        )
        .outerjoin(Document, Document.id == Task.document_id)
        .outerjoin(_lead, _lead.id == Task.lead_unit_id)
        .outerjoin(_upd, _upd.id == Task.latest_update_id)
    )


def _to_row(r: Sequence[Any], today: date, days: int) -> TaskRow:
    (
        tid,
        text,
        doc_id,
        number,
        short,
        name,
        lead_id,
        deadline,
        deadline_text,
        cycle,
        status,
        priority,
        completed_on,
        utext,
        udate,
        upct,
        version,
    ) = r
    return TaskRow(
        id=tid,
        text=text,
        document_id=doc_id,
        number_symbol=number,
        lead_unit=short or name,
        deadline=deadline,
        deadline_text=deadline_text,
        status=status,
        state=display_state(status, deadline, today),
        latest_update=utext,
        latest_update_date=udate,
        lead_unit_id=lead_id,
        reporting_cycle=cycle,
        priority=priority,
        completed_on=completed_on,
        latest_percent=upct,
        due_soon=is_due_soon(status, deadline, today, days),
        version=version,
    )


def rows_for(
    session: Session, ids: Iterable[int], *, today: date, soon: int | None = None
) -> dict[int, TaskRow]:
    """The rows of a window of ids (a page the view shows), keyed by id."""
    ids = list(ids)
    if not ids:
        return {}
    days = soon_days(session) if soon is None else soon
    out: dict[int, TaskRow] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        for r in session.execute(_row_stmt(today).where(Task.id.in_(part))):
            out[r[0]] = _to_row(r, today, days)
    return out


def list_tasks(
    session: Session,
    *,
    today: date,
    limit: int | None = None,
    sort: TaskSort | None = None,
    filter: TaskFilter | None = None,
    **filters: Any,
) -> list[TaskRow]:
    """A whole (small) list as rows: for the command line and reports, not the 50,000-row screen."""
    f = filter or TaskFilter(**filters)
    sort = sort or TaskSort()
    terms, _joins = _order(sort, today)
    if sort.key == "deadline":
        terms = [Task.deadline.is_(None), *terms]  # standing tasks last, as on screen
    stmt = _apply(_row_stmt(today), f, today).order_by(*terms)
    if limit:
        stmt = stmt.limit(limit)
    days = soon_days(session)
    return [_to_row(r, today, days) for r in session.execute(stmt)]


def counts_by_state(
    session: Session, *, today: date, filter: TaskFilter | None = None
) -> dict[str, int]:
    """Tasks per shown state (overdue derived) under the filter, whatever its own state choice."""
    return census(session, filter or TaskFilter(), today=today).counts()


def due_soon(session: Session, *, today: date, days: int | None = None) -> int:
    days = soon_days(session) if days is None else days
    return (
        session.scalar(select(func.count()).select_from(Task).where(due_soon_clause(today, days)))
        or 0
    )


def search_any(session: Session, text: str, limit: int = 50):
    key = fold(text)
    return session.scalars(
        select(Task).where(Task.text_folded.contains(key, autoescape=True)).limit(limit)
    ).all()


# ------------------------------------------------------------------------------------- groups
@dataclass(frozen=True)
class TaskGroup:
    key: int  # document id / unit id, or NO_DOCUMENT / NO_UNIT
    label: str
    count: int
    overdue: int


def groups(session: Session, f: TaskFilter, group: str, *, today: date) -> list[TaskGroup]:
    """The groups the filtered tasks fall in, in display order, with their counts."""
    col = _group_col(group)
    over = func.sum(case((overdue_clause(today), 1), else_=0))
    stmt = _apply(select(col, func.count(), over).select_from(Task), f, today).group_by(col)
    found = {k: (n, o or 0) for k, n, o in session.execute(stmt)}
    if not found:
        return []
    out: list[TaskGroup] = []
    if group == "document":
        docs = session.execute(
            select(Document.id, Document.type_code, Document.number_symbol, Document.subject)
            .where(Document.id.in_([k for k in found if k != NO_DOCUMENT]))
            .order_by(Document.doc_date.desc().nulls_last(), Document.id.desc())
        ).all()
        for did, type_code, number, subject in docs:
            label = document_label(type_code, number, subject)
            out.append(TaskGroup(did, label, *found[did]))
        if NO_DOCUMENT in found:
            out.append(
                TaskGroup(NO_DOCUMENT, "Giao trực tiếp (không gắn văn bản)", *found[NO_DOCUMENT])
            )
    else:
        units = session.execute(
            select(Organisation.id, Organisation.short_name, Organisation.name, Organisation.kind)
            .where(Organisation.id.in_([k for k in found if k != NO_UNIT]))
            .order_by(Organisation.position, Organisation.name_folded)
        ).all()
        rank = {k.value: i for i, k in enumerate(UNIT_KIND_ORDER)}
        for uid, short, name, _kind in sorted(units, key=lambda u: rank.get(u[3], 99)):
            out.append(TaskGroup(uid, short or name, *found[uid]))
        if NO_UNIT in found:
            out.append(TaskGroup(NO_UNIT, "Chưa giao đơn vị chủ trì", *found[NO_UNIT]))
    return out


def document_label(type_code: str | None, number_symbol: str | None, subject: str | None) -> str:
    from ketluan_desktop.core.documents.content import DOCUMENT_TYPES

    kind = DOCUMENT_TYPES[type_code].name if type_code in DOCUMENT_TYPES else (type_code or "")
    head = f"{kind} số {number_symbol}" if number_symbol else f"{kind} (dự thảo)"
    return f"{head} — {subject}" if subject else head


UNIT_KIND_ORDER = (
    OrgKind.DEPARTMENT,
    OrgKind.GRASSROOTS,
    OrgKind.CELL,
    OrgKind.MASS,
    OrgKind.EXTERNAL,
    OrgKind.ISSUING_BODY,
)


# ------------------------------------------------------------------------------- per unit
@dataclass(frozen=True)
class UnitLoad:
    """What one unit owes: tasks it leads (by state) and tasks it co-ordinates."""

    unit_id: int
    name: str
    kind: str
    depth: int
    lead_total: int = 0
    lead_open: int = 0
    overdue: int = 0
    due_soon: int = 0
    done: int = 0
    done_late: int = 0
    paused: int = 0
    co_total: int = 0
    co_open: int = 0

    @property
    def kind_label(self) -> str:
        return ORG_KIND_LABELS.get(OrgKind(self.kind), self.kind)

    @property
    def total(self) -> int:
        return self.lead_total + self.co_total


def unit_loads(
    session: Session, *, today: date, include_empty: bool = True, soon: int | None = None
) -> list[UnitLoad]:
    """Every active unit (tree order) with what it owes; units with tasks first if not ``include_empty``."""
    from ketluan_desktop.core.org import units as unit_service

    days = soon_days(session) if soon is None else soon
    lead: dict[int, dict[str, int]] = {}
    stmt = (
        select(
            Task.lead_unit_id,
            func.count(),
            func.sum(case((Task.status.in_(OPEN_STATES), 1), else_=0)),
            func.sum(case((overdue_clause(today), 1), else_=0)),
            func.sum(case((due_soon_clause(today, days), 1), else_=0)),
            func.sum(case((Task.status == TaskStatus.DONE.value, 1), else_=0)),
            func.sum(case((Task.status == TaskStatus.DONE_LATE.value, 1), else_=0)),
            func.sum(case((Task.status == TaskStatus.PAUSED.value, 1), else_=0)),
        )
        .where(Task.lead_unit_id.is_not(None))
        .group_by(Task.lead_unit_id)
    )
    for uid, n, op, ov, soon_n, done, late, paused in session.execute(stmt):
        assert uid is not None  # filtered IS NOT NULL
        lead[uid] = dict(
            lead_total=n,
            lead_open=op or 0,
            overdue=ov or 0,
            due_soon=soon_n or 0,
            done=done or 0,
            done_late=late or 0,
            paused=paused or 0,
        )
    co: dict[int, tuple[int, int]] = {}
    cstmt = (
        select(
            task_co_unit.c.organisation_id,
            func.count(),
            func.sum(case((Task.status.in_(OPEN_STATES), 1), else_=0)),
        )
        .join(Task, Task.id == task_co_unit.c.task_id)
        .group_by(task_co_unit.c.organisation_id)
    )
    for uid, n, op in session.execute(cstmt):
        co[uid] = (n, op or 0)
    out = []
    for node in unit_service.flat_tree(session, include_inactive=False):
        if not include_empty and node.id not in lead and node.id not in co:
            continue
        c = co.get(node.id, (0, 0))
        out.append(
            UnitLoad(
                node.id,
                node.display_name,
                node.kind,
                node.depth,
                **lead.get(node.id, {}),
                co_total=c[0],
                co_open=c[1],
            )
        )
    return out


# ------------------------------------------------------------------------------- start-up notice
@dataclass(frozen=True)
class TaskNotice:
    overdue: int
    due_soon: int
    days: int
    nearest: list[TaskRow] = field(default_factory=list)  # the next deadlines, earliest first

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon)

    def message(self) -> str:
        parts = []
        if self.overdue:
            parts.append(f"{self.overdue:02d} nhiệm vụ quá hạn")
        if self.due_soon:
            parts.append(f"{self.due_soon:02d} nhiệm vụ đến hạn trong {self.days} ngày tới")
        if not parts:
            return "Không có nhiệm vụ quá hạn hay sắp đến hạn."
        return "Có " + " và ".join(parts) + "."


def notice(session: Session, *, today: date, nearest: int = 5) -> TaskNotice:
    days = soon_days(session)
    overdue = session.scalar(select(func.count()).select_from(Task).where(overdue_clause(today)))
    soon_n = session.scalar(
        select(func.count()).select_from(Task).where(due_soon_clause(today, days))
    )
    rows = list_tasks(
        session,
        today=today,
        limit=nearest,
        filter=TaskFilter(due_from=today, due_to=today + timedelta(days=days)),
    )
    return TaskNotice(overdue or 0, soon_n or 0, days, [r for r in rows if r.due_soon])


# ------------------------------------------------------------------------------- choices
@dataclass(frozen=True)
class DocumentChoice:
    id: int
    label: str
    task_count: int


def documents_with_tasks(session: Session) -> list[DocumentChoice]:
    stmt = (
        select(
            Document.id,
            Document.type_code,
            Document.number_symbol,
            Document.subject,
            func.count(Task.id),
        )
        .join(Task, Task.document_id == Document.id)
        .group_by(Document.id)
        .order_by(Document.doc_date.desc().nulls_last(), Document.id.desc())
    )
    return [
        DocumentChoice(did, document_label(t, n, s), c) for did, t, n, s, c in session.execute(stmt)
    ]


def has_manual_tasks(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(Task.document_id.is_(None)))))

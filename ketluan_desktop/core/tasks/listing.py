"""Key tasks listed: the filter and the sort a list is read under, the rows of a window, whole
small lists. The shown states are in ``task_states``, the screen's counts and windows in
``task_window``, groups and what each unit owes in ``task_groups``, the start-up notice in
``due_notice``.

"Quá hạn" (overdue) is never stored: it is derived in SQL from the deadline and the ``today`` the
caller passes, so a fixed clock in tests and the real one in the app give the same rules.

Lists scale to tens of thousands of tasks: the database filters and sorts, and callers get the
ordered ids (an ``array`` of 8-byte ints) and then the rows of the window they show
(``rows_for``), never the whole table as objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, exists, func, not_, or_, select
from sqlalchemy.orm import Session, aliased

from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.tasks.models import Task, TaskUpdate, task_citation, task_co_unit
from ketluan_desktop.core.tasks.task_rows import (  # noqa: F401  (re-exported)
    GROUP_KEYS,
    NO_DOCUMENT,
    NO_UNIT,
    SORT_KEYS,
    TaskFilter,
    TaskRow,
    TaskSort,
    to_row,
    to_rows,
)
from ketluan_desktop.core.tasks.task_states import (
    OPEN,
    OPEN_STATES,
    OVERDUE,
    STATES,
    due_soon_clause,
    overdue_clause,
    soon_days,
)
from ketluan_desktop.core.text import fold


def _state_rank(today: date) -> ColumnElement[int]:
    ranks = {s: i for i, s in enumerate(STATES)}
    return case(
        (overdue_clause(today), 0),
        *[(Task.status == s, r) for s, r in ranks.items() if s != OVERDUE],
        else_=len(STATES),
    )


def apply_filter(stmt: Select, f: TaskFilter, today: date) -> Select:
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
    return apply_filter(select(Task.id), f, today)


_lead = aliased(Organisation, name="lead_unit")
latest_update_alias = aliased(TaskUpdate, name="latest_update")


def order_terms(
    sort: TaskSort, today: date, *, reverse: bool = False
) -> tuple[list[Any], set[str]]:
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
        terms = [nulls_last(latest_update_alias.update_date), d(latest_update_alias.update_date)]
    elif sort.key == "id":
        terms = []
    else:  # deadline: the index on (deadline) serves it; see TaskWindow for tasks without one
        terms = [d(Task.deadline)]
    return [*terms, d(Task.id)], joins


def with_joins(stmt: Select, joins: set[str]) -> Select:
    if "document" in joins:
        stmt = stmt.outerjoin(Document, Document.id == Task.document_id)
    if "lead" in joins:
        stmt = stmt.outerjoin(_lead, _lead.id == Task.lead_unit_id)
    if "update" in joins:
        stmt = stmt.outerjoin(latest_update_alias, latest_update_alias.id == Task.latest_update_id)
    if "update_inner" in joins:
        stmt = stmt.join(latest_update_alias, latest_update_alias.id == Task.latest_update_id)
    return stmt


def group_column(group: str) -> ColumnElement[int]:
    if group == "document":
        return func.coalesce(Task.document_id, NO_DOCUMENT)
    if group == "unit":
        return func.coalesce(Task.lead_unit_id, NO_UNIT)
    raise ValidationError(f"Không nhóm được theo «{group}». Chọn: {', '.join(GROUP_KEYS)}.")


def group_where(group: str, key: int | None) -> ColumnElement[bool]:
    col = Task.document_id if group == "document" else Task.lead_unit_id
    return col.is_(None) if key is None or key in (NO_DOCUMENT, NO_UNIT) else col == key


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
            latest_update_alias.text,
            latest_update_alias.update_date,
            latest_update_alias.percent,
            Task.version,
        )
        .outerjoin(Document, Document.id == Task.document_id)
        .outerjoin(_lead, _lead.id == Task.lead_unit_id)
        .outerjoin(latest_update_alias, latest_update_alias.id == Task.latest_update_id)
    )


def rows_of(ids: Select, today: date) -> Select:
    """The list's columns (with the joins every sort order needs) of the tasks ``ids`` selects —
    a window of ids, sorted and limited — in one statement: the database picks the window by
    the ids alone, then reads only its rows (order them again by the same terms)."""
    return _row_stmt(today).where(Task.id.in_(ids.correlate(None)))


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
            out[r[0]] = to_row(r, today, days)
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
    stmt = list_stmt(today, limit=limit, sort=sort, filter=filter or TaskFilter(**filters))
    days = soon_days(session)
    return [to_row(r, today, days) for r in session.execute(stmt)]


def list_stmt(
    today: date,
    *,
    limit: int | None = None,
    sort: TaskSort | None = None,
    filter: TaskFilter | None = None,
) -> Select:
    """``list_tasks``' statement: its rows (``_row_stmt``) filtered and in the list's order."""
    sort = sort or TaskSort()
    terms, _joins = order_terms(sort, today)
    if sort.key == "deadline":
        terms = [Task.deadline.is_(None), *terms]  # standing tasks last, as on screen
    stmt = apply_filter(_row_stmt(today), filter or TaskFilter(), today).order_by(*terms)
    return stmt.limit(limit) if limit else stmt


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

"""Key tasks gathered: by document or by lead unit with their counts, what each unit owes, the
documents that have tasks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.documents.models import Document
from ketluan_desktop.core.org.models import ORG_KIND_LABELS, Organisation, OrgKind
from ketluan_desktop.core.tasks.listing import (
    NO_DOCUMENT,
    NO_UNIT,
    TaskFilter,
    apply_filter,
    group_column,
)
from ketluan_desktop.core.tasks.models import Task, TaskStatus, task_co_unit
from ketluan_desktop.core.tasks.task_rows import document_label
from ketluan_desktop.core.tasks.task_states import (
    OPEN_STATES,
    due_soon_clause,
    overdue_clause,
    soon_days,
)


@dataclass(frozen=True)
class TaskGroup:
    key: int  # document id / unit id, or NO_DOCUMENT / NO_UNIT
    label: str
    count: int
    overdue: int


def groups(session: Session, f: TaskFilter, group: str, *, today: date) -> list[TaskGroup]:
    """The groups the filtered tasks fall in, in display order, with their counts."""
    col = group_column(group)
    over = func.sum(case((overdue_clause(today), 1), else_=0))
    stmt = apply_filter(select(col, func.count(), over).select_from(Task), f, today).group_by(col)
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


# ------------------------------------------------------------------------------- choices
@dataclass(frozen=True)
class DocumentChoice:
    id: int
    label: str
    task_count: int


def documents_with_tasks_stmt():
    """The conclusions that have tasks, newest first, with their tasks' count."""
    return (
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


def documents_with_tasks(session: Session) -> list[DocumentChoice]:
    return [
        DocumentChoice(did, document_label(t, n, s), c)
        for did, t, n, s, c in session.execute(documents_with_tasks_stmt())
    ]


def has_manual_tasks(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(Task.document_id.is_(None)))))

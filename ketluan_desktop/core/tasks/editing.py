"""Writing tasks: create by hand or from a document's bullets, edit, change state, report progress.

Every action is one transaction (the caller's ``write_session``). A form loaded before someone
else saved the same task carries the old ``version``: saving it raises ``ConflictError`` instead
of overwriting the other person's change. "Hoàn thành" after the deadline is recorded as
"Hoàn thành quá hạn": the office's reports must say so.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.documents.models import Citation, CitedDocument, Document, Section
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.org.models import Organisation, OrgKind
from ketluan_desktop.core.tasks.deadlines import ReportingCycle, parse_deadline, vn_date
from ketluan_desktop.core.tasks.models import TASK_STATUS_LABELS, Task, TaskStatus, TaskUpdate
from ketluan_desktop.core.tasks.task_states import DONE_STATES, PRIORITY_LABELS, state_label
from ketluan_desktop.core.text import clean

MAX_TEXT = 4000
MAX_ATTACHMENTS = 20


@dataclass
class TaskInput:
    text: str
    document_id: int | None = None
    section_id: int | None = None
    lead_unit_id: int | None = None
    co_unit_ids: list[int] = field(default_factory=list)
    cited_ids: list[int] = field(default_factory=list)
    deadline_text: str | None = None  # as the document writes it; parsed for the date
    deadline: date | None = None  # an explicit date wins over the text's
    reporting_cycle: str | None = None  # for standing tasks; parsed from the text otherwise
    priority: int = 2


@dataclass
class UpdateInput:
    update_date: date
    text: str
    unit_id: int | None = None
    percent: int | None = None
    attachments: list[str] = field(default_factory=list)  # file paths or document numbers
    status: str | None = None  # a new status reported with the update


@contextlib.contextmanager
def _stale_as_conflict(task_id: int) -> Iterator[None]:
    try:
        yield
    except StaleDataError:
        raise ConflictError(
            f"Nhiệm vụ số {task_id} vừa được sửa hoặc xóa ở máy khác. Thay đổi của bạn chưa được "
            "lưu: hãy tải lại nhiệm vụ để xem nội dung mới rồi làm lại."
        ) from None


def get_task(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFoundError(
            f"Không có nhiệm vụ số {task_id}. Có thể nhiệm vụ đã bị xóa; hãy tải lại danh sách.",
            cli_hint="Dùng «ketluan tasks list» để xem các nhiệm vụ hiện có.",
        )
    return task


def _editable_task(session: Session, task_id: int) -> Task:
    """The task, if the actor may change it: an account tied to a unit (a specialist) changes
    only the tasks that unit leads or shares."""
    from ketluan_desktop.core.access.actor import AccessDeniedError, actor_of

    task = get_task(session, task_id)
    unit = actor_of(session).unit_id
    if unit is not None and unit != task.lead_unit_id and unit not in {u.id for u in task.co_units}:
        raise AccessDeniedError(
            f"Không được phép: nhiệm vụ số {task.id} không thuộc đơn vị của tài khoản «"
            f"{actor_of(session).username}». Hãy nhờ chuyên viên của đơn vị chủ trì cập nhật."
        )
    return task


def check_version(task: Task, expected: int | None) -> None:
    from ketluan_desktop.core.db import versioning

    versioning.check_version(
        task,
        expected,
        f"Nhiệm vụ số {task.id} đã được người khác thay đổi{{changed}} sau khi bạn mở. Thay đổi "
        "của bạn chưa được lưu: hãy tải lại nhiệm vụ để xem nội dung mới rồi làm lại.",
    )


def _unit(session: Session, unit_id: int, role: str) -> Organisation:
    unit = session.get(Organisation, unit_id)
    if unit is None or unit.kind == OrgKind.ISSUING_BODY.value:
        raise NotFoundError(
            f"Đơn vị {role} đã chọn không còn trong danh sách. Hãy tải lại và chọn lại."
        )
    return unit


def _resolve(session: Session, data: TaskInput, *, today: date, task: Task | None) -> dict:
    text = clean(data.text) or ""
    if not text:
        raise ValidationError("Nội dung nhiệm vụ không được để trống.")
    if len(text) > MAX_TEXT:
        raise ValidationError(
            f"Nội dung nhiệm vụ dài {len(text)} ký tự, quá mức {MAX_TEXT}. Hãy tách thành nhiều nhiệm vụ."
        )
    if data.priority not in PRIORITY_LABELS:
        raise ValidationError("Mức ưu tiên phải là Cao (1), Bình thường (2) hoặc Thấp (3).")
    doc = None
    if data.document_id is not None:
        doc = session.get(Document, data.document_id)
        if doc is None:
            raise NotFoundError("Văn bản nguồn đã chọn không còn. Hãy tải lại và chọn lại.")
    section_id = data.section_id
    if section_id is not None:
        section = session.get(Section, section_id)
        if section is None or doc is None or section.document_id != doc.id:
            raise ValidationError("Mục đã chọn không thuộc văn bản nguồn. Hãy chọn lại mục.")
    lead = None
    if data.lead_unit_id is not None:
        lead = _unit(session, data.lead_unit_id, "chủ trì")
        changing = task is None or task.lead_unit_id != lead.id
        if not lead.active and changing:
            raise ValidationError(
                f"Đơn vị «{lead.short_name or lead.name}» đã ngừng hoạt động; hãy giao cho đơn vị khác."
            )
    co_ids = list(dict.fromkeys(data.co_unit_ids))
    if lead is not None and lead.id in co_ids:
        raise ValidationError(
            f"«{lead.short_name or lead.name}» đã là đơn vị chủ trì; hãy bỏ chọn ở ô đơn vị phối hợp."
        )
    co_units = [_unit(session, uid, "phối hợp") for uid in co_ids]
    cited = []
    for cid in dict.fromkeys(data.cited_ids):
        row = session.get(CitedDocument, cid)
        if row is None:
            raise NotFoundError(
                "Một văn bản được viện dẫn đã chọn không còn. Hãy tải lại và chọn lại."
            )
        cited.append(row)
    parsed = parse_deadline(data.deadline_text, today=today)
    deadline = data.deadline or parsed.date
    cycle = data.reporting_cycle or parsed.cycle
    if cycle is not None:
        try:
            ReportingCycle(cycle)
        except ValueError:
            raise ValidationError(f"Chu kỳ báo cáo «{cycle}» không hợp lệ.") from None
    if deadline is not None and doc is not None and doc.doc_date and deadline < doc.doc_date:
        raise ValidationError(
            f"Thời hạn {vn_date(deadline)} trước ngày ban hành văn bản nguồn "
            f"({vn_date(doc.doc_date)}). Hãy kiểm tra lại năm của thời hạn."
        )
    return dict(
        text=text,
        document_id=doc.id if doc else None,
        section_id=section_id,
        lead_unit_id=lead.id if lead else None,
        co_units=co_units,
        cited=cited,
        deadline=deadline,
        deadline_text=(clean(data.deadline_text) or None)
        if (parsed.text or data.deadline)
        else None,
        reporting_cycle=cycle if deadline is None else None,
        priority=data.priority,
    )


@requires(Permission.EDIT_TASKS)
def create_task(session: Session, data: TaskInput, *, now: datetime, today: date) -> Task:
    v = _resolve(session, data, today=today, task=None)
    position = 0
    if v["document_id"] is not None:
        position = session.scalar(
            select(func.coalesce(func.max(Task.position), -1) + 1).where(
                Task.document_id == v["document_id"]
            )
        )
    task = Task(
        text=v["text"],
        document_id=v["document_id"],
        section_id=v["section_id"],
        lead_unit_id=v["lead_unit_id"],
        deadline=v["deadline"],
        deadline_text=v["deadline_text"],
        reporting_cycle=v["reporting_cycle"],
        priority=v["priority"],
        position=position or 0,
        created_at=now,
        updated_at=now,
    )
    task.co_units = v["co_units"]
    task.cited = v["cited"]
    session.add(task)
    session.flush()
    audit.record(
        session,
        now=now,
        action="create",
        entity="task",
        entity_id=task.id,
        summary=f"Thêm nhiệm vụ số {task.id}: {task.text[:80]}",
    )
    return task


@requires(Permission.EDIT_TASKS)
def update_task(
    session: Session,
    task_id: int,
    data: TaskInput,
    *,
    expected_version: int | None,
    now: datetime,
    today: date,
) -> Task:
    task = _editable_task(session, task_id)
    check_version(task, expected_version)
    v = _resolve(session, data, today=today, task=task)
    changes: dict[str, list] = {}
    for attr in (
        "text",
        "document_id",
        "section_id",
        "lead_unit_id",
        "deadline",
        "deadline_text",
        "reporting_cycle",
        "priority",
    ):
        old = getattr(task, attr)
        if old != v[attr]:
            changes[attr] = [
                old.isoformat() if isinstance(old, date) else old,
                v[attr].isoformat() if isinstance(v[attr], date) else v[attr],
            ]
            setattr(task, attr, v[attr])
    if {u.id for u in task.co_units} != {u.id for u in v["co_units"]}:
        changes["co_units"] = [[u.id for u in task.co_units], [u.id for u in v["co_units"]]]
        task.co_units = v["co_units"]
    if {c.id for c in task.cited} != {c.id for c in v["cited"]}:
        changes["cited"] = [[c.id for c in task.cited], [c.id for c in v["cited"]]]
        task.cited = v["cited"]
    if task.status in DONE_STATES and task.completed_on is not None:
        task.status = _done_status(task.deadline, task.completed_on)
    if not changes:
        return task
    task.updated_at = now
    with _stale_as_conflict(task_id):
        session.flush()
    audit.record(
        session,
        now=now,
        action="update",
        entity="task",
        entity_id=task.id,
        summary=f"Sửa nhiệm vụ số {task.id}",
        changes=changes,
    )
    return task


def _done_status(deadline: date | None, completed_on: date) -> str:
    late = deadline is not None and completed_on > deadline
    return TaskStatus.DONE_LATE.value if late else TaskStatus.DONE.value


def _valid_status(status: str) -> TaskStatus:
    try:
        return TaskStatus(status)
    except ValueError:
        labels = ", ".join(f"«{v}» ({k.value})" for k, v in TASK_STATUS_LABELS.items())
        raise ValidationError(
            f"Trạng thái «{status}» không ghi được. Chọn một trong: {labels}. «Quá hạn» tự tính từ "
            "thời hạn, không chọn tay."
        ) from None


def _apply_status(task: Task, status: str, *, on: date, today: date) -> str:
    """Set the status; returns what was stored (a late completion becomes "quá hạn")."""
    st = _valid_status(status)
    if st.value in DONE_STATES:
        if on > today:
            raise ValidationError(
                f"Ngày hoàn thành {vn_date(on)} ở sau hôm nay ({vn_date(today)}). Hãy ghi ngày đã hoàn thành."
            )
        task.completed_on = on
        task.status = _done_status(task.deadline, on)
    else:
        task.completed_on = None
        task.status = st.value
    return task.status


@requires(Permission.EDIT_TASKS)
def set_status(
    session: Session,
    task_id: int,
    status: str,
    *,
    expected_version: int | None,
    now: datetime,
    completed_on: date | None = None,
) -> Task:
    """Change the state by hand ("Đánh dấu hoàn thành", "Tạm dừng", "Tiếp tục")."""
    task = _editable_task(session, task_id)
    check_version(task, expected_version)
    today = now.date()
    old = task.status
    _apply_status(task, status, on=completed_on or today, today=today)
    if task.status == old and task.status not in DONE_STATES:
        return task
    task.updated_at = now
    with _stale_as_conflict(task_id):
        session.flush()
    audit.record(
        session,
        now=now,
        action="status",
        entity="task",
        entity_id=task.id,
        summary=f"Nhiệm vụ số {task.id}: {state_label(old)} → {state_label(task.status)}",
        changes={"status": [old, task.status]},
    )
    return task


def _recompute_latest(session: Session, task: Task) -> None:
    latest = session.scalars(
        select(TaskUpdate.id)
        .where(TaskUpdate.task_id == task.id)
        .order_by(TaskUpdate.update_date.desc(), TaskUpdate.id.desc())
        .limit(1)
    ).first()
    task.latest_update_id = latest


@requires(Permission.EDIT_TASKS)
def add_update(
    session: Session,
    task_id: int,
    data: UpdateInput,
    *,
    now: datetime,
    expected_version: int | None = None,
    username: str | None = None,
) -> TaskUpdate:
    """A unit's progress report. A task not started moves to "Đang thực hiện" with its first report."""
    task = _editable_task(session, task_id)
    check_version(task, expected_version)
    today = now.date()
    text = clean(data.text) or ""
    if not text:
        raise ValidationError("Nội dung báo cáo tiến độ không được để trống.")
    if len(text) > MAX_TEXT:
        raise ValidationError(
            f"Nội dung báo cáo dài quá {MAX_TEXT} ký tự. Hãy ghi gọn hoặc đính kèm tệp."
        )
    if data.update_date > today:
        raise ValidationError(
            f"Ngày báo cáo {vn_date(data.update_date)} ở sau hôm nay ({vn_date(today)}). "
            "Hãy ghi ngày đơn vị đã báo cáo."
        )
    if task.document_id is not None:
        doc_date = session.scalar(select(Document.doc_date).where(Document.id == task.document_id))
        if doc_date is not None and data.update_date < doc_date:
            raise ValidationError(
                f"Ngày báo cáo {vn_date(data.update_date)} trước ngày ban hành văn bản giao nhiệm vụ "
                f"({vn_date(doc_date)}). Hãy kiểm tra lại ngày."
            )
    if data.percent is not None and not 0 <= data.percent <= 100:
        raise ValidationError(
            f"Tỷ lệ hoàn thành {data.percent}% không hợp lệ: hãy ghi từ 0 đến 100."
        )
    unit_id = data.unit_id if data.unit_id is not None else task.lead_unit_id
    if unit_id is not None:
        _unit(session, unit_id, "báo cáo")
    files = [clean(a) for a in data.attachments if clean(a)]
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(f"Mỗi lần báo cáo đính kèm tối đa {MAX_ATTACHMENTS} tệp.")
    update = TaskUpdate(
        task_id=task.id,
        update_date=data.update_date,
        unit_id=unit_id,
        text=text,
        percent=data.percent,
        attachments=files or None,
        created_at=now,
        created_by=username or audit.current_username(),
    )
    session.add(update)
    old = task.status
    if data.status is not None:
        _apply_status(task, data.status, on=data.update_date, today=today)
    elif task.status == TaskStatus.NOT_STARTED.value:
        task.status = TaskStatus.IN_PROGRESS.value
    session.flush()
    _recompute_latest(session, task)
    task.updated_at = now
    with _stale_as_conflict(task_id):
        session.flush()
    summary = f"Cập nhật tiến độ nhiệm vụ số {task.id} ngày {vn_date(data.update_date)}"
    if task.status != old:
        summary += f"; {state_label(old)} → {state_label(task.status)}"
    audit.record(
        session, now=now, action="progress", entity="task", entity_id=task.id, summary=summary
    )
    return update


@requires(Permission.EDIT_TASKS)
def delete_update(
    session: Session, update_id: int, *, now: datetime, expected_version: int | None = None
) -> Task:
    upd = session.get(TaskUpdate, update_id)
    if upd is None:
        raise NotFoundError(
            "Báo cáo tiến độ này không còn (có thể đã bị xóa ở máy khác). Hãy tải lại."
        )
    task = _editable_task(session, upd.task_id)
    check_version(task, expected_version)
    session.delete(upd)
    session.flush()
    _recompute_latest(session, task)
    task.updated_at = now
    with _stale_as_conflict(task.id):
        session.flush()
    audit.record(
        session,
        now=now,
        action="delete",
        entity="task_update",
        entity_id=update_id,
        summary=f"Xóa báo cáo tiến độ ngày {vn_date(upd.update_date)} của nhiệm vụ số {task.id}",
    )
    return task


@requires(Permission.EDIT_TASKS)
def delete_task(
    session: Session, task_id: int, *, expected_version: int | None, now: datetime
) -> None:
    task = _editable_task(session, task_id)
    check_version(task, expected_version)
    text = task.text
    task.latest_update_id = None
    session.flush()
    session.delete(task)
    with _stale_as_conflict(task_id):
        session.flush()
    audit.record(
        session,
        now=now,
        action="delete",
        entity="task",
        entity_id=task_id,
        summary=f"Xóa nhiệm vụ số {task_id}: {text[:80]}",
    )


# ---------------------------------------------------------------------- tasks from a document
@dataclass(frozen=True)
class BlockChoice:
    block_id: int
    section_id: int
    section_label: str
    kind: str  # paragraph | bullet
    text: str
    task_id: int | None  # already a task


def section_label(section: Section) -> str:
    head = " ".join(x for x in (section.number and f"{section.number}.", section.heading) if x)
    return head or "Phần mở đầu"


def document_blocks(session: Session, document_id: int) -> list[BlockChoice]:
    """The document's paragraphs and bullets, with the task each already is (if any)."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFoundError(f"Không có văn bản mã số {document_id}.")
    tasks = dict(
        session.execute(select(Task.block_id, Task.id).where(Task.document_id == document_id)).all()
    )
    out = []
    for section in session.scalars(
        select(Section)
        .where(Section.document_id == document_id)
        .order_by(Section.position)
        .options(selectinload(Section.blocks))
    ):
        label = section_label(section)
        for b in section.blocks:
            if b.text.strip():
                out.append(BlockChoice(b.id, section.id, label, b.kind, b.text, tasks.get(b.id)))
    return out


@requires(Permission.EDIT_TASKS)
def create_from_blocks(
    session: Session,
    document_id: int,
    block_ids: list[int],
    *,
    lead_unit_id: int | None,
    deadline_text: str | None,
    now: datetime,
    today: date,
    priority: int = 2,
) -> list[Task]:
    """Mark bullets (or paragraphs) of a document as tasks; cited documents named in them link up."""
    if not block_ids:
        raise ValidationError("Chưa chọn đoạn nào của văn bản để giao thành nhiệm vụ.")
    choices = {c.block_id: c for c in document_blocks(session, document_id)}
    cited = session.scalars(
        select(CitedDocument)
        .join(Citation, Citation.cited_id == CitedDocument.id)
        .where(Citation.document_id == document_id)
    ).all()
    created = []
    for bid in block_ids:
        c = choices.get(bid)
        if c is None:
            raise ValidationError("Một đoạn đã chọn không thuộc văn bản này. Hãy mở lại văn bản.")
        if c.task_id is not None:
            continue
        links = [r.id for r in cited if r.number_symbol and r.number_symbol in c.text]
        data = TaskInput(
            text=c.text,
            document_id=document_id,
            section_id=c.section_id,
            lead_unit_id=lead_unit_id,
            deadline_text=deadline_text,
            cited_ids=links,
            priority=priority,
        )
        task = create_task(session, data, now=now, today=today)
        task.block_id = bid
        created.append(task)
    session.flush()
    return created


def document_citations(session: Session, document_id: int) -> list[CitedDocument]:
    return list(
        session.scalars(
            select(CitedDocument)
            .join(Citation, Citation.cited_id == CitedDocument.id)
            .where(Citation.document_id == document_id)
            .order_by(CitedDocument.kind, CitedDocument.number_symbol)
        )
    )

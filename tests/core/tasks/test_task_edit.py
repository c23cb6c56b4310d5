"""Writing tasks: create, edit, states, progress updates, conflicts, tasks from a document."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.tasks import editing as te
from ketluan_desktop.core.tasks import listing as ts
from ketluan_desktop.core.tasks import task_detail, task_groups, task_window
from ketluan_desktop.core.tasks.models import Task, TaskUpdate


def _detail(db, task_id, today):
    with db.session() as s:
        return task_detail.detail(s, task_id, today=today)


def test_a_task_given_by_hand_with_co_units_and_a_period_deadline(office_db, now):
    db, office = office_db
    u = office.units
    with db.write_session() as s:
        task = te.create_task(
            s,
            te.TaskInput(
                text="  Tổng kết 5 năm thực hiện  Chỉ thị số 35-CT/TW ",
                lead_unit_id=u["Ban Tổ chức"],
                co_unit_ids=[u["Văn phòng"], u["Ủy ban Kiểm tra"]],
                deadline_text="quý III/2027",
                priority=1,
            ),
            now=now,
            today=now.date(),
        )
        tid = task.id
    d = _detail(db, tid, now.date())
    assert d.text == "Tổng kết 5 năm thực hiện Chỉ thị số 35-CT/TW"
    assert d.deadline == date(2027, 9, 30) and d.deadline_text == "quý III/2027"
    assert [n for _, n in d.co_units] == ["Văn phòng", "Ủy ban Kiểm tra"]
    assert d.document_id is None and d.status == "not_started" and d.priority == 1
    with db.session() as s:
        assert task_groups.has_manual_tasks(s)
        loads = {x.name: x for x in task_groups.unit_loads(s, today=now.date())}
        assert loads["Văn phòng"].co_total == 1
        assert (
            len(
                task_window.ordered_ids(
                    s,
                    ts.TaskFilter(unit_id=u["Văn phòng"], unit_role="any"),
                    ts.TaskSort(),
                    today=now.date(),
                )
            )
            == 2
        )
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "task")).all()[-1]
        assert entry.action == "create" and entry.entity_id == tid


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (dict(text="   "), "không được để trống"),
        (dict(deadline_text="sớm"), "Không hiểu thời hạn"),
        (dict(priority=7), "Mức ưu tiên"),
        (dict(lead_unit_id=999_999), "không còn trong danh sách"),
        (dict(document_id=999_999), "Văn bản nguồn"),
        (dict(deadline_text="năm 2023", document=True), "trước ngày ban hành văn bản nguồn"),
        (dict(lead_is_co=True), "đã là đơn vị chủ trì"),
    ],
)
def test_bad_task_input_is_refused_with_a_vietnamese_message(office_db, now, change, words):
    db, office = office_db
    data = te.TaskInput(text="Nhiệm vụ mới", lead_unit_id=office.units["Ban Tổ chức"])
    if change.pop("document", False):
        data.document_id = office.document_id
    if change.pop("lead_is_co", False):
        data.co_unit_ids = [office.units["Ban Tổ chức"]]
    for k, v in change.items():
        setattr(data, k, v)
    with pytest.raises((ValidationError, NotFoundError)) as err, db.write_session() as s:
        te.create_task(s, data, now=now, today=now.date())
    assert words in err.value.message


def test_an_inactive_unit_cannot_be_given_new_tasks(office_db, now):
    from ketluan_desktop.core.org import units

    db, office = office_db
    cd = office.units["Công đoàn"]
    with db.write_session() as s:
        unit = units.get(s, cd)
        units.update(
            s,
            cd,
            units.UnitInput(unit.name, unit.kind, unit.short_name, None, False),
            expected_version=unit.version,
            now=now,
        )
    with pytest.raises(ValidationError) as err, db.write_session() as s:
        te.create_task(s, te.TaskInput(text="X", lead_unit_id=cd), now=now, today=now.date())
    assert "ngừng hoạt động" in err.value.message


def test_edit_with_a_stale_version_is_refused_not_overwritten(office_db, now):
    db, office = office_db
    tid = office.task_ids[0]
    mine = _detail(db, tid, now.date())
    theirs = _detail(db, tid, now.date())
    with db.write_session() as s:
        data = theirs.to_input()
        data.deadline_text = "quý I/2025"
        te.update_task(s, tid, data, expected_version=theirs.version, now=now, today=now.date())
    data = mine.to_input()
    data.text = mine.text + " (sửa)"
    with pytest.raises(ConflictError) as err, db.write_session() as s:
        te.update_task(s, tid, data, expected_version=mine.version, now=now, today=now.date())
    assert "người khác thay đổi" in err.value.message
    after = _detail(db, tid, now.date())
    assert after.deadline == date(2025, 3, 31) and not after.text.endswith("(sửa)")
    with pytest.raises(ConflictError), db.write_session() as s:
        te.set_status(s, tid, "done", expected_version=mine.version, now=now)


def test_marking_done_after_the_deadline_records_done_late(office_db, now):
    db, office = office_db
    tid = office.task_ids[0]
    v = _detail(db, tid, now.date()).version
    with db.write_session() as s:
        t = te.set_status(s, tid, "done", expected_version=v, now=now)
        assert (t.status, t.completed_on) == ("done_late", now.date())
    with db.write_session() as s:
        t = te.set_status(
            s, tid, "done", expected_version=None, now=now, completed_on=date(2024, 12, 20)
        )
        assert t.status == "done"
    with db.write_session() as s:
        t = te.set_status(s, tid, "in_progress", expected_version=None, now=now)
        assert (t.status, t.completed_on) == ("in_progress", None)
    with pytest.raises(ValidationError) as err, db.write_session() as s:
        te.set_status(s, tid, "overdue", expected_version=None, now=now)
    assert "tự tính" in err.value.message
    with pytest.raises(ValidationError), db.write_session() as s:
        te.set_status(
            s,
            tid,
            "done",
            expected_version=None,
            now=now,
            completed_on=now.date() + timedelta(days=1),
        )


def test_progress_updates_move_the_task_and_the_latest_shows_in_the_list(office_db, now):
    db, office = office_db
    tid = office.task_ids[0]  # not started, no update
    with db.write_session() as s:
        te.add_update(
            s,
            tid,
            te.UpdateInput(
                update_date=date(2024, 10, 1),
                text="Đã xây dựng kế hoạch.",
                percent=20,
                attachments=["D:\\Báo cáo\\kh-01.docx", " ", "12-KH/VP"],
            ),
            now=now,
        )
    with db.session() as s:
        row = ts.rows_for(s, [tid], today=date(2024, 10, 2))[tid]
    assert (row.status, row.latest_update, row.latest_percent) == (
        "in_progress",
        "Đã xây dựng kế hoạch.",
        20,
    )
    with db.write_session() as s:  # an older report does not hide the newer one
        te.add_update(s, tid, te.UpdateInput(date(2024, 9, 1), "Họp triển khai."), now=now)
        te.add_update(
            s,
            tid,
            te.UpdateInput(date(2024, 12, 20), "Đã hoàn thành.", percent=100, status="done"),
            now=now,
        )
    d = _detail(db, tid, now.date())
    assert [u.update_date for u in d.updates] == [
        date(2024, 12, 20),
        date(2024, 10, 1),
        date(2024, 9, 1),
    ]
    assert d.updates[1].attachments == ["D:\\Báo cáo\\kh-01.docx", "12-KH/VP"]
    assert d.updates[0].unit == "Văn phòng"  # the lead unit when none is named
    assert (d.status, d.completed_on) == ("done", date(2024, 12, 20))
    with db.write_session() as s:
        te.delete_update(s, d.updates[0].id, now=now)
    with db.session() as s:
        row = ts.rows_for(s, [tid], today=now.date())[tid]
        assert row.latest_update == "Đã xây dựng kế hoạch."


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (te.UpdateInput(date(2024, 10, 1), " "), "không được để trống"),
        (te.UpdateInput(date(2027, 1, 1), "Sau"), "ở sau hôm nay"),
        (te.UpdateInput(date(2024, 1, 1), "Trước"), "trước ngày ban hành"),
        (te.UpdateInput(date(2024, 10, 1), "Quá", percent=140), "từ 0 đến 100"),
    ],
)
def test_bad_updates_are_refused(office_db, now, data, words):
    db, office = office_db
    with pytest.raises(ValidationError) as err, db.write_session() as s:
        te.add_update(s, office.task_ids[0], data, now=now)
    assert words in err.value.message


def test_deleting_a_task_removes_its_updates(office_db, now):
    db, office = office_db
    tid = office.task_ids[3]  # has two updates
    v = _detail(db, tid, now.date()).version
    with db.write_session() as s:
        te.delete_task(s, tid, expected_version=v, now=now)
    with db.session() as s:
        assert s.get(Task, tid) is None
        assert s.scalars(select(TaskUpdate).where(TaskUpdate.task_id == tid)).all() == []
    with pytest.raises(NotFoundError), db.session() as s:
        task_detail.detail(s, tid, today=now.date())


def test_bullets_of_a_document_become_tasks_once_with_their_cited_documents(office_db, now):
    db, office = office_db
    with db.write_session() as s:
        blocks = te.document_blocks(s, office.document_id)
        assert sum(1 for b in blocks if b.task_id) == 8
        opening = next(b for b in blocks if b.task_id is None)
        made = te.create_from_blocks(
            s,
            office.document_id,
            [opening.block_id, blocks[-1].block_id],
            lead_unit_id=office.units["Văn phòng"],
            deadline_text="thường xuyên",
            now=now,
            today=now.date(),
        )
        assert len(made) == 1  # the bullet already tracked is not duplicated
        new = made[0]
        assert new.deadline is None and new.reporting_cycle == "half_year"
        assert new.block_id == opening.block_id
    d = _detail(db, office.task_ids[3], now.date())
    assert {c.number_symbol for c in d.cited} == {"87-KH/ĐUK", "34-CT/TU", "144-QĐ/TW"}
    assert d.section_label == "2. Một số nhiệm vụ trọng tâm trong 6 tháng cuối năm 2024"
    assert d.cited[0].label.startswith(("Chỉ thị số 34-CT/TU, ngày 20/4/2024", "Kế hoạch"))
    with pytest.raises(ValidationError), db.write_session() as s:
        te.create_from_blocks(
            s,
            office.document_id,
            [],
            lead_unit_id=None,
            deadline_text=None,
            now=now,
            today=now.date(),
        )


def test_editing_a_done_task_deadline_recomputes_done_late(office_db, now):
    db, office = office_db
    tid = office.task_ids[2]
    with db.write_session() as s:
        te.set_status(s, tid, "done", expected_version=None, now=now, completed_on=date(2025, 2, 1))
    d = _detail(db, tid, now.date())
    assert d.status == "done_late"
    data = d.to_input()
    data.deadline_text = "quý I/2025"
    with db.write_session() as s:
        t = te.update_task(s, tid, data, expected_version=d.version, now=now, today=now.date())
        assert t.status == "done"


def test_now_is_what_services_use(office_db):
    db, office = office_db
    when = datetime(2025, 3, 1, 8, 0).astimezone()
    with db.write_session() as s:
        t = te.set_status(s, office.task_ids[5], "done", expected_version=None, now=when)
        assert t.completed_on == date(2025, 3, 1) and t.status == "done_late"


@pytest.mark.parametrize(
    ("text", "is_file", "name"),
    [
        ("D:\\Báo cáo\\kh-01.docx", True, "kh-01.docx"),
        ("/home/vanphong/bien ban.pdf", True, "bien ban.pdf"),
        ("bao-cao.xlsx", True, "bao-cao.xlsx"),
        ("15-BC/VP", False, "15-BC/VP"),
        ("số 87-KH/ĐUK", False, "số 87-KH/ĐUK"),
        ("1300-QĐ/TU", False, "1300-QĐ/TU"),
    ],
)
def test_attachments_are_files_or_document_numbers(text, is_file, name):
    assert task_detail.is_file_reference(text) is is_file
    assert task_detail.attachment_name(text) == name


def test_the_demo_office_tasks(demo_db, now):
    """The demo: eight tasks of the sample conclusion, lead units, 31/12/2024; overdue in 2025."""
    with demo_db.session() as s:
        rows = ts.list_tasks(s, today=date(2024, 12, 1))
        assert len(rows) == 8 and {r.deadline for r in rows} == {date(2024, 12, 31)}
        assert [r.lead_unit for r in rows] == [
            "Văn phòng",
            "Ban Tuyên giáo và Dân vận",
            "Ban Tuyên giáo và Dân vận",
            "Ban Tổ chức",
            "Ban Tổ chức",
            "Ban Tổ chức",
            "Ủy ban Kiểm tra",
            "Ban Tuyên giáo và Dân vận",
        ]
        assert {r.state for r in rows} == {"not_started", "in_progress"}
        assert {r.state for r in ts.list_tasks(s, today=date(2025, 1, 2))} == {"overdue"}

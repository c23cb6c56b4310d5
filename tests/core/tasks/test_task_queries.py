"""Listing tasks: filters, sorting, groups, counts, the derived "Quá hạn" and the start-up notice."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.tasks import due_notice, task_groups, task_states, task_window
from ketluan_desktop.core.tasks import listing as ts
from ketluan_desktop.core.tasks.models import Task

LATE = date(2025, 1, 15)  # after the deadline 31/12/2024
BEFORE = date(2024, 9, 1)


def test_the_eight_tasks_have_lead_units_and_the_deadline_of_the_period(office_db, now):
    db, _office = office_db
    with db.session() as s:
        rows = ts.list_tasks(s, today=now.date())
    assert len(rows) == 8
    assert {r.deadline for r in rows} == {date(2024, 12, 31)}
    assert {r.deadline_text for r in rows} == {"6 tháng cuối năm 2024"}
    assert all(r.lead_unit for r in rows)
    assert [r.number_symbol for r in rows] == ["105-KL/ĐUK"] * 8


def test_overdue_is_derived_from_today_never_stored(office_db):
    db, _ = office_db
    with db.session() as s:
        before = task_window.counts_by_state(s, today=BEFORE)
        after = task_window.counts_by_state(s, today=LATE)
        stored = {t.status for t in s.scalars(select(Task))}
    assert before == {
        "overdue": 0,
        "not_started": 4,
        "in_progress": 4,
        "done": 0,
        "done_late": 0,
        "paused": 0,
    }
    assert after["overdue"] == 8 and sum(after.values()) == 8
    assert "overdue" not in stored
    with db.session() as s:
        assert {r.state_label for r in ts.list_tasks(s, today=LATE)} == {"Quá hạn"}
        assert {r.state_label for r in ts.list_tasks(s, today=BEFORE)} == {
            "Chưa thực hiện",
            "Đang thực hiện",
        }


def test_filter_by_unit_state_document_deadline_and_accent_free_text(office_db):
    db, office = office_db
    btc = office.units["Ban Tổ chức"]
    with db.session() as s:

        def ids(**kw):
            return list(
                task_window.ordered_ids(s, ts.TaskFilter(**kw), ts.TaskSort(), today=BEFORE)
            )

        assert len(ids(unit_id=btc)) == 3
        assert len(ids(unit_id=btc, state="in_progress")) == 2
        assert len(ids(state="overdue")) == 0
        assert len(ids(document_id=office.document_id)) == 8
        assert ids(document_id=ts.NO_DOCUMENT) == []
        assert len(ids(due_from=date(2024, 12, 1), due_to=date(2024, 12, 31))) == 8
        assert ids(due_to=date(2024, 11, 30)) == []
        found = ids(text="chinh tri tu tuong")
        assert len(found) == 1
        assert "chính trị tư tưởng" in ts.rows_for(s, found, today=BEFORE)[found[0]].text
        assert ids(text="CHÍNH TRỊ TƯ TƯỞNG") == found
        assert len(ids(text="dang uy khoi")) >= 2  # đ folds to d
        assert ids(text="100%_") == []  # LIKE wildcards are taken literally


def test_sorting_is_done_by_the_database_and_is_stable(office_db):
    db, office = office_db
    with db.session() as s:
        by_unit = task_window.ordered_ids(
            s, ts.TaskFilter(), ts.TaskSort("lead_unit"), today=BEFORE
        )
        rows = ts.rows_for(s, by_unit, today=BEFORE)
        units = [rows[i].lead_unit for i in by_unit]
        assert units[0] == "Ban Tổ chức" and units[-1] == "Văn phòng"
        desc = task_window.ordered_ids(
            s, ts.TaskFilter(), ts.TaskSort("lead_unit", True), today=BEFORE
        )
        assert next(rows[i].lead_unit for i in desc) == "Văn phòng"
        by_update = task_window.ordered_ids(
            s, ts.TaskFilter(), ts.TaskSort("latest_update", True), today=BEFORE
        )
        assert rows[by_update[0]].latest_update_date == date(2024, 11, 5)
        assert rows[by_update[-1]].latest_update_date is None
        by_state = task_window.ordered_ids(s, ts.TaskFilter(), ts.TaskSort("state"), today=BEFORE)
        assert [rows[i].status for i in by_state][:4] == ["not_started"] * 4
        by_priority = task_window.ordered_ids(
            s, ts.TaskFilter(), ts.TaskSort("priority"), today=BEFORE
        )
        assert {rows[i].priority for i in by_priority[:2]} == {1}
        for key in ts.SORT_KEYS:
            assert sorted(
                task_window.ordered_ids(s, ts.TaskFilter(), ts.TaskSort(key), today=BEFORE)
            ) == (office.task_ids)
    with pytest.raises(ValidationError):
        ts.TaskSort("colour")


def test_groups_by_document_and_by_unit_with_counts(office_db):
    db, _office = office_db
    with db.session() as s:
        by_doc = task_groups.groups(s, ts.TaskFilter(), "document", today=LATE)
        assert [(g.label, g.count, g.overdue) for g in by_doc] == [
            (
                "Kết luận số 105-KL/ĐUK — Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 19 (mở rộng)",
                8,
                8,
            )
        ]
        by_unit = task_groups.groups(s, ts.TaskFilter(), "unit", today=LATE)
        assert [(g.label, g.count) for g in by_unit] == [
            ("Văn phòng", 1),
            ("Ban Tổ chức", 3),
            ("Ban Tuyên giáo và Dân vận", 3),
            ("Ủy ban Kiểm tra", 1),
        ]
        split = task_window.ordered_ids_by_group(
            s, ts.TaskFilter(), ts.TaskSort(), "unit", today=LATE
        )
        assert {k: len(v) for k, v in split.items()} == {g.key: g.count for g in by_unit}


def test_due_soon_and_the_start_up_notice(office_db):
    db, _ = office_db
    with db.session() as s:
        assert ts.due_soon(s, today=date(2024, 12, 24)) == 8
        assert ts.due_soon(s, today=date(2024, 12, 23)) == 0
        n = due_notice.notice(s, today=date(2024, 12, 27))
        assert (n.overdue, n.due_soon, n.days) == (0, 8, 7)
        assert n.message() == "Có 08 nhiệm vụ đến hạn trong 7 ngày tới."
        assert len(n.nearest) == 5
        late = due_notice.notice(s, today=LATE)
        assert late.message() == "Có 08 nhiệm vụ quá hạn."
        assert due_notice.notice(s, today=BEFORE).empty
        rows = ts.list_tasks(s, today=date(2024, 12, 27))
        assert all(r.due_soon for r in rows)


def test_what_each_unit_owes(office_db):
    db, _office = office_db
    with db.session() as s:
        loads = {u.name: u for u in task_groups.unit_loads(s, today=LATE)}
        assert loads["Ban Tổ chức"].lead_total == 3 and loads["Ban Tổ chức"].overdue == 3
        assert loads["Văn phòng"].lead_total == 1
        assert loads["Công đoàn"].total == 0  # every active unit is listed
        only = task_groups.unit_loads(s, today=LATE, include_empty=False)
        assert [u.name for u in only] == [
            "Văn phòng",
            "Ban Tổ chức",
            "Ban Tuyên giáo và Dân vận",
            "Ủy ban Kiểm tra",
        ]


def test_states_parse_from_codes_and_labels_with_or_without_accents():
    assert task_states.parse_state("done") == "done"
    assert task_states.parse_state("Hoàn thành") == "done"
    assert task_states.parse_state("dang thuc hien") == "in_progress"
    assert task_states.parse_state("quá hạn") == "overdue"
    with pytest.raises(ValidationError) as err:
        task_states.parse_state("xong rồi")
    assert "Các trạng thái" in err.value.message


def test_documents_offered_in_the_filter(office_db):
    db, office = office_db
    with db.session() as s:
        docs = task_groups.documents_with_tasks(s)
        assert [(d.id, d.task_count) for d in docs] == [(office.document_id, 8)]
        assert not task_groups.has_manual_tasks(s)


def test_the_notice_groups_the_thousands_as_the_cards_do():
    from ketluan_desktop.core.tasks.notice_values import TaskNotice

    assert TaskNotice(8, 0, 7).message() == "Có 08 nhiệm vụ quá hạn."
    big = TaskNotice(33_771, 54, 7)
    assert big.message() == "Có 33.771 nhiệm vụ quá hạn và 54 nhiệm vụ đến hạn trong 7 ngày tới."
    assert TaskNotice(0, 1_000, 30).message() == "Có 1.000 nhiệm vụ đến hạn trong 30 ngày tới."

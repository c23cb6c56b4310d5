"""Each role of the demo office, signed in, at the SERVICE layer: what it may do happens (rows in
the database), what it may not is refused before anything is written. Both engines."""

from __future__ import annotations

import os
import stat
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from ketluan_desktop.core.access import accounts, demo_accounts
from ketluan_desktop.core.access.actor import AccessDeniedError, actor_of
from ketluan_desktop.core.access.models import Account
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import listing
from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.documents import numbering
from ketluan_desktop.core.documents.models import NumberSequence
from ketluan_desktop.core.members import (
    member_checks,
    member_export,
    member_list,
    procedure_queries,
    procedures,
)
from ketluan_desktop.core.members import records as members
from ketluan_desktop.core.members.models import Member
from ketluan_desktop.core.org.organisations import issuing_body
from ketluan_desktop.core.signing import signed_documents
from ketluan_desktop.core.tasks import editing
from ketluan_desktop.core.tasks.models import Task


def _as(db, username, now):
    with db.write_session() as s:  # the shared test template leaves them out (engines.py)
        demo_accounts.create(s, now=now)
    accounts.sign_in(db, username, "demo", now=now)
    assert actor_of(db).username == username
    return db


def _refused(db, call):
    with db.write_session() as s, pytest.raises(AccessDeniedError) as err:
        call(s)
    assert "Không được phép" in err.value.message
    return err.value


def _allocate(s):
    return numbering.allocate(s, issuing_body(s).id, "TB", "2026")


def _a_member(s) -> Member:
    return s.scalars(
        select(Member).where(Member.birth_date.is_not(None)).order_by(Member.id)
    ).first()


def _edit_member(s, now):
    m = _a_member(s)
    data = replace(member_checks.MemberData.of(m), notes="Ghi chú mới")
    return members.update(s, m.id, data, expected_version=m.version, now=now)


def _new_task_status(s, now):
    t = s.scalars(select(Task).order_by(Task.id)).first()
    return editing.set_status(s, t.id, "paused", expected_version=t.version, now=now)


def _sequences(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.coalesce(func.sum(NumberSequence.last_number), 0)))


def test_clerk_numbers_documents_and_is_refused_members_tasks_accounts_audit(demo_db, now):
    db = _as(demo_db, "vanthu", now)
    before = _sequences(db)
    with db.write_session() as s:
        number = _allocate(s)
    assert number >= 1 and _sequences(db) == before + 1
    _refused(db, lambda s: _edit_member(s, now))
    _refused(db, lambda s: _new_task_status(s, now))
    _refused(db, lambda s: accounts.create_account(s, "x", "X", "van_thu", "mật khẩu", now=now))
    _refused(db, lambda s: listing.entries(s))
    _refused(db, lambda s: signed_documents.sign_document(s, 1))  # refused before any argument
    with db.session() as s:  # names and organisations, no birth date or card number
        rows = member_list.list_members(s, limit=50)
    assert rows and all(r.birth_date is None and r.card_number is None for r in rows)
    assert any(r.organisation for r in rows)


def test_specialist_updates_tasks_and_is_refused_numbers_and_personal_data(demo_db, now):
    db = _as(demo_db, "chuyenvien", now)
    with db.write_session() as s:
        task = _new_task_status(s, now)
        task_id = task.id
    with db.session() as s:
        assert s.get(Task, task_id).status == "paused"
        assert s.get(Task, task_id).changed_by == "chuyenvien"
    _refused(db, _allocate)
    _refused(db, lambda s: member_export.export_members(s, "x.xlsx", now=now))
    _refused(db, lambda s: procedure_queries.list_procedures(s))


def test_chief_signs_reads_the_audit_and_is_refused_members_and_numbers(demo_db, now):
    db = _as(demo_db, "lanhdao", now)
    assert actor_of(db).can(Permission.SIGN_DOCUMENTS)
    with db.session() as s:
        rows = listing.entries(s, person="lanhdao")
    assert rows[0].action == "sign_in"
    _refused(db, _allocate)
    _refused(db, lambda s: _edit_member(s, now))


def test_organisation_sees_and_edits_personal_data_and_exports_it_privately(demo_db, now, tmp_path):
    db = _as(demo_db, "tochuc", now)
    with db.write_session() as s:
        m = _edit_member(s, now)
        mid = m.id
    with db.session() as s:
        assert s.get(Member, mid).notes == "Ghi chú mới"
        rows = member_list.list_members(s, limit=50)
        detail = procedure_queries.list_procedures(s, limit=5)
    assert any(r.birth_date for r in rows) and any(p.summary for p in detail)
    out = tmp_path / "đảng viên.xlsx"
    with db.write_session() as s:
        n = member_export.export_members(s, out, now=now)
    assert n > 0 and out.exists()
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with db.session() as s:
        e = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (e.action, e.username, e.changes["rows"], e.changes["file"]) == (
        "export",
        "tochuc",
        n,
        str(out),
    )
    _refused(db, _allocate)
    _refused(db, lambda s: listing.entries(s))
    _refused(db, lambda s: accounts.list_accounts(s))


def test_inspection_reads_procedures_without_personal_data_and_changes_nothing(demo_db, now):
    db = _as(demo_db, "kiemtra", now)
    with db.session() as s:
        rows = procedure_queries.list_procedures(s, limit=20)
        one = procedure_queries.detail(s, rows[0].id)
        entries = listing.entries(s)
    assert rows and all(r.summary == "" and r.status for r in rows)
    assert one.values == {} and one.member_name and one.status
    assert entries
    _refused(db, lambda s: procedures.advance(s, rows[0].id, "approved", on=now.date(), now=now))
    _refused(db, lambda s: member_export.export_members(s, "x.xlsx", now=now))
    _refused(db, lambda s: _edit_member(s, now))


def test_admin_manages_accounts_and_settings_and_is_refused_member_records(demo_db, now):
    db = _as(demo_db, "quantri", now)
    with db.write_session() as s:
        accounts.create_account(s, "Vanthu2", "Ngô Thị Hà", "van_thu", "bí mật 1", now=now)
        accounts.set_idle_lock_minutes(s, 5, now=now)
    with db.session() as s:
        acc = s.scalars(select(Account).where(Account.username == "vanthu2")).one()
        assert acc.role == "van_thu" and acc.password_hash.startswith("$argon2id$")
        assert accounts.idle_lock_minutes(s) == 5
    _refused(db, lambda s: _edit_member(s, now))
    _refused(db, _allocate)
    with db.session() as s:
        rows = member_list.list_members(s, limit=20)
    assert all(r.birth_date is None for r in rows)


def test_the_workstation_account_keeps_every_permission(demo_db, now):
    """No sign-in (a workstation's own file, scripts): everything works as before accounts."""
    assert actor_of(demo_db).local
    with demo_db.write_session() as s:
        assert _allocate(s) >= 1
        _edit_member(s, now)
        assert listing.entries(s)


def test_a_specialist_tied_to_a_unit_updates_only_that_units_tasks(demo_db, now):
    with demo_db.write_session() as s:
        tasks = s.scalars(
            select(Task).where(Task.lead_unit_id.is_not(None)).order_by(Task.id)
        ).all()
        mine = tasks[0]
        other = next(
            t
            for t in tasks
            if t.lead_unit_id != mine.lead_unit_id
            and mine.lead_unit_id not in {u.id for u in t.co_units}
        )
        accounts.create_account(
            s,
            "cv_donvi",
            "Vũ Thị Lan",
            "chuyen_vien",
            "mat-khau",
            now=now,
            unit_id=mine.lead_unit_id,
        )
        ids = (mine.id, mine.version, other.id, other.version)
    accounts.sign_in(demo_db, "cv_donvi", "mat-khau", now=now)
    with demo_db.write_session() as s:
        editing.set_status(s, ids[0], "paused", expected_version=ids[1], now=now)
    with demo_db.write_session() as s, pytest.raises(AccessDeniedError, match="không thuộc đơn vị"):
        editing.set_status(s, ids[2], "paused", expected_version=ids[3], now=now)
    with demo_db.session() as s:
        assert s.get(Task, ids[0]).status == "paused" and s.get(Task, ids[2]).status != "paused"

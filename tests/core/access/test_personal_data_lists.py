"""Personal data in the reminders and in «Tra cứu» (issue 16), at the service boundary: a role
with the permission (Tổ chức) sees dates and details; one without (Văn thư) the name, the
organisation and the procedure's status only — in what the service returns, in the reminders'
Excel export and in the command line's output. Both engines."""

from __future__ import annotations

import re

import openpyxl
import pytest
from sqlalchemy import select

from ketluan_desktop.core.access import accounts, demo_accounts
from ketluan_desktop.core.access.actor import AccessDeniedError, actor_of
from ketluan_desktop.core.access.models import Account
from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.members import member_registers, procedure_queries, reminders
from ketluan_desktop.core.members import records as member_service
from ketluan_desktop.core.members.models import Member
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.search import search

DATE = re.compile(r"\d{2}/\d{2}/\d{4}")


def _sign_in(db, username, now):
    with db.write_session() as s:
        if not s.scalar(select(Account.id).limit(1)):
            demo_accounts.create(s, now=now)
    accounts.sign_in(db, username, "demo", now=now)
    assert actor_of(db).username == username
    return db


def _lists(db, now):
    with db.session() as s:
        return reminders.reminders(s, now.date())


def _flat(lists):
    return [r for items in lists.values() for r in items]


def test_reminders_without_the_permission_are_name_organisation_and_status(demo_db, now):
    full = _lists(demo_db, now)  # the workstation's own account: everything
    _sign_in(demo_db, "tochuc", now)
    assert _lists(demo_db, now) == full  # Tổ chức sees what the office's own account sees
    assert full[reminders.RETURN_REPORT], "the demo office has a traveller late with the report"
    assert all(r.date is not None for r in _flat(full))
    assert "Về nước ngày" in full[reminders.RETURN_REPORT][0].text
    with demo_db.session() as s:
        states = {
            p.id: f"{p.kind_label}: {p.status_label}" for p in procedure_queries.list_procedures(s)
        }

    _sign_in(demo_db, "vanthu", now)
    public = _lists(demo_db, now)
    with demo_db.session() as s:
        counts = reminders.counts(s, now.date())
    assert counts == {rule: len(items) for rule, items in full.items()}
    for rule, items in full.items():
        shown = public[rule]
        assert [(r.member_id, r.member_name, r.organisation) for r in shown] == [
            (r.member_id, r.member_name, r.organisation) for r in items
        ]
        for r in shown:
            assert (r.date, r.due, r.overdue) == (None, None, False)
            expected = states[r.procedure_id] if r.procedure_id else reminders.NO_PROCEDURE
            assert r.text == expected
            assert not DATE.search(r.text)
    texts = {r.text for r in _flat(public)}
    assert not any("Về nước" in t or "ốm đau" in t or "Báo mất" in t for t in texts)


def _sheet_rows(path):
    ws = openpyxl.load_workbook(path).active
    return [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]


def test_the_procedures_list_pages_say_no_more_than_the_role_may_see(demo_db, now):
    """The screen's pages (ProcedureList) as the service's list: no summary without the
    personal-data permission (travel, reasons and card numbers are in it)."""
    from ketluan_desktop.core.members.procedure_list import ProcedureList

    def pages():
        listed = ProcedureList(demo_db.session)
        rows = listed.page(listed.count()).rows
        with demo_db.session() as s:
            return rows, procedure_queries.list_procedures(s)

    rows, listed = pages()
    assert rows == listed and any(r.summary for r in rows)
    _sign_in(demo_db, "kiemtra", now)  # Kiểm tra: procedures, not personal data
    rows, listed = pages()
    assert rows == listed and rows and not any(r.summary for r in rows)
    assert all(r.kind_label and r.status_label for r in rows)


def test_the_reminders_export_holds_what_the_role_may_see(demo_db, now, tmp_path):
    rule = reminders.RETURN_REPORT
    _sign_in(demo_db, "tochuc", now)
    full = _lists(demo_db, now)[rule]
    first = full[0]
    with demo_db.write_session() as s:
        n = member_registers.export_reminders(s, rule, now.date(), tmp_path / "tc.xlsx", now=now)
    assert n == len(full)
    row = next(r for r in _sheet_rows(tmp_path / "tc.xlsx") if first.member_name in r)
    assert row[3:] == [
        first.date.strftime("%d/%m/%Y"),
        first.due.strftime("%d/%m/%Y"),
        first.text,
    ]

    _sign_in(demo_db, "vanthu", now)
    public = _lists(demo_db, now)[rule][0]
    out = tmp_path / "vt.xlsx"
    with demo_db.write_session() as s:
        assert member_registers.export_reminders(s, rule, now.date(), out, now=now) == n
    rows = _sheet_rows(out)
    header = next(r for r in rows if "Họ và tên" in r)
    assert header == ["STT", "Họ và tên", "Tổ chức cơ sở đảng", "Tình trạng thủ tục"]
    row = next(r for r in rows if first.member_name in r)
    assert row == [1, first.member_name, first.organisation or "", public.text]
    body = rows[rows.index(header) + 1 :]
    assert not any(DATE.search(str(v)) or "Về nước" in str(v) for r in body for v in r)
    with demo_db.session() as s:
        e = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (e.action, e.username, e.changes["rows"], e.changes["personal_data"]) == (
        "export",
        "vanthu",
        n,
        False,
    )


def test_a_session_not_signed_in_gets_no_reminders_or_members(demo_db, now):
    with demo_db.write_session() as s:
        demo_accounts.create(s, now=now)
    demo_db.sign_in_required = True  # a shared server before anyone signs in
    with demo_db.session() as s, pytest.raises(AccessDeniedError, match="Chưa đăng nhập"):
        reminders.reminders(s, now.date())
    with demo_db.session() as s:
        assert [h for h in search(s, "nguyen") if h.area == "members"] == []


def test_search_shows_members_personal_details_only_to_the_allowed_role(demo_db, now):
    _sign_in(demo_db, "tochuc", now)
    with demo_db.session() as s:
        allowed = [h for h in search(s, "nguyen") if h.area == "members"]
        agencies = {
            m.id: m.agency
            for m in s.scalars(select(Member).where(Member.id.in_([h.id for h in allowed])))
        }
    assert allowed and all(h.detail == agencies[h.id] for h in allowed)
    _sign_in(demo_db, "vanthu", now)
    with demo_db.session() as s:
        public = [h for h in search(s, "nguyen") if h.area == "members"]
        expected = {}
        for m, org in s.execute(
            select(Member, Organisation.name)
            .outerjoin(Organisation, Organisation.id == Member.organisation_id)
            .where(Member.id.in_([h.id for h in public]))
        ):
            label = member_service.status_label(m.status)
            expected[m.id] = " — ".join(x for x in (org, label) if x)
    assert [(h.id, h.title) for h in public] == [(h.id, h.title) for h in allowed]
    assert all(h.detail == expected[h.id] for h in public)
    assert all(h.detail != agencies[h.id] for h in public)  # the workplace is not shown


@pytest.fixture
def cli(demo_db, now, capsys, monkeypatch):
    from engines import target_of

    from ketluan_desktop.cli import main

    with demo_db.write_session() as s:
        demo_accounts.create(s, now=now)
    path = target_of(demo_db)
    demo_db.dispose()
    monkeypatch.setenv("KL_TEST_PW", "demo")

    def call(user: str, *args: str) -> str:
        code = main(["--user", user, "--password-env", "KL_TEST_PW", *args, "--db", path])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return captured.out

    return call


def test_the_command_line_prints_what_the_role_may_see(cli, now):
    today = now.date().isoformat()
    full = cli("tochuc", "reminders", "--rule", reminders.RETURN_REPORT, "--today", today)
    public = cli("vanthu", "reminders", "--rule", reminders.RETURN_REPORT, "--today", today)
    assert "Về nước ngày" in full and DATE.search(full)
    names = [line.split(" (")[0].strip() for line in full.splitlines()[1:]]
    assert names and all(name in public for name in names)
    body = public.splitlines()[1:]  # under the rule's label
    assert len(body) == len(names)
    assert all(": Đi nước ngoài: " in line for line in body)  # the procedure and its status
    assert not any("Về nước" in line or DATE.search(line) for line in body)
    found = cli("vanthu", "search", "nguyen")
    assert "Đảng viên (" in found

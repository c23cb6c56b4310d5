"""Accounts: Argon2id hashes, the lock-out, one's own password, the administrator's reset."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ketluan_desktop.core.access import accounts
from ketluan_desktop.core.access.accounts import SignInError
from ketluan_desktop.core.access.actor import actor_of
from ketluan_desktop.core.access.models import Account
from ketluan_desktop.core.audit.models import AuditEntry


@pytest.fixture
def office(db, now):
    with db.write_session() as s:
        accounts.create_account(
            s,
            "quantri",
            "Đỗ Quang Trị",
            "quan_tri",
            "quản trị",
            now=now,
            must_change_password=False,
        )
        accounts.create_account(s, "vanthu", "Nguyễn Thị Thu", "van_thu", "mật khẩu cũ", now=now)
    return db


def _account(db, name):
    with db.session() as s:
        return s.scalars(select(Account).where(Account.username == name)).one()


def test_only_an_argon2id_hash_is_stored(office):
    acc = _account(office, "vanthu")
    assert acc.password_hash.startswith("$argon2id$") and "mật khẩu cũ" not in acc.password_hash


def test_sign_in_sets_the_actor_and_asks_for_a_new_password_after_creation(office, now):
    outcome = accounts.sign_in(office, "  VanThu ", "mật khẩu cũ", now=now)
    assert outcome.must_change_password
    assert actor_of(office).role_name == "Văn thư" and office.username == "vanthu"


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(office, now):
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(SignInError, match="Sai tên đăng nhập"):
            accounts.sign_in(office, "vanthu", "sai", now=now)
    with pytest.raises(SignInError, match="tạm khóa"):
        accounts.sign_in(office, "vanthu", "sai", now=now)
    with pytest.raises(SignInError, match="tạm khóa"):
        accounts.sign_in(office, "vanthu", "mật khẩu cũ", now=now + timedelta(minutes=1))
    later = now + timedelta(minutes=accounts.LOCK_MINUTES + 1)
    assert accounts.sign_in(office, "vanthu", "mật khẩu cũ", now=later).actor is not None
    with office.session() as s:
        failed = s.scalars(select(AuditEntry).where(AuditEntry.action == "sign_in_failed")).all()
    assert len(failed) == accounts.MAX_FAILURES


def test_change_own_password_then_admin_reset_unlocks(office, now):
    with office.write_session() as s:
        accounts.change_own_password(s, "vanthu", "mật khẩu cũ", "mật khẩu mới", now=now)
    with pytest.raises(SignInError):
        accounts.sign_in(office, "vanthu", "mật khẩu cũ", now=now)
    assert not accounts.sign_in(office, "vanthu", "mật khẩu mới", now=now).must_change_password
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(SignInError):
            accounts.sign_in(office, "vanthu", "sai", now=now)
    accounts.sign_in(office, "quantri", "quản trị", now=now)
    with office.write_session() as s:
        accounts.reset_password(s, _account(office, "vanthu").id, "tạm thời", now=now)
    outcome = accounts.sign_in(office, "vanthu", "tạm thời", now=now)
    assert outcome.must_change_password and _account(office, "vanthu").locked_until is None


def test_unknown_names_and_disabled_accounts_get_the_same_message(office, now):
    with pytest.raises(SignInError, match="Sai tên đăng nhập"):
        accounts.sign_in(office, "không có", "x", now=now)
    with office.write_session() as s:
        accounts.update_account(s, _account(office, "vanthu").id, active=False, now=now)
    with pytest.raises(SignInError, match="Sai tên đăng nhập"):
        accounts.sign_in(office, "vanthu", "mật khẩu cũ", now=now)


def test_role_names_are_the_offices_own(office, now):
    with office.write_session() as s:
        accounts.set_role_names(s, {"van_thu": "Văn thư – Lưu trữ"}, now=now)
    accounts.sign_in(office, "vanthu", "mật khẩu cũ", now=now)
    assert actor_of(office).role_name == "Văn thư – Lưu trữ"


def test_a_unit_is_set_and_cleared_by_the_administrator_only(office, now):
    from ketluan_desktop.core.access.actor import AccessDeniedError
    from ketluan_desktop.core.errors import NotFoundError
    from ketluan_desktop.core.org import units

    with office.write_session() as s:
        unit_id = units.create(s, units.UnitInput(name="Ban Tuyên giáo"), now=now).id
        vanthu = s.scalars(select(Account).where(Account.username == "vanthu")).one().id
        accounts.set_unit(s, vanthu, unit_id, now=now)
    with office.write_session() as s, pytest.raises(NotFoundError, match="Không có đơn vị"):
        accounts.set_unit(s, vanthu, unit_id + 999, now=now)
    with office.session() as s:
        row = next(a for a in accounts.list_accounts(s) if a.username == "vanthu")
    assert (row.unit_id, row.unit_name) == (unit_id, "Ban Tuyên giáo")
    accounts.sign_in(office, "vanthu", "mật khẩu cũ", now=now)
    assert actor_of(office).unit_id == unit_id
    with office.write_session() as s, pytest.raises(AccessDeniedError, match="Không được phép"):
        accounts.set_unit(s, vanthu, None, now=now)
    accounts.sign_in(office, "quantri", "quản trị", now=now)
    with office.write_session() as s:
        accounts.set_unit(s, vanthu, None, now=now)
    with office.session() as s:
        assert s.get(Account, vanthu).unit_id is None
        changes = [e.changes for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert {"unit": [None, "Ban Tuyên giáo"]} in changes
    assert {"unit": ["Ban Tuyên giáo", None]} in changes

"""Accounts on a shared database: sign-in with lock-out, own password, the administrator's work.

A failed sign-in must be counted even though it fails, so ``attempt_sign_in`` returns an outcome
instead of raising (its transaction commits the count); ``sign_in`` raises after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access import passwords
from ketluan_desktop.core.access.actor import Actor, requires
from ketluan_desktop.core.access.models import Account
from ketluan_desktop.core.access.permissions import (
    DEFAULT_ROLE_NAMES,
    ROLE_PERMISSIONS,
    Permission,
    Role,
)
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import KetLuanError, NotFoundError, ValidationError
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.text import clean

MAX_FAILURES = 5  # wrong passwords in a row before the account locks
LOCK_MINUTES = 15
IDLE_LOCK_MINUTES = 10  # the app's window locks after this long without a key or a click
ROLE_NAMES_KEY = "access.role_names"
IDLE_KEY = "access.idle_lock_minutes"
BAD_CREDENTIALS = (
    "Sai tên đăng nhập hoặc mật khẩu. Hãy nhập lại (chú ý bộ gõ tiếng Việt và phím Caps Lock)."
)


class SignInError(KetLuanError):
    """Wrong name or password, a locked or disabled account."""


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    full_name: str
    role: str
    role_name: str
    active: bool
    locked_until: datetime | None
    last_sign_in: datetime | None
    must_change_password: bool
    unit_id: int | None = None  # a specialist's unit: the tasks they may update
    unit_name: str | None = None


@dataclass(frozen=True)
class SignInOutcome:
    actor: Actor | None
    message: str | None = None
    must_change_password: bool = False


def role_names(session: Session) -> dict[str, str]:
    """Role key → the office's name for it (the stored names over the defaults)."""
    names = {r.value: n for r, n in DEFAULT_ROLE_NAMES.items()}
    names.update({k: v for k, v in (settings.get(session, ROLE_NAMES_KEY) or {}).items() if v})
    return names


@requires(Permission.MANAGE_ACCOUNTS)
def set_role_names(session: Session, names: dict[str, str], *, now: datetime) -> None:
    cleaned = {}
    for key, name in names.items():
        Role(key)  # a role the code knows
        text = clean(name or "")
        if not text:
            raise ValidationError("Tên vai trò không được để trống.")
        cleaned[key] = text
    settings.set_value(session, ROLE_NAMES_KEY, cleaned)
    audit.record(
        session,
        now=now,
        action="update",
        entity="setting",
        summary="Đổi tên các vai trò",
        changes={"role_names": cleaned},
    )


def idle_lock_minutes(session: Session) -> int:
    return int(settings.get(session, IDLE_KEY) or IDLE_LOCK_MINUTES)


@requires(Permission.EDIT_SETTINGS)
def set_idle_lock_minutes(session: Session, minutes: int, *, now: datetime) -> None:
    if not 1 <= minutes <= 240:
        raise ValidationError("Thời gian tự khóa phải từ 1 đến 240 phút.")
    settings.set_value(session, IDLE_KEY, minutes)
    audit.record(
        session,
        now=now,
        action="update",
        entity="setting",
        summary=f"Tự khóa sau {minutes} phút không dùng",
    )


def has_accounts(session: Session) -> bool:
    return bool(session.scalar(select(func.count(Account.id)).where(Account.active.is_(True))))


def actor_for(session: Session, account: Account) -> Actor:
    role = Role(account.role)
    return Actor(
        username=account.username,
        permissions=ROLE_PERMISSIONS[role],
        full_name=account.full_name,
        role=role.value,
        role_name=role_names(session)[role.value],
        account_id=account.id,
        unit_id=account.unit_id,
    )


def _find(session: Session, username: str) -> Account | None:
    return session.scalars(select(Account).where(Account.username == _username(username))).first()


def _username(text: str) -> str:
    return clean(text or "").lower()


def attempt_sign_in(
    session: Session, username: str, password: str, *, now: datetime
) -> SignInOutcome:
    """Check the password; count a failure, lock after ``MAX_FAILURES``. Never raises for a wrong
    password (the caller commits, then tells the person)."""
    acc = _find(session, username)
    if acc is None or not acc.active:
        passwords.verify_password(_DUMMY_HASH(), password)  # same time as a real check
        audit.record(
            session,
            now=now,
            action="sign_in_failed",
            entity="account",
            summary="Đăng nhập không thành công",
            username=_username(username),
        )
        return SignInOutcome(None, BAD_CREDENTIALS)
    if acc.locked_until is not None and acc.locked_until > now:
        return SignInOutcome(None, _locked_message(acc.locked_until))
    if not passwords.verify_password(acc.password_hash, password):
        acc.failed_attempts += 1
        message = BAD_CREDENTIALS
        if acc.failed_attempts >= MAX_FAILURES:
            until = now + timedelta(minutes=LOCK_MINUTES)
            acc.locked_until = until
            acc.failed_attempts = 0
            message = _locked_message(until)
        audit.record(
            session,
            now=now,
            action="sign_in_failed",
            entity="account",
            entity_id=acc.id,
            summary="Đăng nhập sai mật khẩu",
            changes={"locked": acc.locked_until is not None and acc.locked_until > now},
            username=acc.username,
        )
        return SignInOutcome(None, message)
    if passwords.needs_rehash(acc.password_hash):
        acc.password_hash = passwords.hash_password(password)
    acc.failed_attempts = 0
    acc.locked_until = None
    acc.last_sign_in = now
    actor = actor_for(session, acc)
    audit.record(
        session,
        now=now,
        action="sign_in",
        entity="account",
        entity_id=acc.id,
        summary="Đăng nhập",
        username=acc.username,
    )
    return SignInOutcome(actor, None, acc.must_change_password)


def _locked_message(until: datetime) -> str:
    from ketluan_desktop.core.clock import VN_TZ

    return (
        f"Tài khoản tạm khóa đến {until.astimezone(VN_TZ):%H:%M} vì nhập sai mật khẩu {MAX_FAILURES} "
        "lần liền. Hãy thử lại sau, hoặc nhờ người quản trị đặt lại mật khẩu."
    )


_dummy: list[str] = []


def _DUMMY_HASH() -> str:
    if not _dummy:
        _dummy.append(passwords.hash_password("không phải mật khẩu"))
    return _dummy[0]


def sign_in(db: Any, username: str, password: str, *, now: datetime) -> SignInOutcome:
    """Sign in on ``db``: from now on its sessions act as that person. Raises ``SignInError``."""
    with db.write_session() as s:
        s.info["actor"] = _anonymous(username)
        outcome = attempt_sign_in(s, username, password, now=now)
    if outcome.actor is None:
        raise SignInError(outcome.message or BAD_CREDENTIALS)
    db.actor = outcome.actor
    db.username = outcome.actor.username
    return outcome


def _anonymous(username: str) -> Actor:
    return Actor(_username(username) or "không rõ", frozenset())


def _check_password(password: str) -> None:
    if len(password or "") < passwords.MIN_LENGTH:
        raise ValidationError(f"Mật khẩu phải có ít nhất {passwords.MIN_LENGTH} ký tự.")


def _check_role(role: str) -> str:
    try:
        return Role(role).value
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise ValidationError(f"Không có vai trò «{role}». Các vai trò: {known}.") from None


@requires(Permission.MANAGE_ACCOUNTS)
def list_accounts(session: Session) -> list[AccountRow]:
    from ketluan_desktop.core.org.models import Organisation

    names = role_names(session)
    units: dict[int, str] = {
        uid: name for uid, name in session.execute(select(Organisation.id, Organisation.name))
    }
    return [
        AccountRow(
            a.id,
            a.username,
            a.full_name,
            a.role,
            names.get(a.role, a.role),
            a.active,
            a.locked_until,
            a.last_sign_in,
            a.must_change_password,
            a.unit_id,
            units.get(a.unit_id) if a.unit_id is not None else None,
        )
        for a in session.scalars(select(Account).order_by(Account.username))
    ]


@requires(Permission.MANAGE_ACCOUNTS)
def create_account(
    session: Session,
    username: str,
    full_name: str,
    role: str,
    password: str,
    *,
    now: datetime,
    must_change_password: bool = True,
    unit_id: int | None = None,
) -> Account:
    name = _username(username)
    if not name or " " in name:
        raise ValidationError(
            "Tên đăng nhập không được trống và không có dấu cách (ví dụ: vanthu)."
        )
    if _find(session, name) is not None:
        raise ValidationError(f"Đã có tài khoản «{name}». Hãy chọn tên đăng nhập khác.")
    full = clean(full_name or "")
    if not full:
        raise ValidationError("Hãy nhập họ và tên của người dùng tài khoản.")
    _check_password(password)
    if unit_id is not None:
        _check_unit(session, unit_id)
    acc = Account(
        username=name,
        full_name=full,
        role=_check_role(role),
        password_hash=passwords.hash_password(password),
        created_at=now,
        password_changed_at=now,
        must_change_password=must_change_password,
        active=True,
        failed_attempts=0,
        unit_id=unit_id,
    )
    session.add(acc)
    session.flush()
    audit.record(
        session,
        now=now,
        action="create",
        entity="account",
        entity_id=acc.id,
        summary=f"Tạo tài khoản «{name}»",
        changes={"role": acc.role, "unit": _unit_name(session, unit_id)},
    )
    return acc


def _check_unit(session: Session, unit_id: int) -> None:
    from ketluan_desktop.core.org import units

    units.get(session, unit_id)  # NotFoundError in Vietnamese: a unit deleted meanwhile


def _unit_name(session: Session, unit_id: int | None) -> str | None:
    from ketluan_desktop.core.org.models import Organisation

    unit = session.get(Organisation, unit_id) if unit_id is not None else None
    return unit.name if unit is not None else None


@requires(Permission.MANAGE_ACCOUNTS)
def set_unit(session: Session, account_id: int, unit_id: int | None, *, now: datetime) -> Account:
    """The unit whose tasks the account may update (a specialist's: «Chuyên viên» updates the
    tasks of their unit); None: every unit's. Audited with the units' names."""
    acc = _get(session, account_id)
    if unit_id is not None:
        _check_unit(session, unit_id)
    if unit_id != acc.unit_id:
        before = _unit_name(session, acc.unit_id)
        acc.unit_id = unit_id
        audit.record(
            session,
            now=now,
            action="update",
            entity="account",
            entity_id=acc.id,
            summary=f"Đổi đơn vị của tài khoản «{acc.username}»",
            changes={"unit": [before, _unit_name(session, unit_id)]},
        )
    return acc


def _get(session: Session, account_id: int) -> Account:
    acc = session.get(Account, account_id)
    if acc is None:
        raise NotFoundError(f"Không còn tài khoản mã {account_id}. Hãy làm mới danh sách.")
    return acc


@requires(Permission.MANAGE_ACCOUNTS)
def update_account(
    session: Session,
    account_id: int,
    *,
    now: datetime,
    full_name: str | None = None,
    role: str | None = None,
    active: bool | None = None,
) -> Account:
    acc = _get(session, account_id)
    changes: dict[str, list[Any]] = {}
    if full_name is not None and clean(full_name) != acc.full_name:
        changes["full_name"] = [acc.full_name, clean(full_name)]
        acc.full_name = clean(full_name)
    if role is not None and _check_role(role) != acc.role:
        changes["role"] = [acc.role, role]
        acc.role = role
    if active is not None and active != acc.active:
        changes["active"] = [acc.active, active]
        acc.active = active
    if changes:
        audit.record(
            session,
            now=now,
            action="update",
            entity="account",
            entity_id=acc.id,
            summary=f"Sửa tài khoản «{acc.username}»",
            changes=changes,
        )
    return acc


@requires(Permission.MANAGE_ACCOUNTS)
def reset_password(session: Session, account_id: int, new_password: str, *, now: datetime) -> None:
    """The administrator's reset: unlocks, and asks for a new password at the next sign-in."""
    _check_password(new_password)
    acc = _get(session, account_id)
    acc.password_hash = passwords.hash_password(new_password)
    acc.password_changed_at = now
    acc.must_change_password = True
    acc.failed_attempts = 0
    acc.locked_until = None
    audit.record(
        session,
        now=now,
        action="reset_password",
        entity="account",
        entity_id=acc.id,
        summary=f"Đặt lại mật khẩu tài khoản «{acc.username}»",
    )


def change_own_password(
    session: Session, username: str, old_password: str, new_password: str, *, now: datetime
) -> None:
    """Anyone may change their own password, knowing the current one."""
    acc = _find(session, username)
    if acc is None or not passwords.verify_password(acc.password_hash, old_password):
        raise SignInError("Mật khẩu hiện tại không đúng. Mật khẩu chưa được đổi.")
    _check_password(new_password)
    if new_password == old_password:
        raise ValidationError("Mật khẩu mới phải khác mật khẩu hiện tại.")
    acc.password_hash = passwords.hash_password(new_password)
    acc.password_changed_at = now
    acc.must_change_password = False
    audit.record(
        session,
        now=now,
        action="change_password",
        entity="account",
        entity_id=acc.id,
        summary="Đổi mật khẩu của mình",
        username=acc.username,
    )

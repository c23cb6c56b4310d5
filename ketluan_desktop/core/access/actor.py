"""The acting person and the one permission check at the service boundary.

Services take a session; the session's ``Database`` carries the actor (``Database.actor``, set
by a sign-in on a shared server). A session may also carry one itself (``session.info["actor"]``,
used by tests and by work done on someone's behalf). Without either, the actor is the operating
system's account with every permission: a workstation's own SQLite file, as before accounts
existed. The GUI and the CLI make people sign in before they get a shared database's sessions.

``@requires(Permission.X)`` on a service function refuses the call with ``AccessDeniedError``
(a Vietnamese message naming the role and what it may not do) before the function runs.
"""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ketluan_desktop.core.access.permissions import (
    ALL_PERMISSIONS,
    PERMISSION_LABELS,
    Permission,
)
from ketluan_desktop.core.errors import KetLuanError

F = TypeVar("F", bound=Callable[..., Any])


class AccessDeniedError(KetLuanError):
    """The signed-in person's role does not allow this action."""

    def __init__(self, message: str, *, permission: Permission | None = None) -> None:
        super().__init__(message)
        self.permission = permission


@dataclass(frozen=True)
class Actor:
    username: str
    permissions: frozenset[Permission]
    full_name: str | None = None
    role: str | None = None  # Role key; None for the workstation's own account
    role_name: str | None = None  # what the office calls the role
    account_id: int | None = None
    unit_id: int | None = None  # tasks they may update: this unit's (None: every unit's)
    local: bool = False  # the OS account on a workstation's own file

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def display(self) -> str:
        name = self.full_name or self.username
        return f"{name} ({self.role_name})" if self.role_name else name


def os_username() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service account, odd environment)
        return "không rõ"


def local_actor(username: str | None = None) -> Actor:
    return Actor(username or os_username(), ALL_PERMISSIONS, local=True)


def actor_of(session_or_db: Any) -> Actor:
    """The person working through this session (or ``Database``, or that ``Actor`` itself)."""
    if isinstance(session_or_db, Actor):
        return session_or_db
    info = getattr(session_or_db, "info", None)
    if isinstance(info, dict):  # a Session
        actor = info.get("actor")
        if actor is not None:
            return actor
        session_or_db = info.get("database")
    actor = getattr(session_or_db, "actor", None)
    if actor is not None:
        return actor
    if getattr(session_or_db, "sign_in_required", False):
        return Actor(os_username(), frozenset())  # not signed in yet: allowed nothing
    return local_actor(getattr(session_or_db, "username", None))


def can(session_or_db: Any, permission: Permission) -> bool:
    return actor_of(session_or_db).can(permission)


def refusal(actor: Actor, permission: Permission) -> str:
    """Why ``actor`` may not: the sentence the GUI shows on hover and the CLI prints."""
    if not actor.local and actor.role is None:
        return (
            f"Chưa đăng nhập: cơ sở dữ liệu dùng chung chỉ cho phép {PERMISSION_LABELS[permission]} "
            "sau khi đăng nhập bằng tài khoản của mình."
        )
    who = f"vai trò «{actor.role_name}»" if actor.role_name else f"tài khoản «{actor.username}»"
    return (
        f"Không được phép: {who} không được {PERMISSION_LABELS[permission]}. "
        "Hãy nhờ người có quyền, hoặc hỏi người quản trị."
    )


def check(session_or_db: Any, permission: Permission) -> Actor:
    actor = actor_of(session_or_db)
    if not actor.can(permission):
        raise AccessDeniedError(refusal(actor, permission), permission=permission)
    return actor


def requires(permission: Permission) -> Callable[[F], F]:
    """Refuse the call unless the actor of its first argument (a session or a ``Database``, or a
    ``session=`` keyword) holds ``permission``. The function keeps its name and signature."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def checked(*args: Any, **kwargs: Any) -> Any:
            target = args[0] if args else kwargs.get("session", kwargs.get("db"))
            check(target, permission)
            return fn(*args, **kwargs)

        checked.required_permission = permission  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return wrap


def required_permission(fn: Callable[..., Any]) -> Permission | None:
    """What a service function checks (the GUI disables its button for roles without it)."""
    return getattr(fn, "required_permission", None)

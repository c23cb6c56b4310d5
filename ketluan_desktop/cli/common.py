"""Helpers shared by the subcommands."""

from __future__ import annotations

import getpass
import json
import os
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.text import dates as office_dates

if TYPE_CHECKING:
    from ketluan_desktop.core.db import Database


def now() -> datetime:
    """The only clock of the CLI: the office's (Vietnam) time with its offset; services receive it."""
    from ketluan_desktop.core.clock import office_now

    return office_now()


def today() -> date:
    return now().date()


_opened: list[Database] = []


def database(args, *, create: bool = False) -> Database:
    """The database named by ``--db``/``KETLUAN_DB``; only ``init`` and ``demo`` may create it."""
    from ketluan_desktop.core.db import open_database  # SQLAlchemy: only for commands that use it
    from ketluan_desktop.core.signing.signed_output import sweep

    # Only the models the command's services import (a write loads the rest): see Database.
    db = open_database(getattr(args, "db", None), create=create, all_models=False)
    _opened.append(db)
    for w in db.warnings:
        print(f"Cảnh báo: {w}", file=sys.stderr)
    if db.created:
        print(f"Đã tạo cơ sở dữ liệu mới: {db.location.display}", file=sys.stderr)
    for line in sweep(db):  # what an interrupted `ketluan sign` left (also logged)
        print(f"Lưu ý: {line}", file=sys.stderr)
    sign_in(db, args)
    return db


SIGN_IN_NEEDED = (
    "Cơ sở dữ liệu dùng chung {where} yêu cầu đăng nhập: ketluan --user TÊN [--password-env BIẾN] "
    "LỆNH … (mật khẩu được hỏi tại dấu nhắc nếu không có --password-env)."
)


NO_ACCOUNTS_YET = (
    "Lưu ý: máy chủ chưa có tài khoản nào, ai kết nối cũng làm được mọi việc; hãy tạo tài khoản "
    "quản trị: ketluan accounts add TÊN --role quan_tri"
)


def no_accounts_note(db: Database) -> str | None:
    """The note for a shared server where nobody signs in yet, else None."""
    from ketluan_desktop.core.access import accounts

    if not db.is_server:
        return None
    with db.session() as s:
        return None if accounts.has_accounts(s) else NO_ACCOUNTS_YET


def sign_in(db: Database, args) -> None:
    """``--user``: act as that account (any database). A shared server with accounts requires it;
    without accounts yet, the operating-system account works, to create the first ones."""
    user = getattr(args, "user", None)
    if not user and not db.is_server:
        return  # a workstation's own file: the operating-system account (no accounts to load)
    from ketluan_desktop.core.access import accounts

    if not user:  # a shared server
        with db.session() as s:
            if accounts.has_accounts(s):
                raise ValidationError(SIGN_IN_NEEDED.format(where=db.location.display))
        # No accounts yet: said by ``ketluan db connect`` and ``ketluan db status``, not by
        # every command (scripts read their output).
        return
    password = secret(f"Mật khẩu của {user}: ", getattr(args, "password_env", None))
    outcome = accounts.sign_in(db, user, password, now=now())
    if outcome.must_change_password:
        print("Lưu ý: hãy đổi mật khẩu (ketluan --user … passwd).", file=sys.stderr)


def close_databases() -> None:
    """After a command: close what ``database`` opened (a server's connections are not left to
    the garbage collector)."""
    while _opened:
        _opened.pop().dispose()


def storage_error(args, exc: BaseException):
    """The Vietnamese ``DatabaseError`` for a storage fault that escaped a session, else None."""
    import logging

    from ketluan_desktop.core.db.errors import classify
    from ketluan_desktop.core.db.location import resolve

    try:
        location = resolve(getattr(args, "db", None))
    except Exception:  # a malformed URL: classify without a place
        location = None
    err = classify(
        exc,
        path=location.path if location else None,
        display=location.display if location else None,
    )
    if err is not None:
        logging.getLogger(__name__).warning(
            "storage error: %s (%s)", type(err).__name__, err.detail
        )
    return err


def _default(o: Any) -> Any:
    if isinstance(o, (date, datetime)):
        return o.isoformat()
    raise TypeError(type(o))


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")


def parse_date(text: str) -> date:
    """Vietnamese (10/7/2024, 10/07/24) or ISO (2024-07-10) dates."""
    return office_dates.parse_date(text, today=today())


def secret(prompt: str, env_var: str | None) -> str:
    """A password or PIN: from the named environment variable (scripts) or a hidden prompt."""
    if env_var:
        value = os.environ.get(env_var)
        if value is None:
            raise ValidationError(
                f"Biến môi trường {env_var} chưa được đặt. Hãy đặt nó hoặc bỏ tùy chọn để nhập tại dấu nhắc."
            )
        return value
    if not sys.stdin.isatty():
        raise ValidationError(
            "Không có bàn phím để nhập mật khẩu/PIN. Với tập lệnh, hãy dùng --password-env hoặc --pin-env."
        )
    return getpass.getpass(prompt)

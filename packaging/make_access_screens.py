"""The README's pictures of accounts and the audit trail (docs/screens/*.png), taken from the real
dialogs on the demo office: ``python packaging/make_access_screens.py [OUT_DIR]``.

Offscreen, with its own temporary data folder and a fixed clock (29/11/2026 09:30). The demo's
accounts are used: the sign-in as a shared server shows it, the accounts screen as «quantri»,
the audit trail as «kiemtra» (personal values masked), after a few actions of other roles.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone(timedelta(hours=7)))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_help_screens import _save  # noqa: E402


def _activity(db) -> None:
    """A morning's work by three roles, so the trail has something to show."""
    from sqlalchemy import select

    from ketluan_desktop.core.access import accounts
    from ketluan_desktop.core.members import records as members
    from ketluan_desktop.core.members.models import Member
    from ketluan_desktop.core.tasks import editing
    from ketluan_desktop.core.tasks.models import Task

    accounts.sign_in(db, "tochuc", "demo", now=NOW)
    with db.write_session() as s:
        m = s.scalars(
            select(Member).where(Member.position.is_not(None)).order_by(Member.id)
        ).first()
        data = replace(
            members.MemberData.of(m), position="Phó Chánh Văn phòng", birth_date=m.birth_date
        )
        members.update(s, m.id, data, expected_version=m.version, now=NOW + timedelta(minutes=3))
    accounts.sign_in(db, "chuyenvien", "demo", now=NOW + timedelta(minutes=5))
    with db.write_session() as s:
        t = s.scalars(select(Task).order_by(Task.id)).first()
        editing.set_status(
            s, t.id, "paused", expected_version=t.version, now=NOW + timedelta(minutes=7)
        )
    for _ in range(2):  # wrong passwords: the point is that the trail shows them
        with contextlib.suppress(accounts.SignInError):
            accounts.sign_in(db, "vanthu", "sai", now=NOW + timedelta(minutes=9))


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0]) if args else REPO / "docs" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["KETLUAN_DATA_DIR"] = str(folder / "dữ liệu")
        from ketluan_desktop.core import demo
        from ketluan_desktop.core.access import accounts
        from ketluan_desktop.core.db import open_database
        from ketluan_desktop.ui.access.accounts_screen import AccountsDialog
        from ketluan_desktop.ui.access.audit_screen import AuditDialog
        from ketluan_desktop.ui.access.sign_in_dialog import SignInDialog
        from ketluan_desktop.ui.application import create_application
        from ketluan_desktop.ui.context import AppContext
        from ketluan_desktop.ui.workers import TaskRunner

        TaskRunner.synchronous = True  # every picture shows finished work
        app = create_application()
        db = open_database(folder / "demo.db", create=True)
        demo.load(db, now=NOW)
        _activity(db)
        ctx = AppContext(db, clock=lambda: NOW + timedelta(minutes=15))
        # The sign-in as a shared server shows it (the place named is the server's).
        shown = SimpleNamespace(  # the place a shared server's sign-in names
            db=SimpleNamespace(location=SimpleNamespace(display="may-chu-vp:5432/ketluan")),
            runner=ctx.runner,
            now=ctx.now,
        )
        dlg = SignInDialog(shown)
        dlg.username.setText("vanthu")
        dlg.password.setText("demo")
        dlg.show()
        _save(dlg, out, "sign-in")
        dlg.password.setText("sai")
        dlg._show(accounts.BAD_CREDENTIALS)
        _save(dlg, out, "sign-in-wrong-password")
        dlg.close()
        accounts.sign_in(db, "quantri", "demo", now=NOW + timedelta(minutes=12))
        dlg = AccountsDialog(ctx)
        dlg.show()
        _save(dlg, out, "accounts")
        dlg.close()
        accounts.sign_in(db, "kiemtra", "demo", now=NOW + timedelta(minutes=14))
        dlg = AuditDialog(ctx)
        dlg.show()
        dlg.verify()
        _save(dlg, out, "audit")
        dlg.close()
        app.processEvents()
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

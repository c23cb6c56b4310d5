"""``ketluan audit``, ``ketluan accounts``, ``ketluan passwd``: the trail and the accounts."""

from __future__ import annotations

import sys

from ketluan_desktop.cli import common
from ketluan_desktop.core.text.dates import format_moment

CHAIN_BROKEN = 3  # exit code of `ketluan audit verify` when a link does not hold


def register(sub, common_parser) -> None:
    p = sub.add_parser("audit", help="nhật ký thao tác: xem, xuất Excel, kiểm tra chuỗi mã băm")
    asub = p.add_subparsers(dest="audit_cmd", metavar="VIỆC", required=True)
    v = asub.add_parser(
        "verify",
        parents=[common_parser],
        help="kiểm tra chuỗi mã băm: báo mục đầu tiên bị sửa hoặc xóa ngoài chương trình (mã thoát 3)",
    )
    v.set_defaults(func=cmd_verify)
    for name, helptext, func in (
        ("list", "liệt kê các mục (mới nhất trước)", cmd_list),
        ("export", "xuất ra tệp Excel (.xlsx)", cmd_export),
    ):
        q = asub.add_parser(name, parents=[common_parser], help=helptext)
        q.add_argument("--person", help="chỉ thao tác của người này (tên đăng nhập)")
        q.add_argument("--area", help="lĩnh vực: Văn bản, Hội nghị, Nhiệm vụ, Đảng viên, …")
        q.add_argument("--from", dest="since", type=common.parse_date, help="từ ngày")
        q.add_argument("--to", dest="until", type=common.parse_date, help="đến ngày")
        if name == "list":
            q.add_argument("--limit", type=int, default=50)
        else:
            q.add_argument("-o", "--output", required=True, help="tệp .xlsx")
        q.set_defaults(func=func)

    p = sub.add_parser("accounts", help="tài khoản và vai trò (cơ sở dữ liệu dùng chung)")
    csub = p.add_subparsers(dest="accounts_cmd", metavar="VIỆC", required=True)
    q = csub.add_parser("list", parents=[common_parser], help="danh sách tài khoản")
    q.set_defaults(func=cmd_accounts_list)
    q = csub.add_parser("add", parents=[common_parser], help="tạo tài khoản")
    q.add_argument("username")
    q.add_argument("--name", required=True, help="họ và tên")
    q.add_argument(
        "--role",
        required=True,
        help="van_thu, chuyen_vien, lanh_dao_vp, to_chuc, kiem_tra, quan_tri",
    )
    q.add_argument("--new-password-env", metavar="BIẾN", help="mật khẩu ban đầu từ biến môi trường")
    q.add_argument("--unit", help="đơn vị của chuyên viên: chỉ cập nhật nhiệm vụ của đơn vị này")
    q.set_defaults(func=cmd_accounts_add)
    q = csub.add_parser("reset", parents=[common_parser], help="đặt lại mật khẩu (mở khóa)")
    q.add_argument("username")
    q.add_argument("--new-password-env", metavar="BIẾN")
    q.set_defaults(func=cmd_accounts_reset)
    q = csub.add_parser("disable", parents=[common_parser], help="khóa hẳn một tài khoản")
    q.add_argument("username")
    q.set_defaults(func=cmd_accounts_disable)

    p = sub.add_parser("passwd", parents=[common_parser], help="đổi mật khẩu của mình")
    p.add_argument("--new-password-env", metavar="BIẾN")
    p.set_defaults(func=cmd_passwd)


def cmd_verify(args) -> int:
    from ketluan_desktop.core.access.actor import check
    from ketluan_desktop.core.access.permissions import Permission
    from ketluan_desktop.core.audit import chain

    db = common.database(args)
    check(db, Permission.READ_AUDIT)
    with db.session() as s:  # a transaction: the walk streams through a server-side cursor
        report = chain.verify(s)
    if report.ok:
        print(f"Nhật ký thao tác nguyên vẹn: {report.checked} mục, mã băm cuối {report.head_hash}.")
        return 0
    print(f"Nhật ký thao tác đã bị can thiệp: {report.reason}", file=sys.stderr)
    print(f"(đã kiểm {report.checked} mục; mục hỏng đầu tiên: {report.broken_id})", file=sys.stderr)
    return CHAIN_BROKEN


def _filters(args) -> dict:
    return {"person": args.person, "area": args.area, "since": args.since, "until": args.until}


def cmd_list(args) -> int:
    from ketluan_desktop.core.audit import listing
    from ketluan_desktop.core.clock import VN_TZ

    db = common.database(args)
    with db.session() as s:
        rows = listing.entries(s, limit=args.limit, **_filters(args))
    for r in rows:
        when = format_moment(r.at.astimezone(VN_TZ))
        line = f"{r.id:>6}  {when}  {r.username or '':<14} {r.action_label:<14} {r.area:<18} {r.summary or ''}"
        print(line + (f"  [{r.changes_text}]" if r.changes else ""))
    return 0


def cmd_export(args) -> int:
    from ketluan_desktop.core.audit import listing

    db = common.database(args)
    with db.write_session() as s:
        n = listing.export_xlsx(s, args.output, now=common.now(), **_filters(args))
    print(f"Đã xuất {n} mục nhật ký ra {args.output} (chỉ người dùng này đọc được tệp).")
    return 0


def cmd_accounts_list(args) -> int:
    from ketluan_desktop.core.access import accounts

    db = common.database(args)
    with db.session() as s:
        rows = accounts.list_accounts(s)
    for a in rows:
        state = "" if a.active else " (đã khóa hẳn)"
        if a.locked_until is not None and a.locked_until > common.now():
            state += " (tạm khóa)"
        print(f"{a.username:<14} {a.role_name:<20} {a.full_name}{state}")
    return 0


def _new_password(args, who: str) -> str:
    from ketluan_desktop.core.errors import ValidationError

    env = getattr(args, "new_password_env", None)
    first = common.secret(f"Mật khẩu mới cho {who}: ", env)
    if not env and common.secret("Nhập lại: ", None) != first:
        raise ValidationError("Hai lần nhập mật khẩu không giống nhau. Chưa có gì thay đổi.")
    return first


def cmd_accounts_add(args) -> int:
    from ketluan_desktop.core.access import accounts

    db = common.database(args)
    password = _new_password(args, args.username)
    with db.write_session() as s:
        unit_id = _unit_id(s, args.unit) if args.unit else None
        acc = accounts.create_account(
            s, args.username, args.name, args.role, password, now=common.now(), unit_id=unit_id
        )
        name = acc.username
    print(f"Đã tạo tài khoản «{name}»; người dùng sẽ được yêu cầu đổi mật khẩu khi đăng nhập.")
    return 0


def _unit_id(s, name: str) -> int:
    from ketluan_desktop.core.org import units

    return units.find(s, name).id


def _account_id(s, username: str) -> int:
    from ketluan_desktop.core.access import accounts
    from ketluan_desktop.core.errors import NotFoundError

    for a in accounts.list_accounts(s):
        if a.username == username.strip().lower():
            return a.id
    raise NotFoundError(f"Không có tài khoản «{username}».")


def cmd_accounts_reset(args) -> int:
    from ketluan_desktop.core.access import accounts

    db = common.database(args)
    password = _new_password(args, args.username)
    with db.write_session() as s:
        accounts.reset_password(s, _account_id(s, args.username), password, now=common.now())
    print(f"Đã đặt lại mật khẩu và mở khóa tài khoản «{args.username}».")
    return 0


def cmd_accounts_disable(args) -> int:
    from ketluan_desktop.core.access import accounts

    db = common.database(args)
    with db.write_session() as s:
        accounts.update_account(s, _account_id(s, args.username), active=False, now=common.now())
    print(f"Đã khóa hẳn tài khoản «{args.username}».")
    return 0


def cmd_passwd(args) -> int:
    from ketluan_desktop.core.access import accounts
    from ketluan_desktop.core.access.actor import actor_of
    from ketluan_desktop.core.errors import ValidationError

    db = common.database(args)
    me = actor_of(db)
    if me.account_id is None:
        raise ValidationError("Hãy đăng nhập để đổi mật khẩu: ketluan --user TÊN passwd.")
    old = common.secret("Mật khẩu hiện tại: ", getattr(args, "password_env", None))
    new = _new_password(args, me.username)
    with db.write_session() as s:
        accounts.change_own_password(s, me.username, old, new, now=common.now())
    print("Đã đổi mật khẩu.")
    return 0

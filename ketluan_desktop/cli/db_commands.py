"""``ketluan init``, ``ketluan info``, ``ketluan demo``."""

from __future__ import annotations

import sys

from ketluan_desktop.cli import common


def register(sub, common_parser) -> None:
    p = sub.add_parser("init", parents=[common_parser], help="tạo hoặc nâng cấp cơ sở dữ liệu")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "info", parents=[common_parser], help="thư mục dữ liệu, phiên bản, số bản ghi"
    )
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("demo", parents=[common_parser], help="nạp dữ liệu văn phòng mẫu")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "selftest", help="tự kiểm tra cài đặt (cơ sở dữ liệu, PDF, ký số, cửa sổ) trong thư mục tạm"
    )
    p.set_defaults(func=cmd_selftest)


def cmd_init(args) -> int:
    db = common.database(args, create=True)
    print(f"Cơ sở dữ liệu sẵn sàng: {db.location.display} (lược đồ {db.revision})")
    if db.backup_path:
        print(f"Đã sao lưu bản cũ: {db.backup_path}")
    return 0


def cmd_info(args) -> int:
    from ketluan_desktop.core.info import info

    data = info(common.database(args))
    if args.json:
        common.print_json(data)
        return 0
    print(f"KếtLuận Desktop {data['app_version']} (Python {data['python']})")
    print(f"Thư mục dữ liệu : {data['data_dir']}")
    print(f"Cơ sở dữ liệu   : {data['database']}")
    print(f"Lược đồ         : {data['schema_revision']}")
    print("Thư viện        : " + ", ".join(f"{k} {v}" for k, v in data["libraries"].items() if v))
    print("Số bản ghi:")
    for table, n in data["counts"].items():
        if n:
            print(f"  {table:<22} {n:>8}")
    return 0


def cmd_demo(args) -> int:
    from ketluan_desktop.core import demo

    db = common.database(args, create=True)  # loading the demo office is asking for one
    result = demo.load(db, now=common.now())
    print(result.message)
    print_demo_accounts(db)
    return 0


def print_demo_accounts(db) -> None:
    from ketluan_desktop.core.access import accounts, demo_accounts

    with db.session() as s:
        names = accounts.role_names(s)
    print("Tài khoản mẫu (dùng khi cơ sở dữ liệu đặt trên máy chủ dùng chung; tên / mật khẩu):")
    for line in demo_accounts.lines(names):
        print(line)


def cmd_selftest(args) -> int:
    from ketluan_desktop.selftest import run_self_test

    return run_self_test(sys.stdout)

"""``ketluan db connect|status|copy``: this workstation's database, and moving an office's data
between a SQLite file and a PostgreSQL server. Heavy imports stay inside the handlers."""

from __future__ import annotations

import sys

from ketluan_desktop.cli import common


def register(sub, common_parser) -> None:
    p = sub.add_parser("db", help="cơ sở dữ liệu dùng chung: kết nối, trạng thái, chép dữ liệu")
    dbsub = p.add_subparsers(dest="db_command", metavar="VIỆC", parser_class=type(p))
    dbsub.required = True

    c = dbsub.add_parser(
        "connect",
        help="chọn cơ sở dữ liệu của máy này: máy chủ dùng chung (--host …) hoặc tệp (--local)",
    )
    where = c.add_mutually_exclusive_group(required=True)
    where.add_argument("--host", help="địa chỉ máy chủ PostgreSQL trong mạng văn phòng")
    where.add_argument(
        "--local", nargs="?", const="", metavar="TỆP", help="dùng tệp trên máy này (mặc định)"
    )
    c.add_argument("--port", type=int, default=5432)
    c.add_argument("--database", default="ketluan", help="tên cơ sở dữ liệu (mặc định ketluan)")
    c.add_argument("--user", help="tên đăng nhập máy chủ")
    c.add_argument("--tls", action="store_true", help="bắt buộc mã hóa TLS (sslmode=require)")
    c.add_argument("--password-env", metavar="BIẾN", help="lấy mật khẩu từ biến môi trường")
    c.add_argument(
        "--no-password", action="store_true", help="máy chủ không hỏi mật khẩu (trust, chứng thư)"
    )
    c.set_defaults(func=cmd_connect)

    s = dbsub.add_parser("status", parents=[common_parser], help="đang dùng cơ sở dữ liệu nào")
    s.set_defaults(func=cmd_status)

    cp = dbsub.add_parser(
        "copy",
        parents=[common_parser],
        help="chép toàn bộ dữ liệu sang một cơ sở dữ liệu trống (tệp ↔ máy chủ), có đối chiếu",
    )
    cp.add_argument("--to", required=True, metavar="URL_HOẶC_TỆP", help="nơi nhận (phải trống)")
    cp.add_argument(  # not «--password-env»: that one is the sign-in's, before the command
        "--to-password-env",
        dest="target_password_env",
        metavar="BIẾN",
        help="mật khẩu máy chủ nơi nhận, từ biến môi trường",
    )
    cp.set_defaults(func=cmd_copy)


def cmd_connect(args) -> int:
    from pathlib import Path

    from ketluan_desktop.core.db import connection, open_database

    if args.local is not None:
        path = Path(args.local).expanduser().absolute() if args.local else None
        connection.save_choice(connection.Choice(path=path))
        # The default file is made as a first start makes it; a path given must already exist
        # (a typo never makes a new office: ``ketluan init --db`` does, on purpose).
        db = open_database(str(path) if path else None, create=path is None)
        print(f"Máy này dùng tệp dữ liệu {db.location.display} (lược đồ {db.revision}).")
        db.dispose()
        return 0
    if not args.user:
        from ketluan_desktop.core.errors import ValidationError

        raise ValidationError("Hãy cho biết tên đăng nhập máy chủ (--user).")
    server = connection.ServerConnection(
        host=args.host,
        port=args.port,
        database=args.database,
        user=args.user,
        sslmode="require" if args.tls else "prefer",
    )
    password = None
    if not args.no_password:
        password = common.secret(f"Mật khẩu của {server.key}: ", args.password_env)
    check = connection.check_connection(server.url(password))
    print(check.describe())
    db = open_database(server.url(password).render_as_string(hide_password=False))
    note = common.no_accounts_note(db)
    db.dispose()
    if password:
        connection.set_password(server, password)
    else:
        connection.delete_password(server)
    path = connection.save_choice(connection.Choice(server=server))
    print(
        f"Từ nay máy này dùng cơ sở dữ liệu dùng chung {server.key} (lược đồ {db.revision}). "
        f"Lựa chọn lưu ở {path}; mật khẩu lưu trong kho mật khẩu của hệ điều hành."
    )
    if note:
        print(note)
    return 0


def cmd_status(args) -> int:
    db = common.database(args)
    kind = "máy chủ dùng chung" if db.is_server else "tệp trên máy này"
    print(f"Cơ sở dữ liệu: {db.location.display} ({kind}), lược đồ {db.revision}.")
    note = common.no_accounts_note(db)
    if note:
        print(note)
    db.dispose()
    return 0


def cmd_copy(args) -> int:
    from ketluan_desktop.core.db import connection, copying, open_database
    from ketluan_desktop.core.db.location import resolve

    source = common.database(args)
    target_loc = resolve(args.to)
    url = target_loc.url
    if not target_loc.is_sqlite and url.password is None:
        server = connection.ServerConnection.from_url(url)
        env = args.target_password_env
        password = None if env else connection.get_password(server)
        if password is None and (env or sys.stdin.isatty()):
            password = common.secret(f"Mật khẩu của {server.key}: ", env)
        url = url.set(password=password)
    # the copy's destination: a new SQLite file is made here (one with data is refused below)
    target = open_database(url.render_as_string(hide_password=False), create=True)
    try:
        print(f"Chép từ {source.location.display} sang {target.location.display}…")
        report = copying.copy_database(
            source, target, progress=lambda t, n: print(f"  {t}: {n} dòng", file=sys.stderr)
        )
    finally:
        source.dispose()
        target.dispose()
    print("\n".join(report.lines()))
    if not report.ok:
        print(
            "Lỗi: dữ liệu ở nơi nhận không khớp với nguồn (xem các dòng «KHÔNG KHỚP»). Đừng dùng "
            "nơi nhận; hãy tạo lại cơ sở dữ liệu trống rồi chép lại.",
            file=sys.stderr,
        )
        return 1
    print(f"Đã chép {report.total_rows} dòng trong {len(report.tables)} bảng; tất cả đều khớp.")
    return 0

"""``ketluan backup [--to DIR]``, ``ketluan backup list``, ``ketluan backup config``,
``ketluan restore FILE``."""

from __future__ import annotations

import sys
from pathlib import Path

from ketluan_desktop.cli import common
from ketluan_desktop.core.text.dates import format_moment

SHOWN = (("document", "Văn bản"), ("task", "Nhiệm vụ"), ("member", "Đảng viên"),
         ("meeting", "Hội nghị"))  # fmt: skip


def register(sub, common_parser) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common_parser],
        help="sao lưu ngay (thư mục dữ liệu và nơi thứ hai), xem danh sách, đặt nơi sao lưu",
    )
    p.add_argument("--to", type=Path, metavar="THƯ_MỤC", help="chỉ sao lưu vào thư mục này")
    p.set_defaults(func=cmd_backup)
    bsub = p.add_subparsers(dest="backup_command", metavar="LỆNH")
    bsub.required = False
    q = bsub.add_parser("list", parents=[common_parser], help="các bản sao lưu của cơ sở dữ liệu")
    q.add_argument("--json", action="store_true", help="in dạng JSON")
    q.set_defaults(func=cmd_list)
    q = bsub.add_parser("config", parents=[common_parser], help="nơi sao lưu thứ hai, mã hóa")
    place = q.add_mutually_exclusive_group()
    place.add_argument("--second-place", type=Path, metavar="THƯ_MỤC",
                       help="ổ khác, USB hoặc thư mục chia sẻ trên mạng")  # fmt: skip
    place.add_argument("--no-second-place", action="store_true", help="bỏ nơi sao lưu thứ hai")
    enc = q.add_mutually_exclusive_group()
    enc.add_argument("--passphrase-env", metavar="BIẾN",
                     help="mã hóa các bản sao lưu từ nay bằng cụm mật khẩu trong biến này")  # fmt: skip
    enc.add_argument("--set-passphrase", action="store_true", help="nhập cụm mật khẩu mới")
    enc.add_argument("--no-encryption", action="store_true", help="thôi mã hóa bản sao lưu mới")
    q.set_defaults(func=cmd_config)

    r = sub.add_parser("restore", parents=[common_parser], help="khôi phục từ một bản sao lưu")
    r.add_argument("file", metavar="TỆP", help="tệp .klbak (hoặc tên của nó trong danh sách)")
    r.add_argument("--yes", action="store_true", help="không hỏi lại")
    r.add_argument("--passphrase-env", metavar="BIẾN", help="cụm mật khẩu của bản sao đã mã hóa")
    r.set_defaults(func=cmd_restore)


def _when(dt) -> str:
    return format_moment(dt) if dt else "—"


def cmd_backup(args) -> int:
    from ketluan_desktop.core.access.actor import check
    from ketluan_desktop.core.access.permissions import Permission
    from ketluan_desktop.core.backup import service

    db = common.database(args)
    try:
        check(db, Permission.BACKUP)  # the scheduled copies run for everyone; a command is asked
        result = service.make_backup(db, now=common.now(), to=args.to)
    finally:
        db.dispose()
    for r in result.results:
        if r.ok:
            print(f"Đã sao lưu và kiểm tra: {r.path}")
        else:
            print(f"Cảnh báo: chưa sao lưu được vào {r.folder}: {r.problem}", file=sys.stderr)
    counts = ", ".join(f"{label.lower()} {result.counts.get(t, 0)}" for t, label in SHOWN)
    print(f"Nội dung: {counts}.")
    return 0 if result.any_ok and (args.to is None or result.results[0].ok) else 1


def cmd_list(args) -> int:
    from ketluan_desktop.core.backup import config, restore, service

    db = common.database(args)
    try:
        db_id = service.ensure_database_id(db)
    finally:
        db.dispose()
    copies = restore.list_copies(db_id)
    if args.json:
        common.print_json([_copy_json(c) for c in copies])
        return 0
    cfg = config.load_config()
    for place, folder in service.places(cfg):
        st = config.place_state(db_id, place)
        line = f"{config.PLACE_LABELS[place]}: {folder} — lần sao lưu tốt gần nhất: {_when(st.last_ok_at)}"
        print(line)
        if st.problem and (not st.last_ok_at or (st.problem_at and st.problem_at > st.last_ok_at)):
            print(f"  Lần gần nhất chưa được: {st.problem}")
    if not copies:
        print("Chưa có bản sao lưu nào của cơ sở dữ liệu này.")
    for c in copies:
        print(_copy_line(c))
    return 0


def _copy_json(c) -> dict:
    h = c.header
    return {
        "place": c.place,
        "file": str(c.path),
        "created_at": h.created_at if h else None,
        "app_version": h.app_version if h else None,
        "schema_revision": h.schema_revision if h else None,
        "encrypted": h.encrypted if h else None,
        "counts": h.counts if h else None,
        "problem": c.problem,
    }


def _copy_line(c) -> str:
    if c.header is None:
        return f"  {c.path.name}  [HỎNG: {c.problem}]"
    h = c.header
    counts = ", ".join(f"{label.lower()} {h.counts.get(t, 0)}" for t, label in SHOWN[:3])
    lock = ", mã hóa" if h.encrypted else ""
    return f"  {_when(h.created_at)}  {c.path.name}  (v{h.app_version}{lock}; {counts})"


def cmd_config(args) -> int:
    from ketluan_desktop.core.backup import config, crypto

    cfg = config.load_config()
    if args.second_place is not None:
        folder = args.second_place.expanduser().absolute()
        if not folder.is_dir():
            from ketluan_desktop.core.errors import ValidationError

            raise ValidationError(
                f"Không thấy thư mục {folder}. Hãy cắm ổ/kết nối ổ mạng và tạo thư mục trước."
            )
        cfg.second_place = str(folder)
    if args.no_second_place:
        cfg.second_place = None
    if args.passphrase_env or args.set_passphrase:
        phrase = common.secret("Cụm mật khẩu sao lưu mới: ", args.passphrase_env)
        if not args.passphrase_env and phrase != common.secret("Nhập lại: ", None):
            from ketluan_desktop.core.errors import ValidationError

            raise ValidationError("Hai lần nhập cụm mật khẩu không giống nhau. Chưa đổi gì.")
        cfg.key_bundle = crypto.new_key_bundle(phrase)
    if args.no_encryption:
        cfg.key_bundle = None
    config.save_config(cfg)
    print(f"Thư mục sao lưu: {config.primary_folder()}")
    print(f"Nơi sao lưu thứ hai: {cfg.second_place or '(chưa chọn)'}")
    print(f"Mã hóa bản sao lưu mới: {'có' if cfg.encrypted else 'không'}")
    return 0


def _find_copy(text: str) -> Path:
    from ketluan_desktop.core.backup import config, service
    from ketluan_desktop.core.errors import NotFoundError

    path = Path(text).expanduser()
    if path.exists():
        return path
    for _place, folder in service.places(config.load_config()):
        if (folder / text).exists():
            return folder / text
    raise NotFoundError(f"Không thấy bản sao lưu {text}. Hãy xem «ketluan backup list».")


def _current(args, location):
    """Rows and database id of what would be replaced (None when damaged or unreachable)."""
    from ketluan_desktop.core.backup import restore
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.errors import KetLuanError

    if location.is_sqlite:
        return restore.current_state(location)
    try:
        db = open_database(args.db, migrate_schema=False)
    except KetLuanError:
        return None, None
    try:
        return restore.current_counts(db), restore.current_database_id(db)
    finally:
        db.dispose()


def _restorer(args, location):
    """Who asks for the restore, checked by the service (``restore.may_restore``) before anything
    is shown: on a shared server, or with ``--user``, the person signed in; on a workstation's own
    file (perhaps too damaged to open), the operating-system account."""
    from ketluan_desktop.core.access.actor import actor_of, local_actor
    from ketluan_desktop.core.backup import restore

    if location.is_sqlite and not getattr(args, "user", None):
        actor = local_actor()
    else:
        try:
            actor = actor_of(common.database(args))
        finally:
            common.close_databases()
    restore.may_restore(actor)
    return actor


def cmd_restore(args) -> int:
    from ketluan_desktop.core.backup import container, restore
    from ketluan_desktop.core.db import open_database
    from ketluan_desktop.core.db.location import resolve
    from ketluan_desktop.core.errors import ValidationError

    location = resolve(args.db)
    actor = _restorer(args, location)
    copy = _find_copy(args.file)
    header = container.read_header(copy)
    restore.check_restorable(header, location)
    current, current_id = _current(args, location)
    print(f"Bản sao lưu: {copy}")
    print(f"  Tạo lúc {_when(header.created_at)} bởi KếtLuận {header.app_version}"
          f" (lược đồ {header.schema_revision}){', đã mã hóa' if header.encrypted else ''}")  # fmt: skip
    print(f"  {'':<12}{'Bản sao lưu':>14}{'Hiện tại':>12}")
    for table, label in SHOWN:
        now_n = "—" if current is None else str(current.get(table, 0))
        print(f"  {label:<12}{header.counts.get(table, 0):>14}{now_n:>12}")
    if location.is_sqlite and current is None:
        print("  Cơ sở dữ liệu hiện tại bị hỏng hoặc không có: tệp cũ sẽ được giữ nguyên bên cạnh.")
    if current_id and header.database_id and current_id != header.database_id:
        print("  Lưu ý: bản sao này là của một cơ sở dữ liệu KHÁC với cơ sở dữ liệu đang dùng.")
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError(
                "Khôi phục thay toàn bộ dữ liệu hiện tại: hãy thêm --yes để xác nhận."
            )
        if input("Khôi phục bản sao này? Gõ «co» để tiếp tục: ").strip().lower() not in (
            "co",
            "có",
        ):
            print("Đã hủy; không có gì thay đổi.")
            return 1
    phrase = (
        common.secret("Cụm mật khẩu sao lưu: ", args.passphrase_env) if header.encrypted else None
    )
    result = restore.restore(location, copy, now=common.now(), by=actor, passphrase=phrase)
    if result.kept_copy:
        print(f"Đã giữ cơ sở dữ liệu trước khi khôi phục thành bản sao: {result.kept_copy}")
    if result.kept_damaged:
        print(f"Tệp cũ (hỏng) được giữ nguyên tại: {result.kept_damaged}")
    db = open_database(args.db)  # an older copy is migrated here, after its own pre-upgrade copy
    db.dispose()
    print(f"Đã khôi phục {location.display} về bản sao lưu lúc {_when(header.created_at)}.")
    return 0

"""``ketluan stats``, ``ketluan members list|import|export|template``, ``ketluan reminders``,
``ketluan registers``: member procedures from the command line.

Exports of member data are personal data: they ask for confirmation (``--yes`` in scripts) and are
recorded in the audit trail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ketluan_desktop.cli import common
from ketluan_desktop.core.errors import ValidationError

# Spelled out so that building the parser imports no database code (``--help`` stays instant);
# tests check them against the model.
REGISTER_KEYS = ["cards", "travel", "badges"]
STATUSES = ["candidate", "probationary", "full", "transferred", "deceased", "removed"]


def register(sub, common_parser) -> None:
    p = sub.add_parser(
        "stats",
        parents=[common_parser],
        help="số liệu thủ tục đảng viên của một kỳ và câu văn cho báo cáo",
        description="Đếm các thủ tục đã duyệt hoặc hoàn thành trong khoảng ngày và viết câu văn "
        "báo cáo như Văn phòng vẫn viết.",
    )
    p.add_argument(
        "--from",
        dest="start",
        required=True,
        metavar="NGÀY",
        help="ngày đầu kỳ (2024-01-01 hoặc 1/1/2024)",
    )
    p.add_argument("--to", dest="end", required=True, metavar="NGÀY", help="ngày cuối kỳ")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="in dạng JSON")
    out.add_argument("--sentence", action="store_true", help="chỉ in câu văn báo cáo")
    p.set_defaults(func=cmd_stats)

    members = sub.add_parser("members", help="đảng viên: liệt kê, nhập/xuất Excel")
    msub = members.add_subparsers(dest="members_command", metavar="LỆNH")
    msub.required = True

    p = msub.add_parser("list", parents=[common_parser], help="liệt kê đảng viên (xếp theo tên)")
    _filters(p)
    p.add_argument("--limit", type=int, default=50, help="số dòng tối đa (mặc định 50, 0 = tất cả)")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_list)

    p = msub.add_parser("import", parents=[common_parser], help="nhập đảng viên từ tệp Excel")
    p.add_argument("file", type=Path, help="tệp .xlsx")
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra, không nhập")
    p.add_argument("--yes", action="store_true", help="nhập luôn, không hỏi lại")
    p.set_defaults(func=cmd_import)

    p = msub.add_parser("export", parents=[common_parser], help="xuất danh sách đảng viên ra Excel")
    p.add_argument("file", type=Path, help="tệp .xlsx sẽ ghi")
    _filters(p)
    p.add_argument(
        "--yes",
        action="store_true",
        help="xác nhận xuất dữ liệu cá nhân (bắt buộc khi chạy trong tập lệnh)",
    )
    p.set_defaults(func=cmd_export)

    p = msub.add_parser("template", parents=[common_parser], help="tạo tệp Excel mẫu để điền")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_template)

    p = sub.add_parser(
        "reminders",
        parents=[common_parser],
        help="việc đến hạn: dự bị, huy hiệu, báo cáo sau chuyến đi, lễ kết nạp, mất thẻ",
    )
    p.add_argument("--rule", help="chỉ một loại nhắc việc (probation_ending, badge_due …)")
    p.add_argument("--today", metavar="NGÀY", help="tính như thể hôm nay là ngày này")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_reminders)

    p = sub.add_parser(
        "registers",
        parents=[common_parser],
        help="sổ theo dõi: thẻ đảng viên, đi nước ngoài, huy hiệu (Excel hoặc PDF)",
    )
    p.add_argument("kind", choices=REGISTER_KEYS, help="cards | travel | badges")
    p.add_argument("--from", dest="start", required=True, metavar="NGÀY")
    p.add_argument("--to", dest="end", required=True, metavar="NGÀY")
    p.add_argument("--out", type=Path, required=True, help="tệp .pdf hoặc .xlsx sẽ ghi")
    p.add_argument("--yes", action="store_true", help="xác nhận xuất dữ liệu cá nhân")
    p.set_defaults(func=cmd_registers)


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--search", help="họ tên (không cần dấu) hoặc số thẻ")
    p.add_argument("--org", type=int, metavar="MÃ", help="mã tổ chức cơ sở đảng")
    p.add_argument("--status", choices=STATUSES)


def _filter_values(args) -> dict:
    return {"text": args.search, "organisation_id": args.org, "status": args.status}


def _confirm(args, what: str) -> None:
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise ValidationError(
            f"{what} là dữ liệu cá nhân của đảng viên. Khi chạy trong tập lệnh, hãy thêm --yes để "
            "xác nhận."
        )
    answer = input(
        f"{what} là dữ liệu cá nhân của đảng viên; việc xuất sẽ được ghi vào nhật ký. "
        "Tiếp tục? [c/K] "
    )
    if answer.strip().lower() not in ("c", "có", "co", "y", "yes"):
        raise ValidationError("Đã hủy, không ghi tệp nào.")


def cmd_stats(args) -> int:
    from ketluan_desktop.core.members import figures as stats

    start, end = common.parse_date(args.start), common.parse_date(args.end)
    db = common.database(args)
    with db.connection() as conn:  # Core: reading needs no ORM (starts faster)
        f = stats.figures(conn, start, end)
    if args.json:
        common.print_json(f.to_json())
        return 0
    text = stats.sentence(f)
    if args.sentence:
        print(text or "(Không có thủ tục nào được duyệt hoặc hoàn thành trong kỳ.)")
        return 0
    print(f"Thủ tục đảng viên {stats.period_text(start, end)}:")
    for label, n in f.lines():
        print(f"  {label:<40} {n:>7}")
    print()
    print(text or "(Không có thủ tục nào được duyệt hoặc hoàn thành trong kỳ.)")
    return 0


def cmd_list(args) -> int:
    from ketluan_desktop.core.text.dates import format_date

    total, rows = _read_list(args, _filter_values(args))
    if args.json:
        common.print_json(
            {
                "total": total,
                "members": [
                    {
                        "id": r.id,
                        "full_name": r.full_name,
                        "gender": r.gender,
                        "birth_date": r.birth_date,
                        "organisation": r.organisation,
                        "cell": r.cell,
                        "status": r.status,
                        "status_label": r.status_label,
                        "card_number": r.card_number,
                        "admission_date": r.admission_date,
                    }
                    for r in rows
                ],
            }
        )
        return 0
    for r in rows:
        print(
            f"{r.id:>7}  {r.full_name:<30} {format_date(r.birth_date):<10}  "
            f"{r.status_label:<16} {r.card_number or '':<10}  {r.organisation or ''}"
        )
    print(f"{len(rows)}/{total} đảng viên")
    return 0


def _read_list(args, filters: dict) -> tuple[int, list]:
    """The count and the first window: on a SQLite file opened as it is, through ``sqlite3``
    alone (no SQLAlchemy to import: issue 14); else through SQLAlchemy Core (a server, a file to
    migrate, an account to sign in with…)."""
    from ketluan_desktop.core.db import plain_sqlite
    from ketluan_desktop.core.members import member_list_sql

    limit = args.limit or None
    found = None
    if not _signing_to_finish():  # the ordinary open finishes it first (common.database)
        found = plain_sqlite.read(
            getattr(args, "db", None),
            lambda con: (
                member_list_sql.count(con, **filters),
                member_list_sql.list_members(con, limit=limit, **filters),
            ),
            user=getattr(args, "user", None),
        )
    if found is not None:
        return found
    from ketluan_desktop.core.members import member_list

    db = common.database(args)
    with db.connection() as conn:  # Core: reading needs no ORM (starts faster)
        total = member_list.count(conn, **filters)
        rows = member_list.list_members(conn, limit=limit, **filters)
    return total, rows


def _signing_to_finish() -> bool:
    """A note of a signing cut short waits in the data folder (``signed_output.sweep``)."""
    from ketluan_desktop.core.signing.signed_output import has_pending

    return has_pending()


def cmd_import(args) -> int:
    from ketluan_desktop.core.members import member_import

    db = common.database(args)
    with db.session() as s:
        preview = member_import.read_sheet(s, args.file, today=common.today())
    for row, problems in preview.problems_by_row().items():
        for p in problems:
            kind = "Lỗi" if p in preview.errors else "Lưu ý"
            column = f" [{p.column}]" if p.column else ""
            print(f"Dòng {row}{column}: {kind}: {p.message}", file=sys.stderr)
    print(preview.summary())
    if not preview.can_import:
        return 1
    if args.check:
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError(
                "Hãy thêm --yes để nhập khi chạy trong tập lệnh (hoặc --check để chỉ kiểm tra)."
            )
        if input(f"Nhập {len(preview.rows)} đảng viên? [c/K] ").strip().lower() not in (
            "c",
            "có",
            "co",
            "y",
        ):
            print("Đã hủy, chưa nhập gì.")
            return 1
    with db.write_session() as s:
        n = member_import.import_members(s, preview, now=common.now())
    print(f"Đã nhập {n} đảng viên.")
    return 0


def cmd_export(args) -> int:
    from ketluan_desktop.core.members import member_export

    _confirm(args, "Danh sách đảng viên")
    db = common.database(args)
    with db.write_session() as s:
        n = member_export.export_members(
            s, args.file, filters=_filter_values(args), now=common.now()
        )
    print(f"Đã xuất {n} đảng viên ra {args.file}")
    return 0


def cmd_template(args) -> int:
    from ketluan_desktop.core.members import member_export

    db = common.database(args)
    with db.session() as s:
        member_export.write_template(s, args.file)
    print(f"Đã tạo tệp mẫu {args.file}")
    return 0


def cmd_reminders(args) -> int:
    from ketluan_desktop.core.members import reminders as member_rules

    today = common.parse_date(args.today) if args.today else common.today()
    if args.rule and args.rule not in member_rules.RULES:
        raise ValidationError(
            f"Không có loại nhắc việc «{args.rule}». Các loại: {', '.join(member_rules.RULES)}."
        )
    db = common.database(args)
    with db.session() as s:
        cfg = member_rules.load_config(s)
        result = member_rules.reminders(s, today, args.rule)
    if args.json:
        common.print_json(
            {
                "today": today,
                "rules": {
                    rule: {
                        "label": member_rules.rule_label(rule, cfg),
                        "count": len(items),
                        "items": [r.to_json() for r in items],
                    }
                    for rule, items in result.items()
                },
            }
        )
        return 0
    for rule, items in result.items():
        print(f"{member_rules.rule_label(rule, cfg)}: {len(items)}")
        for r in items:
            print(f"    {r.member_name} ({r.organisation or '—'}): {r.text}")
    return 0


def cmd_registers(args) -> int:
    from ketluan_desktop.core.members import member_registers as registers

    start, end = common.parse_date(args.start), common.parse_date(args.end)
    _confirm(args, "Sổ theo dõi")
    db = common.database(args)
    with db.write_session() as s:
        reg = registers.export(s, args.kind, start, end, args.out, now=common.now())
    print(f"Đã ghi {args.out} ({len(reg.rows)} dòng).")
    return 0

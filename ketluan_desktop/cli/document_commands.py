"""``ketluan documents list|issue|new``."""

from __future__ import annotations

from ketluan_desktop.cli import common


def register(sub, common_parser) -> None:
    docs = sub.add_parser("documents", help="văn bản: liệt kê, ban hành, tạo mới")
    dsub = docs.add_subparsers(dest="documents_command", metavar="LỆNH")
    dsub.required = True

    p = dsub.add_parser("list", parents=[common_parser], help="liệt kê văn bản")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.add_argument("--type", dest="type_code", help="loại văn bản (KL, NQ, TB …)")
    p.add_argument("--status", choices=["draft", "issued", "signed", "replaced"])
    p.add_argument("--year", type=int)
    p.set_defaults(func=cmd_list)


def cmd_list(args) -> int:
    from ketluan_desktop.core.services import documents

    db = common.database(args)
    with db.session() as s:
        rows = documents.list_documents(
            s, type_code=args.type_code, status=args.status, year=args.year
        )
    if args.json:
        common.print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print("Chưa có văn bản nào.")
        return 0
    for r in rows:
        day = r.doc_date.strftime("%d/%m/%Y") if r.doc_date else "—"
        print(f"{r.id:>5}  {r.type_code:<4} {r.number_symbol or '(dự thảo)':<16} {day:<10}  "
              f"{r.status_label:<9}  {r.subject or ''}")
    return 0

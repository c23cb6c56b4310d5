"""``ketluan incoming list|show``: Sổ văn bản đến on the command line (documents are entered with
``ketluan import FILE --incoming``, or by themselves when another body issued them)."""

from __future__ import annotations

from ketluan_desktop.cli import common


def register(sub, common_parser) -> None:
    p = sub.add_parser("incoming", help="sổ văn bản đến: danh sách, xem một văn bản đến")
    inner = p.add_subparsers(dest="incoming_cmd", metavar="LỆNH", required=True)
    ls = inner.add_parser("list", parents=[common_parser], help="danh sách văn bản đến")
    ls.add_argument("--year", type=int, help="chỉ năm này")
    ls.add_argument("--search", metavar="TỪ_KHÓA", help="tìm số, cơ quan, trích yếu (không dấu)")
    ls.add_argument("--json", action="store_true", help="in dạng JSON")
    ls.set_defaults(func=cmd_list)
    show = inner.add_parser("show", parents=[common_parser], help="xem một văn bản đến")
    show.add_argument("incoming_id", type=int, metavar="MÃ", help="mã văn bản đến")
    show.add_argument("--json", action="store_true", help="in dạng JSON")
    show.add_argument("--save-file", metavar="TỆP", help="lưu bản gốc đã nhận ra tệp này")
    show.set_defaults(func=cmd_show)


def _row(r) -> dict:
    return {
        "id": r.id,
        "number": r.number,
        "year": r.year,
        "received_date": r.received_date,
        "number_symbol": r.number_symbol,
        "doc_date": r.doc_date,
        "issuer": r.issuer,
        "subject": r.subject,
        "file_name": r.file_name,
    }


def _d(value) -> str:
    from ketluan_desktop.core.text.dates import format_date

    return format_date(value, "—")


def cmd_list(args) -> int:
    from ketluan_desktop.core.documents import incoming_register as register

    with common.database(args).session() as s:
        rows = [_row(r) for r in register.listing(s, year=args.year, text=args.search)]
    if args.json:
        common.print_json(rows)
        return 0
    if not rows:
        print("Sổ văn bản đến chưa có văn bản nào" + (" phù hợp." if args.search else "."))
        return 0
    for r in rows:
        print(
            f"{r['number']}/{r['year']}  nhận {_d(r['received_date'])}  "
            f"{r['number_symbol'] or '(không số)'} ngày {_d(r['doc_date'])}  "
            f"{r['issuer'] or ''} — {r['subject'] or ''}  [mã {r['id']}]"
        )
    return 0


def cmd_show(args) -> int:
    from ketluan_desktop.core.documents import incoming_register as register
    from ketluan_desktop.core.fsutil import write_bytes_atomic

    with common.database(args).session() as s:
        row = register.get(s, args.incoming_id)
        out = {
            **_row(row),
            "parent_issuer": row.parent_issuer,
            "type_code": row.type_code,
            "signer": row.signer,
            "notes": row.notes,
            "received_by": row.received_by,
            "tasks": [
                {"id": t.id, "text": t.text, "deadline": t.deadline, "status": t.status}
                for t in row.tasks
            ],
        }
        # Checked before anything is printed: a file that cannot be saved is the command's error.
        data = register.original_file(s, args.incoming_id) if args.save_file else None
    if data is not None:
        write_bytes_atomic(args.save_file, data)
    if args.json:
        common.print_json(out)
        return 0
    print(f"Số đến       : {out['number']}/{out['year']} (nhận ngày {_d(out['received_date'])})")
    print(f"Số, ký hiệu  : {out['number_symbol'] or '—'}, ngày {_d(out['doc_date'])}")
    print(f"Cơ quan      : {out['issuer'] or '—'}")
    print(f"Trích yếu    : {out['subject'] or '—'}")
    print(f"Người ký     : {out['signer'] or '—'}")
    print(f"Tệp gốc      : {out['file_name'] or '—'}")
    print(f"Nhiệm vụ theo dõi: {len(out['tasks'])}")
    for t in out["tasks"]:
        print(f"  - [{t['id']}] {t['text'][:100]}")
    if args.save_file:
        print(f"Đã lưu bản gốc: {args.save_file}")
    return 0

"""``ketluan import FILE [--dry-run] [--json]``."""

from __future__ import annotations

from pathlib import Path

from ketluan_desktop.cli import common


def register(sub, common_parser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common_parser],
        help="nhập văn bản (.txt, .docx, .pdf): hội nghị, văn bản, nhiệm vụ, văn bản viện dẫn, số liệu",
    )
    p.add_argument(
        "file",
        metavar="TỆP",
        help="tệp .txt (UTF-8, UTF-16, Windows-1258, TCVN3, VNI), .docx hoặc .pdf có chữ",
    )
    p.add_argument(
        "--ocr",
        action="store_true",
        help="PDF là bản quét: nhận dạng chữ bằng Tesseract (cần cài Tesseract có tiếng Việt)",
    )
    side = p.add_mutually_exclusive_group()
    side.add_argument(
        "--incoming",
        action="store_true",
        help="vào sổ văn bản đến (văn bản của cơ quan khác); mặc định: tự nhận biết theo cơ quan "
        "ban hành",
    )
    side.add_argument(
        "--outgoing", action="store_true", help="lưu như văn bản của cơ quan mình (sổ văn bản đi)"
    )
    p.add_argument(
        "--received", metavar="NGÀY", help="ngày nhận văn bản đến (dd/mm/yyyy; mặc định hôm nay)"
    )
    p.add_argument(
        "--track-tasks",
        action="store_true",
        help="văn bản đến: theo dõi các nhiệm vụ tìm thấy (liên kết với văn bản đến)",
    )
    p.add_argument("--dry-run", action="store_true", help="chỉ đọc và in kết quả, không ghi gì")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(func=cmd_import)


def cmd_import(args) -> int:
    from ketluan_desktop.core.errors import NotFoundError
    from ketluan_desktop.core.importer import parse_bytes
    from ketluan_desktop.core.importer import storing as importing
    from ketluan_desktop.core.org import organisations as org_service

    path = Path(args.file)
    data = _read(path)
    result = parse_bytes(data, path.name, ocr=args.ocr)
    parsed = result.to_json_dict()
    if args.dry_run:
        if args.json:
            common.print_json(parsed)
        else:
            _summary(parsed)
        return 0
    db = common.database(args)
    with db.write_session() as s:
        from ketluan_desktop.core.importer import incoming as incoming_side

        side = (
            incoming_side.INCOMING
            if args.incoming
            else incoming_side.OUTGOING
            if args.outgoing
            else incoming_side.decide_side(s, parsed)
        )
        if side == incoming_side.INCOMING:
            return _store_incoming(s, args, parsed, data, path)
        try:
            issuer_id = org_service.issuing_body(s).id
        except (
            NotFoundError
        ):  # no office set up yet: the document keeps the names it was written with
            issuer_id = None
        stored = importing.store(
            s,
            parsed,
            result.content(),
            now=common.now(),
            source_name=path.name,
            source_sha256=importing.sha256_of(data),
            issuer_org_id=issuer_id,
        )
        out = {
            "document_id": stored.document.id,
            "meeting_id": stored.meeting.id if stored.meeting else None,
            "tasks": len(stored.tasks),
            "citations": len(stored.cited),
            "figures": len(parsed.get("figures") or []),
        }
    if args.json:
        common.print_json({**out, "result": parsed})
    else:
        label = parsed["document"].get("number_symbol") or path.name
        print(
            f"Đã nhập {label}: mã văn bản {out['document_id']}, {out['tasks']} nhiệm vụ, "
            f"{out['citations']} văn bản được viện dẫn, {out['figures']} số liệu."
        )
        for w in parsed.get("warnings") or []:
            print(f"Lưu ý: {w}")
    return 0


def _store_incoming(s, args, parsed: dict, data: bytes, path: Path) -> int:
    from ketluan_desktop.core.importer import incoming as incoming_side

    received = common.parse_date(args.received) if args.received else common.today()
    track = incoming_side.tracked_from(parsed) if args.track_tasks else None
    stored = incoming_side.store_incoming(
        s, parsed, received=received, now=common.now(), source_name=path.name, data=data,
        track=track,
    )  # fmt: skip
    row = stored.incoming
    out = {
        "incoming_id": row.id,
        "register_number": row.number,
        "year": row.year,
        "tasks": len(stored.tasks),
    }
    if args.json:
        common.print_json({**out, "result": parsed})
    else:
        print(
            f"Đã vào sổ văn bản đến số {row.register_label}: {row.number_symbol or path.name} "
            f"({row.issuer or 'không rõ cơ quan ban hành'}), mã {row.id}; "
            f"{len(stored.tasks)} nhiệm vụ được theo dõi."
        )
        for w in parsed.get("warnings") or []:
            print(f"Lưu ý: {w}")
    return 0


def _read(path: Path) -> bytes:
    from ketluan_desktop.core.errors import ImportError_

    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportError_(f"Không tìm thấy tệp {path}. Hãy kiểm tra lại đường dẫn.") from exc
    except IsADirectoryError as exc:
        raise ImportError_(
            f"{path} là một thư mục. Hãy chỉ ra một tệp .txt, .docx hoặc .pdf."
        ) from exc
    except OSError as exc:
        raise ImportError_(f"Không đọc được tệp {path} ({exc.strerror or exc}).") from exc


def _summary(parsed: dict) -> None:
    d = parsed["document"]
    print(
        f"Văn bản : {d.get('type_name') or '?'} {d.get('number_symbol') or '(chưa có số)'}"
        f" — {d.get('subject') or d.get('title') or ''}"
    )
    m = parsed.get("meeting")
    if m:
        print(f"Hội nghị: {m.get('body')}, lần thứ {m.get('session')}, ngày {m.get('date')}")
    print(
        f"Mục     : {len(parsed['sections'])}; nhiệm vụ: {len(parsed['tasks'])}; "
        f"văn bản viện dẫn: {len(parsed['citations'])}; số liệu: {len(parsed['figures'])}"
    )
    for w in parsed.get("warnings") or []:
        print(f"Lưu ý   : {w}")

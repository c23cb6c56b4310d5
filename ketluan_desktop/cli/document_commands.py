"""``ketluan documents list|show|new|issue|sign|duplicate|replace|delete|register``."""

from __future__ import annotations

import sys
from pathlib import Path

from ketluan_desktop.cli import common
from ketluan_desktop.core.documents.content import DOCUMENT_TYPES
from ketluan_desktop.core.text.dates import format_date


def register(sub, common_parser) -> None:
    docs = sub.add_parser("documents", help="văn bản: liệt kê, tạo, ban hành, sổ văn bản đi")
    dsub = docs.add_subparsers(dest="documents_command", metavar="LỆNH")
    dsub.required = True

    p = dsub.add_parser("list", parents=[common_parser], help="liệt kê văn bản")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.add_argument("--type", dest="type_code", help="loại văn bản (KL, NQ, TB …)")
    p.add_argument("--status", choices=["draft", "issued", "signed", "replaced"])
    p.add_argument("--year", type=int)
    p.add_argument("--meeting", type=int, help="chỉ văn bản của hội nghị mã số này")
    p.set_defaults(func=cmd_list)

    p = dsub.add_parser("show", parents=[common_parser], help="in nội dung một văn bản")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.add_argument("--json", action="store_true", help="in dạng JSON (dạng dự thảo có cấu trúc)")
    p.set_defaults(func=cmd_show)

    p = dsub.add_parser("new", parents=[common_parser], help="tạo dự thảo mới")
    p.add_argument(
        "--type",
        dest="type_code",
        required=True,
        help="loại văn bản: " + ", ".join(DOCUMENT_TYPES),
    )
    p.add_argument(
        "--from-template",
        action="store_true",
        help="bắt đầu từ mẫu có sẵn (phần đầu, các mục, nơi nhận, người ký)",
    )
    p.add_argument("--meeting", type=int, help="văn bản của hội nghị mã số này")
    p.add_argument("--subject", help="trích yếu")
    p.set_defaults(func=cmd_new)

    p = dsub.add_parser(
        "issue", parents=[common_parser], help="ban hành: cấp số tiếp theo, in số, ký hiệu"
    )
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.set_defaults(func=cmd_issue)

    p = dsub.add_parser(
        "approve", parents=[common_parser], help="duyệt dự thảo (văn thư mới được ban hành)"
    )
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.set_defaults(func=cmd_approve)

    p = dsub.add_parser("return", parents=[common_parser], help="trả lại dự thảo kèm ý kiến")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.add_argument("--comment", required=True, help="ý kiến cho người soạn: cần sửa gì, ở đâu")
    p.set_defaults(func=cmd_return)

    p = dsub.add_parser("sign", parents=[common_parser], help="đánh dấu văn bản đã ký")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.set_defaults(func=cmd_sign)

    p = dsub.add_parser("duplicate", parents=[common_parser], help="nhân bản thành dự thảo mới")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.set_defaults(func=cmd_duplicate)

    p = dsub.add_parser(
        "replace", parents=[common_parser], help="tạo dự thảo thay thế văn bản đã ban hành"
    )
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.set_defaults(func=cmd_replace)

    p = dsub.add_parser("delete", parents=[common_parser], help="xóa một dự thảo")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.set_defaults(func=cmd_delete)

    p = dsub.add_parser("register", parents=[common_parser], help="sổ đăng ký văn bản đi")
    p.add_argument("--term", help="khóa (ví dụ VIII)")
    p.add_argument("--year", type=int)
    p.add_argument("--type", dest="type_code")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.add_argument("--xlsx", metavar="FILE", help="xuất ra tệp Excel")
    p.add_argument("--pdf", metavar="FILE", help="xuất ra báo cáo PDF")
    p.set_defaults(func=cmd_register)


def _check_type(code: str) -> str:
    from ketluan_desktop.core.errors import ValidationError

    for known in DOCUMENT_TYPES:
        if known.lower() == code.lower():
            return known
    raise ValidationError(
        f"Loại văn bản «{code}» không có. Các loại: "
        + ", ".join(f"{t.code} ({t.name})" for t in DOCUMENT_TYPES.values())
        + "."
    )


def cmd_list(args) -> int:
    from ketluan_desktop.core.documents import records as documents

    db = common.database(args)
    with db.session() as s:
        rows = documents.list_documents(
            s,
            type_code=_check_type(args.type_code) if args.type_code else None,
            status=args.status,
            year=args.year,
            meeting_id=args.meeting,
        )
    if args.json:
        common.print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print("Chưa có văn bản nào.")
        return 0
    for r in rows:
        day = format_date(r.doc_date, "—")
        print(
            f"{r.id:>5}  {r.type_code:<4} {r.number_symbol or '(dự thảo)':<16} {day:<10}  "
            f"{r.status_label:<9}  {r.subject or ''}"
            + (f"  [{r.approval_label}]" if r.approval_label else "")
        )
    return 0


def cmd_show(args) -> int:
    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import records as documents
    from ketluan_desktop.core.render.wording import format_heading

    db = common.database(args)
    with db.session() as s:
        doc = documents.get(s, args.doc_id, full=True)
        draft = draft_store.draft_of(s, doc)
        content = documents.content_of(doc)
    if args.json:
        common.print_json(draft.to_json())
        return 0
    print(f"{content.type.name} {content.number_symbol or '(dự thảo)'}")
    if content.subject:
        print(content.subject)
    print()
    for section in content.sections:
        if section.heading:
            print(format_heading(section.number, section.heading))
        for block in section.blocks:
            print(("- " if block.kind.value == "bullet" else "") + block.text)
        print()
    if content.recipients:
        print("Nơi nhận: " + "; ".join(content.recipients))
    if content.signer:
        print(
            " / ".join(
                x
                for x in (content.signer.authority, content.signer.title, content.signer.name)
                if x
            )
        )
    return 0


def cmd_new(args) -> int:
    from ketluan_desktop.core.documents import draft_saving as draft_store
    from ketluan_desktop.core.documents import templates
    from ketluan_desktop.core.documents.draft import Draft, DraftSection

    type_code = _check_type(args.type_code)
    db = common.database(args)
    with db.write_session() as s:
        if args.from_template:
            draft = templates.new_draft(s, type_code, today=common.today(), meeting_id=args.meeting)
        else:
            draft = Draft(
                type_code=type_code, meeting_id=args.meeting, sections=[DraftSection(heading=None)]
            )
        if args.subject:
            draft.subject = args.subject
        doc = draft_store.save_draft(s, draft, now=common.now())
        doc_id = doc.id
    print(doc_id)
    print(
        f"Đã tạo dự thảo {DOCUMENT_TYPES[type_code].name.lower()} mã số {doc_id}.", file=sys.stderr
    )
    return 0


def cmd_issue(args) -> int:
    from ketluan_desktop.core.documents import records as documents
    from ketluan_desktop.core.documents.issue_checks import incomplete_key_tasks_of

    db = common.database(args)
    with db.write_session() as s:
        gaps = incomplete_key_tasks_of(s, args.doc_id)
        doc = documents.issue(s, args.doc_id, now=common.now())
        number = doc.number_symbol
    print(number)
    for gap in gaps:  # issued all the same: the command line asks nothing
        print(f"Lưu ý: nhiệm vụ «{gap.text[:80]}» ({gap.section}) {gap.missing}.", file=sys.stderr)
    return 0


def cmd_approve(args) -> int:
    from ketluan_desktop.core.documents import approval

    with common.database(args).write_session() as s:
        approval.approve(s, args.doc_id, now=common.now())
    print(f"Đã duyệt dự thảo mã {args.doc_id}: văn thư có thể cấp số và ban hành.")
    return 0


def cmd_return(args) -> int:
    from ketluan_desktop.core.documents import approval

    with common.database(args).write_session() as s:
        approval.return_draft(s, args.doc_id, args.comment, now=common.now())
    print(f"Đã trả lại dự thảo mã {args.doc_id} cho người soạn.")
    return 0


def cmd_sign(args) -> int:
    from ketluan_desktop.core.documents import records as documents

    db = common.database(args)
    with db.write_session() as s:
        doc = documents.mark_signed(s, args.doc_id, now=common.now())
        number = doc.number_symbol
    print(f"Văn bản {number} đã chuyển sang «Đã ký».")
    return 0


def _copy(args, *, replaces: bool) -> int:
    from ketluan_desktop.core.documents import draft_saving

    db = common.database(args)
    with db.write_session() as s:
        doc = draft_saving.copy_as_draft(s, args.doc_id, now=common.now(), replaces=replaces)
        doc_id = doc.id
    print(doc_id)
    return 0


def cmd_duplicate(args) -> int:
    return _copy(args, replaces=False)


def cmd_replace(args) -> int:
    return _copy(args, replaces=True)


def cmd_delete(args) -> int:
    from ketluan_desktop.core.documents import records as documents

    db = common.database(args)
    with db.write_session() as s:
        documents.delete_draft(s, args.doc_id, now=common.now())
    print(f"Đã xóa dự thảo mã số {args.doc_id}.")
    return 0


def cmd_register(args) -> int:

    from ketluan_desktop.core.documents import outgoing_register as register

    db = common.database(args)
    with db.session() as s:
        term_id = None
        if args.term:
            from ketluan_desktop.core.org import terms

            term_id = terms.term_by_label(s, args.term).id
        flt = register.RegisterFilter(
            term_id=term_id,
            year=args.year,
            type_code=_check_type(args.type_code) if args.type_code else None,
        )
        rows = register.rows(s, flt)
        now, today = common.now(), common.today()
        for fmt, target in (("xlsx", args.xlsx), ("pdf", args.pdf)):
            if target:
                out = register.export(s, flt, Path(target), fmt, today=today, now=now)
                print(f"Đã ghi {out}", file=sys.stderr)
    if args.json:
        common.print_json([r.to_json() for r in rows])
    elif not (args.xlsx or args.pdf):
        if not rows:
            print("Sổ chưa có văn bản nào trong phạm vi này.")
        for i, r in enumerate(rows, start=1):
            day = format_date(r.doc_date)
            print(f"{i:>4}  {r.number_symbol:<16} {day:<10}  {r.type_name:<12} {r.subject}")
    return 0

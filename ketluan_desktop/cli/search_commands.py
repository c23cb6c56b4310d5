"""``ketluan search``: the Tra cứu box on the command line."""

from __future__ import annotations

from ketluan_desktop.cli import common


def register(sub, common_parser) -> None:
    p = sub.add_parser(
        "search",
        parents=[common_parser],
        help="tìm không cần dấu trong văn bản, hội nghị, nhiệm vụ, đảng viên, văn bản viện dẫn",
    )
    p.add_argument("text", metavar="TỪ_KHÓA", help='ví dụ: "chinh tri" tìm cả "chính trị"')
    p.add_argument("--limit", type=int, default=50, help="số kết quả tối đa mỗi nhóm (mặc định 50)")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_search)


def cmd_search(args) -> int:
    from ketluan_desktop.core.errors import ValidationError
    from ketluan_desktop.core.search import AREA_LABELS, search

    if len(args.text.strip()) < 2:
        raise ValidationError("Từ khóa cần ít nhất 2 ký tự.")
    if args.limit < 1:
        raise ValidationError("--limit phải là số dương.")
    with common.database(args).session() as s:
        hits = search(s, args.text, limit=args.limit)
    if args.json:
        common.print_json(
            [{"area": h.area, "id": h.id, "title": h.title, "detail": h.detail} for h in hits]
        )
        return 0
    if not hits:
        print("Không tìm thấy kết quả nào.")
        return 0
    area = None
    for h in hits:
        if h.area != area:
            area = h.area
            count = sum(1 for x in hits if x.area == area)
            print(f"{AREA_LABELS[area]} ({count}):")
        detail = f" — {h.detail}" if h.detail else ""
        print(f"  {h.id:>5}  {h.title}{detail}")
    return 0

"""``ketluan report six-month``: the six-month report (member figures and key tasks, with charts)."""

from __future__ import annotations

from pathlib import Path

from ketluan_desktop.cli import common


def register(sub, common_parser) -> None:
    report = sub.add_parser(
        "report", help="báo cáo tổng hợp: báo cáo số liệu sáu tháng (PDF, Word)"
    )
    rsub = report.add_subparsers(dest="report_command", metavar="LOẠI")
    rsub.required = True
    p = rsub.add_parser(
        "six-month",
        parents=[common_parser],
        help="báo cáo số liệu sáu tháng: thủ tục đảng viên, nhiệm vụ trọng tâm, hai biểu đồ",
        description="Câu văn số liệu thủ tục (như `ketluan stats`), bảng thủ tục theo loại so với "
        "cùng kỳ năm trước, bảng nhiệm vụ trọng tâm theo đơn vị và hai biểu đồ, theo thể thức "
        "văn bản của Đảng (mẫu trình bày mặc định của cơ quan).",
    )
    p.add_argument("--from", dest="start", required=True, metavar="NGÀY", help="ngày đầu kỳ")
    p.add_argument("--to", dest="end", required=True, metavar="NGÀY", help="ngày cuối kỳ")
    p.add_argument("-o", "--out", type=Path, required=True, help="tệp .pdf hoặc .docx sẽ ghi")
    p.set_defaults(func=cmd_six_month)


def cmd_six_month(args) -> int:
    from ketluan_desktop.core.overview import six_month

    start, end = common.parse_date(args.start), common.parse_date(args.end)
    six_month.format_of(args.out)  # a wrong extension is said before the database is opened
    db = common.database(args)
    with db.session() as s:
        path = six_month.export(s, start, end, args.out, now=common.now())
    print(f"Đã ghi báo cáo: {path}")
    return 0

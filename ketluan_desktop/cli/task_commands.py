"""``ketluan tasks list|show|add|update|report`` and ``ketluan units list|import|export``.

Every command that depends on the date takes ``--today`` (scripts and tests fix the clock; by default
the CLI's one clock, ``common.now()``).
"""

from __future__ import annotations

import shutil
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ketluan_desktop.cli import common
from ketluan_desktop.core.clock import VN_TZ
from ketluan_desktop.core.errors import ValidationError
from ketluan_desktop.core.text.dates import format_date


def register(sub, common_parser) -> None:
    tasks = sub.add_parser("tasks", help="nhiệm vụ: liệt kê, xem, thêm, cập nhật tiến độ, báo cáo")
    tsub = tasks.add_subparsers(dest="tasks_command", metavar="LỆNH")
    tsub.required = True
    clock = _clock_parent()

    p = tsub.add_parser("list", parents=[common_parser, clock], help="liệt kê nhiệm vụ")
    p.add_argument("--overdue", action="store_true", help="chỉ nhiệm vụ quá hạn")
    p.add_argument("--due-soon", action="store_true", help="chỉ nhiệm vụ đến hạn trong 7 ngày tới")
    p.add_argument(
        "--unit", metavar="TÊN", help="đơn vị chủ trì (tên hoặc tên viết tắt, không cần dấu)"
    )
    p.add_argument(
        "--with-co-units", action="store_true", help="với --unit: cả nhiệm vụ đơn vị đó phối hợp"
    )
    p.add_argument(
        "--status",
        metavar="TRẠNG_THÁI",
        help="not_started|in_progress|done|done_late|paused|overdue|open, hoặc tên tiếng Việt",
    )
    p.add_argument("--document", type=int, metavar="MÃ_VĂN_BẢN", help="nhiệm vụ của một văn bản")
    p.add_argument("--search", metavar="CHỮ", help="tìm trong nội dung (không cần dấu)")
    p.add_argument(
        "--due-before", metavar="NGÀY", help="thời hạn trước ngày này (2025-01-01 hoặc 1/1/2025)"
    )
    p.add_argument("--due-after", metavar="NGÀY", help="thời hạn từ ngày này trở đi")
    p.add_argument(
        "--sort",
        default="deadline",
        choices=[
            "deadline",
            "text",
            "document",
            "lead_unit",
            "state",
            "priority",
            "latest_update",
            "id",
        ],
    )
    p.add_argument("--desc", action="store_true", help="sắp xếp giảm dần")
    p.add_argument("--limit", type=int, help="in tối đa N nhiệm vụ")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_list)

    p = tsub.add_parser(
        "show", parents=[common_parser, clock], help="xem một nhiệm vụ và lịch sử báo cáo"
    )
    p.add_argument("task_id", type=int, metavar="MÃ_NHIỆM_VỤ")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_show)

    p = tsub.add_parser("add", parents=[common_parser, clock], help="thêm một nhiệm vụ")
    p.add_argument("text", metavar="NỘI_DUNG")
    p.add_argument("--unit", metavar="TÊN", help="đơn vị chủ trì")
    p.add_argument(
        "--co-unit",
        action="append",
        default=[],
        metavar="TÊN",
        help="đơn vị phối hợp (lặp lại được)",
    )
    p.add_argument(
        "--deadline",
        metavar="THỜI_HẠN",
        help="«31/12/2025», «6 tháng cuối năm 2025», «quý III/2025», «thường xuyên»…",
    )
    p.add_argument("--document", type=int, metavar="MÃ_VĂN_BẢN", help="văn bản giao nhiệm vụ")
    p.add_argument(
        "--priority", type=int, choices=[1, 2, 3], default=2, help="1 cao, 2 bình thường, 3 thấp"
    )
    p.set_defaults(func=cmd_add)

    p = tsub.add_parser(
        "update", parents=[common_parser, clock], help="ghi báo cáo tiến độ và/hoặc đổi trạng thái"
    )
    p.add_argument("task_id", type=int, metavar="MÃ_NHIỆM_VỤ")
    p.add_argument(
        "--status", metavar="TRẠNG_THÁI", help="trạng thái mới (done, in_progress, paused…)"
    )
    p.add_argument("--note", metavar="NỘI_DUNG", help="nội dung báo cáo tiến độ")
    p.add_argument("--percent", type=int, metavar="N", help="tỷ lệ hoàn thành (0-100)")
    p.add_argument("--date", metavar="NGÀY", help="ngày báo cáo / hoàn thành (mặc định hôm nay)")
    p.add_argument("--unit", metavar="TÊN", help="đơn vị báo cáo (mặc định đơn vị chủ trì)")
    p.add_argument(
        "--file",
        action="append",
        default=[],
        metavar="TỆP_HOẶC_SỐ_VĂN_BẢN",
        help="tệp hoặc số văn bản kèm theo (lặp lại được)",
    )
    p.set_defaults(func=cmd_update)

    p = tsub.add_parser(
        "report",
        parents=[common_parser, clock],
        help="báo cáo tình hình thực hiện: một văn bản (MÃ_VĂN_BẢN) hoặc một kỳ (--from/--to)",
    )
    p.add_argument("document_id", type=int, nargs="?", metavar="MÃ_VĂN_BẢN")
    p.add_argument("-o", "--output", required=True, metavar="TỆP.pdf|.xlsx")
    p.add_argument("--from", dest="start", metavar="NGÀY", help="đầu kỳ (báo cáo định kỳ)")
    p.add_argument("--to", dest="end", metavar="NGÀY", help="cuối kỳ (báo cáo định kỳ)")
    p.add_argument("--unit", metavar="TÊN", help="báo cáo định kỳ: chỉ một đơn vị chủ trì")
    p.add_argument("--number", type=int, metavar="SỐ", help="số của báo cáo (bỏ trống: dự thảo)")
    p.set_defaults(func=cmd_report)

    units = sub.add_parser("units", help="đơn vị: liệt kê, nhập và xuất Excel")
    usub = units.add_subparsers(dest="units_command", metavar="LỆNH")
    usub.required = True
    p = usub.add_parser("list", parents=[common_parser], help="cây đơn vị")
    p.add_argument("--all", action="store_true", help="cả đơn vị đã ngừng hoạt động")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_units_list)
    p = usub.add_parser("import", parents=[common_parser], help="nhập đơn vị từ tệp Excel (.xlsx)")
    p.add_argument("file", metavar="TỆP.xlsx")
    p.set_defaults(func=cmd_units_import)
    p = usub.add_parser(
        "export", parents=[common_parser], help="xuất đơn vị ra Excel (mẫu để nhập)"
    )
    p.add_argument("file", metavar="TỆP.xlsx")
    p.set_defaults(func=cmd_units_export)


def _clock_parent():
    import argparse

    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--today", metavar="NGÀY", help="coi hôm nay là ngày này (mặc định: ngày của máy)"
    )
    return p


def _now(args) -> datetime:
    if getattr(args, "today", None):
        day = common.parse_date(args.today)
        return datetime.combine(day, time(9, 0), VN_TZ)
    return common.now()


def _unit_id(session, name: str | None) -> int | None:
    from ketluan_desktop.core.org import units

    return units.find(session, name).id if name else None


def _vn(d: date | None) -> str:
    return format_date(d)


def _width() -> int:
    return max(shutil.get_terminal_size((110, 20)).columns, 80)


# ------------------------------------------------------------------------------------- tasks
def cmd_list(args) -> int:
    from ketluan_desktop.core.tasks import listing as ts
    from ketluan_desktop.core.tasks import task_states

    today = _now(args).date()
    state = None
    if args.overdue:
        state = task_states.OVERDUE
    elif args.status:
        state = task_states.parse_state(args.status)
    due_from = common.parse_date(args.due_after) if args.due_after else None
    due_to = common.parse_date(args.due_before) - timedelta(days=1) if args.due_before else None
    db = common.database(args)
    with db.session() as s:
        if args.due_soon:
            days = task_states.soon_days(s)
            due_from = max(due_from or today, today)
            due_to = min(due_to or today + timedelta(days=days), today + timedelta(days=days))
            state = state or task_states.OPEN
        f = ts.TaskFilter(
            unit_id=_unit_id(s, args.unit),
            unit_role="any" if args.with_co_units else "lead",
            state=state,
            document_id=args.document,
            text=args.search,
            due_from=due_from,
            due_to=due_to,
        )
        rows = ts.list_tasks(
            s, today=today, filter=f, sort=ts.TaskSort(args.sort, args.desc), limit=args.limit
        )
    if args.json:
        common.print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print("Không có nhiệm vụ nào khớp điều kiện.")
        return 0
    width = _width()
    text_w = max(width - 5 - 1 - 18 - 1 - 10 - 1 - 24 - 4, 20)
    for r in rows:
        text = r.text if len(r.text) <= text_w else r.text[: text_w - 1] + "…"
        deadline = _vn(r.deadline) or ("thường xuyên" if r.reporting_cycle else "—")
        unit = (r.lead_unit or "chưa giao")[:24]
        print(f"{r.id:>5} {r.state_label:<18} {deadline:<10} {unit:<24}  {text}")
    print(f"— {len(rows)} nhiệm vụ", file=sys.stderr)
    return 0


def cmd_show(args) -> int:
    from ketluan_desktop.core.tasks import task_detail
    from ketluan_desktop.core.tasks.deadlines import describe

    today = _now(args).date()
    db = common.database(args)
    with db.session() as s:
        d = task_detail.detail(s, args.task_id, today=today)
    if args.json:
        common.print_json(
            {
                "id": d.id,
                "text": d.text,
                "document_id": d.document_id,
                "document": d.document_label,
                "section": d.section_label,
                "lead_unit": d.lead_unit,
                "co_units": [n for _, n in d.co_units],
                "deadline": d.deadline,
                "deadline_text": d.deadline_text,
                "reporting_cycle": d.reporting_cycle,
                "priority": d.priority,
                "status": d.status,
                "state": d.state,
                "state_label": d.state_label,
                "completed_on": d.completed_on,
                "version": d.version,
                "cited": [c.label for c in d.cited],
                "updates": [
                    {
                        "date": u.update_date,
                        "unit": u.unit,
                        "text": u.text,
                        "percent": u.percent,
                        "attachments": u.attachments,
                    }
                    for u in d.updates
                ],
            }
        )
        return 0
    print(f"Nhiệm vụ số {d.id} — {d.state_label}")
    print(d.text)
    print(f"Văn bản nguồn : {d.document_label or 'giao trực tiếp'}")
    if d.section_label:
        print(f"Mục           : {d.section_label}")
    print(f"Chủ trì       : {d.lead_unit or 'chưa giao'}")
    if d.co_units:
        print(f"Phối hợp      : {', '.join(n for _, n in d.co_units)}")
    print(f"Thời hạn      : {describe(d.deadline, d.deadline_text, d.reporting_cycle)}")
    if d.completed_on:
        print(f"Hoàn thành    : {_vn(d.completed_on)}")
    for c in d.cited:
        print(f"Thực hiện     : {c.label}")
    print(f"Báo cáo tiến độ ({len(d.updates)}):")
    for u in d.updates:
        pct = f" ({u.percent}%)" if u.percent is not None else ""
        print(f"  {_vn(u.update_date)}  {u.unit or ''}: {u.text}{pct}")
        for a in u.attachments:
            print(f"      kèm: {a}")
    return 0


def cmd_add(args) -> int:
    from ketluan_desktop.core.tasks import editing as task_edit

    now = _now(args)
    db = common.database(args)
    with db.write_session() as s:
        data = task_edit.TaskInput(
            text=args.text,
            document_id=args.document,
            lead_unit_id=_unit_id(s, args.unit),
            co_unit_ids=[_unit_id(s, n) for n in args.co_unit],
            deadline_text=args.deadline,
            priority=args.priority,
        )
        task = task_edit.create_task(s, data, now=now, today=now.date())
        tid = task.id
    print(f"Đã thêm nhiệm vụ số {tid}.")
    return 0


def cmd_update(args) -> int:
    from ketluan_desktop.core.tasks import editing as task_edit
    from ketluan_desktop.core.tasks import task_detail, task_states

    if not args.status and not args.note:
        raise ValidationError(
            "Hãy ghi --note «nội dung báo cáo» và/hoặc --status (ví dụ done, in_progress, paused)."
        )
    if not args.note and (args.percent is not None or args.file or args.unit):
        raise ValidationError(
            "--percent, --unit và --file đi kèm một báo cáo: hãy ghi thêm --note."
        )
    now = _now(args)
    status = task_states.parse_state(args.status) if args.status else None
    if status in (task_states.OVERDUE, task_states.OPEN):
        raise ValidationError(
            f"«{task_states.state_label(status)}» không đặt bằng tay được: «Quá hạn» tự tính từ thời hạn. "
            "Hãy chọn not_started, in_progress, done hoặc paused."
        )
    on = common.parse_date(args.date) if args.date else now.date()
    db = common.database(args)
    with db.write_session() as s:
        if args.note:
            task_edit.add_update(
                s,
                args.task_id,
                task_edit.UpdateInput(
                    update_date=on,
                    text=args.note,
                    unit_id=_unit_id(s, args.unit),
                    percent=args.percent,
                    attachments=args.file,
                    status=status,
                ),
                now=now,
            )
        else:
            task_edit.set_status(
                s, args.task_id, status, expected_version=None, now=now, completed_on=on
            )
        d = task_detail.detail(s, args.task_id, today=now.date())
    what = "Đã ghi báo cáo tiến độ" if args.note else "Đã cập nhật trạng thái"
    print(f"{what} nhiệm vụ số {d.id}: {d.state_label}.")
    return 0


def cmd_report(args) -> int:
    from ketluan_desktop.core.tasks import report as task_report
    from ketluan_desktop.core.tasks import report_export as task_export

    now = _now(args)
    task_export.format_of(args.output)  # a wrong extension is refused before any work
    if args.document_id is None and not (args.start and args.end):
        raise ValidationError(
            "Hãy ghi mã văn bản (ketluan tasks report 3 -o bao-cao.pdf) hoặc một kỳ báo cáo "
            "(--from 1/1/2025 --to 30/6/2025). Mã văn bản xem bằng «ketluan documents list»."
        )
    if args.document_id is not None and (args.start or args.end or args.unit):
        raise ValidationError(
            "Báo cáo một văn bản không đi kèm --from/--to/--unit; hãy bỏ bớt một bên."
        )
    db = common.database(args)
    with db.session() as s:
        if args.document_id is not None:
            report = task_report.document_report(
                s, args.document_id, today=now.date(), number=args.number
            )
        else:
            report = task_report.period_report(
                s,
                common.parse_date(args.start),
                common.parse_date(args.end),
                today=now.date(),
                unit_id=_unit_id(s, args.unit),
                number=args.number,
            )
        profile = task_export.office_profile(s)
    path = task_export.export_report(report, Path(args.output), profile=profile, now=now)
    print(f"Đã xuất báo cáo ({len(report.rows)} nhiệm vụ): {path}")
    return 0


# ------------------------------------------------------------------------------------- units
def cmd_units_list(args) -> int:
    from ketluan_desktop.core.org import units

    db = common.database(args)
    with db.session() as s:
        nodes = units.flat_tree(s, include_inactive=args.all)
    if args.json:
        common.print_json(
            [
                {
                    "id": n.id,
                    "name": n.name,
                    "short_name": n.short_name,
                    "kind": n.kind,
                    "parent_id": n.parent_id,
                    "active": n.active,
                    "depth": n.depth,
                }
                for n in nodes
            ]
        )
        return 0
    for n in nodes:
        short = f" ({n.short_name})" if n.short_name and n.short_name != n.name else ""
        off = "" if n.active else "  [ngừng hoạt động]"
        print(f"{n.id:>5}  {'  ' * n.depth}{n.name}{short} — {n.kind_label}{off}")
    return 0


def cmd_units_import(args) -> int:
    from ketluan_desktop.core.org import unit_sheet

    db = common.database(args)
    with db.write_session() as s:
        result = unit_sheet.import_xlsx(s, args.file, now=common.now())
    print(result.message())
    return 0


def cmd_units_export(args) -> int:
    from ketluan_desktop.core.org import unit_sheet

    if not str(args.file).lower().endswith(".xlsx"):
        raise ValidationError("Tên tệp xuất phải kết thúc bằng .xlsx (bảng tính Excel).")
    db = common.database(args)
    with db.session() as s:
        path = unit_sheet.export_xlsx(s, args.file)
    print(f"Đã xuất danh sách đơn vị: {path}")
    return 0

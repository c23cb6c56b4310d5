"""The ``ketluan`` command: thin subcommands over the core services.

Each module in ``COMMAND_MODULES`` has ``register(sub, common)``: it adds its subparsers (passing
``parents=[common]`` so every subcommand takes ``--db`` after its name) and sets ``func`` on them.
A handler takes the parsed ``args`` and returns the exit code.

Starting fast: ``COMMANDS`` names every command with its module and its help line, so the parser
imports only the module of the command being run, ``ketluan --help`` and ``--version`` import no
command module (and no SQLAlchemy), and each handler imports what it uses inside its body.

**Adding a command module** (e.g. ``backup_commands.py`` with ``backup``):
1. write the module with ``register(sub, common)`` and handlers that import inside their body;
2. add it to ``COMMAND_MODULES`` and add one ``COMMANDS`` line per command it registers
   (``"backup": ("backup_commands", "help line")``, the same help line as its ``add_parser``).
``tests/e2e/test_cli_startup.py`` fails when the two disagree; a command missing from ``COMMANDS``
still works, only slower (every module not in the table is imported to find it).

Exit codes: 0 ok, 1 a user error (one Vietnamese line on stderr), 2 usage, 70 a bug (logged).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ketluan_desktop import __version__

if TYPE_CHECKING:
    import argparse

COMMAND_MODULES = [
    "ketluan_desktop.cli.db_commands",
    "ketluan_desktop.cli.document_commands",
    "ketluan_desktop.cli.import_commands",
    "ketluan_desktop.cli.sign_commands",
    "ketluan_desktop.cli.export_commands",
    "ketluan_desktop.cli.member_commands",
    "ketluan_desktop.cli.task_commands",
    "ketluan_desktop.cli.search_commands",
    "ketluan_desktop.cli.incoming_commands",
    "ketluan_desktop.cli.server_commands",
    "ketluan_desktop.cli.backup_commands",
    "ketluan_desktop.cli.report_commands",
    "ketluan_desktop.cli.access_commands",
]

# name -> (module in this package, help line), in the order ``--help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("db_commands", "tạo hoặc nâng cấp cơ sở dữ liệu"),
    "info": ("db_commands", "thư mục dữ liệu, phiên bản, số bản ghi"),
    "demo": ("db_commands", "nạp dữ liệu văn phòng mẫu"),
    "selftest": (
        "db_commands",
        "tự kiểm tra cài đặt (cơ sở dữ liệu, PDF, ký số, cửa sổ) trong thư mục tạm",
    ),
    "documents": ("document_commands", "văn bản: liệt kê, tạo, ban hành, sổ văn bản đi"),
    "import": (
        "import_commands",
        "nhập văn bản (.txt, .docx, .pdf): hội nghị, văn bản, nhiệm vụ, văn bản viện dẫn, số liệu",
    ),
    "sign": (
        "sign_commands",
        "ký số văn bản đã ban hành (người ký), hoặc đóng dấu số của cơ quan (--seal)",
    ),
    "verify": ("sign_commands", "kiểm tra chữ ký số trong một tệp PDF bất kỳ"),
    "export-signed": ("sign_commands", "lưu bản PDF đã ký số của văn bản (bản cuối cùng) ra tệp"),
    "cert": ("sign_commands", "chứng thư số: tạo chứng thư thử, xem thiết bị ký số"),
    "trust": ("sign_commands", "danh sách chứng thư gốc tin cậy khi kiểm tra chữ ký"),
    "signing-image": ("sign_commands", "ảnh chữ ký tay và ảnh con dấu dùng khi ký số"),
    "export": ("export_commands", "xuất văn bản ra PDF hoặc Word theo thể thức văn bản của Đảng"),
    "stats": ("member_commands", "số liệu thủ tục đảng viên của một kỳ và câu văn cho báo cáo"),
    "members": ("member_commands", "đảng viên: liệt kê, nhập/xuất Excel"),
    "reminders": (
        "member_commands",
        "việc đến hạn: dự bị, huy hiệu, báo cáo sau chuyến đi, lễ kết nạp, mất thẻ",
    ),
    "registers": (
        "member_commands",
        "sổ theo dõi: thẻ đảng viên, đi nước ngoài, huy hiệu (Excel hoặc PDF)",
    ),
    "tasks": ("task_commands", "nhiệm vụ: liệt kê, xem, thêm, cập nhật tiến độ, báo cáo"),
    "units": ("task_commands", "đơn vị: liệt kê, nhập và xuất Excel"),
    "search": (
        "search_commands",
        "tìm không cần dấu trong văn bản, hội nghị, nhiệm vụ, đảng viên, văn bản viện dẫn",
    ),
    "incoming": ("incoming_commands", "sổ văn bản đến: danh sách, xem một văn bản đến"),
    "db": ("server_commands", "cơ sở dữ liệu dùng chung: kết nối, trạng thái, chép dữ liệu"),
    "backup": (
        "backup_commands",
        "sao lưu ngay (thư mục dữ liệu và nơi thứ hai), xem danh sách, đặt nơi sao lưu",
    ),
    "restore": ("backup_commands", "khôi phục từ một bản sao lưu"),
    "report": ("report_commands", "báo cáo tổng hợp: báo cáo số liệu sáu tháng (PDF, Word)"),
    "audit": ("access_commands", "nhật ký thao tác: xem, xuất Excel, kiểm tra chuỗi mã băm"),
    "accounts": ("access_commands", "tài khoản và vai trò (cơ sở dữ liệu dùng chung)"),
    "passwd": ("access_commands", "đổi mật khẩu của mình"),
}

# Options of ``ketluan`` itself (before the command) that take a value.
GLOBAL_VALUE_OPTIONS = ("--user", "--password-env")


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):  # usage errors: Vietnamese prefix, exit 2
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: lỗi cú pháp: {message}\n")

    return _Parser


def _command_name(argv: list[str]) -> str | None:
    skip = False
    for a in argv:
        if skip:
            skip = False
        elif a in GLOBAL_VALUE_OPTIONS:
            skip = True  # its value is not the command
        elif not a.startswith("-"):
            return a
    return None


def _modules_for(name: str | None) -> list[str]:
    """The modules to import to run ``name``: its own; every unlisted one for another name."""
    if name is None:
        return []
    if name in COMMANDS:
        return [f"{__name__}.{COMMANDS[name][0]}"]
    listed = {f"{__name__}.{module}" for module, _ in COMMANDS.values()}
    return [m for m in COMMAND_MODULES if m not in listed]


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv``: the command being run registered by its module, every other
    command a placeholder carrying its help line (``argv`` None: every module, for tests)."""
    import argparse
    import importlib

    parser_class = _parser_class()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="tệp cơ sở dữ liệu SQLite hoặc URL SQLAlchemy (mặc định: biến KETLUAN_DB, "
        "rồi tệp trong thư mục dữ liệu của người dùng)",
    )
    parser = parser_class(
        prog="ketluan",
        description="KếtLuận Desktop — dòng lệnh: hội nghị, văn bản, nhiệm vụ, thủ tục đảng viên.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--user",
        metavar="TÊN",
        help="đăng nhập bằng tài khoản này (bắt buộc với cơ sở dữ liệu dùng chung có tài khoản)",
    )
    parser.add_argument(
        "--password-env",
        metavar="BIẾN",
        help="đọc mật khẩu từ biến môi trường này (tập lệnh), thay vì hỏi tại dấu nhắc",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=parser_class)
    sub.required = True
    modules = COMMAND_MODULES if argv is None else _modules_for(_command_name(argv))
    for name in modules:
        importlib.import_module(name).register(sub, common)
    for name, (_module, help_line) in COMMANDS.items():
        if name not in sub.choices:
            sub.add_parser(name, help=help_line, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv == ["--version"]:  # scripts ask it often: no parser to build
        print(f"ketluan {__version__}")
        return 0
    import gc

    previous = gc.get_threshold()
    gc.set_threshold(*COMMAND_GC)
    try:
        return _run(argv)
    finally:
        gc.set_threshold(*previous)  # main() called in a longer process (tests) leaves it as it was


# A command's start-up makes hundreds of thousands of objects that live until it ends (SQLAlchemy,
# pyHanko, the models) and next to no garbage; with the default young generation (700 objects)
# the collector scans them over and over: a tenth of `ketluan sign`, two full collections of the
# whole heap among them. A young generation of 100,000 still collects a command's cyclic garbage.
COMMAND_GC = (100_000, 50, 100)


def _run(argv: list[str]) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)  # --help and --version end here, having imported nothing more
    from ketluan_desktop.core.errors import KetLuanError
    from ketluan_desktop.core.logsetup import setup_logging

    setup_logging(console=False)
    try:
        code = args.func(args)
    except KetLuanError as exc:
        hint = f" {exc.cli_hint}" if exc.cli_hint else ""
        print(f"Lỗi: {exc.message}{hint}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã hủy.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into a program that stopped reading (`| head`): nothing went wrong here.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: the traceback goes to the log, the user gets where it is
        import logging

        from ketluan_desktop.cli.common import storage_error
        from ketluan_desktop.core.logsetup import log_file_path

        storage = storage_error(args, exc)  # disk full, read-only, locked, corrupt: not a bug
        if storage is not None:
            print(f"Lỗi: {storage.message}", file=sys.stderr)
            return 1

        logging.getLogger(__name__).exception("unhandled error in `ketluan %s`", args.command)
        print(
            f"Lỗi chương trình ({type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}). "
            f"Chi tiết đã ghi vào {log_file_path()}; "
            "hãy gửi tệp đó cho người hỗ trợ kỹ thuật.",
            file=sys.stderr,
        )
        return 70
    finally:
        common = sys.modules.get("ketluan_desktop.cli.common")
        if common is not None:
            common.close_databases()
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

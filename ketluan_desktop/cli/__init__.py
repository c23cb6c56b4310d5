"""The ``ketluan`` command: thin subcommands over the core services.

Each module in ``COMMAND_MODULES`` has ``register(sub, common)``: it adds its subparsers (passing
``parents=[common]`` so every subcommand takes ``--db`` after its name) and sets ``func`` on them.
A handler takes the parsed ``args`` and returns the exit code.

Exit codes: 0 ok, 1 a user error (one Vietnamese line on stderr), 2 usage, 70 a bug (logged).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from ketluan_desktop import __version__
from ketluan_desktop.core.errors import KetLuanError

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
]

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: Vietnamese prefix, exit 2
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi cú pháp: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="tệp cơ sở dữ liệu SQLite hoặc URL SQLAlchemy (mặc định: biến KETLUAN_DB, "
        "rồi tệp trong thư mục dữ liệu của người dùng)",
    )
    parser = _Parser(
        prog="ketluan",
        description="KếtLuận Desktop — dòng lệnh: hội nghị, văn bản, nhiệm vụ, thủ tục đảng viên.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    from ketluan_desktop.core.logsetup import setup_logging

    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(console=False)
    try:
        code = args.func(args)
    except KetLuanError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
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
        from ketluan_desktop.core.logsetup import log_file_path

        log.exception("unhandled error in `ketluan %s`", args.command)
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

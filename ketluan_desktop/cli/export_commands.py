"""``ketluan export DOC_ID --format pdf|docx -o FILE`` and ``ketluan export --sample -o FILE``."""

from __future__ import annotations

import sys
from pathlib import Path

from ketluan_desktop.cli import common


def register(sub, common_parser) -> None:
    p = sub.add_parser(
        "export",
        parents=[common_parser],
        help="xuất văn bản ra PDF hoặc Word theo thể thức văn bản của Đảng",
    )
    p.add_argument("doc_id", type=int, nargs="?", metavar="DOC_ID", help="mã số văn bản")
    p.add_argument(
        "--sample",
        action="store_true",
        help="xuất văn bản mẫu (Kết luận Hội nghị lần thứ 19) thay cho DOC_ID",
    )
    p.add_argument(
        "--format",
        dest="fmt",
        choices=["pdf", "docx"],
        help="định dạng (mặc định: theo đuôi tệp -o, nếu không thì pdf)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp sẽ ghi")
    p.set_defaults(func=cmd_export)


def _format(args) -> str:
    from ketluan_desktop.core.errors import ValidationError

    suffix = Path(args.output).suffix.lower().lstrip(".")
    if args.fmt:
        if suffix in ("pdf", "docx") and suffix != args.fmt:
            raise ValidationError(
                f"Tệp «{args.output}» có đuôi .{suffix} nhưng định dạng chọn là {args.fmt}. "
                "Hãy đổi đuôi tệp hoặc bỏ --format."
            )
        return args.fmt
    return suffix if suffix in ("pdf", "docx") else "pdf"


def _office_default(args):
    """The default layout profile chosen in the office's database; the built-in default when
    there is no database yet (exporting the sample must not create one). A KếtLuận SQLite file is
    read without the ORM (``core/documents/profile_file.py``)."""
    from ketluan_desktop.core.db.location import resolve, sqlite_file
    from ketluan_desktop.core.render.profile import DEFAULT_PROFILE

    path = sqlite_file(getattr(args, "db", None))
    if path is not None:
        if not path.exists():
            return DEFAULT_PROFILE
        from ketluan_desktop.core.documents.profile_file import office_default_in_sqlite

        profile = office_default_in_sqlite(path)
        if profile is not None:
            return profile
    location = resolve(getattr(args, "db", None))
    if location.path is not None and not location.path.exists():
        return DEFAULT_PROFILE
    from ketluan_desktop.core.documents import layout_profiles

    db = common.database(args)
    try:
        with db.session() as s:
            return layout_profiles.default(s)[1]
    finally:
        db.dispose()


def cmd_export(args) -> int:
    from ketluan_desktop.core.errors import ValidationError

    if args.sample == (args.doc_id is not None):
        raise ValidationError("Hãy cho mã số văn bản (DOC_ID) hoặc --sample, một trong hai.")
    fmt = _format(args)
    out_path = Path(args.output)
    if args.sample:
        from ketluan_desktop.core.documents.sample import sample_content
        from ketluan_desktop.core.render.export import export

        out = export(sample_content(), _office_default(args), fmt, out_path, now=common.now())
    else:
        from ketluan_desktop.core.documents.rendering import export_document

        db = common.database(args)
        with db.write_session() as s:
            out = export_document(s, args.doc_id, fmt, out_path, now=common.now())
    print(out)
    print(f"Đã xuất {fmt.upper()}: {out}", file=sys.stderr)
    return 0

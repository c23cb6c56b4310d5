"""``ketluan verify FILE.pdf [--trust CA.pem ...] [--no-db] [--json]``: check every signature in any
PDF and say what the verdict rests on. Registered by ``sign_commands`` beside the signing commands.

Exit codes: 0 every signature intact and trusted; 1 error; 3 altered after signing; 4 intact but
the certificate not trusted; 5 no signature.
"""

from __future__ import annotations

from pathlib import Path

from ketluan_desktop.cli import common

# ``ketluan verify`` exit codes beyond 0 (valid), 1 (error) and 2 (usage).
EXIT_ALTERED = 3
EXIT_UNTRUSTED = 4
EXIT_UNSIGNED = 5


def register_verify(sub, common_parser) -> None:
    p = sub.add_parser(
        "verify",
        parents=[common_parser],
        help="kiểm tra chữ ký số trong một tệp PDF bất kỳ",
        description=(
            "Kiểm tra từng chữ ký số trong tệp PDF. Mã thoát: 0 mọi chữ ký nguyên vẹn và tin cậy; "
            f"1 lỗi; {EXIT_ALTERED} tệp đã bị thay đổi sau khi ký; {EXIT_UNTRUSTED} chữ ký nguyên "
            f"vẹn nhưng chứng thư chưa được tin cậy; {EXIT_UNSIGNED} không có chữ ký."
        ),
    )
    p.add_argument("file", metavar="TỆP.pdf")
    p.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CA.pem",
        help="chứng thư gốc tin cậy thêm (PEM/DER), ngoài danh sách trong Cài đặt; lặp lại được",
    )
    p.add_argument(
        "--no-db",
        action="store_true",
        help="không dùng danh sách chứng thư gốc trong cơ sở dữ liệu, chỉ các tệp --trust",
    )
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(func=cmd_verify)


def _office_roots(args) -> list[bytes]:
    """The trusted roots kept in the database, when there is one: verifying a file must not
    create a database as a side effect. A KếtLuận SQLite file is read without the ORM."""
    from ketluan_desktop.core.db.location import resolve, sqlite_file
    from ketluan_desktop.core.signing.trust_files import office_roots_in_sqlite

    if args.no_db:
        return []
    path = sqlite_file(getattr(args, "db", None))
    if path is not None:
        roots = office_roots_in_sqlite(path) if path.exists() else []
        if roots is not None:
            return roots
    location = resolve(getattr(args, "db", None))
    if location.path is not None and not location.path.exists():
        return []
    from ketluan_desktop.core.signing import trusted_roots as trust

    db = common.database(args)
    try:
        with db.session() as s:
            return trust.root_certificates(s)
    finally:
        db.dispose()


def cmd_verify(args) -> int:
    from ketluan_desktop.core.errors import ValidationError
    from ketluan_desktop.core.signing._common import quiet_library_logs
    from ketluan_desktop.core.signing.trust_files import roots_from_files
    from ketluan_desktop.core.signing.verify import verify_pdf

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ValidationError(f"Không tìm thấy tệp: {path}.") from exc
    except IsADirectoryError as exc:
        raise ValidationError(f"{path} là một thư mục, không phải tệp PDF.") from exc
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {path} ({exc.strerror or exc}).") from exc
    roots = [*_office_roots(args), *roots_from_files(args.trust)]
    quiet_library_logs()
    report = verify_pdf(data, roots, common.now())
    if args.json:
        common.print_json({"file": str(path), **report.to_json_dict()})
    else:
        print("\n".join(report_lines(report, path.name)))
    return exit_code(report)


def exit_code(report) -> int:
    from ketluan_desktop.core.signing.verify import VERDICT_ALTERED, VERDICT_UNSIGNED

    if report.ok:
        return 0
    if report.verdict == VERDICT_ALTERED:
        return EXIT_ALTERED
    if report.verdict == VERDICT_UNSIGNED:
        return EXIT_UNSIGNED
    return EXIT_UNTRUSTED


def _when(moment) -> str:
    from ketluan_desktop.core.signing._common import vn_display_time

    return vn_display_time(moment) if moment is not None else "—"


def report_lines(report, file_name: str) -> list[str]:
    from ketluan_desktop.core.signing._common import hash_label

    n = len(report.signatures)
    lines = [f"Tệp: {file_name}", f"Kết luận: {report.verdict_text}"]
    if n:
        lines.append(f"Số chữ ký: {n}")
    for i, sig in enumerate(report.signatures, 1):
        kind = "Dấu thời gian" if sig.kind == "timestamp" else "Chữ ký"
        lines += ["", f"{kind} {i}/{n} — trường {sig.field_name}: {sig.summary}"]
        if sig.error:
            lines.append(f"  {sig.error}")
            continue
        lines += [
            f"  Người ký: {sig.signer_name or '—'}",
            f"  Cơ quan: {sig.signer_organisation or '—'}",
            f"  Tổ chức cấp chứng thư: {sig.issuer or '—'}",
            f"  Số hiệu chứng thư: {sig.serial or '—'}",
            f"  Hiệu lực chứng thư: từ {_when(sig.valid_from)} đến {_when(sig.valid_to)}",
            f"  Thời gian ký (theo máy người ký): {_when(sig.signing_time)}",
        ]
        if sig.timestamp_time is not None:
            lines.append(f"  Dấu thời gian tin cậy: {_when(sig.timestamp_time)}")
        lines += [
            f"  Thuật toán băm: {hash_label(sig.hash_algorithm)}",
            "  Dữ liệu đã ký: "
            + ("nguyên vẹn" if sig.intact and sig.signature_valid else "KHÔNG KHỚP — đã bị sửa"),
            f"  Phạm vi: {sig.changes_text}",
            "  Chứng thư tin cậy: " + ("có" if sig.trusted else "chưa"),
        ]
        if sig.basis:
            lines.append(f"  Căn cứ: {sig.basis}")
        if sig.revocation_note:
            lines.append(f"  Thu hồi: {sig.revocation_note}")
        lines += [f"  - {p}" for p in sig.trust_problems]
        lines += [f"  Mục đích sử dụng khóa: {p}" for p in sig.key_usage_problems]
        if sig.test_certificate and not any("KIỂM THỬ" in p for p in sig.trust_problems):
            lines.append("  - Đây là chứng thư KIỂM THỬ, không có giá trị pháp lý.")
    return lines

"""Digital signatures on the command line.

``ketluan sign DOC_ID (--p12 FILE | --pkcs11 [MODULE] --token LABEL --key LABEL) [--seal] -o OUT.pdf``
``ketluan verify FILE.pdf …`` (in ``verify_commands``, registered from here)
``ketluan export-signed DOC_ID -o OUT.pdf``
``ketluan cert make-test --name "Nguyễn Văn A" -o test.p12 [--password-env VAR] [--images]``
``ketluan cert tokens [--pkcs11 MODULE] [--token LABEL --pin-env VAR]``
``ketluan trust list|add FILE…|remove ID``
``ketluan signing-image list|add|remove``

Passwords and PINs come from a hidden prompt, or for scripts from the environment variable named
by ``--password-env``/``--pin-env``: never from the command line, where other users and the shell
history would see them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketluan_desktop.cli import common
from ketluan_desktop.core.text.dates import format_date

if TYPE_CHECKING:
    from ketluan_desktop.core.signing.signing_rules import Kind


def register(sub, common_parser) -> None:
    from ketluan_desktop.cli.verify_commands import register_verify

    _register_sign(sub, common_parser)
    register_verify(sub, common_parser)
    p = sub.add_parser(
        "export-signed",
        parents=[common_parser],
        help="lưu bản PDF đã ký số của văn bản (bản cuối cùng) ra tệp",
    )
    p.add_argument("doc_id", metavar="MÃ_VĂN_BẢN", type=int)
    p.add_argument("-o", "--output", required=True, metavar="TỆP.pdf")
    p.set_defaults(func=cmd_export_signed)
    _register_cert(sub, common_parser)
    _register_trust(sub, common_parser)
    _register_images(sub, common_parser)


# ------------------------------------------------------------------------------------ sign


def _register_sign(sub, common_parser) -> None:
    p = sub.add_parser(
        "sign",
        parents=[common_parser],
        help="ký số văn bản đã ban hành (người ký), hoặc đóng dấu số của cơ quan (--seal)",
        description=(
            "Ký số văn bản đã ban hành theo chuẩn PAdES (SHA-256). Người có thẩm quyền ký trước; "
            "văn thư ký số của cơ quan (--seal) sau. Mật khẩu/PIN nhập tại dấu nhắc, hoặc lấy từ "
            "biến môi trường do --password-env/--pin-env chỉ định."
        ),
    )
    p.add_argument(
        "doc_id",
        metavar="MÃ_VĂN_BẢN",
        type=int,
        help="mã số văn bản (xem «ketluan documents list»)",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--p12", metavar="TỆP", help="tệp chứng thư số .p12/.pfx")
    src.add_argument(
        "--pkcs11",
        metavar="THƯ_VIỆN",
        nargs="?",
        const="",
        help="thư viện PKCS#11 của USB token (bỏ trống: dùng đường dẫn đã đặt trong Cài đặt)",
    )
    p.add_argument("--token", metavar="NHÃN", help="nhãn của thiết bị ký số (với --pkcs11)")
    p.add_argument("--key", metavar="NHÃN", help="nhãn của khóa ký trên thiết bị (với --pkcs11)")
    p.add_argument(
        "--seal",
        action="store_true",
        help="chữ ký số của cơ quan kèm ảnh con dấu (văn thư), sau chữ ký của người ký",
    )
    p.add_argument(
        "--allow-other-signer",
        action="store_true",
        help="ký cả khi chứng thư số mang tên khác người ký in trên văn bản",
    )
    p.add_argument("--signature-image", metavar="ẢNH.png", help="ảnh chữ ký tay của người ký")
    p.add_argument(
        "--no-signature-image",
        action="store_true",
        help="không kèm ảnh chữ ký (kể cả ảnh đã nạp trong Cài đặt)",
    )
    p.add_argument(
        "--seal-image", metavar="ẢNH.png", help="ảnh con dấu (mặc định: ảnh trong Cài đặt)"
    )
    tsa = p.add_mutually_exclusive_group()
    tsa.add_argument("--tsa", metavar="URL", help="máy chủ cấp dấu thời gian (PAdES B-T)")
    tsa.add_argument(
        "--no-tsa", action="store_true", help="không lấy dấu thời gian dù Cài đặt có máy chủ"
    )
    p.add_argument(
        "--crl",
        action="append",
        default=[],
        metavar="TỆP.crl",
        help="danh sách thu hồi chứng thư của nhà cung cấp (DER/PEM), kiểm tra và gắn kèm chữ ký "
        "(PAdES B-LT) để văn bản còn kiểm tra được ngoại tuyến sau khi chứng thư hết hạn; lặp lại được",
    )
    p.add_argument(
        "--password-env", metavar="BIẾN", help="lấy mật khẩu tệp .p12 từ biến môi trường"
    )
    p.add_argument("--pin-env", metavar="BIẾN", help="lấy mã PIN của thiết bị từ biến môi trường")
    p.add_argument("-o", "--output", required=True, metavar="TỆP.pdf", help="tệp PDF đã ký")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    _refuse_secret_values(p)
    p.set_defaults(func=cmd_sign)


def _refuse_secret_values(parser) -> None:
    """``--password X``/``--pin X`` would put the secret in the shell history and in the process
    list (and argparse would echo it in an error, or take it as a prefix of --password-env):
    accept the option only to refuse it without repeating the value."""
    parser.add_argument(
        "--password", "--pin", dest="secret_on_command_line", help=argparse.SUPPRESS
    )


def _check_no_secret_value(args) -> None:
    from ketluan_desktop.core.errors import ValidationError

    if getattr(args, "secret_on_command_line", None) is not None:
        raise ValidationError(
            "Không ghi mật khẩu/PIN trên dòng lệnh: người khác và lịch sử lệnh sẽ thấy. Hãy nhập "
            "tại dấu nhắc, hoặc với tập lệnh dùng --password-env/--pin-env TÊN_BIẾN."
        )


def _read_image(path: str, what: str) -> bytes:
    from ketluan_desktop.core.errors import ValidationError
    from ketluan_desktop.core.signing.image_prep import prepare_image

    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise ValidationError(f"Không tìm thấy tệp {what}: {p}.") from exc
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {what} {p} ({exc.strerror or exc}).") from exc
    return prepare_image(data, f"Tệp {what} {p.name}")[0]


def _read_crl(path: str) -> bytes:
    from ketluan_desktop.core.errors import ValidationError
    from ketluan_desktop.core.signing.certs import load_revocation_lists

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"Không đọc được tệp danh sách thu hồi {p} ({exc.strerror or exc})."
        ) from exc
    load_revocation_lists(data)  # refused now, before the password is asked
    return data


def _key_source(args, module_setting):
    """Where the key is; ``module_setting()`` reads the PKCS#11 library kept in Settings."""
    from ketluan_desktop.core.errors import ValidationError
    from ketluan_desktop.core.signing.signing_rules import KeySource

    if args.p12:
        if args.token or args.key:
            raise ValidationError("--token và --key chỉ dùng với --pkcs11, không dùng với --p12.")
        return KeySource(p12_path=Path(args.p12))
    module = args.pkcs11 or module_setting()
    if not module:
        raise ValidationError(
            "Chưa có đường dẫn thư viện PKCS#11: hãy ghi sau --pkcs11, hoặc đặt trong Cài đặt → "
            "Chữ ký số."
        )
    if not args.token or not args.key:
        raise ValidationError(
            "Với --pkcs11 cần cả --token (nhãn thiết bị) và --key (nhãn khóa). Dùng «ketluan cert "
            "tokens --pkcs11 …» để xem các thiết bị và khóa."
        )
    return KeySource(pkcs11_module=Path(module), token_label=args.token, key_label=args.key)


@dataclass(frozen=True)
class _Prepared:
    """What is known before the password is asked, and how the signature will be written:
    ``write(key, **options)`` returns the stored signature."""

    version: int
    label: str | None
    source: Any
    tsa: str | None
    write: Callable[..., Any]


def cmd_sign(args) -> int:
    from ketluan_desktop.core.signing._common import quiet_library_logs
    from ketluan_desktop.core.signing.signing_rules import check_output_path, open_key

    _check_no_secret_value(args)
    kind: Kind = "seal" if args.seal else "signer"
    out = check_output_path(args.output)
    signature_image = seal_image = None
    if args.no_signature_image:
        signature_image = b""
    elif args.signature_image:
        signature_image = _read_image(args.signature_image, "ảnh chữ ký")
    if args.seal_image:
        seal_image = _read_image(args.seal_image, "ảnh con dấu")
    crls = tuple(_read_crl(path) for path in args.crl)

    # Everything that can be refused without the key is refused before the password is asked.
    ready = (None if crls else _prepare_plain(args, kind, out)) or _prepare_orm(
        args, kind, out, crls
    )
    source = ready.source
    if source.is_token:
        secret = common.secret(
            f"Mã PIN của thiết bị «{source.token_label}»: ", args.pin_env or args.password_env
        )
    else:
        secret = common.secret(
            f"Mật khẩu của tệp {source.p12_path.name}: ", args.password_env or args.pin_env
        )
    now = common.now()
    quiet_library_logs()
    with open_key(source, secret) as key:
        del secret
        # The file appears under its name only once the signature is committed.
        sig = ready.write(
            key,
            kind=kind,
            now=now,
            signature_image=signature_image,
            seal_image=seal_image,
            tsa_url=ready.tsa,
            expected_version=ready.version,
            allow_other_signer=args.allow_other_signer,
        )
    result = {
        "document_id": args.doc_id,
        "number_symbol": ready.label,
        "kind": kind,
        "signer": sig.signer_name,
        "certificate_serial": sig.certificate_serial,
        "signed_at": sig.signed_at,
        "sha256": sig.sha256,
        "output": str(out),
        "timestamp_server": ready.tsa,
        "validation_data_embedded": bool(crls),
    }
    if args.json:
        common.print_json(result)
    else:
        what = "Đã đóng dấu số của cơ quan lên" if kind == "seal" else "Đã ký số"
        print(f"{what} văn bản {ready.label} ({result['signer']}).")
        print(f"Tệp đã ký: {out}")
        print(f"SHA-256: {result['sha256']}")
    return 0


def _prepare_orm(args, kind: Kind, out: Path, crls: tuple[bytes, ...]) -> _Prepared:
    """Through the ORM: a server, a file to migrate, an account to sign in with, ``--crl``…"""
    from ketluan_desktop.core.documents import records as doc_service
    from ketluan_desktop.core.signing import signed_documents as signing
    from ketluan_desktop.core.signing import signing_settings
    from ketluan_desktop.core.signing.signed_output import sign_to_file

    db = common.database(args)
    with db.session() as s:
        doc = doc_service.get(s, args.doc_id, full=True)
        signing._check_can_sign(doc, kind)
        version, label = doc.version, doc.number_symbol
        source = _key_source(args, lambda: signing_settings.pkcs11_module_path(s))
        tsa = None if args.no_tsa else (args.tsa or signing_settings.tsa_url(s))

    def write(key, **options):
        return sign_to_file(
            db, out, lambda s: signing.sign_document(s, args.doc_id, key, crls=crls, **options)
        )

    return _Prepared(version, label, source, tsa, write)


def _prepare_plain(args, kind: Kind, out: Path) -> _Prepared | None:
    """On a SQLite file the ordinary open would open as it is, through ``sqlite3`` alone (no
    SQLAlchemy to import: issue 14, ``core/signing/plain_signing.py``); None: the ORM's way."""
    import sqlite3

    from ketluan_desktop.core.db import plain_sqlite
    from ketluan_desktop.core.signing import plain_signing
    from ketluan_desktop.core.signing.signed_output import has_pending
    from ketluan_desktop.core.signing.signing_rules import check_can_sign

    if has_pending():  # the ordinary open finishes a signing cut short first (common.database)
        return None
    path = plain_sqlite.plain_file(getattr(args, "db", None), user=getattr(args, "user", None))
    if path is None:
        return None
    try:
        con = plain_signing.connect(path, readonly=True)
    except sqlite3.Error:
        return None
    try:
        doc = plain_signing.read_document(con, args.doc_id)
        if not doc.signatures and plain_signing.layout_profile(con, doc) is None:
            return None  # the office's default layout, which the ORM path may have to seed
        check_can_sign(doc, kind)
        module = plain_signing.setting(con, "signing.pkcs11_module")
        source = _key_source(args, lambda: module)
        tsa = None if args.no_tsa else (args.tsa or plain_signing.setting(con, "signing.tsa_url"))
    except sqlite3.Error:
        return None
    finally:
        con.close()

    def write(key, **options):
        return plain_signing.sign_file(path, out, args.doc_id, key, **options)

    return _Prepared(doc.version, doc.number_symbol, source, tsa or None, write)


def cmd_export_signed(args) -> int:
    from ketluan_desktop.core.signing import signed_documents as signing

    out = signing.check_output_path(args.output)
    db = common.database(args)
    with db.session() as s:
        signing.export_signed(s, args.doc_id, out)
    print(f"Đã lưu bản đã ký: {out}")
    return 0


# ------------------------------------------------------------------------------------ cert


def _register_cert(sub, common_parser) -> None:
    cert = sub.add_parser("cert", help="chứng thư số: tạo chứng thư thử, xem thiết bị ký số")
    csub = cert.add_subparsers(dest="cert_command", metavar="LỆNH")
    csub.required = True
    p = csub.add_parser(
        "make-test",
        parents=[common_parser],
        help="tạo CA thử và chứng thư thử (KIỂM THỬ — không có giá trị pháp lý) để tập huấn",
    )
    p.add_argument("--name", required=True, metavar="HỌ_TÊN", help="họ tên người ký")
    p.add_argument(
        "--org",
        metavar="CƠ_QUAN",
        help="tên cơ quan (mặc định: cơ quan ban hành trong cơ sở dữ liệu, nếu có)",
    )
    p.add_argument("-o", "--output", required=True, metavar="TỆP.p12")
    p.add_argument(
        "--password-env", metavar="BIẾN", help="lấy mật khẩu cho tệp .p12 từ biến môi trường"
    )
    p.add_argument("--days", type=int, default=730, help="số ngày hiệu lực (mặc định 730)")
    p.add_argument(
        "--images",
        action="store_true",
        help="ghi thêm ảnh chữ ký thử và ảnh con dấu thử (PNG) bên cạnh tệp .p12",
    )
    _refuse_secret_values(p)
    p.set_defaults(func=cmd_make_test)

    p = csub.add_parser(
        "tokens", parents=[common_parser], help="liệt kê thiết bị ký số (PKCS#11) và khóa trên đó"
    )
    p.add_argument(
        "--pkcs11", metavar="THƯ_VIỆN", help="thư viện PKCS#11 (mặc định: trong Cài đặt)"
    )
    p.add_argument("--token", metavar="NHÃN", help="chỉ thiết bị này; kèm --pin-env để thấy khóa")
    p.add_argument("--pin-env", metavar="BIẾN", help="lấy mã PIN từ biến môi trường")
    p.add_argument("--json", action="store_true")
    _refuse_secret_values(p)
    p.set_defaults(func=cmd_tokens)


def _default_org(args) -> str | None:
    from ketluan_desktop.core.db.location import resolve
    from ketluan_desktop.core.errors import NotFoundError
    from ketluan_desktop.core.org import organisations as org_service

    location = resolve(getattr(args, "db", None))
    if location.path is not None and not location.path.exists():
        return None
    db = common.database(args)
    try:
        with db.session() as s:
            try:
                body = org_service.issuing_body(s)
            except NotFoundError:
                return None
            return org_service.names_on(s, body, common.today()).name
    finally:
        db.dispose()


def _new_password(env_var: str | None) -> str:
    from ketluan_desktop.core.errors import ValidationError

    if env_var:
        return common.secret("", env_var)
    first = common.secret("Mật khẩu cho tệp .p12 mới: ", None)
    again = common.secret("Nhập lại mật khẩu: ", None)
    if first != again:
        raise ValidationError("Hai lần nhập mật khẩu không giống nhau. Chưa có tệp nào được ghi.")
    return first


def cmd_make_test(args) -> int:
    from ketluan_desktop.core.errors import ValidationError
    from ketluan_desktop.core.fsutil import write_bytes_atomic
    from ketluan_desktop.core.signing import signed_documents as signing
    from ketluan_desktop.core.signing.certs import (
        TEST_MARK,
        make_test_certificates,
        make_test_seal_image,
        make_test_signature_image,
    )

    _check_no_secret_value(args)
    if not 1 <= args.days <= 3650:
        raise ValidationError("Số ngày hiệu lực phải từ 1 đến 3650.")
    out = signing.check_output_path(args.output)
    org = args.org or _default_org(args) or "Cơ quan thử nghiệm"
    password = _new_password(args.password_env)
    made = make_test_certificates(args.name, org, out, password, common.now(), valid_days=args.days)
    print(f"Đã tạo chứng thư thử cho {args.name} ({org}) — {TEST_MARK}.")
    print(f"Tệp khóa và chứng thư: {made.p12_path}")
    print(f"Chứng thư gốc (CA) thử: {made.ca_pem_path}")
    if made.crl_path is not None:
        print(f"Danh sách thu hồi của CA thử (dùng với «ketluan sign --crl»): {made.crl_path}")
    if args.images:
        sig_path = out.with_name(f"{out.stem}-chu-ky.png")
        seal_path = out.with_name(f"{out.stem}-con-dau.png")
        write_bytes_atomic(sig_path, make_test_signature_image(args.name))
        write_bytes_atomic(seal_path, make_test_seal_image(org))
        print(f"Ảnh chữ ký thử: {sig_path}")
        print(f"Ảnh con dấu thử: {seal_path}")
    print(
        "Để chữ ký thử được coi là tin cậy khi kiểm tra: «ketluan trust add "
        f"{made.ca_pem_path.name}» (chỉ dùng khi tập huấn)."
    )
    return 0


def cmd_tokens(args) -> int:
    from ketluan_desktop.core.errors import ValidationError
    from ketluan_desktop.core.signing.keys import open_pkcs11_module

    _check_no_secret_value(args)
    module_path = args.pkcs11
    if not module_path:
        from ketluan_desktop.core.signing import signing_settings

        with common.database(args).session() as s:
            module_path = signing_settings.pkcs11_module_path(s)
    if not module_path:
        raise ValidationError(
            "Chưa có đường dẫn thư viện PKCS#11: hãy ghi sau --pkcs11, hoặc đặt trong Cài đặt."
        )
    module = open_pkcs11_module(module_path)
    tokens = module.tokens()
    if args.token:
        tokens = [t for t in tokens if t.label == args.token] or tokens
    pin = common.secret("", args.pin_env) if args.pin_env else None
    rows = []
    for t in tokens:
        keys = []
        if not t.pin_locked and (args.token is None or t.label == args.token):
            for k in module.keys(t.label, pin if args.token else None):
                cert = k.certificate
                keys.append(
                    {
                        "label": k.label,
                        "id": k.key_id,
                        "has_private_key": k.has_private_key,
                        "subject": cert.subject.rfc4514_string() if cert else None,
                        "valid_to": cert.not_valid_after_utc if cert else None,
                    }
                )
        rows.append(
            {
                "label": t.label,
                "serial": t.serial,
                "manufacturer": t.manufacturer,
                "model": t.model,
                "pin_locked": t.pin_locked,
                "keys": keys,
            }
        )
    if args.json:
        common.print_json(rows)
        return 0
    if not rows:
        print("Không có thiết bị ký số nào đang cắm.")
    for r in rows:
        locked = " — ĐÃ KHÓA PIN" if r["pin_locked"] else ""
        print(
            f"Thiết bị «{r['label']}» ({r['manufacturer']} {r['model']}, số {r['serial']}){locked}"
        )
        for k in r["keys"]:
            print(f"  Khóa «{k['label']}»: {k['subject'] or '(không có chứng thư)'}")
    return 0


# ----------------------------------------------------------------------------------- trust


def _register_trust(sub, common_parser) -> None:
    t = sub.add_parser("trust", help="danh sách chứng thư gốc tin cậy khi kiểm tra chữ ký")
    tsub = t.add_subparsers(dest="trust_command", metavar="LỆNH")
    tsub.required = True
    p = tsub.add_parser("list", parents=[common_parser], help="liệt kê")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_trust_list)
    p = tsub.add_parser("add", parents=[common_parser], help="thêm chứng thư gốc (.cer/.crt/.pem)")
    p.add_argument("files", nargs="+", metavar="TỆP")
    p.set_defaults(func=cmd_trust_add)
    p = tsub.add_parser("remove", parents=[common_parser], help="bỏ một chứng thư gốc theo mã số")
    p.add_argument("root_id", type=int, metavar="MÃ_SỐ")
    p.set_defaults(func=cmd_trust_remove)


def cmd_trust_list(args) -> int:
    from ketluan_desktop.core.signing import trusted_roots as trust

    with common.database(args).session() as s:
        rows = trust.list_roots(s)
    if args.json:
        common.print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print("Chưa có chứng thư gốc tin cậy nào.")
    now = common.now()
    for r in rows:
        until = format_date(r.not_after.astimezone(now.tzinfo)) if r.not_after else "—"
        note = " (đã hết hạn)" if r.expired(now) else ""
        test = " [KIỂM THỬ]" if r.test_certificate else ""
        print(
            f"{r.id:>4}  {r.subject}{test} — hiệu lực đến {until}{note}  SHA-256 {r.sha256[:16]}…"
        )
    return 0


def cmd_trust_add(args) -> int:
    from ketluan_desktop.core.signing import trusted_roots as trust

    with common.database(args).write_session() as s:
        added = [row for f in args.files for row in trust.add_root_file(s, f, now=common.now())]
    for r in added:
        print(f"Đã thêm chứng thư gốc tin cậy: {r.subject} (mã số {r.id}).")
    return 0


def cmd_trust_remove(args) -> int:
    from ketluan_desktop.core.signing import trusted_roots as trust

    with common.database(args).write_session() as s:
        trust.remove_root(s, args.root_id, now=common.now())
    print(f"Đã bỏ chứng thư gốc mã số {args.root_id} khỏi danh sách tin cậy.")
    return 0


# ---------------------------------------------------------------------------------- images


def _register_images(sub, common_parser) -> None:
    t = sub.add_parser("signing-image", help="ảnh chữ ký tay và ảnh con dấu dùng khi ký số")
    isub = t.add_subparsers(dest="image_command", metavar="LỆNH")
    isub.required = True
    p = isub.add_parser("list", parents=[common_parser], help="liệt kê")
    p.set_defaults(func=cmd_image_list)
    p = isub.add_parser("add", parents=[common_parser], help="nạp (hoặc thay) một ảnh")
    p.add_argument("kind", choices=["signature", "seal"], help="signature: chữ ký; seal: con dấu")
    p.add_argument("name", metavar="TÊN", help="tên người ký (chữ ký) hoặc tên cơ quan (con dấu)")
    p.add_argument("file", metavar="ẢNH.png")
    p.set_defaults(func=cmd_image_add)
    p = isub.add_parser("remove", parents=[common_parser], help="xóa một ảnh theo mã số")
    p.add_argument("image_id", type=int, metavar="MÃ_SỐ")
    p.set_defaults(func=cmd_image_remove)


def cmd_image_list(args) -> int:
    from ketluan_desktop.core.signing import signed_documents as signing

    with common.database(args).session() as s:
        rows = signing.list_images(s)
    if not rows:
        print("Chưa có ảnh chữ ký hay con dấu nào.")
    for r in rows:
        print(f"{r.id:>4}  {r.kind_label:<12} {r.name}  ({r.width}×{r.height})")
    return 0


def cmd_image_add(args) -> int:
    from ketluan_desktop.core.errors import ValidationError
    from ketluan_desktop.core.signing import signed_documents as signing

    p = Path(args.file)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp ảnh {p} ({exc.strerror or exc}).") from exc
    with common.database(args).write_session() as s:
        row, cleared = signing.set_image(s, args.kind, args.name, data, now=common.now())
    print(f"Đã nạp {row.kind_label} của {row.name} (mã số {row.id}).")
    if cleared:
        print("Ảnh không có nền trong suốt: nền trắng đã được làm trong suốt.", file=sys.stderr)
    return 0


def cmd_image_remove(args) -> int:
    from ketluan_desktop.core.signing import signed_documents as signing

    with common.database(args).write_session() as s:
        signing.remove_image(s, args.image_id, now=common.now())
    print(f"Đã xóa ảnh mã số {args.image_id}.")
    return 0

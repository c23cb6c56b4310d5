"""The office's trusted roots and the signature/seal images kept in the database."""

from __future__ import annotations

from io import BytesIO

import pytest
from signing_service_support import NOW, ORG, SIGNER
from sqlalchemy import select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.errors import ConflictError, NotFoundError, ValidationError
from ketluan_desktop.core.signing import signed_documents as signing
from ketluan_desktop.core.signing import trusted_roots as trust

# --- trusted roots ------------------------------------------------------------------------------


def _der(pem: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return x509.load_pem_x509_certificate(pem).public_bytes(Encoding.DER)


def test_roots_import_from_pem_der_and_cer_files(db, pki, tmp_path):
    cer = tmp_path / "goc-ban-co-yeu.cer"
    cer.write_bytes(_der(pki.org_ca))
    with db.write_session() as s:
        (a,) = trust.add_roots(s, pki.signer_ca, now=NOW)
        (b,) = trust.add_root_file(s, cer, now=NOW)
    with db.session() as s:
        rows = trust.list_roots(s)
        assert [r.id for r in rows] == [a.id, b.id]
        assert all(r.test_certificate and r.subject.startswith("CA KIỂM THỬ") for r in rows)
        assert rows[1].organisation == f"KếtLuận Desktop — {ORG}"
        assert not rows[0].expired(NOW) and rows[0].to_json()["sha256"] == a.sha256
        assert trust.root_certificates(s) == [_der(pki.signer_ca), _der(pki.org_ca)]
        actions = s.scalars(select(AuditEntry.summary).where(AuditEntry.entity == "trusted_root"))
        assert len(list(actions)) == 2


def test_a_pem_bundle_imports_all_or_nothing(db, pki):
    with db.write_session() as s:
        trust.add_roots(s, pki.org_ca, now=NOW)
    with db.write_session() as s, pytest.raises(ConflictError, match="đã có trong danh sách"):
        trust.add_roots(s, pki.signer_ca + pki.org_ca, now=NOW)
    with db.session() as s:
        assert len(trust.list_roots(s)) == 1  # the new one of the pair was not kept either


def test_duplicates_are_refused(db, pki):
    with db.write_session() as s:
        trust.add_roots(s, pki.signer_ca, now=NOW)
    with db.write_session() as s, pytest.raises(ConflictError, match="đã có trong danh sách"):
        trust.add_roots(s, _der(pki.signer_ca), now=NOW)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "rỗng"),
        (b"-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n", "không phải chứng thư"),
        (b"%PDF-1.7 not a certificate", "không phải chứng thư"),
    ],
)
def test_files_that_are_not_certificates_are_refused(db, tmp_path, content, message):
    path = tmp_path / "goc.pem"
    path.write_bytes(content)
    with db.write_session() as s, pytest.raises(ValidationError, match=message):
        trust.add_root_file(s, path, now=NOW)


def test_a_p12_or_a_signers_certificate_is_not_a_root(db, pki):
    from cryptography.hazmat.primitives.serialization import Encoding

    with db.write_session() as s, pytest.raises(ValidationError, match=r"\.p12/\.pfx"):
        trust.add_root_file(s, pki.signer_p12, now=NOW)
    cert = pki.signer_key().certificate.public_bytes(Encoding.PEM)
    with db.write_session() as s, pytest.raises(ValidationError, match="không phải chứng thư gốc"):
        trust.add_roots(s, cert, now=NOW)


def test_missing_files_and_folders(db, tmp_path):
    with db.write_session() as s, pytest.raises(ValidationError, match="Không tìm thấy tệp"):
        trust.add_root_file(s, tmp_path / "không.cer", now=NOW)
    with db.write_session() as s, pytest.raises(ValidationError, match="là một thư mục"):
        trust.add_root_file(s, tmp_path, now=NOW)


def test_roots_are_removed(db, pki):
    with db.write_session() as s:
        (row,) = trust.add_roots(s, pki.signer_ca, now=NOW)
    with db.write_session() as s:
        trust.remove_root(s, row.id, now=NOW)
    with db.session() as s:
        assert trust.list_roots(s) == []
    with db.write_session() as s, pytest.raises(NotFoundError):
        trust.remove_root(s, row.id, now=NOW)


def test_trust_files_from_the_command_line_join_the_list(db, pki, tmp_path):
    extra = tmp_path / "them.pem"
    extra.write_bytes(pki.org_ca)
    with db.write_session() as s:
        trust.add_roots(s, pki.signer_ca, now=NOW)
    with db.session() as s:
        roots = trust.trust_roots_with(s, [extra])
    assert roots == [_der(pki.signer_ca), pki.org_ca]
    bad = tmp_path / "hong.pem"
    bad.write_text("không phải chứng thư")
    with pytest.raises(ValidationError, match=r"hong\.pem"):
        trust.trust_roots_with(None, [bad])


# --- images -------------------------------------------------------------------------------------


def _image(mode: str, fmt: str, colour) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new(mode, (120, 60), colour)
    ImageDraw.Draw(img).line((10, 50, 110, 10), fill=(20, 45, 170) if mode != "L" else 0, width=6)
    out = BytesIO()
    img.save(out, format=fmt, dpi=(300, 300))
    return out.getvalue()


def test_a_transparent_png_is_kept_as_it_is(db, images):
    with db.write_session() as s:
        row, cleared = signing.set_image(s, "seal", ORG, images["seal"], now=NOW)
    assert not cleared and row.kind_label == "ảnh con dấu"
    with db.session() as s:
        assert signing.image_bytes(s, row.id) == images["seal"]
        assert signing.find_image(s, "seal", "không khớp tên") == images["seal"]  # the only seal


def test_a_scan_on_white_paper_gets_a_transparent_background(db):
    from PIL import Image

    jpeg = _image("RGB", "JPEG", (255, 255, 255))
    with db.write_session() as s:
        row, cleared = signing.set_image(s, "signature", SIGNER, jpeg, now=NOW)
    assert cleared
    with db.session() as s:
        png = signing.image_bytes(s, row.id)
    with Image.open(BytesIO(png)) as img:
        assert img.format == "PNG" and img.mode == "RGBA"
        assert img.getpixel((2, 2))[3] == 0  # paper gone
        assert round(img.info["dpi"][0]) == 300  # real size kept for the seal
        assert img.getchannel("A").getextrema()[1] == 255  # ink kept


def test_images_are_found_by_name_without_accents_and_replaced(db, images):
    with db.write_session() as s:
        first, _ = signing.set_image(s, "signature", SIGNER, images["signature"], now=NOW)
        again, _ = signing.set_image(s, "signature", "Hoàng Thanh Hải", images["seal"], now=NOW)
    assert again.id == first.id
    with db.session() as s:
        assert signing.find_image(s, "signature", None, "hoang thanh hai") == images["seal"]
        assert signing.find_image(s, "signature", "Nguyễn Văn A") is None
        assert [r.name for r in signing.list_images(s, "signature")] == [SIGNER]


def _blank_png() -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"", "rỗng"),
        (lambda: b"not an image at all", "không đọc được"),
        (_blank_png, "trống"),
    ],
    ids=["empty", "not-an-image", "blank"],
)
def test_bad_images_are_refused(db, make, message):
    with db.write_session() as s, pytest.raises(ValidationError, match=message):
        signing.set_image(s, "seal", ORG, make(), now=NOW)


def test_an_image_needs_a_name_and_a_known_kind(db, images):
    with db.write_session() as s, pytest.raises(ValidationError, match="Hãy nhập tên"):
        signing.set_image(s, "signature", "  ", images["signature"], now=NOW)
    with db.write_session() as s, pytest.raises(ValidationError, match="Loại ảnh"):
        signing.set_image(s, "logo", "x", images["signature"], now=NOW)  # type: ignore[arg-type]


def test_images_are_removed(db, images):
    with db.write_session() as s:
        row, _ = signing.set_image(s, "seal", ORG, images["seal"], now=NOW)
    with db.write_session() as s:
        signing.remove_image(s, row.id, now=NOW)
    with db.session() as s:
        assert signing.list_images(s) == []
    with db.write_session() as s, pytest.raises(NotFoundError):
        signing.remove_image(s, row.id, now=NOW)

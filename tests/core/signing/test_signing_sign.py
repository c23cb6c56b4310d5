"""Signing with a .p12: PAdES B-B checked by pyHanko and by poppler's pdfsig; tampering found."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from signing_support import NOW, ORG, SIGNER, SIGNER_BOX, build_vietnamese_pdf, run_pdfsig

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.signing.certs import make_test_seal_image, make_test_signature_image
from ketluan_desktop.core.signing.sign import sign_pdf, write_signed_pdf
from ketluan_desktop.core.signing.verify import (
    VERDICT_ALTERED,
    VERDICT_VALID,
    verify_pdf,
)


def _sign(pdf, key, **kw):
    args = {"box": SIGNER_BOX, "name": SIGNER, "organisation": ORG, "now": NOW}
    args.update(kw)
    return sign_pdf(pdf, key, **args)


@pytest.fixture(scope="module")
def signed(vn_pdf, signer_key) -> bytes:
    return _sign(
        vn_pdf,
        signer_key,
        signature_image=make_test_signature_image(SIGNER),
        reason="Ban hành Kết luận",
        location="Tỉnh ủy",
    )


@pytest.fixture(scope="module")
def sealed(signed, org_key) -> bytes:
    return _sign(
        signed,
        org_key,
        kind="seal",
        name="",
        now=NOW + timedelta(minutes=5),
        seal_image=make_test_seal_image(ORG),
    )


def test_signature_is_pades_bb_incremental_and_valid_for_both_validators(
    vn_pdf, signed, pki, tmp_path
):
    assert signed.startswith(vn_pdf), "an incremental update must keep the original bytes"
    report = verify_pdf(signed, pki.roots, NOW)
    assert report.verdict == VERDICT_VALID and report.ok
    (sig,) = report.signatures
    assert sig.intact and sig.signature_valid and sig.trusted and sig.covers_whole_file
    assert sig.hash_algorithm == "sha256"
    assert sig.signing_time == NOW  # the caller's clock, not the machine's
    assert (sig.signer_name, sig.signer_organisation) == (SIGNER, ORG)
    assert sig.field_name == "ChuKyNguoiKy"

    (poppler,) = run_pdfsig(signed, tmp_path)
    assert poppler.valid and poppler.total, poppler.text
    assert "ETSI.CAdES.detached" in poppler.text  # the PAdES subfilter
    assert "SHA-256" in poppler.text


def test_signature_dictionary_carries_reason_location_and_time(signed):
    from pypdf import PdfReader

    sig = PdfReader(BytesIO(signed)).get_fields()["ChuKyNguoiKy"]["/V"]
    assert sig["/Reason"] == "Ban hành Kết luận"
    assert sig["/Location"] == "Tỉnh ủy"
    assert sig["/M"].startswith("D:20240710")


def test_invisible_signature(vn_pdf, signer_key, pki, tmp_path):
    out = _sign(vn_pdf, signer_key, box=None)
    assert verify_pdf(out, pki.roots, NOW).verdict == VERDICT_VALID
    assert all(s.valid for s in run_pdfsig(out, tmp_path))


def test_signer_then_seal_both_stay_valid(sealed, pki, tmp_path):
    report = verify_pdf(sealed, pki.roots, NOW + timedelta(minutes=6))
    assert report.verdict == VERDICT_VALID and report.ok
    first, second = report.signatures
    assert (first.field_name, second.field_name) == ("ChuKyNguoiKy", "ChuKyCoQuan")
    assert not first.covers_whole_file and first.changes_after == ["signature"]
    assert "thêm chữ ký số khác" in first.changes_text
    assert second.covers_whole_file
    assert second.signing_time == NOW + timedelta(minutes=5)

    a, b = run_pdfsig(sealed, tmp_path)
    assert a.valid and not a.total, a.text
    assert b.valid and b.total, b.text


def test_a_second_signer_signature_gets_its_own_field(signed, signer_key, pki):
    out = _sign(signed, signer_key, box=None)
    names = [s.field_name for s in verify_pdf(out, pki.roots, NOW).signatures]
    assert names == ["ChuKyNguoiKy", "ChuKyNguoiKy2"]


def _flip_inside_signed_range(pdf: bytes) -> bytes:
    data = bytearray(pdf)
    # A byte inside the first page's content stream: still a parseable PDF, different content.
    start = pdf.index(b"stream\n", 200) + 30
    data[start] ^= 0x20
    return bytes(data)


def test_flipped_byte_is_reported_by_both(signed, pki, tmp_path):
    tampered = _flip_inside_signed_range(signed)
    report = verify_pdf(tampered, pki.roots, NOW)
    assert report.verdict == VERDICT_ALTERED and not report.ok
    assert not report.signatures[0].intact
    (poppler,) = run_pdfsig(tampered, tmp_path)
    assert not poppler.valid and "Digest Mismatch" in poppler.text


def test_flipped_byte_breaks_both_signatures_of_a_sealed_file(sealed, pki, tmp_path):
    tampered = _flip_inside_signed_range(sealed)
    report = verify_pdf(tampered, pki.roots, NOW)
    assert report.verdict == VERDICT_ALTERED
    assert [s.intact for s in report.signatures] == [False, False]
    assert [s.valid for s in run_pdfsig(tampered, tmp_path)] == [False, False]


def _append_page_content(pdf: bytes) -> bytes:
    """An unsigned incremental update that draws on page 1: a change to what the document says."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(BytesIO(pdf))
    ref = w.add_object(generic.StreamObject(stream_data=b"0 0 0 rg 100 100 200 50 re f"))
    w.add_stream_to_page(0, ref)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def test_content_changed_after_signing_is_reported_by_both(signed, pki, tmp_path):
    tampered = _append_page_content(signed)
    report = verify_pdf(tampered, pki.roots, NOW)
    assert report.verdict == VERDICT_ALTERED and not report.ok
    sig = report.signatures[0]
    assert sig.intact  # the signed bytes are untouched: the change was added after them
    assert sig.changes_after == ["content"]
    assert "thay đổi nội dung" in sig.changes_text
    (poppler,) = run_pdfsig(tampered, tmp_path)
    # pdfsig cannot judge the update; it agrees that the signature no longer covers the file.
    assert poppler.valid and not poppler.total, poppler.text


def test_content_changed_after_the_seal_is_reported(sealed, pki, tmp_path):
    report = verify_pdf(_append_page_content(sealed), pki.roots, NOW)
    assert report.verdict == VERDICT_ALTERED
    assert [s.altered for s in report.signatures] == [True, True]


def test_annotation_added_after_signing_is_not_vouched_for(signed, pki):
    # pyHanko 0.38's modification analysis has no rule for annotations yet (only signature
    # widgets), so a comment added after signing is an unexplained change: reported, not hidden.
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(BytesIO(signed))
    page_ref, _res = w.find_page_for_modification(0)
    annot = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (50, 50, 70, 70)]
            ),
            generic.NameObject("/Contents"): generic.TextStringObject("Ghi chú"),
        }
    )
    w.register_annotation(page_ref, w.add_object(annot))
    out = BytesIO()
    w.write(out)
    sig = verify_pdf(out.getvalue(), pki.roots, NOW).signatures[0]
    assert sig.intact and sig.altered and sig.changes_after == ["content"]


# --- refusals ---------------------------------------------------------------------------------


def test_refuses_non_pdf(signer_key):
    with pytest.raises(SigningError, match="không phải tệp PDF"):
        _sign(b"PK\x03\x04 a zip file, not a PDF", signer_key)
    with pytest.raises(SigningError, match="Tệp rỗng"):
        _sign(b"", signer_key)


def test_refuses_broken_pdf(signer_key):
    with pytest.raises(SigningError, match="bị hỏng"):
        _sign(b"%PDF-1.7\n garbage without objects", signer_key)


def test_refuses_encrypted_pdf(signer_key):
    encrypted = build_vietnamese_pdf(1, encrypt="mật khẩu")
    with pytest.raises(SigningError, match="đặt mật khẩu hoặc mã hóa"):
        _sign(encrypted, signer_key)


@pytest.mark.parametrize(
    ("box", "message"),
    [
        ((7, 300, 160, 540, 240), "văn bản chỉ có 3 trang"),
        ((2, 300, 160, 900, 240), "nằm ngoài trang"),
        ((2, 540, 160, 300, 240), "quá nhỏ hoặc bị ngược"),
        ((2, 300, 160), "Vị trí chữ ký không hợp lệ"),
    ],
)
def test_refuses_bad_box(vn_pdf, signer_key, box, message):
    with pytest.raises(SigningError, match=message):
        _sign(vn_pdf, signer_key, box=box)


def test_seal_needs_a_seal_image(signed, org_key):
    with pytest.raises(SigningError, match="cần ảnh con dấu"):
        _sign(signed, org_key, kind="seal")


def test_refuses_unreadable_images(vn_pdf, signer_key):
    with pytest.raises(SigningError, match="Không đọc được ảnh chữ ký"):
        _sign(vn_pdf, signer_key, signature_image=b"not a png")


def test_refuses_unknown_kind_and_naive_time(vn_pdf, signer_key):
    with pytest.raises(SigningError, match="Loại chữ ký không hợp lệ"):
        _sign(vn_pdf, signer_key, kind="witness")
    with pytest.raises(SigningError, match="múi giờ"):
        _sign(vn_pdf, signer_key, now=NOW.replace(tzinfo=None))


def test_refuses_when_certificate_expired_at_now(vn_pdf, signer_key):
    with pytest.raises(SigningError, match="đã hết hạn"):
        _sign(vn_pdf, signer_key, now=NOW + timedelta(days=3 * 365))


def test_write_signed_pdf_is_atomic_and_checks_content(signed, tmp_path):
    target = tmp_path / "ký.pdf"
    target.write_bytes(b"old")
    write_signed_pdf(target, signed)
    assert target.read_bytes() == signed
    assert [p.name for p in tmp_path.iterdir()] == ["ký.pdf"]  # no temporary file left behind
    with pytest.raises(SigningError):
        write_signed_pdf(tmp_path / "x.pdf", b"not a pdf")
    assert not (tmp_path / "x.pdf").exists()

"""Signing documents in the database: the signer, then the office's seal; what is stored; what is
refused (with nothing written)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from signing_service_support import NOW, ORG, SIGNER
from sqlalchemy import func, select

from ketluan_desktop.core.audit.models import AuditEntry
from ketluan_desktop.core.documents import records as documents
from ketluan_desktop.core.documents.models import Document, DocumentSignature
from ketluan_desktop.core.errors import (
    ConflictError,
    DocumentStateError,
    SignerMismatchError,
    SigningError,
    ValidationError,
)
from ketluan_desktop.core.signing import signature_fields, signing_settings
from ketluan_desktop.core.signing import signed_documents as signing
from ketluan_desktop.core.signing.verify import (
    VERDICT_ALTERED,
    VERDICT_UNTRUSTED,
    VERDICT_VALID,
    verify_pdf,
)

LATER = NOW + timedelta(minutes=20)


def _sign(db, doc_id, key, kind="signer", when=NOW, **kw):
    with db.write_session() as s:
        sig = signing.sign_document(s, doc_id, key, kind=kind, now=when, **kw)
        return bytes(sig.pdf)


def _counts(db) -> tuple[int, int, str]:
    with db.session() as s:
        sigs = s.scalar(select(func.count()).select_from(DocumentSignature))
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
        status = s.scalar(select(Document.status).where(Document.number_symbol == "105-KL/ĐUK"))
    return sigs, audits, status


@pytest.fixture
def signed(demo_db, doc_id, pki, images):
    with demo_db.write_session() as s:
        signing.set_image(s, "signature", SIGNER, images["signature"], now=NOW)
        signing.set_image(s, "seal", ORG, images["seal"], now=NOW)
    return _sign(demo_db, doc_id, pki.signer_key())


def test_the_signer_signs_an_issued_document(demo_db, doc_id, signed, pki, pdfsig):
    with demo_db.session() as s:
        doc = documents.get(s, doc_id)
        assert doc.status == "signed"
        (row,) = doc.signatures
        assert row.kind == "signer" and row.signer_name == SIGNER
        assert bytes(row.pdf) == signed
        assert row.sha256 == hashlib.sha256(signed).hexdigest()
        assert SIGNER in row.certificate_subject and row.certificate_serial
        assert row.signed_at == NOW
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "sign")).one()
        assert audit.entity_id == doc_id and "105-KL/ĐUK" in audit.summary
        assert pki.password not in repr(audit.changes) and "password" not in repr(audit.changes)
        # Read-only from now on: the editor's guard refuses it.
        with pytest.raises(DocumentStateError, match="văn bản thay thế"):
            documents.ensure_editable(doc)
    report = verify_pdf(signed, pki.roots, LATER)
    assert report.verdict == VERDICT_VALID and report.ok
    (sig,) = report.signatures
    assert sig.covers_whole_file and sig.hash_algorithm == "sha256"
    (poppler,) = pdfsig(signed)
    assert poppler.valid and poppler.total, poppler.text


def test_the_visible_signature_sits_in_the_renderers_signer_block(demo_db, doc_id, signed):
    with demo_db.session() as s:
        _pdf, box = signing.render_for_signing(s, documents.get(s, doc_id, full=True))
    (loc,) = signature_fields.signature_locations(signed)
    assert loc.field_name == "ChuKyNguoiKy" and loc.page_index == box[0]
    assert loc.rect == pytest.approx(box[1:], abs=0.01)


def test_the_office_seals_on_top_and_both_signatures_stay_valid(
    demo_db, doc_id, signed, pki, pdfsig
):
    sealed = _sign(demo_db, doc_id, pki.org_key(), kind="seal", when=NOW + timedelta(minutes=5))
    assert sealed.startswith(signed)  # an incremental update: the signer's bytes untouched
    report = verify_pdf(sealed, pki.roots, LATER)
    assert report.verdict == VERDICT_VALID and report.ok
    first, second = report.signatures
    assert (first.field_name, second.field_name) == ("ChuKyNguoiKy", "ChuKyCoQuan")
    assert first.changes_after == ["signature"] and second.covers_whole_file
    a, b = pdfsig(sealed)
    assert a.valid and not a.total, a.text
    assert b.valid and b.total, b.text
    locs = {loc.field_name: loc for loc in signature_fields.signature_locations(sealed)}
    seal, signer = locs["ChuKyCoQuan"].rect, locs["ChuKyNguoiKy"].rect
    # the seal's widget reaches from left of the signature (centred in the block) over it
    assert seal[0] < (signer[0] + signer[2]) / 2 < seal[2]
    with demo_db.session() as s:
        assert [r.kind for r in signing.signatures(s, doc_id)] == ["signer", "seal"]
        assert signing.signed_pdf(s, doc_id) == sealed
        assert documents.get(s, doc_id).status == "signed"
        assert signing.verify_document(s, doc_id, now=LATER).verdict == VERDICT_UNTRUSTED
        assert signing.signable_kinds(s, doc_id) == []


def test_verify_document_uses_the_offices_trust_list(demo_db, doc_id, signed, pki):
    from ketluan_desktop.core.signing import trusted_roots as trust

    with demo_db.write_session() as s:
        trust.add_roots(s, pki.signer_ca, now=NOW)
    with demo_db.session() as s:
        assert signing.verify_document(s, doc_id, now=LATER).verdict == VERDICT_VALID


def test_a_draft_cannot_be_signed_and_nothing_is_written(demo_db, pki):
    from ketluan_desktop.core.documents.content import DocumentContent

    with demo_db.write_session() as s:
        draft = documents.create(s, DocumentContent(type_code="TB", subject="Dự thảo"), now=NOW)
        draft_id = draft.id
    before = _counts(demo_db)
    with pytest.raises(DocumentStateError, match=r"còn là dự thảo.*ban hành"):
        _sign(demo_db, draft_id, pki.signer_key())
    assert _counts(demo_db) == before


def test_a_certificate_of_someone_else_is_refused_unless_confirmed(demo_db, doc_id, pki):
    before = _counts(demo_db)
    with pytest.raises(SignerMismatchError, match=r"«Đảng ủy Khối.*«Hoàng Thanh Hải»"):
        _sign(demo_db, doc_id, pki.org_key())
    assert _counts(demo_db) == before
    _sign(demo_db, doc_id, pki.org_key(), allow_other_signer=True)
    with demo_db.session() as s:
        (row,) = documents.get(s, doc_id).signatures
        assert row.kind == "signer" and row.signer_name == ORG


def test_the_holder_name_is_compared_without_case_or_marks(demo_db, doc_id):
    with demo_db.session() as s:
        doc = documents.get(s, doc_id)
        signing.check_signer_matches(doc, "HOANG THANH HAI")
        signing.check_signer_matches(doc, "Hoàng Thanh Hải")
        with pytest.raises(SignerMismatchError):
            signing.check_signer_matches(doc, "Hoàng Thanh Hà")


def test_a_replaced_document_cannot_be_signed(demo_db, doc_id, pki):
    with demo_db.write_session() as s:
        s.get(Document, doc_id).status = "replaced"
    with pytest.raises(DocumentStateError, match="đã được thay thế"):
        _sign(demo_db, doc_id, pki.signer_key())


def test_the_seal_waits_for_the_signer(demo_db, doc_id, pki, images):
    with demo_db.write_session() as s:
        assert signing.signable_kinds(s, doc_id) == ["signer"]
    with pytest.raises(DocumentStateError, match="chưa có chữ ký số của người có thẩm quyền"):
        _sign(demo_db, doc_id, pki.org_key(), kind="seal", seal_image=images["seal"])


def test_no_second_signer_and_no_second_seal(demo_db, doc_id, signed, pki):
    before = _counts(demo_db)
    with pytest.raises(DocumentStateError, match="không ký lại được"):
        _sign(demo_db, doc_id, pki.signer_key())
    _sign(demo_db, doc_id, pki.org_key(), kind="seal")
    with pytest.raises(DocumentStateError, match="không đóng dấu lại"):
        _sign(demo_db, doc_id, pki.org_key(), kind="seal")
    assert _counts(demo_db)[0] == before[0] + 1


def test_a_seal_needs_its_image(demo_db, doc_id, pki):
    _sign(demo_db, doc_id, pki.signer_key(), signature_image=b"")
    before = _counts(demo_db)
    with pytest.raises(SigningError, match=r"Chưa có ảnh con dấu.*Cài đặt → Chữ ký số"):
        _sign(demo_db, doc_id, pki.org_key(), kind="seal")
    assert _counts(demo_db) == before


@pytest.mark.parametrize(
    ("made_at", "days", "usage", "message"),
    [
        (NOW - timedelta(days=40), 30, None, "đã hết hạn"),
        (NOW + timedelta(days=2), 30, None, "chưa đến thời hạn"),
        (NOW - timedelta(days=1), 30, ("key_encipherment",), "thiếu mục đích ký số"),
    ],
    ids=["expired", "not-yet-valid", "no-digital-signature-usage"],
)
def test_unusable_certificates_are_refused(
    demo_db, doc_id, tmp_path, made_at, days, usage, message
):
    from ketluan_desktop.core.signing.certs import make_test_certificates
    from ketluan_desktop.core.signing.keys import load_pkcs12

    kwargs = {"key_usage": usage} if usage else {}
    made = make_test_certificates(
        SIGNER, ORG, tmp_path / "x.p12", "x", made_at, valid_days=days, **kwargs
    )
    before = _counts(demo_db)
    with pytest.raises(SigningError, match=message):
        _sign(demo_db, doc_id, load_pkcs12(made.p12_path, "x"))
    assert _counts(demo_db) == before


def test_an_unreachable_timestamp_server_writes_nothing(demo_db, doc_id, pki):
    before = _counts(demo_db)
    with pytest.raises(SigningError, match="Không lấy được dấu thời gian từ máy chủ"):
        _sign(demo_db, doc_id, pki.signer_key(), tsa_url="http://127.0.0.1:9/")
    assert _counts(demo_db) == before


def test_a_change_made_meanwhile_is_detected(demo_db, doc_id, pki):
    with demo_db.session() as s:
        seen = signing.document_version(s, doc_id)
    _sign(demo_db, doc_id, pki.signer_key())  # someone else, at another workstation
    before = _counts(demo_db)
    with pytest.raises(ConflictError, match="vừa được thay đổi"):
        _sign(demo_db, doc_id, pki.signer_key(), expected_version=seen)
    assert _counts(demo_db) == before


def test_a_concurrent_update_fails_the_flush_instead_of_overwriting(demo_db, doc_id, pki):
    """Two sessions over one row: the version column turns the loser's write into a
    ConflictError (the case a database server would show)."""
    with demo_db.session() as s:
        doc = documents.get(s, doc_id, full=True)
        doc.signatures  # noqa: B018 - loaded before the other writer commits
        s.execute(  # the other writer, as a raw update in this same transaction's view
            Document.__table__.update()
            .where(Document.id == doc_id)
            .values(version=Document.version + 1)
        )
        with pytest.raises(ConflictError, match="vừa được thay đổi"):
            signing.sign_document(s, doc_id, pki.signer_key(), kind="signer", now=NOW)
        s.rollback()
    assert _counts(demo_db)[0] == 0


def test_a_stored_pdf_altered_in_the_database_is_refused(demo_db, doc_id, signed, pki):
    with demo_db.write_session() as s:
        row = s.scalars(select(DocumentSignature)).one()
        data = bytearray(row.pdf)
        data[500] ^= 1
        row.pdf = bytes(data)
    with demo_db.session() as s, pytest.raises(SigningError, match="không khớp mã băm"):
        signing.signed_pdf(s, doc_id)
    with pytest.raises(SigningError, match="không khớp mã băm"):
        _sign(demo_db, doc_id, pki.org_key(), kind="seal")


def test_a_document_without_a_signer_block_is_signed_invisibly(demo_db, pki, pdfsig):
    from ketluan_desktop.core.documents.content import (
        Block,
        BlockKind,
        DocumentContent,
        DocumentStatus,
    )
    from ketluan_desktop.core.documents.content import Section as DSection

    content = DocumentContent(
        type_code="TB",
        subject="Thông báo lịch họp",
        number_symbol="12-TB/ĐUK",
        issuer=ORG,
        sections=[DSection(None, None, [Block(BlockKind.PARAGRAPH, "Nội dung thông báo.")])],
    )
    with demo_db.write_session() as s:
        doc = documents.create(s, content, now=NOW, status=DocumentStatus.ISSUED)
        new_id = doc.id
    signed = _sign(demo_db, new_id, pki.signer_key())
    sealed = _sign(demo_db, new_id, pki.org_key(), kind="seal")  # no box: no image needed
    report = verify_pdf(sealed, pki.roots, LATER)
    assert report.verdict == VERDICT_VALID and len(report.signatures) == 2
    assert signature_fields.signer_box_in(signed) is None
    assert all(p.valid for p in pdfsig(sealed))


def test_flipped_bytes_and_later_changes_are_reported(demo_db, doc_id, signed, pki, pdfsig):
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    flipped = bytearray(signed)
    start = signed.index(b"stream\n", 200) + 30
    flipped[start] ^= 0x20
    report = verify_pdf(bytes(flipped), pki.roots, LATER)
    assert report.verdict == VERDICT_ALTERED and not report.signatures[0].intact
    (poppler,) = pdfsig(bytes(flipped))
    assert not poppler.valid and "Digest Mismatch" in poppler.text

    w = IncrementalPdfFileWriter(BytesIO(signed))
    ref = w.add_object(generic.StreamObject(stream_data=b"0 0 0 rg 100 100 200 50 re f"))
    w.add_stream_to_page(0, ref)
    out = BytesIO()
    w.write(out)
    report = verify_pdf(out.getvalue(), pki.roots, LATER)
    assert report.verdict == VERDICT_ALTERED and report.signatures[0].changes_after == ["content"]
    (poppler,) = pdfsig(out.getvalue())
    assert poppler.valid and not poppler.total


def test_key_sources_say_what_is_missing(tmp_path):
    with pytest.raises(ValidationError, match="Hãy chọn một nguồn khóa ký"):
        signing.KeySource()
    with pytest.raises(ValidationError, match="chọn thiết bị ký số"):
        signing.KeySource(pkcs11_module=tmp_path / "x.so")
    with pytest.raises(SigningError, match="Không tìm thấy tệp thư viện PKCS#11"):
        signing.open_key(
            signing.KeySource(pkcs11_module=tmp_path / "x.so", token_label="T", key_label="K"),
            "1234",
        )
    src = signing.KeySource(p12_path=tmp_path / "a.p12")
    assert src.secret_name == "mật khẩu" and "a.p12" in src.describe()


def test_signing_settings_are_checked(demo_db, tmp_path):
    from ketluan_desktop.core.org import settings

    with demo_db.write_session() as s, pytest.raises(ValidationError, match="http://"):
        signing_settings.set_signing_settings(s, pkcs11_module=None, tsa="tsa.example.vn")
    with demo_db.write_session() as s, pytest.raises(ValidationError, match="Không tìm thấy tệp"):
        signing_settings.set_signing_settings(s, pkcs11_module=str(tmp_path / "no.dll"), tsa=None)
    module = tmp_path / "token.dll"
    module.write_bytes(b"x")
    with demo_db.write_session() as s:
        signing_settings.set_signing_settings(
            s, pkcs11_module=str(module), tsa=" http://tsa.local/ "
        )
    with demo_db.session() as s:
        assert settings.get(s, "signing.tsa_url") == "http://tsa.local/"
        assert signing_settings.pkcs11_module_path(s) == module and signing_settings.tsa_url(s)
    with demo_db.write_session() as s:
        signing_settings.set_signing_settings(s, pkcs11_module="", tsa="")
    with demo_db.session() as s:
        assert (
            signing_settings.pkcs11_module_path(s) is None and signing_settings.tsa_url(s) is None
        )


def test_output_paths_are_checked_before_signing(tmp_path):
    from ketluan_desktop.core.errors import FileWriteError

    with pytest.raises(FileWriteError, match="Thư mục không tồn tại"):
        signing.check_output_path(tmp_path / "không có" / "a.pdf")
    with pytest.raises(FileWriteError, match="là một thư mục"):
        signing.check_output_path(tmp_path)
    assert signing.check_output_path(tmp_path / "đã ký.pdf") == tmp_path / "đã ký.pdf"
    assert list(tmp_path.iterdir()) == []


def test_hash_labels():
    assert signing.hash_label("sha256") == "SHA-256"
    assert signing.hash_label("sha3_256") == "SHA3-256"
    assert signing.hash_label(None) == "—"


def test_the_signed_render_uses_the_layout_frozen_at_issue(demo_db, doc_id):
    from ketluan_desktop.core.render.profile import HD05

    with demo_db.write_session() as s:
        assert signing.profile_for(s, documents.get(s, doc_id)).name != HD05.name
        documents.get(s, doc_id).layout_snapshot = HD05.to_dict()
    with demo_db.write_session() as s:
        assert signing.profile_for(s, documents.get(s, doc_id)) == HD05

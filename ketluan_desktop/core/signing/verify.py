"""Checking the signatures in any PDF, with pyHanko's validator and its modification analysis.

The verdict is one of four plain Vietnamese phrases, so the office can read it out over the phone:
``VERDICT_VALID``, ``VERDICT_UNTRUSTED``, ``VERDICT_ALTERED``, ``VERDICT_UNSIGNED``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from ketluan_desktop.core.errors import SigningError
from ketluan_desktop.core.signing._common import (
    PdfStructureError,
    name_attribute,
    open_reader,
    require_aware,
    vn_date,
)
from ketluan_desktop.core.signing.certs import (
    is_test_certificate,
    key_usage_problems,
    load_certificates,
)
from ketluan_desktop.core.signing.validation_basis import (
    EmbeddedRevinfo,
    basis_text,
    expired_without_proof,
    read_embedded,
    revocation_note,
    validation_context,
)

if TYPE_CHECKING:
    from pyhanko.pdf_utils.generic import DictionaryObject

VERDICT_VALID = "Hợp lệ"
VERDICT_UNTRUSTED = "Hợp lệ nhưng chứng thư chưa được tin cậy"
VERDICT_ALTERED = "ĐÃ BỊ THAY ĐỔI SAU KHI KÝ"
VERDICT_UNSIGNED = "Không có chữ ký"

# What an incremental update after a signature did, as the report names it.
CHANGE_TEXT = {
    "validation_data": "thêm dữ liệu kiểm tra chữ ký (dấu thời gian, thông tin thu hồi)",
    "signature": "thêm chữ ký số khác",
    "form_fill": "điền biểu mẫu",
    "annotation": "thêm chú thích",
    "content": "thay đổi nội dung văn bản",
}


@dataclass
class SignatureReport:
    field_name: str
    kind: str  # "signature" | "timestamp" (a document timestamp, signed by a TSA)
    signer_name: str | None = None
    signer_organisation: str | None = None
    issuer: str | None = None
    serial: str | None = None
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    signing_time: datetime | None = None  # as claimed by the signer (the signingTime attribute)
    timestamp_time: datetime | None = None  # from a trusted timestamp, when there is one
    hash_algorithm: str | None = None
    intact: bool = False  # the digest of the signed bytes matches
    signature_valid: bool = False  # and the signature over it checks with the certificate's key
    trusted: bool = False  # the certificate chains to one of the trust roots
    covers_whole_file: bool = False
    changes_after: list[str] = field(default_factory=list)  # keys of CHANGE_TEXT
    altered: bool = True
    key_usage_problems: list[str] = field(default_factory=list)
    trust_problems: list[str] = field(default_factory=list)
    test_certificate: bool = False
    error: str | None = None
    validated_at: datetime | None = None  # the moment the certificate was checked at
    basis: str = ""  # what the verdict rests on, in plain words
    revocation_checked: bool = False
    revocation_note: str = ""

    @property
    def ok(self) -> bool:
        return not self.altered and self.trusted and not self.key_usage_problems

    @property
    def changes_text(self) -> str:
        if self.covers_whole_file:
            return "Chữ ký bao trùm toàn bộ tệp."
        if not self.changes_after:
            return "Không xác định được phần được ký."
        parts = ", ".join(CHANGE_TEXT[c] for c in self.changes_after)
        return f"Sau khi ký, tệp có thêm: {parts}."

    @property
    def summary(self) -> str:
        if self.altered:
            return VERDICT_ALTERED
        if not self.ok:
            return VERDICT_UNTRUSTED
        return VERDICT_VALID

    def to_json_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = value.isoformat()
        data["ok"] = self.ok
        data["summary"] = self.summary
        data["changes_text"] = self.changes_text
        return data


@dataclass
class VerificationReport:
    signatures: list[SignatureReport]

    @property
    def verdict(self) -> str:
        if not self.signatures:
            return VERDICT_UNSIGNED
        if any(s.altered for s in self.signatures):
            return VERDICT_ALTERED
        if not all(s.ok for s in self.signatures):
            return VERDICT_UNTRUSTED
        return VERDICT_VALID

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(s.ok for s in self.signatures)

    @property
    def revocation_checked(self) -> bool:
        return bool(self.signatures) and all(s.revocation_checked for s in self.signatures)

    @property
    def verdict_text(self) -> str:
        """The verdict with what a "valid" rests on: revocation unchecked is said, never hidden."""
        if self.ok and not self.revocation_checked:
            return f"{self.verdict} (chưa kiểm tra thu hồi chứng thư)"
        return self.verdict

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "verdict_text": self.verdict_text,
            "revocation_checked": self.revocation_checked,
            "ok": self.ok,
            "signature_count": len(self.signatures),
            "signatures": [s.to_json_dict() for s in self.signatures],
        }


def _fill_certificate(report: SignatureReport, asn1_cert) -> str:
    """Fill the certificate fields; returns the issuer's distinguished name."""
    from cryptography import x509

    cert = x509.load_der_x509_certificate(asn1_cert.dump())
    report.signer_name = name_attribute(cert.subject, "COMMON_NAME")
    report.signer_organisation = name_attribute(cert.subject, "ORGANIZATION_NAME")
    report.issuer = name_attribute(cert.issuer, "COMMON_NAME") or cert.issuer.rfc4514_string()
    report.serial = format(cert.serial_number, "X")
    report.valid_from = cert.not_valid_before_utc
    report.valid_to = cert.not_valid_after_utc
    report.key_usage_problems = key_usage_problems(cert)
    report.test_certificate = is_test_certificate(cert)
    return cert.issuer.rfc4514_string()


def _trust_problems(
    status, report: SignatureReport, issuer_dn: str = "", root_names: frozenset[str] = frozenset()
) -> list[str]:
    problems: list[str] = []
    if status.trusted:
        return problems
    indic = getattr(getattr(status, "trust_problem_indic", None), "name", "") or ""
    moment = getattr(status, "validation_time", None)
    if (
        moment is not None
        and report.valid_from is not None
        and report.valid_to is not None
        and not report.valid_from <= moment <= report.valid_to
    ):
        problems.append(
            f"Chứng thư số không có hiệu lực tại thời điểm kiểm tra ({vn_date(moment)}); "
            f"hiệu lực từ {vn_date(report.valid_from)} đến {vn_date(report.valid_to)}."
        )
    elif status.revoked:
        problems.append("Chứng thư số đã bị thu hồi.")
    elif "NO_CERTIFICATE_CHAIN_FOUND" in indic or status.validation_path is None:
        problems.append(
            "Chứng thư số không xác minh được tới một chứng thư gốc tin cậy (chưa nạp chứng thư "
            "gốc của nhà cung cấp, hoặc chứng thư do nơi khác cấp)."
        )
    elif issuer_dn in root_names:
        # Same issuer name as a trusted root, yet that root's key did not sign it.
        problems.append(
            f"Chứng thư số ghi nơi cấp là «{report.issuer}», trùng tên một chứng thư gốc tin "
            "cậy, nhưng không phải do chứng thư gốc đó cấp (khác khóa). Có thể là chứng thư giả "
            "mạo hoặc của một nơi cấp khác trùng tên: chưa nên tin chữ ký này trước khi hỏi lại "
            "nơi cấp chứng thư."
        )
    else:
        problems.append(
            "Chuỗi chứng thư không được chấp nhận (chứng thư trung gian hoặc gốc hết hạn, sai "
            f"mục đích sử dụng hoặc thuật toán yếu; mã lỗi {indic or 'không rõ'})."
        )
    if report.test_certificate:
        problems.append("Đây là chứng thư KIỂM THỬ, không có giá trị pháp lý.")
    return problems


def _changes(status, later_fields: set[str]) -> list[str]:
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel

    level = status.modification_level
    if level is None or level == ModificationLevel.OTHER:
        return ["content"]
    changes = []
    diff = status.diff_result
    changed = set(diff.changed_form_fields) if isinstance(diff, DiffResult) else set()
    if later_fields:
        changes.append("signature")
    if level >= ModificationLevel.FORM_FILLING and changed - later_fields:
        changes.append("form_fill")
    if level >= ModificationLevel.ANNOTATIONS:
        changes.append("annotation")
    if level == ModificationLevel.LTA_UPDATES or (not changes and level > ModificationLevel.NONE):
        changes.append("validation_data")
    return changes


def _judge_coverage(report: SignatureReport, status, later_fields: set[str]) -> None:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import SignatureCoverageLevel

    coverage = status.coverage
    report.covers_whole_file = coverage == SignatureCoverageLevel.ENTIRE_FILE
    if report.covers_whole_file:
        report.changes_after = []
        modified = False
    elif coverage == SignatureCoverageLevel.ENTIRE_REVISION:
        report.changes_after = _changes(status, later_fields)
        modified = status.modification_level in (None, ModificationLevel.OTHER)
    else:  # bytes outside the signature's own revision are covered oddly: a doctored file
        report.changes_after = ["content"]
        modified = True
    report.altered = (
        not report.intact or not report.signature_valid or modified or status.docmdp_ok is False
    )


def _unreadable(field_name: str, exc: Exception) -> SignatureReport:
    # Conservative on purpose: a signature that cannot be checked must not read as valid.
    return SignatureReport(
        field_name=field_name,
        kind="signature",
        error=(
            "Không kiểm tra được chữ ký này: dữ liệu chữ ký bị hỏng hoặc theo định dạng không "
            f"hỗ trợ ({type(exc).__name__})."
        ),
    )


def _validate(emb_sig, roots, moment, revinfo: EmbeddedRevinfo):
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    strict = revinfo.covers(emb_sig.signer_cert)
    vc = validation_context(roots, moment, revinfo, strict=strict)
    return validate_pdf_signature(
        emb_sig,
        signer_validation_context=vc,
        ts_validation_context=validation_context(roots, moment, revinfo, strict=False),
        # Either usage suffices; our own check reports the problem in plain words.
        key_usage_settings=KeyUsageConstraints(
            key_usage={"digital_signature", "non_repudiation"},
            match_all_key_usages=False,
        ),
    )


def _check_signature(emb_sig, report: SignatureReport, roots, now, revinfo):
    """Validate now; then, when the file can show when it was signed, at that moment."""
    status = _validate(emb_sig, roots, now, revinfo)
    report.signing_time = status.signer_reported_dt
    ts = status.timestamp_validity
    if ts is not None and ts.intact and ts.valid:
        report.timestamp_time = ts.timestamp
    kind = "now"
    if ts is not None and ts.intact and ts.valid and ts.trusted:
        kind, moment = "timestamp", ts.timestamp
    elif revinfo.covers(emb_sig.signer_cert) and report.signing_time is not None:
        kind, moment = "embedded", report.signing_time
    if kind != "now":
        status = _validate(emb_sig, roots, moment, revinfo)
    report.basis = basis_text(kind, status.validation_time)
    return status, kind


def _check_one(
    emb_sig, roots, now, revinfo, later_fields: set[str], root_names: frozenset[str] = frozenset()
) -> SignatureReport:
    from pyhanko.sign.validation import validate_pdf_timestamp

    is_ts = emb_sig.sig_object_type == "/DocTimeStamp"
    report = SignatureReport(
        field_name=emb_sig.field_name, kind="timestamp" if is_ts else "signature"
    )
    kind = "now"
    try:
        issuer_dn = _fill_certificate(report, emb_sig.signer_cert)
        if is_ts:
            vc = validation_context(roots, now, revinfo, strict=False)
            status = validate_pdf_timestamp(emb_sig, validation_context=vc)
            report.timestamp_time = status.timestamp
            report.basis = basis_text("now", status.validation_time)
        else:
            status, kind = _check_signature(emb_sig, report, roots, now, revinfo)
    except Exception as exc:  # a malformed signature must not hide the others
        broken = _unreadable(report.field_name, exc)
        broken.kind = report.kind
        return broken
    report.hash_algorithm = status.md_algorithm
    report.intact = bool(status.intact)
    report.signature_valid = bool(status.valid)
    report.trusted = bool(status.trusted)
    report.validated_at = status.validation_time
    report.revocation_checked = report.trusted and revinfo.covers(emb_sig.signer_cert)
    report.revocation_note = revocation_note(
        emb_sig.signer_cert, report.revocation_checked, revinfo
    )
    report.trust_problems = _trust_problems(status, report, issuer_dn, root_names)
    if not report.trusted and kind == "now" and report.valid_to is not None:
        moment = status.validation_time
        if moment is not None and moment > report.valid_to:
            plain = expired_without_proof(report.signing_time, report.valid_from, report.valid_to)
            if plain:
                report.trust_problems.insert(1, plain)
    _judge_coverage(report, status, later_fields)
    return report


def _embedded(reader) -> list[tuple[str, Any]]:
    """``(field name, EmbeddedPdfSignature or the exception)`` for every filled signature field.

    pyHanko's own list skips signatures it cannot parse or whose SubFilter it does not know; a
    verifier must show those too, so each field is opened separately.
    """
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation import EmbeddedPdfSignature

    found: list[tuple[str, Any]] = []
    for name, _value, field_ref in enumerate_sig_fields(reader, filled_status=True):
        try:
            # pyHanko resolves the field's reference itself; its annotation wants the dictionary
            emb = EmbeddedPdfSignature(reader, cast("DictionaryObject", field_ref), name)
            subfilter = emb.sig_object.get("/SubFilter")
            if subfilter not in _SUBFILTERS:
                raise ValueError(f"SubFilter {subfilter} không được hỗ trợ")
            emb.signed_revision  # noqa: B018 - computing it here surfaces a broken byte range
            found.append((name, emb))
        except Exception as exc:
            found.append((name, exc))
    return found


_SUBFILTERS = ("/adbe.pkcs7.detached", "/ETSI.CAdES.detached", "/ETSI.RFC3161")


def verify_pdf(
    data: bytes,
    trust_roots: list[bytes],
    now: datetime | None = None,
) -> VerificationReport:
    """Check every signature in ``data`` against ``trust_roots`` (PEM or DER certificates).

    ``now`` is the moment certificates must be valid at; ``None`` lets the validator use the
    current time. Non-PDF and encrypted input raise ``SigningError``.
    """
    try:
        reader = open_reader(data)
    except PdfStructureError:
        altered = _altered_beyond_reading(data)
        if altered is None:
            raise
        return altered
    roots = [cert for blob in trust_roots for cert in load_certificates(blob)]
    root_names = frozenset(cert.subject.rfc4514_string() for cert in roots)
    if now is not None:
        require_aware(now)
    revinfo = read_embedded(reader)
    try:
        found = _embedded(reader)
    except Exception as exc:
        altered = _altered_beyond_reading(data)
        if altered is not None:
            return altered
        raise SigningError(
            "Không đọc được phần chữ ký trong tệp PDF (cấu trúc bị hỏng).", detail=repr(exc)
        ) from exc
    readable = sorted(
        ((name, emb) for name, emb in found if not isinstance(emb, Exception)),
        key=lambda item: item[1].signed_revision,
    )
    reports = []
    for i, (_name, emb) in enumerate(readable):
        # Fields signed in later revisions: the "another signature" kind of change after this one.
        later = {n for n, _e in readable[i + 1 :]}
        reports.append(_check_one(emb, roots, now, revinfo, later, root_names))
    reports += [_unreadable(n, e) for n, e in found if isinstance(e, Exception)]
    return VerificationReport(reports)


def _altered_beyond_reading(data: bytes) -> VerificationReport | None:
    """For a PDF too damaged to read: if a signature's signed bytes no longer match its digest,
    the verdict is "altered" (what the office must know), not "damaged"; else ``None``."""
    from ketluan_desktop.core.signing.raw_check import raw_signatures

    found = raw_signatures(data)
    if not any(sig.digest_matches is False for sig in found):
        return None
    reports = []
    for i, sig in enumerate(found, 1):
        report = SignatureReport(
            field_name=f"(chữ ký thứ {i}, không đọc được tên trường)", kind="signature"
        )
        if sig.certificate is not None:
            _fill_certificate(report, sig.certificate)
        report.intact = bool(sig.digest_matches)
        report.changes_after = ["content"]
        report.error = (
            "Dữ liệu đã ký KHÔNG còn khớp với chữ ký: tệp đã bị sửa sau khi ký, đến mức cấu trúc "
            "PDF cũng bị hỏng. Hãy dùng bản gốc đã ký."
            if sig.digest_matches is False
            else "Cấu trúc PDF bị hỏng nên không kiểm tra được đầy đủ chữ ký này."
        )
        reports.append(report)
    return VerificationReport(reports)

"""What a verdict rests on: the moment a signature is checked at, and whether revocation was.

A signature made while its certificate was valid stays valid after the certificate expires, when
the file can show it was made then:

- a trusted timestamp (PAdES B-T): the certificate is checked at the timestamp's time;
- validation data embedded in the file (PAdES B-LT: the CA's revocation list or OCSP answer for
  the signer's certificate, in the document security store): it is checked at the signing time
  the signer's computer recorded, against that data;
- neither: it is checked now, and the report says so plainly.

The app never fetches revocation data while verifying (offices work offline), so a "valid" result
without embedded data says that revocation was not checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ketluan_desktop.core.signing._common import vn_display_time


@dataclass
class EmbeddedRevinfo:
    """Revocation data and certificates the PDF carries in its document security store."""

    crls: list[Any] = field(default_factory=list)  # asn1crypto CertificateList
    ocsps: list[Any] = field(default_factory=list)  # asn1crypto OCSPResponse
    certs: list[Any] = field(default_factory=list)  # asn1crypto Certificate

    def covers(self, cert) -> bool:
        """Whether some CRL of the certificate's issuer, or an OCSP answer about it, is here."""
        issuer = cert.issuer.dump()
        if any(crl["tbs_cert_list"]["issuer"].dump() == issuer for crl in self.crls):
            return True
        serial = cert.serial_number
        return any(serial in _ocsp_serials(resp) for resp in self.ocsps)

    def issued_at(self, cert) -> datetime | None:
        """When the newest revocation data about ``cert`` was issued."""
        times = [
            crl["tbs_cert_list"]["this_update"].native
            for crl in self.crls
            if crl["tbs_cert_list"]["issuer"].dump() == cert.issuer.dump()
        ]
        for resp in self.ocsps:
            if cert.serial_number in _ocsp_serials(resp):
                times.append(
                    resp["response_bytes"]["response"]
                    .parsed["tbs_response_data"]["produced_at"]
                    .native
                )
        return max(times) if times else None


def _ocsp_serials(resp) -> set[int]:
    try:
        data = resp["response_bytes"]["response"].parsed["tbs_response_data"]
        return {single["cert_id"]["serial_number"].native for single in data["responses"]}
    except (KeyError, TypeError, ValueError):
        return set()


def read_embedded(reader) -> EmbeddedRevinfo:
    """The DSS of the file's latest revision; empty when there is none or it is unreadable."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError

    try:
        dss = DocumentSecurityStore.read_dss(reader)
        crls = [asn1_crl.CertificateList.load(r.get_object().data) for r in dss.crls]
        ocsps = [asn1_ocsp.OCSPResponse.load(r.get_object().data) for r in dss.ocsps]
        certs = list(dss.load_certs())
    except NoDSSFoundError:
        return EmbeddedRevinfo()
    except Exception:  # a damaged DSS is simply no usable validation data
        return EmbeddedRevinfo()
    return EmbeddedRevinfo(crls, ocsps, certs)


def validation_context(
    roots: list, moment: datetime | None, revinfo: EmbeddedRevinfo, *, strict: bool
):
    """Offline always; with the file's revocation data, which must then hold (``strict``)."""
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1
    from pyhanko_certvalidator import ValidationContext

    kwargs: dict[str, Any] = {
        "trust_roots": [translate_pyca_cryptography_cert_to_asn1(c) for c in roots],
        "other_certs": revinfo.certs,
        "crls": revinfo.crls,
        "ocsps": revinfo.ocsps,
        "allow_fetching": False,
        # Checked against the file's data when it has some; never failed for lack of a network.
        "revocation_mode": "hard-fail" if strict else "soft-fail",
    }
    if moment is not None:
        kwargs["moment"] = moment
    return ValidationContext(**kwargs)


def has_revocation_pointers(cert) -> bool:
    """Whether the certificate says where its revocation status is published (CRL or OCSP)."""
    try:
        return bool(cert.crl_distribution_points or cert.ocsp_urls)
    except (ValueError, TypeError):
        return False


def revocation_note(cert, checked: bool, revinfo: EmbeddedRevinfo) -> str:
    if checked:
        when = revinfo.issued_at(cert)
        at = f", cấp lúc {vn_display_time(when)}" if when else ""
        return f"đã kiểm tra thu hồi với dữ liệu kèm trong tệp{at}: chứng thư chưa bị thu hồi"
    if has_revocation_pointers(cert):
        return "chưa kiểm tra thu hồi: không có mạng, không có thông tin thu hồi kèm theo"
    return "chưa kiểm tra thu hồi: không có thông tin thu hồi kèm theo"


def basis_text(kind: str, moment: datetime | None) -> str:
    when = vn_display_time(moment) if moment is not None else "—"
    if kind == "timestamp":
        return f"kiểm tra tại thời điểm của dấu thời gian tin cậy ({when})"
    if kind == "embedded":
        return (
            f"kiểm tra tại thời điểm ký ({when}, theo đồng hồ máy người ký), dựa trên dữ liệu "
            "kiểm tra chữ ký kèm trong tệp"
        )
    return (
        f"kiểm tra tại thời điểm hiện tại ({when}); tệp không có dấu thời gian tin cậy hay dữ liệu "
        "kiểm tra chữ ký kèm theo"
    )


def expired_without_proof(signed_at: datetime | None, valid_from, valid_to) -> str | None:
    """For a certificate expired now, in a file that cannot show when it was signed."""
    if signed_at is None or valid_from is None or valid_to is None:
        return None
    if not valid_from <= signed_at <= valid_to:
        return None
    return (
        f"Máy người ký ghi thời điểm ký là {vn_display_time(signed_at)}, khi chứng thư còn hiệu "
        "lực; nhưng tệp không có dấu thời gian tin cậy hay dữ liệu kiểm tra kèm theo nên không "
        "chứng minh được thời điểm đó. Muốn văn bản còn kiểm tra được sau khi chứng thư hết hạn, "
        "hãy ký kèm dấu thời gian hoặc dữ liệu thu hồi (PAdES B-T/B-LT)."
    )

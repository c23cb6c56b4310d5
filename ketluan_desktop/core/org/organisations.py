"""Organisations, their names at a date, terms, people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.errors import NotFoundError, ValidationError
from ketluan_desktop.core.org import settings
from ketluan_desktop.core.org.models import Organisation, OrgKind, OrgNameVersion, Person, Term


@dataclass(frozen=True)
class IssuerNames:
    """The issuing body's names as they stood on one date."""

    organisation_id: int
    name: str
    symbol_code: str
    parent_name: str | None
    place_name: str | None
    office_name: str | None
    numbering_scheme: str


def issuing_body(session: Session) -> Organisation:
    org_id = settings.get(session, "office.issuing_body_id")
    org = session.get(Organisation, org_id) if org_id else None
    if org is None:
        org = session.scalars(
            select(Organisation).where(Organisation.kind == OrgKind.ISSUING_BODY.value).limit(1)
        ).first()
    if org is None:
        raise NotFoundError(
            "Chưa khai báo cơ quan ban hành (ví dụ «Đảng ủy Khối các cơ quan tỉnh»). Hãy vào "
            "Công cụ → Cài đặt để nhập tên cơ quan, hoặc nạp dữ liệu mẫu."
        )
    return org


def names_on(session: Session, org: Organisation, on: date | None) -> IssuerNames:
    versions = sorted(org.names, key=lambda v: v.valid_from or date.min)
    chosen = None
    for v in versions:
        if on is None or v.valid_from is None or v.valid_from <= on:
            chosen = v
    if chosen is None:
        if not versions:
            raise ValidationError(
                f"Cơ quan «{org.name}» chưa có tên và ký hiệu (ví dụ ĐUK) để ghi trên văn bản. "
                "Hãy bổ sung trong Cài đặt."
            )
        chosen = versions[0]
    return IssuerNames(
        organisation_id=org.id,
        name=chosen.name,
        symbol_code=chosen.symbol_code,
        parent_name=chosen.parent_name,
        place_name=chosen.place_name,
        office_name=chosen.office_name,
        numbering_scheme=org.numbering_scheme,
    )


def term_on(session: Session, org_id: int, on: date) -> Term | None:
    stmt = (
        select(Term)
        .where(Term.organisation_id == org_id, Term.start_date <= on)
        .where((Term.end_date.is_(None)) | (Term.end_date >= on))
        .order_by(Term.start_date.desc())
    )
    return session.scalars(stmt).first()


def units(session: Session, *, include_inactive: bool = False) -> list[Organisation]:
    stmt = select(Organisation).where(Organisation.kind != OrgKind.ISSUING_BODY.value)
    if not include_inactive:
        stmt = stmt.where(Organisation.active.is_(True))
    return list(session.scalars(stmt.order_by(Organisation.kind, Organisation.position)))


def find_unit(session: Session, name: str) -> Organisation | None:
    from ketluan_desktop.core.text import fold

    key = fold(name)
    rows = session.scalars(
        select(Organisation).where(
            (Organisation.name_folded == key) | (Organisation.short_name == name)
        )
    ).all()
    return rows[0] if rows else None


def signers(session: Session) -> list[Person]:
    return list(
        session.scalars(
            select(Person)
            .where(Person.can_sign.is_(True), Person.active.is_(True))
            .order_by(Person.name_sort)
        )
    )


@requires(Permission.EDIT_SETTINGS)
def set_issuing_body(
    session: Session,
    *,
    name: str,
    symbol_code: str,
    parent_name: str | None,
    place_name: str | None,
    valid_from: date | None = None,
) -> Organisation:
    """Create or rename the issuing body; a rename from a date keeps the older names for old papers."""
    if not name.strip() or not symbol_code.strip():
        raise ValidationError("Tên cơ quan ban hành và ký hiệu (ví dụ ĐUK) không được để trống.")
    try:
        org = issuing_body(session)
    except NotFoundError:
        org = Organisation(kind=OrgKind.ISSUING_BODY.value, name=name, short_name=symbol_code)
        session.add(org)
        session.flush()
        settings.set_value(session, "office.issuing_body_id", org.id)
    org.name = name
    existing = next((v for v in org.names if v.valid_from == valid_from), None)
    if existing is None:
        existing = OrgNameVersion(valid_from=valid_from, name=name, symbol_code=symbol_code)
        org.names.append(existing)
    existing.name = name
    existing.symbol_code = symbol_code
    existing.parent_name = parent_name
    existing.place_name = place_name
    return org

"""A new office's first setup in one step: the issuing body and its parent, the place name, the
current term (khóa), the usual signers, the units — everything the first conclusion needs to be
drafted, issued and numbered without visiting Settings.

``apply`` writes it all in the caller's one transaction (a half-done setup never stays behind);
``current`` reads it back so the setup can be reopened from «Công cụ» and changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.access.actor import requires
from ketluan_desktop.core.access.permissions import Permission
from ketluan_desktop.core.audit import trail as audit
from ketluan_desktop.core.errors import NotFoundError, ValidationError
from ketluan_desktop.core.org import organisations as org_service
from ketluan_desktop.core.org import settings, terms, unit_sheet, units
from ketluan_desktop.core.org.models import OrgKind, Person, Term
from ketluan_desktop.core.text import clean, fold

SKIPPED = "office.setup_skipped"
DONE = "office.setup_done"


@dataclass
class SignerInput:
    full_name: str
    position: str = ""  # "Bí thư Đảng ủy Khối"
    signature_title: str = ""  # "BÍ THƯ", as the signer block prints it


@dataclass
class OfficeSetup:
    issuer_name: str = ""
    symbol_code: str = ""
    parent_name: str = ""
    place_name: str = ""
    office_name: str = ""
    term_label: str = ""
    term_start: date | None = None
    term_end: date | None = None
    signers: list[SignerInput] = field(default_factory=list)
    default_signer: int = 0  # index in ``signers``
    units: list[str] = field(default_factory=list)  # typed, one name each
    units_file: str | None = None  # an Excel list of units (the units import's layout)


def suggest_symbol(issuer_name: str) -> str:
    """ "Đảng ủy Khối các cơ quan tỉnh" -> "ĐUK": the initials of the first three words."""
    words = (clean(issuer_name) or "").split()[:3]
    return "".join("Đ" if w[0] in "đĐ" else fold(w[0]).upper() for w in words)


def suggest_title(position: str) -> str:
    """ "Phó Bí thư Thường trực Đảng ủy Khối" -> "PHÓ BÍ THƯ": the office, without the body."""
    text = clean(position) or ""
    folded = fold(text)
    cuts = [folded.find(stop) for stop in (" dang uy", " thuong truc", " uy ban", " van phong")]
    cuts = [i for i in cuts if i > 0]
    return (text[: min(cuts)] if cuts else text).upper()


def needs_setup(session: Session) -> bool:
    """A new office: no issuing body yet, and the setup was neither done nor skipped."""
    if settings.get(session, DONE) or settings.get(session, SKIPPED):
        return False
    try:
        org_service.issuing_body(session)
    except NotFoundError:
        return True
    return False


def skip(session: Session) -> None:
    """«Bỏ qua»: not asked again at start-up (still in Công cụ → Thiết lập ban đầu)."""
    settings.set_value(session, SKIPPED, True)


def current(session: Session, *, today: date) -> OfficeSetup:
    """What is already set up (empty fields for a new office)."""
    setup = OfficeSetup()
    try:
        body = org_service.issuing_body(session)
        names = org_service.names_on(session, body, today)
    except (NotFoundError, ValidationError):
        setup.place_name = settings.get(session, "office.default_place") or ""
        return setup
    setup.issuer_name, setup.symbol_code = names.name, names.symbol_code
    setup.parent_name, setup.place_name = names.parent_name or "", names.place_name or ""
    setup.office_name = names.office_name or ""
    term = org_service.term_on(session, body.id, today)
    if term is not None:
        setup.term_label, setup.term_start, setup.term_end = (
            term.label,
            term.start_date,
            term.end_date,
        )
    default_id = settings.get(session, "office.default_signer_id")
    for i, p in enumerate(org_service.signers(session)):
        setup.signers.append(SignerInput(p.full_name, p.position or "", p.signature_title or ""))
        if p.id == default_id:
            setup.default_signer = i
    setup.units = [u.name for u in org_service.units(session)]
    return setup


def check(setup: OfficeSetup) -> list[tuple[str, str]]:
    """What is missing, as (field, Vietnamese message) — the wizard shows each on its page."""
    problems = []
    if not clean(setup.issuer_name):
        problems.append(
            ("issuer_name", "Hãy ghi tên cơ quan ban hành, ví dụ «Đảng ủy Khối các cơ quan tỉnh».")
        )
    if not clean(setup.symbol_code):
        problems.append(
            (
                "symbol_code",
                "Hãy ghi ký hiệu của cơ quan ban hành, ví dụ «ĐUK» (trong «105-KL/ĐUK»).",
            )
        )
    if not clean(setup.place_name):
        problems.append(
            ("place_name", "Hãy ghi địa danh, ví dụ «Thái Nguyên» (dòng «Thái Nguyên, ngày …»).")
        )
    if not clean(setup.term_label) or setup.term_start is None:
        problems.append(
            (
                "term",
                "Hãy ghi nhiệm kỳ hiện tại: khóa (số La Mã, ví dụ IX) và ngày bắt đầu — số văn bản "
                "được đánh lại từ 01 theo từng khóa.",
            )
        )
    if not any(clean(s.full_name) for s in setup.signers):
        problems.append(("signers", "Hãy ghi ít nhất một người ký (họ tên và chức vụ)."))
    if setup.units_file and not Path(setup.units_file).is_file():
        problems.append(("units", f"Không tìm thấy tệp danh sách đơn vị «{setup.units_file}»."))
    return problems


@requires(Permission.EDIT_SETTINGS)
def apply(session: Session, setup: OfficeSetup, *, now: datetime) -> None:
    """Write the whole setup in the caller's transaction; a ``ValidationError`` lists what to fix."""
    problems = [message for _field, message in check(setup)]
    if problems:
        raise ValidationError("Chưa thể lưu thiết lập ban đầu:\n- " + "\n- ".join(problems))
    place = clean(setup.place_name)
    body = org_service.set_issuing_body(
        session,
        name=clean(setup.issuer_name) or "",
        symbol_code=(clean(setup.symbol_code) or "").upper(),
        parent_name=clean(setup.parent_name) or None,
        place_name=place,
    )
    session.flush()
    version = next(v for v in body.names if v.valid_from is None)
    version.office_name = clean(setup.office_name) or None
    settings.set_value(session, "office.default_place", place)
    _save_term(session, setup, now)
    _save_signers(session, setup, body.id)
    _save_units(session, setup, now)
    settings.set_value(session, DONE, True)
    audit.record(
        session,
        now=now,
        action="setup",
        entity="office",
        entity_id=body.id,
        summary=f"Thiết lập ban đầu: {body.name}, khóa {setup.term_label.strip().upper()}",
    )


def _save_term(session: Session, setup: OfficeSetup, now: datetime) -> None:
    label = (clean(setup.term_label) or "").upper().removeprefix("KHÓA ").strip()
    same = session.scalars(select(Term).where(Term.label == label)).first()
    assert setup.term_start is not None  # checked
    terms.save_term(
        session,
        same.id if same is not None else None,
        label=label,
        start_date=setup.term_start,
        end_date=setup.term_end,
        now=now,
    )


def _save_signers(session: Session, setup: OfficeSetup, body_id: int) -> None:
    people = {fold(p.full_name): p for p in session.scalars(select(Person))}
    saved: list[tuple[int, int]] = []  # (index in the form, person id)
    for i, s in enumerate(setup.signers):
        name = clean(s.full_name)
        if not name:
            continue
        person = people.get(fold(name))
        if person is None:
            person = Person(full_name=name, organisation_id=body_id)
            session.add(person)
            people[fold(name)] = person
        person.position = clean(s.position) or None
        title = clean(s.signature_title) or suggest_title(s.position)
        person.signature_title = title.upper() if title else None
        person.can_sign, person.active = True, True
        session.flush()
        saved.append((i, person.id))
    default_id = next((pid for i, pid in saved if i == setup.default_signer), saved[0][1])
    settings.set_value(session, "office.default_signer_id", default_id)


def _save_units(session: Session, setup: OfficeSetup, now: datetime) -> None:
    known = {u.name_folded for u in org_service.units(session, include_inactive=True)}
    for raw in setup.units:
        name = clean(raw)
        if not name or fold(name) in known:
            continue
        kind = unit_sheet.parse_kind(None, name, False) or OrgKind.DEPARTMENT
        if kind is OrgKind.CELL:
            kind = OrgKind.GRASSROOTS  # typed at the top level: a grassroots cell
        units.create(session, units.UnitInput(name=name, kind=kind.value), now=now)
        known.add(fold(name))
    if setup.units_file:
        unit_sheet.import_xlsx(session, setup.units_file, now=now)

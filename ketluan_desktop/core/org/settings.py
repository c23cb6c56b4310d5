"""Office settings stored in the database (shared by every workstation using it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.org.models import Setting
from ketluan_desktop.core.text import nfc

DEFAULTS: dict[str, Any] = {
    "office.issuing_body_id": None,
    "office.default_signer_id": None,
    "office.default_place": None,
    "office.setup_done": None,  # the first-run setup was completed (core/org/office_setup.py)
    "office.setup_skipped": None,  # … or skipped: not offered again at start-up
    "members.return_report_working_days": 7,
    "members.probation_months": 12,
    "members.ceremony_working_days": 30,
    "members.conversion_working_days": 30,
    "members.probation_warning_days": 30,
    # Party badges: milestones (years of Party age), award days (dd/mm), early award for the ill.
    "members.badge_milestones": [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90],
    "members.award_occasions": ["03/02", "19/05", "02/09", "07/11"],
    "members.badge_early_months": 12,
    "members.badge_early_long_from_years": 70,
    "members.badge_early_long_months": 24,
    "members.card_number_pattern": None,
    "tasks.due_soon_days": 7,
    "signing.pkcs11_module": None,
    "signing.tsa_url": None,
    "demo.loaded": None,
}


def _stored(session: Session) -> dict[str, Setting]:
    """Every stored setting, read once per session: a screen asks for a dozen of them, and on a
    server each separate read is a network round trip."""
    rows = session.info.get("ketluan_settings")
    if rows is None:
        rows = {r.key: r for r in session.scalars(select(Setting))}
        session.info["ketluan_settings"] = rows
    return rows


def get(session: Session, key: str, default: Any = None) -> Any:
    row = _stored(session).get(key)
    if row is not None:
        return row.value
    return DEFAULTS.get(key, default) if default is None else default


def set_value(session: Session, key: str, value: Any) -> None:
    if isinstance(value, str):
        value = nfc(value)
    rows = _stored(session)
    row = rows.get(key)
    if row is None:
        row = Setting(key=key, value=value)
        session.add(row)
        rows[key] = row
    else:
        row.value = value


def all_values(session: Session) -> dict[str, Any]:
    values = dict(DEFAULTS)
    for row in session.scalars(select(Setting)):
        values[row.key] = row.value
    return values

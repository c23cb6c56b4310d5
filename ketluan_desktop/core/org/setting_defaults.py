"""The office settings' defaults (what ``settings.get`` gives for a key never stored), without
SQLAlchemy: the start-up's plain reads use them before the ORM is imported."""

from __future__ import annotations

from typing import Any

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

"""Which values are a member's personal data (issue 16): shown and exported only to roles with
``Permission.MEMBER_PERSONAL_DATA``; everyone else sees the name, the organisation and the
procedures' kinds and statuses. Services blank these fields for other roles (``redact``); the
audit screen masks their before/after values."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from ketluan_desktop.core.access.actor import can
from ketluan_desktop.core.access.permissions import Permission

T = TypeVar("T")

# ID (card) number, birth date, origin (address), ethnicity, sex, health, notes; a procedure's
# travel details, reasons (discipline, lost card), card number and free details (family…).
MEMBER_FIELDS = frozenset(
    {
        "gender",
        "birth_date",
        "place_of_origin",
        "ethnicity",
        "card_number",
        "notes",
        "seriously_ill",
    }
)
PROCEDURE_FIELDS = frozenset(
    {
        "travel_from",
        "travel_to",
        "return_report_on",
        "reason",
        "card_number",
        "details",
        "countries",
        "notes",
        "place",
        "result",
    }
)
MASK = "••• (thông tin cá nhân)"


def allowed(session_or_db: Any) -> bool:
    return can(session_or_db, Permission.MEMBER_PERSONAL_DATA)


def redact(obj: T, names: frozenset[str] = MEMBER_FIELDS) -> T:
    """A copy of a dataclass with the personal fields it has set to None."""
    assert is_dataclass(obj)
    present = {f.name for f in fields(obj)} & names
    return replace(obj, **dict.fromkeys(present))  # type: ignore[type-var]


def mask_changes(entity: str, changes: Any) -> Any:
    """``changes`` of an audit entry with personal values replaced by ``MASK`` (field names kept:
    the person may know *that* a birth date changed, not from what to what)."""
    if entity not in ("member", "procedure") or not isinstance(changes, dict):
        return changes
    names = MEMBER_FIELDS | PROCEDURE_FIELDS
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key in ("before", "after") and isinstance(value, dict):
            out[key] = {k: (MASK if k in names and v is not None else v) for k, v in value.items()}
        elif key in names:
            out[key] = MASK
        else:
            out[key] = value
    return out

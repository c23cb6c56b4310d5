"""Office settings stored in the database (shared by every workstation using it); their defaults
in ``setting_defaults``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ketluan_desktop.core.org.models import Setting
from ketluan_desktop.core.org.setting_defaults import DEFAULTS
from ketluan_desktop.core.text import nfc


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

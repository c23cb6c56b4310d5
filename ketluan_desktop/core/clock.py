"""The office's clock: Vietnam time (UTC+7, no daylight saving) whatever zone the workstation's
system is set to. A machine left on UTC would otherwise show a meeting held at 08:00 as 01:00 and
turn "today" over at 07:00 in the morning; documents, deadlines and signatures are all dated in
Vietnam time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

# Vietnam has kept no daylight saving time since 1975: a fixed offset is exact, no tz database.
VN_TZ = timezone(timedelta(hours=7), "ICT")


def office_now() -> datetime:
    return datetime.now(VN_TZ)

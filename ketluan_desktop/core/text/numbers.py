"""Numbers as the office writes them: a dot between thousands ("1.234", "100.000"), the
Vietnamese convention (the same as ``QLocale(Vietnamese).toString``, checked by a test), kept here
so core, the command line and the screens write counts one way."""

from __future__ import annotations


def thousands(n: int) -> str:
    """ "12.345" for 12345; "-1.000" for -1000."""
    return f"{n:,}".replace(",", ".")

"""The reminders' reads as plans: statements that do not wait for each other, and what is made of
their results. A server 20 ms away pays a round trip for each read made after another; the reads
of several plans (the counts, the shown rule's list, the badge candidates' absences and awards)
go out together (``core.db.gathering``), so the dashboard waits for its settings, then for one
batch. On SQLite they simply run in turn."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

Read = Callable[[Session], Any]


@dataclass(frozen=True)
class Plan:
    reads: tuple[Read, ...]
    make: Callable[..., Any]  # called with the reads' results, in order


def run(session: Session, *plans: Plan) -> list[Any]:
    """Each plan's result, every plan's reads gathered side by side."""
    from ketluan_desktop.core.db.gathering import gather_in

    reads = [read for plan in plans for read in plan.reads]
    results = gather_in(session, *reads) if len(reads) > 1 else [r(session) for r in reads]
    out: list[Any] = []
    i = 0
    for plan in plans:
        n = len(plan.reads)
        out.append(plan.make(*results[i : i + n]))
        i += n
    return out


def rows(statement) -> Read:
    """A read of a statement's rows."""
    return lambda s: s.execute(statement).all()

"""The start-up's objects kept out of the garbage collector's full passes.

Once the database is open and the first screen's modules are imported, the process holds about
100,000 objects that live as long as it does: modules, classes, functions, SQLAlchemy's mappers
and compiled caches, the window's wrappers. Python's full collection walks every one of them each
time (about 50 ms of one core, holding the interpreter lock, so the UI thread and the runner's
threads all wait): the first screen's reads allocate enough to set one off in the middle of the
first opening. ``gc.freeze`` moves them to the collector's permanent generation; what is created
from then on is collected as before.

Before that moment (``relax_until_frozen``, called by the window's start) the young generation is
made as large as the commands make it (``cli.COMMAND_GC``): importing SQLAlchemy, the model and
Qt's modules creates hundreds of thousands of objects that all live on and next to no garbage, and
with the default young generation (700 objects) the collector scanned them over and over on the
way to the first screen — a full pass among them (``python -c "import
ketluan_desktop.core.db.schema"``: 0.68–1.24 s against 0.61–0.95 s without the collector). The
freeze puts the default thresholds back.
"""

from __future__ import annotations

import gc

_frozen = False
_built_frozen = False
STARTUP_GC = (100_000, 50, 100)  # as ``cli.COMMAND_GC``: a young generation of 100,000 objects
_previous: tuple[int, int, int] | None = None  # the thresholds ``relax_until_frozen`` replaced


def relax_until_frozen() -> None:
    """Collect rarely until ``freeze_startup_heap`` (the start-up's objects all live on)."""
    global _previous
    if _frozen or _previous is not None:
        return
    _previous = gc.get_threshold()
    gc.set_threshold(*STARTUP_GC)


def freeze_startup_heap() -> bool:
    """Freeze what exists now, once per process; True the first time. No collection first: the
    few cycles the imports left are kept, not worth a full pass on the start-up's path."""
    global _frozen, _previous
    if _frozen:
        return False
    _frozen = True
    gc.freeze()
    if _previous is not None:  # collected as usual from now on
        gc.set_threshold(*_previous)
        _previous = None
    return True


def freeze_built_heap() -> bool:
    """Freeze what the window built ahead, once per process; True the first time. A pass over
    the two younger generations first (a few milliseconds: never the full pass this avoids) so
    the cycles of the reads made meanwhile are freed, not kept."""
    global _built_frozen
    if _built_frozen:
        return False
    _built_frozen = True
    gc.collect(1)
    gc.freeze()
    return True

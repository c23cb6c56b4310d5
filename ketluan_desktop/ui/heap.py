"""The start-up's objects kept out of the garbage collector's full passes.

Once the database is open and the first screen's modules are imported, the process holds about
100,000 objects that live as long as it does: modules, classes, functions, SQLAlchemy's mappers
and compiled caches, the window's wrappers. Python's full collection walks every one of them each
time (about 50 ms of one core, holding the interpreter lock, so the UI thread and the runner's
threads all wait): the first screen's reads allocate enough to set one off in the middle of the
first opening. ``gc.freeze`` moves them to the collector's permanent generation; what is created
from then on is collected as before.
"""

from __future__ import annotations

import gc

_frozen = False
_built_frozen = False


def freeze_startup_heap() -> bool:
    """Freeze what exists now, once per process; True the first time. No collection first: the
    few cycles the imports left are kept, not worth a full pass on the start-up's path."""
    global _frozen
    if _frozen:
        return False
    _frozen = True
    gc.freeze()
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

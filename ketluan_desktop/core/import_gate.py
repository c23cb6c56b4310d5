"""Whether a background thread may import modules yet. Start-up's first read runs on threads
begun before Qt is loaded (``ui/first_read``), and a thread importing while the main thread
imports ``shiboken6`` aborted the process (PySide's bootstrap walks ``sys.modules`` as it
changes: "dictionary changed size during iteration"). What such a thread may import lazily (the
holiday calendar, computed once per year and release) waits here first; the gate is open unless
start-up has closed it, and the main thread never waits."""

from __future__ import annotations

import threading

_open = threading.Event()
_open.set()


def close() -> None:
    """Imports on other threads wait from now on (until ``open_``)."""
    _open.clear()


def open_() -> None:
    _open.set()


def wait() -> None:
    """Before a lazy import: on a thread other than the main one, until the gate is open."""
    if threading.current_thread() is not threading.main_thread():
        _open.wait()

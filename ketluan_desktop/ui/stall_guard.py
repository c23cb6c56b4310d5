"""UI-thread stalls made visible: in tests and in a ``--debug`` run, every event the UI thread
handles for longer than 50 ms is caught, with where the time went.

``GuardedApplication`` times each outermost event dispatch (``notify``): a key press, a click, a
timer, a result arriving from the background runner. A watchdog thread samples the UI thread's
stack once a dispatch has run past the threshold, so the report names the function that held the
window. Work the synchronous test runner does inline (``excluded``) is not counted: in the app it
runs on the background thread. A nested event loop (a modal dialog) restarts the timing.

In tests the measure is the UI thread's CPU time (other processes loading the machine do not count;
nor do the garbage collector's sweeps of a long test session's heap) and the stalls are collected
for the tests to fail on; with ``--debug`` it is wall time, logged with the sampled stacks.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QAbstractEventDispatcher
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

THRESHOLD_S = 0.050
_guard: Guard | None = None


@dataclass(frozen=True)
class Stall:
    ms: float
    what: str
    stack: str

    def report(self) -> str:
        return f"UI thread stalled {self.ms:.0f} ms handling {self.what}\n{self.stack}"


@dataclass
class _Frame:
    """One dispatch being timed: an event, or a result the synchronous runner delivers inline."""

    start: float  # by the guard's clock
    wall: float
    excluded: float = 0.0


class Guard:
    """Times dispatches on the UI thread; keeps (and/or logs) those over the threshold."""

    def __init__(
        self,
        *,
        threshold: float = THRESHOLD_S,
        clock: Callable[[], float] = time.perf_counter,
        log_stalls: bool = True,
        count_gc: bool = True,
        sample_stacks: bool = True,
    ) -> None:
        self.threshold = threshold
        self.clock = clock
        self.log_stalls = log_stalls
        self.stalls: list[Stall] = []
        self._ui_thread = threading.get_ident()
        self._depth = 0  # nested notify calls
        self._paused = 0  # inside ``excluded`` with no dispatch running (start-up in tests)
        self._frames: list[_Frame] = []
        self._samples: list[tuple[float, str]] = []  # (wall time, UI stack) during the dispatch
        self._lock = threading.Lock()
        self._gc_start = 0.0
        if not count_gc:
            import gc

            gc.callbacks.append(self._gc)
        if sample_stacks:
            self._watch = threading.Thread(
                target=self._watchdog, name="stall-watchdog", daemon=True
            )
            self._watch.start()

    def _gc(self, phase: str, _info: dict) -> None:
        """A full collection of a test session's heap is not the code under test: not counted."""
        if threading.get_ident() != self._ui_thread or not self._frames:
            return
        if phase == "start":
            self._gc_start = self.clock()
        elif self._gc_start:
            self._frames[-1].excluded += self.clock() - self._gc_start
            self._gc_start = 0.0

    # -- timing -------------------------------------------------------------------------------
    def enter(self) -> None:
        self._depth += 1
        if self._depth == 1 and not self._paused:
            self._restart()

    def _restart(self) -> None:
        with self._lock:
            self._samples = []
            self._frames = [_Frame(self.clock(), time.perf_counter())]

    def leave(self, describe: Callable[[], str]) -> None:
        self._depth -= 1
        if self._depth or not self._frames:
            return
        self._close(self._frames.pop(), describe)
        self._frames = []

    def _close(self, frame: _Frame, describe: Callable[[], str]) -> float:
        """Report the frame if it stalled; return its whole duration (for its parent)."""
        total = self.clock() - frame.start
        spent = total - frame.excluded
        if spent > self.threshold:
            stall = Stall(spent * 1000, describe(), self._where(frame.wall))
            self.stalls.append(stall)
            if self.log_stalls:
                log.warning(stall.report())
        return total

    def nested_loop_woke(self) -> None:
        """A nested event loop turned: the window is responsive, the outer dispatch is waiting."""
        if self._depth and self._frames:
            self._restart()

    @contextlib.contextmanager
    def excluded(self) -> Iterator[None]:
        """Time not counted (work that would run on the background thread in the app)."""
        if not self._frames:
            self._paused += 1
            try:
                yield
            finally:
                self._paused -= 1
            return
        start = self.clock()
        try:
            yield
        finally:
            if self._frames:
                self._frames[-1].excluded += self.clock() - start

    @contextlib.contextmanager
    def separate(self, what: str) -> Iterator[None]:
        """Timed as a dispatch of its own (a result the app would receive as a separate event)."""
        if not self._frames:
            yield
            return
        frame = _Frame(self.clock(), time.perf_counter())
        self._frames.append(frame)
        try:
            yield
        finally:
            self._frames.remove(frame)
            total = self._close(frame, lambda: what)
            if self._frames:
                self._frames[-1].excluded += total

    def take(self) -> list[Stall]:
        out, self.stalls = self.stalls, []
        return out

    # -- where the time goes ----------------------------------------------------------------------
    def _where(self, since: float) -> str:
        """The UI thread's stacks sampled during the stall: each place with its share."""
        with self._lock:
            stacks = [text for at, text in self._samples if at >= since]
        if not stacks:
            return "".join(traceback.format_stack(limit=14)[:-3])
        counts: dict[str, int] = {}
        for text in stacks:
            counts[text] = counts.get(text, 0) + 1
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
        return "\n".join(f"[{n} of {len(stacks)} samples, 10 ms apart]\n{text}" for text, n in top)

    def _ui_stack(self) -> str | None:
        """The UI thread's stack as text. No frame object outlives this call: a frame keeps its
        locals alive, and a Qt event's Python wrapper kept past its event would be handed out
        again for the next object Qt allocates at the same address."""
        frame = sys._current_frames().get(self._ui_thread)
        if frame is None:
            return None
        try:
            summary = traceback.extract_stack(frame)
        finally:
            del frame
        ours = [f for f in summary if "ketluan_desktop" in f.filename][-8:]
        return "".join(traceback.format_list(ours or summary[-6:]))

    def _watchdog(self) -> None:
        while True:
            time.sleep(0.01)
            frames = self._frames
            if not frames or time.perf_counter() - frames[0].wall < 0.02:
                continue
            try:
                text = self._ui_stack()
            except Exception:
                # Walking a running thread's frames from another thread is not safe on every
                # CPython ("'function' object has no attribute f_lineno" was seen, then a crash):
                # the first sign of it ends the sampling; stalls are still timed and reported.
                log.warning("Ngừng lấy mẫu ngăn xếp luồng giao diện", exc_info=True)
                return
            if text is None:
                continue
            with self._lock:
                if self._frames is frames:
                    self._samples.append((time.perf_counter(), text))


def _describe(receiver, event) -> Callable[[], str]:
    def text() -> str:
        try:
            name = receiver.objectName() or type(receiver).__name__
            return f"{event.type().name} for {type(receiver).__name__} «{name}»"
        except (RuntimeError, AttributeError):
            return "an event"

    return text


class GuardedApplication(QApplication):
    """The QApplication with every outermost dispatch timed by the installed ``Guard``."""

    def notify(self, receiver, event) -> bool:
        guard = _guard
        if guard is None or threading.get_ident() != guard._ui_thread:
            return super().notify(receiver, event)
        guard.enter()
        try:
            return super().notify(receiver, event)
        finally:
            guard.leave(_describe(receiver, event))


def install(app: QApplication, *, threshold: float = THRESHOLD_S, for_tests: bool = False) -> Guard:
    """Start guarding ``app`` (a ``GuardedApplication``); tests count CPU time and keep stalls."""
    global _guard
    if _guard is None:
        clock = time.thread_time if for_tests else time.perf_counter
        _guard = Guard(
            threshold=threshold,
            clock=clock,
            log_stalls=not for_tests,
            count_gc=not for_tests,
            # The test suite runs thousands of dispatches: sampling a running thread's frames
            # from another one crashed CPython 3.11 there once (a segfault in a UI test). Tests
            # report the stalled event and its time; ``--debug`` keeps the sampled stacks.
            sample_stacks=not for_tests,
        )
        dispatcher = QAbstractEventDispatcher.instance(app.thread())
        if dispatcher is not None:
            dispatcher.awake.connect(_guard.nested_loop_woke)
    return _guard


def current() -> Guard | None:
    return _guard


@contextlib.contextmanager
def excluded() -> Iterator[None]:
    """Inline background work (the synchronous test runner): not a stall of the app."""
    guard = _guard
    if guard is None or threading.get_ident() != guard._ui_thread:
        yield
        return
    with guard.excluded():
        yield


@contextlib.contextmanager
def separate(what: str) -> Iterator[None]:
    """A result the synchronous runner delivers inline, timed as the separate event it is."""
    guard = _guard
    if guard is None or threading.get_ident() != guard._ui_thread:
        yield
        return
    with guard.separate(what):
        yield

"""A form built a group of widgets at a time: ahead, on idle, each step short (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator


class StagedBuild:
    """For a widget whose ``_parts`` is a generator building it, pausing (``yield``) between
    groups of widgets; None once it is complete."""

    _parts: Iterator[None] | None

    @property
    def complete(self) -> bool:
        return self._parts is None

    def build_next(self) -> bool:
        """Build the next group of widgets; True once the whole form is built."""
        if self._parts is not None:
            try:
                next(self._parts)
            except StopIteration:
                self._parts = None
        return self._parts is None

    def finish(self) -> None:
        """Build whatever is not built yet."""
        while not self.build_next():
            pass

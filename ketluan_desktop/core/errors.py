"""The one family of errors a user can cause.

Every subclass carries a Vietnamese message that says what is wrong and what to do. The GUI shows it in
a dialog, the CLI prints it and exits 1. Anything that is not a ``KetLuanError`` is a bug.
"""

from __future__ import annotations


class KetLuanError(Exception):
    """A problem the user can understand and fix; ``str(err)`` is the Vietnamese message."""

    def __init__(
        self, message: str, *, detail: str | None = None, cli_hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        # Which command shows what exists ("ketluan documents list"): printed by the CLI only;
        # a window's user has the list in front of them.
        self.cli_hint = cli_hint

    def __str__(self) -> str:
        return self.message


class DatabaseError(KetLuanError):
    """The database file cannot be used as it is (corrupt, newer, unreachable, read-only)."""


class ServerUnavailableError(DatabaseError):
    """The database server cannot be reached (restarting, network down). Nothing was written;
    what the user typed is kept, and the action can be done again once the server is back."""


class ValidationError(KetLuanError):
    """A value entered or imported is not acceptable."""


class NotFoundError(KetLuanError):
    """A record the user asked for does not exist."""


class ConflictError(KetLuanError):
    """Someone else changed the record, or the action would duplicate or overwrite data."""


class DocumentStateError(KetLuanError):
    """The action is not allowed in the document's current state (draft / issued / signed)."""


class ImportError_(KetLuanError):
    """A file could not be imported."""


class RenderError(KetLuanError):
    """A document could not be rendered (missing font, missing glyphs, unwritable output)."""


class SigningError(KetLuanError):
    """A signature could not be made or checked (wrong password/PIN, bad certificate, bad PDF)."""


class SignerMismatchError(SigningError):
    """The certificate belongs to someone other than the signer printed on the document."""


class FileWriteError(KetLuanError):
    """An output file could not be written."""

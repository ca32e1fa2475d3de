"""The one family of exceptions the core raises for things a user can cause.

Each carries a message a person can act on (in the active language); the UI shows it, the CLI
prints it on one line and exits non-zero. Anything else escaping the core is a bug.
"""
from __future__ import annotations


class IdeaBankError(Exception):
    """Base class: `str(error)` is the message to show."""

    exit_code = 1

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class Cancelled(IdeaBankError):
    """Work stopped because the person asked; nothing half-done was kept. One class for every kind
    of long work (window tasks, exports, imports, packages, sync, index rebuilds): callers need one
    `except`, and each kind may subclass it for its own words."""

    def __init__(self, message: str | None = None, *, details: list[str] | None = None) -> None:
        from app.core.i18n import t
        super().__init__(message or t("已取消。", "Cancelled."), details=details)


class NotFound(IdeaBankError):
    exit_code = 3


class PermissionDenied(IdeaBankError):
    exit_code = 4


class ValidationError(IdeaBankError):
    """Bad input; `details` lists each problem (one per field or per import row)."""

    exit_code = 2


class InvalidTransition(IdeaBankError):
    exit_code = 5


class Conflict(IdeaBankError):
    """The data changed underneath, or a unique value is taken."""

    exit_code = 6


class StorageError(IdeaBankError):
    """The database or data folder cannot be used (missing, read-only, corrupt, newer version)."""

    exit_code = 7


class Busy(StorageError):
    """Another program held the database's write lock for longer than the wait allows: try again."""

    exit_code = 8


class DamagedDatabase(StorageError):
    """The store failed SQLite's check: it was moved aside (`moved_to`), never written again;
    `backup` is the newest sound backup to offer (or None)."""

    def __init__(self, message: str, *, moved_to: object = None, backup: object = None) -> None:
        super().__init__(message)
        self.moved_to = moved_to
        self.backup = backup

"""Errors raised by the dossier package.

They derive from the app's IdeaBankError so the CLI and the GUI show them like
any other user-facing error.
"""
from __future__ import annotations

try:  # app/core/errors.py is written in parallel; until it lands keep working alone.
    from app.core.errors import IdeaBankError
except ImportError:  # pragma: no cover - only before the core lands
    class IdeaBankError(Exception):  # type: ignore[no-redef]
        """Stand-in for app.core.errors.IdeaBankError."""

try:
    from app.core.i18n import t
except ImportError:  # pragma: no cover - only before the core lands
    def t(zh: str, en: str, **kw) -> str:  # type: ignore[no-redef]
        return (zh + " / " + en).format(**kw)


class DossierError(IdeaBankError):
    """A dossier could not be produced, read or verified."""


class FontMissingError(DossierError):
    """No CJK font that can be embedded was found on this machine."""

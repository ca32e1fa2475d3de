"""Errors raised by the dossier package: part of the app's IdeaBankError family,
so the CLI prints them on one line and the GUI shows them in a dialog."""
from __future__ import annotations

from app.core.errors import IdeaBankError, NotFound
from app.core.i18n import t

__all__ = ["DossierError", "FontMissingError", "NotFound", "t"]


class DossierError(IdeaBankError):
    """A dossier could not be produced, read or verified."""


class FontMissingError(DossierError):
    """No CJK font that can be embedded was found on this machine."""

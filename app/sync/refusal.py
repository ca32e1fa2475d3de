"""The error for a package that is refused: its message says why, in one line, and nothing changed."""
from __future__ import annotations

from app.core.errors import ValidationError


class PackageRefused(ValidationError):
    exit_code = 9

"""Human-readable serial numbers (CX-2025-7F3A-000123): a per-site counter kept in the settings
table and advanced inside the caller's transaction, so two writers never get the same number and a
rolled-back write gives its number back."""
from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Setting


def next_serial(s: Session, counter: str) -> int:
    row = s.get(Setting, counter)
    value = (row.value if row else 0) + 1
    if row is None:
        s.add(Setting(key=counter, value=value))
    else:
        row.value = value
    return value


def serial_number(s: Session, site_code: str, prefix: str, counter: str, year: int, digits: int) -> str:
    """The site code keeps numbers unique across sites that synchronise later."""
    return f"{prefix}-{year}-{site_code}-{next_serial(s, counter):0{digits}d}"

"""Who is acting: a detached, immutable view of a user, passed to every use case."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.models import User


@dataclass(frozen=True)
class Actor:
    id: str
    employee_no: str
    name: str
    role: str
    studio_id: str | None = None
    unit_id: str | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.id, user.employee_no, user.name, user.role, user.studio_id, user.unit_id)

"""What a write changed, so views refresh only that (after Anki's OpChanges)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Changes:
    project_ids: frozenset[str] = frozenset()
    # Rows appeared or disappeared, or a field that filters and sorts use changed: lists must re-query.
    membership: bool = False
    fields: frozenset[str] = frozenset()
    comments: bool = False
    votes: bool = False
    reviews: bool = False
    attachments: bool = False
    people: bool = False
    notifications: bool = False
    teams: bool = False
    incubation: bool = False
    value: Any = field(default=None, compare=False)  # the use case's result, e.g. a new id

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.project_ids | other.project_ids,
            self.membership or other.membership,
            self.fields | other.fields,
            self.comments or other.comments,
            self.votes or other.votes,
            self.reviews or other.reviews,
            self.attachments or other.attachments,
            self.people or other.people,
            self.notifications or other.notifications,
            self.teams or other.teams,
            self.incubation or other.incubation,
            other.value if other.value is not None else self.value,
        )

"""What a write changed, so views refresh only that (after Anki's OpChanges)."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
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
    tasks: bool = False      # dispatched tasks and their units' reports
    campaigns: bool = False  # merit competitions and their entries
    value: Any = field(default=None, compare=False)  # the use case's result, e.g. a new id

    def __or__(self, other: Changes) -> Changes:
        """Both changes: sets united, flags or-ed, the later value kept."""
        merged: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if f.name == "value":
                merged[f.name] = theirs if theirs is not None else mine
            else:
                merged[f.name] = (mine | theirs) if isinstance(mine, frozenset) else (mine or theirs)
        return Changes(**merged)

"""Helpers every write uses: the audit trail and tombstones."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.core.actor import Actor
from db.models import AuditLog, Tombstone


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(s: Session, actor: Actor | None, entity: str, entity_id: str, action: str, *,
           field: str | None = None, old: Any = None, new: Any = None, site_id: str = "",
           at: Any = None) -> None:
    if actor is not None:  # who changed the fields this transaction flushes (db/sequence.py)
        s.info["actor_id"] = actor.id
    row = AuditLog(actor_id=actor.id if actor else None, entity=entity, entity_id=entity_id, action=action,
                   field=field, old_value=_text(old), new_value=_text(new), site_id=site_id)
    if at is not None:
        row.at = at
    s.add(row)


def tombstone(s: Session, entity: str, entity_id: str, site_id: str, at: Any) -> None:
    """Deleting a synchronised row through the session leaves a tombstone by itself
    (db/sequence.py); this one is for a deletion the session does not see as such."""
    s.add(Tombstone(entity=entity, entity_id=entity_id, site_id=site_id, deleted_at=at))

"""Helpers every write uses: the audit trail and tombstones.

Audit entries are chained by hash per site as they are added (db/audit_chain.py): `record` for
one entry, `chained` for rows inserted in bulk. Entries of other sites arrive by synchronisation
with the place and hash their own site gave them (app/sync inserts them as they are, never
updates them). Anything that adds audit entries another way leaves them out of the chain, and
`ideabank check` says so.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.fields import clean_text
from db.audit_chain import GENESIS, entry_hash
from db.base import new_id, utcnow
from db.models import AuditHead, AuditLog, Tombstone


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    # The entry is hashed as it will be stored: cleaned by the same rules as every stored text, and
    # never refused (an old value may predate the rules; the history must still be written).
    return clean_text(value.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8"))


def record(s: Session, actor: Actor | None, entity: str, entity_id: str, action: str, *,
           field: str | None = None, old: Any = None, new: Any = None, site_id: str = "",
           at: Any = None) -> None:
    if actor is not None:  # who changed the fields this transaction flushes (db/sequence.py)
        s.info["actor_id"] = actor.id
    row = AuditLog(id=new_id(), at=at or utcnow(), actor_id=actor.id if actor else None, entity=entity,
                   entity_id=entity_id, action=action, field=field, old_value=_text(old), new_value=_text(new),
                   site_id=site_id)
    _link(s, site_id, [row])
    s.add(row)


def chained(s: Session, site_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Audit rows built as dictionaries for a bulk insert (each with every column but the chain's),
    given their place in the chain, in order."""
    _link(s, site_id, rows)
    return rows


def _link(s: Session, site_id: str, entries: Iterable[Any]) -> None:
    head = s.get(AuditHead, site_id, with_for_update=True)  # serialises appends on PostgreSQL
    if head is None:
        head = AuditHead(site_id=site_id, seq=0, hash=GENESIS)
        s.add(head)
    seq, prev = head.seq, head.hash
    for entry in entries:
        seq += 1
        if isinstance(entry, dict):
            entry["chain_seq"] = seq
            entry["chain_hash"] = prev = entry_hash(prev, entry)
        else:
            entry.chain_seq = seq
            entry.chain_hash = prev = entry_hash(prev, entry)
    head.seq, head.hash = seq, prev


def tombstone(s: Session, entity: str, entity_id: str, site_id: str, at: Any) -> None:
    """Deleting a synchronised row through the session leaves a tombstone by itself
    (db/sequence.py); this one is for a deletion the session does not see as such."""
    s.add(Tombstone(entity=entity, entity_id=entity_id, site_id=site_id, deleted_at=at))

"""The audit log's hash chain: what one entry's hash covers.

Each entry carries `chain_seq` (1, 2, 3, ... per site: the site that wrote it) and `chain_hash`,
the SHA-256 of the previous hash of the same site's chain and of the entry's own fields in a fixed
JSON form. Changing, removing or reordering an entry breaks every hash after it, so `ideabank
check` names the first entry that no longer fits.

The chain is kept per site, not per database: entries that arrive later from another site by
synchronisation keep the sequence numbers and hashes their own site gave them, and are checked
against that site's chain, whatever order they arrive in here. A database's own entries never
need rewriting when others arrive.

Plain functions of plain values, so the migration that chains existing entries uses exactly these.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Callable

GENESIS = "0" * 64  # the "previous hash" of a site's first entry
FORMAT = 1
FIELDS = ("site_id", "chain_seq", "id", "at", "actor_id", "entity", "entity_id", "action", "field",
          "old_value", "new_value")


def canonical_time(at: dt.datetime) -> str:
    if at.tzinfo is None:  # SQLite hands back naive UTC through plain SQL
        at = at.replace(tzinfo=dt.timezone.utc)
    return at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(prev_hash: str, entry: Any) -> str:
    """The hash of one entry (an AuditLog, a result row or a mapping with the column names)."""
    get: Callable[[str], Any] = entry.get if isinstance(entry, dict) else (lambda k: getattr(entry, k))
    values = [get(k) for k in FIELDS]
    values[0] = values[0] or ""
    values[1] = int(values[1])
    values[3] = canonical_time(values[3])
    data = json.dumps([FORMAT, prev_hash, *values], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()

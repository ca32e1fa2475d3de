"""Pruning tombstones once every known reader has passed them.

A tombstone is kept while some consumer of this database's change sequence may still need it: a
site that pulls from here or a trusted package peer (`site:<id>`: a package peer's cursor is made
when it is trusted and moves with its acknowledgements), a peer this site pushes to, a search index.
Only tombstones numbered at or below the lowest of those cursors, and older than `keep_days`,
go; the counter remembers the mark (`sync_counter.pruned`), so a consumer that comes back with an
older cursor knows it missed deletions (a search index rebuilds; a site rejoins).

An index that has not moved its cursor for `STALE_INDEX_DAYS` is not waited for: it rebuilds
anyway when it comes back below the mark.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, delete, select, update

from db.models import SyncCounter, SyncCursor, Tombstone

if TYPE_CHECKING:
    from app.core.bank import Bank

STALE_INDEX_DAYS = 30


def floor(bank: Bank) -> int:
    """The lowest change number some consumer still needs."""
    now = bank.now()
    with bank.session() as s:
        lowest = s.scalar(select(SyncCounter.seq).where(SyncCounter.id == 1)) or 0
        for consumer, seq, updated in s.execute(select(SyncCursor.consumer, SyncCursor.seq, SyncCursor.updated_at)):
            if consumer.startswith("index:") and updated is not None \
                    and now - updated > dt.timedelta(days=STALE_INDEX_DAYS):
                continue
            if consumer.startswith("pull:"):
                continue  # another database's numbers
            lowest = min(lowest, seq)
    return lowest


def prune_tombstones(bank: Bank, *, keep_days: int = 90) -> int:
    """Delete tombstones every consumer has passed and older than `keep_days`; how many went."""
    mark = floor(bank)
    before = bank.now() - dt.timedelta(days=keep_days)
    with bank.write(stamp=False) as s:
        # Session.execute types every result as Result; a DELETE's is a CursorResult, which counts rows
        gone = cast("CursorResult[Any]", s.execute(delete(Tombstone).where(Tombstone.seq <= mark,
                                                                            Tombstone.deleted_at < before))).rowcount
        if gone:
            s.execute(update(SyncCounter).where(SyncCounter.id == 1, SyncCounter.pruned < mark).values(pruned=mark))
    return int(gone or 0)

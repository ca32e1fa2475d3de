"""Synchronisation bookkeeping: the change counter, consumers' cursors, conflicts, parked records
and the shared attachment store (see docs/SYNC.md)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin, utcnow


class SyncCounter(Base):
    """One row (id 1): the last change-sequence number taken and this site's hybrid logical clock.
    Updated inside every write transaction (db/sequence.py), which is what orders the numbers."""

    __tablename__ = "sync_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=1)
    hlc_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    hlc_n: Mapped[int] = mapped_column(Integer, default=0)
    # Tombstones numbered up to this were pruned: a consumer whose cursor is below it has missed
    # deletions and must start over (a search index rebuilds).
    pruned: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncCursor(Base):
    """How far a consumer has read this database's change sequence: a search index
    (`index:<id>`), a site that pulls from here (`site:<site id>`), this site's own progress with
    a peer (`push:<peer>` = our numbers sent, `pull:<peer>` = the peer's numbers received). Nothing
    a consumer reads is deleted for the others; tombstones are pruned only below every cursor."""

    __tablename__ = "sync_cursors"
    consumer: Mapped[str] = mapped_column(String(100), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    info: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SyncConflict(SyncedMixin, Base):
    """What a merge could not settle on its own, kept for a person to decide; never dropped.

    kind: `field` (two sites changed the same field: `value` lost to the value now in the row),
    `status` (the merged status is not reachable by the lifecycle: `value` is the status refused),
    `edit_delete` (a deletion met an edit it had not seen: the record was kept), `orphan` (a record
    whose parent was deleted elsewhere: `value` holds the whole record), `rejected` (the hub refused
    a change: `reason` says why; the author sees it). Conflicts travel like any other row and are
    deduplicated by id (a hash of what collided), so every site shows the same list."""

    __tablename__ = "sync_conflicts"
    kind: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str | None] = mapped_column(String(60))
    project_id: Mapped[str | None] = mapped_column(String(36), index=True)
    studio_id: Mapped[str | None] = mapped_column(String(36), index=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    value_clock: Mapped[str] = mapped_column(String(64), default="")
    value_by: Mapped[str | None] = mapped_column(String(36))
    winner: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    winner_clock: Mapped[str] = mapped_column(String(64), default="")
    winner_by: Mapped[str | None] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open|resolved
    resolved_by: Mapped[str | None] = mapped_column(String(36))
    resolved_at: Mapped[dt.datetime | None] = mapped_column()
    resolution: Mapped[str] = mapped_column(String(20), default="")  # kept|took_value|dismissed


class SyncPending(Base):
    """A record that arrived before the row it refers to (packages applied out of order): parked
    here, local to this database, and applied as soon as what it needs has arrived."""

    __tablename__ = "sync_pending"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)  # table:id
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_site: Mapped[str] = mapped_column(String(36), default="")
    waiting_for: Mapped[str] = mapped_column(String(80), default="")
    parked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Blob(Base):
    """An attachment's bytes in the database, by SHA-256, for banks that live on a PostgreSQL hub:
    every workstation reaches them, in the same transaction as the row that refers to them.
    Stored in chunks so that neither side holds a 200 MB file in one piece."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    chunks: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class BlobChunk(Base):
    __tablename__ = "blob_chunks"
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256", ondelete="CASCADE"), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)

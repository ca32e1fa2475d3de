"""The audit log and deletion tombstones."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from db import sequence
from db.audit_chain import GENESIS
from db.base import Base, Sequenced, new_id, utcnow


class AuditLog(Sequenced, Base):
    """Who changed what, when: one row per changed field. Append-only (database triggers refuse
    UPDATE and DELETE; synchronisation inserts other sites' entries as they are) and chained by
    hash per site (db/audit_chain.py)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_site_chain", "site_id", "chain_seq", unique=True),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[str | None] = mapped_column(String(36))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    site_id: Mapped[str] = mapped_column(String(36), default="")
    chain_seq: Mapped[int | None] = mapped_column(Integer)
    chain_hash: Mapped[str | None] = mapped_column(String(64))


class AuditHead(Base):
    """The end of this database's own chain for a site: appends take it (a row lock on PostgreSQL,
    the write lock on SQLite), so two writers never fork the chain, and entries cut off the end
    of the log are noticed."""

    __tablename__ = "audit_heads"
    site_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default=GENESIS)


class Tombstone(Sequenced, Base):
    """A deleted synchronised row, so the deletion travels to other sites. `entity` names what was
    deleted (the use cases name it: "project", "vote"; a deletion the session notices by itself
    names its table: app/sync/tables.py maps both); `seen` the row's clocks when it was deleted, so a merge can tell an edit the deletion saw
    from one made concurrently elsewhere (that one keeps the row: see docs/SYNC.md)."""

    __tablename__ = "tombstones"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    deleted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    site_id: Mapped[str] = mapped_column(String(36), default="")
    hlc: Mapped[str] = mapped_column(String(64), default=sequence.stamp_clock, server_default=text("''"))
    seen: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)

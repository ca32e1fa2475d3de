"""The audit log and deletion tombstones."""
from __future__ import annotations

import datetime as dt

from typing import Any

from sqlalchemy import JSON, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from db import sequence
from db.base import Base, Sequenced, new_id, utcnow


class AuditLog(Sequenced, Base):
    """Who changed what, when: one row per changed field."""

    __tablename__ = "audit_log"
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

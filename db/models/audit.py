"""The audit log and deletion tombstones."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, new_id, utcnow


class AuditLog(Base):
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


class Tombstone(Base):
    """A deleted synchronised row, so the deletion travels to other sites."""

    __tablename__ = "tombstones"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    deleted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    site_id: Mapped[str] = mapped_column(String(36), default="")

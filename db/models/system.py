"""Site settings, notifications and autosaved drafts."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin, new_id, utcnow


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Notification(SyncedMixin, Base):
    """An in-app notice: a decision, a comment, a mention."""

    __tablename__ = "notifications"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    project_id: Mapped[str | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    # What it says, as a code and parameters (app/core/notices.py puts them into words when shown);
    # `message` keeps the Chinese words for older versions of the program (and notices without a code).
    code: Mapped[str | None] = mapped_column(String(40))
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    message: Mapped[str] = mapped_column(Text)
    read: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class Draft(Base):
    """Autosaved form contents, so nothing typed is lost when the window closes or the power fails."""

    __tablename__ = "drafts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(String(36), index=True)
    project_id: Mapped[str | None] = mapped_column(String(36))
    form: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    saved_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

"""Merit competitions (立功竞赛): a campaign, its point rules, and the projects entered in it."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin, fact_key
from db.models.projects import Project


class Campaign(SyncedMixin, Base):
    """A campaign tied to the year's key work: a theme, dates (days in the site's time zone, both
    included), the units taking part (ids; each with every unit below it) and the point rules
    (app/core/campaign_rules.py)."""

    __tablename__ = "campaigns"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    theme: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    unit_ids: Mapped[list[str]] = mapped_column(default=list)
    rules: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class CampaignEntry(SyncedMixin, Base):
    """A project entered in a campaign. A fact id of (campaign, project): entering twice, on two
    sites, is one entry. It belongs to its project (sync keeps it with a hidden project)."""

    __tablename__ = "campaign_entries"
    id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                    default=fact_key("campaign_entries", "campaign_id", "project_id"))
    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    entered_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    project: Mapped[Project] = relationship()
    __table_args__ = (UniqueConstraint("campaign_id", "project_id", name="uq_campaign_entries_campaign_project"),)

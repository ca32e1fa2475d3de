"""Incubation requests (孵化委托) to the incubation base, their milestones and progress updates."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin
from db.models.people import Studio, User
from db.models.projects import Project


class IncubationRequest(SyncedMixin, Base):
    __tablename__ = "incubation_requests"
    number: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="RESTRICT"), index=True)
    studio_id: Mapped[str | None] = mapped_column(ForeignKey("studios.id", ondelete="SET NULL"), index=True)
    requester_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # prototype|volume_production|market_promotion|testing|patent_filing
    services: Mapped[list[str]] = mapped_column(default=list)
    maturity: Mapped[str] = mapped_column(String(20), default="prototype")
    quantity: Mapped[int | None] = mapped_column(Integer)
    materials: Mapped[str] = mapped_column(Text, default="")
    budget_lines: Mapped[list[dict[str, Any]]] = mapped_column(default=list)  # [{item, amount}] in yuan
    target_units: Mapped[list[str]] = mapped_column(default=list)
    market: Mapped[str] = mapped_column(Text, default="")
    ip_ownership: Mapped[str] = mapped_column(Text, default="")
    benefit_sharing: Mapped[str] = mapped_column(Text, default="")
    risks: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[dt.datetime | None] = mapped_column()
    decided_at: Mapped[dt.datetime | None] = mapped_column()
    delivered_at: Mapped[dt.datetime | None] = mapped_column()
    closed_at: Mapped[dt.datetime | None] = mapped_column()
    status_changed_at: Mapped[dt.datetime | None] = mapped_column()
    # Delivering while milestones are still open needs the studio leader's word first (a user id;
    # no foreign key, so the column could be added in place, without copying the table).
    delivery_confirmed_by: Mapped[str | None] = mapped_column(String(36))
    delivery_confirmed_at: Mapped[dt.datetime | None] = mapped_column()
    # The outcome, filled in on closing; it flows back into the project.
    units_made: Mapped[int | None] = mapped_column(Integer)
    adopting_units: Mapped[list[str]] = mapped_column(default=list)
    measured_savings: Mapped[float | None] = mapped_column(Float)
    outcome_note: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[Project] = relationship()
    studio: Mapped[Studio | None] = relationship()
    requester: Mapped[User | None] = relationship(foreign_keys=[requester_id])
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="request", order_by="Milestone.position", cascade="all, delete-orphan")

    __table_args__ = (Index("ix_incubation_requests_status_changed", "status", "status_changed_at"),)


class Milestone(SyncedMixin, Base):
    __tablename__ = "incubation_milestones"
    request_id: Mapped[str] = mapped_column(ForeignKey("incubation_requests.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    done_on: Mapped[dt.date | None] = mapped_column(Date)

    request: Mapped[IncubationRequest] = relationship(back_populates="milestones")
    updates: Mapped[list[MilestoneUpdate]] = relationship(
        back_populates="milestone", order_by="MilestoneUpdate.created_at", cascade="all, delete-orphan")


class MilestoneUpdate(SyncedMixin, Base):
    """Progress reported on a milestone; attachments are references into the content-addressed store."""

    __tablename__ = "incubation_milestone_updates"
    milestone_id: Mapped[str] = mapped_column(ForeignKey("incubation_milestones.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    done: Mapped[bool] = mapped_column(default=False)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(default=list)

    milestone: Mapped[Milestone] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()

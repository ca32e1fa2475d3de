"""One-click dispatch (一键下达): a task or notice sent to many units at once, each unit's
responsible person, and the progress they report back (进展反馈)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin, fact_key
from db.models.people import Unit, User


class DispatchTask(SyncedMixin, Base):
    """What was sent: a task (every unit reports and the sender accepts each report) or a notice
    (every unit confirms it has read it). Attachments are references into the content store."""

    __tablename__ = "dispatch_tasks"
    number: Mapped[str] = mapped_column(String(40), unique=True)  # XD-2026-7F3A-0001
    kind: Mapped[str] = mapped_column(String(20), default="task")  # task|notice
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)  # a day in the site's time zone
    sender_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open|closed
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    closed_at: Mapped[dt.datetime | None] = mapped_column()

    sender: Mapped[User | None] = relationship()
    targets: Mapped[list[DispatchTarget]] = relationship(back_populates="task", cascade="all, delete-orphan")


class DispatchTarget(SyncedMixin, Base):
    """One unit a task went to, with its responsible person and where the unit stands. The id is a
    fact id of (task, unit), so a unit is never a target of the same task twice, on any site."""

    __tablename__ = "dispatch_targets"
    id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                    default=fact_key("dispatch_targets", "task_id", "unit_id"))
    task_id: Mapped[str] = mapped_column(ForeignKey("dispatch_tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    responsible_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # pending (nothing yet) | in_progress | reported (summary awaiting the sender) | returned | accepted
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # per cent, as last reported
    reported_at: Mapped[dt.datetime | None] = mapped_column()  # the last summary
    decided_at: Mapped[dt.datetime | None] = mapped_column()   # accepted or returned
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    return_reason: Mapped[str] = mapped_column(Text, default="")
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    reminded_at: Mapped[dt.datetime | None] = mapped_column()

    task: Mapped[DispatchTask] = relationship(back_populates="targets")
    unit: Mapped[Unit] = relationship()
    responsible: Mapped[User | None] = relationship(foreign_keys=[responsible_id])
    reports: Mapped[list[DispatchReport]] = relationship(
        back_populates="target", order_by="DispatchReport.created_at", cascade="all, delete-orphan")
    __table_args__ = (UniqueConstraint("task_id", "unit_id", name="uq_dispatch_targets_task_unit"),)


class DispatchReport(SyncedMixin, Base):
    """One entry of a unit's thread: progress or a summary from the unit, a reminder, an
    acceptance or a return (with its reason) from the sender."""

    __tablename__ = "dispatch_reports"
    target_id: Mapped[str] = mapped_column(ForeignKey("dispatch_targets.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))  # progress|summary|read|reminder|accepted|returned
    note: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[int | None] = mapped_column(Integer)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(default=list)

    target: Mapped[DispatchTarget] = relationship(back_populates="reports")
    author: Mapped[User | None] = relationship()

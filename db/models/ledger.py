"""A studio's own ledger records (台账): activities, study sessions, rewards."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin


class StudioRecord(SyncedMixin, Base):
    """What a studio did that has no other home: an activity, a study session, a reward it gave.
    Synchronised like every SyncedMixin row."""

    __tablename__ = "studio_records"
    studio_id: Mapped[str] = mapped_column(ForeignKey("studios.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # activity|study|reward
    title: Mapped[str] = mapped_column(String(300))
    happened_on: Mapped[dt.date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text, default="")
    participants: Mapped[int | None] = mapped_column(Integer)
    amount: Mapped[float | None] = mapped_column(Float)  # yuan: a reward's money, an activity's cost
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_studio_records_studio_day", "studio_id", "happened_on"),)

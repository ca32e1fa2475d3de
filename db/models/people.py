"""Units (the organisation tree), studios and people."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin


class Unit(SyncedMixin, Base):
    """单位: company → branch → workshop → crew."""

    __tablename__ = "units"
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="crew")  # company|branch|workshop|crew
    code: Mapped[str | None] = mapped_column(String(50))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id")


class Studio(SyncedMixin, Base):
    """职工创新工作室."""

    __tablename__ = "studios"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    level: Mapped[str] = mapped_column(String(20), default="unit")  # national|provincial|company|unit
    leader_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", use_alter=True, ondelete="SET NULL"), index=True
    )
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    founded: Mapped[dt.date | None] = mapped_column(Date)
    premises: Mapped[str | None] = mapped_column(Text)  # where the studio works, e.g. 变电运维车间二楼 120 m²
    funds: Mapped[float | None] = mapped_column(Float)  # yuan per year allotted to the studio
    # The logo for dossiers: SHA-256 of a file in the attachment store (travels with the attachments).
    logo: Mapped[str | None] = mapped_column(String(64))
    # Per-studio settings: rubric weights, answer templates, warning thresholds.
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)

    leader: Mapped[User | None] = relationship(foreign_keys=[leader_id])
    unit: Mapped[Unit | None] = relationship()


class User(SyncedMixin, Base):
    """A person: worker, studio leader, incubation-base manager or admin."""

    __tablename__ = "users"
    employee_no: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    studio_id: Mapped[str | None] = mapped_column(ForeignKey("studios.id", ondelete="SET NULL"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="worker")  # worker|leader|base|admin
    skill_grade: Mapped[str | None] = mapped_column(String(20))
    specialty: Mapped[str | None] = mapped_column(String(200))
    honours: Mapped[list[str]] = mapped_column(default=list)
    password_hash: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    unit: Mapped[Unit | None] = relationship()
    studio: Mapped[Studio | None] = relationship(foreign_keys=[studio_id])

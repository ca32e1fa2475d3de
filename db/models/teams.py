"""Teams (攻关队, 智囊团, studio core teams), the maker alliance (创客联盟) and open calls (揭榜挂帅)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin, fact_key
from db.models.people import Studio, Unit, User
from db.models.projects import Project


class Team(SyncedMixin, Base):
    __tablename__ = "teams"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="tackling")  # tackling|think_tank|studio_core
    leader_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    studio_id: Mapped[str | None] = mapped_column(ForeignKey("studios.id", ondelete="SET NULL"), index=True)
    host_unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    problem: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="active")  # active|disbanded

    leader: Mapped[User | None] = relationship(foreign_keys=[leader_id])
    studio: Mapped[Studio | None] = relationship()
    host_unit: Mapped[Unit | None] = relationship()
    members: Mapped[list[TeamMember]] = relationship(
        back_populates="team", order_by="TeamMember.position", cascade="all, delete-orphan")
    partners: Mapped[list[TeamPartner]] = relationship(cascade="all, delete-orphan")
    projects: Mapped[list[TeamProject]] = relationship(cascade="all, delete-orphan")
    activities: Mapped[list[TeamActivity]] = relationship(
        order_by="TeamActivity.happened_on", cascade="all, delete-orphan")


class TeamMember(SyncedMixin, Base):
    """Unit, specialty and grade are kept as they were when the person joined: a team's record of
    who it was made of should not change when someone later moves unit or passes an exam."""

    __tablename__ = "team_members"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=fact_key("team_members", "team_id", "user_id"))
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    specialty: Mapped[str] = mapped_column(String(200), default="")
    skill_grade: Mapped[str | None] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(100), default="")
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)  # contribution order, 1 contributed most

    team: Mapped[Team] = relationship(back_populates="members")
    user: Mapped[User] = relationship()
    unit: Mapped[Unit | None] = relationship()
    __table_args__ = (UniqueConstraint("team_id", "user_id", name="uq_team_members_team_user"),)


class TeamPartner(SyncedMixin, Base):
    """A partner unit of a joint team (联合攻关); the host unit is on the team itself."""

    __tablename__ = "team_partners"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=fact_key("team_partners", "team_id", "unit_id"))
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)

    unit: Mapped[Unit] = relationship()
    __table_args__ = (UniqueConstraint("team_id", "unit_id", name="uq_team_partners_team_unit"),)


class TeamProject(SyncedMixin, Base):
    __tablename__ = "team_projects"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=fact_key("team_projects", "team_id", "project_id"))
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)

    project: Mapped[Project] = relationship()
    __table_args__ = (UniqueConstraint("team_id", "project_id", name="uq_team_projects_team_project"),)


class TeamActivity(SyncedMixin, Base):
    """A meeting, trial or result. Attachments are references into the data folder's
    content-addressed store ({sha256, name, size}), so a file is kept once however often cited."""

    __tablename__ = "team_activities"
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="meeting")  # meeting|trial|result|other
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    happened_on: Mapped[dt.date] = mapped_column(Date)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(default=list)

    author: Mapped[User | None] = relationship()


class AllianceMember(SyncedMixin, Base):
    """Membership of the maker alliance: the cross-unit pool teams are formed from."""

    __tablename__ = "alliance_members"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=fact_key("alliance_members", "user_id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    specialty: Mapped[str] = mapped_column(String(200), default="")
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship()


class OpenCall(SyncedMixin, Base):
    """揭榜挂帅: a hard problem posted with a call for members or for solutions, open until a deadline."""

    __tablename__ = "open_calls"
    number: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    problem: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="members")  # members|solutions
    poster_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), index=True)
    studio_id: Mapped[str | None] = mapped_column(ForeignKey("studios.id", ondelete="SET NULL"), index=True)
    deadline: Mapped[dt.datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="open")  # open|closed

    poster: Mapped[User | None] = relationship()
    team: Mapped[Team | None] = relationship()
    applications: Mapped[list[CallApplication]] = relationship(
        back_populates="call", order_by="CallApplication.created_at", cascade="all, delete-orphan")


class CallApplication(SyncedMixin, Base):
    __tablename__ = "call_applications"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=fact_key("call_applications", "call_id", "applicant_id"))
    call_id: Mapped[str] = mapped_column(ForeignKey("open_calls.id", ondelete="CASCADE"), index=True)
    applicant_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    statement: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending|accepted|declined
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[dt.datetime | None] = mapped_column()

    call: Mapped[OpenCall] = relationship(back_populates="applications")
    applicant: Mapped[User] = relationship(foreign_keys=[applicant_id])
    __table_args__ = (UniqueConstraint("call_id", "applicant_id", name="uq_call_applications_call_applicant"),)

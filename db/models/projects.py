"""Projects (an idea growing into an achievement) and what hangs off them."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin, fact_key, utcnow
from db.models.people import Studio, User

ANALYTICS_COLUMNS = ("status", "category", "created_at", "studio_id", "proposer_id", "confidentiality", "merged_into_id",
                     "expected_benefit", "measured_benefit", "investment", "id")


class Project(SyncedMixin, Base):
    __tablename__ = "projects"
    # Counters follow the votes and comments a site has; the co-author list merges as one field.
    __sync_derived__ = ("vote_count", "comment_count")
    __sync_collections__ = ("members",)
    # Indexed together with id below rather than alone.
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(30), index=True)
    background: Mapped[str] = mapped_column(Text, default="")
    solution: Mapped[str] = mapped_column(Text, default="")
    innovation_points: Mapped[list[str]] = mapped_column(default=list)
    implementation: Mapped[str] = mapped_column(Text, default="")
    indicators: Mapped[str] = mapped_column(Text, default="")
    promotion: Mapped[str] = mapped_column(Text, default="")
    expected_benefit: Mapped[float | None] = mapped_column(Float)
    measured_benefit: Mapped[float | None] = mapped_column(Float)
    benefit_basis: Mapped[str] = mapped_column(Text, default="")
    investment: Mapped[float | None] = mapped_column(Float)
    social_benefit: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    studio_id: Mapped[str | None] = mapped_column(ForeignKey("studios.id", ondelete="SET NULL"), index=True)
    proposer_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    tags: Mapped[list[str]] = mapped_column(default=list)
    patents: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    awards: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    confidentiality: Mapped[str] = mapped_column(String(20), default="internal")
    # Proposed at a kiosk with only an employee number: a leader confirms it (issue 3).
    kiosk: Mapped[bool] = mapped_column(default=False)
    # Denormalised counters keep the list page a single indexed query.
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    comment_count: Mapped[int] = mapped_column(Integer, default=0)
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    submitted_at: Mapped[dt.datetime | None] = mapped_column()
    decided_at: Mapped[dt.datetime | None] = mapped_column()
    completed_at: Mapped[dt.datetime | None] = mapped_column()
    status_changed_at: Mapped[dt.datetime | None] = mapped_column()

    studio: Mapped[Studio | None] = relationship()
    proposer: Mapped[User | None] = relationship()
    members: Mapped[list[ProjectMember]] = relationship(
        back_populates="project", order_by="ProjectMember.position", cascade="all, delete-orphan"
    )

    # Every list sort ends with id as a tie-breaker (stable paging), so each sortable column gets an
    # index ending in id: without it SQLite sorts each run of equal values in a temporary B-tree.
    __table_args__ = (
        Index("ix_projects_updated_id", "updated_at", "id"),
        Index("ix_projects_status_updated_id", "status", "updated_at", "id"),
        Index("ix_projects_created_id", "created_at", "id"),
        Index("ix_projects_title_id", "title", "id"),
        Index("ix_projects_votes_id", "vote_count", "id"),
        # Every column the analytics read, so their scans read this index instead of the wide rows
        # (at 100,000 projects the table is ~0.6 GB of text; this index ~15 MB). See analytics/scope.py.
        Index("ix_projects_analytics", *ANALYTICS_COLUMNS),
    )


class ProjectMember(SyncedMixin, Base):
    """A co-author, in contribution order (position 1 contributed most). The list travels as a
    field of its project (`members`), not row by row."""

    __tablename__ = "project_members"
    __sync_via__ = "project"
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(100), default="")

    project: Mapped[Project] = relationship(back_populates="members")
    user: Mapped[User] = relationship()
    __table_args__ = (UniqueConstraint("project_id", "user_id", name="uq_project_members_project_user"),)


class ProjectMerge(SyncedMixin, Base):
    """A duplicate merged into a survivor, with what moved, so a leader can undo the merge exactly."""

    __tablename__ = "project_merges"
    survivor_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    merged_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    merged_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    moved_comments: Mapped[list[str]] = mapped_column(default=list)  # comment ids now on the survivor
    moved_votes: Mapped[list[str]] = mapped_column(default=list)     # vote ids now on the survivor
    dropped_voters: Mapped[list[str]] = mapped_column(default=list)  # user ids who had voted on both
    added_members: Mapped[list[str]] = mapped_column(default=list)   # co-authors the survivor gained
    undone_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    undone_at: Mapped[dt.datetime | None] = mapped_column()


class Comment(SyncedMixin, Base):
    __tablename__ = "comments"
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)

    author: Mapped[User | None] = relationship()


class Vote(SyncedMixin, Base):
    __tablename__ = "votes"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=fact_key("votes", "project_id", "user_id"))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    value: Mapped[int] = mapped_column(Integer, default=1)
    __table_args__ = (UniqueConstraint("project_id", "user_id", name="uq_votes_project_user"),)


class Review(SyncedMixin, Base):
    """A leader's rubric scores and decision on a project."""

    __tablename__ = "reviews"
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    scores: Mapped[dict[str, Any]] = mapped_column(default=dict)
    total: Mapped[float | None] = mapped_column(Float)
    decision: Mapped[str | None] = mapped_column(String(20))  # adopt|reject|None (scores only)
    reason: Mapped[str] = mapped_column(Text, default="")
    private_note: Mapped[str] = mapped_column(Text, default="")

    reviewer: Mapped[User | None] = relationship()


class Attachment(SyncedMixin, Base):
    """A file attached to a project; the bytes live once per SHA-256 in the data folder."""

    __tablename__ = "attachments"
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_name: Mapped[str] = mapped_column(String(300))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="document")  # photo_before|photo_after|document|other
    uploaded_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class ProjectStage(Base):
    """One stay of a project in a status: entered when a lifecycle step led into it, left (with the
    days it lasted) at the next step. Written in the same transaction as the audit row of each step
    (and filled from the audit trail by migration 0010), so the analytics read times in stage with
    plain aggregates instead of pairing audit rows on every request. Site-local, like the audit log."""

    __tablename__ = "project_stages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(20))
    entered_at: Mapped[dt.datetime] = mapped_column()
    left_at: Mapped[dt.datetime | None] = mapped_column()
    days: Mapped[float | None] = mapped_column(Float)
    hours: Mapped[int | None] = mapped_column(Integer)  # whole hours of `days`: the median's buckets

    # Covering, so the analytics read stays from indexes alone: a project's stays (a filtered scope
    # joins them to its projects), and every stay by stage and hour (everything, less what is hidden).
    __table_args__ = (Index("ix_project_stages_project", "project_id", "stage", "hours", "days"),
                      Index("ix_project_stages_stage_hours", "stage", "hours", "days"))

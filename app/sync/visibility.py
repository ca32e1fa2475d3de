"""What a site may receive: secret projects and drafts only if one of its people may see them.

A site's people are recorded with its cursor (`sync_cursors`, consumer `site:<id>`,
`info["people"]`: the person who joined it, and anyone added later), or given by the caller.
A site whose people are not known receives no secret project at all. Everything that belongs to a
hidden project stays behind with it: comments, votes, reviews, attachments (and their files),
incubation requests with their milestones, notifications, audit entries and conflicts.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import not_, or_, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.queries import visible_to
from db.models import (
    Attachment,
    Comment,
    IncubationRequest,
    Milestone,
    Notification,
    Project,
    Review,
    SyncCursor,
    TeamProject,
    User,
    Vote,
)

if TYPE_CHECKING:
    from app.core.bank import Bank

EVERYONE = "*"  # the hub, or a site whose administrator receives everything


def site_consumer(site_id: str) -> str:
    return f"site:{site_id}"


@dataclass
class Hidden:
    projects: set[str] = field(default_factory=set)
    requests: set[str] = field(default_factory=set)
    milestones: set[str] = field(default_factory=set)
    children: set[str] = field(default_factory=set)  # ids of rows that belong to hidden projects

    def __bool__(self) -> bool:
        return bool(self.projects)

    def hides(self, table: str, row: Any) -> bool:
        if not self.projects:
            return False
        if table == "projects":
            return row["id"] in self.projects
        if table == "audit_log":
            return row["entity_id"] in self.projects or row["entity_id"] in self.children
        if table == "sync_conflicts":
            return row["project_id"] in self.projects or row["entity_id"] in self.children
        if table == "incubation_milestones":
            return row["request_id"] in self.requests
        if table == "incubation_milestone_updates":
            return row["milestone_id"] in self.milestones
        project_id = row.get("project_id") if hasattr(row, "get") else None
        return project_id in self.projects


def people_of(s: Session, site_id: str) -> list[str] | None:
    row = s.get(SyncCursor, site_consumer(site_id))
    if row is None:
        return None
    people = (row.info or {}).get("people")
    return None if people is None else list(people)


def hidden(bank: Bank, s: Session, for_site: str | None, people: Iterable[str] | str | None) -> Hidden:
    if for_site is None and people is None:
        return Hidden()
    if people is None:
        people = people_of(s, for_site) if for_site else None
    if people == EVERYONE or (isinstance(people, list) and EVERYONE in people):
        return Hidden()
    # Secret projects, and drafts (private to their authors), go only where someone may see them.
    restricted = or_(Project.confidentiality == "secret", Project.status == "draft")
    if not s.scalar(select(Project.id).where(restricted).limit(1)):
        return Hidden()
    viewers = [Actor.of(u) for u in s.scalars(select(User).where(User.id.in_(list(people or []))))]
    clauses = [c for c in (visible_to(v) for v in viewers) if c is not None]
    seen_by_someone = or_(*clauses) if clauses else None
    stmt = select(Project.id).where(restricted)
    if seen_by_someone is not None:
        stmt = stmt.where(not_(seen_by_someone))
    out = Hidden(projects=set(s.scalars(stmt)))
    if not out.projects:
        return out
    ids = list(out.projects)
    for model in (Comment, Vote, Review, Attachment, TeamProject, Notification):
        out.children.update(s.scalars(select(model.id).where(model.project_id.in_(ids))))
    out.requests = set(s.scalars(select(IncubationRequest.id).where(IncubationRequest.project_id.in_(ids))))
    out.milestones = set(s.scalars(select(Milestone.id).where(Milestone.request_id.in_(list(out.requests)))))
    out.children |= out.requests | out.milestones
    return out

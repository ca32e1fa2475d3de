"""The idea board (创意看板): a studio's projects by stage for its leader, with how long each has
been in its stage. One query, only the projects the viewer may see (queries.visible_to); drafts
are private to their authors and never on the board."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.queries import visible_to
from db.models import Project, User

# The lifecycle in order; not adopted sits at the end, out of the main flow.
COLUMNS = ("submitted", "under_review", "adopted", "in_progress", "completed", "incubating", "promoted", "not_adopted")


def default_studio(actor: Actor) -> str | None:
    """The studio a board opens on: a leader's own; None (every studio) for the others."""
    return actor.studio_id if actor.role == "leader" else None


def cards(bank: Bank, actor: Actor, studio_id: str | None = None) -> list[dict[str, Any]]:
    """The board's cards, longest in their stage first: id, number, title, status, proposer, studio_id,
    since (when the project entered its stage) and days (whole days in it)."""
    proposer = aliased(User)
    since = func.coalesce(Project.status_changed_at, Project.created_at)
    stmt = (select(Project.id, Project.number, Project.title, Project.status, proposer.name, Project.studio_id, since)
            .select_from(Project).outerjoin(proposer, proposer.id == Project.proposer_id)
            .where(Project.status.in_(COLUMNS), Project.merged_into_id.is_(None), visible_to(actor))
            .order_by(since, Project.id))
    if studio_id:
        stmt = stmt.where(Project.studio_id == studio_id)
    now = bank.now()
    with bank.session() as s:
        rows = s.execute(stmt).all()
    return [{"id": pid, "number": number, "title": title, "status": status, "proposer": name or "",
             "studio_id": sid, "since": entered, "days": max(0, int((now - entered).total_seconds() // 86400))}
            for pid, number, title, status, name, sid, entered in rows]

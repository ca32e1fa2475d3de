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
from db.base import UTCDateTime
from db.models import Project, User

# The lifecycle in order; not adopted sits at the end, out of the main flow.
COLUMNS = ("submitted", "under_review", "adopted", "in_progress", "completed", "incubating", "promoted", "not_adopted")


def default_studio(actor: Actor) -> str | None:
    """The studio a board opens on: a leader's own; None (every studio) for the others."""
    return actor.studio_id if actor.role == "leader" else None


# Cards shown per column, longest waiting first: a company-wide board of 100,000 projects stays a
# board (the header gives each column's full count; the table view lists them all).
PER_COLUMN = 200


def cards(bank: Bank, actor: Actor, studio_id: str | None = None,
          per_column: int = PER_COLUMN) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The board's cards, longest in their stage first, at most `per_column` per stage: id, number,
    title, status, proposer, studio_id, since (when the project entered its stage) and days (whole
    days in it); and how many projects each stage holds in all."""
    proposer = aliased(User)
    # Typed, so SQLite's naive text comes back as aware UTC like the columns themselves.
    since = func.coalesce(Project.status_changed_at, Project.created_at, type_=UTCDateTime)
    scope = [Project.status.in_(COLUMNS), Project.merged_into_id.is_(None), visible_to(actor)]
    if studio_id:
        scope.append(Project.studio_id == studio_id)
    rank = func.row_number().over(partition_by=Project.status, order_by=(since, Project.id)).label("rank")
    ranked = (select(Project.id, Project.number, Project.title, Project.status, proposer.name.label("proposer"),
                     Project.studio_id, since.label("since"), rank)
              .select_from(Project).outerjoin(proposer, proposer.id == Project.proposer_id).where(*scope)
              .subquery())
    stmt = (select(ranked.c.id, ranked.c.number, ranked.c.title, ranked.c.status, ranked.c.proposer,
                   ranked.c.studio_id, ranked.c.since)
            .where(ranked.c.rank <= per_column).order_by(ranked.c.since, ranked.c.id))
    totals_stmt = select(Project.status, func.count()).where(*scope).group_by(Project.status)
    now = bank.now()
    with bank.session() as s:
        rows = s.execute(stmt).all()
        totals = {status: 0 for status in COLUMNS} | dict(s.execute(totals_stmt).all())
    return ([{"id": pid, "number": number, "title": title, "status": status, "proposer": name or "",
              "studio_id": sid, "since": entered, "days": max(0, int((now - entered).total_seconds() // 86400))}
             for pid, number, title, status, name, sid, entered in rows], totals)

